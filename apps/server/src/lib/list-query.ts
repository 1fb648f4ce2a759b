import { type AnyColumn, asc, desc, ilike, or, type SQL } from "drizzle-orm";

/**
 * The one shape of a server list: a filter condition, an ORDER BY with a unique tiebreak, one page of
 * rows and the total under the same condition. Services write their filters as one `and(…)` of
 * optional conditions (drizzle drops `undefined`), pick their sort columns from a typed map, and call
 * `pageOf`; exports walk the same list with `allPages` (lib/pages.ts).
 */
export interface PageRequest {
  readonly page: number;
  readonly pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A LIKE pattern that matches `s` literally anywhere (%, _ and \ escaped). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Free-text search: any of the columns contains the words (case-insensitive); undefined when no search. */
export function searchAny(q: string | undefined, ...columns: (AnyColumn | SQL)[]): SQL | undefined {
  if (!q) return undefined;
  const like = `%${escapeLike(q)}%`;
  return or(...columns.map((c) => ilike(c, like)));
}

/**
 * ORDER BY the chosen sort key in the chosen direction (default descending), then the unique
 * tiebreak, so that equal sort values never shuffle rows between pages.
 */
export function listOrder<K extends string>(
  columns: Readonly<Record<K, AnyColumn | SQL>>,
  sort: K,
  order: "asc" | "desc" | undefined,
  tiebreak: AnyColumn,
): SQL[] {
  const dir = order === "asc" ? asc : desc;
  return [dir(columns[sort]), asc(tiebreak)];
}

/** One page of rows and the total, queried together; `rows` gets the LIMIT and OFFSET of the page. */
export async function pageOf<R>(
  q: PageRequest,
  rows: (limit: number, offset: number) => Promise<R[]>,
  total: () => Promise<number>,
): Promise<Page<R>>;
export async function pageOf<R, T>(
  q: PageRequest,
  rows: (limit: number, offset: number) => Promise<R[]>,
  total: () => Promise<number>,
  map: (row: R) => T,
): Promise<Page<T>>;
export async function pageOf<R, T>(
  q: PageRequest,
  rows: (limit: number, offset: number) => Promise<R[]>,
  total: () => Promise<number>,
  map?: (row: R) => T,
): Promise<Page<R | T>> {
  const [list, n] = await Promise.all([rows(q.pageSize, (q.page - 1) * q.pageSize), total()]);
  return { items: map ? list.map(map) : list, total: n, page: q.page, pageSize: q.pageSize };
}
