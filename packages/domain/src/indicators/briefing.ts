import { type IndicatorDirection, STATUS_RANK, type TrajectoryStatus } from "./trajectory";

/**
 * 月度工作简报 (monthly briefing): the pure rules of what a briefing reports beside its figures —
 * the change against the previous period and the highlights (largest improvements and slips),
 * computed from stored snapshots only. The server builds the figures; nothing here reads a clock.
 */

export const BRIEFING_STATUSES = ["generating", "issued", "failed"] as const;
export type BriefingStatus = (typeof BRIEFING_STATUSES)[number];

export const BRIEFING_STATUS_LABELS: Record<BriefingStatus, string> = {
  generating: "生成中",
  issued: "已印发",
  failed: "生成失败",
};

export interface Change {
  /** current − previous, in the indicator's unit; null when either is missing. */
  change: number | null;
  /** change ÷ |previous|; null when either is missing or previous is 0. */
  relative: number | null;
  /** +1 better, −1 worse, 0 unchanged in the indicator's direction; null when either is missing. */
  direction: -1 | 0 | 1 | null;
}

/** The change from `previous` to `current` read in the indicator's direction. */
export function changeOf(
  current: number | null,
  previous: number | null,
  direction: IndicatorDirection,
): Change {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous))
    return { change: null, relative: null, direction: null };
  const change = current - previous;
  const better = direction === "higher" ? change : -change;
  return {
    change,
    relative: previous === 0 ? null : change / Math.abs(previous),
    direction: better > 0 ? 1 : better < 0 ? -1 : 0,
  };
}

export interface HighlightInput {
  indicatorId: string;
  name: string;
  direction: IndicatorDirection;
  current: number | null;
  previous: number | null;
  status: TrajectoryStatus;
  previousStatus: TrajectoryStatus;
}

export interface Highlight {
  indicatorId: string;
  name: string;
  kind: "improvement" | "slip";
  current: number;
  previous: number;
  change: number;
  relative: number | null;
  statusFrom: TrajectoryStatus;
  statusTo: TrajectoryStatus;
  /** Why it is listed: its trajectory status moved, or only its value. */
  reason: "status" | "value";
}

/** Steps the trajectory status moved (positive: better); 0 when either side is unknown. */
function statusSteps(from: TrajectoryStatus, to: TrajectoryStatus): number {
  if (from === "unknown" || to === "unknown") return 0;
  return STATUS_RANK[to] - STATUS_RANK[from];
}

/**
 * The largest improvements and slips of a month, at most `limit` of each:
 *   - an indicator without both figures is not compared;
 *   - a move of the trajectory status (预警 → 滞后 → 达标 or back) decides the kind and ranks first,
 *     more steps before fewer;
 *   - otherwise the value's change in the indicator's direction decides (no change: not listed), ranked
 *     by the size of the relative change (a change from 0 has none and comes after those that do);
 *   - ties by indicator id, so the same snapshots always give the same list.
 */
export function briefingHighlights(
  rows: readonly HighlightInput[],
  limit = 3,
): { improvements: Highlight[]; slips: Highlight[] } {
  const scored = rows.flatMap((r) => {
    const c = changeOf(r.current, r.previous, r.direction);
    if (c.change === null || c.direction === null || r.current === null || r.previous === null) return [];
    const steps = statusSteps(r.previousStatus, r.status);
    const sign = steps !== 0 ? Math.sign(steps) : c.direction;
    if (sign === 0) return [];
    const h: Highlight = {
      indicatorId: r.indicatorId,
      name: r.name,
      kind: sign > 0 ? "improvement" : "slip",
      current: r.current,
      previous: r.previous,
      change: c.change,
      relative: c.relative,
      statusFrom: r.previousStatus,
      statusTo: r.status,
      reason: steps !== 0 ? "status" : "value",
    };
    return [{ h, steps: Math.abs(steps), size: c.relative === null ? null : Math.abs(c.relative) }];
  });
  type S = (typeof scored)[number];
  const order = (a: S, b: S) =>
    b.steps - a.steps ||
    (a.size === null ? (b.size === null ? 0 : 1) : b.size === null ? -1 : b.size - a.size) ||
    (a.h.indicatorId < b.h.indicatorId ? -1 : a.h.indicatorId > b.h.indicatorId ? 1 : 0);
  const pick = (kind: Highlight["kind"]) =>
    scored
      .filter((s) => s.h.kind === kind)
      .sort(order)
      .slice(0, limit)
      .map((s) => s.h);
  return { improvements: pick("improvement"), slips: pick("slip") };
}
