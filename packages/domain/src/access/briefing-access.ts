import type { Role } from "./roles";

/**
 * 月度工作简报 access (issue 13 §6, §8). The briefing is the city's report upward: the city
 * administrator generates it and reads every version; a district administrator reads the city's
 * briefing (read-only: list, preview, downloads) because its own district's figures and rank are in
 * it and the other districts' ranks are what the city publishes to all districts anyway; every other
 * role (departments included: the briefing covers indicators they do not own) has no access.
 */
export type BriefingRight = "generate" | "read";

const RIGHTS: Record<Role, readonly BriefingRight[]> = {
  city_admin: ["generate", "read"],
  district_admin: ["read"],
  department: [],
  enterprise: [],
  provider: [],
  expert: [],
};

export const mayBriefing = (role: Role, right: BriefingRight): boolean => RIGHTS[role].includes(right);
