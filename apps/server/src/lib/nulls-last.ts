import { type AnyColumn, type SQL, sql } from "drizzle-orm";

/**
 * A sort key for `listOrder` (lib/list-query.ts) whose empty values come last in either direction
 * (a visit date not yet set, a score not yet given): rows with a value sort before rows without one,
 * then by the value in the chosen direction — what `… nulls last` says, in the one list shape.
 */
export function nullsLast(column: AnyColumn): SQL {
  return sql`(${column} is null), ${column}`;
}
