import { PROVIDER_STATUSES, type ProviderStatus } from "@dxcenter/domain";
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type ProviderRow, useProviders } from "../../api/providers";
import { useCurrentUser } from "../../auth/context";
import { QueryError } from "../../components/QueryError";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { formatDate } from "../../utils/format";
import {
  categoryLabel,
  categoryOptions,
  ExportButton,
  gradeLabel,
  ProviderStatusTag,
  pagination,
  providerStatusLabel,
  SCENE_OPTIONS,
  sortOrderOf,
  tableChange,
  useListParams,
} from "./common";

const DEFAULTS = { sort: "name", order: "asc" } as const;
const FILTERS = ["q", "category", "status", "scene", "industry", "district"] as const;

/** 服务商资源池: admitted providers for everyone; every status for the city. */
export default function ProviderPoolPage() {
  const me = useCurrentUser();
  return <ProviderPoolList city={me.role === "city_admin"} signedIn />;
}

/** The list itself; `signedIn` false = the public page (no detail links; the export has admitted providers only). */
export function ProviderPoolList({ city, signedIn }: { city: boolean; signedIn: boolean }) {
  const ref = useReferenceOptions();
  const { t } = useTranslation();
  const { params, update, reset } = useListParams(
    FILTERS,
    ["name", "admittedAt", "updatedAt", "rating"],
    DEFAULTS,
  );
  const list = useProviders(params);
  const columns = [
    {
      key: "name",
      title: t("pool.list.name"),
      dataIndex: "name",
      sorter: true,
      sortOrder: sortOrderOf(params, "name"),
      render: (v: string, r: ProviderRow) =>
        signedIn ? (
          <Link to={`/providers/${r.id}`} data-testid="provider-link">
            {v}
          </Link>
        ) : (
          v
        ),
    },
    {
      key: "status",
      title: t("pool.list.status"),
      dataIndex: "status",
      width: 90,
      render: (s: ProviderStatus) => <ProviderStatusTag status={s} />,
    },
    {
      key: "categories",
      title: t("pool.list.categories"),
      dataIndex: "categories",
      render: (c: string[]) => c.map((x) => <Tag key={x}>{categoryLabel(x)}</Tag>),
    },
    {
      key: "scenes",
      title: t("pool.list.scenes"),
      dataIndex: "sceneIds",
      render: (s: string[]) => s.join("、"),
    },
    {
      key: "industries",
      title: t("pool.list.industries"),
      dataIndex: "industries",
      width: 120,
      render: (s: string[]) => s.join("、"),
    },
    {
      key: "districts",
      title: t("pool.list.districts"),
      dataIndex: "serviceDistricts",
      width: 140,
      render: (s: string[]) =>
        s.map((d) => (d === "120000" ? t("pool.common.wholeCity") : ref.districtName(d))).join("、"),
    },
    { key: "caseCount", title: t("pool.list.cases"), dataIndex: "caseCount", width: 60 },
    {
      key: "rating",
      title: t("pool.list.rating"),
      dataIndex: "ratingAverage",
      width: 100,
      sorter: true,
      sortOrder: sortOrderOf(params, "rating"),
      render: (v: number | null, r: ProviderRow) =>
        v === null ? "—" : `${v.toFixed(1)}（${r.ratingCount}）`,
    },
    { key: "grade", title: t("pool.list.grade"), dataIndex: "latestGrade", width: 90, render: gradeLabel },
    {
      key: "admittedAt",
      title: t("pool.list.admittedAt"),
      dataIndex: "admittedAt",
      width: 110,
      sorter: true,
      sortOrder: sortOrderOf(params, "admittedAt"),
      render: (v: string | null) => formatDate(v),
    },
  ];
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("pool.list.title")}
      </Typography.Title>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} wrap align="start">
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t("pool.list.searchPlaceholder")}
            defaultValue={params.q as string | undefined}
            onSearch={(v) => update({ q: v })}
            style={{ width: 240 }}
            data-testid="provider-search"
          />
          <Select
            allowClear
            placeholder={t("pool.list.categories")}
            style={{ width: 170 }}
            value={params.category as string | undefined}
            options={categoryOptions()}
            onChange={(v) => update({ category: v })}
          />
          {city ? (
            <Select
              allowClear
              placeholder={t("pool.list.status")}
              style={{ width: 110 }}
              value={params.status as string | undefined}
              options={PROVIDER_STATUSES.map((value) => ({ value, label: providerStatusLabel(value) }))}
              onChange={(v) => update({ status: v })}
            />
          ) : null}
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t("pool.list.scenes")}
            style={{ width: 170 }}
            value={params.scene as string | undefined}
            options={SCENE_OPTIONS}
            onChange={(v) => update({ scene: v })}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t("pool.list.industries")}
            style={{ width: 170 }}
            value={params.industry as string | undefined}
            options={ref.industryOptions}
            onChange={(v) => update({ industry: v })}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t("pool.list.districts")}
            style={{ width: 120 }}
            value={params.district as string | undefined}
            options={ref.districtOptions}
            onChange={(v) => update({ district: v })}
          />
          <Button onClick={reset}>{t("pool.common.reset")}</Button>
        </Space>
        <ExportButton
          path="/api/providers/export"
          params={params}
          name={t("pool.list.exportName")}
          testId="provider-export"
        />
      </Space>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<ProviderRow>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={pagination(params, list.data?.total)}
        onChange={tableChange<ProviderRow>(update, DEFAULTS)}
        scroll={{ x: 1200 }}
      />
    </Card>
  );
}
