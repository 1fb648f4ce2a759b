import type { ApplicationStatus, ProviderGradeKey } from "@dxcenter/domain";
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Input,
  Modal,
  Rate,
  Space,
  Tag,
  Timeline,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { errorMessage } from "../../api/client";
import {
  type ApplicationRow,
  type ProviderFull,
  usePoolWrite,
  useProvider,
  useRateableServices,
} from "../../api/providers";
import { useCurrentUser } from "../../auth/context";
import { DetailTable } from "../../components/DetailTable";
import { QueryError } from "../../components/QueryError";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { formatDate, formatDateTime } from "../../utils/format";
import {
  ApplicationStatusTag,
  categoryLabel,
  GradeTag,
  ProviderStatusTag,
  providerStatusLabel,
  sceneName,
} from "./common";

export function ProviderProfile({ p }: { p: ProviderFull }) {
  const { t } = useTranslation();
  const ref = useReferenceOptions();
  return (
    <>
      <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t("pool.detail.uscc")}>{p.uscc}</Descriptions.Item>
        <Descriptions.Item label={t("pool.detail.status")}>
          <ProviderStatusTag status={p.status} />
          {p.exitReason ? (
            <Typography.Text type="secondary">
              {t("pool.detail.exitReason", { reason: p.exitReason })}
            </Typography.Text>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label={t("pool.detail.categories")}>
          {p.categories.map((c) => (
            <Tag key={c}>{categoryLabel(c)}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t("pool.detail.staff")}>{p.staffCount ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("pool.detail.scenes")} span={2}>
          {p.sceneIds.map(sceneName).join("、") || "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("pool.detail.industries")}>
          {p.industries.join("、") || "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("pool.detail.tech")}>
          {p.technologyFields.join("、") || "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("pool.detail.districts")} span={2}>
          {p.serviceDistricts
            .map((d) => (d === "120000" ? t("pool.common.wholeCity") : ref.districtName(d)))
            .join("、")}
        </Descriptions.Item>
        <Descriptions.Item label={t("pool.detail.qualifications")} span={2}>
          {p.qualifications.map((q) => `${q.name}${q.issuer ? `（${q.issuer}）` : ""}`).join("；") || "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("pool.detail.contactName")}>{p.contactName ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("pool.detail.contactPhone")}>{p.contactPhone ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("pool.detail.rating")}>
          {p.ratingAverage === null
            ? t("pool.detail.noRating")
            : t("pool.detail.ratingValue", { avg: p.ratingAverage.toFixed(1), n: p.ratingCount })}
        </Descriptions.Item>
        <Descriptions.Item label={t("pool.detail.admittedAt")}>{formatDate(p.admittedAt)}</Descriptions.Item>
        <Descriptions.Item label={t("pool.detail.profile")} span={2}>
          {p.profile ?? "—"}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t("pool.detail.cases")}</Typography.Title>
      <DetailTable
        rowKey="id"
        dataSource={p.cases}
        locale={{ emptyText: <Empty description={t("pool.detail.noCases")} /> }}
        columns={[
          { key: "customer", title: t("pool.detail.customer"), dataIndex: "customer" },
          { key: "industry", title: t("pool.detail.industry"), dataIndex: "industry", width: 70 },
          {
            key: "scenes",
            title: t("pool.detail.caseScenes"),
            dataIndex: "sceneIds",
            render: (s: string[]) => s.map(sceneName).join("、"),
          },
          { key: "result", title: t("pool.detail.result"), dataIndex: "result" },
          {
            key: "change",
            title: t("pool.detail.change"),
            dataIndex: "measuredChange",
            width: 90,
            render: (v: number | null) => (v === null ? "—" : t("pool.detail.points", { v })),
          },
          { key: "year", title: t("pool.detail.year"), dataIndex: "year", width: 70 },
        ]}
      />
    </>
  );
}

export function ApplicationsTable({ rows, linkable }: { rows: ApplicationRow[]; linkable: boolean }) {
  const { t } = useTranslation();
  return (
    <DetailTable
      rowKey="id"
      dataSource={rows}
      locale={{ emptyText: <Empty description={t("pool.detail.noApplications")} /> }}
      columns={[
        {
          key: "submittedAt",
          title: t("pool.detail.submittedAt"),
          dataIndex: "submittedAt",
          render: (v: string, r: ApplicationRow) =>
            linkable ? <Link to={`/pool-review/${r.id}`}>{formatDateTime(v)}</Link> : formatDateTime(v),
        },
        { key: "category", title: t("pool.detail.category"), dataIndex: "category", render: categoryLabel },
        {
          key: "status",
          title: t("pool.detail.status"),
          dataIndex: "status",
          render: (s: ApplicationStatus) => <ApplicationStatusTag status={s} />,
        },
        {
          key: "avg",
          title: t("pool.detail.average"),
          dataIndex: "averageScore",
          render: (v: number | null) => v ?? "—",
        },
        {
          key: "notice",
          title: t("pool.detail.notice"),
          render: (_: unknown, r: ApplicationRow) =>
            r.noticeStart ? t("pool.detail.noticeRange", { start: r.noticeStart, end: r.noticeEnd }) : "—",
        },
      ]}
    />
  );
}

export function EvaluationsAndHistory({ p }: { p: ProviderFull }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("pool.detail.evaluations")}
      </Typography.Title>
      <DetailTable
        rowKey="id"
        dataSource={p.evaluations}
        locale={{ emptyText: <Empty description={t("pool.detail.noEvaluations")} /> }}
        columns={[
          { key: "year", title: t("pool.detail.evYear"), dataIndex: "year", width: 70 },
          {
            key: "grade",
            title: t("pool.detail.grade"),
            dataIndex: "grade",
            width: 80,
            render: (g: ProviderGradeKey) => <GradeTag grade={g} />,
          },
          { key: "score", title: t("pool.detail.score"), dataIndex: "score", width: 90 },
          {
            key: "reasons",
            title: t("pool.detail.reasons"),
            dataIndex: "reasons",
            render: (r: string[]) => r.join("；"),
          },
        ]}
      />
      {p.history.length ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t("pool.detail.history")}
          </Typography.Title>
          <Timeline
            items={p.history.map((h) => ({
              children: `${formatDateTime(h.at)} ${providerStatusLabel(h.fromStatus)} → ${providerStatusLabel(h.toStatus)}${h.reason ? `：${h.reason}` : ""}`,
            }))}
          />
        </>
      ) : null}
    </>
  );
}

function RateServices({ providerId }: { providerId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const act = usePoolWrite("POST /api/providers/:id/ratings");
  const q = useRateableServices(providerId);
  const [values, setValues] = useState<Record<string, { rating: number; comment: string }>>({});
  if (!q.data?.length) return null;
  return (
    <Card
      size="small"
      title={t("pool.detail.rateTitle")}
      style={{ marginBottom: 16 }}
      data-testid="rate-services"
    >
      {q.data.map((d) => {
        const v = values[d.diagnosisId] ?? { rating: 5, comment: "" };
        return (
          <Space key={d.diagnosisId} wrap style={{ marginBottom: 8 }}>
            <Typography.Text>{t("pool.detail.rateService", { day: d.visitDate ?? "—" })}</Typography.Text>
            <Rate
              value={v.rating}
              onChange={(rating) => setValues({ ...values, [d.diagnosisId]: { ...v, rating } })}
            />
            <Input
              placeholder={t("pool.detail.rateComment")}
              style={{ width: 280 }}
              value={v.comment}
              onChange={(e) => setValues({ ...values, [d.diagnosisId]: { ...v, comment: e.target.value } })}
            />
            <Button
              type="primary"
              loading={act.isPending}
              onClick={async () => {
                try {
                  await act.mutateAsync({
                    params: { id: providerId },
                    body: { diagnosisId: d.diagnosisId, rating: v.rating, comment: v.comment || null },
                  });
                  void message.success(t("pool.detail.rated"));
                  void q.refetch();
                } catch (e) {
                  void message.error(errorMessage(e));
                }
              }}
            >
              {t("pool.detail.rateSubmit")}
            </Button>
          </Space>
        );
      })}
    </Card>
  );
}

/** 服务商详情: profile and cases for everyone who may see it; applications, scores, evaluations, history. */
export default function ProviderDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const q = useProvider(id);
  const me = useCurrentUser();
  const { message } = App.useApp();
  const act = usePoolWrite("POST /api/providers/:id/exit");
  const [exiting, setExiting] = useState(false);
  const [reason, setReason] = useState("");
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data;
  if (!p) return <Card loading />;
  return (
    <Card
      title={p.name}
      extra={
        p.permissions.manage && (p.status === "admitted" || p.status === "suspended") ? (
          <Button danger onClick={() => setExiting(true)} data-testid="provider-exit">
            {t("pool.detail.exit")}
          </Button>
        ) : null
      }
    >
      {me.role === "enterprise" ? <RateServices providerId={p.id} /> : null}
      <ProviderProfile p={p} />
      {p.applications.length || p.permissions.manage ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t("pool.detail.applications")}
          </Typography.Title>
          <ApplicationsTable rows={p.applications} linkable />
        </>
      ) : null}
      {p.scores.length ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t("pool.detail.scoresTitle")}
          </Typography.Title>
          <DetailTable
            rowKey={(r) => `${r.applicationId}-${r.expertId}`}
            dataSource={p.scores}
            columns={[
              { key: "expert", title: t("pool.detail.expert"), dataIndex: "expertName" },
              { key: "total", title: t("pool.detail.total"), dataIndex: "total" },
              {
                key: "rec",
                title: t("pool.detail.recommendation"),
                dataIndex: "recommendation",
                render: (v: string | null) =>
                  v === "admit"
                    ? t("pool.detail.recAdmit")
                    : v === "reject"
                      ? t("pool.detail.recReject")
                      : "—",
              },
              { key: "comment", title: t("pool.detail.comment"), dataIndex: "comment" },
            ]}
          />
        </>
      ) : null}
      <EvaluationsAndHistory p={p} />
      <Modal
        open={exiting}
        title={t("pool.detail.exit")}
        okText={t("pool.detail.exitOk")}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: act.isPending }}
        onCancel={() => setExiting(false)}
        onOk={async () => {
          try {
            await act.mutateAsync({ params: { id: p.id }, body: { reason, version: p.version } });
            void message.success(t("pool.detail.exited"));
            setExiting(false);
          } catch (e) {
            void message.error(errorMessage(e));
          }
        }}
      >
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Typography.Text>{t("pool.detail.exitHint")}</Typography.Text>
          <Input.TextArea
            rows={3}
            placeholder={t("pool.detail.exitReasonPh")}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Space>
      </Modal>
    </Card>
  );
}
