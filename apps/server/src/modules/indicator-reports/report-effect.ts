import type { Indicator } from "@dxcenter/contracts";
import { indicatorSnapshots, type Tx } from "@dxcenter/db";
import { cityAggregate, reportingOf } from "@dxcenter/domain";
import { and, eq, max, sql } from "drizzle-orm";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { currentDistricts, latestSnapshots, snapshotKey } from "../indicators/indicator.queries";

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

export async function storeFigure(
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

/**
 * The city figure of a district-reported indicator from the districts' latest stored figures (after
 * an approval or a correction of one of them); stored only when every current district has one.
 */
export async function reaggregateCity(
  tx: Tx,
  actor: AuditActor,
  indicator: Indicator,
  period: string,
  reason: string,
): Promise<string | null> {
  const settings = reportingOf(indicator);
  if (indicator.kind !== "reported" || settings.reportedBy !== "districts") return null;
  // Two districts approved at once: the second waits here and then reads the first's committed figure.
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`report-aggregate:${indicator.id}|${period}`}))`,
  );
  const codes = (await currentDistricts(tx)).map((d) => d.code);
  const stored = await latestSnapshots(tx, {
    indicatorIds: [indicator.id],
    scopes: codes,
    periods: [period],
  });
  const values = codes.map((c) => stored.get(snapshotKey(indicator.id, period, c))?.value ?? null);
  if (values.some((v) => v === null)) return null;
  const city = cityAggregate(values as number[], settings.cityAggregate, indicator.decimals);
  const id = await storeFigure(
    tx,
    actor,
    indicator,
    period,
    "city",
    city,
    `report-aggregate:${settings.cityAggregate}`,
    reason,
  );
  await recordAudit(tx, actor, {
    action: "indicator_report.aggregate",
    entityType: "indicator_snapshot",
    entityId: id,
    after: {
      indicator: indicator.id,
      period,
      value: city,
      how: settings.cityAggregate,
      districts: codes.length,
    },
  });
  return id;
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
  if (task.scope !== "city")
    await reaggregateCity(tx, actor, indicator, task.period, "各区填报审核通过后重新汇总");
  return snapshotId;
}
