import { describe, expect, it } from "vitest";
import type { AssignmentStatus } from "../statuses";
import {
  ASSIGNMENT_WORKFLOW,
  type AssignmentFacts,
  canDrawFor,
  canRateAssignment,
  canReadDraw,
  type DrawPurpose,
  drawListScope,
  drawSubjectOpen,
} from "./draw-access";
import type { Actor, Role } from "./roles";
import { decideStep } from "./workflow";

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

describe("the invitation workflow table", () => {
  const expert = (id: string): Actor => ({ id, role: "expert", districtCode: null, enterpriseId: null });
  const facts = (status: AssignmentStatus, purpose: DrawPurpose = "diagnosis"): AssignmentFacts => ({
    status,
    purpose,
    districtCode: purpose === "diagnosis" ? "120116" : null,
    expertUserId: "e-own",
  });
  type Step = "accept" | "decline" | "rate";
  const outcome = (a: Actor, f: AssignmentFacts, step: Step) => {
    const d = decideStep(ASSIGNMENT_WORKFLOW, a, f, step);
    return d.ok ? "allowed" : d.refusal === "role" ? 403 : 409;
  };
  // step × caller × assignment status → allowed / 403 (never for this caller) / 409 (not in this status)
  it.each([
    ["accept", "own expert", "invited", "allowed"],
    ["accept", "own expert", "accepted", 409],
    ["accept", "own expert", "declined", 409],
    ["accept", "other expert", "invited", 403],
    ["accept", "city", "invited", 403],
    ["decline", "own expert", "invited", "allowed"],
    ["decline", "own expert", "declined", 409],
    ["decline", "binhai", "invited", 403],
    ["rate", "binhai", "accepted", "allowed"],
    ["rate", "binhai", "invited", 409],
    ["rate", "binhai", "declined", 409],
    ["rate", "heping", "accepted", 403],
    ["rate", "city", "accepted", "allowed"],
    ["rate", "own expert", "accepted", 403],
  ] as const)("%s by %s when %s → %s", (step, who, status, want) => {
    const callers: Record<string, Actor> = {
      "own expert": expert("e-own"),
      "other expert": expert("e-other"),
      city,
      binhai,
      heping,
    };
    expect(outcome(callers[who]!, facts(status), step)).toBe(want);
  });
  it("a pool review's invitation is rated by the city only", () => {
    expect(outcome(binhai, facts("accepted", "pool_review"), "rate")).toBe(403);
    expect(outcome(city, facts("accepted", "pool_review"), "rate")).toBe("allowed");
  });
});

describe("subject statuses that take a panel", () => {
  it.each([
    ["pool_review", "under_review", true],
    ["pool_review", "submitted", false],
    ["pool_review", "in_notice", false],
    ["project_review", "expert_review", true],
    ["project_review", "district_review", false],
    ["diagnosis", "requested", true],
    ["diagnosis", "scheduled", true],
    ["diagnosis", "in_progress", true],
    ["diagnosis", "verified", false],
    ["diagnosis", "closed", false],
    ["diagnosis", null, false],
  ] as const)("%s in %s → %s", (purpose, status, want) => {
    expect(drawSubjectOpen(purpose, status)).toBe(want);
  });
});
