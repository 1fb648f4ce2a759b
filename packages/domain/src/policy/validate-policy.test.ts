import { describe, expect, it } from "vitest";
import type { PolicyDefinition } from "./policy";
import { policy, wan } from "./test-support";
import { isCalendarDate, validatePolicies, validatePolicy } from "./validate-policy";

const errors = (def: PolicyDefinition) => {
  const r = validatePolicy(def);
  return r.ok ? [] : r.errors;
};

describe("validatePolicy", () => {
  it("accepts the test policy", () => {
    expect(validatePolicy(policy())).toEqual({ ok: true });
  });

  it.each<[string, PolicyDefinition, { path: string; message: string }[]]>([
    [
      "a fact not in the catalogue",
      policy({ conditions: { fact: "turnover", op: ">=", value: 1 } }),
      [{ path: "conditions.fact", message: "事实“turnover”不在事实目录中" }],
    ],
    [
      "ordering a boolean",
      policy({ conditions: { fact: "aboveScale", op: ">=", value: 1 } }),
      [{ path: "conditions.op", message: "条件“规上企业”：是否类事实不能比较大小（>=）" }],
    ],
    [
      "money threshold in 元 with decimals",
      policy({ conditions: { fact: "totalInvestmentFen", op: ">=", value: 10000.5 } }),
      [{ path: "conditions.value", message: "条件“项目总投资”的取值 10000.5 无效：应为不小于 0 的整数分" }],
    ],
    [
      "a level above the maximum",
      policy({ conditions: { fact: "dcmmLevel", op: ">=", value: 6 } }),
      [
        {
          path: "conditions.value",
          message: "条件“DCMM 数据管理能力成熟度等级”的取值 6 无效：应为0–5 的整数等级",
        },
      ],
    ],
    [
      "an enum value that does not exist (the brief's old key)",
      policy({ conditions: { fact: "srdiTier", op: "in", values: ["national_little_giant"] } }),
      [
        {
          path: "conditions.values[0]",
          message:
            '条件“专精特新梯度”的取值 "national_little_giant" 无效：应为可选值之一：none、innovative_sme、srdi_sme、little_giant',
        },
      ],
    ],
    [
      "a date that is not a date",
      policy({ conditions: { fact: "startDate", op: ">=", value: "2024-02-30" } }),
      [
        {
          path: "conditions.value",
          message: '条件“开工日期”的取值 "2024-02-30" 无效：应为YYYY-MM-DD 格式的日期',
        },
      ],
    ],
    [
      "includes on a non-set fact, = on a set",
      policy({
        conditions: {
          op: "any",
          of: [
            { fact: "industryCode", op: "includes", value: "C34" },
            { fact: "certifications", op: "=", value: "green_factory" },
          ],
        },
      }),
      [
        { path: "conditions.of[0].op", message: "条件“所属行业”：只有多选事实可以用 includes 判断" },
        { path: "conditions.of[1].op", message: "条件“已获认定”：多选事实应使用 includes 判断" },
      ],
    ],
    [
      "an empty all",
      policy({ conditions: { op: "all", of: [] } }),
      [{ path: "conditions.of", message: "“全部满足”至少应有一个条件" }],
    ],
    [
      "a rate over 100% and a base that is not money",
      policy({ formula: { kind: "rate", base: ["loanMonths"], rate: { num: 3, den: 2 } } }),
      [
        { path: "amount.formula.base[0]", message: "计算基数“贷款期限”不是金额" },
        { path: "amount.formula.rate", message: "补助比例 150% 超过 100%" },
      ],
    ],
    [
      "a zero denominator",
      policy({ formula: { kind: "rate", base: ["equipmentInvestmentFen"], rate: { num: 1, den: 0 } } }),
      [{ path: "amount.formula.rate", message: "补助比例无效：num、den 应为整数，den 大于 0，num 不小于 0" }],
    ],
    [
      "a negative cap and a floor above a cap",
      policy({ minFen: wan(300), caps: { perAwardFen: -1, perEnterpriseFen: wan(200) } }),
      [
        { path: "amount.caps.perAwardFen", message: "单笔最高金额 -1 无效：应为不小于 0 的整数分" },
        { path: "amount.minFen", message: "最低金额 300000000 分高于每家企业累计最高金额 200000000 分" },
      ],
    ],
    [
      "validity dates out of order",
      policy({ validity: { from: "2026-01-01", until: "2025-12-31" } }),
      [{ path: "validity", message: "生效日期 2026-01-01 晚于截止日期 2025-12-31" }],
    ],
    [
      "shares over 100% and no remainder payer",
      policy({
        shares: [
          { payer: "city", ratio: { num: 60, den: 100 } },
          { payer: "district", ratio: { num: 50, den: 100 } },
        ],
      }),
      [
        {
          path: "funding.shares",
          message:
            "应有且只有一个出资方承担其余部分（remainder: true），以保证各方金额合计等于奖补金额；现有 0 个",
        },
        { path: "funding.shares", message: "各出资方的承担比例合计 110%，超过 100%" },
      ],
    ],
    [
      "a payer twice",
      policy({
        shares: [
          { payer: "city", ratio: { num: 1, den: 2 } },
          { payer: "city", remainder: true },
        ],
      }),
      [{ path: "funding.shares[1].payer", message: "出资方“市级财政”重复" }],
    ],
    [
      "parameters: duplicate, missing, wrong kind, unused",
      policy({
        parameters: [
          { id: "p", label: "比例", kind: "ratio", value: { num: 1, den: 10 }, setByCity: true, note: "n" },
          { id: "p", label: "比例2", kind: "ratio", value: null, setByCity: true, note: "n" },
          { id: "m", label: "金额", kind: "money", value: wan(1), setByCity: true, note: "n" },
          { id: "unused", label: "闲置", kind: "money", value: null, setByCity: true, note: "n" },
        ],
        formula: { kind: "rate", base: ["equipmentInvestmentFen"], rate: { param: "m" } },
        caps: { perAwardFen: { param: "nope" } },
      }),
      [
        { path: "parameters[1].id", message: "参数编号“p”重复" },
        { path: "amount.formula.rate", message: "补助比例需要比例参数，“m”不是" },
        { path: "amount.caps.perAwardFen", message: "单笔最高金额引用的参数“nope”不存在" },
        { path: "parameters[0].id", message: "参数“比例”（p）没有被任何条件或公式引用" },
        { path: "parameters[1].id", message: "参数“比例2”（p）没有被任何条件或公式引用" },
        { path: "parameters[3].id", message: "参数“闲置”（unused）没有被任何条件或公式引用" },
      ],
    ],
  ])("rejects %s", (_name, def, expected) => {
    expect(errors(def)).toEqual(expected);
  });

  describe("tiers must tile the base from 0", () => {
    const tiered = (brackets: { fromFen: number; toFen?: number; rate?: { num: number; den: number } }[]) =>
      policy({ formula: { kind: "tiered", mode: "progressive", base: ["actualInvestmentFen"], brackets } });
    const r10 = { num: 10, den: 100 };
    it.each([
      [
        [
          { fromFen: 0, toFen: 100, rate: r10 },
          { fromFen: 100, rate: r10 },
        ],
        [],
      ],
      [
        [{ fromFen: 1, rate: r10 }],
        [{ path: "amount.formula.brackets[0].fromFen", message: "第 1 档应从 0 开始" }],
      ],
      [
        [
          { fromFen: 0, toFen: 100, rate: r10 },
          { fromFen: 150, rate: r10 },
        ],
        [
          {
            path: "amount.formula.brackets[1].fromFen",
            message: "第 1 档与第 2 档之间有空档：100 分到 150 分",
          },
        ],
      ],
      [
        [
          { fromFen: 0, toFen: 100, rate: r10 },
          { fromFen: 90, rate: r10 },
        ],
        [
          {
            path: "amount.formula.brackets[1].fromFen",
            message: "第 1 档与第 2 档重叠：上一档到 100 分，下一档从 90 分开始",
          },
        ],
      ],
      [
        [
          { fromFen: 0, rate: r10 },
          { fromFen: 100, rate: r10 },
        ],
        [{ path: "amount.formula.brackets[1]", message: "第 1 档没有上限，其后不能再有档位" }],
      ],
      [
        [{ fromFen: 0, toFen: 0, rate: r10 }],
        [{ path: "amount.formula.brackets[0]", message: "第 1 档上限 0 应大于下限 0" }],
      ],
      [
        [{ fromFen: 0 }],
        [{ path: "amount.formula.brackets[0].rate", message: "累进计算的第 1 档应有比例 rate" }],
      ],
    ])("%j", (brackets, expected) => {
      expect(errors(tiered(brackets))).toEqual(expected);
    });
    it("bracket mode needs exactly one of rate / amountFen", () => {
      const def = policy({
        formula: {
          kind: "tiered",
          mode: "bracket",
          base: ["actualInvestmentFen"],
          brackets: [{ fromFen: 0, rate: { num: 1, den: 10 }, amountFen: 5 }],
        },
      });
      expect(errors(def)).toEqual([
        { path: "amount.formula.brackets[0]", message: "第 1 档应有且只有比例 rate 或定额 amountFen 之一" },
      ]);
    });
  });

  it("level tables: a level fact, ascending levels within range", () => {
    const def = policy({
      formula: {
        kind: "levelTable",
        fact: "dcmmLevel",
        rows: [
          { level: 3, amountFen: 1 },
          { level: 2, amountFen: 1 },
          { level: 9, amountFen: 1 },
        ],
      },
    });
    expect(errors(def)).toEqual([
      { path: "amount.formula.rows[1].level", message: "等级应严格递增，第 2 行为 2" },
      { path: "amount.formula.rows[2].level", message: "等级 9 无效：应为 1–5 的整数" },
    ]);
    expect(errors(policy({ formula: { kind: "levelTable", fact: "aboveScale", rows: [] } }))).toEqual([
      { path: "amount.formula.fact", message: "“规上企业”不是等级，不能按等级定额" },
      { path: "amount.formula.rows", message: "按等级定额至少应有一行" },
    ]);
  });

  it("interest subsidies: a money principal and a months term", () => {
    const def = policy({
      formula: {
        kind: "interestSubsidy",
        principal: "loanMonths",
        months: "loanPrincipalFen",
        annualRate: { num: 15, den: 1000 },
        maxMonths: 0,
      },
    });
    expect(errors(def)).toEqual([
      { path: "amount.formula.principal", message: "“贷款期限”不是金额" },
      { path: "amount.formula.months", message: "“贷款本金”不是以月计的期限" },
      { path: "amount.formula.maxMonths", message: "贴息期限上限 0 无效：应为正整数（月）" },
    ]);
  });
});

describe("validatePolicies", () => {
  it("rejects a duplicate id + version and a group mixing enterprise and project policies", () => {
    const a = policy({ group: "g" });
    const b = policy({ id: "b", beneficiary: "enterprise", group: "g" });
    const r = validatePolicies([a, a, b]);
    expect(r).toEqual({
      ok: false,
      errors: [
        { path: "[1].version", message: "政策“test-policy”的版本 1 重复" },
        { path: "[2].nonCumulation.group", message: "不重复享受组“g”中混有企业类与项目类政策" },
      ],
    });
  });
  it("prefixes single-policy issues with the index", () => {
    const r = validatePolicies([policy(), policy({ id: "x", validity: { until: "2025-13-01" } })]);
    expect(r).toEqual({
      ok: false,
      errors: [
        { path: "[1].validity.until", message: "截止日期“2025-13-01”无效：应为 YYYY-MM-DD 格式的日期" },
      ],
    });
  });
});

it("isCalendarDate knows real dates", () => {
  expect(["2024-02-29", "2025-12-31"].every(isCalendarDate)).toBe(true);
  expect(["2025-02-29", "2025-1-01", "20250101", "2025-00-10", ""].some(isCalendarDate)).toBe(false);
});
