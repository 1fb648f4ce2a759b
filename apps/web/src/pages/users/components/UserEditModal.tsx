import { Alert, Checkbox, Descriptions, Form, Input, Modal, Switch } from "antd";
import { useTranslation } from "react-i18next";
import { useUpdateUser } from "../../../api/hooks";
import type { UpdateUserBody, UserItem } from "../../../api/types";
import { useFormSubmit } from "../../../components/useFormSubmit";
import { formatDateTime } from "../../../utils/format";
import { passwordRule } from "../../../utils/password";

interface Values {
  displayName: string;
  organization?: string | null;
  disabled: boolean;
  password?: string;
  unlock?: boolean;
}

export function isLocked(u: Pick<UserItem, "lockedUntil">): boolean {
  return !!u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now();
}

/** Mounted only while a user is being edited; the form starts from that user's values. */
export function UserEditModal({ user, onClose }: { user: UserItem; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const update = useUpdateUser();

  const toBody = (v: Values): UpdateUserBody => {
    const body: UpdateUserBody = { version: user.version };
    if (v.displayName.trim() !== user.displayName) body.displayName = v.displayName.trim();
    if (v.disabled !== user.disabled) body.disabled = v.disabled;
    if (v.organization !== undefined) {
      const org = v.organization?.trim() || null;
      if (org !== (user.organization ?? null)) body.organization = org;
    }
    if (v.password) body.password = v.password;
    if (v.unlock) body.unlock = true;
    return body;
  };
  const submit = useFormSubmit(form, (v) => update.mutateAsync({ id: user.id, body: toBody(v) }), {
    done: t("users.updated"),
    onClose,
  });

  const locked = isLocked(user);
  const initialValues: Values = {
    displayName: user.displayName,
    organization: user.organization,
    disabled: user.disabled,
    password: "",
    unlock: false,
  };

  return (
    <Modal
      open
      title={t("users.editUser")}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={update.isPending}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      width={560}
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: "username", label: t("users.username"), children: user.username },
          { key: "role", label: t("users.role"), children: t(`role.${user.role}`) },
          ...(user.districtName
            ? [{ key: "d", label: t("users.district"), children: user.districtName }]
            : []),
          ...(user.enterpriseName
            ? [{ key: "e", label: t("users.enterprise"), children: user.enterpriseName }]
            : []),
        ]}
      />
      {locked ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("users.lockedUntil", { time: formatDateTime(user.lockedUntil) })}
        />
      ) : null}
      <Form form={form} layout="vertical" initialValues={initialValues} data-testid="user-edit-form">
        <Form.Item
          name="displayName"
          label={t("users.displayName")}
          rules={[{ required: true, whitespace: true, message: t("users.displayNameRequired") }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        {["provider", "expert", "department"].includes(user.role) ? (
          <Form.Item name="organization" label={t("users.organization")} rules={[{ max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
        ) : null}
        <Form.Item name="disabled" label={t("users.disabled")} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item
          name="password"
          label={t("users.resetPassword")}
          extra={t("users.resetPasswordHint")}
          rules={[passwordRule]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {locked ? (
          <Form.Item name="unlock" valuePropName="checked">
            <Checkbox>{t("users.unlock")}</Checkbox>
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
