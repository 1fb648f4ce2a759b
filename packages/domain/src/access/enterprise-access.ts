import type { Actor } from "./roles";

/**
 * The single statement of who may see and change which enterprises (企业库).
 * The server turns a scope into a SQL condition; every list, detail, export, count and import goes
 * through it, so district isolation cannot be forgotten in one place and kept in another.
 */
export type EnterpriseScope =
  | { kind: "all" }
  | { kind: "district"; districtCode: string }
  | { kind: "self"; enterpriseId: string }
  | { kind: "none" };

export function enterpriseReadScope(actor: Actor): EnterpriseScope {
  switch (actor.role) {
    case "city_admin":
      return { kind: "all" };
    case "district_admin":
      return actor.districtCode ? { kind: "district", districtCode: actor.districtCode } : { kind: "none" };
    case "enterprise":
      return actor.enterpriseId ? { kind: "self", enterpriseId: actor.enterpriseId } : { kind: "none" };
    // Providers, experts and departments reach enterprises only through their own modules
    // (matched demands, assignments, coordination tasks), never through the registry.
    default:
      return { kind: "none" };
  }
}

export function scopeAllows(
  scope: EnterpriseScope,
  enterprise: { id: string; districtCode: string },
): boolean {
  switch (scope.kind) {
    case "all":
      return true;
    case "district":
      return enterprise.districtCode === scope.districtCode;
    case "self":
      return enterprise.id === scope.enterpriseId;
    case "none":
      return false;
  }
}

/** Registry lists (search, export, counts) are for bureau staff; an enterprise only opens its own record. */
export function canListEnterprises(actor: Actor): boolean {
  return actor.role === "city_admin" || (actor.role === "district_admin" && !!actor.districtCode);
}

/** Create and import: city for any district, district staff for their own district only. */
export function canCreateEnterpriseIn(actor: Actor, districtCode: string): boolean {
  if (actor.role === "city_admin") return true;
  // An unbound district account ("" or null) has no district, so it can create nowhere.
  return actor.role === "district_admin" && !!actor.districtCode && actor.districtCode === districtCode;
}

/**
 * Fields an enterprise may change about itself. Administrative facts (code, district, 规上 status,
 * 专精特新 tier, certified levels) are set by the bureau, not self-declared.
 */
export const ENTERPRISE_SELF_EDITABLE = [
  "name",
  "contactName",
  "contactPhone",
  "address",
  "digitalRdTools",
  "keyProcessNcRate",
  "cloudAdopted",
  "annual",
] as const;

/**
 * Who may change a record is exactly who may read it (an enterprise then only its self-editable
 * fields). Deriving it from the read scope keeps the two rules from drifting apart — e.g. an unbound
 * district account with districtCode "" may not edit enterprises whose district is "".
 */
export function canUpdateEnterprise(actor: Actor, enterprise: { id: string; districtCode: string }): boolean {
  return scopeAllows(enterpriseReadScope(actor), enterprise);
}

/** A district may not move an enterprise out of its own district (it would lose sight of it). */
export function canMoveEnterpriseTo(actor: Actor, districtCode: string): boolean {
  return canCreateEnterpriseIn(actor, districtCode);
}
