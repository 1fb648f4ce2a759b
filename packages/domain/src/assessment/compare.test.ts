import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ComparableResult,
  type CoveragePlan,
  compareResults,
  coverageStatus,
  cumulativeCoverageTarget,
} from "./compare";
import { type AnswerValue, toMilli } from "./instrument";
import { type ScoreResult, scoreAssessment } from "./score";
import { ALL_INSTRUMENTS, answersArb, MIIT, zeroAnswers } from "./test-support";

function miit(patch: Record<string, AnswerValue>): ScoreResult {
  const r = scoreAssessment(MIIT, { ...zeroAnswers(MIIT), ...patch }, { improvements: false });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.result;
}
const multi = (...optionIds: string[]): AnswerValue => ({ kind: "multi", optionIds });
const single = (optionId: string): AnswerValue => ({ kind: "single", optionId });
const scenes = (level: number, ids: string[]) =>
  Object.fromEntries(ids.map((id) => [id, { kind: "scene", level } as AnswerValue]));
const CONSTRAINED6 = ["S01", "S03", "S06", "S07", "S08", "S09"];

/**
 * Hand-computed from the MIIT 2024 table (points typed here, not read from the file):
 * T0 = F1 B+C 4 · F5 D 7.5 · M1 D 4.5 · R1 B 3.5 · R2 B 3.5 = 23 分, six constrained scenes at 一级 → 一级.
 * T1 = F1 B–E 8 · F5 E 10 · M1 F 7.5 · M2 B+C 3.75 · R1 C 7 · R2 C 7 · R3 B 1.5 = 44.75 分,
 *      the same six scenes at 二级 → 二级.
 */
const T0 = miit({
  F1: multi("B", "C"),
  F5: single("D"),
  M1: single("D"),
  R1: single("B"),
  R2: single("B"),
  ...scenes(1, CONSTRAINED6),
});
const T1 = miit({
  F1: multi("B", "C", "D", "E"),
  F5: single("E"),
  M1: single("F"),
  M2: multi("B", "C"),
  R1: single("C"),
  R2: single("C"),
  R3: single("B"),
  ...scenes(2, CONSTRAINED6),
});

describe("compareResults on hand-built MIIT answers", () => {
  it("gives the hand-computed totals, level change and dimension deltas", () => {
    expect([T0.total, T0.levelName, T1.total, T1.levelName]).toEqual([23, "一级", 44.75, "二级"]);
    const c = compareResults(T0, T1);
    expect(c.total).toEqual({ t0: 23, t1: 44.75, delta: 21.75, max: 100 });
    expect(c.level).toEqual({
      from: 1,
      fromName: "一级",
      to: 2,
      toName: "二级",
      direction: "up",
      steps: 1,
    });
    expect(c.dimensions.map((d) => [d.name, d.t0, d.t1, d.delta, d.max])).toEqual([
      ["数字化基础", 11.5, 18, 6.5, 50],
      ["数字化经营", 0, 0, 0, 0],
      ["数字化管理", 4.5, 11.25, 6.75, 30],
      ["数字化成效", 7, 15.5, 8.5, 20],
    ]);
  });

  it("lists improved scenes and indicators, largest gain first, document order on ties", () => {
    const c = compareResults(T0, T1);
    expect(c.scenes.improved.map((s) => [s.name, s.t0, s.t1])).toEqual([
      ["产品设计", 1, 2],
      ["营销管理", 1, 2],
      ["生产管控", 1, 2],
      ["质量管理", 1, 2],
      ["设备管理", 1, 2],
      ["安全生产", 1, 2],
    ]);
    expect(c.scenes.declined).toEqual([]);
    expect(c.scenes.unchanged).toBe(10);
    expect(c.requirements.improved.map((r) => [r.questionId, r.delta])).toEqual([
      ["F1", 4],
      ["M2", 3.75],
      ["R1", 3.5],
      ["R2", 3.5],
      ["M1", 3],
      ["F5", 2.5],
      ["R3", 1.5],
    ]);
    expect(c.requirements.declined).toEqual([]);
  });

  it("reports a fall as down, with the declines listed", () => {
    const c = compareResults(T1, T0);
    expect(c.level).toMatchObject({ from: 2, to: 1, direction: "down", steps: -1 });
    expect(c.total.delta).toBe(-21.75);
    expect(c.scenes.declined).toHaveLength(6);
    expect(c.requirements.declined[0]).toMatchObject({ questionId: "F1", t0: 8, t1: 4, delta: -4 });
  });

  it("refuses to compare two different instruments", () => {
    expect(() => compareResults(T0, { ...T1, instrumentId: "cmmm-gbt39116" })).toThrow(/不同量表/);
  });
});

const r = (over: Partial<ComparableResult>): ComparableResult => ({
  instrumentId: "x",
  instrumentVersion: "1",
  total: 0,
  maxTotal: 10,
  level: 0,
  levelName: "无等级",
  dimensions: [],
  ...over,
});
const dim = (id: string, points: number, maxPoints = 5) => ({
  id,
  name: id.toUpperCase(),
  points,
  maxPoints,
});

describe("compareResults table", () => {
  it.each([
    ["same level", 1, 1, "same", 0],
    ["two levels up", 1, 3, "up", 2],
    ["from no level to 一级", 0, 1, "up", 1],
    ["back to no level", 2, 0, "down", -2],
  ] as const)("%s: %i → %i is %s (%i steps)", (_n, from, to, dir, steps) => {
    const c = compareResults(
      r({ level: from, levelName: `L${from}` }),
      r({ level: to, levelName: `L${to}` }),
    );
    expect(c.level).toEqual({ from, fromName: `L${from}`, to, toName: `L${to}`, direction: dir, steps });
  });

  it.each([
    [0.1, 0.3, 0.2],
    [1.875, 3.75, 1.875],
    [9.999, 0.001, -9.998],
  ])("total %d → %d has the exact delta %d (no float dust)", (t0, t1, delta) => {
    expect(compareResults(r({ total: t0 }), r({ total: t1 })).total.delta).toBe(delta);
  });

  it("matches dimensions by id across versions; a missing side is null and counts as 0", () => {
    const c = compareResults(
      r({ instrumentVersion: "1", dimensions: [dim("a", 2), dim("old", 1)] }),
      r({ instrumentVersion: "2", dimensions: [dim("new", 3), dim("a", 4.5)] }),
    );
    expect(c.dimensions).toEqual([
      { id: "new", name: "NEW", t0: null, t1: 3, delta: 3, max: 5 },
      { id: "a", name: "A", t0: 2, t1: 4.5, delta: 2.5, max: 5 },
      { id: "old", name: "OLD", t0: 1, t1: null, delta: -1, max: 5 },
    ]);
    expect([c.t0Version, c.t1Version]).toEqual(["1", "2"]);
  });

  it("reports the CMMM maturity score change only when both sides have one", () => {
    expect(compareResults(r({ maturityScore: 2.3 }), r({ maturityScore: 3.55 })).maturityScore).toEqual({
      t0: 2.3,
      t1: 3.55,
      delta: 1.25,
    });
    expect(compareResults(r({ maturityScore: 2.3 }), r({})).maturityScore).toBeUndefined();
  });
});

describe.each(Object.entries(ALL_INSTRUMENTS))("compareResults properties (%s)", (_name, def) => {
  const scored = answersArb(def).map((a) => {
    const out = scoreAssessment(def, a, { improvements: false });
    if (!out.ok) throw new Error(JSON.stringify(out.errors));
    return out.result;
  });
  const runs = def.id.startsWith("miit") ? 100 : 30;

  it("compare(a, a) has all-zero deltas and nothing improved or declined", () => {
    fc.assert(
      fc.property(scored, (a) => {
        const c = compareResults(a, a);
        expect(c.total.delta).toBe(0);
        expect(c.level.direction).toBe("same");
        expect(c.dimensions.every((d) => d.delta === 0)).toBe(true);
        expect(c.scenes.improved.length + c.scenes.declined.length).toBe(0);
        expect(c.requirements.improved.length + c.requirements.declined.length).toBe(0);
      }),
      { numRuns: runs },
    );
  });

  it("swapping T0 and T1 negates every delta", () => {
    fc.assert(
      fc.property(scored, scored, (a, b) => {
        const ab = compareResults(a, b);
        const ba = compareResults(b, a);
        expect(ab.total.delta).toBe(-ba.total.delta || 0);
        expect(ab.level.steps).toBe(-ba.level.steps || 0);
        const back = new Map(ba.dimensions.map((d) => [d.id, d.delta]));
        for (const d of ab.dimensions) expect(d.delta).toBe(-back.get(d.id)! || 0);
        expect(ab.scenes.improved.length).toBe(ba.scenes.declined.length);
        expect(ab.requirements.declined.length).toBe(ba.requirements.improved.length);
      }),
      { numRuns: runs },
    );
  });

  it("dimension deltas add up to the total delta (the total is the sum of the dimensions)", () => {
    fc.assert(
      fc.property(scored, scored, (a, b) => {
        const c = compareResults(a, b);
        const sum = c.dimensions.reduce((s, d) => s + toMilli(d.delta), 0);
        expect(sum).toBe(toMilli(c.total.delta));
        for (const d of c.dimensions) expect(toMilli(d.delta)).toBe(toMilli(d.t1 ?? 0) - toMilli(d.t0 ?? 0));
      }),
      { numRuns: runs },
    );
  });
});

describe("cumulativeCoverageTarget (5 years from 2025, as in the 2024 Tianjin interview)", () => {
  const plan: CoveragePlan = { startYear: 2025, years: 5 };

  it.each([
    [2024, 0], // before the campaign: no target yet
    [2025, 1200],
    [2026, 2400],
    [2027, 3600],
    [2028, 4800],
    [2029, 6000], // last year: everyone
    [2030, 6000], // after the end: still everyone
  ])("6000 规上 enterprises → %i: %i", (year, target) => {
    expect(cumulativeCoverageTarget(plan, 6000, year)).toBe(target);
  });

  it.each([
    [7, 2025, 2], // 1.4 → 2 (rounded up: never behind the even spread)
    [7, 2026, 3], // 2.8 → 3
    [7, 2029, 7],
    [0, 2027, 0],
    [1, 2025, 1],
  ])("%i enterprises → %i: %i", (universe, year, target) => {
    expect(cumulativeCoverageTarget(plan, universe, year)).toBe(target);
  });

  it("spreads only what the baseline has not covered yet, and never exceeds the universe", () => {
    const withBase = { ...plan, baseline: 1000 };
    expect(cumulativeCoverageTarget(withBase, 6000, 2024)).toBe(0);
    expect(cumulativeCoverageTarget(withBase, 6000, 2025)).toBe(2000);
    expect(cumulativeCoverageTarget(withBase, 6000, 2029)).toBe(6000);
    expect(cumulativeCoverageTarget({ ...plan, baseline: 9000 }, 6000, 2025)).toBe(6000);
  });

  it("is monotone in the year and reaches 100 % exactly in the last year (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (startYear, years, universe, baseline) => {
          const p = { startYear, years, baseline };
          let prev = 0;
          for (let y = startYear - 1; y <= startYear + years; y++) {
            const t = cumulativeCoverageTarget(p, universe, y);
            expect(t).toBeGreaterThanOrEqual(prev);
            expect(t).toBeLessThanOrEqual(universe);
            prev = t;
          }
          expect(cumulativeCoverageTarget(p, universe, startYear + years - 1)).toBe(universe);
        },
      ),
    );
  });

  it("refuses a plan without years", () => {
    expect(() => cumulativeCoverageTarget({ startYear: 2025, years: 0 }, 10, 2025)).toThrow(/年限/);
  });
});

describe("coverageStatus", () => {
  const plan = { startYear: 2025, years: 5 };
  it.each([
    [
      { universe: 100, diagnosed: 25 },
      2025,
      { target: 20, rate: 0.25, targetRate: 0.2, gap: 0, onTrack: true },
    ],
    [
      { universe: 100, diagnosed: 25 },
      2026,
      { target: 40, rate: 0.25, targetRate: 0.4, gap: 15, onTrack: false },
    ],
    [
      { universe: 3, diagnosed: 1 },
      2025,
      { target: 1, rate: 0.3333, targetRate: 0.3333, gap: 0, onTrack: true },
    ],
    [{ universe: 0, diagnosed: 0 }, 2029, { target: 0, rate: 0, targetRate: 0, gap: 0, onTrack: true }],
  ])("%o in %i", (counts, year, expected) => {
    expect(coverageStatus(plan, counts, year)).toEqual(expected);
  });
});
