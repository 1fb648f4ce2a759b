import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Answers, type AnswerValue, listQuestions, type MultiQuestion, toMilli } from "./instrument";
import { applyImprovement, bandIndex, levelFromRatings, type ScoreResult, scoreAssessment } from "./score";
import { ALL_INSTRUMENTS, answerArb, answersArb, MIIT } from "./test-support";

function ok(r: ReturnType<typeof scoreAssessment>): ScoreResult {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.result;
}

const instruments = Object.entries(ALL_INSTRUMENTS);

describe.each(instruments)("%s properties", (_name, def) => {
  const runs = def.id.startsWith("miit") ? 300 : 60;

  it("scores stay within 0..max per question, sub-dimension, dimension and total, and add up", () => {
    fc.assert(
      fc.property(answersArb(def), (answers) => {
        const r = ok(scoreAssessment(def, answers));
        let total = 0;
        for (const d of r.dimensions) {
          expect(d.points).toBeGreaterThanOrEqual(0);
          expect(d.points).toBeLessThanOrEqual(d.maxPoints);
          let sum = 0;
          for (const s of d.subDimensions) {
            expect(s.points).toBeGreaterThanOrEqual(0);
            expect(s.points).toBeLessThanOrEqual(s.maxPoints);
            let ss = 0;
            for (const q of s.questions) {
              expect(q.points).toBeGreaterThanOrEqual(0);
              expect(q.points).toBeLessThanOrEqual(q.maxPoints);
              ss += toMilli(q.points);
            }
            expect(toMilli(s.points)).toBe(ss);
            sum += toMilli(s.points);
          }
          expect(toMilli(d.points)).toBe(sum);
          total += sum;
        }
        expect(toMilli(r.total)).toBe(total);
        expect(r.total).toBeLessThanOrEqual(r.maxTotal);
        expect(r.level).toBeGreaterThanOrEqual(0);
        expect(r.level).toBeLessThanOrEqual(def.levelRule.levels.length);
      }),
      { numRuns: runs },
    );
  });

  it("is deterministic, whatever the key order of the answers", () => {
    fc.assert(
      fc.property(answersArb(def), (answers) => {
        const a = scoreAssessment(def, answers);
        const reversed = Object.fromEntries(Object.entries(answers).reverse());
        expect(scoreAssessment(def, reversed)).toEqual(a);
        expect(scoreAssessment(def, answers)).toEqual(a);
      }),
      { numRuns: Math.ceil(runs / 3) },
    );
  });

  it("each prioritised item, applied alone, raises the score (or the scene level) as announced", () => {
    fc.assert(
      fc.property(answersArb(def), (answers) => {
        const before = ok(scoreAssessment(def, answers));
        // Re-scoring runs the whole prioritisation again, so the 100/140-item CMMM/DCMM check a sample.
        const items = def.id.startsWith("miit") ? before.improvements : before.improvements.slice(0, 12);
        for (const item of items) {
          const after = ok(scoreAssessment(def, applyImprovement(answers, item)));
          if (item.kind === "scene") {
            const lv = (r: ScoreResult) => r.scenes.find((s) => s.questionId === item.questionId)!.level;
            expect(lv(after)).toBe(lv(before) + 1);
          } else {
            expect(item.pointsGained).toBeGreaterThan(0);
            expect(toMilli(after.total) - toMilli(before.total)).toBe(toMilli(item.pointsGained));
          }
          expect(after.level).toBe(item.levelAfter);
          if (item.levelImpact === "raisesLevel") expect(after.level).toBeGreaterThan(before.level);
          expect(after.level).toBeGreaterThanOrEqual(before.level);
        }
      }),
      { numRuns: def.id.startsWith("miit") ? 60 : 8 },
    );
  }, 60_000);
});

const multiQuestions = listQuestions(MIIT)
  .map((r) => r.question)
  .filter((q): q is MultiQuestion => q.kind === "multi");

describe("multi-select properties (MIIT)", () => {
  it("ticking an extra non-“无” option never lowers the question, dimension or total score", () => {
    const arb = fc.tuple(answersArb(MIIT), fc.constantFrom(...multiQuestions)).chain(([answers, q]) =>
      fc.tuple(
        fc.constant(answers),
        fc.constant(q),
        fc.subarray(
          q.options.filter((o) => !o.exclusive).map((o) => o.id),
          { minLength: 1 },
        ),
      ),
    );
    fc.assert(
      fc.property(arb, ([answers, q, ticked]) => {
        const before = ok(
          scoreAssessment(MIIT, { ...answers, [q.id]: { kind: "multi", optionIds: ticked } }),
        );
        for (const extra of q.options.filter((o) => !o.exclusive && !ticked.includes(o.id))) {
          const after = ok(
            scoreAssessment(MIIT, {
              ...answers,
              [q.id]: { kind: "multi", optionIds: [...ticked, extra.id] },
            }),
          );
          const pts = (r: ScoreResult) => r.questions.find((x) => x.questionId === q.id)!.points;
          expect(pts(after)).toBeGreaterThanOrEqual(pts(before));
          expect(after.total).toBeGreaterThanOrEqual(before.total);
          expect(after.level).toBeGreaterThanOrEqual(before.level);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("“无” together with any other option is rejected with the question named", () => {
    const arb = fc.constantFrom(...multiQuestions).chain((q) =>
      fc.tuple(
        fc.constant(q),
        fc.subarray(
          q.options.filter((o) => !o.exclusive).map((o) => o.id),
          { minLength: 1 },
        ),
        fc.nat(),
      ),
    );
    fc.assert(
      fc.property(answersArb(MIIT), arb, (answers, [q, others, pos]) => {
        const excl = q.options.find((o) => o.exclusive)!;
        const ids = [...others];
        ids.splice(pos % (ids.length + 1), 0, excl.id);
        const r = scoreAssessment(MIIT, { ...answers, [q.id]: { kind: "multi", optionIds: ids } });
        expect(r.ok).toBe(false);
        if (!r.ok)
          expect(r.errors).toEqual([
            { questionId: q.id, message: `题目 ${q.id}“${q.title}”选择了“无”，不能同时勾选其他选项` },
          ]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("level rule properties (MIIT)", () => {
  it("raising any scene by one level never lowers the overall level", () => {
    const scenes = listQuestions(MIIT).filter((r) => r.question.kind === "scene");
    fc.assert(
      fc.property(answersArb(MIIT), fc.constantFrom(...scenes), (answers, ref) => {
        const cur = (answers[ref.question.id] as Extract<AnswerValue, { kind: "scene" }>).level;
        fc.pre(cur < 4);
        const before = ok(scoreAssessment(MIIT, answers)).level;
        const after = ok(
          scoreAssessment(MIIT, { ...answers, [ref.question.id]: { kind: "scene", level: cur + 1 } }),
        );
        expect(after.level).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it("every ratio in [0, 100] falls in exactly one band", () => {
    for (const { question: q } of listQuestions(MIIT)) {
      if (q.kind !== "numeric") continue;
      fc.assert(
        fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (r) => {
          expect(bandIndex(q, r)).toBeGreaterThanOrEqual(0);
          const matches = q.bands.filter(
            (b) => (b.minInclusive ? r >= b.min : r > b.min) && (b.maxInclusive ? r <= b.max : r < b.max),
          );
          expect(matches).toHaveLength(1);
        }),
      );
    }
  });
});

describe("levelFromRatings properties", () => {
  const ratingScores = fc.array(
    fc.constantFrom(0, 0.5, 0.79, 0.8, 0.85, 1).chain((x) => fc.constant(x)),
    { minLength: 1, maxLength: 6 },
  );
  it("the level is the length of the leading run of scores ≥ 0.8, and the maturity score starts with it", () => {
    fc.assert(
      fc.property(ratingScores, (scores) => {
        const r = levelFromRatings(scores);
        const firstMiss = scores.findIndex((s) => s < 0.8);
        expect(r.level).toBe(firstMiss === -1 ? scores.length : firstMiss);
        expect(Math.floor(r.maturityScore)).toBe(r.level);
        // Raising any one score never lowers the level.
        scores.forEach((_s, i) => {
          const up = [...scores];
          up[i] = 1;
          expect(levelFromRatings(up).level).toBeGreaterThanOrEqual(r.level);
        });
      }),
    );
  });
});

describe("answer generator sanity", () => {
  it("generated answers are always valid", () => {
    for (const [, def] of instruments)
      fc.assert(
        fc.property(answersArb(def), (answers: Answers) => {
          expect(scoreAssessment(def, answers).ok).toBe(true);
        }),
        { numRuns: 30 },
      );
    // answerArb is used for single questions too.
    expect(answerArb(listQuestions(MIIT)[0]!.question)).toBeDefined();
  });
});
