import {
  DownloadOutlined,
  EditOutlined,
  PlusOutlined,
  SearchOutlined,
  UnlockOutlined,
} from "@ant-design/icons";
import { ROLES, type Role } from "@dxcenter/domain";
import type { TableProps } from "antd";
import {
  App,
  Button,
  Card,
  Empty,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { downloadFile, errorMessage } from "../../api/client";
import { useUnlockUser, useUserList } from "../../api/hooks";
import type { BoolParam, UserItem, UserListParams } from "../../api/types";
import { QueryError } from "../../components/QueryError";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { formatDateTime } from "../../utils/format";
import { UserCreateModal } from "./components/UserCreateModal";
import { isLocked, UserEditModal } from "./components/UserEditModal";

export default function UsersPage() {
  const { t } = useTranslation();
  const ref = useReferenceOptions();
  const [params, setParams] = useState<UserListParams>({ page: 1, pageSize: 20 });
  const [text, setText] = useState("");
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserItem | null>(null);
  const list = useUserList(params);
  const unlock = useUnlockUser();

  const [exporting, setExporting] = useState(false);
  const { message } = App.useApp();
  const onExport = async () => {
    setExporting(true);
    try {
      const { page: _p, pageSize: _s, ...filters } = params;
      await downloadFile("/api/users/export", { ...filters }, "用户列表.xlsx");
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  const patch = (p: Partial<UserListParams>) => setParams((prev) => ({ ...prev, page: 1, ...p }));

  useEffect(() => {
    const h = window.setTimeout(() => {
      const q = text.trim() || undefined;
      setParams((prev) => (prev.q === q ? prev : { ...prev, q, page: 1 }));
    }, 400);
    return () => window.clearTimeout(h);
  }, [text]);

  const columns: TableProps<UserItem>["columns"] = [
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
    {
      title: t("users.lastLoginAt"),
      dataIndex: "lastLoginAt",
      width: 170,
      render: (v: string | null) => formatDateTime(v) || "—",
    },
    {
      title: t("users.createdAt"),
      dataIndex: "createdAt",
      width: 170,
      render: (v: string) => formatDateTime(v),
    },
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
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("users.title")}
        </Typography.Title>
        <Space>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={onExport}
            data-testid="user-export"
          >
            {t("common.exportExcel")}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="user-new"
          >
            {t("users.newUser")}
          </Button>
        </Space>
      </Space>
      <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t("users.searchPlaceholder")}
          style={{ width: 240 }}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => patch({ q: text.trim() || undefined })}
          data-testid="user-search"
        />
        <Select<Role>
          allowClear
          placeholder={t("users.role")}
          style={{ width: 160 }}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          value={params.role}
          onChange={(v) => patch({ role: v })}
        />
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("users.district")}
          style={{ width: 160 }}
          options={ref.districtOptions}
          value={params.districtCode}
          onChange={(v) => patch({ districtCode: v })}
        />
        <Select<BoolParam>
          allowClear
          placeholder={t("users.statusFilter")}
          style={{ width: 130 }}
          options={[
            { value: "false", label: t("users.statusNormal") },
            { value: "true", label: t("users.statusDisabled") },
          ]}
          value={params.disabled}
          onChange={(v) => patch({ disabled: v })}
        />
      </Space>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <div data-testid="user-table">
        <Table<UserItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1100 }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("users.empty")} />,
          }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t("common.total", { total }),
            onChange: (page, pageSize) =>
              setParams((prev) => ({ ...prev, page: pageSize !== prev.pageSize ? 1 : page, pageSize })),
          }}
        />
      </div>
      {creating ? <UserCreateModal onClose={() => setCreating(false)} /> : null}
      {editing ? <UserEditModal key={editing.id} user={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}
