import { App, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../api/client";
import { useChangePassword } from "../api/hooks";
import { applyServerFieldError } from "../utils/serverErrors";
import { passwordRule } from "../utils/password";

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
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
          form.resetFields();
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
      open={open}
      title={t("auth.changePassword")}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={change.isPending}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      destroyOnHidden
      forceRender
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
