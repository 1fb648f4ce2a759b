import { App, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../api/client";
import { useChangePassword } from "../api/hooks";
import { passwordRule } from "../utils/password";
import { applyServerFieldError } from "../utils/serverErrors";

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** Mounted only while open, so every opening starts from an empty form. */
export function ChangePasswordModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();

  const submit = async () => {
    const v = await form.validateFields();
    change.mutate(
      { oldPassword: v.oldPassword, newPassword: v.newPassword },
      {
        onSuccess: () => {
          void message.success(t("auth.passwordChanged"));
          onClose();
        },
        onError: (e) => {
          if (!applyServerFieldError(form, e)) void message.error(errorMessage(e));
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t("auth.changePassword")}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={change.isPending}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
    >
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="oldPassword" label={t("auth.oldPassword")} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t("auth.newPassword")}
          extra={t("auth.passwordRule")}
          rules={[{ required: true }, passwordRule]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t("auth.confirmPassword")}
          dependencies={["newPassword"]}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue("newPassword")
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("auth.passwordMismatch"))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
