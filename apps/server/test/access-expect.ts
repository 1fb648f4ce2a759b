import type { AccessCase, Who } from "./access-case";

/**
 * Who gets what in the access matrix: the groups of callers rows name, and the expectations built
 * from them (anonymous 401, the named callers one status, everybody else another).
 */

/** What each caller of a row must get. */
export type Expect = AccessCase["expect"];

/** The three bureaus: the city, 滨海新区 (the matrix enterprise's district) and 和平区. */
export const BUREAUS: readonly Who[] = ["city_admin", "district_admin", "other_district_admin"];
/** The bureaus over the matrix enterprise: the city and 滨海新区. */
export const HOME_BUREAUS: readonly Who[] = ["city_admin", "district_admin"];
/** Who sees a record of the matrix enterprise: the city, its district and the enterprise itself. */
export const ENTERPRISE_SCOPE: readonly Who[] = ["city_admin", "district_admin", "enterprise"];

/** Anonymous callers get 401, the callers in `who` get `status`, everybody else `others` (403 unless said). */
export function allow(status: number, who: readonly Who[], others = 403): Expect {
  return { anonymous: 401, ...Object.fromEntries(who.map((w) => [w, status])), default: others };
}

/** Like `allow`, for a record of the matrix enterprise: 和平区's administrator does not find it (404). */
export function allowInScope(status: number, who: readonly Who[], others = 403): Expect {
  return { ...allow(status, who, others), other_district_admin: 404 };
}

/** Only the city's administrators get `status`. */
export const cityOnly = (status = 200): Expect => allow(status, ["city_admin"]);
