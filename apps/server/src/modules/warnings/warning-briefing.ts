import { districts, type Executor, warnings } from "@dxcenter/db";
import { periodEnd, periodStart, WARNING_STATE_LABELS } from "@dxcenter/domain";
import { type AnyColumn, and, asc, count, eq, gte, isNull, lt, or, sql } from "drizzle-orm";
import { nextDay, shanghaiMidnight } from "../../lib/dates";
import type { WarningsSummary } from "../briefings/briefing-warnings";
import { LEVEL_RANK, ownerName } from "./warning.queries";

/**
 * The warnings centre's part of the monthly briefing (plugged in with setBriefingWarningsSource): the
 * warnings raised in the month by level; of every warning open at some time in the month, where it
 * stood at the month's end (closed / handled / acknowledged / open); and the most serious ones still
 * open at the month's end. Read from the warnings' own step times, so a later step does not change
 * what a past month's briefing says.
 */
export async function briefingWarningsSummary(db: Executor, month: string): Promise<WarningsSummary> {
  const from = shanghaiMidnight(periodStart(month));
  const to = shanghaiMidnight(nextDay(periodEnd(month)));
  const before = (c: AnyColumn) => sql<boolean>`(${c} is not null and ${c} < ${to})`;
  const stateAtEnd = sql<"open" | "acknowledged" | "handled" | "closed">`case
    when ${before(warnings.closedAt)} then 'closed'
    when ${before(warnings.handledAt)} then 'handled'
    when ${before(warnings.acknowledgedAt)} then 'acknowledged'
    else 'open' end`;
  const liveInMonth = and(
    lt(warnings.openedAt, sql`${to}`),
    or(isNull(warnings.closedAt), gte(warnings.closedAt, sql`${from}`)),
  );

  const raisedRows = await db
    .select({ level: warnings.level, n: count() })
    .from(warnings)
    .where(and(gte(warnings.openedAt, sql`${from}`), lt(warnings.openedAt, sql`${to}`)))
    .groupBy(warnings.level);
  const raised = { red: 0, orange: 0, yellow: 0 };
  for (const r of raisedRows) raised[r.level] = Number(r.n);

  const handlingRows = await db
    .select({ state: stateAtEnd, n: count() })
    .from(warnings)
    .where(liveInMonth)
    // By position: the CASE carries parameters, so the same expression in GROUP BY would not match.
    .groupBy(sql`1`);
  const handling = { open: 0, acknowledged: 0, handled: 0, closed: 0 };
  for (const r of handlingRows) handling[r.state] = Number(r.n);

  const open = await db
    .select({
      level: warnings.level,
      title: warnings.title,
      ownerKind: warnings.ownerKind,
      ownerCode: warnings.ownerCode,
      districtName: districts.name,
      openedAt: warnings.openedAt,
      state: stateAtEnd,
    })
    .from(warnings)
    .leftJoin(districts, eq(districts.code, warnings.districtCode))
    .where(and(liveInMonth, sql`not ${before(warnings.closedAt)}`))
    .orderBy(asc(LEVEL_RANK), asc(warnings.openedAt), asc(warnings.id))
    .limit(10);
  return {
    raised,
    handling,
    open: open.map((w) => ({
      level: w.level,
      title: w.title,
      owner: ownerName(w, w.districtName),
      openedAt: w.openedAt.toISOString(),
      state: WARNING_STATE_LABELS[w.state],
    })),
  };
}
