import {
  PROVIDER_CATEGORIES,
  PROVIDER_STATUSES,
  type ProviderCategory,
  type ProviderStatus,
} from "@dxcenter/domain";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type ProviderRow, useProviders } from "../../api/providers";
import { useCurrentUser } from "../../auth/context";
import { filter, ListPage, listSpec, param, type ServerColumn, useListParams } from "../../components/list";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { formatDate } from "../../utils/format";
import {
  categoryLabel,
  categoryOptions,
  gradeLabel,
  ProviderStatusTag,
  providerStatusLabel,
  SCENE_OPTIONS,
} from "./common";

const SORTS = ["name", "admittedAt", "updatedAt", "rating"] as const;
type ProviderSort = (typeof SORTS)[number];
const PROVIDER_LIST = listSpec({
  filters: {
    q: param.text,
    category: param.oneOf(PROVIDER_CATEGORIES),
    status: param.oneOf(PROVIDER_STATUSES),
    scene: param.text,
    industry: param.text,
    district: param.district,
  },
  sort: { keys: SORTS, default: "name", order: "asc" },
});

/** 服务商资源池: admitted providers for everyone; every status for the city. */
export default function ProviderPoolPage() {
  const me = useCurrentUser();
  return <ProviderPoolList city={me.role === "city_admin"} signedIn />;
}

/** The list itself; `signedIn` false = the public page (no detail links; the export has admitted providers only). */
export function ProviderPoolList({ city, signedIn }: { city: boolean; signedIn: boolean }) {
  const ref = useReferenceOptions();
  const { t } = useTranslation();
  const list = useListParams(PROVIDER_LIST);
  const query = useProviders(list.params);
  const columns: ServerColumn<ProviderRow, ProviderSort>[] = [
    {
      key: "name",
      title: t("pool.list.name"),
      dataIndex: "name",
      sortKey: "name",
      render: (v: string, r) =>
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
      render: (c: ProviderCategory[]) => c.map((x) => <Tag key={x}>{categoryLabel(x)}</Tag>),
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
      sortKey: "rating",
      render: (v: number | null, r) => (v === null ? "—" : `${v.toFixed(1)}（${r.ratingCount}）`),
    },
    { key: "grade", title: t("pool.list.grade"), dataIndex: "latestGrade", width: 90, render: gradeLabel },
    {
      key: "admittedAt",
      title: t("pool.list.admittedAt"),
      dataIndex: "admittedAt",
      width: 110,
      sortKey: "admittedAt",
      render: (v: string | null) => formatDate(v),
    },
  ];
  return (
    <ListPage
      title={t("pool.list.title")}
      list={list}
      filterMargin={12}
      filters={[
        filter.search(t("pool.list.searchPlaceholder"), 240, { button: true, testId: "provider-search" }),
        {
          kind: "select",
          key: "category",
          placeholder: t("pool.list.categories"),
          width: 170,
          options: categoryOptions(),
        },
        city && filter.oneOf("status", t("pool.list.status"), 110, PROVIDER_STATUSES, providerStatusLabel),
        {
          kind: "select",
          key: "scene",
          searchable: true,
          placeholder: t("pool.list.scenes"),
          width: 170,
          options: SCENE_OPTIONS,
        },
        {
          kind: "select",
          key: "industry",
          searchable: true,
          placeholder: t("pool.list.industries"),
          width: 170,
          options: ref.industryOptions,
        },
        {
          kind: "select",
          key: "district",
          searchable: true,
          placeholder: t("pool.list.districts"),
          width: 120,
          options: ref.districtOptions,
        },
      ]}
      export={{
        path: "/api/providers/export",
        fileName: t("pool.list.exportName"),
        testId: "provider-export",
        label: t("pool.common.export"),
      }}
      columns={columns}
      query={query}
      scrollX={1200}
    />
  );
}
