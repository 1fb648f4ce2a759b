import { describe, expect, it } from "vitest";
import { type Answers, type AnswerValue, type InstrumentDefinition, listQuestions } from "./instrument";
import { levelFromRatings, type ScoreResult, scoreAssessment } from "./score";
import { CMMM, DCMM, SMART_FACTORY, zeroAnswers } from "./test-support";
import { validateInstrument } from "./validate";

function score(def: InstrumentDefinition, answers: Answers): ScoreResult {
  const r = scoreAssessment(def, answers);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.result;
}

/** Every requirement of maturity level L rated `perLevel[L-1]`. */
function ratedAt(def: InstrumentDefinition, perLevel: number[]): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const { question: q } of listQuestions(def))
    if (q.kind === "rated") out[q.id] = { kind: "rated", rating: perLevel[(q.level ?? 1) - 1] ?? 0 };
  return out;
}

describe("levelFromRatings (CMMM rule)", () => {
  // [label, level scores 1..5, level, maturity score]
  const CASES: [string, number[], number, number][] = [
    ["nothing met", [0.79, 0.9, 0.9, 0.9, 0.9], 0, 0.79],
    ["0.8 exactly meets a level", [0.8, 0.5, 0, 0, 0], 1, 1.5],
    ["0.79 does not", [1, 0.79, 0, 0, 0], 1, 1.79],
    ["three levels met, 0.55 of the fourth → 3.55", [1, 1, 0.9, 0.55, 0], 3, 3.55],
    ["a higher level met over an unmet lower one is not counted", [1, 0.7, 1, 1, 1], 1, 1.7],
    ["all five met → 5", [1, 1, 1, 1, 0.8], 5, 5],
    ["level 1 unmet, everything else perfect", [0.5, 1, 1, 1, 1], 0, 0.5],
    ["floating noise below 0.8 is not a miss", [(0.8 * 3) / 3, 0.8 + 1e-12 - 1e-12, 0], 2, 2],
  ];
  it.each(CASES)("%s", (_label, scores, level, maturity) => {
    const r = levelFromRatings(scores);
    expect(r.level).toBe(level);
    expect(r.maturityScore).toBe(maturity);
  });

  it("a custom threshold", () => {
    expect(levelFromRatings([0.7, 0.6], 0.6).level).toBe(2);
  });
});

describe("CMMM instrument", () => {
  it("is valid: 4 要素, 20 sub-domains, 5 levels, 100 requirements", () => {
    expect(validateInstrument(CMMM)).toEqual({ ok: true });
    expect(CMMM.dimensions.map((d) => [d.name, d.subDimensions.length])).toEqual([
      ["人员", 2],
      ["技术", 3],
      ["资源", 2],
      ["制造", 13],
    ]);
    expect(CMMM.levelRule.levels.map((l) => l.name)).toEqual([
      "一级（规划级）",
      "二级（规范级）",
      "三级（集成级）",
      "四级（优化级）",
      "五级（引领级）",
    ]);
    const qs = listQuestions(CMMM);
    expect(qs).toHaveLength(100);
    expect(qs.every((r) => r.question.kind === "rated" && (r.question.unconfirmed?.length ?? 0) > 0)).toBe(
      true,
    );
  });

  const CASES: [string, number[], number, number, string][] = [
    ["all 0.8 at levels 1–3, 0.5 at 4 → 3.5 三级", [0.8, 0.8, 0.8, 0.5, 0], 3, 3.5, "三级（集成级）"],
    ["0.5 at level 1 → 0.5 未达到一级", [0.5, 1, 1, 1, 1], 0, 0.5, "未达到一级"],
    ["everything fully met → 5", [1, 1, 1, 1, 1], 5, 5, "五级（引领级）"],
    ["level 2 unmet, 3–5 perfect → 一级", [1, 0.5, 1, 1, 1], 1, 1.5, "一级（规划级）"],
  ];
  it.each(CASES)("%s", (_label, perLevel, level, maturity, name) => {
    const r = score(CMMM, ratedAt(CMMM, perLevel));
    expect(r.level).toBe(level);
    expect(r.maturityScore).toBe(maturity);
    expect(r.levelName).toBe(name);
    expect(r.ratedLevelScores.map((x) => x.score)).toEqual(perLevel);
  });

  it("0.79 vs 0.8 at level 2: one sub-domain at 0.5 among 0.8s drops the level score below 0.8", () => {
    const answers = ratedAt(CMMM, [1, 0.8, 0, 0, 0]);
    expect(score(CMMM, answers).level).toBe(2);
    // 19 × 0.8 + 1 × 0.5 = 15.7 → 15.7 / 20 = 0.785 < 0.8
    const lower = { ...answers, "org-strategy-L2": { kind: "rated", rating: 0.5 } as AnswerValue };
    const r = score(CMMM, lower);
    expect(r.ratedLevelScores[1]!.score).toBe(0.785);
    expect(r.level).toBe(1);
    expect(r.maturityScore).toBe(1.785);
    expect(r.gapToNextLevel!.failing.map((c) => [c.description, c.shortfall])).toEqual([
      ["二级要求得分 ≥ 0.8", 0.015],
    ]);
    // Raising that one requirement back to 0.8 is the step that raises the level.
    expect(r.improvements[0]).toMatchObject({
      questionId: "org-strategy-L2",
      levelImpact: "raisesLevel",
      levelAfter: 2,
    });
  });

  it("agrees with levelFromRatings", () => {
    const r = score(CMMM, ratedAt(CMMM, [1, 0.8, 0.8, 0.5, 0.8]));
    const viaRatings = levelFromRatings(r.ratedLevelScores.map((x) => x.score));
    expect([r.level, r.maturityScore]).toEqual([viaRatings.level, viaRatings.maturityScore]);
    expect(r.level).toBe(3);
  });

  it("improvements can be switched off for bulk scoring without changing anything else", () => {
    const answers = ratedAt(CMMM, [1, 0.8, 0.5, 0, 0]);
    const full = score(CMMM, answers);
    const bare = scoreAssessment(CMMM, answers, { improvements: false });
    expect(bare).toEqual({ ok: true, result: { ...full, improvements: [] } });
  });

  it("explains a rating", () => {
    const r = score(CMMM, ratedAt(CMMM, [0.8, 0, 0, 0, 0]));
    expect(r.questions[0]!.explanation).toBe("评为“大部分满足”（0.8），得 0.8 分（满分 1 分）");
  });

  it("rejects a rating outside 1 / 0.8 / 0.5 / 0", () => {
    const r = scoreAssessment(CMMM, { ...zeroAnswers(CMMM), "data-L3": { kind: "rated", rating: 0.7 } });
    expect(r.ok || r.errors[0]!.message).toBe(
      "题目 data-L3“数据：三级（集成级）要求”的评分应为 1（全部满足）、0.8（大部分满足）、0.5（部分满足）或 0（不满足），当前为 0.7",
    );
  });
});

describe("DCMM instrument", () => {
  it("is valid: 8 domains, 28 items, 5 levels", () => {
    expect(validateInstrument(DCMM)).toEqual({ ok: true });
    expect(DCMM.dimensions).toHaveLength(8);
    expect(DCMM.dimensions.flatMap((d) => d.subDimensions)).toHaveLength(28);
    expect(DCMM.levelRule.levels.map((l) => l.name)).toEqual([
      "一级（初始级）",
      "二级（受管理级）",
      "三级（稳健级）",
      "四级（量化管理级）",
      "五级（优化级）",
    ]);
  });

  it("weights the 8 domains equally: one 3-item domain failing weighs as much as one 4-item domain", () => {
    const base = ratedAt(DCMM, [1, 0, 0, 0, 0]);
    const zeroDomain = (id: string) => {
      const out: Record<string, AnswerValue> = { ...base };
      for (const s of DCMM.dimensions.find((d) => d.id === id)!.subDimensions)
        out[`${s.id}-L1`] = { kind: "rated", rating: 0 };
      return out;
    };
    const a = score(DCMM, zeroDomain("strategy")).ratedLevelScores[0]!.score; // 3 items
    const b = score(DCMM, zeroDomain("quality")).ratedLevelScores[0]!.score; // 4 items
    expect(a).toBe(0.875);
    expect(b).toBe(0.875);
  });
});

describe("智能工厂基础级 instrument", () => {
  const basicYes = Object.fromEntries(
    ["B1", "B2", "B3", "B4", "B5"].map((id) => [id, { kind: "single", optionId: "yes" } as AnswerValue]),
  );
  const productionOps = (ratings: number[]) =>
    Object.fromEntries(ratings.map((r, i) => [`C3-${i + 1}`, { kind: "rated", rating: r } as AnswerValue]));

  it("is valid: 5 basic requirements and the 5 construction 环节", () => {
    expect(validateInstrument(SMART_FACTORY)).toEqual({ ok: true });
    expect(SMART_FACTORY.dimensions[0]!.subDimensions[0]!.questions).toHaveLength(5);
    expect(SMART_FACTORY.dimensions[1]!.subDimensions.map((s) => s.name)).toEqual([
      "工厂建设",
      "研发设计",
      "生产作业",
      "生产管理",
      "运营管理",
    ]);
  });

  const CASES: [string, Record<string, AnswerValue>, number][] = [
    [
      "all basics met and 生产作业 at exactly 80 % (4 × 0.8) → 基础级",
      { ...basicYes, ...productionOps([0.8, 0.8, 0.8, 0.8]) },
      1,
    ],
    [
      "all basics met and 生产作业 fully covered → 基础级",
      { ...basicYes, ...productionOps([1, 1, 1, 1]) },
      1,
    ],
    ["生产作业 at 3.3 / 4 → 基础级", { ...basicYes, ...productionOps([1, 1, 0.8, 0.5]) }, 1],
    ["生产作业 at 3.1 / 4 (77.5 %) → not yet", { ...basicYes, ...productionOps([1, 0.8, 0.8, 0.5]) }, 0],
    [
      "one basic requirement not met → not yet",
      { ...basicYes, B3: { kind: "single", optionId: "no" }, ...productionOps([1, 1, 1, 1]) },
      0,
    ],
  ];
  it.each(CASES)("%s", (_label, patch, level) => {
    const r = score(SMART_FACTORY, { ...zeroAnswers(SMART_FACTORY), ...patch });
    expect(r.level).toBe(level);
  });

  it("the gap names the unmet basic requirement and the 生产作业 shortfall", () => {
    const r = score(SMART_FACTORY, {
      ...zeroAnswers(SMART_FACTORY),
      ...basicYes,
      B5: { kind: "single", optionId: "no" },
      ...productionOps([1, 1, 0.5, 0.5]),
    });
    expect(r.gapToNextLevel!.failing.map((c) => c.message)).toEqual([
      "题目 B5“已按 GB/T 39116-2020 开展智能制造能力成熟度自评估，达到二级及以上”得分 0 分，距 1 分 还差 1 分",
      "“生产作业”得分 3 分，距 3.2 分 还差 0.2 分",
    ]);
  });
});
