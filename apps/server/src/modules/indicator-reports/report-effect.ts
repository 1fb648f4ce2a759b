import type { Indicator } from "@dxcenter/contracts";
import { indicatorReports, indicatorSnapshots, type Tx } from "@dxcenter/db";
import { cityAggregate, reportingOf } from "@dxcenter/domain";
import { and, eq, max, sql } from "drizzle-orm";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { currentDistricts } from "../indicators/indicator.queries";

/**
 * What an approval does to the figures. The approved value becomes the stored figure (snapshot) of its
 * indicator, period and scope — the same rows closed periods of computed indicators have, so the
 * 驾驶舱, the sparklines, the district map, the briefing and the warnings read it unchanged. A figure
 * already stored for the key (an earlier approval later corrected) is never overwritten: the approval
 * adds the next version with the reason "填报审核通过" (the correction mechanism's rule).
 *
 * The city figure of a district-reported indicator: once every current district's task of the period
 * is approved, the sum (counts) or the arithmetic mean (rates) of their values, as the indicator's
 * `reporting.cityAggregate` says, stored the same way (source "report-aggregate:sum|average").
 */

const text = (v: number | null): string | null => (v === null ? null : String(v));

async function storeFigure(
  tx: Tx,
  actor: AuditActor,
  indicator: Indicator,
  period: string,
  scope: string,
  value: number | null,
  source: string,
  reason: string,
): Promise<string> {
  const key = `indicator-snapshot:${indicator.id}|${indicator.version}|${period}|${scope}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
  const [top] = await tx
    .select({
      v: max(indicatorSnapshots.version),
      id: sql<
        string | null
      >`(array_agg(${indicatorSnapshots.id} order by ${indicatorSnapshots.version} desc))[1]`,
    })
    .from(indicatorSnapshots)
    .where(
      and(
        eq(indicatorSnapshots.indicatorId, indicator.id),
        eq(indicatorSnapshots.indicatorVersion, indicator.version),
        eq(indicatorSnapshots.period, period),
        eq(indicatorSnapshots.scope, scope),
      ),
    );
  const previous = top?.v ?? null;
  const [row] = await tx
    .insert(indicatorSnapshots)
    .values({
      indicatorId: indicator.id,
      indicatorVersion: indicator.version,
      period,
      scope,
      value: text(value),
      sourceVersion: source,
      version: (previous ?? 0) + 1,
      correctionReason: previous === null ? null : reason,
      correctsId: previous === null ? null : (top?.id ?? null),
      createdBy: actor.id,
    })
    .returning({ id: indicatorSnapshots.id });
  return row!.id;
}

/** Stores the approved value (and, when complete, the districts' city figure); returns the snapshot id. */
export async function applyApproval(
  tx: Tx,
  actor: AuditActor,
  indicator: Indicator,
  task: { id: string; period: string; scope: string; value: number },
): Promise<string> {
  const snapshotId = await storeFigure(
    tx,
    actor,
    indicator,
    task.period,
    task.scope,
    task.value,
    `report:${task.id}`,
    "填报审核通过",
  );
  const settings = reportingOf(indicator);
  if (settings.reportedBy === "districts" && task.scope !== "city") {
    const codes = new Set((await currentDistricts(tx)).map((d) => d.code));
    const approved = await tx
      .select({ scope: indicatorReports.scope, value: indicatorReports.value })
      .from(indicatorReports)
      .where(
        and(
          eq(indicatorReports.indicatorId, indicator.id),
          eq(indicatorReports.period, task.period),
          eq(indicatorReports.status, "approved"),
        ),
      );
    // This task's row is already approved in this transaction.
    const values = approved.filter((a) => codes.has(a.scope) && a.value !== null).map((a) => Number(a.value));
    if (values.length === codes.size) {
      const city = cityAggregate(values, settings.cityAggregate, indicator.decimals);
      const id = await storeFigure(
        tx,
        actor,
        indicator,
        task.period,
        "city",
        city,
        `report-aggregate:${settings.cityAggregate}`,
        "各区填报审核通过后重新汇总",
      );
      await recordAudit(tx, actor, {
        action: "indicator_report.aggregate",
        entityType: "indicator_snapshot",
        entityId: id,
        after: {
          indicator: indicator.id,
          period: task.period,
          value: city,
          how: settings.cityAggregate,
          districts: values.length,
        },
      });
    }
  }
  return snapshotId;
}
