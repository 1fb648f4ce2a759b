import { describe, expect, it } from "vitest";
import type { WarningState } from "../warnings/rules";
import type { Actor } from "./roles";
import { canReadWarning, type WarningFacts, warningPermissions, warningWorkflow } from "./warning-access";
import { decideStep } from "./workflow";

const BINHAI = "120116";
const city: Actor = { id: "c", role: "city_admin", districtCode: null, enterpriseId: null };
const district: Actor = { id: "d", role: "district_admin", districtCode: BINHAI, enterpriseId: null };
const other: Actor = { id: "d2", role: "district_admin", districtCode: "120101", enterpriseId: null };
const department: Actor = { id: "p", role: "department", districtCode: null, enterpriseId: null };
const enterprise: Actor = { id: "e", role: "enterprise", districtCode: null, enterpriseId: "e1" };

const facts = (status: WarningState, over: Partial<WarningFacts> = {}): WarningFacts => ({
  status,
  districtCode: BINHAI,
  ownerKind: "district",
  ownerCode: BINHAI,
  actorOrganization: null,
  ...over,
});
const deptOwned = (org: string | null) =>
  facts("open", {
    districtCode: null,
    ownerKind: "department",
    ownerCode: "市统计局",
    actorOrganization: org,
  });

describe("who reads a warning", () => {
  it.each([
    [city, facts("open"), true],
    [district, facts("open"), true],
    [other, facts("open"), false],
    [district, facts("open", { districtCode: null, ownerKind: "city", ownerCode: null }), false],
    [department, facts("open"), false],
    [department, deptOwned("市统计局"), true],
    [department, deptOwned("市发展改革委"), false],
    [department, deptOwned(null), false],
    [enterprise, facts("open"), false],
  ] as const)("%o", (actor, w, ok) => expect(canReadWarning(actor, w)).toBe(ok));
});

describe("the life: acknowledge → handle → close", () => {
  it.each([
    ["acknowledge", "open", "ok"],
    ["acknowledge", "acknowledged", "status"],
    ["handle", "open", "status"],
    ["handle", "acknowledged", "ok"],
    ["handle", "handled", "status"],
    ["close", "acknowledged", "status"],
    ["close", "handled", "ok"],
    ["close", "closed", "status"],
  ] as const)("%s from %s → %s", (step, status, outcome) => {
    const d = decideStep(warningWorkflow, district, facts(status), step);
    expect(d.ok ? "ok" : d.refusal).toBe(outcome);
  });
  it("another district or an enterprise is refused by role", () => {
    expect(decideStep(warningWorkflow, other, facts("open"), "acknowledge")).toEqual({
      ok: false,
      refusal: "role",
    });
    expect(decideStep(warningWorkflow, enterprise, facts("open"), "acknowledge")).toEqual({
      ok: false,
      refusal: "role",
    });
  });
  it("the detail's flags", () => {
    expect(warningPermissions(city, facts("acknowledged"))).toEqual({
      acknowledge: false,
      handle: true,
      close: false,
    });
    expect(warningPermissions(other, facts("acknowledged"))).toEqual({
      acknowledge: false,
      handle: false,
      close: false,
    });
  });
});
