import type { TableProps } from "antd";
import { Empty, Space, Table, Tag, Typography } from "antd";
import type { SortOrder as AntSortOrder } from "antd/es/table/interface";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { EnterpriseListItem, EnterpriseListParams, EnterpriseSort, Page } from "../../../api/types";
import { formatDateTime, formatInt, wan } from "../../../utils/format";
import { PAGE_SIZES } from "../useListParams";

interface Props {
  params: EnterpriseListParams;
  data: Page<EnterpriseListItem> | undefined;
  loading: boolean;
  onChange: (patch: Partial<EnterpriseListParams>) => void;
}

const SORTABLE: Record<string, EnterpriseSort> = {
  name: "name",
  revenue: "revenue",
  employees: "employees",
  updatedAt: "updatedAt",
};

const SRDI_COLORS = { innovative_sme: "cyan", srdi_sme: "geekblue", little_giant: "gold" } as const;

export function EnterpriseTable({ params, data, loading, onChange }: Props) {
  const { t } = useTranslation();

  const sortOrder = (key: EnterpriseSort): AntSortOrder =>
    params.sort === key ? (params.order === "desc" ? "descend" : "ascend") : null;

  const columns: TableProps<EnterpriseListItem>["columns"] = [
    {
      key: "name",
      title: t("enterprise.columns.name"),
      dataIndex: "name",
      fixed: "left",
      width: 220,
      sorter: true,
      sortOrder: sortOrder("name"),
      render: (name: string, r) => (
        <Link to={`/enterprises/${r.id}`} data-testid="enterprise-link">
          {name}
        </Link>
      ),
    },
    {
      key: "uscc",
      title: t("enterprise.columns.uscc"),
      dataIndex: "uscc",
      width: 190,
      render: (v: string) => <Typography.Text copyable={{ text: v }}>{v}</Typography.Text>,
    },
    { key: "district", title: t("enterprise.columns.district"), dataIndex: "districtName", width: 100 },
    {
      key: "industry",
      title: t("enterprise.columns.industry"),
      dataIndex: "industryName",
      width: 180,
      ellipsis: true,
      render: (v: string, r) => `${r.industryCode} ${v}`,
    },
    {
      key: "aboveScale",
      title: t("enterprise.columns.aboveScale"),
      dataIndex: "aboveScale",
      width: 70,
      render: (v: boolean) => (v ? <Tag color="green">{t("common.yes")}</Tag> : t("common.no")),
    },
    {
      key: "size",
      title: t("enterprise.columns.size"),
      dataIndex: "size",
      width: 70,
      render: (v: EnterpriseListItem["size"]) => t(`size.${v}`),
    },
    {
      key: "srdi",
      title: t("enterprise.columns.srdi"),
      dataIndex: "srdiTier",
      width: 150,
      render: (v: EnterpriseListItem["srdiTier"]) =>
        v === "none" ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Tag color={SRDI_COLORS[v]}>{t(`srdi.${v}`)}</Tag>
        ),
    },
    {
      key: "revenue",
      title: t("enterprise.columns.revenue"),
      dataIndex: "latestRevenueFen",
      align: "right",
      width: 150,
      sorter: true,
      sortOrder: sortOrder("revenue"),
      render: (v: number | null, r) =>
        v === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Space size={4}>
            <span>{wan(v)}</span>
            {r.latestYear ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                ({t("enterprise.revenueYear", { year: r.latestYear })})
              </Typography.Text>
            ) : null}
          </Space>
        ),
    },
    {
      key: "employees",
      title: t("enterprise.columns.employees"),
      dataIndex: "latestEmployees",
      align: "right",
      width: 100,
      sorter: true,
      sortOrder: sortOrder("employees"),
      render: (v: number | null) =>
        v === null ? <Typography.Text type="secondary">—</Typography.Text> : formatInt(v),
    },
    { key: "contactName", title: t("enterprise.columns.contactName"), dataIndex: "contactName", width: 80 },
    {
      key: "contactPhone",
      title: t("enterprise.columns.contactPhone"),
      dataIndex: "contactPhone",
      width: 130,
    },
    {
      key: "tags",
      title: t("enterprise.columns.tags"),
      dataIndex: "tags",
      width: 180,
      render: (tags: string[]) => (
        <Space size={[0, 4]} wrap>
          {tags.map((x) => (
            <Tag key={x}>{x}</Tag>
          ))}
        </Space>
      ),
    },
    {
      key: "updatedAt",
      title: t("enterprise.columns.updatedAt"),
      dataIndex: "updatedAt",
      width: 170,
      sorter: true,
      sortOrder: sortOrder("updatedAt"),
      render: (v: string) => formatDateTime(v),
    },
  ];

  const onTableChange: TableProps<EnterpriseListItem>["onChange"] = (pagination, _filters, sorter, extra) => {
    if (extra.action === "sort") {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = s?.order ? SORTABLE[String(s.columnKey)] : undefined;
      onChange({ sort: key, order: key ? (s?.order === "descend" ? "desc" : "asc") : undefined });
      return;
    }
    if (extra.action === "paginate") {
      const pageSize = pagination.pageSize ?? params.pageSize;
      const page = pageSize !== params.pageSize ? 1 : (pagination.current ?? 1);
      onChange({ page, pageSize });
    }
  };

  return (
    <div data-testid="enterprise-table">
      <Table<EnterpriseListItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        onChange={onTableChange}
        scroll={{ x: 1900 }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("enterprise.empty")} />,
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
