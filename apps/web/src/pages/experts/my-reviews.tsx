import { DRAW_PURPOSE_LABELS, type DrawPurpose } from "@dxcenter/domain";
import { App, Button, Card, Input, Modal, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/client";
import { type AssignmentRow, useMyAssignments } from "../../api/experts";
import { usePoolAction } from "../../api/providers";
import { formatDateTime } from "../../utils/format";
import { pagination, tableChange, useListParams } from "../providers/common";
import { MyAvailabilityCard } from "./availability";
import { subjectPath } from "./draw";

const DEFAULTS = { sort: "createdAt", order: "desc" } as const;
const STATUS = { invited: "待答复", accepted: "已接受", declined: "已谢绝" } as const;

/** 我的评审任务: an expert's own invitations (accept / decline) and the sheets to score. */
export default function MyReviewsPage() {
  const { message } = App.useApp();
  const { params, update } = useListParams(["status"], ["createdAt"], DEFAULTS);
  const list = useMyAssignments(params);
  const act = usePoolAction<{ message: string }>();
  const [declining, setDeclining] = useState<AssignmentRow | null>(null);
  const [reason, setReason] = useState("");
  const run = async (path: string, body: unknown, ok: string) => {
    try {
      const r = await act.mutateAsync({ method: "POST", path, body });
      void message.success((r as { message?: string } | undefined)?.message ?? ok);
      void list.refetch();
      return true;
    } catch (e) {
      void message.error(errorMessage(e));
      return false;
    }
  };
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        我的评审任务
      </Typography.Title>
      <MyAvailabilityCard />
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="答复状态"
          style={{ width: 120 }}
          value={params.status as string | undefined}
          options={Object.entries(STATUS).map(([value, label]) => ({ value, label }))}
          onChange={(v) => update({ status: v })}
        />
      </Space>
      <Table<AssignmentRow>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={pagination(params, list.data?.total)}
        onChange={tableChange<AssignmentRow>(update, DEFAULTS)}
        columns={[
          { key: "createdAt", title: "邀请时间", dataIndex: "createdAt", render: formatDateTime },
          {
            key: "purpose",
            title: "事项",
            dataIndex: "purpose",
            render: (v: DrawPurpose) => DRAW_PURPOSE_LABELS[v],
          },
          {
            key: "subject",
            title: "评审对象",
            dataIndex: "subjectLabel",
            render: (v: string, r) =>
              r.purpose === "pool_review" ? v : <Link to={subjectPath(r.purpose, r.subjectId)}>{v}</Link>,
          },
          {
            key: "round",
            title: "轮次",
            dataIndex: "round",
            render: (r: number) => (r ? `补抽第 ${r} 轮` : "首轮"),
          },
          {
            key: "status",
            title: "答复",
            dataIndex: "status",
            render: (s: keyof typeof STATUS) => <Tag>{STATUS[s]}</Tag>,
          },
          { key: "scored", title: "打分", dataIndex: "scored", render: (v: boolean) => (v ? "已提交" : "—") },
          {
            key: "action",
            title: "操作",
            render: (_: unknown, r) => (
              <Space>
                {r.answerable ? (
                  <>
                    <Button
                      size="small"
                      type="primary"
                      loading={act.isPending}
                      data-testid="invite-accept"
                      onClick={() =>
                        void run(`/api/experts/assignments/${r.id}/accept`, undefined, "已接受邀请")
                      }
                    >
                      接受
                    </Button>
                    <Button size="small" data-testid="invite-decline" onClick={() => setDeclining(r)}>
                      谢绝
                    </Button>
                  </>
                ) : null}
                {r.status === "accepted" && r.purpose === "pool_review" ? (
                  <Link to={`/pool-review/${r.subjectId}`} data-testid="invite-score">
                    {r.scored ? "查看/修改打分" : "填写打分表"}
                  </Link>
                ) : null}
                {r.status !== "declined" && r.purpose !== "pool_review" ? (
                  <Link to={subjectPath(r.purpose, r.subjectId)} data-testid="invite-open">
                    {r.purpose === "project_review" ? (r.scored ? "查看评分" : "去评分") : "查看诊断"}
                  </Link>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!declining}
        title="谢绝评审邀请"
        okText="确认谢绝"
        okButtonProps={{ disabled: reason.trim().length < 2, loading: act.isPending }}
        onCancel={() => setDeclining(null)}
        onOk={async () => {
          if (
            declining &&
            (await run(`/api/experts/assignments/${declining.id}/decline`, { reason }, "已谢绝"))
          )
            setDeclining(null);
        }}
      >
        <Typography.Paragraph type="secondary">
          谢绝后系统将按本次抽取记录的随机种子自动补抽一名专家；已提交评分的项目评审不能再谢绝。
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          placeholder="谢绝原因（如：时间冲突、存在利益关系）"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
