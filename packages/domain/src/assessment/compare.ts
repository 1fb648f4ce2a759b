/**
 * Re-assessment impact (复评成效): two scored assessments of the same instrument compared — T0 (the
 * earlier one) against T1 (the later one) — and the yearly coverage target of a diagnosis campaign.
 *
 * Pure: the inputs are ScoreResult snapshots as stored at submit (or re-scored), nothing is read.
 * Points are subtracted as integer thousandths (see instrument.ts), so every delta is exact and the
 * dimension deltas add up to the total delta whenever the total is the sum of the dimensions (it is
 * for every instrument the engine scores).
 */
import { fromMilli, type QuestionKind, toMilli } from "./instrument";
import type { ScoreResult } from "./score";

/** The parts of a ScoreResult a comparison reads (a stored snapshot has them all). */
export type ComparableResult = Pick<
  ScoreResult,
  "instrumentId" | "instrumentVersion" | "total" | "maxTotal" | "level" | "levelName"
> & {
  readonly dimensions: readonly {
    readonly id: string;
    readonly name: string;
    readonly points: number;
    readonly maxPoints: number;
  }[];
  readonly scenes?: readonly {
    readonly questionId: string;
    readonly name: string;
    readonly constrained: boolean;
    readonly level: number;
    readonly maxLevel: number;
  }[];
  readonly questions?: readonly {
    readonly questionId: string;
    readonly title: string;
    readonly kind: QuestionKind;
    readonly dimensionId: string;
    readonly points: number;
    readonly maxPoints: number;
  }[];
  readonly maturityScore?: number;
};

export type Direction = "up" | "same" | "down";

export interface LevelChange {
  readonly from: number;
  readonly fromName: string;
  readonly to: number;
  readonly toName: string;
  readonly direction: Direction;
  /** to − from (negative when the level fell). */
  readonly steps: number;
}

export interface DimensionDelta {
  readonly id: string;
  readonly name: string;
  /** null when the dimension is absent from that result (an instrument version added or dropped it). */
  readonly t0: number | null;
  readonly t1: number | null;
  /** t1 − t0, a missing side counting as 0. */
  readonly delta: number;
  readonly max: number;
}

export interface SceneChange {
  readonly questionId: string;
  readonly name: string;
  readonly constrained: boolean;
  /** Scene levels (0 = 未开展或未达到一级). */
  readonly t0: number;
  readonly t1: number;
  readonly delta: number;
  readonly maxLevel: number;
}

/** A scored question (CMMM/DCMM requirement, MIIT indicator) whose points changed. */
export interface RequirementChange {
  readonly questionId: string;
  readonly title: string;
  readonly kind: QuestionKind;
  readonly dimensionId: string;
  readonly t0: number;
  readonly t1: number;
  readonly delta: number;
  readonly maxPoints: number;
}

export interface ChangeSet<T> {
  /** Largest gain first. */
  readonly improved: readonly T[];
  /** Largest loss first. */
  readonly declined: readonly T[];
  readonly unchanged: number;
}

export interface ScoreComparison {
  readonly instrumentId: string;
  readonly t0Version: string;
  readonly t1Version: string;
  readonly total: { readonly t0: number; readonly t1: number; readonly delta: number; readonly max: number };
  readonly level: LevelChange;
  readonly dimensions: readonly DimensionDelta[];
  /** Scene levels (MIIT); empty sets for instruments without scenes. */
  readonly scenes: ChangeSet<SceneChange>;
  /** Scored questions in both results whose points changed (scenes, which score 0 points, excluded). */
  readonly requirements: ChangeSet<RequirementChange>;
  /** CMMM-style maturity score, when both results report one. */
  readonly maturityScore?: { readonly t0: number; readonly t1: number; readonly delta: number };
}

const sub = (a: number, b: number) => fromMilli(toMilli(a) - toMilli(b));
const direction = (d: number): Direction => (d > 0 ? "up" : d < 0 ? "down" : "same");

/** Items present on both sides, split by the sign of their delta; document order breaks ties. */
function changeSet<T extends { delta: number }>(items: readonly T[]): ChangeSet<T> {
  const indexed = items.map((item, i) => ({ item, i }));
  const improved = indexed
    .filter((x) => x.item.delta > 0)
    .sort((a, b) => b.item.delta - a.item.delta || a.i - b.i)
    .map((x) => x.item);
  const declined = indexed
    .filter((x) => x.item.delta < 0)
    .sort((a, b) => a.item.delta - b.item.delta || a.i - b.i)
    .map((x) => x.item);
  return { improved, declined, unchanged: items.length - improved.length - declined.length };
}

/**
 * T0 → T1 for one instrument. Dimensions are matched by id (T1's order, then any only in T0), so two
 * versions of an instrument compare where they overlap. Different instruments cannot be compared.
 */
export function compareResults(t0: ComparableResult, t1: ComparableResult): ScoreComparison {
  if (t0.instrumentId !== t1.instrumentId)
    throw new RangeError(`不同量表的评估结果不能比较（${t0.instrumentId} 与 ${t1.instrumentId}）`);

  const before = new Map(t0.dimensions.map((d) => [d.id, d]));
  const after = new Map(t1.dimensions.map((d) => [d.id, d]));
  const ids = [...after.keys(), ...[...before.keys()].filter((id) => !after.has(id))];
  const dimensions: DimensionDelta[] = ids.map((id) => {
    const a = before.get(id);
    const b = after.get(id);
    return {
      id,
      name: (b ?? a)!.name,
      t0: a ? a.points : null,
      t1: b ? b.points : null,
      delta: sub(b?.points ?? 0, a?.points ?? 0),
      max: (b ?? a)!.maxPoints,
    };
  });

  const scenes0 = new Map((t0.scenes ?? []).map((s) => [s.questionId, s]));
  const scenes: SceneChange[] = [];
  for (const s of t1.scenes ?? []) {
    const p = scenes0.get(s.questionId);
    if (!p) continue;
    scenes.push({
      questionId: s.questionId,
      name: s.name,
      constrained: s.constrained,
      t0: p.level,
      t1: s.level,
      delta: s.level - p.level,
      maxLevel: s.maxLevel,
    });
  }

  const q0 = new Map((t0.questions ?? []).map((q) => [q.questionId, q]));
  const requirements: RequirementChange[] = [];
  for (const q of t1.questions ?? []) {
    const p = q0.get(q.questionId);
    if (!p || q.kind === "scene") continue;
    requirements.push({
      questionId: q.questionId,
      title: q.title,
      kind: q.kind,
      dimensionId: q.dimensionId,
      t0: p.points,
      t1: q.points,
      delta: sub(q.points, p.points),
      maxPoints: q.maxPoints,
    });
  }

  const steps = t1.level - t0.level;
  return {
    instrumentId: t1.instrumentId,
    t0Version: t0.instrumentVersion,
    t1Version: t1.instrumentVersion,
    total: { t0: t0.total, t1: t1.total, delta: sub(t1.total, t0.total), max: t1.maxTotal },
    level: {
      from: t0.level,
      fromName: t0.levelName,
      to: t1.level,
      toName: t1.levelName,
      direction: direction(steps),
      steps,
    },
    dimensions,
    scenes: changeSet(scenes),
    requirements: changeSet(requirements),
    ...(t0.maturityScore !== undefined && t1.maturityScore !== undefined
      ? {
          maturityScore: {
            t0: t0.maturityScore,
            t1: t1.maturityScore,
            delta: Math.round((t1.maturityScore - t0.maturityScore) * 1e9) / 1e9,
          },
        }
      : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Coverage target (诊断全覆盖目标)

export interface CoveragePlan {
  /** First year of the campaign, e.g. 2025 for "力争5年…全覆盖" announced in 2024. */
  readonly startYear: number;
  /** Length in years; the last year (startYear + years − 1) must reach 100 %. */
  readonly years: number;
  /** Enterprises already diagnosed before startYear; only the rest is spread over the years. */
  readonly baseline?: number;
}

/**
 * Cumulative number of enterprises that should be diagnosed by the end of `year`, out of `universe`
 * (the 规上 count): 0 before the campaign, the baseline plus an even share (rounded up) of the rest
 * for each year of the campaign, and all of them from the last year on.
 */
export function cumulativeCoverageTarget(plan: CoveragePlan, universe: number, year: number): number {
  if (!Number.isInteger(plan.years) || plan.years < 1) throw new RangeError("目标年限须为不小于 1 的整数");
  if (!Number.isInteger(universe) || universe < 0) throw new RangeError("企业数须为非负整数");
  if (year < plan.startYear) return 0;
  const baseline = Math.min(universe, Math.max(0, Math.floor(plan.baseline ?? 0)));
  const elapsed = Math.min(plan.years, year - plan.startYear + 1);
  const rest = universe - baseline;
  return baseline + Math.floor((rest * elapsed + plan.years - 1) / plan.years);
}

export interface CoverageStatus {
  /** Cumulative target for the year. */
  readonly target: number;
  /** diagnosed / universe (0..1; 0 when there is nothing to diagnose). */
  readonly rate: number;
  /** target / universe (0..1). */
  readonly targetRate: number;
  /** Enterprises still missing to meet the target (0 when met). */
  readonly gap: number;
  readonly onTrack: boolean;
}

/** Where one district (or the city) stands against the plan in `year`. */
export function coverageStatus(
  plan: CoveragePlan,
  counts: { readonly universe: number; readonly diagnosed: number },
  year: number,
): CoverageStatus {
  const target = cumulativeCoverageTarget(plan, counts.universe, year);
  const ratio = (n: number) => (counts.universe > 0 ? Math.round((n / counts.universe) * 1e4) / 1e4 : 0);
  return {
    target,
    rate: ratio(counts.diagnosed),
    targetRate: ratio(target),
    gap: Math.max(0, target - counts.diagnosed),
    onTrack: counts.diagnosed >= target,
  };
}
