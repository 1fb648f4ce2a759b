import { describe, expect, it } from "vitest";
import { conditionTexts, formulaText, isValidOn } from "./policy-text";
import { policy, wan } from "./test-support";

describe("a policy in words", () => {
  it("says the formula with its caps, and an unset parameter as 待定", () => {
    expect(formulaText(policy({ caps: { perAwardFen: wan(500) } }))).toBe(
      "先进设备投资 × 10%，单个项目最高 500万元",
    );
    const open = policy({
      beneficiary: "enterprise",
      parameters: [{ id: "cap", kind: "money", value: null, label: "单笔上限", setByCity: true, note: "" }],
      formula: { kind: "fixed", amountFen: wan(5) },
      caps: { perAwardFen: { param: "cap" } },
    });
    expect(formulaText(open)).toBe("定额 5万元，单笔最高 “单笔上限”（待定）");
  });

  it("says every leaf condition", () => {
    expect(conditionTexts(policy())).toEqual(["项目总投资 ≥ 1,000万元"]);
  });

  it.each([
    [{}, "2025-01-01", true],
    [{ from: "2025-01-01" }, "2024-12-31", false],
    [{ from: "2025-01-01" }, "2025-01-01", true],
    [{ until: "2025-12-31" }, "2025-12-31", true],
    [{ until: "2025-12-31" }, "2026-01-01", false],
  ])("validity %o on %s → %s", (validity, day, valid) => {
    expect(isValidOn(policy({ validity }), day)).toBe(valid);
  });
});
