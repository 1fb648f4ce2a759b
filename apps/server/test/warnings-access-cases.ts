import type { AccessCase as Case, MatrixEnv } from "./access-case";

/**
 * Access-matrix rows of 预警中心: the city administrator, district administrators (their district's
 * warnings) and departments (what their organisation owns) read and act; enterprises, providers and
 * experts 403. No warning exists in the matrix, so readers get 404 for an id, for reads and steps alike.
 */
const NO_ID = "00000000-0000-4000-8000-000000000000";
const readers = {
  anonymous: 401,
  city_admin: 200,
  district_admin: 200,
  other_district_admin: 200,
  department: 200,
  default: 403,
};
const readers404 = {
  ...readers,
  city_admin: 404,
  district_admin: 404,
  other_district_admin: 404,
  department: 404,
};

export function warningCases(_env: MatrixEnv): Case[] {
  const step = (name: string, body: object): Case => ({
    method: "POST",
    route: `/api/warnings/:id/${name}`,
    url: () => `/api/warnings/${NO_ID}/${name}`,
    body: () => body,
    expect: readers404,
  });
  return [
    { method: "GET", route: "/api/warnings", url: () => "/api/warnings", expect: readers },
    { method: "GET", route: "/api/warnings/counts", url: () => "/api/warnings/counts", expect: readers },
    { method: "GET", route: "/api/warnings/rules", url: () => "/api/warnings/rules", expect: readers },
    { method: "GET", route: "/api/warnings/export", url: () => "/api/warnings/export", expect: readers },
    { method: "GET", route: "/api/warnings/:id", url: () => `/api/warnings/${NO_ID}`, expect: readers404 },
    step("acknowledge", {}),
    step("handle", { note: "已处置" }),
    step("close", {}),
  ];
}
