import { auditLog, bulkInsert, type Executor } from "@dxcenter/db";
import type { AuditAction, AuditEntityType } from "@dxcenter/domain";
import type { ColumnBaseConfig } from "drizzle-orm";
import type { PgColumn, PgInsertValue, PgTable } from "drizzle-orm/pg-core";
import type { FastifyRequest } from "fastify";

export interface AuditEntry {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId?: string | null;
  districtCode?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditActor {
  id: string | null;
  name: string | null;
  role: string | null;
  ip: string | null;
}

export function actorOf(request: FastifyRequest): AuditActor {
  return {
    id: request.user?.id ?? null,
    name: request.user?.username ?? null,
    role: request.user?.role ?? null,
    ip: request.ip ?? null,
  };
}

/**
 * Appends audit rows. Call it with the same transaction as the write it describes, so the change and
 * its record commit or roll back together.
 */
export async function recordAudit(db: Executor, actor: AuditActor, entries: AuditEntry | AuditEntry[]) {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await bulkInsert(
    db,
    auditLog,
    list.map((e) => ({
      actorId: actor.id,
      actorName: actor.name,
      actorRole: actor.role,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId ?? null,
      districtCode: e.districtCode ?? null,
      before: e.before ?? null,
      after: e.after ?? null,
      ip: actor.ip,
    })),
  );
}

/** A table whose rows are named by a text `id` (uuid): what `insertAudited` can return. */
type TableWithId = PgTable & {
  readonly id: PgColumn<ColumnBaseConfig<"string", string> & { data: string; notNull: true }>;
};

/**
 * The create step of a record: inserts one row and, with the same executor (the caller's
 * transaction), its audit entry naming the new row. Returns the new row's id.
 */
export async function insertAudited<T extends TableWithId>(
  db: Executor,
  actor: AuditActor,
  table: T,
  values: PgInsertValue<T>,
  entry: Omit<AuditEntry, "entityId">,
): Promise<string> {
  const [row] = await db.insert(table).values(values).returning({ id: table.id });
  await recordAudit(db, actor, { ...entry, entityId: row!.id });
  return row!.id;
}
