import type { Executor } from "@dxcenter/db";
import { and, type ColumnBaseConfig, eq } from "drizzle-orm";
import type { PgColumn, PgTable, PgUpdateSetSource } from "drizzle-orm/pg-core";
import { conflict } from "../errors";

/**
 * Optimistic locking: a record carries a `version` that every change raises by one; a change names the
 * version it was made against, and a stale one is 409 VERSION_CONFLICT (field "version") with the
 * record's own Chinese sentence ("该活动已被他人更新，请刷新后重试").
 */

/** 409 VERSION_CONFLICT when the version the caller edited is not the record's current one. */
export function assertVersion(current: number, expected: number, stale: string): void {
  if (current !== expected) throw conflict("VERSION_CONFLICT", stale, "version");
}

type VersionedTable = PgTable & {
  readonly id: PgColumn<ColumnBaseConfig<"string", string>>;
  readonly version: PgColumn<ColumnBaseConfig<"number", string>>;
};

/**
 * UPDATE the row `id` WHERE its version is still `version` (`set` raises the version); 409
 * VERSION_CONFLICT when no row matched because another change came first.
 */
export async function updateAtVersion<T extends VersionedTable>(
  db: Executor,
  table: T,
  id: string,
  version: number,
  set: PgUpdateSetSource<T>,
  stale: string,
): Promise<void> {
  const updated = await db
    .update(table)
    .set(set)
    .where(and(eq(table.id, id), eq(table.version, version)))
    .returning({ id: table.id });
  if (updated.length === 0) throw conflict("VERSION_CONFLICT", stale, "version");
}
