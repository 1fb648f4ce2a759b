import { describe, expect, it } from "vitest";
import { evaluateAll } from "./evaluate-all";
import { policy, TODAY, wan } from "./test-support";

// Three project policies of one group paying 10%, 15% and 12% of the equipment investment, and one
// ungrouped policy paying a fixed 5万元.
const a = policy({ id: "a", name: "甲", group: "g" });
const b = policy({
  id: "b",
  name: "乙",
  group: "g",
  formula: { kind: "rate", base: ["equipmentInvestmentFen"], rate: { num: 15, den: 100 } },
  conditions: { fact: "totalInvestmentFen", op: ">=", value: wan(2000) },
});
const c = policy({
  id: "c",
  name: "丙",
  group: "g",
  formula: { kind: "rate", base: ["equipmentInvestmentFen"], rate: { num: 12, den: 100 } },
});
const free = policy({ id: "free", name: "丁", formula: { kind: "fixed", amountFen: wan(5) } });
const defs = [a, b, c, free];
const facts = { totalInvestmentFen: wan(3000), equipmentInvestmentFen: wan(1000) };

describe("evaluateAll and non-cumulation groups", () => {
  it("grants only the best of a group, plus ungrouped policies", () => {
    const r = evaluateAll(defs, facts, { today: TODAY, projectId: "p1" });
    expect(
      r.results.map((x) => [x.evaluation.policyId, x.evaluation.status, x.granted, x.grantedFen]),
    ).toEqual([
      ["a", "eligible", false, 0],
      ["b", "eligible", true, wan(150)],
      ["c", "eligible", false, 0],
      ["free", "eligible", true, wan(5)],
    ]);
    expect(r.totalGrantedFen).toBe(wan(155));
    expect(r.results[0]!.exclusion).toEqual({
      group: "g",
      reason: "better",
      byPolicyId: "b",
      byPolicyName: "乙",
      text: "与“乙”不重复享受，按金额较高者享受“乙”（150万元）",
      note: "测试：同一项目只享受其一",
    });
    // The excluded policy keeps its full evaluation: the calculator shows what it would give.
    expect(r.results[0]!.evaluation.amountFen).toBe(wan(100));
  });

  it("the applicant's choice wins when it is eligible", () => {
    const r = evaluateAll(defs, facts, { today: TODAY, projectId: "p1", choices: { g: "a" } });
    expect(r.results.filter((x) => x.granted).map((x) => x.evaluation.policyId)).toEqual(["a", "free"]);
    expect(r.results[1]!.exclusion).toMatchObject({
      reason: "chosen",
      text: "与“甲”不重复享受，申请人选择享受“甲”",
    });
  });

  it("a choice that is not eligible falls back to the best, and says so", () => {
    const small = { totalInvestmentFen: wan(1500), equipmentInvestmentFen: wan(1000) }; // b needs ≥ 2000万
    const r = evaluateAll(defs, small, { today: TODAY, projectId: "p1", choices: { g: "b" } });
    expect(r.results.filter((x) => x.granted).map((x) => x.evaluation.policyId)).toEqual(["c", "free"]);
    expect(r.results[0]!.exclusion!.text).toBe(
      "与“丙”不重复享受，所选政策不符合条件，按金额较高者享受“丙”（120万元）",
    );
    expect(r.results[1]!.exclusion).toBeUndefined(); // ineligible: nothing to exclude
  });

  it("ties go to the earlier definition (deterministic)", () => {
    const twin = policy({ id: "twin", name: "甲2", group: "g" });
    const r = evaluateAll([twin, a], facts, { today: TODAY, projectId: "p1" });
    expect(r.results.map((x) => x.granted)).toEqual([true, false]);
    const r2 = evaluateAll([a, twin], facts, { today: TODAY, projectId: "p1" });
    expect(r2.results.map((x) => x.granted)).toEqual([true, false]);
  });

  it("an award already granted under a group member excludes the rest of the group for that project", () => {
    const priorAwards = [{ policyId: "c", amountFen: wan(120), awardedOn: "2024-10-01", projectId: "p1" }];
    const same = evaluateAll(defs, facts, { today: TODAY, priorAwards, projectId: "p1" });
    expect(same.results.map((x) => x.granted)).toEqual([false, false, true, true]);
    expect(same.results[1]!.exclusion).toMatchObject({
      reason: "alreadyAwarded",
      byPolicyId: "c",
      text: "该项目已获得“丙”支持（120万元，2024-10-01），与本政策不重复享受",
    });
    // c itself is not excluded by its own award (repeats of one policy are the caps' business).
    expect(same.results[2]!.exclusion).toBeUndefined();
    const other = evaluateAll(defs, facts, { today: TODAY, priorAwards, projectId: "p2" });
    expect(other.results.filter((x) => x.granted).map((x) => x.evaluation.policyId)).toEqual(["b", "free"]);
  });

  it("missing and ineligible members never exclude anyone", () => {
    const r = evaluateAll(defs, { equipmentInvestmentFen: wan(1000) }, { today: TODAY, projectId: "p1" });
    expect(r.results.map((x) => x.evaluation.status)).toEqual(["missing", "missing", "missing", "missing"]);
    expect(r.results.every((x) => !x.exclusion)).toBe(true);
    expect(r.totalGrantedFen).toBe(0);
  });
});

describe("evaluateAll scope: enterprise-level vs one project", () => {
  // An enterprise policy that (wrongly, if it could) would read a project fact, and a project policy
  // with an enterprise condition.
  const ent = policy({
    id: "ent",
    name: "企业奖",
    beneficiary: "enterprise",
    conditions: { fact: "aboveScale", op: "=", value: true },
    formula: { kind: "fixed", amountFen: wan(10) },
  });
  const proj = policy({
    id: "proj",
    name: "项目奖",
    conditions: {
      op: "all",
      of: [
        { fact: "districtCode", op: "=", value: "120116" },
        { fact: "totalInvestmentFen", op: ">=", value: wan(1000) },
      ],
    },
  });
  const both = { aboveScale: true, districtCode: "120116", ...facts };
  const prior = [{ policyId: "c", amountFen: wan(120), awardedOn: "2024-10-01", projectId: "p1" }];
  it.each([
    // [what, facts, ctx, status of ent, status of proj, granted of proj]
    [
      "enterprise-level: project policies are 缺少信息 (no project), even with project facts given",
      both,
      {},
      "eligible",
      "missing",
      false,
    ],
    ["one project: both evaluated", both, { projectId: "p1" }, "eligible", "eligible", true],
    [
      "enterprise-level, enterprise condition fails: 不符合 (no project could qualify)",
      { ...both, districtCode: "120101" },
      {},
      "eligible",
      "ineligible",
      false,
    ],
    [
      "one project without project facts: 缺少信息 naming the project facts",
      { aboveScale: true, districtCode: "120116" },
      { projectId: "p1" },
      "eligible",
      "missing",
      false,
    ],
  ] as const)("%s", (_what, f, ctx, entStatus, projStatus, projGranted) => {
    const r = evaluateAll([ent, proj], f, { today: TODAY, ...ctx });
    expect(r.results.map((x) => x.evaluation.status)).toEqual([entStatus, projStatus]);
    expect(r.results[1]!.granted).toBe(projGranted);
  });

  it("without a project the missing item is the project itself, said in Chinese", () => {
    const r = evaluateAll([proj], { districtCode: "120116", ...facts }, { today: TODAY });
    const e = r.results[0]!.evaluation;
    expect(e.missing.map((m) => m.label)).toEqual(["具体项目"]);
    expect(e.summary).toBe("“项目奖”暂不能判断：尚缺具体项目（该政策按项目支持，须针对一个项目测算）");
    expect(e.amountFen).toBeNull();
    expect(e.steps).toEqual([]);
  });

  it("enterprise policies never read project facts", () => {
    const reads = policy({
      id: "reads",
      name: "企业按投资奖",
      beneficiary: "enterprise",
      conditions: { fact: "totalInvestmentFen", op: ">=", value: wan(1000) },
      formula: { kind: "fixed", amountFen: wan(1) },
    });
    for (const ctx of [{}, { projectId: "p1" }]) {
      const r = evaluateAll([reads], facts, { today: TODAY, ...ctx });
      expect(r.results[0]!.evaluation.status).toBe("missing");
      expect(r.results[0]!.evaluation.missing.map((m) => m.fact)).toEqual(["totalInvestmentFen"]);
    }
  });

  it.each([
    ["the same project: excluded", { projectId: "p1" }, ["c", "free"]],
    ["another project: not excluded, best of the group", { projectId: "p2" }, ["b", "free"]],
    ["no project: project policies are not granted, and no prior award is compared", {}, []],
  ] as const)("non-cumulation per project, prior award on p1 — %s", (_what, ctx, granted) => {
    const r = evaluateAll(defs, facts, { today: TODAY, priorAwards: prior, ...ctx });
    expect(r.results.filter((x) => x.granted).map((x) => x.evaluation.policyId)).toEqual(granted);
    if (!("projectId" in ctx)) expect(r.results.every((x) => !x.exclusion)).toBe(true);
  });
});
