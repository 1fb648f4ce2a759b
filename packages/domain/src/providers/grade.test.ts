import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradeProvider, PROVIDER_GRADE_RULES, type ProviderGradeKey, type ProviderYearInputs } from "./grade";
import { areaCovers, nextProviderStatus } from "./provider";

const many = (n: number, r: number) => Array.from({ length: n }, () => r);

describe("gradeProvider — golden", () => {
  const table: [string, ProviderYearInputs, ProviderGradeKey, number][] = [
    // 50·(4.667−1)/4 + 20·1 + 30·0.8 = 45.8 + 20 + 24
    [
      "优秀 with measured gains",
      { ratings: [5, 5, 4, 5, 4, 5], completedProjects: 10, outcome: { meanDelta: 8, enterprises: 5 } },
      "excellent",
      89.8,
    ],
    // no outcomes: (50·0.8 + 20·0.8) / 70
    ["良好 without outcomes", { ratings: many(8, 4.2), completedProjects: 8 }, "good", 80],
    ["合格", { ratings: many(6, 3.2), completedProjects: 5 }, "pass", 53.6],
    ["不合格 by score", { ratings: many(6, 2.6), completedProjects: 2 }, "fail", 34.3],
  ];
  it.each(table)("%s", (_n, inputs, grade, score) => {
    const g = gradeProvider(inputs);
    expect(g.grade).toBe(grade);
    expect(g.score).toBe(score);
    expect(g.reasons.at(-1)).toBe(`综合得分 ${score} 分，评为${g.label}`);
  });

  it("explains each part", () => {
    const g = gradeProvider({
      ratings: [5, 5, 4, 5, 4, 5],
      completedProjects: 10,
      outcome: { meanDelta: 8, enterprises: 5 },
    });
    expect(g.breakdown.map((b) => [b.label, b.points, b.reason])).toEqual([
      ["企业评价", 45.8, "企业评价平均 4.7 分（6 次）"],
      ["完成项目", 20, "完成项目 10 个（10 个及以上得满分）"],
      ["实测成效", 24, "服务企业评估平均提升 8.0 分（5 家）"],
    ]);
    expect(g.label).toBe("优秀");
  });

  it("too few rated services: at most 合格", () => {
    const g = gradeProvider({ ratings: [5, 5, 5], completedProjects: 10 });
    expect(g.scoreGrade).toBe("excellent");
    expect(g.grade).toBe("pass");
    expect(g.reasons).toContain("企业评价不足 5 次，最高评为合格");
  });

  it("…unless measured outcomes prove the work: then at most 良好, never 优秀", () => {
    const g = gradeProvider({
      ratings: [5, 5, 5],
      completedProjects: 10,
      outcome: { meanDelta: 9, enterprises: 4 },
    });
    expect(g.scoreGrade).toBe("excellent");
    expect(g.grade).toBe("good");
    expect(g.reasons).toContain("企业评价不足 5 次（实测成效已证明），最高评为良好");
    const weak = gradeProvider({
      ratings: [5, 5, 5],
      completedProjects: 10,
      outcome: { meanDelta: 3, enterprises: 4 },
    });
    expect(weak.grade).toBe("pass");
  });

  it("a low mean rating fails whatever the rest", () => {
    const g = gradeProvider({
      ratings: [2, 2, 3, 2, 2],
      completedProjects: 20,
      outcome: { meanDelta: 10, enterprises: 9 },
    });
    expect(g.grade).toBe("fail");
    expect(g.reasons).toContain("企业评价平均低于 2.5 分，评为不合格");
  });

  it("served enterprises measured worse afterwards: at most 合格", () => {
    const g = gradeProvider({
      ratings: many(10, 5),
      completedProjects: 10,
      outcome: { meanDelta: -2, enterprises: 5 },
    });
    expect(g.grade).toBe("pass");
    expect(g.breakdown[2]!.reason).toBe("服务企业评估平均下降 2.0 分（5 家）");
    expect(g.reasons).toContain("服务企业评估平均下降，最高评为合格");
  });

  it("outcomes of fewer than 3 enterprises do not count", () => {
    const g = gradeProvider({
      ratings: many(10, 4),
      completedProjects: 5,
      outcome: { meanDelta: 20, enterprises: 2 },
    });
    expect(g.breakdown[2]!.applicable).toBe(false);
    expect(g.breakdown[2]!.reason).toBe("仅 2 家服务企业有前后评估（少于 3 家），本项不计");
    expect(g.score).toBe(gradeProvider({ ratings: many(10, 4), completedProjects: 5 }).score);
  });

  it("no service at all in the year: 不合格 (a rule the city can change)", () => {
    const g = gradeProvider({ ratings: [], completedProjects: 0 });
    expect(g.grade).toBe("fail");
    expect(g.reasons).toContain("本年度无完成项目且无企业评价，评为不合格");
    expect(
      gradeProvider(
        { ratings: [], completedProjects: 0 },
        { ...PROVIDER_GRADE_RULES, noServiceGrade: "pass" },
      ).grade,
    ).toBe("pass");
  });

  it("rejects ratings outside 1–5 and bad project counts", () => {
    expect(() => gradeProvider({ ratings: [6], completedProjects: 1 })).toThrow("1–5");
    expect(() => gradeProvider({ ratings: [], completedProjects: -1 })).toThrow("完成项目数");
  });
});

const RANK: Record<ProviderGradeKey, number> = { excellent: 3, good: 2, pass: 1, fail: 0 };
const inputsArb: fc.Arbitrary<ProviderYearInputs> = fc.record({
  ratings: fc.array(fc.constantFrom(1, 2, 3, 3.5, 4, 4.5, 5), { maxLength: 30 }),
  completedProjects: fc.integer({ min: 0, max: 30 }),
  outcome: fc.option(
    fc.record({
      meanDelta: fc.double({ min: -10, max: 25, noNaN: true }),
      enterprises: fc.integer({ min: 0, max: 20 }),
    }),
    { nil: undefined },
  ),
});

describe("gradeProvider properties", () => {
  it("caps never raise the grade; few ratings never give 优秀; score in 0..100", () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const g = gradeProvider(inputs);
        expect(g.score).toBeGreaterThanOrEqual(0);
        expect(g.score).toBeLessThanOrEqual(100);
        if (inputs.ratings.length > 0 || inputs.completedProjects > 0)
          expect(RANK[g.grade]).toBeLessThanOrEqual(RANK[g.scoreGrade]);
        if (inputs.ratings.length < PROVIDER_GRADE_RULES.minRatedServices)
          expect(g.grade).not.toBe("excellent");
        expect(g.reasons.length).toBeGreaterThanOrEqual(4);
      }),
      { numRuns: 500 },
    );
  });

  it("more completed projects, or a better rating, never lowers the grade", () => {
    fc.assert(
      fc.property(inputsArb, fc.integer({ min: 1, max: 10 }), fc.nat(), (inputs, more, which) => {
        const base = RANK[gradeProvider(inputs).grade];
        expect(
          RANK[gradeProvider({ ...inputs, completedProjects: inputs.completedProjects + more }).grade],
        ).toBeGreaterThanOrEqual(base);
        if (inputs.ratings.length > 0) {
          const ratings = [...inputs.ratings];
          const i = which % ratings.length;
          ratings[i] = Math.min(5, ratings[i]! + 1);
          expect(RANK[gradeProvider({ ...inputs, ratings }).grade]).toBeGreaterThanOrEqual(base);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("provider lifecycle and service area", () => {
  it.each([
    ["registered", "apply", "applied"],
    ["applied", "review", "under_review"],
    ["applied", "withdraw", "registered"],
    ["under_review", "notice", "in_notice"],
    ["under_review", "reject", "registered"],
    ["in_notice", "admit", "admitted"],
    ["in_notice", "reject", "registered"],
    ["admitted", "suspend", "suspended"],
    ["suspended", "reinstate", "admitted"],
    ["admitted", "exit", "exited"],
    ["exited", "apply", "applied"],
    ["under_review", "admit", null],
    ["applied", "admit", null],
    ["registered", "review", null],
    ["exited", "reinstate", null],
  ] as const)("%s + %s → %s", (from, action, to) => {
    expect(nextProviderStatus(from, action)).toBe(to);
  });

  it.each([
    ["120000", "120104", true],
    ["120100", "120104", true],
    ["120104", "120104", true],
    ["120104", "120116", false],
    ["110000", "120104", false],
  ])("area %s covers %s: %s", (area, district, want) => {
    expect(areaCovers(area, district)).toBe(want);
  });
});
