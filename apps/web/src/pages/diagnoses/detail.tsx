import { ArrowLeftOutlined } from "@ant-design/icons";
import type { TableProps } from "antd";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { errorMessage, isApiError } from "../../api/client";
import { type DiagnosisDetail, useDiagnosis, useStartOnsite } from "../../api/diagnoses";
import { useCurrentUser } from "../../auth/context";
import { QueryError } from "../../components/QueryError";
import { NotFound } from "../../components/StatusPages";
import { formatDateTime } from "../../utils/format";
import { formatPts } from "../assessments/components/format";
import { DrawButton } from "../experts/DrawButton";
import { ScheduleModal, TeamModal, TextActionModal } from "./components/ActionModals";
import { DiagnosisStatusTag, TeamNames } from "./components/StatusTag";

type Difference = DiagnosisDetail["differences"][number];
type Summary = NonNullable<DiagnosisDetail["selfAssessment"]>;

/** Which step of request → plan → team → on-site → opinion the diagnosis is at. */
function currentStep(d: DiagnosisDetail): number {
  switch (d.status) {
    case "requested":
      return d.team.length ? 2 : 1;
    case "scheduled":
      return d.team.length ? 3 : 2;
    case "in_progress":
      return 3;
    case "verified":
      return 4;
    case "closed":
      return 5;
    default:
      return 0;
  }
}

function AssessmentCard({
  title,
  summary,
  link,
  testId,
}: {
  title: string;
  summary: Summary | null;
  link?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={title} data-testid={testId}>
      {summary ? (
        <Space orientation="vertical" size={4}>
          <Space>
            <Tag color={summary.status === "submitted" ? "green" : "orange"}>
              {t(`assessment.status.${summary.status}`)}
            </Tag>
            {summary.levelName ? <Tag color="blue">{summary.levelName}</Tag> : null}
          </Space>
          <Typography.Text strong style={{ fontSize: 20 }} data-testid={`${testId}-total`}>
            {summary.total === null || summary.maxTotal === null
              ? "—"
              : t("diagnosis.detail.score", {
                  total: formatPts(summary.total),
                  max: formatPts(summary.maxTotal),
                })}
          </Typography.Text>
          {summary.submittedAt ? (
            <Typography.Text type="secondary">{formatDateTime(summary.submittedAt)}</Typography.Text>
          ) : (
            <Typography.Text type="secondary">
              {t("assessment.columns.progress")}：{summary.progress}%
            </Typography.Text>
          )}
          {link ? <Link to={link}>{t("diagnosis.detail.view")}</Link> : null}
        </Space>
      ) : (
        <Typography.Text type="secondary">—</Typography.Text>
      )}
    </Card>
  );
}

function Differences({ d }: { d: DiagnosisDetail }) {
  const { t } = useTranslation();
  if (!d.onsiteAssessment) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("diagnosis.detail.onsitePending")} />;
  }
  if (!d.selfAssessment) return <Alert type="info" showIcon title={t("diagnosis.detail.noSelf")} />;
  if (d.differences.length === 0)
    return <Alert type="success" showIcon title={t("diagnosis.detail.noDifferences")} />;
  const sum = d.differences.reduce((s, x) => s + Math.round(x.delta * 1000), 0) / 1000;
  const columns: TableProps<Difference>["columns"] = [
    {
      key: "question",
      title: t("diagnosis.detail.question"),
      width: 280,
      render: (_: unknown, x) => (
        <div>
          <Typography.Text strong>
            {x.questionId} {x.title}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {x.dimensionName} / {x.subDimensionName}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      key: "reported",
      title: t("diagnosis.detail.reported"),
      render: (_: unknown, x) => (
        <span>
          {x.reported} <Typography.Text type="secondary">（{formatPts(x.reportedPoints)}）</Typography.Text>
        </span>
      ),
    },
    {
      key: "verified",
      title: t("diagnosis.detail.verified"),
      render: (_: unknown, x) => (
        <span style={{ background: "#fff7e6", padding: "0 4px" }}>
          {x.verified} <Typography.Text type="secondary">（{formatPts(x.verifiedPoints)}）</Typography.Text>
        </span>
      ),
    },
    {
      key: "delta",
      title: t("diagnosis.detail.delta"),
      width: 90,
      align: "right",
      render: (_: unknown, x) => (
        <Typography.Text type={x.delta < 0 ? "danger" : x.delta > 0 ? "success" : "secondary"}>
          {x.delta > 0 ? "+" : ""}
          {formatPts(x.delta)}
        </Typography.Text>
      ),
    },
  ];
  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={t("diagnosis.detail.differencesCount", {
          count: d.differences.length,
          delta: `${sum > 0 ? "+" : ""}${formatPts(sum)}`,
        })}
      />
      <Table<Difference>
        rowKey="questionId"
        size="small"
        columns={columns}
        dataSource={d.differences}
        pagination={d.differences.length > 20 ? { pageSize: 20 } : false}
        data-testid="diagnosis-differences"
      />
    </>
  );
}

/** /diagnoses/:id — the diagnosis workflow with the actions the caller may take now. */
export default function DiagnosisDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const detail = useDiagnosis(id);
  const start = useStartOnsite(id ?? "");
  const [open, setOpen] = useState<"schedule" | "team" | "close" | "cancel" | null>(null);

  if (detail.isError) {
    if (isApiError(detail.error) && detail.error.status === 404) return <NotFound />;
    return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  const d = detail.data;
  if (!d) {
    return (
      <div style={{ padding: 48, textAlign: "center" }}>
        <Spin />
      </div>
    );
  }
  const p = d.permissions;

  const onStart = () =>
    modal.confirm({
      title: t("diagnosis.actions.startConfirm"),
      content: t("diagnosis.actions.startHint"),
      okText: t("common.confirm"),
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          const next = await start.mutateAsync({ version: d.version });
          if (next.onsiteAssessmentId) navigate(`/assessments/${next.onsiteAssessmentId}`);
        } catch (e) {
          void message.error(errorMessage(e));
        }
      },
    });

  const actions = (
    <Space wrap>
      {p.schedule ? (
        <Button
          type={d.status === "requested" ? "primary" : "default"}
          onClick={() => setOpen("schedule")}
          data-testid="action-schedule"
        >
          {d.status === "requested" ? t("diagnosis.actions.schedule") : t("diagnosis.actions.reschedule")}
        </Button>
      ) : null}
      {p.assign ? (
        <Button onClick={() => setOpen("team")} data-testid="action-assign">
          {t("diagnosis.actions.assign")}
        </Button>
      ) : null}
      {me.role === "city_admin" || me.role === "district_admin" ? (
        <DrawButton purpose="diagnosis" subjectId={d.id} canDraw={p.assign} defaultN={2} />
      ) : null}
      {p.start ? (
        <Button type="primary" onClick={onStart} loading={start.isPending} data-testid="action-start">
          {t("diagnosis.actions.start")}
        </Button>
      ) : null}
      {p.record && d.onsiteAssessmentId ? (
        <Button
          type="primary"
          onClick={() => navigate(`/assessments/${d.onsiteAssessmentId}`)}
          data-testid="action-record"
        >
          {t("diagnosis.detail.fill")}
        </Button>
      ) : null}
      {p.close ? (
        <Button type="primary" onClick={() => setOpen("close")} data-testid="action-close">
          {t("diagnosis.actions.close")}
        </Button>
      ) : null}
      {p.cancel ? (
        <Button danger onClick={() => setOpen("cancel")} data-testid="action-cancel">
          {me.role === "enterprise" ? t("diagnosis.actions.withdraw") : t("diagnosis.actions.cancel")}
        </Button>
      ) : null}
    </Space>
  );

  return (
    <div data-testid="diagnosis-detail">
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: "16px 24px" } }}>
        <Space orientation="vertical" size={8} style={{ width: "100%" }}>
          <Link to="/diagnoses">
            <ArrowLeftOutlined /> {t("diagnosis.detail.back")}
          </Link>
          <Space wrap align="center" style={{ width: "100%", justifyContent: "space-between" }}>
            <Space wrap align="center">
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="diagnosis-enterprise">
                {d.enterpriseName}
              </Typography.Title>
              <DiagnosisStatusTag status={d.status} overdue={d.overdue} />
            </Space>
            {actions}
          </Space>
          {d.status === "cancelled" ? (
            <Alert
              type="info"
              showIcon
              title={t("diagnosis.detail.cancelled", { reason: d.cancelReason ?? "" })}
            />
          ) : (
            <Steps
              size="small"
              current={currentStep(d)}
              items={[
                {
                  title: t("diagnosis.steps.requested"),
                  content: formatDateTime(d.requestedAt).slice(0, 10),
                },
                { title: t("diagnosis.steps.scheduled"), content: d.visitDate ?? "" },
                {
                  title: t("diagnosis.steps.team"),
                  content: d.team.length ? t("diagnosis.steps.teamSize", { n: d.team.length }) : "",
                },
                {
                  title: t("diagnosis.steps.onsite"),
                  content: d.visitedAt ? formatDateTime(d.visitedAt).slice(0, 10) : "",
                },
                {
                  title: t("diagnosis.steps.closed"),
                  content: d.closedAt ? formatDateTime(d.closedAt).slice(0, 10) : "",
                },
              ]}
            />
          )}
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t("diagnosis.detail.basics")} style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small" styles={{ label: { width: 110 } }}>
              <Descriptions.Item label={t("diagnosis.columns.district")}>{d.districtName}</Descriptions.Item>
              <Descriptions.Item label={t("diagnosis.detail.source")}>
                {t(`diagnosis.source.${d.source}`)} · {d.requestedByName}
              </Descriptions.Item>
              <Descriptions.Item label={t("diagnosis.detail.instrument")}>
                {d.instrumentName ?? d.instrumentId}
              </Descriptions.Item>
              <Descriptions.Item label={t("diagnosis.detail.note")}>{d.requestNote ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("diagnosis.detail.plan")}>
                <span data-testid="diagnosis-plan">{d.planName ?? "—"}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("diagnosis.detail.visitDate")}>
                <Typography.Text type={d.overdue ? "danger" : undefined} data-testid="diagnosis-visit-date">
                  {d.visitDate ?? "—"}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t("diagnosis.detail.team")}>
                <span data-testid="diagnosis-team">
                  <TeamNames team={d.team} />
                </span>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Row gutter={16}>
            <Col span={12}>
              <AssessmentCard
                title={t("diagnosis.detail.self")}
                summary={d.selfAssessment}
                testId="diagnosis-self"
                {...(d.selfAssessment ? { link: `/assessments/${d.selfAssessment.id}` } : {})}
              />
            </Col>
            <Col span={12}>
              <AssessmentCard
                title={t("diagnosis.detail.onsite")}
                summary={d.onsiteAssessment}
                testId="diagnosis-onsite"
                {...(d.onsiteAssessment ? { link: `/assessments/${d.onsiteAssessment.id}` } : {})}
              />
            </Col>
          </Row>
          {d.conclusion ? (
            <Card
              title={t("diagnosis.detail.conclusion")}
              style={{ marginTop: 16 }}
              data-testid="diagnosis-conclusion"
            >
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{d.conclusion}</Typography.Paragraph>
              {d.closedAt ? (
                <Typography.Text type="secondary">
                  {t("diagnosis.detail.closedBy", {
                    name: d.closedByName ?? "",
                    time: formatDateTime(d.closedAt),
                  })}
                </Typography.Text>
              ) : null}
            </Card>
          ) : null}
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t("diagnosis.detail.comparison")}>
            <Differences d={d} />
          </Card>
        </Col>
      </Row>
      {open === "schedule" ? <ScheduleModal detail={d} onClose={() => setOpen(null)} /> : null}
      {open === "team" ? <TeamModal detail={d} onClose={() => setOpen(null)} /> : null}
      {open === "close" || open === "cancel" ? (
        <TextActionModal action={open} detail={d} onClose={() => setOpen(null)} />
      ) : null}
    </div>
  );
}
