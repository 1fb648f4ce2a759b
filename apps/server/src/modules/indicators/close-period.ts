import type { ClosePeriodResult, Indicator } from "@dxcenter/contracts";
import { type Database, indicatorSnapshots } from "@dxcenter/db";
import { parsePeriod, periodAsOf, periodEnd } from "@dxcenter/domain";
import { badRequest } from "../../errors";
import { shanghaiToday } from "../../lib/dates";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { currentDistricts, latestSnapshots, snapshotKey } from "./indicator.queries";
import { liveFigures, periodHasEnded } from "./indicator-figures";
import { currentIndicators } from "./indicator-loader";
import { ROLLUP_VERSION } from "./indicator-rollups";

/**
 * The indicator periods a closing of `periodKey` covers: a month closes the monthly indicators, and
 * the quarterly / yearly ones whose period ends with that month (December closes all three); a
 * quarter or a year key closes only the indicators of that frequency.
 */
export function periodsToClose(
  defs: readonly Indicator[],
  periodKey: string,
): { indicator: Indicator; period: string }[] {
  const p = parsePeriod(periodKey);
  if (!p) return [];
  return defs.flatMap((indicator) => {
    if (p.frequency !== "monthly")
      return indicator.frequency === p.frequency ? [{ indicator, period: periodKey }] : [];
    const own = periodAsOf(periodKey, indicator.frequency);
    return periodEnd(own) === periodEnd(periodKey) ? [{ indicator, period: own }] : [];
  });
}

/**
 * 统计期关账: stores the snapshots of every computed indicator the period covers, for the city and
 * each current district, computed as of the period's end. Idempotent: a figure already stored (any
 * version) is left alone, and the unique (indicator, version, period, scope, version) index with
 * ON CONFLICT DO NOTHING makes two concurrent closings store each figure once. Reported indicators
 * are filled by their owners, not here. The lead registers this as the monthly job.
 */
export async function closePeriod(
  db: Database,
  periodKey: string,
  actor: AuditActor,
  now = new Date(),
): Promise<ClosePeriodResult> {
  if (!parsePeriod(periodKey))
    throw badRequest("统计期格式不正确（应为 2026-11、2026-Q4 或 2026）", "period");
  if (!periodHasEnded(periodKey, shanghaiToday(now.getTime())))
    throw badRequest(`统计期 ${periodKey} 尚未结束，不能关账`, "period");
  const defs = (await currentIndicators(db)).filter((d) => d.kind === "computed");
  const items = periodsToClose(defs, periodKey);
  const codes = (await currentDistricts(db)).map((d) => d.code);
  const scopes = ["city", ...codes];
  return db.transaction(async (tx) => {
    const stored = await latestSnapshots(tx, {
      indicatorIds: items.map((i) => i.indicator.id),
      scopes,
      periods: [...new Set(items.map((i) => i.period))],
    });
    const missing = items.filter((i) =>
      scopes.some((s) => !stored.has(snapshotKey(i.indicator.id, i.period, s))),
    );
    const figures = await liveFigures(tx, missing, codes, now);
    const rows = missing.flatMap(({ indicator, period }) =>
      scopes
        .filter((scope) => !stored.has(snapshotKey(indicator.id, period, scope)))
        .map((scope) => {
          const f = figures.get(indicator.id)?.get(scope);
          return {
            indicatorId: indicator.id,
            indicatorVersion: indicator.version,
            period,
            scope,
            value: f?.value ?? null,
            numerator: f?.numerator ?? null,
            denominator: f?.denominator ?? null,
            computedAt: now,
            sourceVersion: `${indicator.formula}@${ROLLUP_VERSION}`,
            version: 1,
            createdBy: actor.id,
          };
        }),
    );
    const inserted = rows.length
      ? await tx
          .insert(indicatorSnapshots)
          .values(rows)
          .onConflictDoNothing()
          .returning({ id: indicatorSnapshots.id })
      : [];
    const result: ClosePeriodResult = {
      period: periodKey,
      stored: inserted.length,
      existing: items.length * scopes.length - inserted.length,
      periods: items.map((i) => ({ indicatorId: i.indicator.id, period: i.period })),
    };
    await recordAudit(tx, actor, {
      action: "indicator.close_period",
      entityType: "indicator",
      entityId: periodKey,
      after: { ...result, computedAt: now.toISOString() },
    });
    // A closing that stored nothing still leaves its audit row: who asked, when, and that it was a no-op.
    return result;
  });
}
