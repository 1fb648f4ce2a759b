import type { ProviderStatus } from "../providers/provider";
import type { Actor } from "./roles";

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
  return {
    read,
    readInternal: city || member,
    edit: member && p.status !== "exited",
    apply: member && (p.status === "registered" || p.status === "exited"),
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

export interface ApplicationPermissions {
  readonly read: boolean;
  /** Every expert's sheet and the objections. */
  readonly readReview: boolean;
  readonly withdraw: boolean;
  readonly openReview: boolean;
  readonly draw: boolean;
  readonly score: boolean;
  readonly decide: boolean;
  readonly handleObjections: boolean;
  /** Final admission after the notice ended. */
  readonly admit: boolean;
}

export function applicationPermissions(actor: MaybeActor, a: ApplicationFacts): ApplicationPermissions {
  const city = isCity(actor);
  const own = isMember(actor, a.providerMemberUserIds);
  const panel = actor?.role === "expert" && a.panelUserIds.includes(actor.id);
  const accepted = actor?.role === "expert" && a.acceptedUserIds.includes(actor.id);
  const s = a.status;
  return {
    read: city || own || panel,
    readReview: city,
    withdraw: own && s === "submitted",
    openReview: city && s === "submitted",
    draw: city && s === "under_review",
    score: accepted && s === "under_review",
    decide: city && s === "under_review",
    handleObjections: city && s === "in_notice",
    admit: city && s === "in_notice",
  };
}

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
