import { Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { EnterpriseListItem, EnterpriseSort } from "../../../api/types";
import {
  column,
  type ListTableProps,
  linkTo,
  type ServerColumn,
  ServerTable,
} from "../../../components/list";
import { formatInt, wan } from "../../../utils/format";

const SRDI_COLORS = { innovative_sme: "cyan", srdi_sme: "geekblue", little_giant: "gold" } as const;

export function EnterpriseTable({ list, query }: ListTableProps<EnterpriseListItem, EnterpriseSort>) {
  const { t } = useTranslation();

  const columns: ServerColumn<EnterpriseListItem, EnterpriseSort>[] = [
    {
      key: "name",
      title: t("enterprise.columns.name"),
      dataIndex: "name",
      fixed: "left",
      width: 220,
      sortKey: "name",
      render: linkTo((r) => `/enterprises/${r.id}`, "enterprise-link"),
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
      sortKey: "revenue",
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
      sortKey: "employees",
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
    column.dateTime("updatedAt", t("enterprise.columns.updatedAt"), { sortKey: "updatedAt" }),
  ];

  return (
    <ServerTable<EnterpriseListItem, EnterpriseSort>
      testId="enterprise-table"
      columns={columns}
      query={query}
      list={list}
      scrollX={1900}
      empty={t("enterprise.empty")}
    />
  );
}
