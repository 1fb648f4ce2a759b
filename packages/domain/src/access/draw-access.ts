import type { AssignmentStatus } from "../statuses";
import { canAnswerInvitation } from "./provider-access";
import type { Actor } from "./roles";
import { decideStep, type Workflow } from "./workflow";

/**
 * Who may draw experts (随机抽取专家) and read the draw records. Pure rules, table-tested; the server
 * turns them into checks (actions) and SQL conditions (lists).
 *
 * - 服务商入库评审 and 项目评审 (the city expert review of a project) are the city's: only 市工信局 draws.
 * - 现场诊断 is run by the diagnosis's district: its 区工信部门 draws the diagnosis team's experts, and
 *   the city may draw for any district.
 * - A draw record is read by whoever may draw for its subject: the city every record, a district only
 *   its own diagnoses' records. Nobody else reads records (experts see their invitations only).
 */

export const DRAW_PURPOSES = ["pool_review", "diagnosis", "project_review"] as const;
export type DrawPurpose = (typeof DRAW_PURPOSES)[number];
export const DRAW_PURPOSE_LABELS: Record<DrawPurpose, string> = {
  pool_review: "服务商入库评审",
  diagnosis: "现场诊断",
  project_review: "项目评审",
};

type MaybeActor = Actor | null | undefined;

/** The subject of a draw as the rule needs it: the district it belongs to (diagnoses only). */
export interface DrawSubjectFacts {
  readonly purpose: DrawPurpose;
  /** The diagnosed enterprise's district; null for pool reviews (no district). */
  readonly districtCode: string | null;
}

export function canDrawFor(actor: MaybeActor, subject: DrawSubjectFacts): boolean {
  if (!actor) return false;
  if (actor.role === "city_admin") return true;
  return (
    actor.role === "district_admin" &&
    subject.purpose === "diagnosis" &&
    !!actor.districtCode &&
    actor.districtCode === subject.districtCode
  );
}

/** Reading a stored record follows the same rule as drawing for its subject. */
export const canReadDraw = canDrawFor;

export type DrawListScope = { kind: "all" } | { kind: "district"; districtCode: string } | { kind: "none" };

/** Draw records list: the city all of them, a district its diagnoses' draws, others nothing. */
export function drawListScope(actor: MaybeActor): DrawListScope {
  if (actor?.role === "city_admin") return { kind: "all" };
  if (actor?.role === "district_admin" && actor.districtCode)
    return { kind: "district", districtCode: actor.districtCode };
  return { kind: "none" };
}

/**
 * The subject statuses in which a panel may be drawn and invitations still answered: a pool
 * application under review, a project in its expert review, a diagnosis whose team may still change
 * (until the on-site assessment is submitted).
 */
export const DRAW_OPEN_STATUSES: Readonly<Record<DrawPurpose, readonly string[]>> = {
  pool_review: ["under_review"],
  project_review: ["expert_review"],
  diagnosis: ["requested", "scheduled", "in_progress"],
};

/** Whether the subject still takes a panel / answers (an unknown or missing status does not). */
export function drawSubjectOpen(purpose: DrawPurpose, status: string | null | undefined): boolean {
  return DRAW_OPEN_STATUSES[purpose].some((s) => s === status);
}

export interface AssignmentFacts extends DrawSubjectFacts {
  readonly status: AssignmentStatus;
  /** The invited expert's login (null: a pool member without an account). */
  readonly expertUserId: string | null;
}

/**
 * An invitation (专家邀请) of a drawn expert: the expert answers it once (accept, or decline → the
 * system draws a replacement); 专家评价: whoever organised the work (may draw for its subject) rates an
 * expert who accepted — the city its reviews, a district its diagnoses. Declined or unanswered:
 * nothing to rate.
 */
export const ASSIGNMENT_WORKFLOW: Workflow<"accept" | "decline" | "rate", AssignmentStatus, AssignmentFacts> =
  {
    accept: { who: (a, f) => canAnswerInvitation(a, f.expertUserId), from: ["invited"] },
    decline: { who: (a, f) => canAnswerInvitation(a, f.expertUserId), from: ["invited"] },
    rate: { who: (a, f) => canDrawFor(a, f), from: ["accepted"] },
  };

export function canRateAssignment(
  actor: MaybeActor,
  a: DrawSubjectFacts & { readonly status: AssignmentStatus },
): boolean {
  return !!actor && decideStep(ASSIGNMENT_WORKFLOW, actor, { ...a, expertUserId: null }, "rate").ok;
}
