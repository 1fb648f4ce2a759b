import { type EnterpriseScope, enterpriseReadScope } from "./enterprise-access";
import type { Actor } from "./roles";
import { allowedSteps, type Workflow } from "./workflow";

/**
 * Who may do what in the diagnosis service (诊断服务). Pure rules; the server turns them into SQL
 * (lists) and checks (actions), and the web shows only the actions these allow.
 *
 * - The bureau (city staff; district staff of the enterprise's district) runs the workflow.
 * - The assigned team (provider / expert accounts) records the on-site assessment and the opinion.
 * - The enterprise asks for a diagnosis, follows it, and may withdraw a request not yet planned.
 */
export const DIAGNOSIS_STATUSES = [
  "requested",
  "scheduled",
  "in_progress",
  "verified",
  "closed",
  "cancelled",
] as const;
export type DiagnosisStatus = (typeof DIAGNOSIS_STATUSES)[number];

export const DIAGNOSIS_STATUS_LABELS: Record<DiagnosisStatus, string> = {
  requested: "待纳入计划",
  scheduled: "已排期",
  in_progress: "现场评定中",
  verified: "待出具意见",
  closed: "已办结",
  cancelled: "已取消",
};

/** Statuses in which a planned visit can be late. */
export const OPEN_VISIT_STATUSES: readonly DiagnosisStatus[] = ["scheduled", "in_progress"];

export interface DiagnosisFacts {
  readonly enterpriseId: string;
  readonly districtCode: string;
  readonly status: DiagnosisStatus;
  readonly teamUserIds: readonly string[];
}

export interface DiagnosisPermissions {
  readonly read: boolean;
  readonly schedule: boolean;
  readonly assign: boolean;
  /** Start the on-site assessment (needs a visit date and a team). */
  readonly start: boolean;
  /** Fill in the on-site (verified) answers. */
  readonly record: boolean;
  readonly close: boolean;
  readonly cancel: boolean;
}

const NONE: DiagnosisPermissions = {
  read: false,
  schedule: false,
  assign: false,
  start: false,
  record: false,
  close: false,
  cancel: false,
};

/** City staff, or district staff of the enterprise's district. */
export function isBureauFor(actor: Actor, districtCode: string): boolean {
  return (
    actor.role === "city_admin" ||
    (actor.role === "district_admin" && !!actor.districtCode && actor.districtCode === districtCode)
  );
}

const bureau = (actor: Actor, d: DiagnosisFacts) => isBureauFor(actor, d.districtCode);
const onTeam = (actor: Actor, d: DiagnosisFacts) =>
  (actor.role === "provider" || actor.role === "expert") && d.teamUserIds.includes(actor.id);
const bureauOrTeam = (actor: Actor, d: DiagnosisFacts) => bureau(actor, d) || onTeam(actor, d);
const ownEnterprise = (actor: Actor, d: DiagnosisFacts) =>
  actor.role === "enterprise" && !!actor.enterpriseId && actor.enterpriseId === d.enterpriseId;

export const DIAGNOSIS_STEPS = [
  "schedule",
  "assign",
  "start",
  "record",
  "close",
  "cancel",
  "withdraw",
] as const;
export type DiagnosisStep = (typeof DIAGNOSIS_STEPS)[number];

/**
 * Who may take which step of a diagnosis in which status. The bureau plans (schedule, assign) and
 * may cancel until the on-site answers are in; the bureau or the assigned team starts the visit
 * (once it has a date and a team), records the verified answers and closes with the opinion; the
 * enterprise may withdraw its own request until it is planned.
 */
export const diagnosisWorkflow: Workflow<DiagnosisStep, DiagnosisStatus, DiagnosisFacts> = {
  schedule: { who: bureau, from: ["requested", "scheduled"] },
  assign: { who: bureau, from: ["requested", "scheduled", "in_progress"] },
  // "scheduled" means a plan and a visit date are set; the team is the further condition.
  start: { who: bureauOrTeam, from: ["scheduled"], when: (d) => d.teamUserIds.length > 0 },
  record: { who: bureauOrTeam, from: ["in_progress"] },
  close: { who: bureauOrTeam, from: ["verified"] },
  cancel: { who: bureau, from: ["requested", "scheduled", "in_progress"] },
  withdraw: { who: ownEnterprise, from: ["requested"] },
};

/** Cancelling is the enterprise's withdrawal of its own request, everyone else's cancellation. */
export function cancelStepOf(actor: Actor): "cancel" | "withdraw" {
  return actor.role === "enterprise" ? "withdraw" : "cancel";
}

/** The bureau in charge, the assigned team and the enterprise itself. */
export function canReadDiagnosis(actor: Actor, d: DiagnosisFacts): boolean {
  return bureau(actor, d) || onTeam(actor, d) || ownEnterprise(actor, d);
}

/** The detail's action flags, derived from the workflow table (cancel = cancel or withdraw). */
export function diagnosisPermissions(actor: Actor, d: DiagnosisFacts): DiagnosisPermissions {
  if (!canReadDiagnosis(actor, d)) return NONE;
  const s = allowedSteps(diagnosisWorkflow, actor, d);
  return {
    read: true,
    schedule: s.schedule,
    assign: s.assign,
    start: s.start,
    record: s.record,
    close: s.close,
    cancel: s.cancel || s.withdraw,
  };
}

/** Who may ask for a diagnosis of an enterprise: the enterprise itself, or the bureau in charge of it. */
export function canRequestDiagnosis(actor: Actor, enterprise: { id: string; districtCode: string }): boolean {
  if (actor.role === "enterprise") return actor.enterpriseId === enterprise.id;
  return isBureauFor(actor, enterprise.districtCode);
}

/** How a list of diagnoses is narrowed for an actor; `team` = only those the actor is assigned to. */
export type DiagnosisScope = EnterpriseScope | { kind: "team"; userId: string };

export function diagnosisReadScope(actor: Actor): DiagnosisScope {
  if (actor.role === "provider" || actor.role === "expert") return { kind: "team", userId: actor.id };
  return enterpriseReadScope(actor);
}

/** Plans are the bureau's: city all, district its own. */
export function canManagePlansIn(actor: Actor, districtCode: string): boolean {
  return isBureauFor(actor, districtCode);
}
