import { Button, Empty, Space } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { type ProjectItem, useProjectList } from "../../api/projects";
import { useCurrentUser } from "../../auth/context";
import { DetailTable } from "../../components/DetailTable";
import { wan } from "../../utils/format";
import { PercentBar, ProjectStatusTag } from "./common";

/** The enterprise page's 技改项目 tab: its projects (scoped by the server) and a way to apply. */
export function EnterpriseProjectsTab({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const list = useProjectList({ enterpriseId, pageSize: 50 });
  const canApply =
    me.role === "city_admin" || me.role === "district_admin" || me.enterpriseId === enterpriseId;
  const items = list.data?.items ?? [];
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {canApply ? (
        <Button
          type="primary"
          onClick={() => navigate("/projects/new")}
          data-testid="enterprise-project-apply"
        >
          {t("project.apply")}
        </Button>
      ) : null}
      {items.length === 0 && !list.isFetching ? (
        <Empty description={t("project.enterpriseTab.empty")} />
      ) : (
        <DetailTable<ProjectItem>
          rowKey="id"
          loading={list.isFetching}
          dataSource={items}
          data-testid="enterprise-projects"
          columns={[
            {
              title: t("project.columns.name"),
              dataIndex: "name",
              render: (v: string, r) => <Link to={`/projects/${r.id}`}>{v}</Link>,
            },
            {
              title: t("project.columns.type"),
              dataIndex: "type",
              render: (_v, r) => t(`project.types.${r.type}`),
            },
            {
              title: t("project.columns.status"),
              dataIndex: "status",
              render: (v: ProjectItem["status"], r) => <ProjectStatusTag status={v} overdue={r.overdue} />,
            },
            {
              title: t("project.columns.total"),
              dataIndex: "totalInvestmentFen",
              align: "right",
              render: (v: number) => wan(v),
            },
            {
              title: t("project.columns.progress"),
              dataIndex: "percentComplete",
              render: (v: number) => <PercentBar percent={v} />,
            },
            {
              title: t("project.columns.approved"),
              dataIndex: "approvedAmountFen",
              align: "right",
              render: (v: number | null) => (v === null ? "—" : wan(v)),
            },
          ]}
        />
      )}
    </Space>
  );
}
