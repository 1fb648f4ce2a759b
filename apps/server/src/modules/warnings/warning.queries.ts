import type { WarningCounts, WarningDetail, WarningItem, WarningListQuery } from "@dxcenter/contracts";
import { auditLog, districts, type Executor, users, warningRules, warnings } from "@dxcenter/db";
import {
  mayUseWarnings,
  ROLE_LABELS,
  WARNING_LEVELS,
  WARNING_STATES,
  type WarningFacts,
  type WarningOwnerKind,
  warningPermissions,
  warningReadScope,
} from "@dxcenter/domain";
import { and, asc, count, eq, ne, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { forbidden, notFound } from "../../errors";
import { countOf, listOrder, pageOf, searchAny } from "../../lib/list-query";
import type { CurrentUser } from "../../plugins/auth";

/**
 * 预警中心 reads: the one row shape (warning + rule name + district and actor names), the read scope as
 * a condition (city all, district its own, department what its organisation owns), list, detail with
 * the audit history, counts for the 驾驶舱.
 */

type ListQuery = z.output<typeof WarningListQuery>;

export function assertWarnings(user: CurrentUser): void {
  if (!mayUseWarnings(user)) throw forbidden("查看预警");
}

/** The caller's scope as SQL (assertWarnings first: other roles never get here). */
export function warningScopeCondition(user: CurrentUser): SQL | undefined {
  const scope = warningReadScope(user, user.organization);
  switch (scope.kind) {
    case "all":
      return undefined;
    case "district":
      return eq(warnings.districtCode, scope.districtCode);
    case "department":
      return and(eq(warnings.ownerKind, "department"), eq(warnings.ownerCode, scope.organization));
    case "none":
      return sql`false`;
  }
}

const acknowledger = alias(users, "acknowledger");
const handler = alias(users, "handler");
const closer = alias(users, "closer");

const columns = {
  w: warnings,
  ruleName: sql<string>`coalesce(${warningRules.name}, ${warnings.ruleId})`,
  districtName: districts.name,
  acknowledgedByName: acknowledger.displayName,
  handledByName: handler.displayName,
  closedByName: closer.displayName,
};

function base(db: Executor) {
  return db
    .select(columns)
    .from(warnings)
    .leftJoin(
      warningRules,
      and(eq(warningRules.id, warnings.ruleId), eq(warningRules.version, warnings.ruleVersion)),
    )
    .leftJoin(districts, eq(districts.code, warnings.districtCode))
    .leftJoin(acknowledger, eq(acknowledger.id, warnings.acknowledgedBy))
    .leftJoin(handler, eq(handler.id, warnings.handledBy))
    .leftJoin(closer, eq(closer.id, warnings.closedBy));
}

type Row = Awaited<ReturnType<ReturnType<typeof base>["where"]>>[number];
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** 市工信局, the district's name or the department's (the list never shows a code). */
export function ownerName(
  w: { ownerKind: WarningOwnerKind; ownerCode: string | null },
  districtName: string | null,
): string {
  if (w.ownerKind === "department") return w.ownerCode ?? "";
  if (w.ownerKind === "district") return districtName ?? w.ownerCode ?? "";
  return ROLE_LABELS.city_admin;
}

function toItem(r: Row): WarningItem {
  const w = r.w;
  return {
    id: w.id,
    ruleId: w.ruleId,
    ruleVersion: w.ruleVersion,
    ruleName: r.ruleName,
    subjectType: w.subjectType,
    subjectId: w.subjectId,
    subjectName: w.subjectName,
    districtCode: w.districtCode,
    districtName: r.districtName,
    ownerKind: w.ownerKind,
    ownerCode: w.ownerCode,
    ownerName: ownerName(w, r.districtName),
    level: w.level,
    title: w.title,
    detail: w.detail as WarningItem["detail"],
    state: w.state,
    openedAt: w.openedAt.toISOString(),
    acknowledgedAt: iso(w.acknowledgedAt),
    acknowledgedByName: r.acknowledgedByName,
    handledAt: iso(w.handledAt),
    handledByName: r.handledByName,
    handleNote: w.handleNote,
    closedAt: iso(w.closedAt),
    closedByName: r.closedByName,
    closeNote: w.closeNote,
    clearedAt: iso(w.clearedAt),
  };
}

/** 1 = red … 3 = yellow: the most serious first in ascending order. */
export const LEVEL_RANK = sql<number>`array_position(array[${sql.raw(WARNING_LEVELS.map((l) => `'${l}'`).join(","))}]::text[], ${warnings.level})`;
const STATE_RANK = sql`array_position(array[${sql.raw(WARNING_STATES.map((s) => `'${s}'`).join(","))}]::text[], ${warnings.state})`;
// "desc" = the most serious / the least advanced first (the default: red first, then by id).
const SORT = { openedAt: warnings.openedAt, level: sql`-${LEVEL_RANK}`, state: sql`-${STATE_RANK}` };

export async function listWarnings(db: Executor, user: CurrentUser, q: ListQuery) {
  assertWarnings(user);
  const cond = and(
    warningScopeCondition(user),
    q.level ? eq(warnings.level, q.level) : undefined,
    q.state ? eq(warnings.state, q.state) : undefined,
    q.active ? ne(warnings.state, "closed") : undefined,
    q.rule ? eq(warnings.ruleId, q.rule) : undefined,
    q.district ? eq(warnings.districtCode, q.district) : undefined,
    searchAny(q.q, warnings.title, warnings.subjectName),
  );
  return pageOf(
    q,
    (limit, offset) =>
      base(db)
        .where(cond)
        .orderBy(...listOrder(SORT, q.sort, q.order, warnings.id))
        .limit(limit)
        .offset(offset),
    () => countOf(db.select({ n: count() }).from(warnings).where(cond)),
    toItem,
  );
}

/** The row as its workflow sees it, or 404 outside the caller's scope. */
export async function findWarning(db: Executor, user: CurrentUser, id: string, lock = false) {
  assertWarnings(user);
  const q = base(db).where(and(eq(warnings.id, id), warningScopeCondition(user)));
  const [r] = await (lock ? q.for("update", { of: warnings }) : q);
  if (!r) throw notFound("预警");
  return r;
}

export const factsOf = (r: Row, user: CurrentUser): WarningFacts => ({
  status: r.w.state,
  districtCode: r.w.districtCode,
  ownerKind: r.w.ownerKind,
  ownerCode: r.w.ownerCode,
  actorOrganization: user.organization,
});

export async function getWarning(db: Executor, user: CurrentUser, id: string): Promise<WarningDetail> {
  const r = await findWarning(db, user, id);
  const history = await db
    .select({
      at: auditLog.at,
      action: auditLog.action,
      actorName: auditLog.actorName,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "warning"), eq(auditLog.entityId, id)))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
  return {
    ...toItem(r),
    history: history.map((h) => {
      const note = (h.after as { note?: unknown } | null)?.note;
      return {
        at: h.at.toISOString(),
        action: h.action,
        actorName: h.actorName,
        note: typeof note === "string" ? note : null,
      };
    }),
    permissions: warningPermissions(user, factsOf(r, user)),
  };
}

export async function warningCounts(db: Executor, user: CurrentUser): Promise<WarningCounts> {
  assertWarnings(user);
  const rows = await db
    .select({ level: warnings.level, state: warnings.state, n: count() })
    .from(warnings)
    .where(warningScopeCondition(user))
    .groupBy(warnings.level, warnings.state);
  const out: WarningCounts = {
    byLevel: { red: 0, orange: 0, yellow: 0 },
    byState: { open: 0, acknowledged: 0, handled: 0, closed: 0 },
  };
  for (const r of rows) {
    out.byState[r.state] += Number(r.n);
    if (r.state !== "closed") out.byLevel[r.level] += Number(r.n);
  }
  return out;
}
