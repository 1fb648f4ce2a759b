import { SRDI_TIERS, type SrdiTier } from "@dxcenter/domain";
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import type { EnterpriseListParams, EnterpriseSort, SortOrder } from "../../api/types";

const SORTS: readonly EnterpriseSort[] = ["name", "uscc", "revenue", "employees", "updatedAt", "district"];
export const PAGE_SIZES = [10, 20, 50, 100] as const;

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

/** Registry filters live in the URL (?q=&districtCode=…&page=) so reload and back keep them. */
export function useEnterpriseListParams() {
  const [sp, setSp] = useSearchParams();

  const params = useMemo<EnterpriseListParams>(() => {
    const text = (k: string) => sp.get(k)?.trim() || undefined;
    const code = (k: string, re: RegExp) => {
      const v = sp.get(k);
      return v && re.test(v) ? v : undefined;
    };
    return {
      q: text("q"),
      districtCode: code("districtCode", /^\d{6}$/),
      industryCode: code("industryCode", /^C\d{2}$/),
      aboveScale: pick(sp.get("aboveScale"), ["true", "false"] as const),
      srdiTier: pick<SrdiTier>(sp.get("srdiTier"), SRDI_TIERS),
      srdi: pick(sp.get("srdi"), ["any"] as const),
      tag: text("tag"),
      sort: pick(sp.get("sort"), SORTS) ?? "name",
      order: pick<SortOrder>(sp.get("order"), ["asc", "desc"]) ?? "asc",
      page: positiveInt(sp.get("page"), 1),
      pageSize: positiveInt(sp.get("pageSize"), 20, 200),
    };
  }, [sp]);

  /** Merges a change into the URL; any filter change goes back to page 1 unless a page is given. */
  const update = useCallback(
    (patch: Partial<EnterpriseListParams>) => {
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === "") next.delete(k);
            else next.set(k, String(v));
          }
          if (!("page" in patch)) next.delete("page");
          if (next.get("sort") === "name" && next.get("order") !== "desc") {
            next.delete("sort");
            next.delete("order");
          }
          if (next.get("page") === "1") next.delete("page");
          if (next.get("pageSize") === "20") next.delete("pageSize");
          return next;
        },
        { replace: false },
      );
    },
    [setSp],
  );

  const reset = useCallback(() => setSp(new URLSearchParams()), [setSp]);

  return { params, update, reset };
}

/** The filters without paging, for the Excel export link. */
export function exportQuery(p: EnterpriseListParams): EnterpriseListParams {
  const { page: _page, pageSize: _pageSize, ...rest } = p;
  return rest;
}
