import { Progress, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { AssessmentItem, AssessmentSort } from "../../../api/assessments";
import {
  column,
  type ListTableProps,
  linkTo,
  type ServerColumn,
  ServerTable,
} from "../../../components/list";
import { formatDateTime } from "../../../utils/format";
import { formatPts } from "./format";

export function AssessmentTable({ list, query }: ListTableProps<AssessmentItem, AssessmentSort>) {
  const { t } = useTranslation();
  const dash = <Typography.Text type="secondary">—</Typography.Text>;

  const columns: ServerColumn<AssessmentItem, AssessmentSort>[] = [
    {
      key: "enterprise",
      title: t("assessment.columns.enterprise"),
      dataIndex: "enterpriseName",
      fixed: "left",
      width: 220,
      render: linkTo((r) => `/assessments/${r.id}`, "assessment-link"),
    },
    { key: "district", title: t("assessment.columns.district"), dataIndex: "districtName", width: 100 },
    {
      key: "instrument",
      title: t("assessment.columns.instrument"),
      dataIndex: "instrumentName",
      width: 280,
      ellipsis: true,
      render: (v: string, r) => (
        <span title={`${v}（${r.instrumentVersion}）`}>
          {v}{" "}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.instrumentVersion}
          </Typography.Text>
        </span>
      ),
    },
    {
      key: "status",
      title: t("assessment.columns.status"),
      dataIndex: "status",
      width: 150,
      render: (v: AssessmentItem["status"], r) => (
        <>
          <Tag color={v === "submitted" ? "green" : "orange"}>{t(`assessment.status.${v}`)}</Tag>
          {r.kind === "onsite" ? <Tag color="purple">{t("diagnosis.kind.onsite")}</Tag> : null}
        </>
      ),
    },
    {
      key: "progress",
      title: t("assessment.columns.progress"),
      dataIndex: "progress",
      width: 140,
      render: (v: number) => <Progress percent={v} size="small" />,
    },
    {
      key: "total",
      title: t("assessment.columns.total"),
      dataIndex: "total",
      width: 110,
      align: "right",
      sortKey: "total",
      render: (v: number | null, r) =>
        v === null ? dash : `${formatPts(v)}${r.maxTotal === null ? "" : ` / ${formatPts(r.maxTotal)}`}`,
    },
    {
      key: "level",
      title: t("assessment.columns.level"),
      dataIndex: "levelName",
      width: 100,
      render: (v: string | null, r) =>
        v === null ? dash : <Tag color={r.level ? "blue" : "default"}>{v}</Tag>,
    },
    {
      key: "submittedAt",
      title: t("assessment.columns.submittedAt"),
      dataIndex: "submittedAt",
      width: 170,
      sortKey: "submittedAt",
      render: (v: string | null) => (v ? formatDateTime(v) : dash),
    },
    column.dateTime("updatedAt", t("assessment.columns.updatedAt"), { sortKey: "updatedAt" }),
    {
      key: "actions",
      title: t("common.actions"),
      fixed: "right",
      width: 100,
      render: (_: unknown, r) => (
        <Link to={`/assessments/${r.id}`}>
          {r.status === "draft" ? t("assessment.actions.continue") : t("assessment.actions.view")}
        </Link>
      ),
    },
  ];

  return (
    <ServerTable<AssessmentItem, AssessmentSort>
      testId="assessment-table"
      columns={columns}
      query={query}
      list={list}
      scrollX={1400}
      empty={t("assessment.empty")}
    />
  );
}
