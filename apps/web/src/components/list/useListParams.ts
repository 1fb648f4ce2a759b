import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";

/** Page sizes offered by every server-paginated list. */
export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

export type SortOrder = "asc" | "desc";

/** Reads one URL search param; `undefined` = absent or not a valid value. */
export type ParamReader<T> = (raw: string | null) => T | undefined;

export function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

export function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const matching =
  (re: RegExp): ParamReader<string> =>
  (raw) =>
    raw !== null && re.test(raw) ? raw : undefined;

/** The readers list filters are declared with (only valid values survive a hand-edited URL). */
export const param = {
  /** Trimmed free text. */
  text: ((raw) => raw?.trim() || undefined) satisfies ParamReader<string>,
  /** One of the given values. */
  oneOf:
    <T extends string>(allowed: readonly T[]): ParamReader<T> =>
    (raw) =>
      pick(raw, allowed),
  /** "true" / "false" (the query-string booleans of the API). */
  bool: ((raw) => pick(raw, ["true", "false"] as const)) satisfies ParamReader<"true" | "false">,
  matching,
  /** A 6-digit district code. */
  district: matching(/^\d{6}$/),
  uuid: matching(UUID),
  /** An integer in [min, max]. */
  int:
    (min: number, max: number): ParamReader<number> =>
    (raw) => {
      const n = positiveInt(raw, 0, max);
      return n >= min ? n : undefined;
    },
};

export type Readers = Record<string, ParamReader<string | number>>;
export type FilterValues<F extends Readers> = { [K in keyof F]?: ReturnType<F[K]> };

/** What a list declares once (at module level, so it is stable): its URL filters and its sort keys. */
export interface ListSpec<F extends Readers, S extends string> {
  filters: F;
  /** Sortable keys and the default sort; `sort`/`order` are kept in the URL only when not the default. */
  sort?: { keys: readonly S[]; default: S; order: SortOrder };
}

export type Paging<S extends string = string> = {
  page?: number;
  pageSize?: number;
  sort?: S;
  order?: SortOrder;
};

export type ListParams<F extends Readers, S extends string> = FilterValues<F> & Paging<S>;

/** The params type of a spec: `type Params = ParamsOf<typeof MY_LIST>`. */
export type ParamsOf<L> = L extends ListSpec<infer F, infer S> ? ListParams<F, S> : never;

/** A change to URL params: typed values, or raw strings that the readers check on the way back. */
export type ListPatch<P> = { [K in keyof P]?: P[K] | string };

export interface ListState<P extends Paging> {
  /** The current filters, sort and paging (defaults filled in). */
  params: P;
  /** Merges a change into the URL; any change but paging goes back to page 1. */
  update: (patch: ListPatch<P>) => void;
  /** Clears this list's own params (other params such as `tab` stay). */
  reset: () => void;
}

/** Declares a list spec with its types inferred (identity). */
export function listSpec<F extends Readers, S extends string = never>(spec: ListSpec<F, S>): ListSpec<F, S> {
  return spec;
}

/**
 * List filters, sort and paging kept in the URL (?q=…&page=) so reload, back and shared links keep
 * them. Default sort/order and paging are left out of the URL to keep links short.
 */
export function useListParams<F extends Readers, S extends string = never>(
  spec: ListSpec<F, S>,
): ListState<ListParams<F, S>> {
  const [sp, setSp] = useSearchParams();
  const { filters, sort } = spec;

  const params = useMemo(() => {
    const values: Record<string, string | number | undefined> = {};
    for (const [key, read] of Object.entries(filters)) values[key] = read(sp.get(key));
    const out: ListParams<F, S> = {
      // The one place runtime keys meet the declared type: each key of F was read by its own reader.
      ...(values as FilterValues<F>),
      page: positiveInt(sp.get("page"), 1),
      pageSize: positiveInt(sp.get("pageSize"), DEFAULT_PAGE_SIZE, 200),
    };
    if (sort) {
      out.sort = pick(sp.get("sort"), sort.keys) ?? sort.default;
      out.order = pick<SortOrder>(sp.get("order"), ["asc", "desc"]) ?? sort.order;
    }
    return out;
  }, [sp, filters, sort]);

  const update = useCallback(
    (patch: ListPatch<ListParams<F, S>>) =>
      setSp((prev) => writeListPatch(prev, patch, sort && { sort: sort.default, order: sort.order })),
    [setSp, sort],
  );

  const reset = useCallback(
    () =>
      setSp((prev) => {
        const next = new URLSearchParams(prev);
        for (const key of [...Object.keys(filters), "sort", "order", "page", "pageSize"]) next.delete(key);
        return next;
      }),
    [setSp, filters],
  );

  return { params, update, reset };
}

/** The URL after a change: the patch merged in, default sort and paging left out. */
export function writeListPatch(
  prev: URLSearchParams,
  patch: object,
  defaults: { sort: string; order: SortOrder } | undefined,
): URLSearchParams {
  const next = new URLSearchParams(prev);
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === null || v === "") next.delete(k);
    else next.set(k, String(v));
  }
  if (!("page" in patch)) next.delete("page");
  if (
    defaults &&
    (next.get("sort") ?? defaults.sort) === defaults.sort &&
    (next.get("order") ?? defaults.order) === defaults.order
  ) {
    next.delete("sort");
    next.delete("order");
  }
  if (next.get("page") === "1") next.delete("page");
  if (next.get("pageSize") === String(DEFAULT_PAGE_SIZE)) next.delete("pageSize");
  return next;
}

/** The filters without paging, for Excel exports. */
export function exportQuery<P extends Paging>(p: P): Omit<P, "page" | "pageSize"> {
  const { page: _page, pageSize: _pageSize, ...rest } = p;
  return rest;
}
