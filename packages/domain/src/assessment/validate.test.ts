import { describe, expect, it } from "vitest";
import type { InstrumentDefinition, NumericBand, Question } from "./instrument";
import { validateInstrument } from "./validate";

const band = (
  min: number,
  minInclusive: boolean,
  max: number,
  maxInclusive: boolean,
  points: number,
): NumericBand => ({
  min,
  minInclusive,
  max,
  maxInclusive,
  points,
});
const GOOD_BANDS = [band(0, true, 10, true, 0), band(10, false, 60, true, 1), band(60, false, 100, true, 2)];

const numericQ = (bands: NumericBand[]): Question => ({
  id: "N1",
  kind: "numeric",
  title: "设备联网率",
  maxPoints: 2,
  ratioName: "联网率",
  inputs: [
    { id: "a", label: "联网设备" },
    { id: "b", label: "总设备" },
  ],
  formula: { kind: "ratioPercent", numerator: "a", denominator: "b" },
  bands,
});
const multiQ: Question = {
  id: "M1",
  kind: "multi",
  title: "举措",
  maxPoints: 2,
  options: [
    { id: "none", label: "无", points: 0, exclusive: true },
    { id: "x", label: "甲", points: 1 },
    { id: "y", label: "乙", points: 1 },
  ],
};
const sceneQ: Question = {
  id: "S1",
  kind: "scene",
  title: "计划排程",
  maxPoints: 0,
  constrained: true,
  levels: [
    { level: 1, text: "工具" },
    { level: 2, text: "系统" },
  ],
};

function def(questions: Question[], patch: Partial<InstrumentDefinition> = {}): InstrumentDefinition {
  const points = questions.reduce((s, q) => s + q.maxPoints, 0);
  return {
    id: "t",
    version: "1",
    name: "测试量表",
    source: { text: "测试" },
    totalPoints: points,
    dimensions: [
      { id: "d", name: "维度", points, subDimensions: [{ id: "s", name: "子维度", points, questions }] },
    ],
    levelRule: {
      cumulative: false,
      noLevelName: "无等级",
      levels: [{ level: 1, name: "一级", conditions: [{ kind: "minTotalScore", min: 1 }] }],
    },
    ...patch,
  };
}
const messages = (d: InstrumentDefinition) => {
  const r = validateInstrument(d);
  return r.ok ? [] : r.errors.map((e) => e.message);
};

describe("validateInstrument", () => {
  it("accepts a well-formed definition", () => {
    expect(validateInstrument(def([numericQ(GOOD_BANDS), multiQ, sceneQ]))).toEqual({ ok: true });
  });

  const BAND_CASES: [string, NumericBand[], string][] = [
    [
      "gap",
      [band(0, true, 10, true, 0), band(20, false, 100, true, 2)],
      "第 1 与第 2 个区间之间有空档：10% 到 20%",
    ],
    ["overlap", [band(0, true, 20, true, 0), band(10, false, 100, true, 2)], "第 1 与第 2 个区间重叠"],
    [
      "both edges closed",
      [band(0, true, 10, true, 0), band(10, true, 100, true, 2)],
      "在 10% 处重叠（两边都包含该点）",
    ],
    [
      "both edges open",
      [band(0, true, 10, false, 0), band(10, false, 100, true, 2)],
      "在 10% 处有空档（两边都不包含该点）",
    ],
    ["not from 0", [band(1, true, 10, true, 0), band(10, false, 100, true, 2)], "区间应从 0%（含）开始"],
    ["0 excluded", [band(0, false, 10, true, 0), band(10, false, 100, true, 2)], "区间应从 0%（含）开始"],
    ["not to 100", [band(0, true, 10, true, 0), band(10, false, 90, true, 2)], "区间应到 100%（含）结束"],
    ["band above max", [band(0, true, 10, true, 0), band(10, false, 100, true, 3)], "分值 3 超过该题满分 2"],
    ["max unreachable", [band(0, true, 10, true, 0), band(10, false, 100, true, 1)], "区间最高只有 1 分"],
  ];
  it.each(BAND_CASES)("bands: %s", (_l, bands, msg) => {
    expect(messages(def([numericQ(bands)])).join("\n")).toContain(msg);
  });

  it("duplicate question, option, dimension ids", () => {
    const dup = def([
      multiQ,
      { ...multiQ, options: [...multiQ.options, { id: "x", label: "丙", points: 1 }] },
    ]);
    const m = messages(dup).join("\n");
    expect(m).toContain("题目编号“M1”重复");
    expect(m).toContain("选项编号“x”重复");
  });

  it("option points above the question maximum, and max not reachable", () => {
    const q: Question = {
      ...multiQ,
      options: [
        { id: "x", label: "甲", points: 3 },
        { id: "y", label: "乙", points: 0 },
      ],
    };
    expect(messages(def([q]))).toContain("题目 M1“举措”选项“甲”的分值 3 超过该题满分 2");
    const low: Question = { ...multiQ, maxPoints: 3 };
    expect(messages(def([low]))).toContain("题目 M1“举措”满分 3 分，但选项最多只能得到 2 分");
  });

  it("exclusive option must be 0 and unique", () => {
    const q: Question = {
      ...multiQ,
      options: [
        { id: "n1", label: "无", points: 1, exclusive: true },
        { id: "n2", label: "没有", points: 0, exclusive: true },
        { id: "x", label: "甲", points: 2 },
      ],
    };
    const m = messages(def([q]));
    expect(m).toContain("题目 M1“举措”的排他选项“无”应为 0 分");
    expect(m).toContain("题目 M1“举措”最多只能有一个排他（“无”）选项");
  });

  it("declared points must add up at every level", () => {
    const d = def([multiQ]);
    const bad: InstrumentDefinition = {
      ...d,
      totalPoints: 5,
      dimensions: [
        {
          ...d.dimensions[0]!,
          points: 3,
          subDimensions: [{ ...d.dimensions[0]!.subDimensions[0]!, points: 2.5 }],
        },
      ],
    };
    expect(messages(bad)).toEqual([
      "子维度“子维度”声明 2.5 分，但其题目满分合计为 2 分",
      "维度“维度”声明 3 分，但其子维度分值合计为 2.5 分",
      "量表声明总分 5 分，但各维度分值合计为 3 分",
    ]);
  });

  it("points with more than three decimals are rejected (they cannot be summed exactly)", () => {
    const q: Question = { ...multiQ, maxPoints: 2.0001 };
    expect(messages(def([q])).join("\n")).toContain("分值 2.0001 无效");
  });

  it("level rule references must exist and be in range", () => {
    const d = def([multiQ, sceneQ], {
      levelRule: {
        cumulative: true,
        noLevelName: "无",
        levels: [
          {
            level: 1,
            name: "一级",
            conditions: [
              { kind: "minDimensionScore", dimensionId: "nope", min: 1 },
              { kind: "minScenesAtLevel", sceneLevel: 3, count: 2 },
              { kind: "minRatedLevelScore", ratedLevel: 1, min: 0.8 },
              { kind: "minQuestionPoints", questionId: "M1", min: 5 },
            ],
          },
          { level: 3, name: "三级", conditions: [{ kind: "allConstrainedScenesAtLevel", sceneLevel: 2 }] },
        ],
      },
    });
    expect(messages(d)).toEqual([
      "等级“一级”的第 1 个条件：维度“nope”不存在",
      "等级“一级”的第 2 个条件：场景等级 3 超出 1–2",
      "等级“一级”的第 2 个条件：要求 2 个场景，但量表只有 1 个",
      "等级“一级”的第 3 个条件：没有属于1级的评分要求项",
      "等级“一级”的第 4 个条件：门槛 5 超过题目 M1 的满分 2",
      "等级应从 1 起连续递增，第 2 项为 3",
    ]);
  });

  it("scene questions score nothing and number their levels 1..n", () => {
    const q: Question = { ...sceneQ, maxPoints: 1, levels: [{ level: 2, text: "x" }] };
    expect(messages(def([q]))).toEqual([
      "题目 S1“计划排程”是场景等级题，不计分，满分应为 0",
      "题目 S1“计划排程”的场景等级应从 1 起连续递增，第 1 项为 2",
    ]);
  });

  it("paths point into the document", () => {
    const r = validateInstrument(
      def([numericQ([band(0, true, 10, true, 0), band(20, false, 100, true, 2)])]),
    );
    expect(r.ok || r.errors[0]!.path).toBe("dimensions[0].subDimensions[0].questions[0].bands[1]");
  });
});
