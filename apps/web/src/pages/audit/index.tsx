import { SearchOutlined } from "@ant-design/icons";
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, auditActionKey, ROLES, type Role } from "@dxcenter/domain";
import { Button, DatePicker, Input, Select, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAuditList } from "../../api/hooks";
import type { AuditItem, AuditParams } from "../../api/types";
import {
  column,
  ListPage,
  listSpec,
  type ParamsOf,
  param,
  type ServerColumn,
  useListParams,
} from "../../components/list";
import { AuditDiff } from "./components/AuditDiff";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const AUDIT_LIST = listSpec({
  filters: {
    actor: param.text,
    action: param.text,
    entityType: param.text,
    entityId: param.text,
    from: param.matching(DAY),
    to: param.matching(DAY),
  },
});
type AuditListParams = ParamsOf<typeof AUDIT_LIST>;

interface FilterDraft {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  range: [Dayjs | null, Dayjs | null] | null;
}

const day = (d: string | undefined) => (d ? dayjs(d) : null);
const toDraft = (p: AuditListParams): FilterDraft => ({
  actor: p.actor ?? "",
  action: p.action ?? "",
  entityType: p.entityType ?? "",
  entityId: p.entityId ?? "",
  range: p.from || p.to ? [day(p.from), day(p.to)] : null,
});

/** The draft as URL filters (picked days as YYYY-MM-DD). */
function toUrl(d: FilterDraft) {
  const [from, to] = d.range ?? [null, null];
  return {
    actor: d.actor.trim() || undefined,
    action: d.action.trim() || undefined,
    entityType: d.entityType.trim() || undefined,
    entityId: d.entityId.trim() || undefined,
    from: from?.format("YYYY-MM-DD"),
    to: to?.format("YYYY-MM-DD"),
  };
}

/** Picked calendar days are Shanghai days: [00:00:00, 23:59:59.999] at +08:00. */
function toApi({ from, to, ...rest }: AuditListParams): AuditParams {
  return {
    ...rest,
    from: from ? `${from}T00:00:00+08:00` : undefined,
    to: to ? `${to}T23:59:59.999+08:00` : undefined,
  };
}

const isRole = (r: string | null): r is Role => r !== null && (ROLES as readonly string[]).includes(r);

export default function AuditPage() {
  const { t } = useTranslation();
  const list = useListParams(AUDIT_LIST);
  const apiParams = toApi(list.params);
  const query = useAuditList(apiParams);
  const [draft, setDraft] = useState<FilterDraft>(() => toDraft(list.params));
  // Follow the URL (back/forward, 重置).
  useEffect(() => setDraft(toDraft(list.params)), [list.params]);
  const apply = () => list.update(toUrl(draft));

  const columns: ServerColumn<AuditItem>[] = [
    column.dateTime("at", t("audit.at"), { width: 180 }),
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
    <ListPage
      title={t("audit.title")}
      exportInHeader
      export={{
        path: "/api/audit/export",
        query: { ...apiParams },
        fileName: "审计日志导出.xlsx",
        testId: "audit-export",
      }}
      list={list}
      filters={[
        <Input
          key="actor"
          allowClear
          placeholder={t("audit.actorPlaceholder")}
          style={{ width: 180 }}
          value={draft.actor}
          onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
          onPressEnter={apply}
          data-testid="audit-actor"
        />,
        <Select
          key="action"
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
        />,
        <Select
          key="entityType"
          allowClear
          placeholder={t("audit.entityType")}
          style={{ width: 160 }}
          value={draft.entityType || undefined}
          onChange={(v: string | undefined) => setDraft({ ...draft, entityType: v ?? "" })}
          options={AUDIT_ENTITY_TYPES.map((e) => ({ value: e, label: t(`auditEntities.${e}`) }))}
          data-testid="audit-entity-type"
        />,
        <Input
          key="entityId"
          allowClear
          placeholder={t("audit.entityId")}
          style={{ width: 200 }}
          value={draft.entityId}
          onChange={(e) => setDraft({ ...draft, entityId: e.target.value })}
          onPressEnter={apply}
          data-testid="audit-entity-id"
        />,
        <DatePicker.RangePicker
          key="range"
          value={draft.range}
          onChange={(r) => setDraft({ ...draft, range: r })}
          allowEmpty={[true, true]}
          data-testid="audit-range"
        />,
        <Button
          key="search"
          type="primary"
          icon={<SearchOutlined />}
          onClick={apply}
          data-testid="audit-search"
        >
          {t("common.search")}
        </Button>,
      ]}
      testId="audit-table"
      columns={columns}
      query={query}
      scrollX={1100}
      expandable={{ expandedRowRender: (item) => <AuditDiff item={item} /> }}
      empty={t("audit.empty")}
    />
  );
}
