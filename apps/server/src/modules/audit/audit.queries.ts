import type { AuditItem, AuditQuery } from "@dxcenter/contracts";
import { auditLog, type Database } from "@dxcenter/db";
import { and, desc, eq, gte, ilike, lt, lte } from "drizzle-orm";
import type { z } from "zod";
import { countRows, escapeLike, pageOfSelect, searchAny } from "../../lib/list-query";

type Query = z.output<typeof AuditQuery>;

const EXPORT_MAX_ROWS = 50_000;
const EXPORT_BATCH = 1_000;

/** The audit page's filters: who (contains), which action (prefix, so "project." finds a module's), what, when. */
function conditions(q: Omit<Query, "page" | "pageSize">) {
  return and(
    searchAny(q.actor, auditLog.actorName),
    q.action ? ilike(auditLog.action, `${escapeLike(q.action)}%`) : undefined,
    q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
    q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
  );
}

const toItem = (r: typeof auditLog.$inferSelect): AuditItem => ({ ...r, at: r.at.toISOString() });

/** Newest first. */
export async function listAuditLog(db: Database, q: Query) {
  const cond = conditions(q);
  return pageOfSelect(
    q,
    db.select().from(auditLog).where(cond).orderBy(desc(auditLog.id)),
    countRows(db, auditLog, cond),
    toItem,
  );
}

/** The export: the newest 50,000 rows under the filters, 1,000 at a time (newest first, by id). */
export async function* iterateAuditForExport(db: Database, q: Omit<Query, "page" | "pageSize">) {
  const cond = conditions(q);
  let before: number | null = null;
  for (let left = EXPORT_MAX_ROWS; left > 0; ) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(before === null ? cond : and(cond, lt(auditLog.id, before)))
      .orderBy(desc(auditLog.id))
      .limit(Math.min(EXPORT_BATCH, left));
    if (rows.length) yield rows.map(toItem);
    const last = rows.at(-1);
    if (!last || rows.length < EXPORT_BATCH) return;
    before = last.id;
    left -= rows.length;
  }
}
