import { type AnyColumn, asc, type SQL, sql } from "drizzle-orm";
import { listOrder } from "./list-query";

/** A sort key whose empty values (a visit date not yet set, a score not yet given) come last either way. */
export class NullsLast {
  constructor(readonly column: AnyColumn) {}
}
export const nullsLast = (column: AnyColumn) => new NullsLast(column);

/**
 * `listOrder` (lib/list-query.ts) for sort maps with `nullsLast(column)` keys: such a key orders
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
