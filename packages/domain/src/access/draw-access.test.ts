import { describe, expect, it } from "vitest";
import { canDrawFor, canRateAssignment, canReadDraw, type DrawPurpose, drawListScope } from "./draw-access";
import type { Actor, Role } from "./roles";

const actor = (role: Role, districtCode: string | null = null): Actor => ({
  id: `u-${role}`,
  role,
  districtCode,
  enterpriseId: role === "enterprise" ? "E1" : null,
});
const city = actor("city_admin");
const binhai = actor("district_admin", "120116");
const heping = actor("district_admin", "120101");
const others = (["enterprise", "provider", "expert", "department"] as const).map((r) => actor(r));

describe("who draws experts for what", () => {
  // purpose × subject district → [city, 滨海 district, 和平 district, any other role]
  const table: [DrawPurpose, string | null, [boolean, boolean, boolean, boolean]][] = [
    ["pool_review", null, [true, false, false, false]],
    ["project_review", "120116", [true, false, false, false]],
    ["diagnosis", "120116", [true, true, false, false]],
    ["diagnosis", "120101", [true, false, true, false]],
  ];
  it.each(table)("%s of district %s", (purpose, districtCode, [c, b, h, o]) => {
    const subject = { purpose, districtCode };
    expect(canDrawFor(city, subject)).toBe(c);
    expect(canDrawFor(binhai, subject)).toBe(b);
    expect(canDrawFor(heping, subject)).toBe(h);
    for (const x of others) expect(canDrawFor(x, subject)).toBe(o);
    expect(canDrawFor(null, subject)).toBe(false);
    // Reading the record follows drawing.
    expect(canReadDraw(binhai, subject)).toBe(b);
  });

  it("a district admin without a district draws nothing", () => {
    expect(canDrawFor(actor("district_admin", null), { purpose: "diagnosis", districtCode: null })).toBe(
      false,
    );
    expect(drawListScope(actor("district_admin", null))).toEqual({ kind: "none" });
  });

  it("lists: the city all, a district its own, everyone else nothing", () => {
    expect(drawListScope(city)).toEqual({ kind: "all" });
    expect(drawListScope(binhai)).toEqual({ kind: "district", districtCode: "120116" });
    for (const x of [...others, null]) expect(drawListScope(x)).toEqual({ kind: "none" });
  });

  it("only an accepted invitation is rated, by whoever organised the work", () => {
    const diag = { purpose: "diagnosis" as const, districtCode: "120116" };
    expect(canRateAssignment(binhai, { ...diag, status: "accepted" })).toBe(true);
    expect(canRateAssignment(binhai, { ...diag, status: "invited" })).toBe(false);
    expect(canRateAssignment(binhai, { ...diag, status: "declined" })).toBe(false);
    expect(canRateAssignment(heping, { ...diag, status: "accepted" })).toBe(false);
    expect(
      canRateAssignment(binhai, { purpose: "pool_review", districtCode: null, status: "accepted" }),
    ).toBe(false);
    expect(canRateAssignment(city, { purpose: "pool_review", districtCode: null, status: "accepted" })).toBe(
      true,
    );
    for (const x of others) expect(canRateAssignment(x, { ...diag, status: "accepted" })).toBe(false);
  });
});
