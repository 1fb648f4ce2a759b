import { type AccessCase as Case, type MatrixEnv, row } from "./access-case";
import { allow, BUREAUS } from "./access-expect";

/**
 * Access-matrix rows of 预警中心: the city administrator, district administrators (their district's
 * warnings) and departments (what their organisation owns) read and act; enterprises, providers and
 * experts 403. No warning exists in the matrix, so readers get 404 for an id, for reads and steps alike.
 */
const NO_ID = "00000000-0000-4000-8000-000000000000";
const readers = allow(200, [...BUREAUS, "department"]);
const readers404 = allow(404, [...BUREAUS, "department"]);

export function warningCases(_env: MatrixEnv): Case[] {
  const step = (name: string, body: object) =>
    row("POST", `/api/warnings/:id/${name}`, readers404, {
      url: `/api/warnings/${NO_ID}/${name}`,
      body: () => body,
    });
  return [
    row("GET", "/api/warnings", readers),
    row("GET", "/api/warnings/counts", readers),
    row("GET", "/api/warnings/rules", readers),
    row("GET", "/api/warnings/export", readers),
    row("GET", "/api/warnings/:id", readers404, { url: `/api/warnings/${NO_ID}` }),
    step("acknowledge", {}),
    step("handle", { note: "已处置" }),
    step("close", {}),
  ];
}
