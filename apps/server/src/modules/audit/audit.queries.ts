import type { AuditItem, AuditQuery } from "@dxcenter/contracts";
import { auditLog, type Database } from "@dxcenter/db";
import { and, count, desc, eq, gte, ilike, lte } from "drizzle-orm";
import type { z } from "zod";
import { countOf, escapeLike, pageOf, searchAny } from "../../lib/list-query";

type Query = z.output<typeof AuditQuery>;

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
  return pageOf(
    q,
    (limit, offset) =>
      db.select().from(auditLog).where(cond).orderBy(desc(auditLog.id)).limit(limit).offset(offset),
    () => countOf(db.select({ n: count() }).from(auditLog).where(cond)),
    toItem,
  );
}

/** The export: the newest 50,000 rows under the filters. */
export function auditRowsForExport(db: Database, q: Omit<Query, "page" | "pageSize">) {
  return db.select().from(auditLog).where(conditions(q)).orderBy(desc(auditLog.id)).limit(50_000);
}
