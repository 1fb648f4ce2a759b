/**
 * Assessment instruments as data.
 *
 * An instrument (MIIT 中小企业数字化水平评测指标, CMMM GB/T 39116, DCMM GB/T 36073, 智能工厂基础级自评估 …)
 * is a versioned JSON document: dimensions → sub-dimensions → questions, plus a level rule. The scoring
 * engine (score.ts) knows nothing about any particular instrument, so a city corrects a point value,
 * a band edge or the level rule by editing data, and an old assessment keeps pointing at the
 * `id`+`version` it was taken with.
 *
 * Points are decimal numbers in the data (1.875, 0.7 …) but must be multiples of 0.001: the engine
 * sums them as integer thousandths so that 13 × 0.7 + 0.9 is exactly 10, never 9.999999999.
 *
 * This file is types plus a few constants only; semantic validation is in validate.ts, and the zod
 * schema that mirrors these types is packages/contracts/src/instrument.ts.
 */

/** A fact that is not confirmed by an official text ([3P]/[M]/[NF] in reference/instruments.md). */
export type UnconfirmedNotes = readonly string[];

export interface InstrumentSource {
  /** Human-readable citation (document number, date, who transcribed it). */
  readonly text: string;
  readonly urls?: readonly string[];
}

export interface SingleOption {
  readonly id: string;
  readonly label: string;
  readonly points: number;
}

export interface MultiOption extends SingleOption {
  /** The "无" option: scores 0 and may not be ticked together with any other option. */
  readonly exclusive?: boolean;
}

/**
 * One band of a numeric ratio, in percent. Edges are explicit because the official tables use
 * half-open intervals like (10%,20%]: a ratio of exactly 10 % belongs to the lower band.
 */
export interface NumericBand {
  readonly min: number;
  readonly minInclusive: boolean;
  readonly max: number;
  readonly maxInclusive: boolean;
  readonly points: number;
}

export interface NumericInput {
  readonly id: string;
  /** Full label on the form, e.g. "生产设备数量（台）". */
  readonly label: string;
  /** Short name used in explanations, e.g. "总设备". Defaults to `label`. */
  readonly short?: string;
  readonly unit?: string;
  /** Counts of machines are whole numbers; money is not. */
  readonly integer?: boolean;
}

/** numerator / denominator × 100, in percent; must fall in [0, 100]. */
export interface RatioPercentFormula {
  readonly kind: "ratioPercent";
  readonly numerator: string;
  readonly denominator: string;
}

export interface SceneLevelText {
  readonly level: number;
  readonly text: string;
}

interface QuestionBase {
  /** Unique within the instrument; answers, evidence files and improvement items refer to it. */
  readonly id: string;
  readonly title: string;
  readonly maxPoints: number;
  /** Default true: a submitted assessment must answer it. */
  readonly required?: boolean;
  readonly help?: string;
  /** Materials an on-site assessor (现场评定) asks for. */
  readonly evidence?: readonly string[];
  readonly unconfirmed?: UnconfirmedNotes;
  /** Relative effort of one improvement step (SIRI-style prioritisation); default instrument.defaultEffort. */
  readonly effort?: number;
}

export interface SingleQuestion extends QuestionBase {
  readonly kind: "single";
  readonly options: readonly SingleOption[];
  /** Facts the form asks for beside the choice (e.g. 上年/前年能耗); recorded, not scored. */
  readonly infoInputs?: readonly NumericInput[];
}

export interface MultiQuestion extends QuestionBase {
  readonly kind: "multi";
  /** Each ticked option adds its points; the sum is capped at maxPoints. */
  readonly options: readonly MultiOption[];
}

export interface NumericQuestion extends QuestionBase {
  readonly kind: "numeric";
  /** Name of the computed ratio in explanations, e.g. "设备数字化率". */
  readonly ratioName: string;
  readonly inputs: readonly NumericInput[];
  readonly formula: RatioPercentFormula;
  /** Ascending, contiguous, non-overlapping, covering [0, 100]. */
  readonly bands: readonly NumericBand[];
}

export interface SceneQuestion extends QuestionBase {
  readonly kind: "scene";
  /** 约束性场景 (counted separately by the level rule) vs 指导性场景. */
  readonly constrained: boolean;
  /** Levels 1..n with their descriptors; an answer of 0 means "未开展或未达到一级". */
  readonly levels: readonly SceneLevelText[];
}

export interface RatedQuestion extends QuestionBase {
  readonly kind: "rated";
  /** The maturity level this requirement belongs to (CMMM/DCMM); absent for unlevelled checklists. */
  readonly level?: number;
}

export type Question = SingleQuestion | MultiQuestion | NumericQuestion | SceneQuestion | RatedQuestion;
export type QuestionKind = Question["kind"];

export interface SubDimension {
  readonly id: string;
  readonly name: string;
  /** Declared points; must equal the sum of its questions' maxPoints. */
  readonly points: number;
  /** Weight of this sub-dimension in a rated level score (default 1). */
  readonly weight?: number;
  readonly questions: readonly Question[];
}

export interface Dimension {
  readonly id: string;
  readonly name: string;
  /** Declared points; must equal the sum of its sub-dimensions' points. */
  readonly points: number;
  readonly subDimensions: readonly SubDimension[];
}

/**
 * Condition vocabulary of a level rule. Every condition is a threshold on something the engine
 * computes, so each one can also report how far an assessment is from it (gap to the next level).
 */
export type LevelCondition =
  /** Total points ≥ min. */
  | { readonly kind: "minTotalScore"; readonly min: number }
  /** Points of one dimension ≥ min. */
  | { readonly kind: "minDimensionScore"; readonly dimensionId: string; readonly min: number }
  /** Points / maxPoints of one sub-dimension ≥ min (0..1), e.g. "生产作业环节基本满足". */
  | { readonly kind: "minSubDimensionRatio"; readonly subDimensionId: string; readonly min: number }
  /** Points of one question ≥ min, e.g. a 基本要求 that must be met. */
  | { readonly kind: "minQuestionPoints"; readonly questionId: string; readonly min: number }
  /** At least `count` scenes (only constrained ones if constrainedOnly) are at level ≥ sceneLevel. */
  | {
      readonly kind: "minScenesAtLevel";
      readonly sceneLevel: number;
      readonly count: number;
      readonly constrainedOnly?: boolean;
    }
  /** Every constrained scene is at level ≥ sceneLevel. */
  | { readonly kind: "allConstrainedScenesAtLevel"; readonly sceneLevel: number }
  /** Rated score of the requirements of maturity level `ratedLevel` ≥ min (CMMM: 0.8). */
  | { readonly kind: "minRatedLevelScore"; readonly ratedLevel: number; readonly min: number };

export type LevelConditionKind = LevelCondition["kind"];

export interface LevelDefinition {
  /** 1, 2, 3 … consecutive and ascending. */
  readonly level: number;
  readonly name: string;
  readonly description?: string;
  /** All must hold (logical AND). */
  readonly conditions: readonly LevelCondition[];
}

export interface LevelRule {
  /**
   * false: the result is the highest level whose own conditions hold (MIIT: "四级 if …, else 三级 if …").
   * true: a level counts only when it and every lower level hold (CMMM: a met 三级 over an unmet 二级
   * is not counted).
   */
  readonly cumulative: boolean;
  /** Name when no level is reached, e.g. "无等级". */
  readonly noLevelName: string;
  readonly levels: readonly LevelDefinition[];
  /**
   * "metLevelPlusNextRated": reported maturity score = met level + rated score of the next level
   * (CMMM: 3.55 → 三级). Absent: no maturity score is reported.
   */
  readonly maturityScore?: "metLevelPlusNextRated";
  readonly unconfirmed?: UnconfirmedNotes;
}

export interface InstrumentDefinition {
  /** Stable slug, e.g. "miit-2024-manufacturing". */
  readonly id: string;
  /** Version of the data; bump when any scored fact changes. Assessments store id + version. */
  readonly version: string;
  readonly name: string;
  readonly source: InstrumentSource;
  /** Where the data stands: what was verified, what is transcribed, what is a placeholder. */
  readonly statusNotes?: readonly string[];
  readonly unconfirmed?: UnconfirmedNotes;
  /** Declared total; must equal the sum of the dimensions' points. */
  readonly totalPoints: number;
  /** Effort of one improvement step when a question has none (default 1). */
  readonly defaultEffort?: number;
  readonly dimensions: readonly Dimension[];
  readonly levelRule: LevelRule;
}

/** Rating scale of `rated` requirements (CMMM/DCMM style). */
export const RATING_SCALE = [
  { value: 1, label: "全部满足" },
  { value: 0.8, label: "大部分满足" },
  { value: 0.5, label: "部分满足" },
  { value: 0, label: "不满足" },
] as const;
export type Rating = (typeof RATING_SCALE)[number]["value"];
export const RATING_VALUES: readonly number[] = RATING_SCALE.map((r) => r.value);

// ---------------------------------------------------------------------------------------------
// Answers

export type AnswerValue =
  | { readonly kind: "single"; readonly optionId: string; readonly info?: Readonly<Record<string, number>> }
  | { readonly kind: "multi"; readonly optionIds: readonly string[] }
  | { readonly kind: "numeric"; readonly inputs: Readonly<Record<string, number>> }
  | { readonly kind: "scene"; readonly level: number }
  | { readonly kind: "rated"; readonly rating: number };

/** Answers keyed by question id. */
export type Answers = Readonly<Record<string, AnswerValue>>;

// ---------------------------------------------------------------------------------------------
// Helpers shared by validate.ts and score.ts

export interface QuestionRef {
  readonly question: Question;
  readonly dimension: Dimension;
  readonly subDimension: SubDimension;
}

/** Questions in document order with their parents. */
export function listQuestions(def: InstrumentDefinition): QuestionRef[] {
  const out: QuestionRef[] = [];
  for (const dimension of def.dimensions)
    for (const subDimension of dimension.subDimensions)
      for (const question of subDimension.questions) out.push({ question, dimension, subDimension });
  return out;
}

/** Points as integer thousandths; data points are validated to be multiples of 0.001. */
export const toMilli = (points: number): number => Math.round(points * 1000);
export const fromMilli = (milli: number): number => milli / 1000;

const CN_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
/** 1 → "一级" (scene and maturity levels are small integers). */
export function levelLabel(level: number): string {
  return `${CN_DIGITS[level] ?? String(level)}级`;
}

/** 3 → "3", 1.875 → "1.875", 2.5 → "2.5" (points are multiples of 0.001). */
export function formatPoints(points: number): string {
  return String(fromMilli(toMilli(points)));
}
