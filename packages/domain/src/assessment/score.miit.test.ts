import { describe, expect, it } from "vitest";
import type { AnswerValue } from "./instrument";
import { type ScoreResult, scoreAssessment } from "./score";
import { MIIT, question, zeroAnswers } from "./test-support";
import { validateInstrument } from "./validate";

/**
 * Golden tests for the MIIT 2024 manufacturing table. Every expectation below is typed by hand from
 * reference/instruments.md §1a (not read from the data file), so a slip in the data shows up here.
 */

function score(patch: Record<string, AnswerValue>): ScoreResult {
  const r = scoreAssessment(MIIT, { ...zeroAnswers(MIIT), ...patch });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.result;
}
const pointsOf = (res: ScoreResult, id: string) => res.questions.find((q) => q.questionId === id)!.points;

describe("MIIT instrument structure", () => {
  it("is valid and has 100 points: 基础 50 / 经营 0 (scenes) / 管理 30 / 成效 20", () => {
    expect(validateInstrument(MIIT)).toEqual({ ok: true });
    expect(MIIT.dimensions.map((d) => [d.name, d.points])).toEqual([
      ["数字化基础", 50],
      ["数字化经营", 0],
      ["数字化管理", 30],
      ["数字化成效", 20],
    ]);
    expect(MIIT.dimensions.flatMap((d) => d.subDimensions.map((s) => [s.name, s.points]))).toEqual([
      ["设备系统", 20],
      ["数据采集", 10],
      ["信息系统", 10],
      ["信息安全", 10],
      ["产品生命周期数字化", 0],
      ["生产执行数字化", 0],
      ["供应链数字化", 0],
      ["管理决策数字化", 0],
      ["规划管理", 15],
      ["要素保障", 15],
      ["绿色低碳", 7],
      ["产品质量", 7],
      ["市场效益", 6],
    ]);
  });

  it("has 16 scenes in 4 groups, 10 of them constrained (★)", () => {
    const scenes = MIIT.dimensions[1]!.subDimensions.flatMap((s) =>
      s.questions.map((q) => [s.name, q.title, q.kind === "scene" && q.constrained]),
    );
    expect(scenes).toEqual([
      ["产品生命周期数字化", "产品设计", true],
      ["产品生命周期数字化", "工艺设计", false],
      ["产品生命周期数字化", "营销管理", true],
      ["产品生命周期数字化", "售后服务", false],
      ["生产执行数字化", "计划排程", false],
      ["生产执行数字化", "生产管控", true],
      ["生产执行数字化", "质量管理", true],
      ["生产执行数字化", "设备管理", true],
      ["生产执行数字化", "安全生产", true],
      ["生产执行数字化", "能耗管理", true],
      ["供应链数字化", "采购管理", true],
      ["供应链数字化", "仓储物流", true],
      ["管理决策数字化", "财务管理", true],
      ["管理决策数字化", "人力资源", false],
      ["管理决策数字化", "协同办公", false],
      ["管理决策数字化", "决策支持", false],
    ]);
  });

  it("all-zero answers score 0 and reach no level", () => {
    const r = score({});
    expect(r.total).toBe(0);
    expect(r.level).toBe(0);
    expect(r.levelName).toBe("无等级");
  });
});

// [question, option id, label (prefix), points]
const OPTIONS: [string, string, string, number][] = [
  ["F1", "A", "无", 0],
  ["F1", "B", "企业车间建成工控网络", 2],
  ["F1", "C", "企业建成应用系统网络", 2],
  ["F1", "D", "企业建设/租用5G工业网络", 2],
  ["F1", "E", "网络全面覆盖生产现场与环节", 2],
  ["F4", "A", "无", 0],
  ["F4", "B", "产品设计", 0.7],
  ["F4", "C", "工艺设计", 0.7],
  ["F4", "D", "营销管理", 0.7],
  ["F4", "E", "售后服务", 0.7],
  ["F4", "F", "计划排程", 0.7],
  ["F4", "G", "生产管控", 0.7],
  ["F4", "H", "质量管理", 0.7],
  ["F4", "I", "设备管理", 0.7],
  ["F4", "J", "安全生产", 0.7],
  ["F4", "K", "能耗管理", 0.7],
  ["F4", "L", "采购管理", 0.7],
  ["F4", "M", "仓储物流", 0.7],
  ["F4", "N", "财务管理", 0.7],
  ["F4", "O", "人力资源", 0.9],
  ["F5", "A", "无", 0],
  ["F5", "B", "单个业务环节", 2.5],
  ["F5", "C", "多个业务环节", 5],
  ["F5", "D", "绝大部分业务环节", 7.5],
  ["F5", "E", "全覆盖", 10],
  ["F6", "A", "无", 0],
  ["F6", "B", "建立了网络安全管理制度", 1.25],
  ["F6", "C", "使用了网络安全产品及服务", 1.25],
  ["F6", "D", "自行或委托专业评估机构实施网络安全风险评估", 1.25],
  ["F6", "E", "建立网络边界安全访问控制能力", 1.25],
  ["F7", "A", "无", 0],
  ["F7", "B", "建立了数据安全管理制度", 1.25],
  ["F7", "C", "使用了数据安全产品及服务", 1.25],
  ["F7", "D", "自行或委托专业评估机构实施数据安全风险评估", 1.25],
  ["F7", "E", "建立数据台账", 1.25],
  ["M1", "A", "无", 0],
  ["M1", "B", "已经主动了解数字化相关内容", 1.5],
  ["M1", "C", "已经制定实施数字化的规划", 3],
  ["M1", "D", "已经着手开始进行单点或多点的数字化改造", 4.5],
  ["M1", "E", "已经通过数字化手段实现业务模式", 6],
  ["M1", "F", "", 7.5], // text unconfirmed (two sources differ)
  ["M2", "A", "无", 0],
  ["M2", "B", "建立数字化转型实施工作流程", 1.875],
  ["M2", "C", "建立信息系统建设及运营管理制度", 1.875],
  ["M2", "D", "建立数据资源管理制度", 1.875],
  ["M2", "E", "建立与数字化融合的科研、业务、产品等方面的创新激励制度", 1.875],
  ["M3", "A", "无", 0],
  ["M3", "B", "配备专职/兼职的数字化人才", 1.5],
  ["M3", "C", "设置专门的数字化岗位/部门", 1.5],
  ["M3", "D", "定期对员工开展数字化方面培训", 1.5],
  ["M3", "E", "有明确的数字化人才绩效及薪酬管理", 1.5],
  ["M3", "F", "有明确的数字化人才梯度培育机制", 1.5],
  ["R1", "A", "增加", 0],
  ["R1", "B", "持平", 3.5],
  ["R1", "C", "降低", 7],
  ["R2", "A", "降低", 0],
  ["R2", "B", "持平", 3.5],
  ["R2", "C", "增加", 7],
  ["R3", "A", "降低", 0],
  ["R3", "B", "持平", 1.5],
  ["R3", "C", "增加", 3],
  ["R4", "A", "增加", 0],
  ["R4", "B", "持平", 1.5],
  ["R4", "C", "降低", 3],
];

describe("MIIT every option (golden)", () => {
  it("the table lists every option of every choice question", () => {
    const inData = MIIT.dimensions
      .flatMap((d) => d.subDimensions.flatMap((s) => s.questions))
      .flatMap((q) =>
        q.kind === "single" || q.kind === "multi" ? q.options.map((o) => `${q.id}:${o.id}`) : [],
      );
    expect(inData.sort()).toEqual(OPTIONS.map(([q, o]) => `${q}:${o}`).sort());
  });

  it.each(OPTIONS)("%s option %s “%s” alone gives %s points", (qid, optionId, label, expected) => {
    const q = question(MIIT, qid);
    const answer: AnswerValue =
      q.kind === "multi" ? { kind: "multi", optionIds: [optionId] } : { kind: "single", optionId };
    const r = score({ [qid]: answer });
    expect(pointsOf(r, qid)).toBe(expected);
    expect(r.total).toBe(expected);
    if (q.kind === "single" || q.kind === "multi")
      expect(q.options.find((o) => o.id === optionId)!.label).toContain(label);
    expect(r.questions.find((x) => x.questionId === qid)!.explanation).toContain(`得 ${expected} 分`);
  });

  const FULL: [string, string[], number][] = [
    ["F1", ["B", "C", "D", "E"], 8],
    ["F4", ["B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O"], 10],
    ["F6", ["B", "C", "D", "E"], 5],
    ["F7", ["B", "C", "D", "E"], 5],
    ["M2", ["B", "C", "D", "E"], 7.5],
    ["M3", ["B", "C", "D", "E", "F"], 7.5],
  ];
  it.each(FULL)("%s: ticking every non-“无” option gives exactly the maximum", (qid, ids, max) => {
    expect(pointsOf(score({ [qid]: { kind: "multi", optionIds: ids } }), qid)).toBe(max);
  });

  it("multi-select sums exactly (13 × 0.7 + 0.9 = 10, not 9.999…)", () => {
    expect(pointsOf(score({ F4: { kind: "multi", optionIds: ["B", "C", "O"] } }), "F4")).toBe(2.3);
    expect(pointsOf(score({ F4: { kind: "multi", optionIds: ["B", "C", "D"] } }), "F4")).toBe(2.1);
    expect(pointsOf(score({ M2: { kind: "multi", optionIds: ["B", "D", "E"] } }), "M2")).toBe(5.625);
    expect(pointsOf(score({ F1: { kind: "multi", optionIds: ["E", "B"] } }), "F1")).toBe(4);
  });

  it("explains a multi-select answer option by option", () => {
    const r = score({ F6: { kind: "multi", optionIds: ["B", "D"] } });
    expect(r.questions.find((q) => q.questionId === "F6")!.explanation).toBe(
      "勾选 2 项：“建立了网络安全管理制度”1.25 分、“自行或委托专业评估机构实施网络安全风险评估”1.25 分，合计 2.5 分，得 2.5 分（满分 5 分）",
    );
  });

  it("rejects “无” ticked together with another option, naming the question", () => {
    const r = scoreAssessment(MIIT, { ...zeroAnswers(MIIT), F1: { kind: "multi", optionIds: ["A", "B"] } });
    expect(r).toEqual({
      ok: false,
      errors: [
        { questionId: "F1", message: "题目 F1“企业网络建设连接情况”选择了“无”，不能同时勾选其他选项" },
      ],
    });
  });
});

// [question, numerator, denominator, points, band]
const BANDS: [string, number, number, number, string][] = [
  ["F2", 0, 100, 0, "[0%,10%]"],
  ["F2", 5, 100, 0, "[0%,10%]"],
  ["F2", 10, 100, 0, "[0%,10%]"],
  ["F2", 1, 10, 0, "[0%,10%]"],
  ["F2", 7, 70, 0, "[0%,10%]"],
  ["F2", 100001, 1000000, 1.5, "(10%,20%]"],
  ["F2", 15, 100, 1.5, "(10%,20%]"],
  ["F2", 20, 100, 1.5, "(10%,20%]"],
  ["F2", 1, 5, 1.5, "(10%,20%]"],
  ["F2", 2000001, 10000000, 3, "(20%,40%]"],
  ["F2", 35, 100, 3, "(20%,40%]"],
  ["F2", 40, 100, 3, "(20%,40%]"],
  ["F2", 2, 5, 3, "(20%,40%]"],
  ["F2", 400001, 1000000, 4.5, "(40%,60%]"],
  ["F2", 60, 100, 4.5, "(40%,60%]"],
  ["F2", 3, 5, 4.5, "(40%,60%]"],
  ["F2", 600001, 1000000, 6, "(60%,100%]"],
  ["F2", 61, 100, 6, "(60%,100%]"],
  ["F2", 100, 100, 6, "(60%,100%]"],
  ["F2", 1, 1, 6, "(60%,100%]"],
  ["F3", 10, 100, 0, "[0%,10%]"],
  ["F3", 11, 100, 1.5, "(10%,20%]"],
  ["F3", 20, 100, 1.5, "(10%,20%]"],
  ["F3", 21, 100, 3, "(20%,40%]"],
  ["F3", 40, 100, 3, "(20%,40%]"],
  ["F3", 41, 100, 4.5, "(40%,60%]"],
  ["F3", 60, 100, 4.5, "(40%,60%]"],
  ["F3", 61, 100, 6, "(60%,100%]"],
  ["F3", 100, 100, 6, "(60%,100%]"],
  ["M4", 0, 5000, 0, "[0%,10%]"],
  ["M4", 10, 100, 0, "[0%,10%]"],
  ["M4", 0.1, 1, 0, "[0%,10%]"],
  ["M4", 10.0001, 100, 1.875, "(10%,20%]"],
  ["M4", 20, 100, 1.875, "(10%,20%]"],
  ["M4", 0.2, 1, 1.875, "(10%,20%]"],
  ["M4", 20.5, 100, 3.75, "(20%,40%]"],
  ["M4", 40, 100, 3.75, "(20%,40%]"],
  ["M4", 40.01, 100, 5.625, "(40%,60%]"],
  ["M4", 60, 100, 5.625, "(40%,60%]"],
  ["M4", 0.6, 1, 5.625, "(40%,60%]"],
  ["M4", 60.0001, 100, 7.5, "(60%,100%]"],
  ["M4", 100, 100, 7.5, "(60%,100%]"],
];

describe("MIIT every band edge (golden)", () => {
  it.each(BANDS)("%s %s / %s → %s points in %s", (qid, num, den, expected, band) => {
    const q = question(MIIT, qid);
    if (q.kind !== "numeric") throw new Error("numeric expected");
    const r = score({
      [qid]: { kind: "numeric", inputs: { [q.formula.numerator]: num, [q.formula.denominator]: den } },
    });
    expect(pointsOf(r, qid)).toBe(expected);
    expect(r.questions.find((x) => x.questionId === qid)!.explanation).toContain(
      `落在 ${band}，得 ${expected} 分`,
    );
  });

  it("explains the ratio with its inputs", () => {
    const r = score({ F2: { kind: "numeric", inputs: { total: 100, digital: 35 } } });
    expect(r.questions.find((q) => q.questionId === "F2")!.explanation).toBe(
      "设备数字化率 35.0%（数字化设备 35 / 总设备 100），落在 (20%,40%]，得 3 分",
    );
    const edge = score({ F2: { kind: "numeric", inputs: { total: 1000000, digital: 100001 } } });
    expect(edge.questions.find((q) => q.questionId === "F2")!.explanation).toBe(
      "设备数字化率 10.0001%（数字化设备 100001 / 总设备 1000000），落在 (10%,20%]，得 1.5 分",
    );
  });

  const BAD: [string, Record<string, number>, string][] = [
    [
      "F2",
      { total: 0, digital: 0 },
      "题目 F2“企业的生产设备数字化率（数字化生产设备数量/总生产设备数量×100%）”的“生产设备数量（台）”为 0，无法计算设备数字化率",
    ],
    [
      "F2",
      { total: 10, digital: 11 },
      "设备数字化率为 110.0%，超过 100%：“实现数字化的生产设备数量（台）”不应大于“生产设备数量（台）”",
    ],
    ["F2", { total: 10, digital: 2.5 }, "的“实现数字化的生产设备数量（台）”应为整数"],
    ["F2", { total: 10, digital: -1 }, "的“实现数字化的生产设备数量（台）”应为不小于 0 的数"],
    ["F2", { total: 10 }, "的“实现数字化的生产设备数量（台）”未填写"],
    [
      "M4",
      { investment: 5, revenue: 0 },
      "的“近三年年均营业收入（万元/年）”为 0，无法计算数字化投入占营业额比例",
    ],
  ];
  it.each(BAD)("%s with %j is rejected", (qid, inputs, message) => {
    const r = scoreAssessment(MIIT, { ...zeroAnswers(MIIT), [qid]: { kind: "numeric", inputs } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.questionId).toBe(qid);
    expect(r.errors[0]!.message).toContain(message);
    expect(r.errors[0]!.message).toContain(`题目 ${qid}`);
  });
});

describe("MIIT answer validation", () => {
  it("names every missing required question", () => {
    const answers = zeroAnswers(MIIT);
    delete answers.F5;
    delete answers.S07;
    const r = scoreAssessment(MIIT, answers);
    expect(r).toEqual({
      ok: false,
      errors: [
        {
          questionId: "F5",
          message: "题目 F5“企业使用本地或云化部署的信息化服务，实现业务的数字化管理情况”为必答题，尚未作答",
        },
        { questionId: "S07", message: "题目 S07“质量管理”为必答题，尚未作答" },
      ],
    });
  });

  it("an empty multi-select is missing, with a hint to tick “无”", () => {
    const r = scoreAssessment(MIIT, { ...zeroAnswers(MIIT), F1: { kind: "multi", optionIds: [] } });
    expect(r.ok || r.errors[0]!.message).toBe(
      "题目 F1“企业网络建设连接情况”为必答题，尚未作答（若均未开展，请选择“无”）",
    );
  });

  it("drafts may leave questions out; they score 0 and the result says incomplete", () => {
    const r = scoreAssessment(MIIT, { F5: { kind: "single", optionId: "E" } }, { allowMissing: true });
    expect(r.ok && r.result.total).toBe(10);
    expect(r.ok && r.result.complete).toBe(false);
    expect(r.ok && r.result.questions.find((q) => q.questionId === "F1")!.explanation).toBe(
      "未作答，得 0 分",
    );
  });

  const BAD: [string, AnswerValue, string][] = [
    [
      "S05",
      { kind: "scene", level: 5 },
      "题目 S05“计划排程”的场景等级应为 0–4 的整数（0 表示未开展或未达到一级），当前为 5",
    ],
    ["S05", { kind: "scene", level: -1 }, "当前为 -1"],
    ["S05", { kind: "scene", level: 2.5 }, "当前为 2.5"],
    [
      "F5",
      { kind: "single", optionId: "Z" },
      "题目 F5“企业使用本地或云化部署的信息化服务，实现业务的数字化管理情况”没有选项“Z”",
    ],
    ["F5", { kind: "multi", optionIds: ["A"] }, "是单选题，答案类型不符"],
    ["F1", { kind: "multi", optionIds: ["B", "B"] }, "重复勾选了选项“B”"],
    ["R1", { kind: "single", optionId: "A", info: { nope: 1 } }, "没有填报项“nope”"],
  ];
  it.each(BAD)("%s %j is rejected", (qid, answer, message) => {
    const r = scoreAssessment(MIIT, { ...zeroAnswers(MIIT), [qid]: answer });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ questionId: qid, message: expect.stringContaining(message) }]);
  });

  it("rejects answers to questions the instrument does not have", () => {
    const r = scoreAssessment(MIIT, { ...zeroAnswers(MIIT), X9: { kind: "scene", level: 1 } });
    expect(r.ok || r.errors).toEqual([
      {
        questionId: "X9",
        message: "答案中的题目“X9”不在量表“中小企业数字化水平评测指标（2024年版）— 制造业”中",
      },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Level rule. Point totals are built from the all-zero answer set by adding whole questions:
//   20 = F4 all (10) + F5 全覆盖 (10); 40 = 20 + F1 all (8) + F2 100 % (6) + F3 100 % (6);
//   60 = 40 + F6 all (5) + M1 F (7.5) + M2 all (7.5); 80 = 60 + R1–R4 best (7+7+3+3);
//   100 = 80 + F7 all (5) + M3 all (7.5) + M4 100 % (7.5).
// "−0.7" leaves 产品设计 (0.7) out of F4.

const ALL = (...ids: string[]): AnswerValue => ({ kind: "multi", optionIds: ids });
const F4_ALL = ALL("B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O");
const F4_MINUS_07 = ALL("C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O");
function totalOf(t: 20 | 40 | 60 | 80, minus07 = false): Record<string, AnswerValue> {
  const a: Record<string, AnswerValue> = {
    F4: minus07 ? F4_MINUS_07 : F4_ALL,
    F5: { kind: "single", optionId: "E" },
  };
  if (t >= 40) {
    a.F1 = ALL("B", "C", "D", "E");
    a.F2 = { kind: "numeric", inputs: { total: 50, digital: 50 } };
    a.F3 = { kind: "numeric", inputs: { total: 50, networked: 50 } };
  }
  if (t >= 60) {
    a.F6 = ALL("B", "C", "D", "E");
    a.M1 = { kind: "single", optionId: "F" };
    a.M2 = ALL("B", "C", "D", "E");
  }
  if (t >= 80) {
    a.R1 = { kind: "single", optionId: "C" };
    a.R2 = { kind: "single", optionId: "C" };
    a.R3 = { kind: "single", optionId: "C" };
    a.R4 = { kind: "single", optionId: "C" };
  }
  return a;
}
const FULL_MARKS: Record<string, AnswerValue> = {
  ...totalOf(80),
  F7: ALL("B", "C", "D", "E"),
  M3: ALL("B", "C", "D", "E", "F"),
  M4: { kind: "numeric", inputs: { investment: 1, revenue: 1 } },
};
const CONSTRAINED = ["S01", "S03", "S06", "S07", "S08", "S09", "S10", "S11", "S12", "S13"];
const GUIDING = ["S02", "S04", "S05", "S14", "S15", "S16"];
/** `n` constrained and `m` guiding scenes at `level`, every other scene at `rest`. */
function scenes(level: number, n: number, m: number, rest = 0): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const id of [...CONSTRAINED, ...GUIDING]) out[id] = { kind: "scene", level: rest };
  for (const id of [...CONSTRAINED.slice(0, n), ...GUIDING.slice(0, m)]) out[id] = { kind: "scene", level };
  return out;
}

describe("MIIT level rule boundaries", () => {
  it("the point totals used below are what the comments say", () => {
    for (const t of [20, 40, 60, 80] as const) {
      expect(score(totalOf(t)).total).toBe(t);
      expect(score(totalOf(t, true)).total).toBe(t - 0.7);
    }
    expect(score(FULL_MARKS).total).toBe(100);
  });

  // [label, points, scenes, expected level]
  const CASES: [string, Record<string, AnswerValue>, Record<string, AnswerValue>, number][] = [
    [
      "四级 exactly at every threshold: 80, 10 at L4 of which 6 constrained",
      totalOf(80),
      scenes(4, 6, 4, 3),
      4,
    ],
    ["79.3 points with 四级 scenes → 三级", totalOf(80, true), scenes(4, 6, 4, 3), 3],
    ["80 points, only 9 scenes at L4 → 三级", totalOf(80), scenes(4, 6, 3, 3), 3],
    ["80 points, 10 at L4 but 5 constrained → 三级", totalOf(80), scenes(4, 5, 5, 3), 3],
    ["三级 at threshold: 60, 8 at L3 of which 5 constrained", totalOf(60), scenes(3, 5, 3, 0), 3],
    ["59.3 points with 三级 scenes → 二级", totalOf(60, true), scenes(3, 5, 3, 0), 2],
    ["60 points, 7 at L3 → 二级", totalOf(60), scenes(3, 5, 2, 0), 2],
    ["60 points, 8 at L3 but 4 constrained → 二级", totalOf(60), scenes(3, 4, 4, 0), 2],
    ["二级 at threshold: 40, 6 at L2 of which 3 constrained", totalOf(40), scenes(2, 3, 3, 0), 2],
    ["39.3 points with 二级 scenes → 一级", totalOf(40, true), scenes(2, 3, 3, 0), 1],
    [
      "40 points, 5 at L2 and no other scene → 无等级 (一级 needs 6 at ≥ L1)",
      totalOf(40),
      scenes(2, 3, 2, 0),
      0,
    ],
    [
      "40 points, 5 at L2 and the rest at L1 → 一级 (L2 scenes count as ≥ L1)",
      totalOf(40),
      scenes(2, 3, 2, 1),
      1,
    ],
    ["40 points, 6 at L2 but 2 constrained → 无等级", totalOf(40), scenes(2, 2, 4, 0), 0],
    ["一级 at threshold: 20, 6 at L1 of which 3 constrained", totalOf(20), scenes(1, 3, 3, 0), 1],
    ["19.3 points → 无等级", totalOf(20, true), scenes(1, 3, 3, 0), 0],
    ["100 points but no scenes → 无等级", FULL_MARKS, scenes(0, 0, 0, 0), 0],
    ["80 points, all scenes L4 → 四级", totalOf(80), scenes(4, 10, 6), 4],
    ["20 points, all scenes L4 → 一级 (points cap it)", totalOf(20), scenes(4, 10, 6), 1],
  ];
  it.each(CASES)("%s", (_label, points, sceneAnswers, level) => {
    const r = score({ ...points, ...sceneAnswers });
    expect(r.level).toBe(level);
    expect(r.levelName).toBe(["无等级", "一级", "二级", "三级", "四级"][level]);
  });

  it("gap to 四级 at 79.3 points: only the 0.7 points are missing", () => {
    const r = score({ ...totalOf(80, true), ...scenes(4, 6, 4, 3) });
    expect(r.gapToNextLevel!.targetName).toBe("四级");
    expect(r.gapToNextLevel!.failing.map((c) => [c.description, c.shortfall, c.message])).toEqual([
      ["总分 ≥ 80 分", 0.7, "总分 79.3 分，距 80 分 还差 0.7 分"],
    ]);
    // Points are the only missing thing, so the first recommendation closes exactly that condition.
    const first = r.improvements[0]!;
    expect(first.levelImpact).toBe("raisesLevel");
    expect(first.levelAfter).toBe(4);
  });

  it("gap to 四级 with 9 scenes at L4: names the missing scenes, closest first", () => {
    const r = score({ ...totalOf(80), ...scenes(4, 6, 3, 3), S16: { kind: "scene", level: 1 } });
    const failing = r.gapToNextLevel!.failing;
    expect(failing).toHaveLength(1);
    expect(failing[0]!.description).toBe("至少 10 个场景达到四级及以上");
    expect(failing[0]!.shortfall).toBe(1);
    expect(failing[0]!.scenesBelow!.map((s) => [s.name, s.level])).toEqual([
      ["能耗管理", 3],
      ["采购管理", 3],
      ["仓储物流", 3],
      ["财务管理", 3],
      ["人力资源", 3],
      ["协同办公", 3],
      ["决策支持", 1],
    ]);
    // Lifting any one scene from L3 to L4 raises the level; those come first.
    const raising = r.improvements.filter((i) => i.levelImpact === "raisesLevel");
    expect(raising.map((i) => i.questionId).sort()).toEqual(["S10", "S11", "S12", "S13", "S14", "S15"]);
    expect(r.improvements.slice(0, 6).every((i) => i.levelImpact === "raisesLevel")).toBe(true);
  });

  it("gap to 四级 with 5 constrained scenes at L4: the constrained condition fails", () => {
    const r = score({ ...totalOf(80), ...scenes(4, 5, 5, 3) });
    expect(r.gapToNextLevel!.failing.map((c) => [c.description, c.actual, c.required])).toEqual([
      ["至少 6 个约束性场景达到四级及以上", 5, 6],
    ]);
    expect(r.gapToNextLevel!.failing[0]!.scenesBelow!.every((s) => s.constrained)).toBe(true);
  });

  it("四级 has no next level", () => {
    const r = score({ ...totalOf(80), ...scenes(4, 10, 6) });
    expect(r.gapToNextLevel).toBeNull();
    expect(r.improvements.every((i) => i.levelImpact === "none")).toBe(true);
  });
});

describe("MIIT prioritised improvements", () => {
  it("one candidate per question, each linked to its question and sub-dimension", () => {
    const r = score({});
    const ids = r.improvements.map((i) => i.questionId);
    expect(new Set(ids).size).toBe(ids.length);
    const f5 = r.improvements.find((i) => i.questionId === "F5")!;
    expect(f5).toMatchObject({
      subDimensionId: "information-systems",
      dimensionId: "foundation",
      pointsGained: 2.5,
      effort: 3,
      answer: { kind: "single", optionId: "B" },
    });
    expect(f5.action).toBe(
      "将题目 F5“企业使用本地或云化部署的信息化服务，实现业务的数字化管理情况”从“无”提升到“单个业务环节”",
    );
    const f2 = r.improvements.find((i) => i.questionId === "F2")!;
    expect(f2.answer).toEqual({ kind: "numeric", inputs: { total: 100, digital: 11 } });
    expect(f2.pointsGained).toBe(1.5);
  });

  it("ranks by level impact first, then points per effort", () => {
    // 20 points and six L1 scenes (3 constrained) = 一级; for 二级 it needs 40 points and six L2 scenes.
    const r = score({ ...totalOf(20), ...scenes(1, 3, 3, 0) });
    expect(r.level).toBe(1);
    const ranks = r.improvements.map((i) =>
      ["raisesLevel", "closesCondition", "reducesGap", "none"].indexOf(i.levelImpact),
    );
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    // Among the items reducing the points gap, cheaper points come first.
    const pointItems = r.improvements.filter((i) => i.kind !== "scene" && i.levelImpact === "reducesGap");
    for (let k = 1; k < pointItems.length; k++)
      expect(pointItems[k - 1]!.pointsPerEffort).toBeGreaterThanOrEqual(pointItems[k]!.pointsPerEffort);
    // A constrained L1 scene lifted to L2 helps both scene conditions of 二级; a guiding one only one.
    const s01 = r.improvements.find((i) => i.questionId === "S01")!;
    const s02 = r.improvements.find((i) => i.questionId === "S02")!;
    expect(s01.conditionsImproved).toBe(2);
    expect(s02.conditionsImproved).toBe(1);
    expect(r.improvements.indexOf(s01)).toBeLessThan(r.improvements.indexOf(s02));
  });
});
