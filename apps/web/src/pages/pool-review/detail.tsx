import type { AssignmentStatus } from "@dxcenter/domain";
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Divider,
  Empty,
  Form,
  Input,
  InputNumber,
  Radio,
  Space,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { errorMessage } from "../../api/client";
import {
  type ApplicationFull,
  type PoolWrite,
  type PoolWriteArgs,
  type ScoreBody,
  useApplication,
  usePoolWrite,
  useReviewSheet,
} from "../../api/providers";
import { useCurrentUser } from "../../auth/context";
import { DetailTable } from "../../components/DetailTable";
import { QueryError } from "../../components/QueryError";
import { formatDateTime } from "../../utils/format";
import { DrawForm } from "../experts/DrawButton";
import { ApplicationStatusTag, categoryLabel } from "../providers/common";

const PANEL_COLORS: Record<AssignmentStatus, string> = {
  invited: "blue",
  accepted: "green",
  declined: "default",
};

/** One pool write with its success message (errors are shown as they come). */
function useRun<K extends PoolWrite>(key: K) {
  const { message } = App.useApp();
  const act = usePoolWrite(key);
  const run = async (args: PoolWriteArgs<K>, ok: string) => {
    try {
      await act.mutateAsync(args);
      void message.success(ok);
      return true;
    } catch (e) {
      void message.error(errorMessage(e));
      return false;
    }
  };
  return { run, busy: act.isPending };
}

function ScoreSheet({ a }: { a: ApplicationFull }) {
  const { t } = useTranslation();
  const sheet = useReviewSheet();
  const { run, busy } = useRun("PUT /api/pool/applications/:id/score");
  const [form] = Form.useForm();
  const mine = a.scores[0];
  const items = Form.useWatch("items", form) as Record<string, number | null> | undefined;
  const total = Object.values(items ?? {}).reduce<number>((s, v) => s + (v ?? 0), 0);
  if (!sheet.data) return null;
  return (
    <Card
      size="small"
      title={t("pool.application.sheetTitle", { pass: sheet.data.passScore })}
      data-testid="score-sheet"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          mine
            ? { items: mine.items, comment: mine.comment, recommendation: mine.recommendation }
            : { recommendation: "admit" }
        }
        onFinish={(v: ScoreBody) =>
          void run({ params: { id: a.id }, body: v }, t("pool.application.scoreSubmitted"))
        }
      >
        <Space wrap align="start">
          {sheet.data.items.map((it) => (
            <Form.Item
              key={it.id}
              name={["items", it.id]}
              label={t("pool.application.sheetItem", {
                label: t(`pool.application.sheetItems.${it.id}.label`, {
                  defaultValue: it.label,
                }),
                max: it.max,
              })}
              tooltip={t(`pool.application.sheetItems.${it.id}.hint`, {
                defaultValue: it.hint,
              })}
              rules={[{ required: true, message: t("pool.application.scoreRule") }]}
            >
              <InputNumber min={0} max={it.max} step={0.5} data-testid={`score-${it.id}`} />
            </Form.Item>
          ))}
        </Space>
        <Typography.Paragraph>
          <Trans
            i18nKey="pool.application.total"
            values={{ total }}
            components={{ b: <b data-testid="score-total" /> }}
          />
        </Typography.Paragraph>
        <Form.Item name="recommendation" label={t("pool.application.recommendation")}>
          <Radio.Group
            options={[
              { value: "admit", label: t("pool.application.recAdmit") },
              { value: "reject", label: t("pool.application.recReject") },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="comment"
          label={t("pool.application.comment")}
          rules={[{ required: true, min: 5, message: t("pool.application.commentRule") }]}
        >
          <Input.TextArea rows={3} data-testid="score-comment" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="score-submit">
          {mine ? t("pool.application.scoreEdit") : t("pool.application.scoreSubmit")}
        </Button>
      </Form>
    </Card>
  );
}

function DecisionForm({ a }: { a: ApplicationFull }) {
  const { t } = useTranslation();
  const { run, busy } = useRun("POST /api/pool/applications/:id/decision");
  const [decision, setDecision] = useState<"admit" | "reject">("admit");
  return (
    <Form
      layout="vertical"
      initialValues={{ decision: "admit", notice: [dayjs(), dayjs().add(6, "day")] }}
      onValuesChange={(c: { decision?: string }) => {
        if (c.decision === "admit" || c.decision === "reject") setDecision(c.decision);
      }}
      onFinish={(v: { decision: "admit" | "reject"; reason: string; notice?: [Dayjs, Dayjs] }) =>
        void run(
          {
            params: { id: a.id },
            body: {
              decision: v.decision,
              reason: v.reason,
              version: a.version,
              ...(v.decision === "admit" && v.notice
                ? {
                    noticeStart: v.notice[0].format("YYYY-MM-DD"),
                    noticeEnd: v.notice[1].format("YYYY-MM-DD"),
                  }
                : {}),
            },
          },
          v.decision === "admit" ? t("pool.application.decidedAdmit") : t("pool.application.decidedReject"),
        )
      }
      data-testid="decision-form"
    >
      <Form.Item name="decision" label={t("pool.application.decisionField")}>
        <Radio.Group
          options={[
            { value: "admit", label: t("pool.application.decisionAdmit") },
            { value: "reject", label: t("pool.application.decisionReject") },
          ]}
        />
      </Form.Item>
      {decision === "admit" ? (
        <Form.Item
          name="notice"
          label={t("pool.application.noticeField")}
          rules={[{ required: true, message: t("pool.application.noticeRule") }]}
        >
          <DatePicker.RangePicker data-testid="notice-range" />
        </Form.Item>
      ) : null}
      <Form.Item
        name="reason"
        label={t("pool.application.reason")}
        rules={[{ required: true, min: 2, message: t("pool.application.reasonRule") }]}
      >
        <Input.TextArea rows={2} data-testid="decision-reason" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="decision-submit">
        {t("pool.application.decide")}
      </Button>
    </Form>
  );
}

function Objections({ a }: { a: ApplicationFull }) {
  const { t } = useTranslation();
  const { run, busy } = useRun("POST /api/pool/objections/:id/handle");
  const [notes, setNotes] = useState<Record<string, string>>({});
  return (
    <DetailTable
      rowKey="id"
      dataSource={a.objections}
      locale={{ emptyText: <Empty description={t("pool.application.noObjections")} /> }}
      columns={[
        {
          key: "filedAt",
          title: t("pool.application.filedAt"),
          dataIndex: "filedAt",
          width: 160,
          render: formatDateTime,
        },
        { key: "content", title: t("pool.application.objection"), dataIndex: "content" },
        {
          key: "who",
          title: t("pool.application.contact"),
          width: 160,
          render: (_: unknown, o) =>
            `${o.anonymous ? t("pool.application.anonymous") : (o.contactName ?? t("pool.application.named"))} ${o.contactPhone}`,
        },
        {
          key: "status",
          title: t("pool.application.handling"),
          width: 320,
          render: (_: unknown, o) =>
            o.status === "open" && a.permissions.handleObjections ? (
              <Space orientation="vertical" style={{ width: "100%" }}>
                <Input
                  placeholder={t("pool.application.handlingNote")}
                  value={notes[o.id] ?? ""}
                  onChange={(e) => setNotes({ ...notes, [o.id]: e.target.value })}
                  data-testid="objection-note"
                />
                <Space>
                  <Button
                    size="small"
                    danger
                    loading={busy}
                    onClick={() =>
                      void run(
                        { params: { id: o.id }, body: { outcome: "upheld", note: notes[o.id] ?? "" } },
                        t("pool.application.upheld"),
                      )
                    }
                  >
                    {t("pool.application.uphold")}
                  </Button>
                  <Button
                    size="small"
                    loading={busy}
                    data-testid="objection-dismiss"
                    onClick={() =>
                      void run(
                        { params: { id: o.id }, body: { outcome: "dismissed", note: notes[o.id] ?? "" } },
                        t("pool.application.dismissed"),
                      )
                    }
                  >
                    {t("pool.application.dismiss")}
                  </Button>
                </Space>
              </Space>
            ) : (
              <span>
                <Tag color={o.status === "upheld" ? "red" : o.status === "dismissed" ? "default" : "gold"}>
                  {t(`pool.application.objectionStatuses.${o.status}`)}
                </Tag>
                {o.handlingNote}
              </span>
            ),
        },
      ]}
    />
  );
}

/** 入库申请详情: every step of the review in one place, each shown only to whom the rules allow. */
export default function ApplicationDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useCurrentUser();
  const q = useApplication(id);
  const review = useRun("POST /api/pool/applications/:id/review");
  const withdraw = useRun("POST /api/pool/applications/:id/withdraw");
  const admit = useRun("POST /api/pool/applications/:id/admit");
  // One busy state for the page's buttons, as they act on the same application.
  const busy = review.busy || withdraw.busy || admit.busy;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const a = q.data;
  if (!a) return <Card loading />;
  const p = a.permissions;
  const city = me.role === "city_admin";
  const drawIds = [...new Set(a.panel.map((m) => m.drawId))];
  return (
    <Card
      title={
        <Space>
          {a.providerName} · {categoryLabel(a.category)}
          <ApplicationStatusTag status={a.status} />
        </Space>
      }
      extra={
        <Space>
          {p.openReview ? (
            <Button
              type="primary"
              loading={busy}
              data-testid="open-review"
              onClick={() =>
                void review.run(
                  { params: { id: a.id }, body: { version: a.version } },
                  t("pool.application.reviewOpened"),
                )
              }
            >
              {t("pool.application.openReview")}
            </Button>
          ) : null}
          {p.withdraw ? (
            <Button
              loading={busy}
              onClick={() =>
                void withdraw.run(
                  { params: { id: a.id }, body: { version: a.version } },
                  t("pool.application.withdrawn"),
                )
              }
            >
              {t("pool.application.withdraw")}
            </Button>
          ) : null}
          {city ? <Link to={`/providers/${a.providerId}`}>{t("pool.application.provider")}</Link> : null}
        </Space>
      }
    >
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label={t("pool.application.submittedAt")}>
          {formatDateTime(a.submittedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t("pool.application.average")}>
          <span data-testid="average-score">{a.averageScore ?? "—"}</span>
          {t("pool.application.sheetCount", { n: a.scoreCount })}
        </Descriptions.Item>
        <Descriptions.Item label={t("pool.application.materials")} span={2}>
          {a.materials.map((m) => m.name).join(t("draw.listSep"))}
        </Descriptions.Item>
        <Descriptions.Item label={t("pool.application.statement")} span={2}>
          {a.statement}
        </Descriptions.Item>
        {a.decision ? (
          <Descriptions.Item label={t("pool.application.decision")} span={2}>
            {t("pool.application.decisionValue", {
              decision: a.decision === "admit" ? t("pool.application.admit") : t("pool.application.reject"),
              reason: a.decisionReason,
              at: formatDateTime(a.decidedAt),
            })}
          </Descriptions.Item>
        ) : null}
        {a.noticeStart ? (
          <Descriptions.Item label={t("pool.application.notice")} span={2}>
            {t("pool.application.noticeRange", { start: a.noticeStart, end: a.noticeEnd })}
          </Descriptions.Item>
        ) : null}
        {a.closedReason ? (
          <Descriptions.Item label={t("pool.application.closed")} span={2}>
            {a.closedReason}
          </Descriptions.Item>
        ) : null}
      </Descriptions>

      {city || me.role === "expert" ? (
        <>
          <Divider titlePlacement="start">{t("pool.application.panel")}</Divider>
          {p.draw && !a.panel.some((m) => m.status !== "declined") ? (
            <DrawForm purpose="pool_review" subjectId={a.id} layout="inline" />
          ) : null}
          <DetailTable
            rowKey="assignmentId"
            style={{ marginTop: 12 }}
            dataSource={a.panel}
            locale={{ emptyText: <Empty description={t("pool.application.noPanel")} /> }}
            columns={[
              { key: "name", title: t("pool.application.expert"), dataIndex: "expertName" },
              { key: "org", title: t("pool.application.organization"), dataIndex: "organization" },
              {
                key: "round",
                title: t("pool.application.round"),
                dataIndex: "round",
                render: (r: number) => (r === 0 ? t("draw.firstRound") : t("draw.redrawRound", { n: r })),
              },
              {
                key: "status",
                title: t("pool.application.invitation"),
                dataIndex: "status",
                render: (s: AssignmentStatus) => <Tag color={PANEL_COLORS[s]}>{t(`draw.answers.${s}`)}</Tag>,
              },
              {
                key: "scored",
                title: t("pool.application.scored"),
                dataIndex: "scored",
                render: (v: boolean) => (v ? t("pool.application.submitted") : "—"),
              },
            ]}
          />
          {city && drawIds.length ? (
            <Typography.Paragraph style={{ marginTop: 8 }}>
              {t("pool.application.drawRecords")}
              {drawIds.map((d) => (
                <Link
                  key={d}
                  to={`/experts/draws/${d}`}
                  style={{ marginRight: 8 }}
                  data-testid="draw-record-link"
                >
                  {t("pool.application.drawRecordLink")}
                </Link>
              ))}
            </Typography.Paragraph>
          ) : null}
        </>
      ) : null}

      {p.score ? (
        <>
          <Divider />
          <ScoreSheet a={a} />
        </>
      ) : null}

      {city && a.scores.length ? (
        <>
          <Divider titlePlacement="start">{t("pool.application.scoresTitle")}</Divider>
          <DetailTable
            rowKey="expertId"
            dataSource={a.scores}
            columns={[
              { key: "name", title: t("pool.application.expert"), dataIndex: "expertName" },
              { key: "total", title: t("pool.application.scoreTotal"), dataIndex: "total" },
              {
                key: "rec",
                title: t("pool.application.scoreRecommendation"),
                dataIndex: "recommendation",
                render: (v: string | null) =>
                  v === "admit" ? t("pool.application.recAdmit") : t("pool.application.recReject"),
              },
              { key: "comment", title: t("pool.application.comment"), dataIndex: "comment" },
              {
                key: "at",
                title: t("pool.application.scoreAt"),
                dataIndex: "submittedAt",
                render: formatDateTime,
              },
            ]}
          />
        </>
      ) : null}

      {p.decide ? (
        <>
          <Divider titlePlacement="start">{t("pool.application.decideTitle")}</Divider>
          <DecisionForm a={a} />
        </>
      ) : null}

      {city && (a.status === "in_notice" || a.objections.length) ? (
        <>
          <Divider titlePlacement="start">{t("pool.application.objectionsTitle")}</Divider>
          <Objections a={a} />
          {p.admit ? (
            <Space style={{ marginTop: 12 }}>
              <Alert type="info" showIcon message={t("pool.application.admitHint", { end: a.noticeEnd })} />
              <Button
                type="primary"
                loading={busy}
                data-testid="admit"
                onClick={() =>
                  void admit.run(
                    { params: { id: a.id }, body: { version: a.version } },
                    t("pool.application.admitted"),
                  )
                }
              >
                {t("pool.application.admitButton")}
              </Button>
            </Space>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}
