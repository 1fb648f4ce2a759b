/**
 * Test support only (imported by *.test.ts, not exported from the package): the shipped instrument
 * data files, and fast-check generators of valid answer sets for any instrument.
 */
import fc from "fast-check";
import cmmmJson from "../../../db/instruments/cmmm-gbt39116.json";
import dcmmJson from "../../../db/instruments/dcmm-gbt36073.json";
import miitJson from "../../../db/instruments/miit-2024-manufacturing.json";
import smartFactoryJson from "../../../db/instruments/smart-factory-basic.json";
import {
  type Answers,
  type AnswerValue,
  type InstrumentDefinition,
  listQuestions,
  type Question,
  RATING_VALUES,
} from "./instrument";

export const MIIT = miitJson as unknown as InstrumentDefinition;
export const CMMM = cmmmJson as unknown as InstrumentDefinition;
export const DCMM = dcmmJson as unknown as InstrumentDefinition;
export const SMART_FACTORY = smartFactoryJson as unknown as InstrumentDefinition;
export const ALL_INSTRUMENTS = { MIIT, CMMM, DCMM, SMART_FACTORY } as const;

export function question(def: InstrumentDefinition, id: string): Question {
  const q = listQuestions(def).find((r) => r.question.id === id)?.question;
  if (!q) throw new Error(`no question ${id}`);
  return q;
}

/** The lowest valid answer to every question: first/exclusive option, 0 %, scene level 0, rating 0. */
export function zeroAnswers(def: InstrumentDefinition): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const { question: q } of listQuestions(def)) {
    switch (q.kind) {
      case "single": {
        const low = [...q.options].sort((a, b) => a.points - b.points)[0]!;
        out[q.id] = { kind: "single", optionId: low.id };
        break;
      }
      case "multi": {
        const excl = q.options.find((o) => o.exclusive);
        out[q.id] = { kind: "multi", optionIds: excl ? [excl.id] : [] };
        break;
      }
      case "numeric":
        out[q.id] = { kind: "numeric", inputs: { [q.formula.numerator]: 0, [q.formula.denominator]: 100 } };
        break;
      case "scene":
        out[q.id] = { kind: "scene", level: 0 };
        break;
      case "rated":
        out[q.id] = { kind: "rated", rating: 0 };
        break;
    }
  }
  return out;
}

/** A valid answer for one question. */
export function answerArb(q: Question): fc.Arbitrary<AnswerValue> {
  switch (q.kind) {
    case "single":
      return fc.constantFrom(...q.options).map((o) => ({ kind: "single" as const, optionId: o.id }));
    case "multi": {
      const excl = q.options.find((o) => o.exclusive);
      const others = q.options.filter((o) => !o.exclusive).map((o) => o.id);
      const subset = fc
        .subarray(others, { minLength: 1 })
        .map((ids) => ({ kind: "multi" as const, optionIds: ids }));
      return excl ? fc.oneof(fc.constant({ kind: "multi" as const, optionIds: [excl.id] }), subset) : subset;
    }
    case "numeric": {
      const integer = q.inputs.find((i) => i.id === q.formula.numerator)?.integer;
      const pair = integer
        ? fc
            .integer({ min: 1, max: 2000 })
            .chain((den) => fc.tuple(fc.integer({ min: 0, max: den }), fc.constant(den)))
        : fc
            .tuple(
              fc.double({ min: 0, max: 1, noNaN: true }),
              fc.double({ min: 0.01, max: 1e6, noNaN: true }),
            )
            .map(([share, den]) => [share * den, den] as [number, number])
            .filter(([num, den]) => (num * 100) / den <= 100);
      return pair.map(([num, den]) => ({
        kind: "numeric" as const,
        inputs: { [q.formula.numerator]: num, [q.formula.denominator]: den },
      }));
    }
    case "scene":
      return fc.integer({ min: 0, max: q.levels.length }).map((level) => ({ kind: "scene" as const, level }));
    case "rated":
      return fc.constantFrom(...RATING_VALUES).map((rating) => ({ kind: "rated" as const, rating }));
  }
}

/** A complete, valid answer set; optional questions are sometimes left out. */
export function answersArb(def: InstrumentDefinition): fc.Arbitrary<Answers> {
  const entries = listQuestions(def).map(({ question: q }) =>
    q.required === false ? fc.option(answerArb(q), { nil: undefined }) : answerArb(q),
  );
  const ids = listQuestions(def).map((r) => r.question.id);
  return fc.tuple(...entries).map((values) => {
    const out: Record<string, AnswerValue> = {};
    values.forEach((v, i) => {
      if (v !== undefined) out[ids[i]!] = v;
    });
    return out;
  });
}
