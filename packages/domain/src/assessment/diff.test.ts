import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeAnswer, diffAnswers, NOT_ANSWERED, sameAnswer } from "./diff";
import type { Answers, AnswerValue } from "./instrument";
import { toMilli } from "./instrument";
import { scoreAssessment } from "./score";
import { ALL_INSTRUMENTS, answersArb, CMMM, MIIT, question, zeroAnswers } from "./test-support";

describe("describeAnswer", () => {
  const cases: [string, typeof MIIT, string, AnswerValue | undefined, string][] = [
    ["single", MIIT, "F5", { kind: "single", optionId: "C" }, "多个业务环节（2个及以上）"],
    [
      "multi in document order",
      MIIT,
      "F1",
      { kind: "multi", optionIds: ["C", "B"] },
      "企业车间建成工控网络，支持自动化控制应用；企业建成应用系统网络，实现大规模设备、人员与信息系统互联",
    ],
    ["multi 无", MIIT, "F1", { kind: "multi", optionIds: ["A"] }, "无"],
    ["empty multi", MIIT, "F1", { kind: "multi", optionIds: [] }, NOT_ANSWERED],
    [
      "numeric",
      MIIT,
      "F2",
      { kind: "numeric", inputs: { total: 80, digital: 28 } },
      "设备数字化率 35.0%（28 / 80）",
    ],
    [
      "numeric band edge",
      MIIT,
      "F2",
      { kind: "numeric", inputs: { total: 10, digital: 1 } },
      "设备数字化率 10.0%（1 / 10）",
    ],
    ["scene level", MIIT, "S01", { kind: "scene", level: 3 }, "三级"],
    ["scene 0", MIIT, "S01", { kind: "scene", level: 0 }, "未开展或未达到一级"],
    ["rated", CMMM, "org-strategy-L1", { kind: "rated", rating: 0.8 }, "大部分满足"],
    ["missing", MIIT, "F5", undefined, NOT_ANSWERED],
    ["single with facts", MIIT, "R2", { kind: "single", optionId: "A", info: { value: 97.5 } }, ""],
  ];
  it.each(cases)("%s", (_name, def, id, answer, expected) => {
    const q = question(def, id);
    const text = describeAnswer(q, answer);
    if (id === "R2") {
      expect(text).toContain("具体数值（月均产品合格率，%） 97.5");
    } else {
      expect(text).toBe(expected);
    }
  });
});

describe("sameAnswer", () => {
  it("ignores option and key order, treats an empty multi as unanswered", () => {
    expect(
      sameAnswer({ kind: "multi", optionIds: ["B", "C"] }, { kind: "multi", optionIds: ["C", "B"] }),
    ).toBe(true);
    expect(sameAnswer({ kind: "multi", optionIds: [] }, undefined)).toBe(true);
    expect(
      sameAnswer(
        { kind: "numeric", inputs: { total: 10, digital: 2 } },
        { kind: "numeric", inputs: { digital: 2, total: 10 } },
      ),
    ).toBe(true);
  });
  it("sees a different fact even when the ratio (and the points) are the same", () => {
    expect(
      sameAnswer(
        { kind: "numeric", inputs: { total: 10, digital: 2 } },
        { kind: "numeric", inputs: { total: 20, digital: 4 } },
      ),
    ).toBe(false);
    expect(
      sameAnswer({ kind: "single", optionId: "A", info: { value: 1 } }, { kind: "single", optionId: "A" }),
    ).toBe(false);
    expect(sameAnswer({ kind: "scene", level: 1 }, { kind: "scene", level: 2 })).toBe(false);
  });
});

describe("diffAnswers", () => {
  it("lists exactly the changed questions with both readings and the point change", () => {
    const reported: Answers = {
      ...zeroAnswers(MIIT),
      F5: { kind: "single", optionId: "E" },
      S01: { kind: "scene", level: 3 },
    };
    const verified: Answers = {
      ...reported,
      F5: { kind: "single", optionId: "C" },
      S01: { kind: "scene", level: 2 },
    };
    const d = diffAnswers(MIIT, reported, verified);
    expect(d.map((x) => x.questionId)).toEqual(["F5", "S01"]);
    expect(d[0]).toMatchObject({
      reported: "全覆盖",
      verified: "多个业务环节（2个及以上）",
      reportedPoints: 10,
      verifiedPoints: 5,
      delta: -5,
    });
    expect(d[1]).toMatchObject({ reported: "三级", verified: "二级" });
  });
  it("counts a question answered on one side only", () => {
    const d = diffAnswers(MIIT, {}, { F5: { kind: "single", optionId: "B" } });
    expect(d).toEqual([expect.objectContaining({ questionId: "F5", reported: NOT_ANSWERED, delta: 2.5 })]);
  });
});

describe.each(Object.entries(ALL_INSTRUMENTS))("%s diff properties", (_name, def) => {
  const total = (a: Answers) => {
    const r = scoreAssessment(def, a, { allowMissing: true, improvements: false });
    if (!r.ok) throw new Error("invalid");
    return toMilli(r.result.total);
  };
  it("an answer set does not differ from itself", () => {
    fc.assert(
      fc.property(answersArb(def), (a) => {
        expect(diffAnswers(def, a, a)).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
  it("differences are symmetric and their deltas add up to the change of the total", () => {
    fc.assert(
      fc.property(answersArb(def), answersArb(def), (a, b) => {
        const ab = diffAnswers(def, a, b);
        const ba = diffAnswers(def, b, a);
        expect(ba.map((x) => x.questionId)).toEqual(ab.map((x) => x.questionId));
        for (let i = 0; i < ab.length; i++) expect(toMilli(ba[i]!.delta) + toMilli(ab[i]!.delta)).toBe(0);
        const sum = ab.reduce((s, x) => s + toMilli(x.delta), 0);
        expect(sum).toBe(total(b) - total(a));
      }),
      { numRuns: 40 },
    );
  });
});
