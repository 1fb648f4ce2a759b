import type { AwardStatus } from "@dxcenter/contracts";
import { enterprises, policyAwards } from "@dxcenter/db";
import { type Actor, enterpriseReadScope } from "@dxcenter/domain";
import { eq, isNotNull, type SQL, sql } from "drizzle-orm";

/**
 * Who sees and moves which award (政策兑现), in one place. Bureau staff see the awards of the
 * enterprises they see in the registry; an enterprise sees its own once the district has confirmed
 * them (an identified award is the bureau's internal screening result until then).
 */
export function awardReadCondition(actor: Actor): SQL | null {
  const scope = enterpriseReadScope(actor);
  switch (scope.kind) {
    case "all":
      return sql`true`;
    case "district":
      return eq(enterprises.districtCode, scope.districtCode);
    case "self":
      return sql`${eq(policyAwards.enterpriseId, scope.enterpriseId)} and ${isNotNull(policyAwards.districtConfirmedAt)}`;
    case "none":
      return null;
  }
}

export interface AwardFacts {
  enterpriseId: string;
  districtCode: string;
  status: AwardStatus;
}

const isBureauFor = (actor: Actor, a: AwardFacts) =>
  actor.role === "city_admin" ||
  (actor.role === "district_admin" && !!actor.districtCode && actor.districtCode === a.districtCode);
const isEnterprise = (actor: Actor, a: AwardFacts) =>
  actor.role === "enterprise" && actor.enterpriseId === a.enterpriseId;

export function awardPermissions(actor: Actor, a: AwardFacts) {
  return {
    districtConfirm: a.status === "identified" && isBureauFor(actor, a),
    enterpriseConfirm: a.status === "district_confirmed" && isEnterprise(actor, a),
    decline:
      (a.status === "district_confirmed" || a.status === "enterprise_confirmed") && isEnterprise(actor, a),
    withdraw: (a.status === "identified" || a.status === "district_confirmed") && isBureauFor(actor, a),
    pay: a.status === "enterprise_confirmed" && actor.role === "city_admin",
  };
}
export type AwardPermission = keyof ReturnType<typeof awardPermissions>;

/** Could this role ever take the step on this award (403 if not; 409 when only the status is wrong)? */
export function roleMayEver(actor: Actor, a: AwardFacts, step: AwardPermission): boolean {
  switch (step) {
    case "districtConfirm":
    case "withdraw":
      return isBureauFor(actor, a);
    case "enterpriseConfirm":
    case "decline":
      return isEnterprise(actor, a);
    case "pay":
      return actor.role === "city_admin";
  }
}
