import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { DiagnosisItem, DiagnosisSort } from "../../../api/diagnoses";
import {
  column,
  type ListTableProps,
  linkTo,
  type ServerColumn,
  ServerTable,
} from "../../../components/list";
import { DiagnosisStatusTag, TeamNames } from "./StatusTag";

export function DiagnosisTable({ list, query }: ListTableProps<DiagnosisItem, DiagnosisSort>) {
  const { t } = useTranslation();
  const dash = <Typography.Text type="secondary">—</Typography.Text>;

  const columns: ServerColumn<DiagnosisItem, DiagnosisSort>[] = [
    {
      key: "enterprise",
      title: t("diagnosis.columns.enterprise"),
      dataIndex: "enterpriseName",
      fixed: "left",
      width: 220,
      render: linkTo((r) => `/diagnoses/${r.id}`, "diagnosis-link"),
    },
    { key: "district", title: t("diagnosis.columns.district"), dataIndex: "districtName", width: 100 },
    {
      key: "status",
      title: t("diagnosis.columns.status"),
      dataIndex: "status",
      width: 170,
      render: (v: DiagnosisItem["status"], r) => <DiagnosisStatusTag status={v} overdue={r.overdue} />,
    },
    {
      key: "plan",
      title: t("diagnosis.columns.plan"),
      dataIndex: "planName",
      width: 200,
      ellipsis: true,
      render: (v: string | null) => v ?? dash,
    },
    {
      key: "visitDate",
      title: t("diagnosis.columns.visitDate"),
      dataIndex: "visitDate",
      width: 120,
      sortKey: "visitDate",
      render: (v: string | null, r) =>
        v ? <Typography.Text type={r.overdue ? "danger" : undefined}>{v}</Typography.Text> : dash,
    },
    {
      key: "team",
      title: t("diagnosis.columns.team"),
      dataIndex: "team",
      width: 260,
      render: (team: DiagnosisItem["team"]) => <TeamNames team={team} />,
    },
    column.dateTime("requestedAt", t("diagnosis.columns.requestedAt"), { sortKey: "requestedAt" }),
    column.dateTime("updatedAt", t("diagnosis.columns.updatedAt"), { sortKey: "updatedAt" }),
    {
      key: "actions",
      title: t("common.actions"),
      fixed: "right",
      width: 80,
      render: (_: unknown, r) => <Link to={`/diagnoses/${r.id}`}>{t("diagnosis.detail.view")}</Link>,
    },
  ];

  return (
    <ServerTable<DiagnosisItem, DiagnosisSort>
      testId="diagnosis-table"
      columns={columns}
      query={query}
      list={list}
      scrollX={1300}
      empty={t("diagnosis.empty")}
    />
  );
}
