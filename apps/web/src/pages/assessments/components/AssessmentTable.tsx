import type { TableProps } from "antd";
import { Empty, Progress, Table, Tag, Typography } from "antd";
import type { SortOrder as AntSortOrder } from "antd/es/table/interface";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { AssessmentItem, AssessmentListParams, AssessmentSort, Page } from "../../../api/types";
import { formatDateTime } from "../../../utils/format";
import { PAGE_SIZES } from "../useListParams";
import { formatPts } from "./format";

interface Props {
  params: AssessmentListParams;
  data: Page<AssessmentItem> | undefined;
  loading: boolean;
  onChange: (patch: Partial<AssessmentListParams>) => void;
}

const SORTABLE: Record<string, AssessmentSort> = {
  total: "total",
  submittedAt: "submittedAt",
  updatedAt: "updatedAt",
};

export function AssessmentTable({ params, data, loading, onChange }: Props) {
  const { t } = useTranslation();

  const sortOrder = (key: AssessmentSort): AntSortOrder =>
    params.sort === key ? (params.order === "asc" ? "ascend" : "descend") : null;
  const dash = <Typography.Text type="secondary">—</Typography.Text>;

  const columns: TableProps<AssessmentItem>["columns"] = [
    {
      key: "enterprise",
      title: t("assessment.columns.enterprise"),
      dataIndex: "enterpriseName",
      fixed: "left",
      width: 220,
      render: (name: string, r) => (
        <Link to={`/assessments/${r.id}`} data-testid="assessment-link">
          {name}
        </Link>
      ),
    },
    { key: "district", title: t("assessment.columns.district"), dataIndex: "districtName", width: 100 },
    {
      key: "instrument",
      title: t("assessment.columns.instrument"),
      dataIndex: "instrumentName",
      width: 280,
      ellipsis: true,
      render: (v: string, r) => (
        <span title={`${v}（${r.instrumentVersion}）`}>
          {v}{" "}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.instrumentVersion}
          </Typography.Text>
        </span>
      ),
    },
    {
      key: "status",
      title: t("assessment.columns.status"),
      dataIndex: "status",
      width: 150,
      render: (v: AssessmentItem["status"], r) => (
        <>
          <Tag color={v === "submitted" ? "green" : "orange"}>{t(`assessment.status.${v}`)}</Tag>
          {r.kind === "onsite" ? <Tag color="purple">{t("diagnosis.kind.onsite")}</Tag> : null}
        </>
      ),
    },
    {
      key: "progress",
      title: t("assessment.columns.progress"),
      dataIndex: "progress",
      width: 140,
      render: (v: number) => <Progress percent={v} size="small" />,
    },
    {
      key: "total",
      title: t("assessment.columns.total"),
      dataIndex: "total",
      width: 110,
      align: "right",
      sorter: true,
      sortOrder: sortOrder("total"),
      render: (v: number | null, r) =>
        v === null ? dash : `${formatPts(v)}${r.maxTotal === null ? "" : ` / ${formatPts(r.maxTotal)}`}`,
    },
    {
      key: "level",
      title: t("assessment.columns.level"),
      dataIndex: "levelName",
      width: 100,
      render: (v: string | null, r) =>
        v === null ? dash : <Tag color={r.level ? "blue" : "default"}>{v}</Tag>,
    },
    {
      key: "submittedAt",
      title: t("assessment.columns.submittedAt"),
      dataIndex: "submittedAt",
      width: 170,
      sorter: true,
      sortOrder: sortOrder("submittedAt"),
      render: (v: string | null) => (v ? formatDateTime(v) : dash),
    },
    {
      key: "updatedAt",
      title: t("assessment.columns.updatedAt"),
      dataIndex: "updatedAt",
      width: 170,
      sorter: true,
      sortOrder: sortOrder("updatedAt"),
      render: (v: string) => formatDateTime(v),
    },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: "right",
      width: 100,
      render: (_: unknown, r) => (
        <Link to={`/assessments/${r.id}`}>
          {r.status === "draft" ? t("assessment.actions.continue") : t("assessment.actions.view")}
        </Link>
      ),
    },
  ];

  const onTableChange: TableProps<AssessmentItem>["onChange"] = (pagination, _filters, sorter, extra) => {
    if (extra.action === "sort") {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = s?.order ? SORTABLE[String(s.columnKey)] : undefined;
      onChange({ sort: key, order: key ? (s?.order === "ascend" ? "asc" : "desc") : undefined });
      return;
    }
    if (extra.action === "paginate") {
      const pageSize = pagination.pageSize ?? params.pageSize;
      const page = pageSize !== params.pageSize ? 1 : (pagination.current ?? 1);
      onChange({ page, pageSize });
    }
  };

  return (
    <div data-testid="assessment-table">
      <Table<AssessmentItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        onChange={onTableChange}
        scroll={{ x: 1400 }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("assessment.empty")} />,
        }}
        pagination={{
          current: params.page ?? 1,
          pageSize: params.pageSize ?? 20,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
          showTotal: (total) => t("common.total", { total }),
        }}
      />
    </div>
  );
}
