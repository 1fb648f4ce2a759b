import { describe, expect, it } from "vitest";
import { type EvaluationContext, evaluatePolicy, type PolicyEvaluation } from "./evaluate-policy";
import type { Facts } from "./fact-catalogue";
import { withParameters } from "./parameters";
import type { Condition } from "./policy";
import { type PolicyPatch, policy, TODAY, wan, yuan } from "./test-support";

const ctx: EvaluationContext = { today: TODAY };
const leaves = (r: PolicyEvaluation) => r.conditions.children ?? [];

describe("thresholds: exactly as the data states them (≥ vs >)", () => {
  const ge = policy();
  const gt = policy({ conditions: { fact: "totalInvestmentFen", op: ">", value: wan(1000) } });
  const base = { equipmentInvestmentFen: wan(800) };

  it.each([
    [wan(1000) - 1, "ineligible", "项目总投资 9,999,999.99元，低于 1,000万元门槛（需 ≥ 1,000万元）"],
    [wan(1000), "eligible", "项目总投资 1,000万元，达到 ≥ 1,000万元门槛"],
    [wan(1000) + 1, "eligible", "项目总投资 10,000,000.01元，达到 ≥ 1,000万元门槛"],
  ])("≥ 1000万元 with total %d 分 → %s", (total, status, text) => {
    const r = evaluatePolicy(ge, { ...base, totalInvestmentFen: total }, ctx);
    expect(r.status).toBe(status);
    expect(leaves(r)[0]!.text).toBe(text);
    expect(r.amountFen).toBe(status === "eligible" ? wan(80) : null);
  });

  it.each([
    [wan(1000) - 1, "ineligible", "项目总投资 9,999,999.99元，未超过 1,000万元（需 > 1,000万元）"],
    [wan(1000), "ineligible", "项目总投资 1,000万元，未超过 1,000万元（需 > 1,000万元）"],
    [wan(1000) + 1, "eligible", "项目总投资 10,000,000.01元，超过 1,000万元（需 > 1,000万元）"],
  ])("> 1000万元 with total %d 分 → %s", (total, status, text) => {
    const r = evaluatePolicy(gt, { ...base, totalInvestmentFen: total }, ctx);
    expect(r.status).toBe(status);
    expect(r.conditions.text).toBe(text);
  });

  it("≤ and < read as upper limits", () => {
    const le = policy({ conditions: { fact: "totalInvestmentFen", op: "<=", value: wan(500) } });
    const lt = policy({ conditions: { fact: "totalInvestmentFen", op: "<", value: wan(500) } });
    const f = (t: number): Facts => ({ totalInvestmentFen: t, equipmentInvestmentFen: 0 });
    expect(evaluatePolicy(le, f(wan(500)), ctx).conditions.text).toBe(
      "项目总投资 500万元，未超过 500万元上限",
    );
    expect(evaluatePolicy(le, f(wan(500) + 1), ctx).conditions.text).toBe(
      "项目总投资 5,000,000.01元，超过 500万元上限（需 ≤ 500万元）",
    );
    expect(evaluatePolicy(lt, f(wan(500)), ctx).conditions).toMatchObject({
      outcome: "fail",
      text: "项目总投资 500万元，未低于 500万元（需 < 500万元）",
    });
    expect(evaluatePolicy(lt, f(wan(500) - 1), ctx).conditions.outcome).toBe("pass");
  });

  it("a threshold may be a money parameter; unset, the condition is unknown and the parameter listed", () => {
    const def = policy({
      parameters: [
        { id: "min", label: "投资门槛", kind: "money", value: wan(300), setByCity: true, note: "n" },
      ],
      conditions: { fact: "totalInvestmentFen", op: ">=", value: { param: "min" } },
    });
    const f = { totalInvestmentFen: wan(300), equipmentInvestmentFen: wan(100) };
    expect(evaluatePolicy(def, f, ctx).status).toBe("eligible");
    const unset = evaluatePolicy(withParameters(def, { min: null }), f, ctx);
    expect(unset.status).toBe("missing");
    expect(unset.missingParameters).toEqual([{ id: "min", label: "投资门槛" }]);
    expect(unset.conditions.text).toBe("门槛参数“投资门槛”尚未设定，无法判断项目总投资");
  });
});

describe("the other operators", () => {
  const check = (conditions: Condition, facts: Facts) =>
    evaluatePolicy(policy({ conditions, formula: { kind: "fixed", amountFen: 1 } }), facts, ctx).conditions;

  it("= on booleans, enums, levels", () => {
    expect(check({ fact: "aboveScale", op: "=", value: true }, { aboveScale: true })).toMatchObject({
      outcome: "pass",
      text: "规上企业：是",
    });
    expect(check({ fact: "aboveScale", op: "=", value: true }, { aboveScale: false }).text).toBe(
      "规上企业：否（需为“是”）",
    );
    expect(
      check({ fact: "srdiTier", op: "=", value: "little_giant" }, { srdiTier: "srdi_sme" }),
    ).toMatchObject({
      outcome: "fail",
      text: "专精特新梯度为“专精特新中小企业”，不是“专精特新“小巨人””",
    });
    expect(check({ fact: "dcmmLevel", op: "=", value: 3 }, { dcmmLevel: 3 }).text).toBe(
      "DCMM 数据管理能力成熟度等级为“3级（稳健级）”",
    );
  });

  it("in, includes, known", () => {
    const inDistricts: Condition = { fact: "districtCode", op: "in", values: ["120116", "120114"] };
    expect(check(inDistricts, { districtCode: "120116" })).toMatchObject({
      outcome: "pass",
      text: "所属区为“120116”，符合要求",
    });
    expect(check(inDistricts, { districtCode: "120101" })).toMatchObject({
      outcome: "fail",
      text: "所属区为“120101”，不属于 “120116”、“120114”",
    });
    const cert: Condition = { fact: "certifications", op: "includes", value: "high_tech_enterprise" };
    expect(check(cert, { certifications: ["green_factory", "high_tech_enterprise"] })).toMatchObject({
      outcome: "pass",
      text: "已获认定包含“高新技术企业”",
    });
    expect(check(cert, { certifications: [] })).toMatchObject({
      outcome: "fail",
      text: "已获认定（无）不包含“高新技术企业”",
    });
    expect(check({ fact: "industryCode", op: "known" }, { industryCode: "C34" })).toMatchObject({
      outcome: "pass",
      text: "已提供所属行业：C34",
    });
    // "known" is the one operator that turns absence into a failure instead of "missing".
    expect(check({ fact: "industryCode", op: "known" }, {})).toMatchObject({
      outcome: "fail",
      text: "未提供所属行业",
    });
  });

  it("dates compare as calendar dates with 早/晚 wording", () => {
    const c: Condition = { fact: "startDate", op: ">=", value: "2024-01-01" };
    expect(check(c, { startDate: "2024-01-01" })).toMatchObject({
      outcome: "pass",
      text: "开工日期 2024-01-01，不早于 2024-01-01",
    });
    expect(check(c, { startDate: "2023-12-31" })).toMatchObject({
      outcome: "fail",
      text: "开工日期 2023-12-31，不满足“不早于 2024-01-01”的要求",
    });
    expect(
      check({ fact: "finishDate", op: "<", value: "2026-01-01" }, { finishDate: "2025-12-31" }).outcome,
    ).toBe("pass");
  });
});

describe("three-valued logic: unknown is never false", () => {
  const a: Condition = { fact: "aboveScale", op: "=", value: true };
  const b: Condition = { fact: "totalInvestmentFen", op: ">=", value: wan(1000) };
  const run = (conditions: Condition, facts: Facts) =>
    evaluatePolicy(policy({ conditions, formula: { kind: "fixed", amountFen: wan(1) } }), facts, ctx);

  it.each([
    ["all", { aboveScale: true }, "missing", "unknown"],
    ["all", { aboveScale: false }, "ineligible", "fail"],
    ["all", { aboveScale: true, totalInvestmentFen: wan(1000) }, "eligible", "pass"],
    ["any", { aboveScale: true }, "eligible", "pass"],
    ["any", { aboveScale: false }, "missing", "unknown"],
    ["any", { aboveScale: false, totalInvestmentFen: 0 }, "ineligible", "fail"],
  ] as const)("%s with %j → %s", (op, facts, status, outcome) => {
    const r = run({ op, of: [a, b] }, facts);
    expect(r.status).toBe(status);
    expect(r.conditions.outcome).toBe(outcome);
  });

  it("not flips pass/fail and keeps unknown", () => {
    const c: Condition = { op: "not", of: { fact: "srdiTier", op: "in", values: ["none"] } };
    expect(run(c, { srdiTier: "innovative_sme" }).conditions).toMatchObject({
      outcome: "pass",
      text: "不属于下列情形（符合要求）",
    });
    expect(run(c, { srdiTier: "none" }).status).toBe("ineligible");
    expect(run(c, {}).status).toBe("missing");
  });

  it("lists what is missing with labels, from conditions and from the formula", () => {
    const r = evaluatePolicy(policy(), {}, ctx);
    expect(r.status).toBe("missing");
    expect(r.missing).toEqual([
      { fact: "totalInvestmentFen", label: "项目总投资", subject: "project", reason: "absent" },
      { fact: "equipmentInvestmentFen", label: "先进设备投资", subject: "project", reason: "absent" },
    ]);
    expect(r.summary).toBe("“测试政策”暂不能判断：尚缺项目总投资、先进设备投资");
    expect(leaves(r)[0]!.text).toBe("尚未提供项目总投资，无法判断是否 ≥ 1,000万元");
    expect(r.amountFen).toBeNull();
  });

  it("an eligible project still needs the formula's facts", () => {
    const r = evaluatePolicy(policy(), { totalInvestmentFen: wan(2000) }, ctx);
    expect(r.status).toBe("missing");
    expect(r.missing.map((m) => m.fact)).toEqual(["equipmentInvestmentFen"]);
  });

  it("an unknown branch an `any` did not need does not block an eligible result", () => {
    const r = run({ op: "any", of: [a, b] }, { aboveScale: true });
    expect(r.missing).toEqual([]);
    expect(r.amountFen).toBe(wan(1));
  });

  it("values of the wrong type are reported as invalid, not read as false", () => {
    for (const bad of [-1, 1.5, "1000", Number.MAX_SAFE_INTEGER + 1]) {
      const r = evaluatePolicy(policy(), { totalInvestmentFen: bad, equipmentInvestmentFen: 0 }, ctx);
      expect(r.status).toBe("missing");
      expect(r.missing[0]).toMatchObject({ fact: "totalInvestmentFen", reason: "invalid" });
    }
    const r = run(a, { aboveScale: "yes" });
    expect(r.conditions.text).toBe("规上企业填报有误（规上企业应为是或否），无法判断是否为“是”");
  });
});

describe("validity dates (Asia/Shanghai calendar dates, both ends inclusive)", () => {
  const def = policy({ validity: { from: "2024-01-01", until: "2025-12-31" } });
  const f = { totalInvestmentFen: wan(1000), equipmentInvestmentFen: wan(100) };
  it.each([
    ["2023-12-31", "ineligible", "2023-12-31 早于政策生效日期 2024-01-01"],
    ["2024-01-01", "eligible", "2024-01-01 在政策有效期内（2024-01-01 至 2025-12-31，含首尾）"],
    ["2025-12-31", "eligible", "2025-12-31 在政策有效期内（2024-01-01 至 2025-12-31，含首尾）"],
    ["2026-01-01", "ineligible", "政策有效期至 2025-12-31（含当日），2026-01-01 已过期"],
  ])("on %s → %s", (today, status, text) => {
    const r = evaluatePolicy(def, f, { today });
    expect(r.status).toBe(status);
    expect(r.validity.text).toBe(text);
    if (status === "ineligible") expect(r.summary).toBe(`不符合“测试政策”：${text}`);
  });
  it("no dates: always valid, and says so", () => {
    expect(evaluatePolicy(policy(), f, ctx).validity).toEqual({
      outcome: "pass",
      text: "政策文本未载明有效期",
    });
  });
  it("refuses a malformed evaluation date", () => {
    expect(() => evaluatePolicy(def, f, { today: "2025-02-30" })).toThrow(RangeError);
  });
});

describe("formulas", () => {
  const run = (p: PolicyPatch, facts: Facts, c: EvaluationContext = ctx) =>
    evaluatePolicy(policy({ conditions: { op: "all", of: [] }, ...p }), facts, c);

  it("rate × summed base, with the sum shown", () => {
    const r = run(
      {
        formula: {
          kind: "rate",
          base: ["equipmentInvestmentFen", "softwareInvestmentFen"],
          baseLabel: "先进设备及软硬件工具投资",
          rate: { num: 10, den: 100 },
        },
      },
      { equipmentInvestmentFen: wan(600), softwareInvestmentFen: wan(200) },
    );
    expect(r.amountFen).toBe(wan(80));
    expect(r.steps.map((s) => s.text)).toEqual([
      "先进设备投资 600万元 + 软硬件工具投资 200万元 = 800万元（先进设备及软硬件工具投资）",
      "先进设备及软硬件工具投资 800万元 × 10% = 80万元",
      "由市级财政全额承担 80万元",
    ]);
  });

  it.each([
    ["down", 1, 8_000_000_05, 80_000_000, "800,000.005元 按分向下取整（舍去）为 80万元"],
    ["up", 1, 8_000_000_05, 80_000_001, "800,000.005元 按分向上取整（进位）为 800,000.01元"],
    ["halfUp", 1, 8_000_000_05, 80_000_001, "800,000.005元 按分四舍五入为 800,000.01元"],
    ["halfUp", 1, 8_000_000_04, 80_000_000, "800,000.004元 按分四舍五入为 80万元"],
    ["down", 100, 8_000_009_90, 80_000_000, "800,000.99元 按元向下取整（舍去）为 80万元"],
    ["halfUp", 1_000_000, wan(805), wan(81), "80.5万元 按万元四舍五入为 81万元"],
  ] as const)("rounding %s to %d 分 of %d × 10%%", (mode, unitFen, base, amount, step) => {
    const r = run({ rounding: { mode, unitFen } }, { equipmentInvestmentFen: base });
    expect(r.amountFen).toBe(amount);
    expect(r.steps[1]).toEqual({ text: step, amountFen: amount });
  });

  it("exact beyond 2^53 in the product: no fen lost", () => {
    // 90,071,992,547,409.91 元 × 1/3: the product passes 2^53 分 before the division.
    const base = Number.MAX_SAFE_INTEGER;
    const r = run(
      { formula: { kind: "rate", base: ["equipmentInvestmentFen"], rate: { num: 1, den: 3 } } },
      {
        equipmentInvestmentFen: base,
      },
    );
    expect(BigInt(r.amountFen!)).toBe(BigInt(base) / 3n);
  });

  it("fixed award", () => {
    const r = run({ formula: { kind: "fixed", amountFen: wan(30) } }, {});
    expect(r.amountFen).toBe(wan(30));
    expect(r.steps[0]!.text).toBe("定额奖补 30万元");
  });

  describe("level table (highest row at or below the level)", () => {
    const formula = {
      kind: "levelTable" as const,
      fact: "dcmmLevel",
      rows: [
        { level: 2, amountFen: wan(10) },
        { level: 3, amountFen: wan(20) },
        { level: 4, amountFen: wan(30) },
      ],
    };
    it.each([
      [1, 0, "DCMM 数据管理能力成熟度等级 1级（初始级），未达到最低奖补等级 2级，金额为 0"],
      [2, wan(10), "DCMM 数据管理能力成熟度等级 2级（受管理级）：奖补 10万元"],
      [3, wan(20), "DCMM 数据管理能力成熟度等级 3级（稳健级）：奖补 20万元"],
      [5, wan(30), "DCMM 数据管理能力成熟度等级 5级（优化级），按 4级：奖补 30万元"],
    ])("level %d → %d 分", (level, amount, step) => {
      const r = run({ formula }, { dcmmLevel: level });
      expect(r.amountFen).toBe(amount);
      expect(r.steps[0]!.text).toBe(step);
    });
  });

  describe("tiers", () => {
    // [0, 100万) 10% · [100万, 500万) 5% · 500万 and up 2%
    const brackets = [
      { fromFen: 0, toFen: wan(100), rate: { num: 10, den: 100 } },
      { fromFen: wan(100), toFen: wan(500), rate: { num: 5, den: 100 } },
      { fromFen: wan(500), rate: { num: 2, den: 100 } },
    ];
    const prog = {
      kind: "tiered" as const,
      mode: "progressive" as const,
      base: ["actualInvestmentFen"],
      brackets,
    };
    const byBracket = { ...prog, mode: "bracket" as const };
    it.each([
      [0, 0, 0],
      [wan(100) - 1, wan(10) - 1, wan(10) - 1], // 999,999.99 × 10% = 99,999.999 → down
      [wan(100), wan(10), wan(5)],
      [wan(300), wan(10) + wan(10), wan(15)],
      [wan(500), wan(10) + wan(20), wan(10)],
      [wan(1000), wan(10) + wan(20) + wan(10), wan(20)],
    ])("base %d → progressive %d, by bracket %d", (base, p, b) => {
      expect(run({ formula: prog }, { actualInvestmentFen: base }).amountFen).toBe(p);
      expect(run({ formula: byBracket }, { actualInvestmentFen: base }).amountFen).toBe(b);
    });
    it("explains each bracket", () => {
      const r = run({ formula: prog }, { actualInvestmentFen: wan(300) });
      expect(r.steps.map((s) => s.text).slice(0, 3)).toEqual([
        "第 1 档 0元（含）至 100万元（不含）：100万元 × 10% = 10万元",
        "第 2 档 100万元（含）至 500万元（不含）：200万元 × 5% = 10万元",
        "实际投资额 300万元 累进合计 10万元 + 10万元 = 20万元",
      ]);
      const b = run({ formula: byBracket }, { actualInvestmentFen: wan(100) });
      expect(b.steps[0]!.text).toBe(
        "实际投资额 100万元 属于第 2 档（100万元（含）至 500万元（不含））：100万元 × 5% = 5万元",
      );
    });
    it("bounded last bracket: nothing beyond it", () => {
      const bounded = [{ fromFen: 0, toFen: wan(100), rate: { num: 10, den: 100 } }];
      const r = run({ formula: { ...prog, brackets: bounded } }, { actualInvestmentFen: wan(150) });
      expect(r.amountFen).toBe(wan(10));
      expect(r.steps[1]!.text).toBe("实际投资额超过 100万元 的部分不予计算");
      const fixed = [{ fromFen: wan(50), toFen: wan(100), amountFen: wan(3) }];
      const z = run(
        { formula: { ...byBracket, brackets: [{ fromFen: 0, toFen: wan(50), amountFen: 0 }, ...fixed] } },
        {
          actualInvestmentFen: wan(100),
        },
      );
      expect(z.amountFen).toBe(0);
      expect(z.steps[0]!.text).toBe("实际投资额 100万元 不在任何档位内，金额为 0");
    });
  });

  describe("interest subsidy: principal × rate × months / 12", () => {
    const formula = {
      kind: "interestSubsidy" as const,
      principal: "loanPrincipalFen",
      months: "loanMonths",
      annualRate: { num: 15, den: 1000 },
    };
    it.each([
      [wan(1000), 12, wan(15)],
      [wan(1000), 18, wan(22.5)],
      [wan(1000), 7, 8_750_000], // 1000万 × 1.5% × 7/12 = 87,500元
      [yuan(1_000_001), 13, 1_625_001], // 1,000,001 × 0.015 × 13/12 = 16,250.01625 元 → 16,250.01
      [yuan(333_333), 1, 41_666], // 416.66625 元 → 416.66
      [wan(1000), 0, 0],
    ])("principal %d 分 over %d months → %d 分", (principal, months, amount) => {
      const r = run({ formula }, { loanPrincipalFen: principal, loanMonths: months });
      expect(r.amountFen).toBe(amount);
    });
    it("explains the term, and honours maxMonths", () => {
      const r = run(
        { formula: { ...formula, maxMonths: 24 } },
        { loanPrincipalFen: wan(1000), loanMonths: 30 },
      );
      expect(r.amountFen).toBe(wan(30));
      expect(r.steps.map((s) => s.text).slice(0, 2)).toEqual([
        "贷款期限 30个月，贴息期限最长 24个月，按 24个月计",
        "贷款本金 1,000万元 × 年贴息 1.5% × 24个月 ÷ 12 = 30万元",
      ]);
    });
    it("missing term is missing, not zero", () => {
      const r = run({ formula }, { loanPrincipalFen: wan(1000) });
      expect(r.status).toBe("missing");
      expect(r.missing).toEqual([
        { fact: "loanMonths", label: "贷款期限", subject: "project", reason: "absent" },
      ]);
    });
  });
});

describe("floor and caps", () => {
  const run = (p: PolicyPatch, facts: Facts, c: EvaluationContext = ctx) =>
    evaluatePolicy(policy({ conditions: { op: "all", of: [] }, ...p }), facts, c);

  it.each([
    [wan(2000) - 1, wan(200) - 1, "未超过单个项目最高 200万元"], // just below the cap: 1 fen less after rounding down (…×10%=1,999,999.999 → 1,999,999.99)
    [wan(2000), wan(200), "未超过单个项目最高 200万元"],
    [wan(2000) + 10, wan(200), "超过单个项目最高 200万元，按 200万元 封顶"],
  ])("per-award cap 200万元 at base %d", (base, amount, step) => {
    const r = run({ caps: { perAwardFen: wan(200) } }, { equipmentInvestmentFen: base });
    expect(r.amountFen).toBe(amount);
    expect(r.steps.at(-2)!.text).toBe(step);
  });

  it("per-enterprise cap counts prior awards of this policy (and listed ones) only", () => {
    const def = policy({
      conditions: { op: "all", of: [] },
      beneficiary: "enterprise",
      caps: { perEnterpriseFen: wan(50), countsAwardsOf: ["old-cloud"] },
    });
    const facts = { equipmentInvestmentFen: wan(400) }; // 40万
    const priorAwards = [
      { policyId: "test-policy", amountFen: wan(15), awardedOn: "2023-05-01" },
      { policyId: "old-cloud", amountFen: wan(5), awardedOn: "2022-05-01" },
      { policyId: "other", amountFen: wan(100), awardedOn: "2024-05-01" },
    ];
    const r = evaluatePolicy(def, facts, { today: TODAY, priorAwards });
    expect(r.amountFen).toBe(wan(30));
    expect(r.steps.at(-2)!.text).toBe(
      "已获本政策奖补 20万元，每家企业累计最高 50万元，剩余额度 30万元，按 30万元 核定",
    );
    const used = evaluatePolicy(def, facts, {
      today: TODAY,
      priorAwards: [{ policyId: "test-policy", amountFen: wan(60), awardedOn: "2023-05-01" }],
    });
    expect(used.status).toBe("eligible");
    expect(used.amountFen).toBe(0);
    expect(used.summary).toBe("符合“测试政策”条件，但额度已用完，本次为 0元");
  });

  it("per-year cap counts only awards of the evaluation year", () => {
    const def = policy({
      conditions: { op: "all", of: [] },
      beneficiary: "enterprise",
      caps: { perEnterprisePerYearFen: wan(30) },
    });
    const priorAwards = [
      { policyId: "test-policy", amountFen: wan(20), awardedOn: "2025-01-10" },
      { policyId: "test-policy", amountFen: wan(20), awardedOn: "2024-12-31" },
    ];
    const r = evaluatePolicy(def, { equipmentInvestmentFen: wan(400) }, { today: TODAY, priorAwards });
    expect(r.amountFen).toBe(wan(10));
    expect(r.steps.at(-2)!.text).toBe(
      "已获本政策奖补 20万元，每家企业 2025年最高 30万元，剩余额度 10万元，按 10万元 核定",
    );
    const nextYear = evaluatePolicy(
      def,
      { equipmentInvestmentFen: wan(400) },
      { today: "2026-01-01", priorAwards },
    );
    expect(nextYear.amountFen).toBe(wan(30));
  });

  it("a floor raises a small amount but never over a cap", () => {
    expect(run({ minFen: wan(5) }, { equipmentInvestmentFen: wan(10) }).amountFen).toBe(wan(5));
    expect(run({ minFen: wan(5) }, { equipmentInvestmentFen: wan(100) }).amountFen).toBe(wan(10));
    const r = run({ minFen: wan(5), caps: { perAwardFen: wan(5) } }, { equipmentInvestmentFen: wan(1) });
    expect(r.amountFen).toBe(wan(5));
    expect(r.steps[1]!.text).toBe("低于最低金额 5万元，按 5万元 核定");
  });

  it("caps and the floor may be parameters", () => {
    const def = policy({
      conditions: { op: "all", of: [] },
      parameters: [
        { id: "cap", label: "单项目上限", kind: "money", value: null, setByCity: true, note: "n" },
      ],
      caps: { perAwardFen: { param: "cap" } },
    });
    const r = evaluatePolicy(def, { equipmentInvestmentFen: wan(100) }, ctx);
    expect(r.status).toBe("missing");
    expect(r.summary).toBe("“测试政策”暂不能判断：政策参数“单项目上限”尚未由市里设定");
    expect(
      evaluatePolicy(withParameters(def, { cap: wan(3) }), { equipmentInvestmentFen: wan(100) }, ctx)
        .amountFen,
    ).toBe(wan(3));
  });
});

describe("shares between budgets sum exactly to the amount", () => {
  const half = { num: 1, den: 2 };
  const run = (shares: PolicyPatch["shares"], base: number) =>
    evaluatePolicy(
      policy({ conditions: { op: "all", of: [] }, shares }),
      { equipmentInvestmentFen: base },
      ctx,
    );

  it("50/50 with an odd fen: the remainder payer (city) takes it", () => {
    const r = run(
      [
        { payer: "district", ratio: half },
        { payer: "city", remainder: true },
      ],
      8_000_000_10,
    ); // 80,000,001 分
    expect(r.amountFen).toBe(80_000_001);
    expect(r.shares).toEqual([
      {
        payer: "district",
        payerLabel: "区级财政",
        budgetPoolId: "test-pool",
        ratioText: "50%",
        amountFen: 40_000_000,
      },
      {
        payer: "city",
        payerLabel: "市级财政",
        budgetPoolId: "test-pool",
        ratioText: "其余部分",
        amountFen: 40_000_001,
      },
    ]);
    expect(r.steps.slice(-2).map((s) => s.text)).toEqual([
      "区级财政承担 50% = 40万元（不足1分的部分计入其余部分）",
      "市级财政承担其余部分 = 400,000.01元",
    ]);
  });

  it("thirds with a share's own budget pool", () => {
    const third = { num: 1, den: 3 };
    const r = run(
      [
        { payer: "central", ratio: third },
        { payer: "city", remainder: true },
        { payer: "district", ratio: third, budgetPoolId: "district-pool" },
      ],
      100,
    ); // 10 分 → 3 + 4 + 3
    expect(r.shares.map((s) => [s.payer, s.amountFen, s.budgetPoolId])).toEqual([
      ["central", 3, "test-pool"],
      ["city", 4, "test-pool"],
      ["district", 3, "district-pool"],
    ]);
  });

  it("a district share left to the city as an unset parameter: missing, named", () => {
    const def = policy({
      conditions: { op: "all", of: [] },
      parameters: [
        { id: "ds", label: "区级财政承担比例", kind: "ratio", value: null, setByCity: true, note: "n" },
      ],
      shares: [
        { payer: "district", ratio: { param: "ds" } },
        { payer: "city", remainder: true },
      ],
    });
    const r = evaluatePolicy(def, { equipmentInvestmentFen: wan(100) }, ctx);
    expect(r.status).toBe("missing");
    expect(r.missingParameters).toEqual([{ id: "ds", label: "区级财政承担比例" }]);
    expect(r.shares).toEqual([]);
    const set = evaluatePolicy(
      withParameters(def, { ds: { num: 30, den: 100 } }),
      { equipmentInvestmentFen: wan(100) },
      ctx,
    );
    expect(set.shares.map((s) => s.amountFen)).toEqual([wan(3), wan(7)]);
  });
});

describe("withParameters", () => {
  const def = policy({
    parameters: [{ id: "r", label: "比例", kind: "ratio", value: null, setByCity: true, note: "n" }],
    formula: { kind: "rate", base: ["equipmentInvestmentFen"], rate: { param: "r" } },
  });
  it("refuses unknown ids and wrongly typed values", () => {
    expect(() => withParameters(def, { x: 1 })).toThrow("政策“测试政策”没有参数“x”");
    expect(() => withParameters(def, { r: 5 })).toThrow("参数“比例”应为比例 {num, den}");
  });
  it("does not change the original", () => {
    const changed = withParameters(def, { r: { num: 1, den: 10 } });
    expect(def.parameters[0]!.value).toBeNull();
    expect(changed.parameters[0]!.value).toEqual({ num: 1, den: 10 });
  });
});
