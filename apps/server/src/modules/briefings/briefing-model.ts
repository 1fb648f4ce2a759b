import type { Indicator, IndicatorSnapshot } from "@dxcenter/contracts";
import type { Executor } from "@dxcenter/db";
import {
  addPeriods,
  briefingHighlights,
  changeOf,
  expectedValue,
  type Highlight,
  lastPeriods,
  periodAsOf,
  type TrajectoryStatus,
  trajectoryStatus,
} from "@dxcenter/domain";
import { badRequest } from "../../errors";
import { shanghaiToday } from "../../lib/dates";
import { ranks } from "../indicators/cockpit";
import { currentDistricts, latestSnapshots, snapshotKey } from "../indicators/indicator.queries";
import { periodHasEnded } from "../indicators/indicator-figures";
import { currentIndicators } from "../indicators/indicator-loader";
import { type BriefingWarnings, briefingWarnings } from "./briefing-warnings";

/**
 * What a monthly briefing shows, computed from stored snapshots only (never a live figure): a figure
 * not closed is shown as missing. The model is stored with the briefing (briefings.data) and the
 * HTML, PDF and workbook are made from it, so the three always agree.
 */

export interface KpiRow {
  indicatorId: string;
  name: string;
  unit: string;
  decimals: number;
  frequency: Indicator["frequency"];
  kind: Indicator["kind"];
  owner: string;
  /** The indicator's own period as of the month (a quarterly indicator in November: 2026-Q3). */
  period: string;
  value: number | null;
  expected: number | null;
  /** The final target of the trajectory ("90 % by 2027"), null when 待设定. */
  target: { year: number; value: number | null } | null;
  status: TrajectoryStatus;
  unknownReason: "no_value" | "no_target" | null;
  previousPeriod: string;
  previous: number | null;
  change: number | null;
  relative: number | null;
  /** +1 better, −1 worse, 0 unchanged in the indicator's direction. */
  better: -1 | 0 | 1 | null;
  snapshotVersion: number | null;
  computedAt: string | null;
}

export interface TrendSeries {
  indicatorId: string;
  name: string;
  unit: string;
  decimals: number;
  points: { period: string; value: number | null; expected: number | null }[];
}

export interface DistrictRankRow {
  code: string;
  name: string;
  /** One cell per ranked indicator, in `DistrictRanking.indicators` order. */
  cells: { value: number | null; rank: number | null; status: TrajectoryStatus }[];
  onTrack: number;
  /** Mean rank over the indicators with a value (null: no value at all); the table's order. */
  meanRank: number | null;
  position: number | null;
}

export interface DistrictRanking {
  indicators: { indicatorId: string; name: string; unit: string; decimals: number }[];
  rows: DistrictRankRow[];
}

export interface BriefingData {
  period: string;
  previousPeriod: string;
  title: string;
  /** When the model was computed (the briefing's issue time). */
  computedAt: string;
  kpis: KpiRow[];
  trends: TrendSeries[];
  ranking: DistrictRanking;
  highlights: { improvements: Highlight[]; slips: Highlight[] };
  warnings: BriefingWarnings;
  /** How many stored figures it was made from, and the newest closing among them. */
  snapshotsUsed: number;
  latestClosedAt: string | null;
}

export const briefingTitle = (period: string) => {
  const [y, m] = period.split("-");
  return `${y}年${Number(m)}月数字化转型监测工作简报`;
};

/** Indicators measured per district on the same trajectory (rates): the trends and the ranking. */
const isKey = (d: Indicator) => d.frequency === "monthly" && d.districtTargets;

/** Months that are over and whose city snapshots exist (a briefing needs the month closed). */
export async function assertClosedMonth(db: Executor, period: string, now: Date): Promise<void> {
  if (!periodHasEnded(period, shanghaiToday(now.getTime())))
    throw badRequest(`统计月份 ${period} 尚未结束，不能生成简报`, "period");
  const defs = (await currentIndicators(db)).filter((d) => d.frequency === "monthly");
  const stored = await latestSnapshots(db, {
    indicatorIds: defs.map((d) => d.id),
    scopes: ["city"],
    periods: [period],
  });
  if (stored.size === 0)
    throw badRequest(`统计月份 ${period} 尚未关账（没有指标快照），不能生成简报`, "period");
}

export async function loadBriefingData(db: Executor, period: string, now: Date): Promise<BriefingData> {
  await assertClosedMonth(db, period, now);
  const defs = await currentIndicators(db);
  const previousMonth = addPeriods(period, -1);
  const own = new Map(defs.map((d) => [d.id, periodAsOf(period, d.frequency)]));
  const keys = defs.filter(isKey);
  const trendMonths = lastPeriods(period, 12);
  const cityPeriods = new Set(trendMonths);
  for (const p of own.values()) {
    cityPeriods.add(p);
    cityPeriods.add(addPeriods(p, -1));
  }
  const city = await latestSnapshots(db, {
    indicatorIds: defs.map((d) => d.id),
    scopes: ["city"],
    periods: [...cityPeriods],
  });
  const districts = await currentDistricts(db);
  const byDistrict = await latestSnapshots(db, {
    indicatorIds: keys.map((d) => d.id),
    scopes: districts.map((d) => d.code),
    periods: [period],
  });
  const figure = (m: Map<string, IndicatorSnapshot>, id: string, p: string, scope: string) =>
    m.get(snapshotKey(id, p, scope)) ?? null;

  const statusAt = (d: Indicator, value: number | null, p: string) =>
    trajectoryStatus(value, expectedValue(d.trajectory, p), d.direction, d.thresholds);

  const kpis = defs.map((d): KpiRow => {
    const p = own.get(d.id) ?? period;
    const prevP = addPeriods(p, -1);
    const snap = figure(city, d.id, p, "city");
    const prev = figure(city, d.id, prevP, "city");
    const value = snap?.value ?? null;
    const expected = expectedValue(d.trajectory, p);
    const s = trajectoryStatus(value, expected, d.direction, d.thresholds);
    const c = changeOf(value, prev?.value ?? null, d.direction);
    return {
      indicatorId: d.id,
      name: d.name,
      unit: d.unit,
      decimals: d.decimals,
      frequency: d.frequency,
      kind: d.kind,
      owner: d.owner.name,
      period: p,
      value,
      expected,
      target: d.trajectory.target,
      status: s.status,
      unknownReason: s.unknownReason,
      previousPeriod: prevP,
      previous: prev?.value ?? null,
      change: c.change,
      relative: c.relative,
      better: c.direction,
      snapshotVersion: snap?.version ?? null,
      computedAt: snap?.computedAt ?? null,
    };
  });

  const highlights = briefingHighlights(
    kpis.map((k) => {
      const d = defs.find((x) => x.id === k.indicatorId)!;
      return {
        indicatorId: k.indicatorId,
        name: k.name,
        direction: d.direction,
        current: k.value,
        previous: k.previous,
        status: k.status,
        previousStatus: statusAt(d, k.previous, k.previousPeriod).status,
      };
    }),
  );

  const trends = keys.map(
    (d): TrendSeries => ({
      indicatorId: d.id,
      name: d.name,
      unit: d.unit,
      decimals: d.decimals,
      points: trendMonths.map((m) => ({
        period: m,
        value: figure(city, d.id, m, "city")?.value ?? null,
        expected: expectedValue(d.trajectory, m),
      })),
    }),
  );

  const columns = keys.map((d) => {
    const values = districts.map((x) => figure(byDistrict, d.id, period, x.code)?.value ?? null);
    const expected = expectedValue(d.trajectory, period);
    return {
      values,
      ranks: ranks(values, d.direction === "higher"),
      statuses: values.map((v) => trajectoryStatus(v, expected, d.direction, d.thresholds).status),
    };
  });
  const unranked = districts.map((x, i): DistrictRankRow => {
    const cells = columns.map((c) => ({
      value: c.values[i] ?? null,
      rank: c.ranks[i] ?? null,
      status: c.statuses[i] ?? "unknown",
    }));
    const ranked = cells.filter((c) => c.rank !== null).map((c) => c.rank!);
    return {
      code: x.code,
      name: x.name,
      cells,
      onTrack: cells.filter((c) => c.status === "on_track").length,
      meanRank: ranked.length ? ranked.reduce((a, b) => a + b, 0) / ranked.length : null,
      position: null,
    };
  });
  const rows = [...unranked].sort(
    (a, b) =>
      (a.meanRank ?? Number.POSITIVE_INFINITY) - (b.meanRank ?? Number.POSITIVE_INFINITY) ||
      b.onTrack - a.onTrack ||
      a.code.localeCompare(b.code),
  );
  const positions = ranks(
    rows.map((r) => r.meanRank),
    false,
  );
  rows.forEach((r, i) => {
    r.position = positions[i] ?? null;
  });

  const used = [...city.values(), ...byDistrict.values()];
  const latestClosedAt = used.reduce<string | null>(
    (max, s) => (max === null || s.computedAt > max ? s.computedAt : max),
    null,
  );
  return {
    period,
    previousPeriod: previousMonth,
    title: briefingTitle(period),
    computedAt: now.toISOString(),
    kpis,
    trends,
    ranking: {
      indicators: keys.map((d) => ({ indicatorId: d.id, name: d.name, unit: d.unit, decimals: d.decimals })),
      rows,
    },
    highlights,
    warnings: await briefingWarnings(db, period),
    snapshotsUsed: used.length,
    latestClosedAt,
  };
}
