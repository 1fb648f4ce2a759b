import { describe, expect, it } from "vitest";
import { validateProgrammes } from "./catalogue";
import { CATALOGUE, DIGITAL_WORKSHOP, SMART_FACTORY } from "./test-support";
import type { Prerequisite, ProgrammeDefinition, ProgrammeLevelDefinition } from "./types";

const level = (p: Partial<ProgrammeLevelDefinition> = {}): ProgrammeLevelDefinition => ({
  code: "city",
  name: "市级",
  issuingLevel: "city",
  validityYears: 3,
  prerequisites: [],
  ...p,
});
const withPrereq = (q: Prerequisite): ProgrammeDefinition => ({
  id: "x",
  name: "测试类别",
  levels: [level({ prerequisites: [q] })],
});
const check = (...extra: ProgrammeDefinition[]) =>
  validateProgrammes({ ...CATALOGUE, programmes: [...CATALOGUE.programmes, ...extra] }).map(
    (e) => `${e.path}: ${e.message}`,
  );

describe("validateProgrammes", () => {
  it("the test catalogue is valid", () => {
    expect(validateProgrammes(CATALOGUE)).toEqual([]);
  });

  it.each([
    [
      "duplicate programme id",
      { ...DIGITAL_WORKSHOP },
      "programmes[2].id: 认定类别编号“digital-workshop”重复",
    ],
    ["no levels", { id: "x", name: "空类别", levels: [] }, "programmes[2].levels: “空类别”至少应有一个等级"],
    [
      "duplicate level code",
      { id: "x", name: "测试类别", levels: [level(), level()] },
      "programmes[2].levels[1].code: “测试类别”的等级编号“city”重复",
    ],
    [
      "validity 0 years",
      { id: "x", name: "测试类别", levels: [level({ validityYears: 0 })] },
      "programmes[2].levels[0].validityYears: “测试类别市级”的有效期应为正整数年或不设期限",
    ],
    [
      "holds an undefined programme",
      withPrereq({ kind: "holds", programme: "nope", confirmed: true }),
      "programmes[2].levels[0].prerequisites[0].programme: “测试类别市级”的第1项条件引用了未定义的认定类别“nope”",
    ],
    [
      "holds an undefined level",
      withPrereq({ kind: "holds", programme: "smart-factory", minLevel: "gold", confirmed: true }),
      "programmes[2].levels[0].prerequisites[0].minLevel: “测试类别市级”的第1项条件引用了“智能工厂”未定义的等级“gold”",
    ],
    [
      "holds its own level",
      withPrereq({ kind: "holds", programme: "x", minLevel: "city", confirmed: true }),
      "programmes[2].levels[0].prerequisites[0].minLevel: “测试类别市级”的第1项条件要求持有本类别同级或更高等级，无法满足",
    ],
    [
      "CMMM level 6",
      withPrereq({ kind: "external", scheme: "cmmm", minLevel: 6, confirmed: true }),
      "programmes[2].levels[0].prerequisites[0].minLevel: “测试类别市级”的第1项条件的等级应为 1–5 的整数",
    ],
    [
      "两化融合 level 4",
      withPrereq({ kind: "external", scheme: "itf", minLevel: 4, confirmed: true }),
      "programmes[2].levels[0].prerequisites[0].minLevel: “测试类别市级”的第1项条件的等级应为 1–3 的整数",
    ],
    [
      "unknown instrument",
      withPrereq({ kind: "assessment", instrumentId: "nope", minLevel: 1, confirmed: true }),
      "programmes[2].levels[0].prerequisites[0].instrumentId: “测试类别市级”的第1项条件引用了未定义的评估量表“nope”",
    ],
    [
      "a project fact",
      withPrereq({
        kind: "fact",
        condition: { op: ">=", fact: "totalInvestmentFen", value: 100 },
        confirmed: true,
      }),
      "programmes[2].levels[0].prerequisites[0].condition: “测试类别市级”的第1项条件引用了项目指标“totalInvestmentFen”，认定条件只能使用企业指标",
    ],
    [
      "levelFact values",
      {
        id: "srdi",
        name: "专精特新",
        levelFact: { fact: "srdiTier", none: "none" },
        levels: [level({ code: "innovative_sme" }), level({ code: "gold" })],
      },
      "programmes[2].levelFact: “专精特新”的等级“gold”不是指标“专精特新梯度”的可选值",
    ],
    [
      "policyFactKey",
      { id: "x", name: "测试类别", policyFactKey: "gold_factory", levels: [level()] },
      "programmes[2].policyFactKey: “测试类别”的政策认定标识“gold_factory”不在“已获认定”的可选值中",
    ],
  ] as const)("%s", (_n, programme, message) => {
    expect(check(programme)).toEqual([message]);
  });

  it("reports the policy validator's condition errors under the prerequisite's path", () => {
    const errors = check(
      withPrereq({ kind: "fact", condition: { op: ">=", fact: "noSuchFact", value: 1 }, confirmed: true }),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^programmes\[2\]\.levels\[0\]\.prerequisites\[0\]\.condition.*“测试类别市级”的第1项条件：.*noSuchFact/,
    );
  });

  it("a valid 专精特新 ladder with its fact", () => {
    const srdi: ProgrammeDefinition = {
      id: "srdi",
      name: "专精特新",
      levelFact: { fact: "srdiTier", none: "none" },
      levels: [
        level({ code: "innovative_sme", name: "创新型中小企业" }),
        level({
          code: "srdi_sme",
          name: "专精特新中小企业",
          prerequisites: [{ kind: "holds", programme: "srdi", minLevel: "innovative_sme", confirmed: true }],
        }),
        level({ code: "little_giant", name: "专精特新“小巨人”", issuingLevel: "national" }),
      ],
    };
    expect(check(srdi, { ...SMART_FACTORY, id: "sf2", policyFactKey: "smart_factory" })).toEqual([]);
  });
});
