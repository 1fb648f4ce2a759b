import { readdirSync, readFileSync } from "node:fs";
import { AllEvaluation, PolicyDefinition, PolicyEvaluation } from "@dxcenter/contracts";
import {
  type PolicyDefinition as Def,
  evaluateAll,
  evaluatePolicy,
  type Facts,
  projectFacts,
  validatePolicies,
  withParameters,
} from "@dxcenter/domain";
import { describe, expect, it } from "vitest";

/** The shipped policy files, read the way the seeder will read them: from disk, through zod. */
const dir = new URL(".", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
const load = (f: string) => JSON.parse(readFileSync(new URL(f, dir), "utf8")) as unknown;
const defs = new Map(files.map((f) => [f.replace(/\.json$/, ""), PolicyDefinition.parse(load(f))]));
const def = (id: string): Def => defs.get(id)!;
/** The source texts the clauses are quoted from, kept beside the policies (copied from shared/seeds). */
const seeds = new URL("sources/", dir);

const wan = (n: number) => Math.round(n * 1_000_000);
const TODAY = "2025-06-30";
const run = (id: string, facts: Facts, today = TODAY) => {
  const r = evaluatePolicy(def(id), facts, { today });
  PolicyEvaluation.parse(r); // what the API will serialize
  return r;
};
const leafTexts = (r: ReturnType<typeof run>) => (r.conditions.children ?? []).map((c) => c.text);

describe("policy data files", () => {
  it("are exactly the eight shipped policies", () => {
    expect(files.sort()).toEqual([
      "national-tech-reloan-interest-subsidy.json",
      "national-ultra-long-bond-equipment-renewal.json",
      "tj-city-cloud-adoption.json",
      "tj-city-equipment-renewal.json",
      "tj-city-industrial-internet-demo.json",
      "tj-city-tech-upgrade.json",
      "zj-dcmm-level-award.json",
      "zj-identifier-resolution-award.json",
    ]);
  });

  it.each(files)(
    "%s passes the zod schema, its id matches the file name, and it says what is unconfirmed",
    (f) => {
      const parsed = PolicyDefinition.safeParse(load(f));
      expect(parsed.error?.issues ?? []).toEqual([]);
      const d = parsed.data!;
      expect(`${d.id}.json`).toBe(f);
      expect(d.unconfirmed?.length ?? 0).toBeGreaterThan(0);
      for (const p of d.parameters) expect(p.note.length).toBeGreaterThan(10);
    },
  );

  it("together: unique id + version, consistent non-cumulation groups", () => {
    expect(validatePolicies([...defs.values()])).toEqual({ ok: true });
    const group = [...defs.values()].filter((d) => d.nonCumulation).map((d) => d.id);
    expect(group.sort()).toEqual([
      "national-ultra-long-bond-equipment-renewal",
      "tj-city-equipment-renewal",
      "tj-city-tech-upgrade",
    ]);
    // The texts never say 不重复享受; the data must say the grouping is a reading.
    expect(def("tj-city-tech-upgrade").nonCumulation!.note).toContain("合理解读");
  });

  it("quote their source text verbatim", () => {
    for (const d of defs.values()) {
      const text = readFileSync(new URL(d.source.seedFile!, seeds), "utf8");
      expect(text, d.id).toContain(d.source.clause);
      if (d.source.validityClause) expect(text, d.id).toContain(d.source.validityClause);
    }
  });
});

describe("city 技改: total ≥ 1000万元 → 10% of advanced equipment + software/hardware tools, 市区共担", () => {
  const project = (total: number) => ({
    projectType: "tech_upgrade",
    totalInvestmentFen: total,
    equipmentInvestmentFen: wan(600),
    softwareInvestmentFen: wan(200) + 10, // 2,000,000.10 元 → 10% = 80,000,001 分
  });
  it.each([
    [wan(1000) - 1, "ineligible", "项目总投资 9,999,999.99元，低于 1,000万元门槛（需 ≥ 1,000万元）"],
    [wan(1000), "eligible", "项目总投资 1,000万元，达到 ≥ 1,000万元门槛"],
    [wan(1000) + 1, "eligible", "项目总投资 10,000,000.01元，达到 ≥ 1,000万元门槛"],
  ])("total %d 分 → %s", (total, status, text) => {
    const r = run("tj-city-tech-upgrade", project(total));
    expect(r.status).toBe(status);
    expect(leafTexts(r)[1]).toBe(text);
  });
  it("amount and a 50/50 split whose odd fen goes to the city", () => {
    const r = run("tj-city-tech-upgrade", project(wan(1200)));
    expect(r.amountFen).toBe(80_000_001);
    expect(r.steps.map((s) => s.text)).toEqual([
      "先进设备投资 600万元 + 软硬件工具投资 2,000,000.1元 = 8,000,000.1元（先进设备及软硬件工具投资）",
      "先进设备及软硬件工具投资 8,000,000.1元 × 10% = 800,000.01元",
      "区级财政承担 50% = 40万元（不足1分的部分计入其余部分）",
      "市级财政承担其余部分 = 400,000.01元",
    ]);
    expect(r.shares.map((s) => [s.payer, s.amountFen])).toEqual([
      ["district", 40_000_000],
      ["city", 40_000_001],
    ]);
  });
  it("the district share is the city's parameter", () => {
    const d = withParameters(def("tj-city-tech-upgrade"), { districtShare: { num: 30, den: 100 } });
    const r = evaluatePolicy(d, project(wan(1200)), { today: TODAY });
    expect(r.shares.map((s) => s.amountFen)).toEqual([24_000_000, 56_000_001]);
  });
  it("only 技术改造 projects", () => {
    const r = run("tj-city-tech-upgrade", { ...project(wan(2000)), projectType: "equipment_renewal" });
    expect(r.summary).toBe("不符合“天津市工业技术改造项目资金支持”：项目类型为“设备更新”，不属于 “技术改造”");
  });
});

describe("city 设备更新 (≥ 500万元, 10% 核定设备投资, 市级) and national 超长期特别国债 (≥ 2000万元, 15%)", () => {
  const facts = (total: number) => ({
    projectType: "equipment_renewal",
    totalInvestmentFen: total,
    approvedEquipmentInvestmentFen: wan(400) + 7,
  });
  it.each([
    ["tj-city-equipment-renewal", wan(500), wan(40)],
    ["national-ultra-long-bond-equipment-renewal", wan(2000), wan(60) + 1], // 4,000,000.07 × 15% = 600,000.0105 元
  ])("%s: 1 fen below, at and above the threshold", (id, threshold, amount) => {
    expect(run(id, facts(threshold - 1)).status).toBe("ineligible");
    expect(run(id, facts(threshold)).amountFen).toBe(amount);
    expect(run(id, facts(threshold + 1)).amountFen).toBe(amount);
  });
  it("who pays", () => {
    expect(run("tj-city-equipment-renewal", facts(wan(600))).shares).toMatchObject([
      { payer: "city", ratioText: "100%" },
    ]);
    const n = run("national-ultra-long-bond-equipment-renewal", facts(wan(3000)));
    expect(n.shares).toMatchObject([{ payer: "central", amountFen: wan(60) + 1 }]);
    expect(n.steps.at(-1)!.text).toBe("由中央财政全额承担 600,000.01元");
  });
});

describe("技术改造再贷款 interest subsidy: 1.5 percentage points × principal × months/12", () => {
  it.each([
    [wan(1000), 12, wan(15)],
    [wan(1000), 18, wan(22.5)],
    [wan(1000), 7, 8_750_000],
    [wan(333.3333), 11, 4_583_332], // 3,333,333 元 × 1.5% × 11/12 = 45,833.32875 元 → 45,833.32
  ])("principal %d 分, %d months → %d 分", (principal, months, amount) => {
    const r = run("national-tech-reloan-interest-subsidy", {
      reloanSupported: true,
      loanPrincipalFen: principal,
      loanMonths: months,
    });
    expect(r.amountFen).toBe(amount);
  });
  it("explains the formula; not on the re-loan list → ineligible; no term → missing", () => {
    const r = run("national-tech-reloan-interest-subsidy", {
      reloanSupported: true,
      loanPrincipalFen: wan(1000),
      loanMonths: 18,
    });
    expect(r.steps[0]!.text).toBe("贷款本金 1,000万元 × 年贴息 1.5% × 18个月 ÷ 12 = 22.5万元");
    expect(r.amountNote).toContain("1.75%");
    expect(run("national-tech-reloan-interest-subsidy", { reloanSupported: false }).status).toBe(
      "ineligible",
    );
    const m = run("national-tech-reloan-interest-subsidy", {
      reloanSupported: true,
      loanPrincipalFen: wan(1000),
    });
    expect(m.status).toBe("missing");
    expect(m.missing.map((x) => x.label)).toEqual(["贷款期限"]);
  });
});

describe("工业互联网 示范项目: ≤ 20% of actual investment, at most 200万元", () => {
  const facts = (actual: number) => ({
    projectType: "industrial_internet",
    cityDemonstration: true,
    actualInvestmentFen: actual,
  });
  it.each([
    [wan(500), wan(100)],
    [wan(1000) - 1, wan(200) - 1], // 9,999,999.99 × 20% = 1,999,999.998 → down
    [wan(1000), wan(200)],
    [wan(1000) + 1, wan(200)],
    [wan(5000), wan(200)],
  ])("actual %d 分 → %d 分", (actual, amount) => {
    expect(run("tj-city-industrial-internet-demo", facts(actual)).amountFen).toBe(amount);
  });
  it("says the cap and that the amount is a maximum", () => {
    const r = run("tj-city-industrial-internet-demo", facts(wan(1500)));
    expect(r.steps.map((s) => s.text)).toContain("超过单个项目最高 200万元，按 200万元 封顶");
    expect(r.amountNote).toContain("最高额");
    expect(
      run("tj-city-industrial-internet-demo", { ...facts(wan(100)), cityDemonstration: false }).status,
    ).toBe("ineligible");
  });
});

describe("a project's declared 示范 / 再贷款 fields reach these two policies (projectFacts)", () => {
  const project = {
    type: "industrial_internet" as const,
    status: "acceptance" as const,
    totalInvestmentFen: wan(1500),
    equipmentInvestmentFen: wan(600),
    softwareInvestmentFen: wan(300),
    approvedEquipmentInvestmentFen: null,
    investmentCompletedFen: wan(1200),
    loanPrincipalFen: wan(1000),
    loanMonths: 24,
    cityDemonstration: true,
    reloanSupported: true,
    plannedStartDate: "2025-01-01",
    plannedFinishDate: "2025-12-31",
    startedOn: "2025-01-05",
    finishedOn: "2025-06-01",
  };
  it("示范 + actual investment 1,200万元 → 200万元 (capped); loan 1,000万元 × 24 months → 30万元", () => {
    const f = projectFacts(project);
    expect(run("tj-city-industrial-internet-demo", f).amountFen).toBe(wan(200));
    expect(run("tj-city-industrial-internet-demo", { ...f, actualInvestmentFen: wan(800) }).amountFen).toBe(
      wan(160),
    );
    const loan = run("national-tech-reloan-interest-subsidy", f);
    expect(loan.status).toBe("eligible");
    expect(loan.amountFen).toBe(wan(30));
  });
  it("not declared → ineligible with the condition named", () => {
    const f = projectFacts({ ...project, cityDemonstration: false, reloanSupported: false });
    const demo = run("tj-city-industrial-internet-demo", f);
    expect(demo.status).toBe("ineligible");
    expect(demo.summary).toContain("入选市级示范项目");
    expect(run("national-tech-reloan-interest-subsidy", f).status).toBe("ineligible");
  });
});

describe("上云: at most 50万元 per enterprise; the rate is the city's parameter", () => {
  const facts = { cloudAdopted: true, cloudSpendFen: wan(120) };
  it("unset rate → missing, naming the parameter", () => {
    const r = run("tj-city-cloud-adoption", facts);
    expect(r.status).toBe("missing");
    expect(r.missingParameters).toEqual([{ id: "cloudSubsidyRate", label: "上云费用补助比例" }]);
  });
  it("with a rate: capped per enterprise, prior awards counted", () => {
    const d = withParameters(def("tj-city-cloud-adoption"), { cloudSubsidyRate: { num: 30, den: 100 } });
    expect(evaluatePolicy(d, facts, { today: TODAY }).amountFen).toBe(wan(36));
    expect(evaluatePolicy(d, { ...facts, cloudSpendFen: wan(300) }, { today: TODAY }).amountFen).toBe(
      wan(50),
    );
    const prior = [{ policyId: "tj-city-cloud-adoption", amountFen: wan(30), awardedOn: "2024-05-01" }];
    const r = evaluatePolicy(d, facts, { today: TODAY, priorAwards: prior });
    expect(r.amountFen).toBe(wan(20));
    expect(r.steps.at(-2)!.text).toBe(
      "已获本政策奖补 30万元，每家企业累计最高 50万元，剩余额度 20万元，按 20万元 核定",
    );
  });
});

describe("湛江 DCMM 2/3/4/5级 awards (amounts set by the city) and validity until 2025-12-31", () => {
  const set = withParameters(def("zj-dcmm-level-award"), {
    dcmmAward2: wan(10),
    dcmmAward3: wan(20),
    dcmmAward4: wan(30),
    dcmmAward5: wan(50),
  });
  it("amounts are not invented: shipped parameters are unset", () => {
    const r = run("zj-dcmm-level-award", { dcmmLevel: 3 });
    expect(r.status).toBe("missing");
    expect(r.summary).toBe(
      "“湛江市数据管理能力成熟度（DCMM）贯标奖补”暂不能判断：政策参数“DCMM 3级奖补金额”尚未由市里设定",
    );
  });
  it.each([
    [1, null],
    [2, wan(10)],
    [3, wan(20)],
    [4, wan(30)],
    [5, wan(50)],
  ])("level %d → %s", (level, amount) => {
    expect(evaluatePolicy(set, { dcmmLevel: level }, { today: TODAY }).amountFen).toBe(amount);
  });
  it.each([
    ["2025-12-31", "eligible"],
    ["2026-01-01", "ineligible"],
  ])("on %s → %s", (today, status) => {
    expect(evaluatePolicy(set, { dcmmLevel: 2 }, { today }).status).toBe(status);
  });
});

describe("湛江 标识解析: ≥ 100,000 identifiers, ≥ 1,000 resolutions/day, ≥ 1 innovative case", () => {
  const good = {
    usesLocalIdentifierNode: true,
    identifiersRegistered: 100_000,
    resolutionsPerDay: 1000,
    innovativeCases: 1,
  };
  const d = withParameters(def("zj-identifier-resolution-award"), { identifierAward: wan(10) });
  it.each([
    [{}, "eligible"],
    [{ identifiersRegistered: 99_999 }, "ineligible"],
    [{ resolutionsPerDay: 999 }, "ineligible"],
    [{ innovativeCases: 0 }, "ineligible"],
    [{ usesLocalIdentifierNode: false }, "ineligible"],
    [{ identifiersRegistered: 100_001, resolutionsPerDay: 1001, innovativeCases: 2 }, "eligible"],
    [{ resolutionsPerDay: null }, "missing"],
  ])("%j → %s", (patch, status) => {
    expect(evaluatePolicy(d, { ...good, ...patch }, { today: TODAY }).status).toBe(status);
  });
  it("explains each threshold", () => {
    const r = evaluatePolicy(d, { ...good, identifiersRegistered: 99_999 }, { today: TODAY });
    expect(leafTexts(r)).toEqual([
      "使用本地工业互联网标识解析二级节点：是",
      "标识注册总量 99,999个，低于 100,000个门槛（需 ≥ 100,000个）",
      "日均标识解析量 1,000次，达到 ≥ 1,000次门槛",
      "标识创新应用案例 1个，达到 ≥ 1个门槛",
    ]);
  });
});

describe("evaluateAll on the shipped files", () => {
  it("a 3000万元 技改 project gets the best of the equipment group, plus the interest subsidy", () => {
    const facts: Facts = {
      projectType: "tech_upgrade",
      totalInvestmentFen: wan(3000),
      equipmentInvestmentFen: wan(1500),
      softwareInvestmentFen: wan(300),
      approvedEquipmentInvestmentFen: wan(1400),
      reloanSupported: true,
      loanPrincipalFen: wan(1000),
      loanMonths: 18,
    };
    const all = evaluateAll([...defs.values()], facts, { today: TODAY, projectId: "p1" });
    AllEvaluation.parse(all);
    const by = new Map(all.results.map((r) => [r.evaluation.policyId, r]));
    expect(by.get("tj-city-tech-upgrade")!.evaluation.amountFen).toBe(wan(180));
    expect(by.get("tj-city-equipment-renewal")!.evaluation.amountFen).toBe(wan(140));
    expect(by.get("national-ultra-long-bond-equipment-renewal")!.grantedFen).toBe(wan(210));
    expect(by.get("tj-city-tech-upgrade")!.exclusion!.text).toBe(
      "与“超长期特别国债支持工业领域设备更新”不重复享受，按金额较高者享受“超长期特别国债支持工业领域设备更新”（210万元）",
    );
    expect(by.get("national-tech-reloan-interest-subsidy")!.grantedFen).toBe(wan(22.5));
    expect(all.totalGrantedFen).toBe(wan(232.5));
    // The applicant may prefer the city's programme (e.g. faster payment).
    const chosen = evaluateAll([...defs.values()], facts, {
      today: TODAY,
      projectId: "p1",
      choices: { "tj-equipment-and-tech-upgrade": "tj-city-tech-upgrade" },
    });
    expect(chosen.totalGrantedFen).toBe(wan(202.5));
  });
});

describe("PolicyDefinition schema", () => {
  // JSON.parse's result is untyped on purpose: these tests break the document in arbitrary places.
  const techUpgrade = () => JSON.parse(readFileSync(new URL("tj-city-tech-upgrade.json", dir), "utf8"));

  it("reports shape errors in Chinese with the path", () => {
    const bad = techUpgrade();
    bad.amount.formula.kind = "percent";
    const r = PolicyDefinition.safeParse(bad);
    expect(r.error!.issues[0]).toMatchObject({
      message: "计算公式 kind 应为 rate、fixed、levelTable、tiered 或 interestSubsidy",
      path: ["amount", "formula", "kind"],
    });
    const noRounding = techUpgrade();
    noRounding.amount.rounding.unitFen = 50;
    expect(PolicyDefinition.safeParse(noRounding).error!.issues[0]!.message).toBe(
      "取整单位 unitFen 应为 1（分）、100（元）、10000（百元）或 1000000（万元）",
    );
  });

  it("runs the semantic checks too (a typo in a fact, a share over 100%)", () => {
    const bad = techUpgrade();
    bad.conditions.of[1].fact = "totalInvestment";
    bad.parameters[0].value = { num: 120, den: 100 };
    const r = PolicyDefinition.safeParse(bad);
    expect(r.error!.issues.map((i) => [i.path, i.message])).toEqual([
      [["parameters", 0, "value"], "参数“区级财政承担比例”的比例 120% 超过 100%"],
      [["conditions", "of", 1, "fact"], "事实“totalInvestment”不在事实目录中"],
      [["funding", "shares"], "各出资方的承担比例合计 120%，超过 100%"],
    ]);
  });

  it("refuses float money", () => {
    const bad = techUpgrade();
    bad.conditions.of[1].value = 10000000.5;
    expect(PolicyDefinition.safeParse(bad).error!.issues.map((i) => i.message)).toEqual([
      "条件“项目总投资”的取值 10000000.5 无效：应为不小于 0 的整数分",
    ]);
  });
});
