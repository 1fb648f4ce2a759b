import type { Actor } from "./roles";

/**
 * The cast of the workflow table tests (diagnoses, projects): one actor per role, plus the neighbours a
 * rule must refuse — another district's bureau, another enterprise, an expert not on the case.
 */
export const ENT = "e-1";
export const BINHAI = "120116";
export const city: Actor = { id: "u-city", role: "city_admin", districtCode: null, enterpriseId: null };
export const district: Actor = {
  id: "u-d",
  role: "district_admin",
  districtCode: BINHAI,
  enterpriseId: null,
};
export const otherDistrict: Actor = {
  id: "u-d2",
  role: "district_admin",
  districtCode: "120101",
  enterpriseId: null,
};
export const enterprise: Actor = { id: "u-e", role: "enterprise", districtCode: null, enterpriseId: ENT };
export const otherEnterprise: Actor = {
  id: "u-e2",
  role: "enterprise",
  districtCode: null,
  enterpriseId: "e-2",
};
export const provider: Actor = { id: "u-p", role: "provider", districtCode: null, enterpriseId: null };
export const expert: Actor = { id: "u-x", role: "expert", districtCode: null, enterpriseId: null };
export const strangerExpert: Actor = { id: "u-x2", role: "expert", districtCode: null, enterpriseId: null };
export const department: Actor = { id: "u-dep", role: "department", districtCode: null, enterpriseId: null };
