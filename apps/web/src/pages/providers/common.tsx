import { DownloadOutlined } from "@ant-design/icons";
import type {
  ApplicationStatus,
  ExpertStatus,
  ProviderCategory,
  ProviderGradeKey,
  ProviderStatus,
} from "@dxcenter/domain";
import { PROVIDER_CATEGORIES } from "@dxcenter/domain";
import type { TablePaginationConfig } from "antd";
import { App, Button, Tag } from "antd";
import type { SorterResult } from "antd/es/table/interface";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { downloadFile, errorMessage, type QueryParams } from "../../api/client";
import i18n from "../../i18n";
import { exportQuery, PAGE_SIZES, pick, useUrlListParams } from "../../utils/urlListParams";

/** Shared bits of the provider-pool and expert-pool pages: URL list params, export, tags. */

export type ListParams = QueryParams & {
  page?: number;
  pageSize?: number;
  sort?: string;
  order?: "asc" | "desc";
};

/** URL-kept list params: the given string filters plus sort/order/page. */
export function useListParams(
  filters: readonly string[],
  sorts: readonly string[],
  defaults: { sort: string; order: "asc" | "desc" },
) {
  const parse = useCallback(
    (sp: URLSearchParams) => {
      const out: Record<string, string | undefined> = {};
      for (const f of filters) out[f] = sp.get(f)?.trim() || undefined;
      return {
        ...out,
        sort: pick(sp.get("sort"), sorts) ?? defaults.sort,
        order: pick<"asc" | "desc">(sp.get("order"), ["asc", "desc"]) ?? defaults.order,
      };
    },
    [filters, sorts, defaults.sort, defaults.order],
  );
  return useUrlListParams<ListParams>(parse, defaults);
}

/** antd Table change → URL params (pagination and one sortable column). */
export function tableChange<T>(
  update: (p: Partial<ListParams>) => void,
  defaults: { sort: string; order: "asc" | "desc" },
) {
  return (pg: TablePaginationConfig, _f: unknown, sorter: SorterResult<T> | SorterResult<T>[]) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? String(s.columnKey ?? s.field) : defaults.sort;
    const order = s?.order === "ascend" ? "asc" : s?.order === "descend" ? "desc" : defaults.order;
    update({ page: pg.current ?? 1, pageSize: pg.pageSize ?? 20, sort: key, order });
  };
}

export function pagination(params: ListParams, total: number | undefined): TablePaginationConfig {
  return {
    current: params.page ?? 1,
    pageSize: params.pageSize ?? 20,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES.map(String),
    showTotal: (n) => i18n.t("pool.common.total", { n }),
  };
}

export const sortOrderOf = (params: ListParams, key: string) =>
  params.sort === key ? (params.order === "asc" ? ("ascend" as const) : ("descend" as const)) : null;

export function ExportButton({
  path,
  params,
  name,
  testId,
}: {
  path: string;
  params: ListParams;
  name: string;
  testId?: string;
}) {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      data-testid={testId}
      onClick={async () => {
        setBusy(true);
        try {
          await downloadFile(path, exportQuery(params), name);
        } catch (e) {
          void message.error(errorMessage(e));
        } finally {
          setBusy(false);
        }
      }}
    >
      {t("pool.common.export")}
    </Button>
  );
}

const STATUS_COLORS: Partial<Record<ProviderStatus | ApplicationStatus, string>> = {
  admitted: "green",
  in_notice: "gold",
  under_review: "blue",
  applied: "cyan",
  submitted: "cyan",
  rejected: "red",
  exited: "default",
  suspended: "orange",
  withdrawn: "default",
};
export const ProviderStatusTag = ({ status }: { status: ProviderStatus }) => {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`pool.providerStatuses.${status}`)}</Tag>;
};
export const ApplicationStatusTag = ({ status }: { status: ApplicationStatus }) => {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`pool.applicationStatuses.${status}`)}</Tag>;
};
/** Labels in the current language (zh-CN the same as the domain's, which the exports use). */
export const providerStatusLabel = (s: string) => i18n.t(`pool.providerStatuses.${s as ProviderStatus}`);
export const expertStatusLabel = (s: string) => i18n.t(`pool.expertStatuses.${s as ExpertStatus}`);
export const categoryLabel = (c: string) =>
  (PROVIDER_CATEGORIES as readonly string[]).includes(c)
    ? i18n.t(`pool.categories.${c as ProviderCategory}`)
    : c;
export const gradeLabel = (g: string | null) => (g ? i18n.t(`pool.grades.${g as ProviderGradeKey}`) : "—");
/** Category options in the current language (call at render). */
export const categoryOptions = () =>
  PROVIDER_CATEGORIES.map((value) => ({ value, label: categoryLabel(value) }));

/** MIIT 2024 scene (S01–S16) and sub-domain ids with their names, for tag filters. */
export const SCENE_OPTIONS = [
  ["S01", "产品设计"],
  ["S02", "工艺设计"],
  ["S03", "营销管理"],
  ["S04", "售后服务"],
  ["S05", "计划排程"],
  ["S06", "生产管控"],
  ["S07", "质量管理"],
  ["S08", "设备管理"],
  ["S09", "安全生产"],
  ["S10", "能耗管理"],
  ["S11", "采购管理"],
  ["S12", "仓储物流"],
  ["S13", "财务管理"],
  ["S14", "人力资源"],
  ["S15", "协同办公"],
  ["S16", "决策支持"],
  ["op-lifecycle", "产品生命周期数字化"],
  ["op-production", "生产执行数字化"],
  ["op-supply-chain", "供应链数字化"],
  ["op-decision", "管理决策数字化"],
].map(([value, label]) => ({ value: value!, label: `${value} ${label}` }));
export const sceneName = (id: string) => SCENE_OPTIONS.find((o) => o.value === id)?.label ?? id;

/** The demo clock header (demo mode only; the server ignores it in production). */
export const todayShanghai = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
