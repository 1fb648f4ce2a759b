import { PROJECT_STATUSES, type ProjectStatus } from "../projects/project";
import { type EnterpriseScope, enterpriseReadScope } from "./enterprise-access";
import type { Actor } from "./roles";
import { allowedSteps, type Workflow } from "./workflow";

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

/** The steps of the project workflow, in the order the web lists its buttons. */
export const PROJECT_STEPS = [
  "edit",
  "submit",
  "districtReview",
  "assignReviewers",
  "score",
  "decide",
  "report",
  "accept",
  "attach",
  "coordinate",
  "pay",
] as const;
export type ProjectStep = (typeof PROJECT_STEPS)[number];

const isCity = (a: Actor) => a.role === "city_admin";
const isDistrictOf = (a: Actor, districtCode: string) =>
  a.role === "district_admin" && !!a.districtCode && a.districtCode === districtCode;
/** City staff, or district staff of the project's district. */
const bureau = (a: Actor, p: ProjectFacts) => isCity(a) || isDistrictOf(a, p.districtCode);
/** The applying enterprise's own account. */
const own = (a: Actor, p: ProjectFacts) =>
  a.role === "enterprise" && !!a.enterpriseId && a.enterpriseId === p.enterpriseId;
const ownOrBureau = (a: Actor, p: ProjectFacts) => own(a, p) || bureau(a, p);
/** An expert assigned to review this project. */
const reviewer = (a: Actor, p: ProjectFacts) => a.role === "expert" && p.reviewerIds.includes(a.id);

const except = (...out: ProjectStatus[]) => PROJECT_STATUSES.filter((s) => !out.includes(s));

/**
 * 技改项目's workflow: per step who may take it (role and scope) and in which statuses. A role that
 * may never take a step gets 403, a role that may but not now gets 409 STATE_CONFLICT.
 */
export const projectWorkflow: Workflow<ProjectStep, ProjectStatus, ProjectFacts> = {
  edit: { who: ownOrBureau, from: ["draft", "returned"] },
  submit: { who: ownOrBureau, from: ["draft", "returned"] },
  /** 区级初审: approve to city / return / reject. */
  districtReview: { who: bureau, from: ["district_review"] },
  assignReviewers: { who: isCity, from: ["expert_review"] },
  score: { who: reviewer, from: ["expert_review"] },
  /** 市级审定: approve with the subsidy, or reject. */
  decide: { who: isCity, from: ["expert_review"] },
  report: { who: ownOrBureau, from: ["approved", "in_construction"] },
  /** 竣工验收: pass, or 退回整改 (back to 建设中). */
  accept: { who: bureau, from: ["acceptance"] },
  attach: { who: ownOrBureau, from: except("rejected", "completed") },
  coordinate: { who: bureau, from: except("draft", "rejected", "completed") },
  // Which tranche is due is the tranche rule's (milestones.ts trancheGate), not the role's.
  pay: { who: isCity, from: ["approved", "in_construction", "acceptance", "completed"] },
};

/** Who may read a project at all: its enterprise, the bureau in charge, an assigned reviewer. */
export function canReadProject(actor: Actor, p: ProjectFacts): boolean {
  return ownOrBureau(actor, p) || reviewer(actor, p);
}

export type ProjectPermissions = { readonly read: boolean } & Readonly<Record<ProjectStep, boolean>>;

/** What the web shows: may read, and every step this actor may take now (from the workflow table). */
export function projectPermissions(actor: Actor, p: ProjectFacts): ProjectPermissions {
  return { read: canReadProject(actor, p), ...allowedSteps(projectWorkflow, actor, p) };
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
