import type { ProjectStatus } from "../projects/project";
import { type EnterpriseScope, enterpriseReadScope } from "./enterprise-access";
import type { Actor } from "./roles";

/**
 * Who may do what in the project library (技改项目库). Pure; the server turns it into SQL (lists)
 * and checks (steps), the web shows only the actions it allows.
 *
 * - The enterprise applies for its own projects, reports progress, uploads attachments.
 * - District staff (of the enterprise's district) may apply on its behalf, run the 区级初审, report
 *   progress, accept completion (竣工验收) and ask departments for help (coordination tasks).
 * - City staff do all of that city-wide, assign the expert reviewers, approve with the subsidy and pay.
 * - An expert reads and scores only the projects assigned to them, while in expert review.
 * - A department sees no project, only the coordination tasks assigned to it.
 */
export interface ProjectFacts {
  readonly enterpriseId: string;
  readonly districtCode: string;
  readonly status: ProjectStatus;
  readonly reviewerIds: readonly string[];
}

export interface ProjectPermissions {
  readonly read: boolean;
  readonly edit: boolean;
  readonly submit: boolean;
  /** 区级初审: approve to city / return / reject. */
  readonly districtReview: boolean;
  readonly assignReviewers: boolean;
  readonly score: boolean;
  /** 市级审定: approve with the subsidy, or reject. */
  readonly decide: boolean;
  readonly report: boolean;
  /** 竣工验收. */
  readonly accept: boolean;
  readonly attach: boolean;
  readonly coordinate: boolean;
  readonly pay: boolean;
}

const NONE: ProjectPermissions = {
  read: false,
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

const isCity = (a: Actor) => a.role === "city_admin";
const isDistrictOf = (a: Actor, districtCode: string) =>
  a.role === "district_admin" && !!a.districtCode && a.districtCode === districtCode;

export function projectPermissions(actor: Actor, p: ProjectFacts): ProjectPermissions {
  const city = isCity(actor);
  const district = isDistrictOf(actor, p.districtCode);
  const bureau = city || district;
  const own = actor.role === "enterprise" && !!actor.enterpriseId && actor.enterpriseId === p.enterpriseId;
  const reviewer = actor.role === "expert" && p.reviewerIds.includes(actor.id);
  if (!bureau && !own && !reviewer) return NONE;
  if (reviewer && !bureau && !own) return { ...NONE, read: true, score: p.status === "expert_review" };
  const s = p.status;
  const editable = s === "draft" || s === "returned";
  const building = s === "approved" || s === "in_construction";
  return {
    read: true,
    edit: (own || bureau) && editable,
    submit: (own || bureau) && editable,
    districtReview: bureau && s === "district_review",
    assignReviewers: city && s === "expert_review",
    score: false,
    decide: city && s === "expert_review",
    report: (own || bureau) && building,
    accept: bureau && s === "acceptance",
    attach: (own || bureau) && s !== "rejected" && s !== "completed",
    coordinate: bureau && s !== "draft" && s !== "rejected" && s !== "completed",
    // Which tranche is due is the tranche rule's (milestones.ts trancheGate), not the role's.
    pay: city && (s === "approved" || s === "in_construction" || s === "acceptance" || s === "completed"),
  };
}

/** Who may start an application for an enterprise: the enterprise itself, or the bureau in charge of it. */
export function canApplyFor(actor: Actor, enterprise: { id: string; districtCode: string }): boolean {
  if (actor.role === "enterprise") return actor.enterpriseId === enterprise.id;
  return isCity(actor) || isDistrictOf(actor, enterprise.districtCode);
}

/** How a list of projects is narrowed: the registry scope, or `reviewer` = assigned to this expert. */
export type ProjectScope = EnterpriseScope | { kind: "reviewer"; userId: string };

export function projectReadScope(actor: Actor): ProjectScope {
  if (actor.role === "expert") return { kind: "reviewer", userId: actor.id };
  if (actor.role === "provider" || actor.role === "department") return { kind: "none" };
  return enterpriseReadScope(actor);
}

/** Coordination tasks: the bureau sees its scope's tasks; a department only tasks assigned to its account or organisation. */
export type TaskScope = EnterpriseScope | { kind: "department"; userId: string };
export function taskReadScope(actor: Actor): TaskScope {
  if (actor.role === "department") return { kind: "department", userId: actor.id };
  if (actor.role === "city_admin" || actor.role === "district_admin") return enterpriseReadScope(actor);
  return { kind: "none" };
}

/**
 * A task is assigned to a department account, or to an organisation by name (every department account
 * of that organisation, users.organization). Is it this department's?
 */
export function isTaskOfDepartment(
  actor: Actor,
  actorOrganization: string | null,
  t: { departmentUserId: string | null; departmentName: string },
): boolean {
  if (actor.role !== "department") return false;
  if (t.departmentUserId) return t.departmentUserId === actor.id;
  return !!actorOrganization && actorOrganization === t.departmentName;
}

/** A department answers (status + response) only tasks assigned to it; the bureau in charge may update them too. */
export function canAnswerTask(
  actor: Actor,
  actorOrganization: string | null,
  t: { departmentUserId: string | null; departmentName: string; districtCode: string },
): boolean {
  if (actor.role === "department") return isTaskOfDepartment(actor, actorOrganization, t);
  return isCity(actor) || isDistrictOf(actor, t.districtCode);
}
