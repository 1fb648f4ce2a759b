import { DownloadOutlined, SearchOutlined } from "@ant-design/icons";
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, auditActionKey, ROLES, type Role } from "@dxcenter/domain";
import type { TableProps } from "antd";
import { App, Button, Card, DatePicker, Empty, Input, Select, Space, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { downloadFile, errorMessage } from "../../api/client";
import { useAuditList } from "../../api/hooks";
import type { AuditItem, AuditParams } from "../../api/types";
import { QueryError } from "../../components/QueryError";
import { formatDateTime } from "../../utils/format";
import { AuditDiff } from "./components/AuditDiff";

interface FilterDraft {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  range: [Dayjs | null, Dayjs | null] | null;
}

const EMPTY: FilterDraft = { actor: "", action: "", entityType: "", entityId: "", range: null };

/** Picked calendar days are Shanghai days: [00:00:00, 23:59:59.999] at +08:00. */
function toParams(d: FilterDraft): AuditParams {
  const [from, to] = d.range ?? [null, null];
  return {
    actor: d.actor.trim() || undefined,
    action: d.action.trim() || undefined,
    entityType: d.entityType.trim() || undefined,
    entityId: d.entityId.trim() || undefined,
    from: from ? `${from.format("YYYY-MM-DD")}T00:00:00+08:00` : undefined,
    to: to ? `${to.format("YYYY-MM-DD")}T23:59:59.999+08:00` : undefined,
  };
}

const isRole = (r: string | null): r is Role => r !== null && (ROLES as readonly string[]).includes(r);

export default function AuditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<FilterDraft>(EMPTY);
  const [filters, setFilters] = useState<AuditParams>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [exporting, setExporting] = useState(false);
  const list = useAuditList({ ...filters, ...paging });

  const apply = () => {
    setFilters(toParams(draft));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const reset = () => {
    setDraft(EMPTY);
    setFilters({});
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const onExport = async () => {
    setExporting(true);
    try {
      await downloadFile("/api/audit/export", { ...filters }, "审计日志导出.xlsx");
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableProps<AuditItem>["columns"] = [
    { title: t("audit.at"), dataIndex: "at", width: 180, render: (v: string) => formatDateTime(v) },
    {
      title: t("audit.actor"),
      dataIndex: "actorName",
      width: 140,
      render: (v: string | null) =>
        v ?? <Typography.Text type="secondary">{t("audit.system")}</Typography.Text>,
    },
    {
      title: t("audit.role"),
      dataIndex: "actorRole",
      width: 120,
      render: (r: string | null) =>
        isRole(r) ? t(`role.${r}`) : r === "system" ? t("audit.system") : (r ?? "—"),
    },
    {
      title: t("audit.action"),
      dataIndex: "action",
      width: 200,
      render: (v: string) => (
        <Tag title={v}>{t(`auditActions.${auditActionKey(v)}`, { defaultValue: v })}</Tag>
      ),
    },
    {
      title: t("audit.entityType"),
      dataIndex: "entityType",
      width: 130,
      render: (v: string) => t(`auditEntities.${v}`, { defaultValue: v }),
    },
    {
      title: t("audit.entityId"),
      dataIndex: "entityId",
      ellipsis: true,
      render: (v: string | null) => (v ? <Typography.Text copyable>{v}</Typography.Text> : "—"),
    },
    { title: t("audit.ip"), dataIndex: "ip", width: 140, render: (v: string | null) => v ?? "—" },
  ];

  return (
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("audit.title")}
        </Typography.Title>
        <Button
          icon={<DownloadOutlined />}
          loading={exporting}
          onClick={() => void onExport()}
          data-testid="audit-export"
        >
          {t("common.exportExcel")}
        </Button>
      </Space>
      <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
        <Input
          allowClear
          placeholder={t("audit.actorPlaceholder")}
          style={{ width: 180 }}
          value={draft.actor}
          onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
          onPressEnter={apply}
          data-testid="audit-actor"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("audit.action")}
          style={{ width: 200 }}
          value={draft.action || undefined}
          onChange={(v: string | undefined) => setDraft({ ...draft, action: v ?? "" })}
          options={AUDIT_ACTIONS.map((a) => ({
            value: a,
            label: t(`auditActions.${auditActionKey(a)}`, { defaultValue: a }),
          }))}
          data-testid="audit-action"
        />
        <Select
          allowClear
          placeholder={t("audit.entityType")}
          style={{ width: 160 }}
          value={draft.entityType || undefined}
          onChange={(v: string | undefined) => setDraft({ ...draft, entityType: v ?? "" })}
          options={AUDIT_ENTITY_TYPES.map((e) => ({ value: e, label: t(`auditEntities.${e}`) }))}
          data-testid="audit-entity-type"
        />
        <Input
          allowClear
          placeholder={t("audit.entityId")}
          style={{ width: 200 }}
          value={draft.entityId}
          onChange={(e) => setDraft({ ...draft, entityId: e.target.value })}
          onPressEnter={apply}
          data-testid="audit-entity-id"
        />
        <DatePicker.RangePicker
          value={draft.range}
          onChange={(r) => setDraft({ ...draft, range: r })}
          allowEmpty={[true, true]}
          data-testid="audit-range"
        />
        <Button type="primary" icon={<SearchOutlined />} onClick={apply} data-testid="audit-search">
          {t("common.search")}
        </Button>
        <Button onClick={reset}>{t("common.reset")}</Button>
      </Space>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <div data-testid="audit-table">
        <Table<AuditItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1100 }}
          expandable={{ expandedRowRender: (item) => <AuditDiff item={item} /> }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("audit.empty")} />,
          }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t("common.total", { total }),
            onChange: (page, pageSize) =>
              setPaging((prev) => ({ page: pageSize !== prev.pageSize ? 1 : page, pageSize })),
          }}
        />
      </div>
    </Card>
  );
}
