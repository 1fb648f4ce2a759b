import { type ApplicationStatus, PROVIDER_STATUS_LABELS, type ProviderStatus } from "@dxcenter/domain";
import { useQuery } from "@tanstack/react-query";
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
  Table,
  Tag,
  Timeline,
  Typography,
} from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, errorMessage } from "../../api/client";
import { type ApplicationRow, type ProviderFull, usePoolAction, useProvider } from "../../api/providers";
import { useCurrentUser } from "../../auth/context";
import { QueryError } from "../../components/QueryError";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { formatDate, formatDateTime } from "../../utils/format";
import { ApplicationStatusTag, categoryLabel, gradeLabel, ProviderStatusTag, sceneName } from "./common";

const statusName = (s: string) => PROVIDER_STATUS_LABELS[s as ProviderStatus] ?? s;

export function ProviderProfile({ p }: { p: ProviderFull }) {
  const ref = useReferenceOptions();
  return (
    <>
      <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="统一社会信用代码">{p.uscc}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <ProviderStatusTag status={p.status as ProviderStatus} />
          {p.exitReason ? <Typography.Text type="secondary">出库原因：{p.exitReason}</Typography.Text> : null}
        </Descriptions.Item>
        <Descriptions.Item label="服务类别">
          {p.categories.map((c) => (
            <Tag key={c}>{categoryLabel(c)}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label="员工人数">{p.staffCount ?? "—"}</Descriptions.Item>
        <Descriptions.Item label="服务场景" span={2}>
          {p.sceneIds.map(sceneName).join("、") || "—"}
        </Descriptions.Item>
        <Descriptions.Item label="服务行业">{p.industries.join("、") || "—"}</Descriptions.Item>
        <Descriptions.Item label="技术领域">{p.technologyFields.join("、") || "—"}</Descriptions.Item>
        <Descriptions.Item label="服务区域" span={2}>
          {p.serviceDistricts.map((d) => (d === "120000" ? "天津市全域" : ref.districtName(d))).join("、")}
        </Descriptions.Item>
        <Descriptions.Item label="资质" span={2}>
          {p.qualifications.map((q) => `${q.name}${q.issuer ? `（${q.issuer}）` : ""}`).join("；") || "—"}
        </Descriptions.Item>
        <Descriptions.Item label="联系人">{p.contactName ?? "—"}</Descriptions.Item>
        <Descriptions.Item label="联系电话">{p.contactPhone ?? "—"}</Descriptions.Item>
        <Descriptions.Item label="企业评价">
          {p.ratingAverage === null ? "暂无" : `${p.ratingAverage.toFixed(1)} 分（${p.ratingCount} 次）`}
        </Descriptions.Item>
        <Descriptions.Item label="入库时间">{formatDate(p.admittedAt)}</Descriptions.Item>
        <Descriptions.Item label="机构简介" span={2}>
          {p.profile ?? "—"}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>服务案例</Typography.Title>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={p.cases}
        locale={{ emptyText: <Empty description="暂无案例" /> }}
        columns={[
          { key: "customer", title: "客户", dataIndex: "customer" },
          { key: "industry", title: "行业", dataIndex: "industry", width: 70 },
          {
            key: "scenes",
            title: "场景",
            dataIndex: "sceneIds",
            render: (s: string[]) => s.map(sceneName).join("、"),
          },
          { key: "result", title: "成效", dataIndex: "result" },
          {
            key: "change",
            title: "测评变化",
            dataIndex: "measuredChange",
            width: 90,
            render: (v: number | null) => (v === null ? "—" : `+${v} 分`),
          },
          { key: "year", title: "年份", dataIndex: "year", width: 70 },
        ]}
      />
    </>
  );
}

export function ApplicationsTable({ rows, linkable }: { rows: ApplicationRow[]; linkable: boolean }) {
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: <Empty description="暂无入库申请" /> }}
      columns={[
        {
          key: "submittedAt",
          title: "提交时间",
          dataIndex: "submittedAt",
          render: (v: string, r: ApplicationRow) =>
            linkable ? <Link to={`/pool-review/${r.id}`}>{formatDateTime(v)}</Link> : formatDateTime(v),
        },
        { key: "category", title: "申请类别", dataIndex: "category", render: categoryLabel },
        {
          key: "status",
          title: "状态",
          dataIndex: "status",
          render: (s: ApplicationStatus) => <ApplicationStatusTag status={s} />,
        },
        {
          key: "avg",
          title: "专家平均分",
          dataIndex: "averageScore",
          render: (v: number | null) => v ?? "—",
        },
        {
          key: "notice",
          title: "公示期",
          render: (_: unknown, r: ApplicationRow) =>
            r.noticeStart ? `${r.noticeStart} 至 ${r.noticeEnd}` : "—",
        },
      ]}
    />
  );
}

export function EvaluationsAndHistory({ p }: { p: ProviderFull }) {
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        年度评价
      </Typography.Title>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={p.evaluations}
        locale={{ emptyText: <Empty description="暂无年度评价" /> }}
        columns={[
          { key: "year", title: "年度", dataIndex: "year", width: 70 },
          {
            key: "grade",
            title: "等级",
            dataIndex: "grade",
            width: 80,
            render: (g: string) => (
              <Tag color={g === "fail" ? "red" : g === "excellent" ? "green" : "blue"}>{gradeLabel(g)}</Tag>
            ),
          },
          { key: "score", title: "综合得分", dataIndex: "score", width: 90 },
          { key: "reasons", title: "依据", dataIndex: "reasons", render: (r: string[]) => r.join("；") },
        ]}
      />
      {p.history.length ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            状态记录
          </Typography.Title>
          <Timeline
            items={p.history.map((h) => ({
              children: `${formatDateTime(h.at)} ${statusName(h.fromStatus)} → ${statusName(h.toStatus)}${h.reason ? `：${h.reason}` : ""}`,
            }))}
          />
        </>
      ) : null}
    </>
  );
}

function RateServices({ providerId }: { providerId: string }) {
  const { message } = App.useApp();
  const act = usePoolAction();
  const q = useQuery({
    queryKey: ["pool", "rateable", providerId],
    queryFn: ({ signal }) =>
      api<{ diagnosisId: string; status: string; visitDate: string | null; closedAt: string | null }[]>(
        "GET",
        `/api/providers/${providerId}/rateable`,
        { signal },
      ),
  });
  const [values, setValues] = useState<Record<string, { rating: number; comment: string }>>({});
  if (!q.data?.length) return null;
  return (
    <Card size="small" title="评价本次服务" style={{ marginBottom: 16 }} data-testid="rate-services">
      {q.data.map((d) => {
        const v = values[d.diagnosisId] ?? { rating: 5, comment: "" };
        return (
          <Space key={d.diagnosisId} wrap style={{ marginBottom: 8 }}>
            <Typography.Text>诊断服务（走访 {d.visitDate ?? "—"}）</Typography.Text>
            <Rate
              value={v.rating}
              onChange={(rating) => setValues({ ...values, [d.diagnosisId]: { ...v, rating } })}
            />
            <Input
              placeholder="评价内容（选填）"
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
                    method: "POST",
                    path: `/api/providers/${providerId}/ratings`,
                    body: { diagnosisId: d.diagnosisId, rating: v.rating, comment: v.comment || null },
                  });
                  void message.success("评价已提交");
                  void q.refetch();
                } catch (e) {
                  void message.error(errorMessage(e));
                }
              }}
            >
              提交评价
            </Button>
          </Space>
        );
      })}
    </Card>
  );
}

/** 服务商详情: profile and cases for everyone who may see it; applications, scores, evaluations, history. */
export default function ProviderDetailPage() {
  const { id } = useParams();
  const q = useProvider(id);
  const me = useCurrentUser();
  const { message } = App.useApp();
  const act = usePoolAction();
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
            办理出库
          </Button>
        ) : null
      }
    >
      {me.role === "enterprise" ? <RateServices providerId={p.id} /> : null}
      <ProviderProfile p={p} />
      {p.applications.length || p.permissions.manage ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            入库申请
          </Typography.Title>
          <ApplicationsTable rows={p.applications} linkable />
        </>
      ) : null}
      {p.scores.length ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            评审得分
          </Typography.Title>
          <Table
            rowKey={(r) => `${r.applicationId}-${r.expertId}`}
            size="small"
            pagination={false}
            dataSource={p.scores}
            columns={[
              { key: "expert", title: "专家", dataIndex: "expertName" },
              { key: "total", title: "总分", dataIndex: "total" },
              {
                key: "rec",
                title: "建议",
                dataIndex: "recommendation",
                render: (v: string | null) =>
                  v === "admit" ? "建议入库" : v === "reject" ? "不建议入库" : "—",
              },
              { key: "comment", title: "评审意见", dataIndex: "comment" },
            ]}
          />
        </>
      ) : null}
      <EvaluationsAndHistory p={p} />
      <Modal
        open={exiting}
        title="办理出库"
        okText="确认出库"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: act.isPending }}
        onCancel={() => setExiting(false)}
        onOk={async () => {
          try {
            await act.mutateAsync({
              method: "POST",
              path: `/api/providers/${p.id}/exit`,
              body: { reason, version: p.version },
            });
            void message.success("已出库，历史记录保留");
            setExiting(false);
          } catch (e) {
            void message.error(errorMessage(e));
          }
        }}
      >
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Typography.Text>出库后机构不再出现在资源池和匹配结果中，历史记录保留。</Typography.Text>
          <Input.TextArea
            rows={3}
            placeholder="出库原因（如：年度评价不合格）"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Space>
      </Modal>
    </Card>
  );
}
