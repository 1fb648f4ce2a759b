import { APPLICATION_STATUSES, type ApplicationStatus } from "@dxcenter/domain";
import { App, Button, Card, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
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
  categoryLabel,
  categoryOptions,
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
  const { t } = useTranslation();
  const columns = [
    {
      key: "provider",
      title: t("pool.review.provider"),
      dataIndex: "providerName",
      render: (v: string, r: ApplicationRow) => (
        <Link to={`/pool-review/${r.id}`} data-testid="application-link">
          {v}
        </Link>
      ),
    },
    { key: "category", title: t("pool.review.category"), dataIndex: "category", render: categoryLabel },
    {
      key: "status",
      title: t("pool.review.status"),
      dataIndex: "status",
      render: (s: ApplicationStatus) => <ApplicationStatusTag status={s} />,
    },
    { key: "scoreCount", title: t("pool.review.scoreCount"), dataIndex: "scoreCount", width: 80 },
    {
      key: "averageScore",
      title: t("pool.review.average"),
      dataIndex: "averageScore",
      width: 90,
      sorter: true,
      sortOrder: sortOrderOf(params, "averageScore"),
      render: (v: number | null) => v ?? "—",
    },
    {
      key: "notice",
      title: t("pool.review.notice"),
      render: (_: unknown, r: ApplicationRow) =>
        r.noticeStart ? t("pool.review.noticeRange", { start: r.noticeStart, end: r.noticeEnd }) : "—",
    },
    {
      key: "submittedAt",
      title: t("pool.review.submittedAt"),
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
            placeholder={t("pool.review.searchPlaceholder")}
            defaultValue={params.q as string | undefined}
            onSearch={(v) => update({ q: v })}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            placeholder={t("pool.review.status")}
            style={{ width: 120 }}
            value={params.status as string | undefined}
            options={APPLICATION_STATUSES.map((value) => ({
              value,
              label: t(`pool.applicationStatuses.${value}`),
            }))}
            onChange={(v) => update({ status: v })}
          />
          <Select
            allowClear
            placeholder={t("pool.review.category")}
            style={{ width: 170 }}
            value={params.category as string | undefined}
            options={categoryOptions()}
            onChange={(v) => update({ category: v })}
          />
          <Button onClick={reset}>{t("pool.common.reset")}</Button>
        </Space>
        <ExportButton
          path="/api/pool/applications/export"
          params={params}
          name={t("pool.review.exportName")}
        />
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
  const { t } = useTranslation();
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
          addonBefore={t("pool.review.year")}
        />
        <Button
          type="primary"
          loading={act.isPending}
          onClick={async () => {
            try {
              await act.mutateAsync({ method: "POST", path: "/api/providers/evaluations", body: { year } });
              void message.success(t("pool.review.evaluated", { year }));
              void q.refetch();
            } catch (e) {
              void message.error(errorMessage(e));
            }
          }}
        >
          {t("pool.review.evaluate")}
        </Button>
        <ExportButton
          path="/api/providers/evaluations/export"
          params={{ year }}
          name={t("pool.review.evaluationExportName", { year })}
          testId="evaluation-export"
        />
        <Typography.Text type="secondary">{t("pool.review.basis")}</Typography.Text>
      </Space>
      <Table<EvaluationRow>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data ?? []}
        columns={[
          {
            key: "name",
            title: t("pool.review.evProvider"),
            dataIndex: "providerName",
            render: (v: string, r) => <Link to={`/providers/${r.providerId}`}>{v}</Link>,
          },
          {
            key: "grade",
            title: t("pool.review.evGrade"),
            dataIndex: "grade",
            render: (g: string) => (
              <Tag color={g === "fail" ? "red" : g === "excellent" ? "green" : "blue"}>{gradeLabel(g)}</Tag>
            ),
          },
          { key: "score", title: t("pool.review.evScore"), dataIndex: "score" },
          {
            key: "ratings",
            title: t("pool.review.evRatings"),
            render: (_: unknown, r) => r.inputs.ratings.length,
          },
          {
            key: "projects",
            title: t("pool.review.evProjects"),
            render: (_: unknown, r) => r.inputs.completedProjects,
          },
          {
            key: "reasons",
            title: t("pool.review.evReasons"),
            dataIndex: "reasons",
            render: (x: string[]) => x.join("；"),
          },
        ]}
      />
    </>
  );
}

/** 入库评审: the city's applications (a provider sees its own, an expert those it reviews) and the annual evaluation. */
export default function PoolReviewPage() {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const city = me.role === "city_admin";
  const tab = city && sp.get("tab") === "evaluation" ? "evaluation" : "list";
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("pool.review.title")}
      </Typography.Title>
      {city ? (
        <Tabs
          activeKey={tab}
          onChange={(k) =>
            setSp(k === "evaluation" ? new URLSearchParams({ tab: k }) : new URLSearchParams())
          }
          items={[
            {
              key: "list",
              label: t("pool.review.tabList"),
              children: tab === "list" ? <ApplicationList /> : null,
            },
            {
              key: "evaluation",
              label: t("pool.review.tabEvaluation"),
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
