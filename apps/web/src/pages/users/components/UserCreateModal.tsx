import { ROLES, type Role } from "@dxcenter/domain";
import { Form, Input, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useCreateUser } from "../../../api/hooks";
import type { CreateUserBody } from "../../../api/types";
import { useFormSubmit } from "../../../components/useFormSubmit";
import { useReferenceOptions } from "../../../components/useReferenceOptions";
import { passwordRule } from "../../../utils/password";
import { EnterprisePicker } from "./EnterprisePicker";

interface Values {
  username: string;
  displayName: string;
  role?: Role;
  districtCode?: string;
  enterpriseId?: string | null;
  organization?: string;
  password: string;
}

const ORG_ROLES: readonly Role[] = ["provider", "expert", "department"];

const toBody = (v: Values): CreateUserBody => ({
  username: v.username.trim(),
  displayName: v.displayName.trim(),
  role: v.role ?? "enterprise",
  districtCode: v.role === "district_admin" ? (v.districtCode ?? null) : null,
  enterpriseId: v.role === "enterprise" ? (v.enterpriseId ?? null) : null,
  organization: v.role && ORG_ROLES.includes(v.role) ? v.organization?.trim() || null : null,
  password: v.password,
});

/** Mounted only while open, so every opening starts from an empty form. */
export function UserCreateModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const ref = useReferenceOptions();
  const create = useCreateUser();
  const role = Form.useWatch("role", form);

  const submit = useFormSubmit(form, (v) => create.mutateAsync(toBody(v)), {
    done: t("users.created"),
    onClose,
  });

  return (
    <Modal
      open
      title={t("users.newUser")}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={create.isPending}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      width={560}
    >
      <Form form={form} layout="vertical" data-testid="user-create-form">
        <Form.Item
          name="username"
          label={t("users.username")}
          rules={[{ required: true, pattern: /^[a-zA-Z0-9_.-]{3,64}$/, message: t("users.usernameRule") }]}
        >
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t("users.displayName")}
          rules={[{ required: true, whitespace: true, message: t("users.displayNameRequired") }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="role"
          label={t("users.role")}
          rules={[{ required: true, message: t("users.roleRequired") }]}
        >
          <Select options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        {role === "district_admin" ? (
          <Form.Item
            name="districtCode"
            label={t("users.district")}
            rules={[{ required: true, message: t("users.districtRequired") }]}
          >
            <Select showSearch={{ optionFilterProp: "label" }} options={ref.currentDistrictOptions} />
          </Form.Item>
        ) : null}
        {role === "enterprise" ? (
          <Form.Item
            name="enterpriseId"
            label={t("users.enterprise")}
            rules={[{ required: true, message: t("users.enterpriseRequired") }]}
          >
            <EnterprisePicker />
          </Form.Item>
        ) : null}
        {role && ORG_ROLES.includes(role) ? (
          <Form.Item name="organization" label={t("users.organization")} rules={[{ max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="password"
          label={t("users.password")}
          extra={t("auth.passwordRule")}
          rules={[{ required: true, message: t("auth.passwordRule") }, passwordRule]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
