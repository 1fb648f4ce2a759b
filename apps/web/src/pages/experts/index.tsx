import { PlusOutlined } from "@ant-design/icons";
import { EXPERT_STATUS_LABELS, type ExpertStatus } from "@dxcenter/domain";
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { errorMessage } from "../../api/client";
import { type DrawRow, type ExpertRow, useDraws, useExperts } from "../../api/experts";
import { usePoolAction } from "../../api/providers";
import { QueryError } from "../../components/QueryError";
import { formatDateTime } from "../../utils/format";
import { ExportButton, pagination, sortOrderOf, tableChange, useListParams } from "../providers/common";
import { AvailabilityFields, formatWindows, toRows, toWindows } from "./availability";

const DEFAULTS = { sort: "name", order: "asc" } as const;
const STATUS_OPTIONS = Object.entries(EXPERT_STATUS_LABELS).map(([value, label]) => ({ value, label }));

function ExpertModal({ expert, onClose }: { expert: ExpertRow | null; onClose: () => void }) {
  const { message } = App.useApp();
  const act = usePoolAction();
  const [form] = Form.useForm();
  return (
    <Modal
      open
      title={expert ? "修改专家" : "新增专家"}
      okText="保存"
      confirmLoading={act.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          expert
            ? {
                ...expert,
                availability: toRows(expert.availability),
                conflictOrgs: expert.conflicts.map((c) => c.organization).filter(Boolean),
              }
            : { status: "active", fields: [], conflictOrgs: [], availability: [] }
        }
        onFinish={async (
          v: Record<string, unknown> & {
            conflictOrgs: string[];
            availability: Parameters<typeof toWindows>[0];
          },
        ) => {
          const { conflictOrgs, availability, ...rest } = v;
          const body = {
            name: rest.name,
            organization: rest.organization,
            title: rest.title ?? null,
            fields: rest.fields,
            status: rest.status,
            phone: rest.phone ?? null,
            note: rest.note ?? null,
            availability: toWindows(availability),
            conflicts: conflictOrgs.map((organization) => ({ organization })),
            userId: expert?.userId ?? null,
          };
          try {
            if (expert)
              await act.mutateAsync({
                method: "PUT",
                path: `/api/experts/${expert.id}`,
                body: { ...body, version: expert.version },
              });
            else await act.mutateAsync({ method: "POST", path: "/api/experts", body });
            void message.success("已保存");
            onClose();
          } catch (e) {
            void message.error(errorMessage(e));
          }
        }}
      >
        <Space wrap>
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: "请填写姓名" }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="organization"
            label="工作单位"
            rules={[{ required: true, message: "请填写工作单位" }]}
          >
            <Input style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="title" label="职称">
            <Input />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select options={STATUS_OPTIONS} style={{ width: 110 }} />
          </Form.Item>
        </Space>
        <Form.Item
          name="fields"
          label="专业领域（回车添加）"
          rules={[{ required: true, message: "请至少填写一个专业领域" }]}
        >
          <Select mode="tags" />
        </Form.Item>
        <AvailabilityFields />
        <Form.Item name="conflictOrgs" label="申报回避单位（利益冲突，回车添加）">
          <Select mode="tags" />
        </Form.Item>
        <Form.Item name="phone" label="联系电话">
          <Input />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ExpertList() {
  const { params, update, reset } = useListParams(
    ["q", "status", "field"],
    ["name", "organization", "workload", "updatedAt"],
    DEFAULTS,
  );
  const list = useExperts(params);
  const [editing, setEditing] = useState<ExpertRow | null | "new">(null);
  return (
    <>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} wrap>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="姓名、单位、职称"
            defaultValue={params.q as string | undefined}
            onSearch={(v) => update({ q: v })}
            style={{ width: 220 }}
            data-testid="expert-search"
          />
          <Select
            allowClear
            placeholder="状态"
            style={{ width: 110 }}
            value={params.status as string | undefined}
            options={STATUS_OPTIONS}
            onChange={(v) => update({ status: v })}
          />
          <Input.Search
            allowClear
            placeholder="专业领域"
            defaultValue={params.field as string | undefined}
            onSearch={(v) => update({ field: v })}
            style={{ width: 160 }}
          />
          <Button onClick={reset}>重置</Button>
        </Space>
        <Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
            新增专家
          </Button>
          <ExportButton path="/api/experts/export" params={params} name="专家库.xlsx" />
        </Space>
      </Space>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<ExpertRow>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={pagination(params, list.data?.total)}
        onChange={tableChange<ExpertRow>(update, DEFAULTS)}
        columns={[
          {
            key: "name",
            title: "姓名",
            dataIndex: "name",
            sorter: true,
            sortOrder: sortOrderOf(params, "name"),
            render: (v: string, r) => (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setEditing(r)}>
                {v}
              </Button>
            ),
          },
          {
            key: "organization",
            title: "工作单位",
            dataIndex: "organization",
            sorter: true,
            sortOrder: sortOrderOf(params, "organization"),
          },
          { key: "title", title: "职称", dataIndex: "title" },
          {
            key: "fields",
            title: "专业领域",
            dataIndex: "fields",
            render: (f: string[]) => f.map((x) => <Tag key={x}>{x}</Tag>),
          },
          {
            key: "availability",
            title: "可用时间",
            dataIndex: "availability",
            render: (w: ExpertRow["availability"]) => (
              <Typography.Text type={w.length ? undefined : "secondary"} style={{ fontSize: 12 }}>
                {formatWindows(w, "不限", " 至 ")}
              </Typography.Text>
            ),
          },
          {
            key: "status",
            title: "状态",
            dataIndex: "status",
            width: 80,
            render: (s: ExpertStatus) => EXPERT_STATUS_LABELS[s],
          },
          {
            key: "workload",
            title: "近12个月评审",
            dataIndex: "workload",
            width: 120,
            sorter: true,
            sortOrder: sortOrderOf(params, "workload"),
          },
          {
            key: "answers",
            title: "接受/谢绝",
            width: 100,
            render: (_: unknown, r) => `${r.accepted} / ${r.declined}`,
          },
          {
            key: "account",
            title: "登录账号",
            dataIndex: "userId",
            width: 90,
            render: (u: string | null) => (u ? "已关联" : "—"),
          },
        ]}
      />
      {editing ? (
        <ExpertModal expert={editing === "new" ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}

const DRAW_DEFAULTS = { sort: "drawnAt", order: "desc" } as const;
function DrawList() {
  const { params, update } = useListParams(["q", "purpose"], ["drawnAt"], DRAW_DEFAULTS);
  const list = useDraws(params);
  return (
    <>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} wrap>
        <Input.Search
          allowClear
          placeholder="评审对象"
          defaultValue={params.q as string | undefined}
          onSearch={(v) => update({ q: v })}
          style={{ width: 240 }}
        />
        <ExportButton path="/api/experts/draws/export" params={params} name="专家抽取记录.xlsx" />
      </Space>
      <Table<DrawRow>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={pagination(params, list.data?.total)}
        onChange={tableChange<DrawRow>(update, DRAW_DEFAULTS)}
        columns={[
          {
            key: "drawnAt",
            title: "抽取时间",
            dataIndex: "drawnAt",
            sorter: true,
            sortOrder: sortOrderOf(params, "drawnAt"),
            render: (v: string, r) => <Link to={`/experts/draws/${r.id}`}>{formatDateTime(v)}</Link>,
          },
          { key: "subject", title: "评审对象", dataIndex: "subjectLabel" },
          {
            key: "seed",
            title: "随机种子",
            dataIndex: "seed",
            render: (s: string) => (
              <Typography.Text code copyable>
                {s}
              </Typography.Text>
            ),
          },
          {
            key: "selected",
            title: "抽中专家",
            dataIndex: "selectedNames",
            render: (n: string[]) => n.join("、"),
          },
          {
            key: "pool",
            title: "库内 / 通过回避",
            render: (_: unknown, r) => `${r.poolSize} / ${r.eligibleCount}`,
          },
          { key: "round", title: "补抽", dataIndex: "round", render: (r: number) => (r ? `${r} 轮` : "—") },
          { key: "by", title: "操作人", dataIndex: "drawnByName" },
        ]}
      />
    </>
  );
}

/** 专家库: the pool (city) and the record of every draw. */
export default function ExpertPoolPage() {
  const [sp, setSp] = useSearchParams();
  const tab = sp.get("tab") === "draws" ? "draws" : "list";
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        专家库
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp(k === "draws" ? new URLSearchParams({ tab: k }) : new URLSearchParams())}
        items={[
          { key: "list", label: "专家", children: tab === "list" ? <ExpertList /> : null },
          { key: "draws", label: "抽取记录", children: tab === "draws" ? <DrawList /> : null },
        ]}
      />
    </Card>
  );
}
