import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import {
  DEFAULT_PAGE_SIZE,
  exportQuery,
  PAGE_SIZES,
  type Paging,
  pick,
  positiveInt,
  writeListPatch,
} from "../components/list/useListParams";

/**
 * The older URL list hook, kept for the pages not yet on `components/list` (projects, policies).
 * New lists: `useListParams(listSpec({ filters, sort }))` from components/list.
 */
export { exportQuery, PAGE_SIZES, pick, positiveInt };

export type ListParamsBase = Paging;

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
  const { sort, order } = defaults;
  const update = useCallback(
    (patch: Partial<P>) => setSp((prev) => writeListPatch(prev, patch, { sort, order })),
    [setSp, sort, order],
  );

  const reset = useCallback(() => setSp(new URLSearchParams()), [setSp]);
  return { params, update, reset };
}
