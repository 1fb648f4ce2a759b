import type { WarningOwnerKind, WarningState } from "../warnings/rules";
import type { Actor } from "./roles";
import { allowedSteps, type Workflow } from "./workflow";

/**
 * 预警中心 access (issue 13 §5, §8). The city administrator sees and acts on every warning; a district
 * administrator on the warnings of its district (others answer 404); a department on the warnings its
 * organisation owns; enterprises, providers and experts have no access. Acting: acknowledge (认领) an
 * open warning, handle it (处置, a note required) once acknowledged, close it (a note optional) once
 * handled. The evaluation job closes a warning itself when its condition clears, from any state.
 */
export interface WarningFacts {
  readonly status: WarningState;
  readonly districtCode: string | null;
  readonly ownerKind: WarningOwnerKind;
  readonly ownerCode: string | null;
  /** The acting department account's organisation (a department owns warnings by its name). */
  readonly actorOrganization: string | null;
}

/** How a list of warnings is narrowed for an actor. */
export type WarningScope =
  | { readonly kind: "all" }
  | { readonly kind: "district"; readonly districtCode: string }
  | { readonly kind: "department"; readonly organization: string }
  | { readonly kind: "none" };

export function warningReadScope(actor: Actor, organization: string | null): WarningScope {
  if (actor.role === "city_admin") return { kind: "all" };
  if (actor.role === "district_admin" && actor.districtCode)
    return { kind: "district", districtCode: actor.districtCode };
  if (actor.role === "department" && organization) return { kind: "department", organization };
  return { kind: "none" };
}

/** Whether the roles of this actor reach the warnings centre at all (else 403). */
export const mayUseWarnings = (actor: Actor): boolean =>
  actor.role === "city_admin" || actor.role === "district_admin" || actor.role === "department";

export function canReadWarning(actor: Actor, w: WarningFacts): boolean {
  const scope = warningReadScope(actor, w.actorOrganization);
  switch (scope.kind) {
    case "all":
      return true;
    case "district":
      return w.districtCode === scope.districtCode;
    case "department":
      return w.ownerKind === "department" && w.ownerCode === scope.organization;
    case "none":
      return false;
  }
}

export const WARNING_STEPS = ["acknowledge", "handle", "close"] as const;
export type WarningStep = (typeof WARNING_STEPS)[number];

const reader = (actor: Actor, w: WarningFacts) => canReadWarning(actor, w);

/** Who may take which step of a warning in which state: each step in turn, by whoever may read it. */
export const warningWorkflow: Workflow<WarningStep, WarningState, WarningFacts> = {
  acknowledge: { who: reader, from: ["open"] },
  handle: { who: reader, from: ["acknowledged"] },
  close: { who: reader, from: ["handled"] },
};

/** The detail's action flags. */
export function warningPermissions(actor: Actor, w: WarningFacts): Record<WarningStep, boolean> {
  return allowedSteps(warningWorkflow, actor, w);
}
