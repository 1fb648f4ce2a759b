import { ArrowLeftOutlined } from "@ant-design/icons";
import { formatFenAsYuan } from "@dxcenter/domain";
import { Alert, Card, Descriptions, Skeleton, Space, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { type Drill, type DrillItem, type DrillParams, useDrill } from "../../api/indicators";
import {
  ExportButton,
  exportQuery,
  FilterBar,
  filter,
  ListHeader,
  listSpec,
  param,
  type ServerColumn,
  ServerTable,
  useListParams,
} from "../../components/list";
import { formatDateTime, formatInt } from "../../utils/format";
import { formatFigure, MUTED, periodLabel } from "./format";

const DRILL_SORTS = ["name", "date", "amount"] as const satisfies readonly NonNullable<DrillParams["sort"]>[];
const DRILL_LIST = listSpec({
  filters: {
    indicator: param.matching(/^[a-z0-9-]{1,80}$/),
    period: param.matching(/^\d{4}-(0[1-9]|1[0-2])$/),
    district: param.district,
    counted: param.bool,
    q: param.text,
  },
  sort: { keys: DRILL_SORTS, default: "date", order: "desc" },
});

/** Where a row's record opens: its own page, or the list that holds it (a payment's award). */
function recordLink(r: DrillItem): string {
  switch (r.subject) {
    case "enterprise":
      return `/enterprises/${r.subjectId}`;
    case "assessment":
      return `/assessments/${r.subjectId}`;
    case "diagnosis":
      return `/diagnoses/${r.subjectId}`;
    case "project":
      return `/projects/${r.subjectId}`;
    case "award":
      return `/policy-awards?q=${encodeURIComponent(r.enterpriseName)}`;
  }
}

/** The column that says what a row adds to the figure: 计入分子 for rates, the value, the amount, or none. */
function contributionColumn(d: Drill, t: TFunction): ServerColumn<DrillItem, (typeof DRILL_SORTS)[number]>[] {
  if (d.shape === "rate")
    return [
      {
        title: t("cockpit.drill.counted"),
        dataIndex: "counted",
        width: 100,
        render: (v: boolean) =>
          v ? <Tag color="green">{t("cockpit.drill.yes")}</Tag> : t("cockpit.drill.no"),
      },
    ];
  if (d.shape === "average")
    return [
      {
        title: t("cockpit.drill.value", { unit: d.indicator.unit }),
        dataIndex: "contribution",
        align: "right",
        width: 120,
        sortKey: "amount",
      },
    ];
  if (d.shape === "money")
    return [
      {
        title: t("cockpit.drill.amountYuan"),
        dataIndex: "contribution",
        align: "right",
        width: 150,
        sortKey: "amount",
        render: (v: number) => formatFenAsYuan(v),
      },
    ];
  return [];
}

/**
 * 指标下钻: the enterprises, assessments, diagnoses, awards or projects behind one indicator's figure
 * on the 驾驶舱, for the city or a district, with the list's own totals beside the figure. A closed
 * period shows today's list under the same definition and says so. Filters, sort and paging live in
 * the URL; the export writes the same list.
 */
export default function CockpitDrillPage() {
  const { t } = useTranslation();
  const list = useListParams(DRILL_LIST);
  const [sp] = useSearchParams();
  const query = useDrill({ ...list.params, indicator: list.params.indicator ?? "" });
  const d = query.data;
  const back = new URLSearchParams();
  for (const k of ["period", "district", "indicator"]) {
    const v = sp.get(k);
    if (v) back.set(k, v);
  }

  // Enterprise and diagnosis rows are named by their enterprise: no second enterprise column then.
  const byEnterprise = d?.subject === "enterprise" || d?.subject === "diagnosis";
  const columns: ServerColumn<DrillItem, (typeof DRILL_SORTS)[number]>[] = [
    {
      title: d ? t(`cockpit.drill.nameOf.${d.subject}`) : t("cockpit.drill.name"),
      dataIndex: "name",
      sortKey: "name",
      render: (name: string, r) => (
        <Link to={recordLink(r)} data-testid="drill-record">
          {name}
        </Link>
      ),
    },
    ...(byEnterprise
      ? []
      : [
          {
            title: t("cockpit.drill.enterprise"),
            dataIndex: "enterpriseName",
            render: (name: string, r: DrillItem) => <Link to={`/enterprises/${r.enterpriseId}`}>{name}</Link>,
          },
        ]),
    { title: t("cockpit.drill.district"), dataIndex: "districtName", width: 110 },
    ...(d ? contributionColumn(d, t) : []),
    ...(d?.dated === false
      ? []
      : [
          {
            title: t("cockpit.drill.date"),
            dataIndex: "date",
            width: 120,
            sortKey: "date" as const,
            render: (v: string | null) => v ?? "—",
          },
        ]),
    { title: t("cockpit.drill.fact"), dataIndex: "fact", render: (v: string | null) => v ?? "—" },
  ];

  const isRate = d?.shape === "rate";
  return (
    <Card>
      <ListHeader
        title={
          d
            ? t("cockpit.drill.title", { name: d.indicator.name, scope: d.scopeName })
            : t("cockpit.drill.nav")
        }
        actions={
          <Link to={`/cockpit?${back.toString()}`} data-testid="drill-back">
            <ArrowLeftOutlined /> {t("cockpit.drill.back")}
          </Link>
        }
      />
      {query.isPending && !query.isError ? <Skeleton active title={false} /> : null}
      {d ? <DrillSummary d={d} /> : null}
      <FilterBar
        list={list}
        resettable={false}
        items={[
          filter.search(t("cockpit.drill.searchPlaceholder"), 240),
          isRate && {
            kind: "select",
            key: "counted",
            placeholder: t("cockpit.drill.countedFilter"),
            width: 150,
            testId: "drill-counted",
            options: filter.yesNo(t("cockpit.drill.countedYes"), t("cockpit.drill.countedNo")),
          },
        ]}
        extra={
          d ? (
            <ExportButton
              path="/api/cockpit/drill/export"
              query={exportQuery(list.params)}
              fileName={`${d.indicator.name}-${d.scopeName}.xlsx`}
              testId="drill-export"
            />
          ) : null
        }
      />
      <ServerTable
        list={list}
        query={query}
        columns={columns}
        rowKey="rowId"
        testId="drill-table"
        empty={t("cockpit.drill.empty")}
      />
    </Card>
  );
}

/** The figure on the 驾驶舱 next to the list's own totals, and which rows the list holds. */
function DrillSummary({ d }: { d: Drill }) {
  const { t } = useTranslation();
  const value = (v: number | null) =>
    v === null ? t("cockpit.unknownReason.no_value") : formatFigure(v, d.indicator);
  const time = formatDateTime(d.figure.computedAt).slice(0, 16);
  return (
    <Space orientation="vertical" style={{ width: "100%", marginBottom: 16 }}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered data-testid="drill-summary">
        <Descriptions.Item label={t("cockpit.drill.figure", { period: periodLabel(d.period, t) })}>
          <span data-testid="drill-figure">{value(d.figure.value)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("cockpit.drill.listTotal")}>
          <span data-testid="drill-list-value">{value(d.summary.value)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("cockpit.drill.rows")}>
          <span data-testid="drill-rows">{formatInt(d.summary.rows)}</span>
          {d.shape === "rate" ? (
            <Typography.Text style={{ ...MUTED, marginInlineStart: 8 }}>
              {t("cockpit.drill.counted")} {formatInt(d.summary.counted)}
            </Typography.Text>
          ) : null}
        </Descriptions.Item>
      </Descriptions>
      <Alert
        type={d.basis === "today" || d.figure.value !== d.summary.value ? "warning" : "info"}
        showIcon
        data-testid="drill-basis"
        message={
          d.basis === "today"
            ? t("cockpit.drill.basisToday", {
                period: periodLabel(d.period, t),
                today: periodLabel(d.listPeriod, t),
              })
            : d.figure.value !== d.summary.value
              ? t("cockpit.drill.basisPeriodDiffers", { time })
              : t("cockpit.drill.basisPeriod", { time })
        }
      />
    </Space>
  );
}
