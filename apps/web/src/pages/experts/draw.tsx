import {
  AVOIDANCE_RULE_LABELS,
  type AvoidanceRule,
  DRAW_PURPOSE_LABELS,
  type DrawPurpose,
} from "@dxcenter/domain";
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
import { Link, useParams } from "react-router";
import { api, errorMessage } from "../../api/client";
import { useDraw, type VerifyResult } from "../../api/experts";
import { QueryError } from "../../components/QueryError";
import { formatDateTime } from "../../utils/format";

type Assignment = NonNullable<ReturnType<typeof useDraw>["data"]>["assignments"][number];

/** 专家评价 of one drawn expert: the stars given so far, and 评价 for the organiser once accepted. */
function RateCell({ a, onDone }: { a: Assignment; onDone: () => void }) {
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
          {a.rating ? "修改评价" : "评价"}
        </Button>
      ) : a.rating ? null : (
        "—"
      )}
      <Modal
        open={open}
        title={`评价专家：${a.expertName}`}
        okText="提交评价"
        okButtonProps={{ disabled: rating < 1, loading: busy, id: "rate-ok" }}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          setBusy(true);
          try {
            await api("PUT", `/api/experts/assignments/${a.id}/rating`, { body: { rating, comment } });
            void message.success("已提交评价");
            setOpen(false);
            onDone();
          } catch (e) {
            void message.error(errorMessage(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Typography.Paragraph type="secondary">
          按本次评审/诊断中的专业水平、履职态度和意见质量评分（1–5 星），计入专家库的专家评价。
        </Typography.Paragraph>
        <Rate value={rating} onChange={setRating} data-testid="rate-stars" />
        <Input.TextArea
          rows={3}
          maxLength={500}
          style={{ marginTop: 12 }}
          placeholder="评价意见（选填）"
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
  const { id } = useParams();
  const q = useDraw(id);
  const { message } = App.useApp();
  const [verify, setVerify] = useState<VerifyResult | null>(null);
  const [busy, setBusy] = useState(false);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  if (!d) return <Card loading />;
  const name = (eid: string) => d.names[eid] ?? eid;
  const weight = (rules: readonly string[]) =>
    rules.every((r) => r === "field_mismatch" || r === "inactive") ? 1 : 0;
  return (
    <Card
      title={`专家抽取 · ${d.subjectLabel}`}
      extra={
        <Button
          type="primary"
          loading={busy}
          data-testid="draw-verify"
          onClick={async () => {
            setBusy(true);
            try {
              setVerify(await api<VerifyResult>("POST", `/api/experts/draws/${d.id}/verify`));
            } catch (e) {
              void message.error(errorMessage(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          复核抽取
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
        <Descriptions.Item label="随机种子">
          <Typography.Text code copyable data-testid="draw-seed">
            {d.seed}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="算法">{d.algorithm}</Descriptions.Item>
        <Descriptions.Item label="抽取日期">{d.drawDate}</Descriptions.Item>
        <Descriptions.Item label="操作">{`${d.drawnByName} · ${formatDateTime(d.drawnAt)}`}</Descriptions.Item>
        <Descriptions.Item label="抽取人数">{d.request.n}</Descriptions.Item>
        <Descriptions.Item label="专业领域">{d.request.fields.join("、") || "不限"}</Descriptions.Item>
        <Descriptions.Item label="回避设置" span={2}>
          {`近期服务回避 ${d.request.avoidance.serviceMonths ?? 12} 个月；近期同组回避 ${d.request.avoidance.togetherMonths ?? 6} 个月；${
            d.request.avoidance.maxPanels
              ? `${d.request.avoidance.workloadMonths ?? 12} 个月内最多 ${d.request.avoidance.maxPanels} 次`
              : "不限评审次数"
          }；同单位、申报利益冲突一律回避`}
        </Descriptions.Item>
        <Descriptions.Item label="申请单位">{d.request.applicant.organization}</Descriptions.Item>
        <Descriptions.Item label="读取的历史">{`服务记录 ${d.historyCounts.services} 条、抽取记录 ${d.historyCounts.draws} 条`}</Descriptions.Item>
        <Descriptions.Item label="专家库">{`${d.current.poolSize} 人，通过回避 ${d.current.eligibleCount} 人`}</Descriptions.Item>
        <Descriptions.Item label="对象">
          <Link to={subjectPath(d.purpose, d.subjectId)} data-testid="draw-subject-link">
            {`${DRAW_PURPOSE_LABELS[d.purpose]}：${d.subjectLabel}`}
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label="专家库快照" span={2}>
          {d.pool.hash ? (
            <Space size={4} wrap>
              <span>SHA-256</span>
              <Typography.Text code copyable={{ text: d.pool.hash }}>
                {d.pool.hash.slice(0, 16)}…
              </Typography.Text>
              {d.pool.intact ? (
                <Tag color="green">校验一致</Tag>
              ) : (
                <Tag color="red" data-testid="draw-pool-tampered">
                  校验不一致
                </Tag>
              )}
            </Space>
          ) : (
            "随记录内嵌保存"
          )}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        抽中专家（当前）
      </Typography.Title>
      <Table
        rowKey="expertId"
        size="small"
        pagination={false}
        dataSource={d.current.selected}
        columns={[
          { key: "name", title: "专家", dataIndex: "name" },
          { key: "org", title: "单位", dataIndex: "organization" },
          {
            key: "fields",
            title: "匹配领域",
            dataIndex: "matchedFields",
            render: (f: string[]) => f.join("、") || "—",
          },
          {
            key: "stage",
            title: "方式",
            dataIndex: "stage",
            render: (s: string) => (s === "fieldCoverage" ? "领域覆盖" : "随机"),
          },
          {
            key: "round",
            title: "轮次",
            dataIndex: "round",
            render: (r: number) => (r ? `补抽第 ${r} 轮` : "首轮"),
          },
          {
            key: "answer",
            title: "邀请答复",
            render: (_: unknown, s) => {
              const a = d.assignments.find((x) => x.expertId === s.expertId);
              return a ? (
                <Tag>
                  {a.status === "accepted" ? "已接受" : a.status === "declined" ? "已谢绝" : "待答复"}
                </Tag>
              ) : (
                "—"
              );
            },
          },
          {
            key: "rating",
            title: "专家评价",
            render: (_: unknown, s) => {
              const a = d.assignments.find((x) => x.expertId === s.expertId && x.status !== "declined");
              return a ? <RateCell a={a} onDone={() => void q.refetch()} /> : "—";
            },
          },
        ]}
      />
      {d.current.declined.length ? (
        <Typography.Paragraph style={{ marginTop: 8 }}>
          谢绝：{d.current.declined.map((x) => `${name(x.expertId)}（第 ${x.round} 轮补抽）`).join("；")}
        </Typography.Paragraph>
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        回避与排除（{d.current.excluded.length} 人）
      </Typography.Title>
      <Table
        rowKey="expertId"
        size="small"
        // Conflict-of-interest avoidance first; plain field mismatches and inactive members after.
        dataSource={[...d.current.excluded].sort((a, b) => weight(a.rules) - weight(b.rules))}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { key: "name", title: "专家", dataIndex: "expertId", render: name },
          {
            key: "rules",
            title: "规则",
            dataIndex: "rules",
            render: (r: AvoidanceRule[]) => r.map((x) => <Tag key={x}>{AVOIDANCE_RULE_LABELS[x]}</Tag>),
          },
          { key: "reasons", title: "原因", dataIndex: "reasons", render: (r: string[]) => r.join("；") },
        ]}
      />
    </Card>
  );
}
