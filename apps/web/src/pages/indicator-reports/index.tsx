import { REPORT_STATES } from "@dxcenter/domain";
import { Alert, App, Button, Card, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { type ReportItem, useGenerateReports, useReportList } from "../../api/indicator-reports";
import { useIndicators } from "../../api/indicators";
import { useCurrentUser } from "../../auth/context";
import { DownloadButton } from "../../components/DownloadButton";
import {
  ExportButton,
  exportQuery,
  FilterBar,
  ListHeader,
  type ServerColumn,
  ServerTable,
  useListParams,
} from "../../components/list";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { formatDateTime } from "../../utils/format";
import { ReportDrawer } from "./components/ReportDrawer";
import { UploadPanel } from "./components/UploadPanel";
import { REPORT_LIST, STATE_COLOR } from "./listSpec";

type Sort = "dueDate" | "period" | "indicator" | "status" | "updatedAt";

/** 指标填报任务: the tasks in the caller's scope, the fill drawer, the Excel template and the city's review. */
export default function IndicatorReportsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const ref = useReferenceOptions();
  const indicators = useIndicators();
  const list = useListParams(REPORT_LIST);
  const query = useReportList(list.params);
  const generate = useGenerateReports();
  const [open, setOpen] = useState<string | null>(null);
  const city = me.role === "city_admin";
  const reported = (indicators.data ?? []).filter((d) => d.kind === "reported");

  const columns: ServerColumn<ReportItem, Sort>[] = [
    {
      title: t("reports.indicator"),
      dataIndex: "indicatorName",
      width: 240,
      sortKey: "indicator",
      render: (_, r) => (
        <Button
          type="link"
          style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "left" }}
          onClick={() => setOpen(r.id)}
          data-testid="report-open"
        >
          {r.indicatorName}
        </Button>
      ),
    },
    { title: t("reports.period"), dataIndex: "period", width: 90, sortKey: "period" },
    { title: t("reports.scope"), dataIndex: "scopeName", width: 100 },
    { title: t("reports.owner"), dataIndex: "ownerName", width: 150 },
    {
      title: t("reports.value"),
      dataIndex: "value",
      width: 110,
      align: "right",
      render: (_, r) => (r.value === null ? "—" : `${r.value} ${r.unit}`),
    },
    {
      title: t("reports.lastValue"),
      dataIndex: "lastValue",
      width: 110,
      align: "right",
      render: (_, r) => (r.lastValue === null ? "—" : `${r.lastValue} ${r.unit}`),
    },
    {
      title: t("reports.state"),
      dataIndex: "status",
      width: 130,
      sortKey: "status",
      render: (_, r) => (
        <Space size={4}>
          <Tag color={STATE_COLOR[r.status]} data-testid="report-row-state">
            {t(`reports.states.${r.status}`)}
          </Tag>
          {r.overdue ? <Tag color="red">{t("reports.overdue")}</Tag> : null}
        </Space>
      ),
    },
    { title: t("reports.dueDate"), dataIndex: "dueDate", width: 110, sortKey: "dueDate" },
    {
      title: t("reports.updatedAt"),
      dataIndex: "updatedAt",
      width: 150,
      sortKey: "updatedAt",
      render: (v: string) => formatDateTime(v),
    },
  ];

  const overdueCount = query.data?.overdueCount ?? 0;
  return (
    <Card>
      <ListHeader
        title={t("reports.title")}
        marginBottom={8}
        actions={
          <Space wrap>
            {city ? (
              <Button
                loading={generate.isPending}
                data-testid="report-generate"
                onClick={() =>
                  generate.mutate(undefined, {
                    onSuccess: (r) => void message.success(t("reports.generated", r)),
                    onError: (e) => void message.error(errorMessage(e)),
                  })
                }
              >
                {t("reports.generate")}
              </Button>
            ) : null}
            <DownloadButton
              path="/api/indicator-reports/template"
              query={list.params.period ? { period: list.params.period } : {}}
              fileName={t("reports.templateName")}
              testId="report-template"
            >
              {t("reports.template")}
            </DownloadButton>
          </Space>
        }
      />
      <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t("reports.hint")} />
      <div style={{ marginBottom: 12 }}>
        <UploadPanel />
      </div>
      {overdueCount > 0 ? (
        <Typography.Paragraph>
          <Tag color="red" data-testid="report-overdue-count">
            {t("reports.overdueCount", { count: overdueCount })}
          </Tag>
        </Typography.Paragraph>
      ) : null}
      <FilterBar
        list={list}
        items={[
          { kind: "search", key: "q", placeholder: t("reports.searchPlaceholder"), width: 200 },
          { kind: "search", key: "period", placeholder: t("reports.periodFilter"), width: 170 },
          {
            kind: "select",
            key: "indicator",
            placeholder: t("reports.indicatorFilter"),
            width: 220,
            loading: indicators.isLoading,
            options: reported.map((d) => ({ value: d.id, label: d.name })),
          },
          {
            kind: "select",
            key: "status",
            placeholder: t("reports.stateFilter"),
            width: 110,
            testId: "report-filter-state",
            options: REPORT_STATES.map((s) => ({ value: s, label: t(`reports.states.${s}`) })),
          },
          city && {
            kind: "select",
            key: "district",
            searchable: true,
            placeholder: t("reports.districtFilter"),
            width: 130,
            loading: ref.loading,
            options: ref.districtOptions,
          },
          { kind: "check", key: "overdue", label: t("reports.overdueOnly"), testId: "report-filter-overdue" },
        ]}
        extra={
          <ExportButton
            path="/api/indicator-reports/export"
            query={exportQuery(list.params)}
            fileName={t("reports.exportName")}
            testId="report-export"
          />
        }
      />
      <ServerTable
        list={list}
        query={query}
        columns={columns}
        empty={t("reports.empty")}
        testId="report-table"
      />
      <ReportDrawer id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
