import { Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { useChangePassword } from "../api/hooks";
import { useFormSubmit } from "../components/useFormSubmit";
import { passwordRule } from "../utils/password";

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** Mounted only while open, so every opening starts from an empty form. */
export function ChangePasswordModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();

  const submit = useFormSubmit(
    form,
    (v) => change.mutateAsync({ oldPassword: v.oldPassword, newPassword: v.newPassword }),
    { done: t("auth.passwordChanged"), onClose },
  );

  return (
    <Modal
      open
      title={t("auth.changePassword")}
      onCancel={onClose}
      onOk={submit}
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
