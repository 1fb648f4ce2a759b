import { parsePeriod, periodEndMonth, yearElapsed } from "./period";

/**
 * Target trajectories (目标路径) and the trajectory status of a value (达标 / 滞后 / 预警).
 *
 * A trajectory is a list of yearly points: the base (base year and its measured value, when known),
 * milestones and the final target, each the value expected at the END of its year. Unknown numbers
 * are null and never invented; a period before the first known point has no expected value, so its
 * status is "unknown" (shown 待设定).
 *
 * Two kinds of quantity:
 *   level — a state at a point in time (普及率, 覆盖率, 累计投资): the expected value is interpolated
 *           linearly between the neighbouring points by month, and held at the final target after it;
 *   ytd   — an amount within the calendar year (每年新增智能工厂): each point is that year's full-year
 *           amount; the expected value for a period is the year's amount (interpolated between points,
 *           held after the last) × the share of the year that has passed at the period's end.
 */

export const INDICATOR_DIRECTIONS = ["higher", "lower"] as const;
/** Which way is better: higher (普及率) or lower (e.g. 能耗). */
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

export const ACCUMULATIONS = ["level", "ytd"] as const;
export type Accumulation = (typeof ACCUMULATIONS)[number];

export interface TrajectoryPoint {
  year: number;
  /** Expected value at the end of `year`; null = not set (待设定). */
  value: number | null;
}

export interface Trajectory {
  accumulation: Accumulation;
  base: TrajectoryPoint | null;
  milestones: readonly TrajectoryPoint[];
  target: TrajectoryPoint | null;
}

export interface Thresholds {
  /**
   * 预警: the value is behind the expected value by at least this share of it (0.1 = 10 %).
   * null = never 预警, only 滞后.
   */
  alertGap: number | null;
  /** 优秀: the value is ahead of the expected value by at least this share of it. null = not judged. */
  excellenceMargin: number | null;
}

interface KnownPoint {
  month: number;
  value: number;
}

/** The known points, ordered by time; a later entry for the same year wins. */
function knownPoints(t: Trajectory): KnownPoint[] {
  const byYear = new Map<number, number>();
  for (const p of [t.base, ...t.milestones, t.target])
    if (p && p.value !== null && Number.isFinite(p.value)) byYear.set(p.year, p.value);
  return [...byYear.entries()]
    .map(([year, value]) => ({ month: year * 12 + 12, value }))
    .sort((a, b) => a.month - b.month);
}

/** Linear interpolation at `month` (months since year 0); null before the first point. */
function interpolate(points: readonly KnownPoint[], month: number): number | null {
  const first = points[0];
  if (!first || month < first.month) return null;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (month <= b.month) return a.value + ((b.value - a.value) * (month - a.month)) / (b.month - a.month);
  }
  return points[points.length - 1]!.value;
}

/**
 * The value the trajectory expects at the end of the period, or null when the trajectory does not
 * reach back to it (no base and the period is before the first set point) or nothing is set.
 * For `ytd`, a full year's amount is known from the point of that year on; the share of the year
 * scales it down.
 */
export function expectedValue(t: Trajectory, periodKey: string): number | null {
  const period = parsePeriod(periodKey);
  if (!period) return null;
  const points = knownPoints(t);
  if (t.accumulation === "level") return interpolate(points, periodEndMonth(periodKey));
  const yearly = interpolate(points, period.year * 12 + 12);
  return yearly === null ? null : yearly * yearElapsed(periodKey);
}

export const TRAJECTORY_STATUSES = ["on_track", "behind", "alert", "unknown"] as const;
export type TrajectoryStatus = (typeof TRAJECTORY_STATUSES)[number];

export const TRAJECTORY_STATUS_LABELS: Record<TrajectoryStatus, string> = {
  on_track: "达标",
  behind: "滞后",
  alert: "预警",
  unknown: "未评价",
};

/** Why a status is unknown: no value for the period (暂无数据) or no expected value (待设定). */
export type UnknownReason = "no_value" | "no_target";

export const UNKNOWN_REASON_LABELS: Record<UnknownReason, string> = {
  no_value: "暂无数据",
  no_target: "待设定",
};

export interface StatusResult {
  status: TrajectoryStatus;
  /** Ahead of the expected value by at least the excellence margin. */
  excellent: boolean;
  /** How far behind the expected value (positive) or ahead (negative), in the indicator's unit. */
  shortfall: number | null;
  unknownReason: UnknownReason | null;
}

/** a ≥ b, forgiving the last bits of binary rounding (90 × 0.1 is 9.000000000000002). */
const atLeast = (a: number, b: number) => a >= b - 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * The trajectory status of `value` against `expected`:
 *   on_track — at or better than expected (excellent when ahead by ≥ excellenceMargin × |expected|);
 *   alert    — behind by ≥ alertGap × |expected| (with expected 0, any shortfall reaches it);
 *   behind   — behind, but less than that;
 *   unknown  — no value (暂无数据) or no expected value (待设定); no value wins.
 */
export function trajectoryStatus(
  value: number | null,
  expected: number | null,
  direction: IndicatorDirection,
  thresholds: Thresholds,
): StatusResult {
  if (value === null || !Number.isFinite(value))
    return { status: "unknown", excellent: false, shortfall: null, unknownReason: "no_value" };
  if (expected === null || !Number.isFinite(expected))
    return { status: "unknown", excellent: false, shortfall: null, unknownReason: "no_target" };
  const shortfall = direction === "higher" ? expected - value : value - expected;
  const scale = Math.abs(expected);
  if (atLeast(0, shortfall)) {
    const m = thresholds.excellenceMargin;
    const excellent = m !== null && atLeast(-shortfall, m * scale) && (scale > 0 || -shortfall > 0);
    return { status: "on_track", excellent, shortfall, unknownReason: null };
  }
  const gap = thresholds.alertGap;
  const alert = gap !== null && atLeast(shortfall, gap * scale);
  return { status: alert ? "alert" : "behind", excellent: false, shortfall, unknownReason: null };
}

/** Rank of a known status, worst first (for ordering cards and the monotonicity property). */
export const STATUS_RANK: Record<Exclude<TrajectoryStatus, "unknown">, number> = {
  alert: 0,
  behind: 1,
  on_track: 2,
};
