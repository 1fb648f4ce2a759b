import { PROJECT_STATUSES, PROJECT_TYPES } from "@dxcenter/domain";
import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { type ProjectItem, type ProjectSort, useProjectList } from "../../api/projects";
import { useCurrentUser } from "../../auth/context";
import {
  CreateButton,
  column,
  filter,
  ListPage,
  type ServerColumn,
  useListParams,
} from "../../components/list";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { wan } from "../../utils/format";
import { PercentBar, PROJECT_LIST, ProjectStatusTag } from "./common";

const YEARS = Array.from({ length: 8 }, (_, i) => new Date().getFullYear() + 1 - i);

/** 技改项目库: list with filters, overdue tags, sort, paging and export (all in the URL). */
export default function ProjectListPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const list = useListParams(PROJECT_LIST);
  const query = useProjectList(list.params);
  const refs = useReferenceOptions();
  const canApply =
    me.role === "city_admin" ||
    me.role === "district_admin" ||
    (me.role === "enterprise" && !!me.enterpriseId);

  const columns: ServerColumn<ProjectItem, ProjectSort>[] = [
    column.link("name", t("project.columns.name"), (r) => `/projects/${r.id}`, {
      testId: "project-link",
      fixed: "left",
      width: 240,
    }),
    {
      key: "enterprise",
      title: t("project.columns.enterprise"),
      dataIndex: "enterpriseName",
      width: 220,
      ellipsis: true,
    },
    { key: "district", title: t("project.columns.district"), dataIndex: "districtName", width: 100 },
    {
      key: "type",
      title: t("project.columns.type"),
      dataIndex: "type",
      width: 110,
      render: (_v, r) => t(`project.types.${r.type}`),
    },
    {
      key: "status",
      title: t("project.columns.status"),
      dataIndex: "status",
      width: 200,
      render: (v: ProjectItem["status"], r) => <ProjectStatusTag status={v} overdue={r.overdue} />,
    },
    {
      key: "totalInvestmentFen",
      title: t("project.columns.total"),
      dataIndex: "totalInvestmentFen",
      width: 140,
      align: "right",
      sortKey: "totalInvestmentFen",
      render: (v: number) => wan(v),
    },
    {
      key: "plannedStartDate",
      title: t("project.columns.plannedStart"),
      dataIndex: "plannedStartDate",
      width: 120,
      sortKey: "plannedStartDate",
    },
    {
      key: "progress",
      title: t("project.columns.progress"),
      dataIndex: "percentComplete",
      width: 140,
      render: (v: number) => <PercentBar percent={v} />,
    },
    {
      key: "score",
      title: t("project.columns.score"),
      dataIndex: "expertScore",
      width: 90,
      render: (v: string | null) => v ?? "—",
    },
    {
      key: "approved",
      title: t("project.columns.approved"),
      dataIndex: "approvedAmountFen",
      width: 130,
      align: "right",
      render: (v: number | null) => (v === null ? "—" : wan(v)),
    },
    {
      key: "paid",
      title: t("project.columns.paid"),
      dataIndex: "paidFen",
      width: 120,
      align: "right",
      render: (v: number) => wan(v),
    },
  ];
  const bureau = me.role === "city_admin" || me.role === "district_admin";
  return (
    <ListPage
      headerMargin={12}
      title={me.role === "expert" ? t("project.nav.reviews") : t("project.title")}
      exportInHeader
      export={{ path: "/api/projects/export", fileName: t("project.exportName"), testId: "project-export" }}
      actions={
        canApply ? (
          <CreateButton onClick={() => navigate("/projects/new")} testId="project-apply">
            {t("project.apply")}
          </CreateButton>
        ) : null
      }
      list={list}
      filterMargin={12}
      filters={[
        filter.search(t("project.search"), 240, { button: true, testId: "project-search" }),
        filter.oneOf(
          "status",
          t("project.columns.status"),
          140,
          PROJECT_STATUSES,
          (s) => t(`project.statuses.${s}`),
          { testId: "project-filter-status" },
        ),
        filter.oneOf("type", t("project.columns.type"), 140, PROJECT_TYPES, (s) => t(`project.types.${s}`)),
        me.role === "city_admin" && filter.district(t("project.columns.district"), 140, refs.districtOptions),
        <Select<number>
          key="year"
          allowClear
          placeholder={t("project.year")}
          value={list.params.year}
          onChange={(v) => list.update({ year: v })}
          options={YEARS.map((y) => ({ value: y, label: String(y) }))}
          style={{ width: 130 }}
        />,
        (bureau || me.role === "enterprise") && {
          kind: "check",
          key: "overdue",
          label: t("project.overdueOnly"),
          testId: "project-filter-overdue",
        },
        me.role === "expert" && { kind: "check", key: "toScore", label: t("project.toScoreOnly") },
      ]}
      testId="project-table"
      columns={columns}
      query={query}
      scrollX={1500}
    />
  );
}
