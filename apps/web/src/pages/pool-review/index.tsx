import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from "@dxcenter/domain";
import { App, Button, Card, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { errorMessage } from "../../api/client";
import {
  type ApplicationRow,
  type EvaluationRow,
  useApplications,
  useEvaluations,
  usePoolAction,
} from "../../api/providers";
import { useCurrentUser } from "../../auth/context";
import { QueryError } from "../../components/QueryError";
import { formatDateTime } from "../../utils/format";
import {
  ApplicationStatusTag,
  CATEGORY_OPTIONS,
  categoryLabel,
  ExportButton,
  gradeLabel,
  pagination,
  sortOrderOf,
  tableChange,
  useListParams,
} from "../providers/common";

const DEFAULTS = { sort: "submittedAt", order: "desc" } as const;

function ApplicationList() {
  const { params, update, reset } = useListParams(
    ["q", "status", "category"],
    ["submittedAt", "updatedAt", "averageScore"],
    DEFAULTS,
  );
  const list = useApplications(params);
  const columns = [
    {
      key: "provider",
      title: "申请机构",
      dataIndex: "providerName",
      render: (v: string, r: ApplicationRow) => (
        <Link to={`/pool-review/${r.id}`} data-testid="application-link">
          {v}
        </Link>
      ),
    },
    { key: "category", title: "申请类别", dataIndex: "category", render: categoryLabel },
    {
      key: "status",
      title: "状态",
      dataIndex: "status",
      render: (s: ApplicationStatus) => <ApplicationStatusTag status={s} />,
    },
    { key: "scoreCount", title: "已打分", dataIndex: "scoreCount", width: 80 },
    {
      key: "averageScore",
      title: "平均分",
      dataIndex: "averageScore",
      width: 90,
      sorter: true,
      sortOrder: sortOrderOf(params, "averageScore"),
      render: (v: number | null) => v ?? "—",
    },
    {
      key: "notice",
      title: "公示期",
      render: (_: unknown, r: ApplicationRow) => (r.noticeStart ? `${r.noticeStart} 至 ${r.noticeEnd}` : "—"),
    },
    {
      key: "submittedAt",
      title: "提交时间",
      dataIndex: "submittedAt",
      sorter: true,
      sortOrder: sortOrderOf(params, "submittedAt"),
      render: formatDateTime,
    },
  ];
  return (
    <>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} wrap>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="机构名称或信用代码"
            defaultValue={params.q as string | undefined}
            onSearch={(v) => update({ q: v })}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            placeholder="状态"
            style={{ width: 120 }}
            value={params.status as string | undefined}
            options={Object.entries(APPLICATION_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
            onChange={(v) => update({ status: v })}
          />
          <Select
            allowClear
            placeholder="申请类别"
            style={{ width: 170 }}
            value={params.category as string | undefined}
            options={CATEGORY_OPTIONS}
            onChange={(v) => update({ category: v })}
          />
          <Button onClick={reset}>重置</Button>
        </Space>
        <ExportButton path="/api/pool/applications/export" params={params} name="入库申请.xlsx" />
      </Space>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<ApplicationRow>
        rowKey="id"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={pagination(params, list.data?.total)}
        onChange={tableChange<ApplicationRow>(update, DEFAULTS)}
      />
    </>
  );
}

function EvaluationTab() {
  const { message } = App.useApp();
  const [year, setYear] = useState(new Date().getFullYear());
  const q = useEvaluations(year, true);
  const act = usePoolAction<EvaluationRow[]>();
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <InputNumber
          min={2020}
          max={2100}
          value={year}
          onChange={(v) => v && setYear(v)}
          addonBefore="年度"
        />
        <Button
          type="primary"
          loading={act.isPending}
          onClick={async () => {
            try {
              await act.mutateAsync({ method: "POST", path: "/api/providers/evaluations", body: { year } });
              void message.success(`${year} 年度评价已完成`);
              void q.refetch();
            } catch (e) {
              void message.error(errorMessage(e));
            }
          }}
        >
          开展年度评价
        </Button>
        <ExportButton
          path="/api/providers/evaluations/export"
          params={{ year }}
          name={`${year}年度服务商评价.xlsx`}
          testId="evaluation-export"
        />
        <Typography.Text type="secondary">
          依据：企业评价、完成项目、服务企业前后测评变化（成效分析 T0/T1）
        </Typography.Text>
      </Space>
      <Table<EvaluationRow>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data ?? []}
        columns={[
          {
            key: "name",
            title: "服务商",
            dataIndex: "providerName",
            render: (v: string, r) => <Link to={`/providers/${r.providerId}`}>{v}</Link>,
          },
          {
            key: "grade",
            title: "等级",
            dataIndex: "grade",
            render: (g: string) => (
              <Tag color={g === "fail" ? "red" : g === "excellent" ? "green" : "blue"}>{gradeLabel(g)}</Tag>
            ),
          },
          { key: "score", title: "综合得分", dataIndex: "score" },
          { key: "ratings", title: "评价次数", render: (_: unknown, r) => r.inputs.ratings.length },
          { key: "projects", title: "完成项目", render: (_: unknown, r) => r.inputs.completedProjects },
          { key: "reasons", title: "依据", dataIndex: "reasons", render: (x: string[]) => x.join("；") },
        ]}
      />
    </>
  );
}

/** 入库评审: the city's applications (a provider sees its own, an expert those it reviews) and the annual evaluation. */
export default function PoolReviewPage() {
  const me = useCurrentUser();
  const [sp, setSp] = useSearchParams();
  const city = me.role === "city_admin";
  const tab = city && sp.get("tab") === "evaluation" ? "evaluation" : "list";
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        入库评审
      </Typography.Title>
      {city ? (
        <Tabs
          activeKey={tab}
          onChange={(k) =>
            setSp(k === "evaluation" ? new URLSearchParams({ tab: k }) : new URLSearchParams())
          }
          items={[
            { key: "list", label: "入库申请", children: tab === "list" ? <ApplicationList /> : null },
            {
              key: "evaluation",
              label: "年度评价",
              children: tab === "evaluation" ? <EvaluationTab /> : null,
            },
          ]}
        />
      ) : (
        <ApplicationList />
      )}
    </Card>
  );
}
