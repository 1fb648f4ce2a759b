import type { AccessCase as Case, MatrixEnv } from "./access-case";

/**
 * Access-matrix rows of 月度工作简报: the city administrator generates and reads; a district
 * administrator (of any district: the briefing is the city's) reads only; every other role 403.
 * No briefing exists in the matrix, so readers get 404 for an id and 400 for a month without
 * snapshots (the generation is refused before any PDF is made).
 */
const NO_ID = "00000000-0000-4000-8000-000000000000";
const readers = {
  anonymous: 401,
  city_admin: 200,
  district_admin: 200,
  other_district_admin: 200,
  default: 403,
};
const readers404 = { ...readers, city_admin: 404, district_admin: 404, other_district_admin: 404 };

export function briefingCases(_env: MatrixEnv): Case[] {
  return [
    { method: "GET", route: "/api/briefings", url: () => "/api/briefings", expect: readers },
    { method: "GET", route: "/api/briefings/periods", url: () => "/api/briefings/periods", expect: readers },
    { method: "GET", route: "/api/briefings/export", url: () => "/api/briefings/export", expect: readers },
    { method: "GET", route: "/api/briefings/:id", url: () => `/api/briefings/${NO_ID}`, expect: readers404 },
    {
      method: "GET",
      route: "/api/briefings/:id/html",
      url: () => `/api/briefings/${NO_ID}/html`,
      expect: readers404,
    },
    {
      method: "GET",
      route: "/api/briefings/:id/pdf",
      url: () => `/api/briefings/${NO_ID}/pdf`,
      expect: readers404,
    },
    {
      method: "GET",
      route: "/api/briefings/:id/xlsx",
      url: () => `/api/briefings/${NO_ID}/xlsx`,
      expect: readers404,
    },
    {
      method: "POST",
      route: "/api/briefings",
      url: () => "/api/briefings",
      body: () => ({ period: "2019-01" }),
      expect: { anonymous: 401, city_admin: 400, default: 403 },
    },
  ];
}
