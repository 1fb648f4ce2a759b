import type { Executor } from "@dxcenter/db";
import { type AnyColumn, asc, count, desc, ilike, or, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

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

/** The `n` of a `select({ n: count() })` query, 0 when it returns no row: what pageOf's `total` needs. */
export async function countOf(rows: PromiseLike<{ n: number }[]>): Promise<number> {
  const [row] = await rows;
  return row?.n ?? 0;
}

/** The number of rows of `table` (inner-joined to `joins`, each with its ON condition) under `where`. */
export function countRows(
  db: Executor,
  table: PgTable,
  where: SQL | undefined,
  ...joins: [PgTable, SQL][]
): Promise<number> {
  let q = db.select({ n: count() }).from(table).$dynamic();
  for (const [joined, on] of joins) q = q.innerJoin(joined, on);
  return countOf(q.where(where));
}

/** A drizzle select, filtered and ordered, still open for its page's LIMIT and OFFSET. */
export interface PagedSelect<R> {
  limit(limit: number): { offset(offset: number): PromiseLike<R[]> };
}

/** `pageOf` over a drizzle select: `rows` gets the page's LIMIT and OFFSET; `total` counts the list. */
export function pageOfSelect<R>(
  q: PageRequest,
  rows: PagedSelect<R>,
  total: Promise<number>,
): Promise<Page<R>>;
export function pageOfSelect<R, T>(
  q: PageRequest,
  rows: PagedSelect<R>,
  total: Promise<number>,
  map: (row: R) => T,
): Promise<Page<T>>;
export function pageOfSelect<R, T>(
  q: PageRequest,
  rows: PagedSelect<R>,
  total: Promise<number>,
  map?: (row: R) => T,
): Promise<Page<R | T>> {
  const page = async (limit: number, offset: number) => rows.limit(limit).offset(offset);
  return map ? pageOf(q, page, () => total, map) : pageOf(q, page, () => total);
}

/** A sort key whose empty values (a visit date not yet set, a score not yet given) come last either way. */
export class NullsLast {
  constructor(readonly column: AnyColumn) {}
}
export const nullsLast = (column: AnyColumn) => new NullsLast(column);

/**
 * `listOrder` for sort maps with `nullsLast(column)` keys: such a key orders
 * `column <dir> NULLS LAST` (the form an index on `column desc nulls last` serves), then the tiebreak;
 * any other key is exactly listOrder.
 */
export function listOrderNullsLast<K extends string>(
  columns: Readonly<Record<K, AnyColumn | SQL | NullsLast>>,
  sort: K,
  order: "asc" | "desc" | undefined,
  tiebreak: AnyColumn,
): SQL[] {
  const key: AnyColumn | SQL | NullsLast = columns[sort];
  if (key instanceof NullsLast) {
    return [sql`${key.column} ${sql.raw(order === "asc" ? "asc" : "desc")} nulls last`, asc(tiebreak)];
  }
  return listOrder<"key">({ key }, "key", order, tiebreak);
}
