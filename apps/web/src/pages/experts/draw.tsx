import type { AvoidanceRule, DrawPurpose } from "@dxcenter/domain";
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Input,
  Modal,
  Rate,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { errorMessage } from "../../api/client";
import { rateAssignment, useDraw, type VerifyResult, verifyDraw } from "../../api/experts";
import { DetailTable } from "../../components/DetailTable";
import { QueryError } from "../../components/QueryError";
import { formatDateTime } from "../../utils/format";

type Assignment = NonNullable<ReturnType<typeof useDraw>["data"]>["assignments"][number];

/** 专家评价 of one drawn expert: the stars given so far, and 评价 for the organiser once accepted. */
function RateCell({ a, onDone }: { a: Assignment; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [rating, setRating] = useState(a.rating ?? 0);
  const [comment, setComment] = useState(a.ratingComment ?? "");
  const [busy, setBusy] = useState(false);
  return (
    <Space size={4}>
      {a.rating ? <Rate disabled value={a.rating} style={{ fontSize: 14 }} /> : null}
      {a.canRate ? (
        <Button size="small" type="link" onClick={() => setOpen(true)} data-testid="rate-open">
          {a.rating ? t("draw.rate.change") : t("draw.rate.open")}
        </Button>
      ) : a.rating ? null : (
        "—"
      )}
      <Modal
        open={open}
        title={t("draw.rate.title", { name: a.expertName })}
        okText={t("draw.rate.ok")}
        okButtonProps={{ disabled: rating < 1, loading: busy, id: "rate-ok" }}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          setBusy(true);
          try {
            await rateAssignment(a.id, { rating, comment });
            void message.success(t("draw.rate.done"));
            setOpen(false);
            onDone();
          } catch (e) {
            void message.error(errorMessage(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Typography.Paragraph type="secondary">{t("draw.rate.hint")}</Typography.Paragraph>
        <Rate value={rating} onChange={setRating} data-testid="rate-stars" />
        <Input.TextArea
          rows={3}
          maxLength={500}
          style={{ marginTop: 12 }}
          placeholder={t("draw.rate.commentPlaceholder")}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          data-testid="rate-comment"
        />
      </Modal>
    </Space>
  );
}

/** Where the subject of a draw lives in the app. */
export function subjectPath(purpose: DrawPurpose, subjectId: string): string {
  if (purpose === "project_review") return `/projects/${subjectId}`;
  if (purpose === "diagnosis") return `/diagnoses/${subjectId}`;
  return `/pool-review/${subjectId}`;
}

/** 抽取详情: the stored inputs, seed and result (selected and every excluded expert with reasons); 复核抽取. */
export default function DrawDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const q = useDraw(id);
  const { message } = App.useApp();
  const [verify, setVerify] = useState<VerifyResult | null>(null);
  const [busy, setBusy] = useState(false);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  if (!d) return <Card loading />;
  const name = (eid: string) => d.names[eid] ?? eid;
  const sep = t("draw.listSep");
  const clauses = t("draw.clauseSep");
  const round = (r: number) => (r ? t("draw.redrawRound", { n: r }) : t("draw.firstRound"));
  const av = d.request.avoidance;
  const weight = (rules: readonly string[]) =>
    rules.every((r) => r === "field_mismatch" || r === "inactive") ? 1 : 0;
  return (
    <Card
      title={t("draw.detail.title", { subject: d.subjectLabel })}
      extra={
        <Button
          type="primary"
          loading={busy}
          data-testid="draw-verify"
          onClick={async () => {
            setBusy(true);
            try {
              setVerify(await verifyDraw(d.id));
            } catch (e) {
              void message.error(errorMessage(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t("draw.detail.verify")}
        </Button>
      }
    >
      {verify ? (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          type={verify.matches ? "success" : "error"}
          message={verify.message}
          data-testid="draw-verify-result"
        />
      ) : null}
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label={t("draw.detail.seed")}>
          <Typography.Text code copyable data-testid="draw-seed">
            {d.seed}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("draw.detail.algorithm")}>{d.algorithm}</Descriptions.Item>
        <Descriptions.Item label={t("draw.detail.drawDate")}>{d.drawDate}</Descriptions.Item>
        <Descriptions.Item
          label={t("draw.detail.operator")}
        >{`${d.drawnByName} · ${formatDateTime(d.drawnAt)}`}</Descriptions.Item>
        <Descriptions.Item label={t("draw.detail.n")}>{d.request.n}</Descriptions.Item>
        <Descriptions.Item label={t("draw.detail.fields")}>
          {d.request.fields.join(sep) || t("draw.detail.anyField")}
        </Descriptions.Item>
        <Descriptions.Item label={t("draw.detail.avoidance")} span={2}>
          {t("draw.detail.avoidanceText", {
            service: av.serviceMonths ?? 12,
            together: av.togetherMonths ?? 6,
            workload: av.maxPanels
              ? t("draw.detail.workloadLimit", { months: av.workloadMonths ?? 12, max: av.maxPanels })
              : t("draw.detail.workloadNone"),
          })}
        </Descriptions.Item>
        <Descriptions.Item label={t("draw.detail.applicant")}>
          {d.request.applicant.organization}
        </Descriptions.Item>
        <Descriptions.Item label={t("draw.detail.history")}>
          {t("draw.detail.historyValue", {
            services: d.historyCounts.services,
            draws: d.historyCounts.draws,
          })}
        </Descriptions.Item>
        <Descriptions.Item label={t("draw.detail.pool")}>
          {t("draw.detail.poolValue", { size: d.current.poolSize, eligible: d.current.eligibleCount })}
        </Descriptions.Item>
        <Descriptions.Item label={t("draw.detail.subject")}>
          <Link to={subjectPath(d.purpose, d.subjectId)} data-testid="draw-subject-link">
            {t("draw.detail.subjectValue", {
              purpose: t(`draw.purposes.${d.purpose}`),
              label: d.subjectLabel,
            })}
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label={t("draw.detail.snapshot")} span={2}>
          {d.pool.hash ? (
            <Space size={4} wrap>
              <span>SHA-256</span>
              <Typography.Text code copyable={{ text: d.pool.hash }}>
                {d.pool.hash.slice(0, 16)}…
              </Typography.Text>
              {d.pool.intact ? (
                <Tag color="green">{t("draw.detail.intact")}</Tag>
              ) : (
                <Tag color="red" data-testid="draw-pool-tampered">
                  {t("draw.detail.tampered")}
                </Tag>
              )}
            </Space>
          ) : (
            t("draw.detail.embedded")
          )}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("draw.detail.selectedTitle")}
      </Typography.Title>
      <DetailTable
        rowKey="expertId"
        dataSource={d.current.selected}
        columns={[
          { key: "name", title: t("draw.detail.expert"), dataIndex: "name" },
          { key: "org", title: t("draw.detail.organization"), dataIndex: "organization" },
          {
            key: "fields",
            title: t("draw.detail.matchedFields"),
            dataIndex: "matchedFields",
            render: (f: string[]) => f.join(sep) || "—",
          },
          {
            key: "stage",
            title: t("draw.detail.stage"),
            dataIndex: "stage",
            render: (s: string) =>
              s === "fieldCoverage" ? t("draw.detail.stageCoverage") : t("draw.detail.stageRandom"),
          },
          {
            key: "round",
            title: t("draw.detail.round"),
            dataIndex: "round",
            render: round,
          },
          {
            key: "answer",
            title: t("draw.detail.answer"),
            render: (_: unknown, s) => {
              const a = d.assignments.find((x) => x.expertId === s.expertId);
              return a ? <Tag>{t(`draw.answers.${a.status}`)}</Tag> : "—";
            },
          },
          {
            key: "rating",
            title: t("draw.detail.rating"),
            render: (_: unknown, s) => {
              const a = d.assignments.find((x) => x.expertId === s.expertId && x.status !== "declined");
              return a ? <RateCell a={a} onDone={() => void q.refetch()} /> : "—";
            },
          },
        ]}
      />
      {d.current.declined.length ? (
        <Typography.Paragraph style={{ marginTop: 8 }}>
          {t("draw.detail.declined", {
            list: d.current.declined
              .map((x) => t("draw.detail.declinedItem", { name: name(x.expertId), round: x.round }))
              .join(clauses),
          })}
        </Typography.Paragraph>
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("draw.detail.excludedTitle", { n: d.current.excluded.length })}
      </Typography.Title>
      <Table
        rowKey="expertId"
        size="small"
        // Conflict-of-interest avoidance first; plain field mismatches and inactive members after.
        dataSource={[...d.current.excluded].sort((a, b) => weight(a.rules) - weight(b.rules))}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { key: "name", title: t("draw.detail.expert"), dataIndex: "expertId", render: name },
          {
            key: "rules",
            title: t("draw.detail.rules"),
            dataIndex: "rules",
            render: (r: AvoidanceRule[]) => r.map((x) => <Tag key={x}>{t(`draw.rules.${x}`)}</Tag>),
          },
          {
            key: "reasons",
            title: t("draw.detail.reasons"),
            dataIndex: "reasons",
            // The reasons are the server's text (Chinese, as stored in the record).
            render: (r: string[]) => r.join(clauses),
          },
        ]}
      />
    </Card>
  );
}
