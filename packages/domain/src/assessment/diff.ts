/**
 * Self-reported vs. verified (现场评定) answers: which questions differ, how each answer reads in
 * Chinese, and what the difference is worth in points. Used by the diagnosis page and the on-site
 * form, where the assessor sees the enterprise's own answer beside each question.
 */
import { formatPercent, ratioPercent } from "./answers";
import {
  type Answers,
  type AnswerValue,
  type InstrumentDefinition,
  levelLabel,
  listQuestions,
  type Question,
  RATING_SCALE,
  toMilli,
} from "./instrument";
import { scoreAssessment } from "./score";

export const NOT_ANSWERED = "未作答";

function isBlank(a: AnswerValue | undefined): a is undefined {
  return a === undefined || (a.kind === "multi" && a.optionIds.length === 0);
}

/** One answer as a short Chinese phrase, e.g. "选项B：部分工序…" or "设备数字化率 35.0%（35 / 100）". */
export function describeAnswer(q: Question, a: AnswerValue | undefined): string {
  if (isBlank(a) || a.kind !== q.kind) return NOT_ANSWERED;
  switch (q.kind) {
    case "single": {
      const s = a as Extract<AnswerValue, { kind: "single" }>;
      const label = q.options.find((o) => o.id === s.optionId)?.label ?? s.optionId;
      const info = Object.entries(s.info ?? {})
        .map(([k, v]) => {
          const input = q.infoInputs?.find((i) => i.id === k);
          return `${input?.short ?? input?.label ?? k} ${v}`;
        })
        .join("，");
      return info ? `${label}（${info}）` : label;
    }
    case "multi": {
      const m = a as Extract<AnswerValue, { kind: "multi" }>;
      return q.options
        .filter((o) => m.optionIds.includes(o.id))
        .map((o) => o.label)
        .join("；");
    }
    case "numeric": {
      const n = a as Extract<AnswerValue, { kind: "numeric" }>;
      const num = n.inputs[q.formula.numerator];
      const den = n.inputs[q.formula.denominator];
      if (num === undefined || den === undefined || den === 0) return NOT_ANSWERED;
      return `${q.ratioName} ${formatPercent(ratioPercent(num, den))}（${num} / ${den}）`;
    }
    case "scene": {
      const level = (a as Extract<AnswerValue, { kind: "scene" }>).level;
      return level === 0 ? "未开展或未达到一级" : levelLabel(level);
    }
    case "rated": {
      const rating = (a as Extract<AnswerValue, { kind: "rated" }>).rating;
      return RATING_SCALE.find((r) => r.value === rating)?.label ?? String(rating);
    }
  }
}

const sameNumbers = (x: Readonly<Record<string, number>> = {}, y: Readonly<Record<string, number>> = {}) => {
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const k of keys) if (x[k] !== y[k]) return false;
  return true;
};

/** Whether two answers to one question say the same thing (option order and key order do not matter). */
export function sameAnswer(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "single": {
      const y = b as typeof a;
      return a.optionId === y.optionId && sameNumbers(a.info, y.info);
    }
    case "multi": {
      const y = new Set((b as typeof a).optionIds);
      const x = new Set(a.optionIds);
      return x.size === y.size && [...x].every((id) => y.has(id));
    }
    case "numeric":
      return sameNumbers(a.inputs, (b as typeof a).inputs);
    case "scene":
      return a.level === (b as typeof a).level;
    case "rated":
      return a.rating === (b as typeof a).rating;
  }
}

export interface AnswerDifference {
  readonly questionId: string;
  readonly title: string;
  readonly dimensionName: string;
  readonly subDimensionName: string;
  readonly reported: string;
  readonly verified: string;
  readonly reportedPoints: number;
  readonly verifiedPoints: number;
  /** verified − reported, in points (negative: the enterprise over-reported). */
  readonly delta: number;
}

/**
 * Questions whose verified answer differs from the reported one, in document order. Points come
 * from the scoring engine (missing answers score 0), so the deltas add up to the total's change.
 */
export function diffAnswers(
  def: InstrumentDefinition,
  reported: Answers,
  verified: Answers,
): AnswerDifference[] {
  const points = (answers: Answers) => {
    const outcome = scoreAssessment(def, answers, { allowMissing: true, improvements: false });
    const m = new Map<string, number>();
    if (outcome.ok) for (const q of outcome.result.questions) m.set(q.questionId, q.points);
    return m;
  };
  const rp = points(reported);
  const vp = points(verified);
  const out: AnswerDifference[] = [];
  for (const { question: q, dimension, subDimension } of listQuestions(def)) {
    const r = Object.hasOwn(reported, q.id) ? reported[q.id] : undefined;
    const v = Object.hasOwn(verified, q.id) ? verified[q.id] : undefined;
    if (sameAnswer(r, v)) continue;
    const reportedPoints = rp.get(q.id) ?? 0;
    const verifiedPoints = vp.get(q.id) ?? 0;
    out.push({
      questionId: q.id,
      title: q.title,
      dimensionName: dimension.name,
      subDimensionName: subDimension.name,
      reported: describeAnswer(q, r),
      verified: describeAnswer(q, v),
      reportedPoints,
      verifiedPoints,
      delta: (toMilli(verifiedPoints) - toMilli(reportedPoints)) / 1000,
    });
  }
  return out;
}
