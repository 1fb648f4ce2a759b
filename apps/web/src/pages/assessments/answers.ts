import {
  type Answers,
  type AnswerValue,
  answerProblem,
  type InstrumentDefinition,
  listQuestions,
  type Question,
} from "@dxcenter/domain";

/**
 * The editor keeps "drafts": what the user has typed, possibly incomplete (a numeric question with
 * only the denominator). Only well-formed answers are sent to the server, which rejects anything
 * else; an incomplete numeric answer therefore stays on the page until it is complete.
 */
export type Drafts = Readonly<Record<string, AnswerValue>>;

/** Whether the user has put anything into this answer. */
export function hasInput(a: AnswerValue | undefined): a is AnswerValue {
  if (a === undefined) return false;
  if (a.kind === "multi") return a.optionIds.length > 0;
  if (a.kind === "numeric") return Object.keys(a.inputs).length > 0;
  return true;
}

/** The problem that keeps a draft answer from being saved, or null. */
export function draftProblem(q: Question, a: AnswerValue | undefined): string | null {
  return hasInput(a) ? answerProblem(q, a) : null;
}

/** Well-formed answers in document order (stable JSON for change detection). */
export function toPayload(def: InstrumentDefinition, drafts: Drafts): Answers {
  const out: Record<string, AnswerValue> = {};
  for (const { question: q } of listQuestions(def)) {
    const a = Object.hasOwn(drafts, q.id) ? drafts[q.id] : undefined;
    if (hasInput(a) && answerProblem(q, a) === null) out[q.id] = a;
  }
  return out;
}

export interface SectionCount {
  answered: number;
  total: number;
}

export interface Progress {
  answered: number;
  total: number;
  percent: number;
  bySubDimension: ReadonlyMap<string, SectionCount>;
  byDimension: ReadonlyMap<string, SectionCount>;
  /** Required questions without a saved answer, in document order. */
  missingRequired: readonly string[];
}

export function progressOf(def: InstrumentDefinition, payload: Answers): Progress {
  const bySub = new Map<string, SectionCount>();
  const byDim = new Map<string, SectionCount>();
  const missing: string[] = [];
  let answered = 0;
  let total = 0;
  for (const d of def.dimensions) {
    const dc = { answered: 0, total: 0 };
    for (const s of d.subDimensions) {
      const sc = { answered: 0, total: s.questions.length };
      for (const q of s.questions) {
        if (Object.hasOwn(payload, q.id)) sc.answered++;
        else if (q.required !== false) missing.push(q.id);
      }
      bySub.set(s.id, sc);
      dc.answered += sc.answered;
      dc.total += sc.total;
    }
    byDim.set(d.id, dc);
    answered += dc.answered;
    total += dc.total;
  }
  return {
    answered,
    total,
    percent: total === 0 ? 100 : Math.floor((answered / total) * 100),
    bySubDimension: bySub,
    byDimension: byDim,
    missingRequired: missing,
  };
}

/** Scrolls a question into view and flashes it. */
export function scrollToQuestion(questionId: string): void {
  const el = document.getElementById(`question-${questionId}`);
  if (!el) return;
  el.scrollIntoView({ behavior: "smooth", block: "center" });
}

export function scrollToSection(sectionId: string): void {
  document.getElementById(`section-${sectionId}`)?.scrollIntoView({ behavior: "smooth", block: "start" });
}
