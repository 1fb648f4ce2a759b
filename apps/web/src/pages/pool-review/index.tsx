import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
  PROVIDER_CATEGORIES,
  type ProviderGradeKey,
} from "@dxcenter/domain";
import { App, Button, Card, InputNumber, Space, Table, Tabs, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { errorMessage } from "../../api/client";
import {
  type ApplicationRow,
  type EvaluationRow,
  useApplications,
  useEvaluations,
  usePoolWrite,
} from "../../api/providers";
import { useCurrentUser } from "../../auth/context";
import {
  column,
  ExportButton,
  filter,
  ListView,
  listSpec,
  param,
  type ServerColumn,
  useListParams,
} from "../../components/list";
import { formatDateTime } from "../../utils/format";
import { ApplicationStatusTag, categoryLabel, categoryOptions, GradeTag } from "../providers/common";

const APPLICATION_SORTS = ["submittedAt", "updatedAt", "averageScore"] as const;
const APPLICATION_LIST = listSpec({
  filters: {
    q: param.text,
    status: param.oneOf(APPLICATION_STATUSES),
    category: param.oneOf(PROVIDER_CATEGORIES),
  },
  sort: { keys: APPLICATION_SORTS, default: "submittedAt", order: "desc" },
});

function ApplicationList() {
  const list = useListParams(APPLICATION_LIST);
  const query = useApplications(list.params);
  const { t } = useTranslation();
  const columns: ServerColumn<ApplicationRow, (typeof APPLICATION_SORTS)[number]>[] = [
    column.link("providerName", t("pool.review.provider"), (r) => `/pool-review/${r.id}`, {
      testId: "application-link",
    }),
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
      sortKey: "averageScore",
      render: (v: number | null) => v ?? "—",
    },
    {
      key: "notice",
      title: t("pool.review.notice"),
      render: (_: unknown, r) =>
        r.noticeStart ? t("pool.review.noticeRange", { start: r.noticeStart, end: r.noticeEnd }) : "—",
    },
    {
      key: "submittedAt",
      title: t("pool.review.submittedAt"),
      dataIndex: "submittedAt",
      sortKey: "submittedAt",
      render: formatDateTime,
    },
  ];
  return (
    <ListView
      list={list}
      filterMargin={12}
      filters={[
        filter.search(t("pool.review.searchPlaceholder"), 220, { button: true }),
        filter.oneOf("status", t("pool.review.status"), 120, APPLICATION_STATUSES, (value) =>
          t(`pool.applicationStatuses.${value}`),
        ),
        {
          kind: "select",
          key: "category",
          placeholder: t("pool.review.category"),
          width: 170,
          options: categoryOptions(),
        },
      ]}
      export={{
        path: "/api/pool/applications/export",
        fileName: t("pool.review.exportName"),
        label: t("pool.common.export"),
      }}
      size="large"
      columns={columns}
      query={query}
    />
  );
}

function EvaluationTab() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const [year, setYear] = useState(new Date().getFullYear());
  const q = useEvaluations(year, true);
  const act = usePoolWrite("POST /api/providers/evaluations");
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
              await act.mutateAsync({ body: { year } });
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
          query={{ year }}
          fileName={t("pool.review.evaluationExportName", { year })}
          testId="evaluation-export"
          label={t("pool.common.export")}
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
            render: (g: ProviderGradeKey) => <GradeTag grade={g} />,
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
