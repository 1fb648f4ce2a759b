/**
 * Annual evaluation of a pool provider (优秀服务商评价): 优秀 / 良好 / 合格 / 不合格 from the year's
 * enterprise ratings, completed projects and — where served enterprises were assessed before and
 * after — the measured change.
 *
 * The seeds name the evaluation and the four grades' purpose (优秀 is published, 不合格 leads toward
 * exit) but fix no formula, weights or cut-offs: everything in PROVIDER_GRADE_RULES is our own
 * reading, kept as data so the city sets its own.
 */
import { round1, round9, type WeightedPart, weightedPart } from "../matching/weighted-part";
import type { MeasuredOutcome } from "./provider";

export const PROVIDER_GRADES = ["excellent", "good", "pass", "fail"] as const;
export type ProviderGradeKey = (typeof PROVIDER_GRADES)[number];
export const PROVIDER_GRADE_LABELS: Record<ProviderGradeKey, string> = {
  excellent: "优秀",
  good: "良好",
  pass: "合格",
  fail: "不合格",
};
const RANK: Record<ProviderGradeKey, number> = { excellent: 3, good: 2, pass: 1, fail: 0 };
const lower = (a: ProviderGradeKey, b: ProviderGradeKey) => (RANK[a] <= RANK[b] ? a : b);

export interface ProviderGradeRules {
  /** Relative weights; a part without data drops out and the others are renormalised. */
  readonly weights: { readonly rating: number; readonly projects: number; readonly outcomes: number };
  /** Completed projects in the year that earn the full projects part. */
  readonly projectsForFull: number;
  /** Mean before/after gain (points) that earns the full outcomes part. */
  readonly outcomeGainForFull: number;
  /** Measured outcomes count only with at least this many enterprises assessed before and after. */
  readonly minOutcomeEnterprises: number;
  /** Lowest score (0–100) for each grade. */
  readonly bands: { readonly excellent: number; readonly good: number; readonly pass: number };
  /**
   * Fewer rated services than this: at most 合格 — a handful of ratings says little. Exception:
   * measured outcomes (≥ minOutcomeEnterprises enterprises, mean gain ≥ provenGain) are stronger
   * evidence than ratings, so they lift the cap to 良好; 优秀 always needs the broad rating base.
   */
  readonly minRatedServices: number;
  readonly provenGain: number;
  /** Mean rating below this over ≥ minRatingsForVeto ratings: 不合格 whatever else. */
  readonly failingAverageRating: number;
  readonly minRatingsForVeto: number;
  /** No completed project and no rating in the year: nothing shows the provider served anyone. */
  readonly noServiceGrade: ProviderGradeKey;
}

export const PROVIDER_GRADE_RULES: ProviderGradeRules = {
  weights: { rating: 50, projects: 20, outcomes: 30 },
  projectsForFull: 10,
  outcomeGainForFull: 10,
  minOutcomeEnterprises: 3,
  bands: { excellent: 85, good: 70, pass: 50 },
  minRatedServices: 5,
  provenGain: 5,
  failingAverageRating: 2.5,
  minRatingsForVeto: 3,
  noServiceGrade: "fail",
};

export interface ProviderYearInputs {
  /** Each rating (1–5) enterprises gave after a service this year. */
  readonly ratings: readonly number[];
  readonly completedProjects: number;
  /** Before/after change of the served enterprises that were assessed twice. */
  readonly outcome?: MeasuredOutcome;
}

export type GradePart = "rating" | "projects" | "outcomes";
export const GRADE_PART_LABELS: Record<GradePart, string> = {
  rating: "企业评价",
  projects: "完成项目",
  outcomes: "实测成效",
};

/** One part of the grade's score (see WeightedPart). */
export interface GradePartResult extends WeightedPart {
  readonly part: GradePart;
}

export interface ProviderGrade {
  readonly grade: ProviderGradeKey;
  /** 优秀 / 良好 / 合格 / 不合格. */
  readonly label: string;
  /** 0–100, rounded to 0.1. */
  readonly score: number;
  /** The grade the score alone would give, before caps and vetoes. */
  readonly scoreGrade: ProviderGradeKey;
  readonly breakdown: readonly GradePartResult[];
  /** Chinese: each part's reason, then each cap or veto that applied, then the conclusion. */
  readonly reasons: readonly string[];
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

export function gradeProvider(
  inputs: ProviderYearInputs,
  rules: ProviderGradeRules = PROVIDER_GRADE_RULES,
): ProviderGrade {
  for (const r of inputs.ratings)
    if (!(r >= 1 && r <= 5)) throw new RangeError(`企业评价必须在 1–5 分之间，收到 ${r}`);
  if (!Number.isInteger(inputs.completedProjects) || inputs.completedProjects < 0)
    throw new RangeError(`完成项目数必须是非负整数，收到 ${inputs.completedProjects}`);

  const n = inputs.ratings.length;
  const mean = n > 0 ? inputs.ratings.reduce((a, b) => a + b, 0) / n : 0;
  const o = inputs.outcome;
  const outcomeCounts = !!o && o.enterprises >= rules.minOutcomeEnterprises;

  const parts: { part: GradePart; applicable: boolean; value: number; reason: string }[] = [
    {
      part: "rating",
      applicable: n > 0,
      value: n > 0 ? clamp01((mean - 1) / 4) : 0,
      reason: n > 0 ? `企业评价平均 ${mean.toFixed(1)} 分（${n} 次）` : "本年度无企业评价",
    },
    {
      part: "projects",
      applicable: true,
      value: clamp01(inputs.completedProjects / rules.projectsForFull),
      reason: `完成项目 ${inputs.completedProjects} 个（${rules.projectsForFull} 个及以上得满分）`,
    },
    {
      part: "outcomes",
      applicable: outcomeCounts,
      value: outcomeCounts ? clamp01(o!.meanDelta / rules.outcomeGainForFull) : 0,
      reason:
        !o || o.enterprises === 0
          ? "无服务企业前后评估对比，本项不计"
          : outcomeCounts
            ? `服务企业评估平均${o.meanDelta >= 0 ? "提升" : "下降"} ${Math.abs(o.meanDelta).toFixed(1)} 分（${o.enterprises} 家）`
            : `仅 ${o.enterprises} 家服务企业有前后评估（少于 ${rules.minOutcomeEnterprises} 家），本项不计`,
    },
  ];
  const totalWeight = parts.reduce((s, p) => s + (p.applicable ? rules.weights[p.part] : 0), 0);
  const breakdown: GradePartResult[] = parts.map((p) => {
    const weight = p.applicable && totalWeight > 0 ? rules.weights[p.part] / totalWeight : 0;
    return {
      part: p.part,
      ...weightedPart(GRADE_PART_LABELS[p.part], p.applicable, weight, p.value, p.reason),
    };
  });
  const score = round9(breakdown.reduce((s, b) => s + b.weight * b.value * 100, 0));
  const b = rules.bands;
  const scoreGrade: ProviderGradeKey =
    score >= b.excellent ? "excellent" : score >= b.good ? "good" : score >= b.pass ? "pass" : "fail";

  const reasons = breakdown.map((x) => x.reason);
  let grade = scoreGrade;
  const cap = (to: ProviderGradeKey, why: string) => {
    if (RANK[grade] > RANK[to]) reasons.push(`${why}，最高评为${PROVIDER_GRADE_LABELS[to]}`);
    grade = lower(grade, to);
  };

  if (n === 0 && inputs.completedProjects === 0) {
    grade = rules.noServiceGrade;
    reasons.push(`本年度无完成项目且无企业评价，评为${PROVIDER_GRADE_LABELS[grade]}`);
  } else {
    if (n >= rules.minRatingsForVeto && mean < rules.failingAverageRating) {
      if (grade !== "fail")
        reasons.push(`企业评价平均低于 ${rules.failingAverageRating} 分，评为${PROVIDER_GRADE_LABELS.fail}`);
      grade = "fail";
    }
    if (outcomeCounts && o!.meanDelta < 0) cap("pass", "服务企业评估平均下降");
    if (n < rules.minRatedServices) {
      const proven = outcomeCounts && o!.meanDelta >= rules.provenGain;
      if (proven) cap("good", `企业评价不足 ${rules.minRatedServices} 次（实测成效已证明）`);
      else cap("pass", `企业评价不足 ${rules.minRatedServices} 次`);
    }
  }
  reasons.push(`综合得分 ${round1(score)} 分，评为${PROVIDER_GRADE_LABELS[grade]}`);
  return { grade, label: PROVIDER_GRADE_LABELS[grade], score: round1(score), scoreGrade, breakdown, reasons };
}
