/**
 * Validation of an answer set against its instrument. Every message is Chinese and names the
 * question (id and title), because it is shown beside the question on the form and in import reports.
 */
import {
  type Answers,
  type AnswerValue,
  type InstrumentDefinition,
  listQuestions,
  type NumericQuestion,
  type Question,
  RATING_VALUES,
} from "./instrument";

export interface AnswerIssue {
  readonly questionId: string;
  readonly message: string;
}

export interface AnswerValidationOptions {
  /** Drafts: missing required answers are not errors (they score 0). */
  readonly allowMissing?: boolean;
}

const KIND_NAMES: Record<Question["kind"], string> = {
  single: "单选题",
  multi: "多选题",
  numeric: "数值填报题",
  scene: "场景等级题",
  rated: "要求评分题",
};

export const questionName = (q: Question) => `题目 ${q.id}“${q.title}”`;

/** Ratio in percent, rounded to 1e-9 % so that 0.1 / 1 × 100 is exactly 10, not 10.000000000000002. */
export function ratioPercent(numerator: number, denominator: number): number {
  return Math.round(((numerator * 100) / denominator) * 1e9) / 1e9;
}

export function validateAnswers(
  def: InstrumentDefinition,
  answers: Answers,
  opts: AnswerValidationOptions = {},
): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const refs = listQuestions(def);
  const known = new Set(refs.map((r) => r.question.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id))
      issues.push({ questionId: id, message: `答案中的题目“${id}”不在量表“${def.name}”中` });
  }
  for (const { question: q } of refs) {
    const a = Object.hasOwn(answers, q.id) ? answers[q.id] : undefined;
    if (a === undefined || isEmptyAnswer(a)) {
      if (!opts.allowMissing && q.required !== false) {
        const hint = q.kind === "multi" ? "（若均未开展，请选择“无”）" : "";
        issues.push({ questionId: q.id, message: `${questionName(q)}为必答题，尚未作答${hint}` });
      }
      continue;
    }
    const m = answerProblem(q, a);
    if (m) issues.push({ questionId: q.id, message: m });
  }
  return issues;
}

function isEmptyAnswer(a: AnswerValue): boolean {
  return a.kind === "multi" && a.optionIds.length === 0;
}

/** The problem with one answer, or null. */
export function answerProblem(q: Question, a: AnswerValue): string | null {
  const name = questionName(q);
  if (a.kind !== q.kind) return `${name}是${KIND_NAMES[q.kind]}，答案类型不符`;
  switch (q.kind) {
    case "single": {
      const optionId = (a as Extract<AnswerValue, { kind: "single" }>).optionId;
      if (!q.options.some((o) => o.id === optionId)) return `${name}没有选项“${optionId}”`;
      const info = (a as Extract<AnswerValue, { kind: "single" }>).info;
      for (const [k, v] of Object.entries(info ?? {})) {
        const inp = q.infoInputs?.find((x) => x.id === k);
        if (!inp) return `${name}没有填报项“${k}”`;
        if (!Number.isFinite(v) || v < 0) return `${name}的“${inp.label}”应为不小于 0 的数`;
      }
      return null;
    }
    case "multi": {
      const ids = (a as Extract<AnswerValue, { kind: "multi" }>).optionIds;
      const seen = new Set<string>();
      for (const id of ids) {
        if (!q.options.some((o) => o.id === id)) return `${name}没有选项“${id}”`;
        if (seen.has(id)) return `${name}重复勾选了选项“${id}”`;
        seen.add(id);
      }
      const excl = q.options.find((o) => o.exclusive && seen.has(o.id));
      if (excl && ids.length > 1) return `${name}选择了“${excl.label}”，不能同时勾选其他选项`;
      return null;
    }
    case "numeric":
      return numericProblem(q, (a as Extract<AnswerValue, { kind: "numeric" }>).inputs);
    case "scene": {
      const level = (a as Extract<AnswerValue, { kind: "scene" }>).level;
      const max = q.levels.length;
      if (!Number.isInteger(level) || level < 0 || level > max)
        return `${name}的场景等级应为 0–${max} 的整数（0 表示未开展或未达到一级），当前为 ${level}`;
      return null;
    }
    case "rated": {
      const rating = (a as Extract<AnswerValue, { kind: "rated" }>).rating;
      if (!RATING_VALUES.includes(rating))
        return `${name}的评分应为 1（全部满足）、0.8（大部分满足）、0.5（部分满足）或 0（不满足），当前为 ${rating}`;
      return null;
    }
  }
}

function numericProblem(q: NumericQuestion, inputs: Readonly<Record<string, number>>): string | null {
  const name = questionName(q);
  for (const k of Object.keys(inputs)) {
    if (!q.inputs.some((i) => i.id === k)) return `${name}没有填报项“${k}”`;
  }
  for (const inp of q.inputs) {
    const v = Object.hasOwn(inputs, inp.id) ? inputs[inp.id] : undefined;
    if (v === undefined) return `${name}的“${inp.label}”未填写`;
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0)
      return `${name}的“${inp.label}”应为不小于 0 的数`;
    if (inp.integer && !Number.isInteger(v)) return `${name}的“${inp.label}”应为整数`;
  }
  const num = inputs[q.formula.numerator] as number;
  const den = inputs[q.formula.denominator] as number;
  const denInput = q.inputs.find((i) => i.id === q.formula.denominator)!;
  const numInput = q.inputs.find((i) => i.id === q.formula.numerator)!;
  if (den === 0) return `${name}的“${denInput.label}”为 0，无法计算${q.ratioName}`;
  const r = ratioPercent(num, den);
  if (r > 100)
    return `${name}的${q.ratioName}为 ${formatPercent(r)}，超过 100%：“${numInput.label}”不应大于“${denInput.label}”`;
  return null;
}

/** 35 → "35.0%", 10.0001 → "10.0001%": one decimal unless that would hide which band a value is in. */
export function formatPercent(r: number): string {
  let s = r.toFixed(1);
  // Ratios are rounded to 1e-9 %, so nine decimals always show the exact value.
  for (let d = 2; d <= 9 && Number(s) !== r; d++) s = r.toFixed(d).replace(/0+$/, "").replace(/\.$/, "");
  return `${s}%`;
}
