import type { ReportItem, ReportListQuery, ReportPage } from "@dxcenter/contracts";
import { districts, type Executor, indicatorReports, type Tx, users } from "@dxcenter/db";
import {
  isReportOverdue,
  jumpBasePeriod,
  mayUseReports,
  type ReportFacts,
  reportingOf,
  reportPermissions,
  reportReadScope,
  shanghaiDayOf,
} from "@dxcenter/domain";
import { and, asc, count, eq, inArray, lt, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { forbidden, notFound } from "../../errors";
import { countOf, listOrder, pageOfSelect, searchAny } from "../../lib/list-query";
import type { CurrentUser } from "../../plugins/auth";
import { latestSnapshots, snapshotKey } from "../indicators/indicator.queries";
import { currentIndicators } from "../indicators/indicator-loader";

/**
 * 填报任务 reads: the caller's scope as SQL (city all; a district its own; a department what its
 * organisation owns), the list with filters and the overdue count, one task with the previous period's
 * approved value (the jump rule's base) and the steps the caller may take.
 */

/** The city itself, as the owner of its own figures. */
export const CITY_OWNER_NAME = "市工业和信息化局";

export function assertReports(user: CurrentUser): void {
  if (!mayUseReports(user)) throw forbidden("查看指标填报任务");
}

export function reportScopeCondition(user: CurrentUser): SQL | undefined {
  const scope = reportReadScope(user, user.organization);
  switch (scope.kind) {
    case "all":
      return undefined;
    case "district":
      return and(
        eq(indicatorReports.ownerKind, "district"),
        eq(indicatorReports.ownerCode, scope.districtCode),
      );
    case "department":
      return and(
        eq(indicatorReports.ownerKind, "department"),
        eq(indicatorReports.ownerCode, scope.organization),
      );
    case "none":
      return sql`false`;
  }
}

const submitter = alias(users, "submitter");
const reviewer = alias(users, "reviewer");

function base(db: Executor) {
  return db
    .select({
      r: indicatorReports,
      districtName: districts.name,
      submittedByName: submitter.displayName,
      reviewedByName: reviewer.displayName,
    })
    .from(indicatorReports)
    .leftJoin(districts, eq(districts.code, indicatorReports.districtCode))
    .leftJoin(submitter, eq(submitter.id, indicatorReports.submittedBy))
    .leftJoin(reviewer, eq(reviewer.id, indicatorReports.reviewedBy));
}

type Row = Awaited<ReturnType<ReturnType<typeof base>["where"]>>[number];

const num = (v: string | null): number | null => (v === null ? null : Number(v));
const iso = (d: Date | null) => d?.toISOString() ?? null;

export const factsOf = (r: Row["r"], user: CurrentUser): ReportFacts => ({
  status: r.status,
  ownerKind: r.ownerKind,
  ownerCode: r.ownerCode,
  actorOrganization: user.organization,
});

/** Today's Shanghai day as SQL text (tests pass their clock). */
const overdueSql = (today: string) =>
  and(
    inArray(indicatorReports.status, ["pending", "draft", "returned"]),
    lt(indicatorReports.dueDate, today),
  );

/** Items from rows: names, the previous period's approved values, permissions. */
export async function toItems(
  db: Executor,
  user: CurrentUser,
  rows: Row[],
  now = new Date(),
): Promise<ReportItem[]> {
  if (rows.length === 0) return [];
  const defs = new Map((await currentIndicators(db)).map((d) => [d.id, d]));
  const last = await latestSnapshots(db, {
    indicatorIds: [...new Set(rows.map((x) => x.r.indicatorId))],
    scopes: [...new Set(rows.map((x) => x.r.scope))],
    periods: [...new Set(rows.map((x) => jumpBasePeriod(x.r.period)))],
  });
  return rows.map(({ r, districtName, submittedByName, reviewedByName }) => {
    const d = defs.get(r.indicatorId);
    const settings = d ? reportingOf(d) : reportingOf({ name: r.indicatorId, unit: "", decimals: 0 });
    const lastPeriod = jumpBasePeriod(r.period);
    return {
      id: r.id,
      indicatorId: r.indicatorId,
      indicatorName: d?.name ?? r.indicatorId,
      definition: d?.definition ?? "",
      unit: d?.unit ?? "",
      decimals: d?.decimals ?? 0,
      period: r.period,
      scope: r.scope,
      scopeName: r.scope === "city" ? "全市" : (districtName ?? r.scope),
      ownerKind: r.ownerKind,
      ownerName:
        r.ownerKind === "district"
          ? (districtName ?? "")
          : r.ownerKind === "department"
            ? (r.ownerCode ?? "")
            : CITY_OWNER_NAME,
      districtCode: r.districtCode,
      status: r.status,
      value: num(r.value),
      note: r.note,
      dueDate: r.dueDate,
      overdue: isReportOverdue(r, now),
      returnReason: r.returnReason,
      submittedAt: iso(r.submittedAt),
      submittedByName,
      reviewedAt: iso(r.reviewedAt),
      reviewedByName,
      lastValue: last.get(snapshotKey(r.indicatorId, lastPeriod, r.scope))?.value ?? null,
      lastPeriod,
      jumpPercent: settings.jumpPercent,
      min: settings.min,
      max: settings.max,
      version: r.version,
      updatedAt: r.updatedAt.toISOString(),
      permissions: reportPermissions(user, factsOf(r, user)),
    };
  });
}

type ListQuery = z.output<typeof ReportListQuery>;

/** The list's conditions besides paging (the export uses the same). */
function listWhere(
  user: CurrentUser,
  q: Omit<ListQuery, "page" | "pageSize">,
  today: string,
): SQL | undefined {
  return and(
    reportScopeCondition(user),
    q.period ? eq(indicatorReports.period, q.period) : undefined,
    q.indicator ? eq(indicatorReports.indicatorId, q.indicator) : undefined,
    q.status ? eq(indicatorReports.status, q.status) : undefined,
    q.district ? eq(indicatorReports.districtCode, q.district) : undefined,
    q.overdue === true ? overdueSql(today) : undefined,
    q.overdue === false ? sql`not (${overdueSql(today)})` : undefined,
    searchAny(
      q.q,
      districts.name,
      indicatorReports.ownerCode,
      sql`(select d.definition->>'name' from indicator_definitions d where d.id = ${indicatorReports.indicatorId} and d.version = ${indicatorReports.indicatorVersion})`,
    ),
  );
}

const SORTS = {
  dueDate: indicatorReports.dueDate,
  period: indicatorReports.period,
  indicator: indicatorReports.indicatorId,
  status: indicatorReports.status,
  updatedAt: indicatorReports.updatedAt,
};

export async function listReports(
  db: Executor,
  user: CurrentUser,
  q: ListQuery,
  now = new Date(),
): Promise<ReportPage> {
  assertReports(user);
  const today = shanghaiDayOf(now);
  const where = listWhere(user, q, today);
  const page = await pageOfSelect(
    q,
    base(db)
      .where(where)
      .orderBy(...listOrder(SORTS, q.sort, q.order, indicatorReports.id)),
    countOf(
      db
        .select({ n: count() })
        .from(indicatorReports)
        .leftJoin(districts, eq(districts.code, indicatorReports.districtCode))
        .where(where),
    ),
  );
  const overdueCount = await countOf(
    db
      .select({ n: count() })
      .from(indicatorReports)
      .where(and(reportScopeCondition(user), overdueSql(today))),
  );
  return { ...page, items: await toItems(db, user, page.items, now), overdueCount };
}

/** One task row in the caller's scope (404 otherwise), locked FOR UPDATE inside a step. */
export async function findReport(
  db: Executor | Tx,
  user: CurrentUser,
  id: string,
  lock = false,
): Promise<Row> {
  assertReports(user);
  const q = base(db).where(and(eq(indicatorReports.id, id), reportScopeCondition(user)));
  const [row] = lock ? await q.for("update", { of: indicatorReports }) : await q;
  if (!row) throw notFound("填报任务");
  return row;
}

export async function getReport(
  db: Executor,
  user: CurrentUser,
  id: string,
  now = new Date(),
): Promise<ReportItem> {
  const row = await findReport(db, user, id);
  const [item] = await toItems(db, user, [row], now);
  return item!;
}

/** The tasks the caller owns for a period (the Excel template's rows), in indicator order. */
export async function ownTasks(
  db: Executor,
  user: CurrentUser,
  period: string | undefined,
): Promise<ReportItem[]> {
  assertReports(user);
  const rows = await base(db)
    .where(
      and(
        reportScopeCondition(user),
        period ? eq(indicatorReports.period, period) : undefined,
        inArray(indicatorReports.status, ["pending", "draft", "returned"]),
      ),
    )
    .orderBy(asc(indicatorReports.period), asc(indicatorReports.indicatorId), asc(indicatorReports.scope));
  return (await toItems(db, user, rows)).filter((t) => t.permissions.save);
}

export type { Row as ReportRow };
