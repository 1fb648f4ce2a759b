import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";

/** Page sizes offered by every server-paginated list. */
export const PAGE_SIZES = [10, 20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

export function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

export interface ListParamsBase {
  sort?: string;
  order?: "asc" | "desc";
  page?: number;
  pageSize?: number;
}

/**
 * List filters kept in the URL (?q=…&page=) so reload and back keep them. `parse` reads the
 * list's own filters (only valid values survive); paging is common. Default sort/order and paging
 * are left out of the URL to keep links short.
 */
export function useUrlListParams<P extends ListParamsBase>(
  parse: (sp: URLSearchParams) => Omit<P, "page" | "pageSize">,
  defaults: { sort: string; order: "asc" | "desc" },
) {
  const [sp, setSp] = useSearchParams();

  const params = useMemo(
    () =>
      ({
        ...parse(sp),
        page: positiveInt(sp.get("page"), 1),
        pageSize: positiveInt(sp.get("pageSize"), DEFAULT_PAGE_SIZE, 200),
      }) as P,
    [sp, parse],
  );

  /** Merges a change into the URL; any filter change goes back to page 1 unless a page is given. */
  const update = useCallback(
    (patch: Partial<P>) => {
      setSp((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined || v === null || v === "") next.delete(k);
          else next.set(k, String(v));
        }
        if (!("page" in patch)) next.delete("page");
        if (
          (next.get("sort") ?? defaults.sort) === defaults.sort &&
          (next.get("order") ?? defaults.order) === defaults.order
        ) {
          next.delete("sort");
          next.delete("order");
        }
        if (next.get("page") === "1") next.delete("page");
        if (next.get("pageSize") === String(DEFAULT_PAGE_SIZE)) next.delete("pageSize");
        return next;
      });
    },
    [setSp, defaults.sort, defaults.order],
  );

  const reset = useCallback(() => setSp(new URLSearchParams()), [setSp]);
  return { params, update, reset };
}

/** The filters without paging, for Excel exports. */
export function exportQuery<P extends ListParamsBase>(p: P): Omit<P, "page" | "pageSize"> {
  const { page: _page, pageSize: _pageSize, ...rest } = p;
  return rest;
}
