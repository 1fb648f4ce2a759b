/**
 * The scoring engine: answers + instrument → points that explain themselves, dimension scores,
 * scene levels, the overall level, the gap to the next level and a prioritised improvement list.
 *
 * Pure and deterministic: no clock, no randomness, no I/O; the same definition and answers always
 * give the same result (reports and T0/T1 comparisons rely on re-scoring stored answers).
 * Points are summed as integer thousandths (see instrument.ts), so totals are exact.
 */
import { answerProblem, formatPercent, questionName, ratioPercent, validateAnswers } from "./answers";
import {
  type Answers,
  type AnswerValue,
  type Dimension,
  formatPoints,
  fromMilli,
  type InstrumentDefinition,
  type LevelCondition,
  levelLabel,
  listQuestions,
  type NumericBand,
  type NumericQuestion,
  type Question,
  type QuestionKind,
  type QuestionRef,
  RATING_SCALE,
  RATING_VALUES,
  type SubDimension,
  toMilli,
} from "./instrument";

export interface QuestionScore {
  readonly questionId: string;
  readonly title: string;
  readonly kind: QuestionKind;
  readonly dimensionId: string;
  readonly subDimensionId: string;
  readonly answered: boolean;
  readonly points: number;
  readonly maxPoints: number;
  /** Chinese: which answer gave which points. */
  readonly explanation: string;
}

export interface SubDimensionScore {
  readonly id: string;
  readonly name: string;
  readonly points: number;
  readonly maxPoints: number;
  readonly questions: readonly QuestionScore[];
}

export interface DimensionScore {
  readonly id: string;
  readonly name: string;
  readonly points: number;
  readonly maxPoints: number;
  readonly subDimensions: readonly SubDimensionScore[];
}

export interface SceneResult {
  readonly questionId: string;
  readonly name: string;
  /** The sub-dimension the scene belongs to (MIIT: its scene group, e.g. 生产执行数字化). */
  readonly groupId: string;
  readonly constrained: boolean;
  /** 0 = 未开展或未达到一级. */
  readonly level: number;
  readonly maxLevel: number;
}

export interface SceneBelow {
  readonly questionId: string;
  readonly name: string;
  readonly level: number;
  readonly constrained: boolean;
}

export interface ConditionStatus {
  readonly condition: LevelCondition;
  /** Chinese statement of the condition, e.g. "至少 10 个场景达到四级及以上". */
  readonly description: string;
  readonly met: boolean;
  readonly actual: number;
  readonly required: number;
  /** How far from the threshold, in `unit` (0 when met). */
  readonly shortfall: number;
  readonly unit: "分" | "个场景" | "";
  /** Chinese: the state and what is missing, e.g. "总分 62 分，还差 18 分". */
  readonly message: string;
  /** For scene conditions: the scenes below the needed level, closest first. */
  readonly scenesBelow?: readonly SceneBelow[];
}

export interface LevelStatus {
  readonly level: number;
  readonly name: string;
  /** Its own conditions all hold (for a cumulative rule lower levels must hold as well to count). */
  readonly conditionsMet: boolean;
  readonly conditions: readonly ConditionStatus[];
}

export interface LevelGap {
  readonly targetLevel: number;
  readonly targetName: string;
  /** Every condition of the target level, met or not. */
  readonly conditions: readonly ConditionStatus[];
  /** Only the conditions that still fail. */
  readonly failing: readonly ConditionStatus[];
}

export type LevelImpact = "raisesLevel" | "closesCondition" | "reducesGap" | "none";

export interface Improvement {
  /** Stable id: question id + target. */
  readonly id: string;
  readonly questionId: string;
  readonly title: string;
  readonly kind: QuestionKind;
  readonly dimensionId: string;
  readonly subDimensionId: string;
  /** Chinese: what to do, from where to where. */
  readonly action: string;
  readonly pointsGained: number;
  readonly effort: number;
  readonly pointsPerEffort: number;
  readonly levelImpact: LevelImpact;
  /** Descriptions of next-level conditions this step alone closes. */
  readonly closesConditions: readonly string[];
  /** Number of failing next-level conditions whose shortfall this step reduces. */
  readonly conditionsImproved: number;
  /** Overall level after this step alone. */
  readonly levelAfter: number;
  /** The answer to this question after the step (apply with applyImprovement). */
  readonly answer: AnswerValue;
}

export interface ScoreResult {
  readonly instrumentId: string;
  readonly instrumentVersion: string;
  /** All required questions answered (drafts scored with allowMissing may be incomplete). */
  readonly complete: boolean;
  readonly total: number;
  readonly maxTotal: number;
  readonly dimensions: readonly DimensionScore[];
  /** Flat, in document order. */
  readonly questions: readonly QuestionScore[];
  readonly scenes: readonly SceneResult[];
  /** Rated score (0..1) per maturity level that has rated requirements, ascending. */
  readonly ratedLevelScores: readonly { readonly level: number; readonly score: number }[];
  /** 0 = no level. */
  readonly level: number;
  readonly levelName: string;
  /** Only for rules with maturityScore, e.g. CMMM 3.55. */
  readonly maturityScore?: number;
  readonly levels: readonly LevelStatus[];
  readonly gapToNextLevel: LevelGap | null;
  readonly improvements: readonly Improvement[];
}

export interface ScoreOptions {
  /** Score a draft: missing answers count as unanswered (0 points, scene level 0, rating 0). */
  readonly allowMissing?: boolean;
  /**
   * Default true. Prioritisation re-scores once per question (O(n²)); bulk jobs that only need
   * scores and levels (cohort statistics, re-scoring stored answers) can switch it off.
   */
  readonly improvements?: boolean;
}

export type ScoreOutcome =
  | { readonly ok: true; readonly result: ScoreResult }
  | { readonly ok: false; readonly errors: readonly { questionId: string; message: string }[] };

/** Scores an answer set. Invalid answers are rejected with Chinese errors naming the question. */
export function scoreAssessment(
  def: InstrumentDefinition,
  answers: Answers,
  opts: ScoreOptions = {},
): ScoreOutcome {
  const errors = validateAnswers(def, answers, opts);
  if (errors.length > 0) return { ok: false, errors };
  const core = computeCore(def, answers);
  const complete = validateAnswers(def, answers).length === 0;
  const improvements = opts.improvements === false ? [] : prioritiseImprovements(def, answers, core);
  return { ok: true, result: { ...core, complete, improvements } };
}

type Core = Omit<ScoreResult, "improvements" | "complete">;

// ---------------------------------------------------------------------------------------------
// Per-question scoring

interface Scored {
  milli: number;
  explanation: string;
  answered: boolean;
  sceneLevel?: number;
  rating?: number;
}

const pts = (milli: number) => `${formatPoints(fromMilli(milli))} 分`;

export function formatBand(b: NumericBand): string {
  return `${b.minInclusive ? "[" : "("}${b.min}%,${b.max}%${b.maxInclusive ? "]" : ")"}`;
}

export function inBand(r: number, b: NumericBand): boolean {
  return (b.minInclusive ? r >= b.min : r > b.min) && (b.maxInclusive ? r <= b.max : r < b.max);
}

export function bandIndex(q: NumericQuestion, r: number): number {
  return q.bands.findIndex((b) => inBand(r, b));
}

function scoreOne(q: Question, a: AnswerValue | undefined): Scored {
  const max = toMilli(q.maxPoints);
  if (a === undefined || (a.kind === "multi" && a.optionIds.length === 0)) {
    if (q.kind === "scene")
      return { milli: 0, explanation: "未作答，按未达到一级计", answered: false, sceneLevel: 0 };
    return {
      milli: 0,
      explanation: "未作答，得 0 分",
      answered: false,
      ...(q.kind === "rated" ? { rating: 0 } : {}),
    };
  }
  switch (q.kind) {
    case "single": {
      const id = (a as Extract<AnswerValue, { kind: "single" }>).optionId;
      const o = q.options.find((x) => x.id === id)!;
      const milli = toMilli(o.points);
      return { milli, answered: true, explanation: `选择“${o.label}”，得 ${pts(milli)}（满分 ${pts(max)}）` };
    }
    case "multi": {
      const ids = new Set((a as Extract<AnswerValue, { kind: "multi" }>).optionIds);
      const ticked = q.options.filter((o) => ids.has(o.id));
      if (ticked.length === 1 && ticked[0]!.exclusive)
        return {
          milli: 0,
          answered: true,
          explanation: `选择“${ticked[0]!.label}”，得 0 分（满分 ${pts(max)}）`,
        };
      const sum = ticked.reduce((s, o) => s + toMilli(o.points), 0);
      const milli = Math.min(sum, max);
      const parts = ticked.map((o) => `“${o.label}”${pts(toMilli(o.points))}`).join("、");
      const cap = sum > max ? `，超过满分按 ${pts(max)} 计` : "";
      return {
        milli,
        answered: true,
        explanation: `勾选 ${ticked.length} 项：${parts}，合计 ${pts(sum)}${cap}，得 ${pts(milli)}（满分 ${pts(max)}）`,
      };
    }
    case "numeric": {
      const inputs = (a as Extract<AnswerValue, { kind: "numeric" }>).inputs;
      const num = inputs[q.formula.numerator] as number;
      const den = inputs[q.formula.denominator] as number;
      const r = ratioPercent(num, den);
      const band = q.bands[bandIndex(q, r)]!;
      const milli = toMilli(band.points);
      const label = (id: string) => {
        const i = q.inputs.find((x) => x.id === id)!;
        return i.short ?? i.label;
      };
      return {
        milli,
        answered: true,
        explanation:
          `${q.ratioName} ${formatPercent(r)}（${label(q.formula.numerator)} ${num} / ${label(q.formula.denominator)} ${den}），` +
          `落在 ${formatBand(band)}，得 ${pts(milli)}`,
      };
    }
    case "scene": {
      const level = (a as Extract<AnswerValue, { kind: "scene" }>).level;
      const kind = q.constrained ? "约束性场景" : "指导性场景";
      return {
        milli: 0,
        answered: true,
        sceneLevel: level,
        explanation:
          level === 0
            ? `${kind}“${q.title}”未开展或未达到一级`
            : `${kind}“${q.title}”达到${levelLabel(level)}（场景等级不计分）`,
      };
    }
    case "rated": {
      const rating = (a as Extract<AnswerValue, { kind: "rated" }>).rating;
      const label = RATING_SCALE.find((s) => s.value === rating)!.label;
      const milli = Math.round(rating * max);
      return {
        milli,
        answered: true,
        rating,
        explanation: `评为“${label}”（${rating}），得 ${pts(milli)}（满分 ${pts(max)}）`,
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Aggregation and level rule

const round9 = (x: number) => Math.round(x * 1e9) / 1e9;

function computeCore(def: InstrumentDefinition, answers: Answers): Core {
  const flat: QuestionScore[] = [];
  const scenes: SceneResult[] = [];
  const ratings = new Map<string, number>();
  const subMilli = new Map<string, number>();
  const dimMilli = new Map<string, number>();
  const qMilli = new Map<string, number>();
  let totalMilli = 0;

  const dimensions: DimensionScore[] = def.dimensions.map((d: Dimension) => {
    let dm = 0;
    const subDimensions = d.subDimensions.map((s: SubDimension) => {
      let sm = 0;
      const questions = s.questions.map((q) => {
        const a = Object.hasOwn(answers, q.id) ? answers[q.id] : undefined;
        const r = scoreOne(q, a);
        sm += r.milli;
        qMilli.set(q.id, r.milli);
        if (q.kind === "scene")
          scenes.push({
            questionId: q.id,
            name: q.title,
            groupId: s.id,
            constrained: q.constrained,
            level: r.sceneLevel ?? 0,
            maxLevel: q.levels.length,
          });
        if (q.kind === "rated") ratings.set(q.id, r.rating ?? 0);
        const qs: QuestionScore = {
          questionId: q.id,
          title: q.title,
          kind: q.kind,
          dimensionId: d.id,
          subDimensionId: s.id,
          answered: r.answered,
          points: fromMilli(r.milli),
          maxPoints: q.maxPoints,
          explanation: r.explanation,
        };
        flat.push(qs);
        return qs;
      });
      subMilli.set(s.id, sm);
      dm += sm;
      return { id: s.id, name: s.name, points: fromMilli(sm), maxPoints: s.points, questions };
    });
    dimMilli.set(d.id, dm);
    totalMilli += dm;
    return { id: d.id, name: d.name, points: fromMilli(dm), maxPoints: d.points, subDimensions };
  });

  const ratedLevelScores = computeRatedLevelScores(def, ratings);
  const ctx: EvalContext = { def, totalMilli, dimMilli, subMilli, qMilli, scenes, ratedLevelScores };
  const rule = def.levelRule;
  const levels: LevelStatus[] = rule.levels.map((l) => {
    const conditions = l.conditions.map((c) => evaluateCondition(c, ctx));
    return { level: l.level, name: l.name, conditionsMet: conditions.every((c) => c.met), conditions };
  });
  let level = 0;
  if (rule.cumulative) {
    for (const l of levels) {
      if (!l.conditionsMet) break;
      level = l.level;
    }
  } else {
    for (const l of levels) if (l.conditionsMet) level = Math.max(level, l.level);
  }
  const levelName = level === 0 ? rule.noLevelName : rule.levels[level - 1]!.name;
  const next = levels[level];
  const gapToNextLevel: LevelGap | null = next
    ? {
        targetLevel: next.level,
        targetName: next.name,
        conditions: next.conditions,
        failing: next.conditions.filter((c) => !c.met),
      }
    : null;

  let maturityScore: number | undefined;
  if (rule.maturityScore === "metLevelPlusNextRated") {
    const nextScore = ratedLevelScores.find((x) => x.level === level + 1)?.score ?? 0;
    maturityScore = level >= rule.levels.length ? level : round9(level + nextScore);
  }

  return {
    instrumentId: def.id,
    instrumentVersion: def.version,
    total: fromMilli(totalMilli),
    maxTotal: def.totalPoints,
    dimensions,
    questions: flat,
    scenes,
    ratedLevelScores,
    level,
    levelName,
    ...(maturityScore === undefined ? {} : { maturityScore }),
    levels,
    gapToNextLevel,
  };
}

/**
 * Rated score of each maturity level: per sub-dimension the mean rating of its requirements at that
 * level, then the weighted mean over the sub-dimensions that have requirements at that level.
 */
function computeRatedLevelScores(
  def: InstrumentDefinition,
  ratings: ReadonlyMap<string, number>,
): { level: number; score: number }[] {
  const acc = new Map<number, { weighted: number; weights: number }>();
  for (const d of def.dimensions)
    for (const s of d.subDimensions) {
      const byLevel = new Map<number, number[]>();
      for (const q of s.questions)
        if (q.kind === "rated" && q.level !== undefined) {
          const list = byLevel.get(q.level) ?? [];
          list.push(ratings.get(q.id) ?? 0);
          byLevel.set(q.level, list);
        }
      const w = s.weight ?? 1;
      for (const [lvl, list] of byLevel) {
        const mean = list.reduce((x, y) => x + y, 0) / list.length;
        const cur = acc.get(lvl) ?? { weighted: 0, weights: 0 };
        acc.set(lvl, { weighted: cur.weighted + w * mean, weights: cur.weights + w });
      }
    }
  return [...acc.entries()]
    .sort(([a], [b]) => a - b)
    .map(([level, { weighted, weights }]) => ({ level, score: round9(weighted / weights) }));
}

interface EvalContext {
  def: InstrumentDefinition;
  totalMilli: number;
  dimMilli: ReadonlyMap<string, number>;
  subMilli: ReadonlyMap<string, number>;
  qMilli: ReadonlyMap<string, number>;
  scenes: readonly SceneResult[];
  ratedLevelScores: readonly { level: number; score: number }[];
}

function scoreStatus(
  condition: LevelCondition,
  description: string,
  what: string,
  actualMilli: number,
  requiredMilli: number,
): ConditionStatus {
  const met = actualMilli >= requiredMilli;
  const short = Math.max(0, requiredMilli - actualMilli);
  return {
    condition,
    description,
    met,
    actual: fromMilli(actualMilli),
    required: fromMilli(requiredMilli),
    shortfall: fromMilli(short),
    unit: "分",
    message: met
      ? `${what} ${pts(actualMilli)}，已满足`
      : `${what} ${pts(actualMilli)}，距 ${pts(requiredMilli)} 还差 ${pts(short)}`,
  };
}

function evaluateCondition(c: LevelCondition, ctx: EvalContext): ConditionStatus {
  const { def } = ctx;
  switch (c.kind) {
    case "minTotalScore":
      return scoreStatus(c, `总分 ≥ ${c.min} 分`, "总分", ctx.totalMilli, toMilli(c.min));
    case "minDimensionScore": {
      const d = def.dimensions.find((x) => x.id === c.dimensionId)!;
      return scoreStatus(
        c,
        `“${d.name}”得分 ≥ ${c.min} 分`,
        `“${d.name}”得分`,
        ctx.dimMilli.get(d.id) ?? 0,
        toMilli(c.min),
      );
    }
    case "minSubDimensionRatio": {
      const s = def.dimensions.flatMap((d) => d.subDimensions).find((x) => x.id === c.subDimensionId)!;
      const pct = round9(c.min * 100);
      return scoreStatus(
        c,
        `“${s.name}”得分率 ≥ ${pct}%（${formatPoints(c.min * s.points)} 分）`,
        `“${s.name}”得分`,
        ctx.subMilli.get(s.id) ?? 0,
        Math.ceil(round9(c.min * toMilli(s.points))),
      );
    }
    case "minQuestionPoints": {
      const q = listQuestions(def).find((r) => r.question.id === c.questionId)!.question;
      return scoreStatus(
        c,
        `${questionName(q)}得分 ≥ ${c.min} 分`,
        `${questionName(q)}得分`,
        ctx.qMilli.get(q.id) ?? 0,
        toMilli(c.min),
      );
    }
    case "minScenesAtLevel":
    case "allConstrainedScenesAtLevel": {
      const pool =
        c.kind === "allConstrainedScenesAtLevel" || c.constrainedOnly
          ? ctx.scenes.filter((s) => s.constrained)
          : ctx.scenes;
      const k = c.sceneLevel;
      const atLevel = pool.filter((s) => s.level >= k).length;
      const required = c.kind === "minScenesAtLevel" ? c.count : pool.length;
      const kindWord = c.kind === "allConstrainedScenesAtLevel" || c.constrainedOnly ? "约束性场景" : "场景";
      const description =
        c.kind === "minScenesAtLevel"
          ? `至少 ${c.count} 个${kindWord}达到${levelLabel(k)}及以上`
          : `全部约束性场景（${pool.length} 个）达到${levelLabel(k)}及以上`;
      const met = atLevel >= required;
      const scenesBelow = pool
        .filter((s) => s.level < k)
        .map((s) => ({ questionId: s.questionId, name: s.name, level: s.level, constrained: s.constrained }))
        // Closest to the needed level first: those are the cheapest to lift.
        .sort((a, b) => b.level - a.level);
      const below = scenesBelow
        .map((s) => `${s.name}（${s.level === 0 ? "未达一级" : levelLabel(s.level)}）`)
        .join("、");
      return {
        condition: c,
        description,
        met,
        actual: atLevel,
        required,
        shortfall: Math.max(0, required - atLevel),
        unit: "个场景",
        message: met
          ? `达到${levelLabel(k)}及以上的${kindWord} ${atLevel} 个，已满足`
          : `达到${levelLabel(k)}及以上的${kindWord} ${atLevel} 个，还差 ${required - atLevel} 个；未达到的：${below}`,
        scenesBelow,
      };
    }
    case "minRatedLevelScore": {
      const score = ctx.ratedLevelScores.find((x) => x.level === c.ratedLevel)?.score ?? 0;
      const met = score >= c.min;
      const short = round9(Math.max(0, c.min - score));
      return {
        condition: c,
        description: `${levelLabel(c.ratedLevel)}要求得分 ≥ ${c.min}`,
        met,
        actual: score,
        required: c.min,
        shortfall: short,
        unit: "",
        message: met
          ? `${levelLabel(c.ratedLevel)}要求得分 ${score}，已满足`
          : `${levelLabel(c.ratedLevel)}要求得分 ${score}，距 ${c.min} 还差 ${short}`,
      };
    }
  }
}

/** The gap part of a result (also available as result.gapToNextLevel). */
export function gapToNextLevel(def: InstrumentDefinition, answers: Answers): LevelGap | null {
  return computeCore(def, answers).gapToNextLevel;
}

// ---------------------------------------------------------------------------------------------
// CMMM / DCMM rated levels

export interface RatedLevelOutcome {
  /** Highest level L such that levels 1..L all score ≥ threshold; 0 if level 1 is not met. */
  readonly level: number;
  /** level + score of level L+1 (CMMM's reported score, e.g. 3.55); the top level reports itself. */
  readonly maturityScore: number;
  /** Per level, whether its own score reaches the threshold. */
  readonly met: readonly boolean[];
}

/**
 * CMMM rule (GB/T 39117 as described in reference/instruments.md §1c, [M]): a level counts only
 * when its score ≥ 0.8 AND every lower level counts; a high score at 三级 above an unmet 二级 is not
 * counted. `levelScores[i]` is the score (0..1) of level i + 1.
 */
export function levelFromRatings(levelScores: readonly number[], threshold = 0.8): RatedLevelOutcome {
  const met = levelScores.map((s) => round9(s) >= threshold);
  let level = 0;
  while (level < met.length && met[level]) level++;
  const maturityScore = level >= levelScores.length ? level : round9(level + (levelScores[level] ?? 0));
  return { level, maturityScore, met };
}

// ---------------------------------------------------------------------------------------------
// Improvements (SIRI-style prioritisation)

interface Candidate {
  ref: QuestionRef;
  key: string;
  action: string;
  answer: AnswerValue;
}

const RATINGS_ASC = [...RATING_VALUES].sort((a, b) => a - b);

function candidateFor(ref: QuestionRef, a: AnswerValue | undefined): Candidate | null {
  const q = ref.question;
  const current = a === undefined ? undefined : scoreOne(q, a);
  const cur = current?.milli ?? 0;
  const name = questionName(q);
  switch (q.kind) {
    case "single": {
      // The smallest step up: the option with the fewest points above the current answer.
      let best: (typeof q.options)[number] | undefined;
      for (const o of q.options)
        if (toMilli(o.points) > cur && (!best || toMilli(o.points) < toMilli(best.points))) best = o;
      if (!best) return null;
      const from = a?.kind === "single" ? `“${q.options.find((o) => o.id === a.optionId)?.label}”` : "未作答";
      return {
        ref,
        key: best.id,
        action: `将${name}从${from}提升到“${best.label}”`,
        answer: {
          kind: "single",
          optionId: best.id,
          ...(a?.kind === "single" && a.info ? { info: a.info } : {}),
        },
      };
    }
    case "multi": {
      if (cur >= toMilli(q.maxPoints)) return null;
      const ticked = new Set(a?.kind === "multi" ? a.optionIds : []);
      let best: (typeof q.options)[number] | undefined;
      let others = 0;
      for (const o of q.options) {
        if (o.exclusive || ticked.has(o.id) || o.points <= 0) continue;
        others++;
        if (!best || toMilli(o.points) > toMilli(best.points)) best = o;
      }
      if (!best) return null;
      const keep = q.options
        .filter((o) => !o.exclusive && (ticked.has(o.id) || o.id === best.id))
        .map((o) => o.id);
      const more = others > 1 ? `（另有 ${others - 1} 项可选）` : "";
      return {
        ref,
        key: best.id,
        action: `${name}增加“${best.label}”${more}`,
        answer: { kind: "multi", optionIds: keep },
      };
    }
    case "numeric":
      return numericCandidate(ref, q, a, cur);
    case "scene": {
      const level = a?.kind === "scene" ? a.level : 0;
      if (level >= q.levels.length) return null;
      const target = q.levels[level]!;
      const kind = q.constrained ? "约束性场景" : "场景";
      return {
        ref,
        key: `L${target.level}`,
        action: `将${kind}“${q.title}”从${level === 0 ? "未达一级" : levelLabel(level)}提升到${levelLabel(target.level)}：${target.text}`,
        answer: { kind: "scene", level: target.level },
      };
    }
    case "rated": {
      const rating = a?.kind === "rated" ? a.rating : 0;
      const next = RATINGS_ASC.find((r) => r > rating);
      if (next === undefined) return null;
      const label = (v: number) => RATING_SCALE.find((s) => s.value === v)!.label;
      return {
        ref,
        key: `R${next}`,
        action: `将${name}从“${a ? label(rating) : "未评"}”提升到“${label(next)}”`,
        answer: { kind: "rated", rating: next },
      };
    }
  }
}

function numericCandidate(
  ref: QuestionRef,
  q: NumericQuestion,
  a: AnswerValue | undefined,
  cur: number,
): Candidate | null {
  let target: NumericBand | undefined;
  for (const b of q.bands)
    if (toMilli(b.points) > cur && (!target || toMilli(b.points) < toMilli(target.points))) target = b;
  if (!target) return null;
  const inputs = a?.kind === "numeric" ? a.inputs : {};
  const denInput = q.inputs.find((i) => i.id === q.formula.denominator)!;
  const numInput = q.inputs.find((i) => i.id === q.formula.numerator)!;
  let den = inputs[denInput.id] ?? 0;
  if (!(den > 0)) den = 100;
  let num: number | undefined;
  if (numInput.integer || denInput.integer) {
    // Whole machines: the smallest count that lands in the band; if the band is too narrow for this
    // denominator (3 machines cannot make (10%,20%]), scale the denominator up.
    for (let k = 1; k <= 1000 && num === undefined; k++) {
      const d = den * k;
      let n = Math.floor((target.min * d) / 100);
      // Step over the lower edge (it may be excluded), then stop: the next count is in the band or past it.
      while (n < d && ratioPercent(n, d) <= target.min && !inBand(ratioPercent(n, d), target)) n++;
      if (inBand(ratioPercent(n, d), target)) {
        num = n;
        den = d;
      }
    }
  }
  if (num === undefined) {
    const r = target.minInclusive ? target.min : (target.min + target.max) / 2;
    num = (r * den) / 100;
  }
  const from =
    a?.kind === "numeric"
      ? formatBand(
          q.bands[bandIndex(q, ratioPercent(inputs[numInput.id] as number, inputs[denInput.id] as number))]!,
        )
      : "未填报";
  return {
    ref,
    key: formatBand(target),
    action: `将${q.ratioName}从 ${from} 提升到 ${formatBand(target)}（如${numInput.short ?? numInput.label}达到 ${num} / ${denInput.short ?? denInput.label} ${den}）`,
    answer: { kind: "numeric", inputs: { ...inputs, [numInput.id]: num, [denInput.id]: den } },
  };
}

export function applyImprovement(
  answers: Answers,
  item: Pick<Improvement, "questionId" | "answer">,
): Answers {
  return { ...answers, [item.questionId]: item.answer };
}

const IMPACT_RANK: Record<LevelImpact, number> = {
  raisesLevel: 3,
  closesCondition: 2,
  reducesGap: 1,
  none: 0,
};

/**
 * One candidate per question: its next option / band / scene level / rating (multi: the most
 * valuable unticked option). Each is scored by re-running the engine with that single change:
 * impact on the level first (raises it › closes a next-level condition › reduces a shortfall),
 * then points per unit of effort, then points, then document order.
 */
export function prioritiseImprovements(
  def: InstrumentDefinition,
  answers: Answers,
  core: Core = computeCore(def, answers),
): Improvement[] {
  const before = core.gapToNextLevel;
  const items: (Improvement & { order: number })[] = [];
  listQuestions(def).forEach((ref, order) => {
    const q = ref.question;
    const a = Object.hasOwn(answers, q.id) ? answers[q.id] : undefined;
    if (a !== undefined && answerProblem(q, a) !== null) return;
    const c = candidateFor(ref, a);
    if (!c) return;
    const after = computeCore(def, applyImprovement(answers, { questionId: q.id, answer: c.answer }));
    const gained = toMilli(after.total) - toMilli(core.total);
    const closes: string[] = [];
    let improved = 0;
    if (before) {
      before.conditions.forEach((cb, i) => {
        if (cb.met) return;
        const ca = after.levels[before.targetLevel - 1]!.conditions[i]!;
        if (ca.met) closes.push(cb.description);
        if (ca.shortfall < cb.shortfall) improved++;
      });
    }
    const levelImpact: LevelImpact =
      after.level > core.level
        ? "raisesLevel"
        : closes.length > 0
          ? "closesCondition"
          : improved > 0
            ? "reducesGap"
            : "none";
    const effort = q.effort ?? def.defaultEffort ?? 1;
    items.push({
      id: `${q.id}→${c.key}`,
      questionId: q.id,
      title: q.title,
      kind: q.kind,
      dimensionId: ref.dimension.id,
      subDimensionId: ref.subDimension.id,
      action: c.action,
      pointsGained: fromMilli(gained),
      effort,
      pointsPerEffort: round9(fromMilli(gained) / effort),
      levelImpact,
      closesConditions: closes,
      conditionsImproved: improved,
      levelAfter: after.level,
      answer: c.answer,
      order,
    });
  });
  items.sort(
    (x, y) =>
      IMPACT_RANK[y.levelImpact] - IMPACT_RANK[x.levelImpact] ||
      y.conditionsImproved - x.conditionsImproved ||
      y.pointsPerEffort - x.pointsPerEffort ||
      y.pointsGained - x.pointsGained ||
      x.order - y.order,
  );
  return items.map(({ order: _order, ...rest }) => rest);
}
