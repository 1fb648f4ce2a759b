import { FUNDED_PROJECT_STATUSES } from "@dxcenter/domain";
import { Alert, Card, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { type ProjectDetail, useProject } from "../../../api/projects";
import { QueryError } from "../../../components/QueryError";
import { formatDateTime } from "../../../utils/format";
import { ProjectStatusTag } from "../common";
import { Actions } from "./Actions";
import { Attachments } from "./Attachments";
import { Basic } from "./Basic";
import { Progress } from "./Progress";
import { Reviews } from "./Reviews";
import { ScoreForm } from "./ScoreForm";
import { Section } from "./Section";
import { SubsidyCard } from "./SubsidyCard";
import { Tasks } from "./Tasks";
import { Timeline } from "./Timeline";
import { Tranches } from "./Tranches";

/** Why the project is back with the enterprise: 退回修改 (district review) or 退回整改 (acceptance). */
function ReturnAlerts({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  // Sent back at acceptance and not yet reported complete again: the latest bureau decision is 退回整改.
  const lastDecision = p.reviews.filter((r) => r.stage !== "expert").at(-1);
  const rectification =
    p.status === "in_construction" && lastDecision?.decision === "rectify" ? lastDecision : null;
  return (
    <>
      {p.status === "returned" ? (
        <Alert
          type="warning"
          showIcon
          message={
            p.reviews.filter((r) => r.decision === "return").at(-1)?.opinion ?? t("project.statuses.returned")
          }
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {rectification ? (
        <Alert
          type="warning"
          showIcon
          message={t("project.detail.rectifyAlert", {
            by: rectification.reviewerName,
            at: formatDateTime(rectification.submittedAt),
            reason: rectification.opinion ?? "",
          })}
          style={{ marginBottom: 12 }}
          data-testid="project-rectify-alert"
        />
      ) : null}
    </>
  );
}

/** 项目详情: status timeline, application, reviews per stage, subsidy with formula steps, progress, attachments, tasks, tranches. */
export default function ProjectDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const q = useProject(id);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data;
  if (!p) return <Card loading />;
  const funded = FUNDED_PROJECT_STATUSES.includes(p.status);
  return (
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <Space direction="vertical" size={0}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="project-title">
            {p.name}
          </Typography.Title>
          <Space>
            <ProjectStatusTag status={p.status} overdue={p.overdue} />
            <Link to="/projects">{t("project.title")}</Link>
          </Space>
        </Space>
        <Actions p={p} />
      </Space>
      <div style={{ margin: "20px 0" }}>
        <Timeline p={p} />
      </div>
      <ReturnAlerts p={p} />
      <Basic p={p} />
      <Section title={t("project.detail.reviews")}>
        <Reviews p={p} />
      </Section>
      {p.permissions.score ? (
        <Section title={t("project.detail.myScore")}>
          <ScoreForm p={p} />
        </Section>
      ) : null}
      {p.status !== "draft" && p.status !== "returned" ? (
        <Section title={t("project.detail.subsidy")}>
          <SubsidyCard p={p} />
        </Section>
      ) : null}
      {funded ? (
        <Section title={t("project.detail.progress")}>
          <Progress p={p} />
        </Section>
      ) : null}
      {funded && p.tranches.length ? (
        <Section title={t("project.detail.tranches")}>
          <Tranches p={p} />
        </Section>
      ) : null}
      <Section title={t("project.detail.attachments")}>
        <Attachments p={p} />
      </Section>
      {p.tasks.length || p.permissions.coordinate ? (
        <Section title={t("project.detail.tasks")}>
          <Tasks p={p} />
        </Section>
      ) : null}
    </Card>
  );
}
