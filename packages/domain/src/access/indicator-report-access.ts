import type { ReportOwnerKind, ReportState } from "../indicators/report";
import type { Actor } from "./roles";
import { allowedSteps, type Workflow } from "./workflow";

/**
 * 指标填报 access (issue 13 §3, §8). The city administrator sees every task, fills the city's own
 * (owner kind city) and reviews all: approve or return with a reason. A district administrator sees
 * and fills its own district's tasks; a department those its organisation owns (by name). Everyone
 * else has no access (403). A task outside the caller's scope answers 404.
 */
export interface ReportFacts {
  readonly status: ReportState;
  readonly ownerKind: ReportOwnerKind;
  /** District code, department (organisation) name, or null for the city. */
  readonly ownerCode: string | null;
  /** The acting department account's organisation. */
  readonly actorOrganization: string | null;
}

export type ReportScope =
  | { readonly kind: "all" }
  | { readonly kind: "district"; readonly districtCode: string }
  | { readonly kind: "department"; readonly organization: string }
  | { readonly kind: "none" };

export const mayUseReports = (actor: Actor): boolean =>
  actor.role === "city_admin" || actor.role === "district_admin" || actor.role === "department";

export function reportReadScope(actor: Actor, organization: string | null): ReportScope {
  if (actor.role === "city_admin") return { kind: "all" };
  if (actor.role === "district_admin" && actor.districtCode)
    return { kind: "district", districtCode: actor.districtCode };
  if (actor.role === "department" && organization) return { kind: "department", organization };
  return { kind: "none" };
}

/** Whether the actor is the task's owner (the one who fills it). */
export function ownsReport(actor: Actor, t: ReportFacts): boolean {
  switch (t.ownerKind) {
    case "city":
      return actor.role === "city_admin";
    case "district":
      return (
        actor.role === "district_admin" && actor.districtCode !== null && actor.districtCode === t.ownerCode
      );
    case "department":
      return (
        actor.role === "department" && t.actorOrganization !== null && t.actorOrganization === t.ownerCode
      );
  }
}

export function canReadReport(actor: Actor, t: ReportFacts): boolean {
  return actor.role === "city_admin" || ownsReport(actor, t);
}

export const REPORT_STEPS = ["save", "submit", "approve", "return"] as const;
export type ReportStep = (typeof REPORT_STEPS)[number];

const EDITABLE: readonly ReportState[] = ["pending", "draft", "returned"];

/** Who may take which step of a task in which state: the owner fills, the city reviews. */
export const reportWorkflow: Workflow<ReportStep, ReportState, ReportFacts> = {
  save: { who: ownsReport, from: EDITABLE },
  submit: { who: ownsReport, from: EDITABLE },
  approve: { who: (a) => a.role === "city_admin", from: ["submitted"] },
  return: { who: (a) => a.role === "city_admin", from: ["submitted"] },
};

export function reportPermissions(actor: Actor, t: ReportFacts): Record<ReportStep, boolean> {
  return allowedSteps(reportWorkflow, actor, t);
}
