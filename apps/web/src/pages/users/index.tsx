import { EditOutlined, UnlockOutlined } from "@ant-design/icons";
import { ROLES, type Role } from "@dxcenter/domain";
import { App, Button, Popconfirm, Space, Tag, Tooltip } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { useUnlockUser, useUserList } from "../../api/hooks";
import type { UserItem } from "../../api/types";
import {
  CreateButton,
  column,
  filter,
  ListPage,
  listSpec,
  param,
  type ServerColumn,
  useListParams,
} from "../../components/list";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { formatDateTime } from "../../utils/format";
import { UserCreateModal } from "./components/UserCreateModal";
import { isLocked, UserEditModal } from "./components/UserEditModal";

const USER_LIST = listSpec({
  filters: { q: param.text, role: param.oneOf(ROLES), districtCode: param.district, disabled: param.bool },
});

export default function UsersPage() {
  const { t } = useTranslation();
  const ref = useReferenceOptions();
  const list = useListParams(USER_LIST);
  const query = useUserList(list.params);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserItem | null>(null);
  const unlock = useUnlockUser();
  const { message } = App.useApp();

  const columns: ServerColumn<UserItem>[] = [
    {
      title: t("users.username"),
      dataIndex: "username",
      render: (v: string, u) => (
        <Space size={4}>
          <span>{v}</span>
          {u.isDemo ? <Tag color="purple">{t("users.demo")}</Tag> : null}
        </Space>
      ),
    },
    { title: t("users.displayName"), dataIndex: "displayName" },
    {
      title: t("users.role"),
      dataIndex: "role",
      render: (r: Role) => <Tag color="blue">{t(`role.${r}`)}</Tag>,
    },
    {
      title: `${t("users.district")} / ${t("users.enterprise")} / ${t("users.organization")}`,
      key: "binding",
      render: (_, u) => u.districtName ?? u.enterpriseName ?? u.organization ?? "—",
    },
    {
      title: t("users.status"),
      key: "status",
      render: (_, u) => (
        <Space size={4}>
          {u.disabled ? (
            <Tag color="red">{t("users.statusDisabled")}</Tag>
          ) : (
            <Tag color="green">{t("users.statusNormal")}</Tag>
          )}
          {isLocked(u) ? (
            <Tooltip title={t("users.lockedUntil", { time: formatDateTime(u.lockedUntil) })}>
              <Tag color="orange">{t("users.statusLocked")}</Tag>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    column.dateTime("lastLoginAt", t("users.lastLoginAt"), { empty: "—" }),
    column.dateTime("createdAt", t("users.createdAt")),
    {
      title: t("common.actions"),
      key: "actions",
      width: 180,
      render: (_, u) => (
        <Space size={0}>
          <Button type="link" icon={<EditOutlined />} onClick={() => setEditing(u)} data-testid="user-edit">
            {t("common.edit")}
          </Button>
          {isLocked(u) ? (
            <Popconfirm
              title={t("users.unlockConfirm")}
              okText={t("users.unlock")}
              cancelText={t("common.cancel")}
              onConfirm={() =>
                unlock.mutateAsync(u.id).then(
                  () => void message.success(t("users.unlocked")),
                  (e: unknown) => void message.error(errorMessage(e)),
                )
              }
            >
              <Button type="link" icon={<UnlockOutlined />} data-testid="user-unlock">
                {t("users.unlock")}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <ListPage
      title={t("users.title")}
      exportInHeader
      export={{ path: "/api/users/export", fileName: "用户列表.xlsx", testId: "user-export" }}
      actions={
        <CreateButton onClick={() => setCreating(true)} testId="user-new">
          {t("users.newUser")}
        </CreateButton>
      }
      list={list}
      resettable={false}
      filters={[
        filter.search(t("users.searchPlaceholder"), 240, { testId: "user-search" }),
        filter.oneOf("role", t("users.role"), 160, ROLES, (r) => t(`role.${r}`)),
        filter.district(t("users.district"), 160, ref.districtOptions),
        {
          kind: "select",
          key: "disabled",
          placeholder: t("users.statusFilter"),
          width: 130,
          options: [
            { value: "false", label: t("users.statusNormal") },
            { value: "true", label: t("users.statusDisabled") },
          ],
        },
      ]}
      testId="user-table"
      columns={columns}
      query={query}
      scrollX={1100}
      empty={t("users.empty")}
    >
      {creating ? <UserCreateModal onClose={() => setCreating(false)} /> : null}
      {editing ? <UserEditModal key={editing.id} user={editing} onClose={() => setEditing(null)} /> : null}
    </ListPage>
  );
}
