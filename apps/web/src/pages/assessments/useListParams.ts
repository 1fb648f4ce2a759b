import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import type { AssessmentListParams, AssessmentSort, AssessmentStatus, SortOrder } from "../../api/types";

const SORTS: readonly AssessmentSort[] = ["updatedAt", "submittedAt", "total"];
const STATUSES: readonly AssessmentStatus[] = ["draft", "submitted"];
export const PAGE_SIZES = [10, 20, 50, 100] as const;

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Assessment list filters live in the URL so reload and back keep them. Default: latest change first. */
export function useAssessmentListParams() {
  const [sp, setSp] = useSearchParams();

  const params = useMemo<AssessmentListParams>(() => {
    const text = (k: string) => sp.get(k)?.trim() || undefined;
    const enterpriseId = sp.get("enterpriseId");
    const districtCode = sp.get("districtCode");
    return {
      q: text("q"),
      instrumentId: text("instrumentId"),
      status: pick(sp.get("status"), STATUSES),
      districtCode: districtCode && /^\d{6}$/.test(districtCode) ? districtCode : undefined,
      enterpriseId: enterpriseId && UUID.test(enterpriseId) ? enterpriseId : undefined,
      sort: pick(sp.get("sort"), SORTS) ?? "updatedAt",
      order: pick<SortOrder>(sp.get("order"), ["asc", "desc"]) ?? "desc",
      page: positiveInt(sp.get("page"), 1),
      pageSize: positiveInt(sp.get("pageSize"), 20, 200),
    };
  }, [sp]);

  /** Merges a change into the URL; any filter change goes back to page 1 unless a page is given. */
  const update = useCallback(
    (patch: Partial<AssessmentListParams>) => {
      setSp((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined || v === null || v === "") next.delete(k);
          else next.set(k, String(v));
        }
        if (!("page" in patch)) next.delete("page");
        if (next.get("sort") === "updatedAt" && next.get("order") !== "asc") {
          next.delete("sort");
          next.delete("order");
        }
        if (next.get("page") === "1") next.delete("page");
        if (next.get("pageSize") === "20") next.delete("pageSize");
        return next;
      });
    },
    [setSp],
  );

  const reset = useCallback(() => setSp(new URLSearchParams()), [setSp]);

  return { params, update, reset };
}

/** The filters without paging, for the Excel export. */
export function exportQuery(p: AssessmentListParams): AssessmentListParams {
  const { page: _page, pageSize: _pageSize, ...rest } = p;
  return rest;
}
