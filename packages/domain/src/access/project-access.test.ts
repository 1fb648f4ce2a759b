import { describe, expect, it } from "vitest";
import { PROJECT_STATUSES, type ProjectStatus } from "../projects/project";
import {
  canAnswerTask,
  canApplyFor,
  PROJECT_STEPS,
  type ProjectFacts,
  type ProjectPermissions,
  type ProjectStep,
  projectPermissions,
  projectReadScope,
  projectWorkflow,
  taskReadScope,
} from "./project-access";
import type { Actor } from "./roles";
import {
  BINHAI,
  city,
  department,
  district,
  ENT,
  enterprise,
  expert,
  otherDistrict,
  otherEnterprise,
  provider,
  strangerExpert,
} from "./test-actors";
import { decideStep } from "./workflow";

const facts = (status: ProjectStatus): ProjectFacts => ({
  enterpriseId: ENT,
  districtCode: BINHAI,
  status,
  reviewerIds: ["u-x"],
});

type Flags = Omit<ProjectPermissions, "read">;
const none: Flags = {
  edit: false,
  submit: false,
  districtReview: false,
  assignReviewers: false,
  score: false,
  decide: false,
  report: false,
  accept: false,
  attach: false,
  coordinate: false,
  pay: false,
};

const CITY: Record<ProjectStatus, Flags> = {
  draft: { ...none, edit: true, submit: true, attach: true },
  returned: { ...none, edit: true, submit: true, attach: true, coordinate: true },
  district_review: { ...none, districtReview: true, attach: true, coordinate: true },
  expert_review: { ...none, assignReviewers: true, decide: true, attach: true, coordinate: true },
  approved: { ...none, report: true, attach: true, coordinate: true, pay: true },
  rejected: none,
  in_construction: { ...none, report: true, attach: true, coordinate: true, pay: true },
  acceptance: { ...none, accept: true, attach: true, coordinate: true, pay: true },
  completed: { ...none, pay: true },
};
const perStatus = (f: (s: ProjectStatus) => Flags) =>
  Object.fromEntries(PROJECT_STATUSES.map((s) => [s, f(s)])) as Record<ProjectStatus, Flags>;
const DISTRICT = perStatus((s) => ({ ...CITY[s], assignReviewers: false, decide: false, pay: false }));
const OWN: Record<ProjectStatus, Flags> = {
  draft: { ...none, edit: true, submit: true, attach: true },
  returned: { ...none, edit: true, submit: true, attach: true },
  district_review: { ...none, attach: true },
  expert_review: { ...none, attach: true },
  approved: { ...none, report: true, attach: true },
  rejected: none,
  in_construction: { ...none, report: true, attach: true },
  acceptance: { ...none, attach: true },
  completed: none,
};

describe("projectPermissions", () => {
  for (const status of PROJECT_STATUSES) {
    it(`${status}: city, district, enterprise and reviewer get exactly their actions`, () => {
      expect(projectPermissions(city, facts(status))).toEqual({ read: true, ...CITY[status] });
      expect(projectPermissions(district, facts(status))).toEqual({ read: true, ...DISTRICT[status] });
      expect(projectPermissions(enterprise, facts(status))).toEqual({ read: true, ...OWN[status] });
      expect(projectPermissions(expert, facts(status))).toEqual({
        read: true,
        ...none,
        score: status === "expert_review",
      });
    });
    it(`${status}: outsiders get nothing`, () => {
      for (const a of [otherDistrict, otherEnterprise, provider, strangerExpert, department])
        expect(projectPermissions(a, facts(status)).read).toBe(false);
    });
  }
});

/** Who may ever take each step on this project (else 403 in every status). */
const WHO: Record<ProjectStep, readonly Actor[]> = {
  edit: [city, district, enterprise],
  submit: [city, district, enterprise],
  districtReview: [city, district],
  assignReviewers: [city],
  score: [expert],
  decide: [city],
  report: [city, district, enterprise],
  accept: [city, district],
  attach: [city, district, enterprise],
  coordinate: [city, district],
  pay: [city],
};
const REVIEWER = perStatus((s) => ({ ...none, score: s === "expert_review" }));
const ACTORS: readonly [string, Actor, Record<ProjectStatus, Flags> | null][] = [
  ["city", city, CITY],
  ["district", district, DISTRICT],
  ["other district", otherDistrict, null],
  ["enterprise", enterprise, OWN],
  ["other enterprise", otherEnterprise, null],
  ["reviewer", expert, REVIEWER],
  ["unassigned expert", strangerExpert, null],
  ["provider", provider, null],
  ["department", department, null],
];
type Outcome = "allowed" | "403" | "409";
const ROWS: [string, Actor, ProjectStatus, ProjectStep, Outcome][] = ACTORS.flatMap(([name, actor, open]) =>
  PROJECT_STATUSES.flatMap((status) =>
    PROJECT_STEPS.map((step): [string, Actor, ProjectStatus, ProjectStep, Outcome] => [
      name,
      actor,
      status,
      step,
      !WHO[step].includes(actor) ? "403" : open?.[status][step] ? "allowed" : "409",
    ]),
  ),
);

describe("projectWorkflow: every role × status × step", () => {
  it.each(ROWS)("%s · %s · %s → %s", (_name, actor, status, step, outcome) => {
    const d = decideStep(projectWorkflow, actor, facts(status), step);
    expect(d.ok ? "allowed" : d.refusal === "role" ? "403" : "409").toBe(outcome);
  });
  it("covers every step and status", () => {
    expect(ROWS).toHaveLength(ACTORS.length * PROJECT_STATUSES.length * PROJECT_STEPS.length);
    expect(Object.keys(projectWorkflow).sort()).toEqual([...PROJECT_STEPS].sort());
  });
});

describe("scopes and applying", () => {
  it("reads: expert by assignment, provider and department none", () => {
    expect(projectReadScope(expert)).toEqual({ kind: "reviewer", userId: "u-x" });
    expect(projectReadScope(provider)).toEqual({ kind: "none" });
    expect(projectReadScope(department)).toEqual({ kind: "none" });
    expect(projectReadScope(district)).toEqual({ kind: "district", districtCode: BINHAI });
    expect(projectReadScope(enterprise)).toEqual({ kind: "self", enterpriseId: ENT });
  });
  it("applying: own enterprise, its district, the city", () => {
    const e = { id: ENT, districtCode: BINHAI };
    expect(canApplyFor(enterprise, e)).toBe(true);
    expect(canApplyFor(otherEnterprise, e)).toBe(false);
    expect(canApplyFor(district, e)).toBe(true);
    expect(canApplyFor(otherDistrict, e)).toBe(false);
    expect(canApplyFor(city, e)).toBe(true);
    for (const a of [provider, expert, department]) expect(canApplyFor(a, e)).toBe(false);
  });
  it("tasks: a department only its own (account, or organisation when no account is named)", () => {
    expect(taskReadScope(department)).toEqual({ kind: "department", userId: "u-dep" });
    expect(taskReadScope(enterprise)).toEqual({ kind: "none" });
    const byAccount = { departmentUserId: "u-dep", departmentName: "发改委", districtCode: BINHAI };
    const byOrg = { departmentUserId: null, departmentName: "发改委", districtCode: BINHAI };
    const other = { departmentUserId: "u-dep2", departmentName: "发改委", districtCode: BINHAI };
    expect(canAnswerTask(department, null, byAccount)).toBe(true);
    expect(canAnswerTask(department, "发改委", byOrg)).toBe(true);
    expect(canAnswerTask(department, "住建委", byOrg)).toBe(false);
    expect(canAnswerTask(department, "发改委", other)).toBe(false);
    expect(canAnswerTask(district, null, byOrg)).toBe(true);
    expect(canAnswerTask(otherDistrict, null, byOrg)).toBe(false);
    expect(canAnswerTask(enterprise, null, byOrg)).toBe(false);
  });
});
