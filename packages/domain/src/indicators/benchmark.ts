import type { IndicatorDirection } from "./trajectory";

/**
 * An enterprise's own indicators against its comparison groups (its district, its industry division),
 * issue 13 §4. The enterprise sees where it stands, never another enterprise's figures: a group is
 * reduced to counts (how many values lie below, how many tie with its own) and a median, and a group
 * of fewer than MIN_GROUP enterprises is not shown at all.
 */

/** The smallest comparison group whose figures are shown. */
export const MIN_GROUP = 5;
/** Why a smaller group is not shown. */
export const GROUP_TOO_SMALL = "对比样本不足5家";

/** Where one value stands in its group: the group's values counted below and equal to it. */
export interface RankCounts {
  /** Values in the group (the enterprise's own included). */
  total: number;
  /** Values strictly below the own value. */
  below: number;
  /** Values equal to the own value (its own included). */
  ties: number;
}

/**
 * Percentile rank, 0–100 as an integer: the share of the group the value is better than, counting half
 * of the ties — (below + ties / 2) / total for "higher is better"; for "lower is better" the values
 * strictly above take the place of those below. An empty group has no rank (null).
 */
export function percentileRank(c: RankCounts, direction: IndicatorDirection): number | null {
  if (c.total <= 0) return null;
  const better = direction === "higher" ? c.below : c.total - c.below - c.ties;
  return Math.round((100 * (better + c.ties / 2)) / c.total);
}

/** The counts of `own` within `values` (the reference for the SQL that counts them in the database). */
export function rankCounts(values: readonly number[], own: number): RankCounts {
  let below = 0;
  let ties = 0;
  for (const v of values) {
    if (v < own) below++;
    else if (v === own) ties++;
  }
  return { total: values.length, below, ties };
}

/** The share of a group having a yes/no fact, 0–100 as an integer (null for an empty group). */
export function shareOfGroup(yes: number, total: number): number | null {
  return total > 0 ? Math.round((100 * yes) / total) : null;
}

/** A comparison group as shown: its figures, or none and the reason. */
export type GroupVerdict<T> = ({ shown: true; reason: null } & T) | { shown: false; reason: string };

/** The group's figures when it has at least MIN_GROUP members; otherwise only the reason. */
export function whenLargeEnough<T extends object>(size: number, figures: () => T): GroupVerdict<T> {
  return size >= MIN_GROUP
    ? { shown: true, reason: null, ...figures() }
    : { shown: false, reason: GROUP_TOO_SMALL };
}

/** The enterprise's own facts it is compared on (the enterprise home's 我的指标). */
export const BENCHMARK_FACTS = [
  "miit_score",
  "nc_rate",
  "rd_tools",
  "cloud",
  "diagnosed_5y",
  "projects",
  "project_investment",
] as const;
export type BenchmarkFact = (typeof BENCHMARK_FACTS)[number];

export interface BenchmarkFactDefinition {
  name: string;
  /** number: percentile and median; yes/no: the share of the group having it. */
  kind: "number" | "yesno";
  /** The unit of a number ("fen" = money in 分); null for yes/no. */
  unit: string | null;
  direction: IndicatorDirection;
}

export const BENCHMARK_FACT_DEFINITIONS: Record<BenchmarkFact, BenchmarkFactDefinition> = {
  miit_score: { name: "数字化水平自评估得分", kind: "number", unit: "分", direction: "higher" },
  nc_rate: { name: "关键工序数控化率", kind: "number", unit: "%", direction: "higher" },
  rd_tools: { name: "数字化研发设计工具", kind: "yesno", unit: null, direction: "higher" },
  cloud: { name: "上云", kind: "yesno", unit: null, direction: "higher" },
  diagnosed_5y: { name: "近5年诊断/评估覆盖", kind: "yesno", unit: null, direction: "higher" },
  projects: { name: "技改项目", kind: "number", unit: "项", direction: "higher" },
  project_investment: { name: "技改项目完成投资", kind: "number", unit: "fen", direction: "higher" },
};
