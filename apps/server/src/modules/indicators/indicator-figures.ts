import type { Indicator } from "@dxcenter/contracts";
import type { Executor } from "@dxcenter/db";
import { type FormulaId, nextPeriod, parsePeriod, periodEnd, periodStart } from "@dxcenter/domain";
import { type AsOf, computeRollup, type RollupRow } from "./indicator-rollups";

/**
 * The window a rollup reads for a period, in Asia/Shanghai: from 1 January of the period's year to
 * the end of its last day (00:00 +08:00 of the next period), or to `now` when the period has not
 * ended (a live figure of the running period).
 */
export function asOfPeriod(periodKey: string, now = new Date()): AsOf {
  const p = parsePeriod(periodKey);
  if (!p) throw new Error(`统计期格式不正确：${periodKey}`);
  const year = String(p.year).padStart(4, "0");
  const endOfPeriod = new Date(`${periodStart(nextPeriod(periodKey))}T00:00:00+08:00`);
  const end = endOfPeriod.getTime() > now.getTime() ? now : endOfPeriod;
  return {
    yearStart: new Date(`${year}-01-01T00:00:00+08:00`).toISOString(),
    end: end.toISOString(),
    yearStartDay: `${year}-01-01`,
    endDay: periodEnd(periodKey),
  };
}

/** True when the period's last day (Asia/Shanghai) is before `today`. */
export const periodHasEnded = (periodKey: string, today: string): boolean => periodEnd(periodKey) < today;

/**
 * Computes a live figure of every computed indicator in `defs` for the period of each (one rollup
 * statement per indicator, all scopes at once). Keyed by indicator id, then scope.
 */
export async function liveFigures(
  db: Executor,
  items: readonly { indicator: Indicator; period: string }[],
  districtCodes: readonly string[],
  now = new Date(),
): Promise<Map<string, Map<string, RollupRow>>> {
  const out = new Map<string, Map<string, RollupRow>>();
  for (const { indicator, period } of items) {
    const formula: FormulaId | null = indicator.formula;
    if (indicator.kind !== "computed" || formula === null) continue;
    out.set(indicator.id, await computeRollup(db, formula, asOfPeriod(period, now), districtCodes));
  }
  return out;
}
