import type { ApplicationStatus } from "@dxcenter/domain";
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
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { errorMessage } from "../../api/client";
import { type ApplicationFull, useApplication, usePoolAction, useReviewSheet } from "../../api/providers";
import { useCurrentUser } from "../../auth/context";
import { QueryError } from "../../components/QueryError";
import { formatDateTime } from "../../utils/format";
import { DrawForm } from "../experts/DrawButton";
import { ApplicationStatusTag, categoryLabel } from "../providers/common";

const PANEL_STATUS: Record<string, { color: string; label: string }> = {
  invited: { color: "blue", label: "待答复" },
  accepted: { color: "green", label: "已接受" },
  declined: { color: "default", label: "已谢绝" },
};

function useRun() {
  const { message } = App.useApp();
  const act = usePoolAction();
  const run = async (method: "POST" | "PUT", path: string, body: unknown, ok: string) => {
    try {
      await act.mutateAsync({ method, path, body });
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
  const sheet = useReviewSheet();
  const { run, busy } = useRun();
  const [form] = Form.useForm();
  const mine = a.scores[0];
  const items = Form.useWatch("items", form) as Record<string, number | null> | undefined;
  const total = Object.values(items ?? {}).reduce<number>((s, v) => s + (v ?? 0), 0);
  if (!sheet.data) return null;
  return (
    <Card
      size="small"
      title={`评审打分表（满分 100，入库线 ${sheet.data.passScore} 分）`}
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
        onFinish={(v: { items: Record<string, number>; comment: string; recommendation: string }) =>
          void run("PUT", `/api/pool/applications/${a.id}/score`, v, "打分表已提交")
        }
      >
        <Space wrap align="start">
          {sheet.data.items.map((it) => (
            <Form.Item
              key={it.id}
              name={["items", it.id]}
              label={`${it.label}（${it.max} 分）`}
              tooltip={it.hint}
              rules={[{ required: true, message: "请打分" }]}
            >
              <InputNumber min={0} max={it.max} step={0.5} data-testid={`score-${it.id}`} />
            </Form.Item>
          ))}
        </Space>
        <Typography.Paragraph>
          合计：<b data-testid="score-total">{total}</b> 分
        </Typography.Paragraph>
        <Form.Item name="recommendation" label="评审建议">
          <Radio.Group
            options={[
              { value: "admit", label: "建议入库" },
              { value: "reject", label: "不建议入库" },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="comment"
          label="评审意见"
          rules={[{ required: true, min: 5, message: "评审意见至少5个字" }]}
        >
          <Input.TextArea rows={3} data-testid="score-comment" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="score-submit">
          {mine ? "修改打分" : "提交打分"}
        </Button>
      </Form>
    </Card>
  );
}

function DecisionForm({ a }: { a: ApplicationFull }) {
  const { run, busy } = useRun();
  const [decision, setDecision] = useState<"admit" | "reject">("admit");
  return (
    <Form
      layout="vertical"
      initialValues={{ decision: "admit", notice: [dayjs(), dayjs().add(6, "day")] }}
      onValuesChange={(c: { decision?: string }) => {
        if (c.decision === "admit" || c.decision === "reject") setDecision(c.decision);
      }}
      onFinish={(v: { decision: string; reason: string; notice?: [Dayjs, Dayjs] }) =>
        void run(
          "POST",
          `/api/pool/applications/${a.id}/decision`,
          {
            decision: v.decision,
            reason: v.reason,
            version: a.version,
            ...(v.decision === "admit" && v.notice
              ? { noticeStart: v.notice[0].format("YYYY-MM-DD"), noticeEnd: v.notice[1].format("YYYY-MM-DD") }
              : {}),
          },
          v.decision === "admit" ? "已决定拟入库，公示已发布" : "已决定不予入库",
        )
      }
      data-testid="decision-form"
    >
      <Form.Item name="decision" label="决定">
        <Radio.Group
          options={[
            { value: "admit", label: "拟入库（发布公示）" },
            { value: "reject", label: "不予入库" },
          ]}
        />
      </Form.Item>
      {decision === "admit" ? (
        <Form.Item name="notice" label="公示期" rules={[{ required: true, message: "请选择公示起止日期" }]}>
          <DatePicker.RangePicker data-testid="notice-range" />
        </Form.Item>
      ) : null}
      <Form.Item
        name="reason"
        label="决定理由"
        rules={[{ required: true, min: 2, message: "请填写决定理由" }]}
      >
        <Input.TextArea rows={2} data-testid="decision-reason" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="decision-submit">
        记录决定
      </Button>
    </Form>
  );
}

function Objections({ a }: { a: ApplicationFull }) {
  const { run, busy } = useRun();
  const [notes, setNotes] = useState<Record<string, string>>({});
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={a.objections}
      locale={{ emptyText: <Empty description="公示期内暂无异议" /> }}
      columns={[
        { key: "filedAt", title: "提出时间", dataIndex: "filedAt", width: 160, render: formatDateTime },
        { key: "content", title: "异议内容", dataIndex: "content" },
        {
          key: "who",
          title: "联系人",
          width: 160,
          render: (_: unknown, o) => `${o.anonymous ? "匿名" : (o.contactName ?? "实名")} ${o.contactPhone}`,
        },
        {
          key: "status",
          title: "处理",
          width: 320,
          render: (_: unknown, o) =>
            o.status === "open" && a.permissions.handleObjections ? (
              <Space orientation="vertical" style={{ width: "100%" }}>
                <Input
                  placeholder="处理意见"
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
                        "POST",
                        `/api/pool/objections/${o.id}/handle`,
                        { outcome: "upheld", note: notes[o.id] ?? "" },
                        "异议成立，申请不予入库",
                      )
                    }
                  >
                    异议成立
                  </Button>
                  <Button
                    size="small"
                    loading={busy}
                    data-testid="objection-dismiss"
                    onClick={() =>
                      void run(
                        "POST",
                        `/api/pool/objections/${o.id}/handle`,
                        { outcome: "dismissed", note: notes[o.id] ?? "" },
                        "已驳回异议",
                      )
                    }
                  >
                    驳回
                  </Button>
                </Space>
              </Space>
            ) : (
              <span>
                <Tag color={o.status === "upheld" ? "red" : o.status === "dismissed" ? "default" : "gold"}>
                  {o.status === "upheld" ? "成立" : o.status === "dismissed" ? "已驳回" : "待处理"}
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
  const { id } = useParams();
  const me = useCurrentUser();
  const q = useApplication(id);
  const { run, busy } = useRun();
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
          <ApplicationStatusTag status={a.status as ApplicationStatus} />
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
                void run(
                  "POST",
                  `/api/pool/applications/${a.id}/review`,
                  { version: a.version },
                  "已启动评审",
                )
              }
            >
              启动评审
            </Button>
          ) : null}
          {p.withdraw ? (
            <Button
              loading={busy}
              onClick={() =>
                void run(
                  "POST",
                  `/api/pool/applications/${a.id}/withdraw`,
                  { version: a.version },
                  "已撤回申请",
                )
              }
            >
              撤回申请
            </Button>
          ) : null}
          {city ? <Link to={`/providers/${a.providerId}`}>机构详情</Link> : null}
        </Space>
      }
    >
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label="提交时间">{formatDateTime(a.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label="专家平均分">
          <span data-testid="average-score">{a.averageScore ?? "—"}</span>（{a.scoreCount} 份打分表）
        </Descriptions.Item>
        <Descriptions.Item label="申报材料" span={2}>
          {a.materials.map((m) => m.name).join("、")}
        </Descriptions.Item>
        <Descriptions.Item label="申请说明" span={2}>
          {a.statement}
        </Descriptions.Item>
        {a.decision ? (
          <Descriptions.Item label="决定" span={2}>
            {a.decision === "admit" ? "拟入库" : "不予入库"}：{a.decisionReason}（
            {formatDateTime(a.decidedAt)}）
          </Descriptions.Item>
        ) : null}
        {a.noticeStart ? (
          <Descriptions.Item label="公示期" span={2}>
            {a.noticeStart} 至 {a.noticeEnd}
          </Descriptions.Item>
        ) : null}
        {a.closedReason ? (
          <Descriptions.Item label="办结" span={2}>
            {a.closedReason}
          </Descriptions.Item>
        ) : null}
      </Descriptions>

      {city || me.role === "expert" ? (
        <>
          <Divider titlePlacement="start">评审专家</Divider>
          {p.draw && !a.panel.some((m) => m.status !== "declined") ? (
            <DrawForm purpose="pool_review" subjectId={a.id} layout="inline" />
          ) : null}
          <Table
            rowKey="assignmentId"
            size="small"
            pagination={false}
            style={{ marginTop: 12 }}
            dataSource={a.panel}
            locale={{ emptyText: <Empty description="尚未抽取评审专家" /> }}
            columns={[
              { key: "name", title: "专家", dataIndex: "expertName" },
              { key: "org", title: "单位", dataIndex: "organization" },
              {
                key: "round",
                title: "轮次",
                dataIndex: "round",
                render: (r: number) => (r === 0 ? "首轮" : `补抽第 ${r} 轮`),
              },
              {
                key: "status",
                title: "邀请",
                dataIndex: "status",
                render: (s: string) => <Tag color={PANEL_STATUS[s]?.color}>{PANEL_STATUS[s]?.label}</Tag>,
              },
              {
                key: "scored",
                title: "打分",
                dataIndex: "scored",
                render: (v: boolean) => (v ? "已提交" : "—"),
              },
            ]}
          />
          {city && drawIds.length ? (
            <Typography.Paragraph style={{ marginTop: 8 }}>
              抽取记录：
              {drawIds.map((d) => (
                <Link
                  key={d}
                  to={`/experts/draws/${d}`}
                  style={{ marginRight: 8 }}
                  data-testid="draw-record-link"
                >
                  查看种子、回避明细与复核
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
          <Divider titlePlacement="start">打分汇总</Divider>
          <Table
            rowKey="expertId"
            size="small"
            pagination={false}
            dataSource={a.scores}
            columns={[
              { key: "name", title: "专家", dataIndex: "expertName" },
              { key: "total", title: "总分", dataIndex: "total" },
              {
                key: "rec",
                title: "建议",
                dataIndex: "recommendation",
                render: (v: string | null) => (v === "admit" ? "建议入库" : "不建议入库"),
              },
              { key: "comment", title: "评审意见", dataIndex: "comment" },
              { key: "at", title: "提交时间", dataIndex: "submittedAt", render: formatDateTime },
            ]}
          />
        </>
      ) : null}

      {p.decide ? (
        <>
          <Divider titlePlacement="start">作出决定</Divider>
          <DecisionForm a={a} />
        </>
      ) : null}

      {city && (a.status === "in_notice" || a.objections.length) ? (
        <>
          <Divider titlePlacement="start">公示异议</Divider>
          <Objections a={a} />
          {p.admit ? (
            <Space style={{ marginTop: 12 }}>
              <Alert
                type="info"
                showIcon
                message={`公示期至 ${a.noticeEnd}；期满且异议均已处理后可认定入库（成熟一个认定一个）。`}
              />
              <Button
                type="primary"
                loading={busy}
                data-testid="admit"
                onClick={() =>
                  void run(
                    "POST",
                    `/api/pool/applications/${a.id}/admit`,
                    { version: a.version },
                    "已认定入库",
                  )
                }
              >
                认定入库
              </Button>
            </Space>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}
