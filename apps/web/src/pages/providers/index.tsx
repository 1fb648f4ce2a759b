import type { ProviderStatus } from "@dxcenter/domain";
import { PROVIDER_STATUS_LABELS } from "@dxcenter/domain";
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from "antd";
import { Link } from "react-router";
import { type ProviderRow, useProviders } from "../../api/providers";
import { useCurrentUser } from "../../auth/context";
import { QueryError } from "../../components/QueryError";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { formatDate } from "../../utils/format";
import {
  CATEGORY_OPTIONS,
  categoryLabel,
  ExportButton,
  gradeLabel,
  ProviderStatusTag,
  pagination,
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
  const { params, update, reset } = useListParams(
    FILTERS,
    ["name", "admittedAt", "updatedAt", "rating"],
    DEFAULTS,
  );
  const list = useProviders(params);
  const columns = [
    {
      key: "name",
      title: "机构名称",
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
      title: "状态",
      dataIndex: "status",
      width: 90,
      render: (s: ProviderStatus) => <ProviderStatusTag status={s} />,
    },
    {
      key: "categories",
      title: "服务类别",
      dataIndex: "categories",
      render: (c: string[]) => c.map((x) => <Tag key={x}>{categoryLabel(x)}</Tag>),
    },
    { key: "scenes", title: "服务场景", dataIndex: "sceneIds", render: (s: string[]) => s.join("、") },
    {
      key: "industries",
      title: "服务行业",
      dataIndex: "industries",
      width: 120,
      render: (s: string[]) => s.join("、"),
    },
    {
      key: "districts",
      title: "服务区域",
      dataIndex: "serviceDistricts",
      width: 140,
      render: (s: string[]) => s.map((d) => (d === "120000" ? "天津市全域" : ref.districtName(d))).join("、"),
    },
    { key: "caseCount", title: "案例", dataIndex: "caseCount", width: 60 },
    {
      key: "rating",
      title: "企业评价",
      dataIndex: "ratingAverage",
      width: 100,
      sorter: true,
      sortOrder: sortOrderOf(params, "rating"),
      render: (v: number | null, r: ProviderRow) =>
        v === null ? "—" : `${v.toFixed(1)}（${r.ratingCount}）`,
    },
    { key: "grade", title: "年度评价", dataIndex: "latestGrade", width: 90, render: gradeLabel },
    {
      key: "admittedAt",
      title: "入库时间",
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
        服务商资源池
      </Typography.Title>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} wrap align="start">
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="机构名称、信用代码、简介"
            defaultValue={params.q as string | undefined}
            onSearch={(v) => update({ q: v })}
            style={{ width: 240 }}
            data-testid="provider-search"
          />
          <Select
            allowClear
            placeholder="服务类别"
            style={{ width: 170 }}
            value={params.category as string | undefined}
            options={CATEGORY_OPTIONS}
            onChange={(v) => update({ category: v })}
          />
          {city ? (
            <Select
              allowClear
              placeholder="状态"
              style={{ width: 110 }}
              value={params.status as string | undefined}
              options={Object.entries(PROVIDER_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
              onChange={(v) => update({ status: v })}
            />
          ) : null}
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="服务场景"
            style={{ width: 170 }}
            value={params.scene as string | undefined}
            options={SCENE_OPTIONS}
            onChange={(v) => update({ scene: v })}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="服务行业"
            style={{ width: 170 }}
            value={params.industry as string | undefined}
            options={ref.industryOptions}
            onChange={(v) => update({ industry: v })}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="服务区域"
            style={{ width: 120 }}
            value={params.district as string | undefined}
            options={ref.districtOptions}
            onChange={(v) => update({ district: v })}
          />
          <Button onClick={reset}>重置</Button>
        </Space>
        <ExportButton
          path="/api/providers/export"
          params={params}
          name="服务商资源池.xlsx"
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
