import { isBureauFor } from "./diagnosis-access";
import { type EnterpriseScope, enterpriseReadScope } from "./enterprise-access";
import type { Actor } from "./roles";
import type { Workflow } from "./workflow";

/**
 * Who may do what in the solution catalogue, supply–demand matching (供需对接) and matchmaking events
 * (供需对接活动). Pure rules; the server turns scopes into SQL and checks actions with these, and the
 * web shows only the actions they allow.
 *
 * A provider account acts for the provider organisations it is a member of (provider_members), so
 * callers pass the actor's organisation ids alongside the actor.
 */

// --- solutions ---------------------------------------------------------------------------------

/** Product kinds of the catalogue (上云产品 / 工业APP / 工业软件 / “小快轻准” / 系统解决方案). */
export const SOLUTION_KINDS = [
  "cloud_product",
  "industrial_app",
  "industrial_software",
  "sme_package",
  "system_solution",
] as const;
export type SolutionKind = (typeof SOLUTION_KINDS)[number];
export const SOLUTION_KIND_LABELS: Record<SolutionKind, string> = {
  cloud_product: "上云产品",
  industrial_app: "工业APP",
  industrial_software: "工业软件",
  sme_package: "“小快轻准”产品包",
  system_solution: "系统解决方案",
};
/** The domain category (providers/provider.ts) a product kind ranks as. */
export const SOLUTION_KIND_CATEGORY = {
  cloud_product: "sme_quick_light",
  industrial_app: "sme_quick_light",
  industrial_software: "system_solution",
  sme_package: "sme_quick_light",
  system_solution: "system_solution",
} as const;

export const DEPLOYMENT_MODES = ["saas", "private", "hybrid"] as const;
export type DeploymentMode = (typeof DEPLOYMENT_MODES)[number];
export const DEPLOYMENT_MODE_LABELS: Record<DeploymentMode, string> = {
  saas: "SaaS",
  private: "私有化部署",
  hybrid: "混合部署",
};

export const SOLUTION_STATUSES = ["draft", "published", "withdrawn"] as const;
export type SolutionStatus = (typeof SOLUTION_STATUSES)[number];
export const SOLUTION_STATUS_LABELS: Record<SolutionStatus, string> = {
  draft: "草稿",
  published: "已发布",
  withdrawn: "已下架",
};

/** Staff see every solution (drafts included); used for exports and oversight. */
export const isMatchingStaff = (actor: Actor | null): boolean =>
  !!actor && (actor.role === "city_admin" || (actor.role === "district_admin" && !!actor.districtCode));

/** Is the actor a member of the organisation that owns this record? */
export function actsFor(actor: Actor | null, providerIds: readonly string[], providerId: string): boolean {
  return !!actor && actor.role === "provider" && providerIds.includes(providerId);
}

/**
 * Reading one solution: anyone (also anonymous) when it is published by an admitted provider; its
 * own organisation and staff always.
 */
export function canReadSolution(
  actor: Actor | null,
  providerIds: readonly string[],
  s: { providerId: string; status: SolutionStatus; providerAdmitted: boolean },
): boolean {
  if (s.status === "published" && s.providerAdmitted) return true;
  return isMatchingStaff(actor) || actsFor(actor, providerIds, s.providerId);
}

/** Create / edit / publish / withdraw: members of the owning organisation only. */
export function canManageSolution(actor: Actor | null, providerIds: readonly string[], providerId: string) {
  return actsFor(actor, providerIds, providerId);
}

/** What a solution step is decided on: its status, its organisation and the actor's organisations. */
export interface SolutionFacts {
  readonly status: SolutionStatus;
  readonly providerId: string;
  /** The organisations the actor acts for (provider_members). */
  readonly actorProviderIds: readonly string[];
}
export type SolutionStep = "edit" | "publish" | "withdraw" | "redraft";

const managesSolution = (a: Actor, f: SolutionFacts) =>
  canManageSolution(a, f.actorProviderIds, f.providerId);

/**
 * draft → published ⇄ withdrawn → draft: a withdrawn entry can be published again after editing, or
 * put back to draft. Editing the fields is open in every status. Only the owning organisation acts.
 */
export const SOLUTION_WORKFLOW: Workflow<SolutionStep, SolutionStatus, SolutionFacts> = {
  edit: { who: managesSolution, from: SOLUTION_STATUSES },
  publish: { who: managesSolution, from: ["draft", "withdrawn"] },
  withdraw: { who: managesSolution, from: ["published"] },
  redraft: { who: managesSolution, from: ["withdrawn"] },
};

/** The step that moves a solution into a status. */
export const SOLUTION_STEP_INTO: Record<SolutionStatus, Exclude<SolutionStep, "edit">> = {
  published: "publish",
  withdrawn: "withdraw",
  draft: "redraft",
};

/** The step an update takes: a change of status names its step; no status, or the same, is an edit. */
export function solutionStepFor(from: SolutionStatus, to: SolutionStatus | undefined): SolutionStep {
  return to === undefined || to === from ? "edit" : SOLUTION_STEP_INTO[to];
}

/** May a solution move from one status to another (the same status is always fine)? Read off the table. */
export function solutionStatusAllowed(from: SolutionStatus, to: SolutionStatus): boolean {
  return SOLUTION_WORKFLOW[solutionStepFor(from, to)].from.includes(from);
}

// --- demands -----------------------------------------------------------------------------------

export const DEMAND_STATUSES = ["open", "matched", "closed"] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];
export const DEMAND_STATUS_LABELS: Record<DemandStatus, string> = {
  open: "待对接",
  matched: "对接中",
  closed: "已关闭",
};

export const LEAD_STATUSES = ["shortlisted", "contacted", "contracted", "declined"] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export const LEAD_STATUS_LABELS: Record<LeadStatus, string> = {
  shortlisted: "已加入意向",
  contacted: "已联系",
  contracted: "已签约",
  declined: "已放弃",
};

/**
 * How a list of demands is narrowed: city all, district its enterprises, the enterprise its own,
 * a provider only the demands matched to its organisations (stored top-N matches, or leads naming it).
 */
export type DemandScope = EnterpriseScope | { kind: "provider"; providerIds: readonly string[] };

/** The enterprise registry's scope (city, district, self, none), plus the provider's matched demands. */
export function demandReadScope(actor: Actor, providerIds: readonly string[]): DemandScope {
  return actor.role === "provider" ? { kind: "provider", providerIds } : enterpriseReadScope(actor);
}

/** Post a demand: the enterprise for itself; the bureau for an enterprise it manages. */
export function canPostDemandFor(actor: Actor, enterprise: { id: string; districtCode: string }): boolean {
  if (actor.role === "enterprise") return actor.enterpriseId === enterprise.id;
  return isBureauFor(actor, enterprise.districtCode);
}

/** The demand's owner side: the enterprise itself or the bureau in charge of it. */
export function isDemandOwner(actor: Actor, d: { enterpriseId: string; districtCode: string }): boolean {
  if (actor.role === "enterprise") return actor.enterpriseId === d.enterpriseId;
  return isBureauFor(actor, d.districtCode);
}

/** What a demand step is decided on: its status and the enterprise (and district) it belongs to. */
export interface DemandFacts {
  readonly status: DemandStatus;
  readonly enterpriseId: string;
  readonly districtCode: string;
}
export type DemandStep = "edit" | "close" | "reopen" | "shortlist";

const demandOwner = (a: Actor, f: DemandFacts) => isDemandOwner(a, f);

/**
 * The demand's owner side (the enterprise or its bureau) edits the description in every status,
 * closes an open demand, reopens a closed one (back to 对接中 when it has leads) and shortlists
 * solutions or providers while the demand is not closed.
 */
export const DEMAND_WORKFLOW: Workflow<DemandStep, DemandStatus, DemandFacts> = {
  edit: { who: demandOwner, from: DEMAND_STATUSES },
  close: { who: demandOwner, from: ["open", "matched"] },
  reopen: { who: demandOwner, from: ["closed"] },
  shortlist: { who: demandOwner, from: ["open", "matched"] },
};

/**
 * The step an update takes: closing an open demand, reopening a closed one; anything else (also
 * "close" on a closed demand, "open" on an open one) is an edit.
 */
export function demandStepFor(from: DemandStatus, to: "open" | "closed" | undefined): DemandStep {
  if (to === "closed" && from !== "closed") return "close";
  if (to === "open" && from === "closed") return "reopen";
  return "edit";
}

/** What a lead step is decided on: the lead's status, its demand's owner side and its provider. */
export interface LeadFacts {
  readonly status: LeadStatus;
  readonly enterpriseId: string;
  readonly districtCode: string;
  readonly providerId: string;
  /** The organisations the actor acts for (provider_members). */
  readonly actorProviderIds: readonly string[];
}
export type LeadStep = "contact" | "contract" | "decline";

const leadOwner = (a: Actor, f: LeadFacts) => isDemandOwner(a, f);

/**
 * Lead steps. The enterprise (or its bureau) contacts, contracts or declines; the provider named on
 * the lead may only record that it made contact. shortlisted → contacted → contracted (contracting
 * straight from the shortlist records the contact too), declined from any open step; contracted and
 * declined are final.
 */
export const LEAD_WORKFLOW: Workflow<LeadStep, LeadStatus, LeadFacts> = {
  contact: {
    who: (a, f) => leadOwner(a, f) || actsFor(a, f.actorProviderIds, f.providerId),
    from: ["shortlisted"],
  },
  contract: { who: leadOwner, from: ["shortlisted", "contacted"] },
  decline: { who: leadOwner, from: ["shortlisted", "contacted"] },
};

/** The step that moves a lead into a status (the request names the status). */
export const LEAD_STEP_INTO = {
  contacted: "contact",
  contracted: "contract",
  declined: "decline",
} as const satisfies Record<Exclude<LeadStatus, "shortlisted">, LeadStep>;

// --- events ------------------------------------------------------------------------------------

export const EVENT_STATUSES = ["planned", "finished", "cancelled"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const EVENT_STATUS_LABELS: Record<EventStatus, string> = {
  planned: "报名中",
  finished: "已举办",
  cancelled: "已取消",
};

export const EVENT_LEAD_STATUSES = ["following", "converted", "lost"] as const;
export type EventLeadStatus = (typeof EVENT_LEAD_STATUSES)[number];
export const EVENT_LEAD_STATUS_LABELS: Record<EventLeadStatus, string> = {
  following: "跟进中",
  converted: "已转化",
  lost: "未转化",
};

/** Create / run an event in a district: city staff anywhere, district staff only in their district. */
export function canManageEventIn(actor: Actor, districtCode: string): boolean {
  return isBureauFor(actor, districtCode);
}

/**
 * Events a list shows: staff their scope (city all, district its own); enterprises and providers
 * every event they could register for or did (the server adds "or registered").
 */
export type EventScope = { kind: "all" } | { kind: "district"; districtCode: string } | { kind: "none" };
export function eventReadScope(actor: Actor): EventScope {
  switch (actor.role) {
    case "city_admin":
    case "enterprise":
    case "provider":
      return { kind: "all" };
    case "district_admin":
      return actor.districtCode ? { kind: "district", districtCode: actor.districtCode } : { kind: "none" };
    default:
      return { kind: "none" };
  }
}

/** What an event step is decided on: its status and district. */
export interface EventFacts {
  readonly status: EventStatus;
  readonly districtCode: string;
}
export type EventStep = "edit" | "finish" | "cancel" | "replan" | "register" | "attend" | "leads";

const organises = (a: Actor, f: EventFacts) => canManageEventIn(a, f.districtCode);
/** Enterprises and providers register themselves. */
const isParticipant = (a: Actor) => a.role === "enterprise" || a.role === "provider";

/**
 * Event steps. The organisers (the event's district bureau, or the city) edit it, set its status
 * (举办 / 取消 / back to 报名中), record attendance (from the event's day on — a date rule, checked
 * apart) and its leads, in every status. Registering — enterprises and providers for themselves, the
 * organisers on someone's behalf — is open while the event is planned only.
 */
export const EVENT_WORKFLOW: Workflow<EventStep, EventStatus, EventFacts> = {
  edit: { who: organises, from: EVENT_STATUSES },
  finish: { who: organises, from: EVENT_STATUSES },
  cancel: { who: organises, from: EVENT_STATUSES },
  replan: { who: organises, from: EVENT_STATUSES },
  register: { who: (a, f) => isParticipant(a) || organises(a, f), from: ["planned"] },
  attend: { who: organises, from: EVENT_STATUSES },
  leads: { who: organises, from: EVENT_STATUSES },
};

const EVENT_STEP_INTO: Record<EventStatus, EventStep> = {
  planned: "replan",
  finished: "finish",
  cancelled: "cancel",
};

/** The step an update takes: a change of status names its step; no status, or the same, is an edit. */
export function eventStepFor(from: EventStatus, to: EventStatus | undefined): EventStep {
  return to === undefined || to === from ? "edit" : EVENT_STEP_INTO[to];
}

/** Register oneself (what the web offers as a button): an enterprise or provider, while open. */
export function canRegisterForEvent(actor: Actor, status: EventStatus): boolean {
  return isParticipant(actor) && EVENT_WORKFLOW.register.from.includes(status);
}
