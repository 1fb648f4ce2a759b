import {
  PROVIDER_STATUSES,
  type ProviderAction,
  type ProviderStatus,
  providerActionFrom,
} from "../providers/provider";
import type { ObjectionStatus } from "../statuses";
import type { Actor } from "./roles";
import { allowedSteps, type Workflow } from "./workflow";

/**
 * Who may do what in the provider pool (服务商资源池) and the expert pool (专家库). Pure rules; the
 * server turns them into SQL conditions (lists) and checks (actions), the web shows only what they allow.
 *
 * - The public (also anonymous) sees admitted providers and the running public notices (公示), and
 *   may file an objection during a notice.
 * - A provider account sees and edits only its own organisation and its own applications.
 * - An expert sees only its own assignments (invitations, the sheets it scores).
 * - The city runs reviews, draws, decisions, notices, objections, evaluations and the expert pool.
 * - A district reads the pool (admitted providers) but decides nothing.
 */

export const APPLICATION_STATUSES = [
  "submitted",
  "under_review",
  "in_notice",
  "admitted",
  "rejected",
  "withdrawn",
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: "待评审",
  under_review: "评审中",
  in_notice: "公示中",
  admitted: "已入库",
  rejected: "未通过",
  withdrawn: "已撤回",
};

/** Statuses of a provider anyone may see. */
export const PUBLIC_PROVIDER_STATUSES: readonly ProviderStatus[] = ["admitted"];

export interface ProviderFacts {
  readonly status: ProviderStatus;
  /** User ids of the provider's member accounts. */
  readonly memberUserIds: readonly string[];
}

/** null actor = anonymous. */
export type MaybeActor = Actor | null;

const isCity = (a: MaybeActor) => a?.role === "city_admin";
const isMember = (a: MaybeActor, memberUserIds: readonly string[]) =>
  a?.role === "provider" && memberUserIds.includes(a.id);

/**
 * A provider's status steps: editing its profile, and every status transition (登记 → 申请 → 评审 →
 * 公示 → 入库 → 暂停 / 出库). `from` is read off the transition table (providers/provider.ts), so a
 * step is open exactly where the transition exists. The member account edits, applies and withdraws;
 * the city moves everything else (review, notice, admission, rejection, suspension, exit) — mostly
 * as the consequence of a pool application step, which checked its own table first.
 */
export type ProviderStep = "edit" | ProviderAction;

const memberStep = (a: Actor, p: ProviderFacts) => isMember(a, p.memberUserIds);
const cityStep = (a: Actor) => isCity(a);

export const PROVIDER_WORKFLOW: Workflow<ProviderStep, ProviderStatus, ProviderFacts> = {
  edit: { who: memberStep, from: PROVIDER_STATUSES.filter((s) => s !== "exited") },
  apply: { who: memberStep, from: providerActionFrom("apply") },
  withdraw: { who: memberStep, from: providerActionFrom("withdraw") },
  review: { who: cityStep, from: providerActionFrom("review") },
  notice: { who: cityStep, from: providerActionFrom("notice") },
  admit: { who: cityStep, from: providerActionFrom("admit") },
  reject: { who: cityStep, from: providerActionFrom("reject") },
  suspend: { who: cityStep, from: providerActionFrom("suspend") },
  reinstate: { who: cityStep, from: providerActionFrom("reinstate") },
  exit: { who: cityStep, from: providerActionFrom("exit") },
};

export interface ProviderPermissions {
  readonly read: boolean;
  /** Applications, review scores, status history and evaluations in full. */
  readonly readInternal: boolean;
  readonly edit: boolean;
  readonly apply: boolean;
  /** Exit (出库) and annual evaluation. */
  readonly manage: boolean;
}

export function providerPermissions(actor: MaybeActor, p: ProviderFacts): ProviderPermissions {
  const member = isMember(actor, p.memberUserIds);
  const city = isCity(actor);
  const read = city || member || PUBLIC_PROVIDER_STATUSES.includes(p.status);
  const steps = actor ? allowedSteps(PROVIDER_WORKFLOW, actor, p) : null;
  return {
    read,
    readInternal: city || member,
    edit: !!steps?.edit,
    apply: !!steps?.apply,
    manage: city,
  };
}

/** How a provider list is narrowed: everything (city), or admitted providers plus the caller's own. */
export type ProviderListScope = { kind: "all" } | { kind: "public"; ownUserId: string | null };

export function providerListScope(actor: MaybeActor): ProviderListScope {
  if (isCity(actor)) return { kind: "all" };
  return { kind: "public", ownUserId: actor?.role === "provider" ? actor.id : null };
}

/** A provider account may register one organisation; nobody else registers through the pool. */
export function canRegisterProvider(actor: MaybeActor, alreadyMember: boolean): boolean {
  return actor?.role === "provider" && !alreadyMember;
}

export interface ApplicationFacts {
  readonly status: ApplicationStatus;
  readonly providerMemberUserIds: readonly string[];
  /** User ids of experts currently invited to or sitting on the application's panel. */
  readonly panelUserIds: readonly string[];
  /** Of those, the ones who accepted (they score). */
  readonly acceptedUserIds: readonly string[];
}

/**
 * The pool application workflow (入库申请): who may take which step in which status. 403 when the role
 * could never take the step here, 409 when only the status is wrong.
 * - the member account withdraws before the review starts;
 * - the city starts the review, draws the panel, decides (不予入库, or 拟入库 with a public notice),
 *   handles the notice's objections and admits once the notice ended;
 * - a drawn panel expert scores while the review runs. Whether it has accepted the invitation is its
 *   own answer, not its role: an expert who has not (yet) accepted is refused with 409 by the server
 *   (NOT_ACCEPTED when still invited), and `applicationPermissions.score` requires the acceptance.
 * Filing an objection is public and bounded by the notice dates (`canObject`), not by a role.
 */
export type PoolApplicationStep =
  | "withdraw"
  | "openReview"
  | "draw"
  | "score"
  | "decide"
  | "handleObjections"
  | "admit";

const ownStep = (a: Actor, f: ApplicationFacts) => isMember(a, f.providerMemberUserIds);
const panelStep = (a: Actor, f: ApplicationFacts) => a.role === "expert" && f.panelUserIds.includes(a.id);

export const POOL_APPLICATION_WORKFLOW: Workflow<PoolApplicationStep, ApplicationStatus, ApplicationFacts> = {
  withdraw: { who: ownStep, from: ["submitted"] },
  openReview: { who: cityStep, from: ["submitted"] },
  draw: { who: cityStep, from: ["under_review"] },
  score: { who: panelStep, from: ["under_review"] },
  decide: { who: cityStep, from: ["under_review"] },
  handleObjections: { who: cityStep, from: ["in_notice"] },
  admit: { who: cityStep, from: ["in_notice"] },
};

export interface ApplicationPermissions extends Readonly<Record<PoolApplicationStep, boolean>> {
  readonly read: boolean;
  /** Every expert's sheet and the objections. */
  readonly readReview: boolean;
}

export function applicationPermissions(actor: MaybeActor, a: ApplicationFacts): ApplicationPermissions {
  const city = isCity(actor);
  const own = isMember(actor, a.providerMemberUserIds);
  const panel = actor?.role === "expert" && a.panelUserIds.includes(actor.id);
  const accepted = actor?.role === "expert" && a.acceptedUserIds.includes(actor.id);
  const steps = actor
    ? allowedSteps(POOL_APPLICATION_WORKFLOW, actor, a)
    : {
        withdraw: false,
        openReview: false,
        draw: false,
        score: false,
        decide: false,
        handleObjections: false,
        admit: false,
      };
  return {
    read: city || own || panel,
    readReview: city,
    ...steps,
    score: steps.score && accepted,
  };
}

/** A public notice's objection (公示异议): the city handles it once, while it is open. */
export const OBJECTION_WORKFLOW: Workflow<"handle", ObjectionStatus, { readonly status: ObjectionStatus }> = {
  handle: { who: cityStep, from: ["open"] },
};

/** Applications list: city all, a provider its own organisation's, an expert those it is on the panel of. */
export type ApplicationListScope =
  | { kind: "all" }
  | { kind: "provider"; userId: string }
  | { kind: "panel"; userId: string }
  | { kind: "none" };

export function applicationListScope(actor: MaybeActor): ApplicationListScope {
  if (isCity(actor)) return { kind: "all" };
  if (actor?.role === "provider") return { kind: "provider", userId: actor.id };
  if (actor?.role === "expert") return { kind: "panel", userId: actor.id };
  return { kind: "none" };
}

/** The expert pool and its draws are the city's. */
export function canManageExperts(actor: MaybeActor): boolean {
  return isCity(actor);
}

/** An expert keeps its own 可用时间 (availability windows) up to date; the rest of the profile is the city's. */
export function canEditOwnAvailability(actor: MaybeActor): boolean {
  return actor?.role === "expert";
}

/** An expert answers only its own invitations. */
export function canAnswerInvitation(actor: MaybeActor, expertUserId: string | null): boolean {
  return actor?.role === "expert" && expertUserId !== null && actor.id === expertUserId;
}

/** Objections during a running notice: anyone, signed in or not. */
export function canObject(
  today: string,
  notice: { status: ApplicationStatus; start: string | null; end: string | null },
): boolean {
  return (
    notice.status === "in_notice" &&
    !!notice.start &&
    !!notice.end &&
    notice.start <= today &&
    today <= notice.end
  );
}

/** An enterprise rates a provider that served it (a diagnosis of the enterprise with a provider member on the team). */
export function canRateProvider(actor: MaybeActor, enterpriseId: string, servedByProvider: boolean): boolean {
  return actor?.role === "enterprise" && actor.enterpriseId === enterpriseId && servedByProvider;
}
