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
    const r = evaluateAll(defs, facts, { today: TODAY });
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
    const r = evaluateAll(defs, facts, { today: TODAY, choices: { g: "a" } });
    expect(r.results.filter((x) => x.granted).map((x) => x.evaluation.policyId)).toEqual(["a", "free"]);
    expect(r.results[1]!.exclusion).toMatchObject({
      reason: "chosen",
      text: "与“甲”不重复享受，申请人选择享受“甲”",
    });
  });

  it("a choice that is not eligible falls back to the best, and says so", () => {
    const small = { totalInvestmentFen: wan(1500), equipmentInvestmentFen: wan(1000) }; // b needs ≥ 2000万
    const r = evaluateAll(defs, small, { today: TODAY, choices: { g: "b" } });
    expect(r.results.filter((x) => x.granted).map((x) => x.evaluation.policyId)).toEqual(["c", "free"]);
    expect(r.results[0]!.exclusion!.text).toBe(
      "与“丙”不重复享受，所选政策不符合条件，按金额较高者享受“丙”（120万元）",
    );
    expect(r.results[1]!.exclusion).toBeUndefined(); // ineligible: nothing to exclude
  });

  it("ties go to the earlier definition (deterministic)", () => {
    const twin = policy({ id: "twin", name: "甲2", group: "g" });
    const r = evaluateAll([twin, a], facts, { today: TODAY });
    expect(r.results.map((x) => x.granted)).toEqual([true, false]);
    const r2 = evaluateAll([a, twin], facts, { today: TODAY });
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
    const r = evaluateAll(defs, { equipmentInvestmentFen: wan(1000) }, { today: TODAY });
    expect(r.results.map((x) => x.evaluation.status)).toEqual(["missing", "missing", "missing", "missing"]);
    expect(r.results.every((x) => !x.exclusion)).toBe(true);
    expect(r.totalGrantedFen).toBe(0);
  });
});
