import { WARNING_LEVELS, WARNING_STATES } from "@dxcenter/domain";
import { Alert, Button, Card, Tabs, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useWarningList, useWarningRules, type WarningItem } from "../../api/warnings";
import { useCurrentUser } from "../../auth/context";
import { ListHeader, ListView, type ServerColumn, useListParams } from "../../components/list";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { formatDateTime } from "../../utils/format";
import { LevelTag } from "./components/LevelTag";
import { RulesTab } from "./components/RulesTab";
import { WarningDrawer } from "./components/WarningDrawer";
import { STATE_COLOR, WARNING_LIST } from "./listSpec";

function WarningList() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const ref = useReferenceOptions();
  const rules = useWarningRules();
  const list = useListParams(WARNING_LIST);
  const query = useWarningList(list.params);
  const [open, setOpen] = useState<string | null>(null);

  const columns: ServerColumn<WarningItem, "openedAt" | "level" | "state">[] = [
    {
      title: t("warnings.level"),
      dataIndex: "level",
      width: 70,
      sortKey: "level",
      render: (_, w) => <LevelTag level={w.level} />,
    },
    {
      title: t("warnings.warning"),
      dataIndex: "title",
      render: (_, w) => (
        <Button
          type="link"
          style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "left" }}
          onClick={() => setOpen(w.id)}
        >
          {w.title}
        </Button>
      ),
    },
    { title: t("warnings.subject"), dataIndex: "subjectName", width: 200 },
    { title: t("warnings.owner"), dataIndex: "ownerName", width: 120 },
    {
      title: t("warnings.state"),
      dataIndex: "state",
      width: 90,
      sortKey: "state",
      render: (_, w) => (
        <Tag color={STATE_COLOR[w.state]} data-testid="warning-row-state">
          {t(`warnings.states.${w.state}`)}
        </Tag>
      ),
    },
    {
      title: t("warnings.openedAt"),
      dataIndex: "openedAt",
      width: 150,
      sortKey: "openedAt",
      render: (v: string) => formatDateTime(v),
    },
  ];

  return (
    <>
      <ListView
        list={list}
        filters={[
          {
            kind: "search",
            key: "q",
            placeholder: t("warnings.searchPlaceholder"),
            width: 220,
            testId: "warning-search",
          },
          {
            kind: "select",
            key: "level",
            placeholder: t("warnings.levelFilter"),
            width: 100,
            testId: "warning-filter-level",
            options: WARNING_LEVELS.map((l) => ({ value: l, label: t(`warnings.levels.${l}`) })),
          },
          {
            kind: "select",
            key: "state",
            placeholder: t("warnings.stateFilter"),
            width: 120,
            options: WARNING_STATES.map((s) => ({ value: s, label: t(`warnings.states.${s}`) })),
          },
          {
            kind: "select",
            key: "rule",
            placeholder: t("warnings.ruleFilter"),
            width: 180,
            loading: rules.isLoading,
            options: (rules.data ?? [])
              .filter((r) => r.status !== "pending")
              .map((r) => ({ value: r.rule.id, label: r.rule.name })),
          },
          me.role === "city_admin" && {
            kind: "select",
            key: "district",
            searchable: true,
            placeholder: t("warnings.districtFilter"),
            width: 140,
            loading: ref.loading,
            options: ref.districtOptions,
          },
          { kind: "check", key: "active", label: t("warnings.activeOnly"), testId: "warning-filter-active" },
        ]}
        export={{
          path: "/api/warnings/export",
          fileName: t("warnings.exportName"),
          testId: "warning-export",
        }}
        query={query}
        columns={columns}
        empty={t("warnings.empty")}
        testId="warning-table"
      />
      <WarningDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}

/** 预警中心: the warnings in the caller's scope (filters in the URL, export), a drawer per warning, the rules. */
export default function WarningsPage() {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const tab = sp.get("tab") === "rules" ? "rules" : "list";
  return (
    <Card>
      <ListHeader title={t("warnings.title")} marginBottom={8} />
      <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t("warnings.hint")} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp(k === "rules" ? new URLSearchParams({ tab: "rules" }) : new URLSearchParams())}
        items={[
          { key: "list", label: t("warnings.tabs.list"), children: tab === "list" ? <WarningList /> : null },
          { key: "rules", label: t("warnings.tabs.rules"), children: tab === "rules" ? <RulesTab /> : null },
        ]}
      />
    </Card>
  );
}
