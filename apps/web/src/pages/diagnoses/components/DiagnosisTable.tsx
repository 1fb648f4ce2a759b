import type { TableProps } from "antd";
import { Empty, Table, Typography } from "antd";
import type { SortOrder as AntSortOrder } from "antd/es/table/interface";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { DiagnosisItem, DiagnosisListParams, DiagnosisSort } from "../../../api/diagnoses";
import type { Page } from "../../../api/types";
import { formatDateTime } from "../../../utils/format";
import { PAGE_SIZES } from "../../../utils/urlListParams";
import { DiagnosisStatusTag, TeamNames } from "./StatusTag";

interface Props {
  params: DiagnosisListParams;
  data: Page<DiagnosisItem> | undefined;
  loading: boolean;
  onChange: (patch: Partial<DiagnosisListParams>) => void;
}

const SORTABLE: Record<string, DiagnosisSort> = {
  visitDate: "visitDate",
  requestedAt: "requestedAt",
  updatedAt: "updatedAt",
};

export function DiagnosisTable({ params, data, loading, onChange }: Props) {
  const { t } = useTranslation();
  const sortOrder = (key: DiagnosisSort): AntSortOrder =>
    params.sort === key ? (params.order === "asc" ? "ascend" : "descend") : null;
  const dash = <Typography.Text type="secondary">—</Typography.Text>;

  const columns: TableProps<DiagnosisItem>["columns"] = [
    {
      key: "enterprise",
      title: t("diagnosis.columns.enterprise"),
      dataIndex: "enterpriseName",
      fixed: "left",
      width: 220,
      render: (name: string, r) => (
        <Link to={`/diagnoses/${r.id}`} data-testid="diagnosis-link">
          {name}
        </Link>
      ),
    },
    { key: "district", title: t("diagnosis.columns.district"), dataIndex: "districtName", width: 100 },
    {
      key: "status",
      title: t("diagnosis.columns.status"),
      dataIndex: "status",
      width: 170,
      render: (v: DiagnosisItem["status"], r) => <DiagnosisStatusTag status={v} overdue={r.overdue} />,
    },
    {
      key: "plan",
      title: t("diagnosis.columns.plan"),
      dataIndex: "planName",
      width: 200,
      ellipsis: true,
      render: (v: string | null) => v ?? dash,
    },
    {
      key: "visitDate",
      title: t("diagnosis.columns.visitDate"),
      dataIndex: "visitDate",
      width: 120,
      sorter: true,
      sortOrder: sortOrder("visitDate"),
      render: (v: string | null, r) =>
        v ? <Typography.Text type={r.overdue ? "danger" : undefined}>{v}</Typography.Text> : dash,
    },
    {
      key: "team",
      title: t("diagnosis.columns.team"),
      dataIndex: "team",
      width: 260,
      render: (team: DiagnosisItem["team"]) => <TeamNames team={team} />,
    },
    {
      key: "requestedAt",
      title: t("diagnosis.columns.requestedAt"),
      dataIndex: "requestedAt",
      width: 170,
      sorter: true,
      sortOrder: sortOrder("requestedAt"),
      render: (v: string) => formatDateTime(v),
    },
    {
      key: "updatedAt",
      title: t("diagnosis.columns.updatedAt"),
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
      width: 80,
      render: (_: unknown, r) => <Link to={`/diagnoses/${r.id}`}>{t("diagnosis.detail.view")}</Link>,
    },
  ];

  const onTableChange: TableProps<DiagnosisItem>["onChange"] = (pagination, _filters, sorter, extra) => {
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
    <div data-testid="diagnosis-table">
      <Table<DiagnosisItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        onChange={onTableChange}
        scroll={{ x: 1300 }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("diagnosis.empty")} />,
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
