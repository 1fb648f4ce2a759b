import { enterpriseReadScope } from "./enterprise-access";
import type { Actor } from "./roles";

/**
 * 梯度培育 certifications: who reads them (the registry's read scope: city all, district its own
 * enterprises, an enterprise its own; other roles never), who records and revokes (the city: it
 * issues or transcribes certificates), and who confirms or rejects an unverified claim (the
 * enterprise's district, or the city).
 */
export function mayReadCertifications(actor: Actor): boolean {
  return enterpriseReadScope(actor).kind !== "none";
}

export function mayRecordCertifications(actor: Actor): boolean {
  return actor.role === "city_admin";
}

export function mayDecideClaim(actor: Actor, enterpriseDistrictCode: string): boolean {
  if (actor.role === "city_admin") return true;
  return actor.role === "district_admin" && actor.districtCode === enterpriseDistrictCode;
}
