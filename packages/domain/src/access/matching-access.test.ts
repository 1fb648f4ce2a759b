import { describe, expect, it } from "vitest";
import {
  canManageEventIn,
  canReadSolution,
  canRegisterForEvent,
  demandReadScope,
  eventReadScope,
  isDemandOwner,
  LEAD_STATUSES,
  leadTransitionAllowed,
  SOLUTION_STATUSES,
  solutionStatusAllowed,
} from "./matching-access";
import type { Actor } from "./roles";

const actor = (role: Actor["role"], extra: Partial<Actor> = {}): Actor => ({
  id: `u-${role}`,
  role,
  districtCode: role === "district_admin" ? "120116" : null,
  enterpriseId: role === "enterprise" ? "E1" : null,
  ...extra,
});

describe("matching access", () => {
  it("solutions: public only when published by an admitted provider; owners and staff always", () => {
    const draft = { providerId: "P1", status: "draft" as const, providerAdmitted: true };
    const pub = { ...draft, status: "published" as const };
    expect(canReadSolution(null, [], pub)).toBe(true);
    expect(canReadSolution(null, [], { ...pub, providerAdmitted: false })).toBe(false);
    expect(canReadSolution(null, [], draft)).toBe(false);
    expect(canReadSolution(actor("provider"), ["P1"], draft)).toBe(true);
    expect(canReadSolution(actor("provider"), ["P2"], draft)).toBe(false);
    expect(canReadSolution(actor("enterprise"), [], draft)).toBe(false);
    expect(canReadSolution(actor("city_admin"), [], draft)).toBe(true);
    expect(canReadSolution(actor("district_admin", { districtCode: "" }), [], draft)).toBe(false);
  });

  it("solution status: draft → published ⇄ withdrawn → draft, nothing else", () => {
    const allowed = SOLUTION_STATUSES.flatMap((a) =>
      SOLUTION_STATUSES.filter((b) => a !== b && solutionStatusAllowed(a, b)).map((b) => `${a}>${b}`),
    );
    expect(allowed.sort()).toEqual([
      "draft>published",
      "published>withdrawn",
      "withdrawn>draft",
      "withdrawn>published",
    ]);
  });

  it("lead steps: owner moves forward or declines; provider only shortlisted → contacted; final states stay", () => {
    const table = (who: "owner" | "provider") =>
      LEAD_STATUSES.flatMap((a) =>
        LEAD_STATUSES.filter((b) => leadTransitionAllowed(who, a, b)).map((b) => `${a}>${b}`),
      );
    expect(table("owner").sort()).toEqual([
      "contacted>contracted",
      "contacted>declined",
      "shortlisted>contacted",
      "shortlisted>contracted",
      "shortlisted>declined",
    ]);
    expect(table("provider")).toEqual(["shortlisted>contacted"]);
  });

  it("demand scope by role; owners are the enterprise and its bureau", () => {
    expect(demandReadScope(actor("city_admin"), [])).toEqual({ kind: "all" });
    expect(demandReadScope(actor("district_admin"), [])).toEqual({
      kind: "district",
      districtCode: "120116",
    });
    expect(demandReadScope(actor("enterprise"), [])).toEqual({ kind: "self", enterpriseId: "E1" });
    expect(demandReadScope(actor("provider"), ["P1"])).toEqual({ kind: "provider", providerIds: ["P1"] });
    for (const r of ["expert", "department"] as const)
      expect(demandReadScope(actor(r), []).kind).toBe("none");
    const d = { enterpriseId: "E1", districtCode: "120116" };
    expect(isDemandOwner(actor("enterprise"), d)).toBe(true);
    expect(isDemandOwner(actor("enterprise", { enterpriseId: "E2" }), d)).toBe(false);
    expect(isDemandOwner(actor("district_admin"), d)).toBe(true);
    expect(isDemandOwner(actor("district_admin", { districtCode: "120101" }), d)).toBe(false);
    expect(isDemandOwner(actor("provider"), d)).toBe(false);
  });

  it("events: district staff manage only their district; enterprises and providers register while planned", () => {
    expect(canManageEventIn(actor("district_admin"), "120116")).toBe(true);
    expect(canManageEventIn(actor("district_admin"), "120101")).toBe(false);
    expect(canManageEventIn(actor("city_admin"), "120101")).toBe(true);
    expect(canManageEventIn(actor("enterprise"), "120116")).toBe(false);
    expect(eventReadScope(actor("district_admin"))).toEqual({ kind: "district", districtCode: "120116" });
    expect(eventReadScope(actor("expert")).kind).toBe("none");
    expect(canRegisterForEvent(actor("enterprise"), "planned")).toBe(true);
    expect(canRegisterForEvent(actor("provider"), "finished")).toBe(false);
    expect(canRegisterForEvent(actor("city_admin"), "planned")).toBe(false);
  });
});
