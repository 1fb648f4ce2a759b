import { type AccessCase as Case, listAndExport, type MatrixEnv, row } from "./access-case";
import { allow, BUREAUS } from "./access-expect";

/**
 * Access-matrix rows of 预警中心: the city administrator, district administrators (their district's
 * warnings) and departments (what their organisation owns) read and act; enterprises, providers and
 * experts 403. No warning exists in the matrix, so readers get 404 for an id, for reads and steps alike.
 */
const NO_ID = "00000000-0000-4000-8000-000000000000";
const WARNING_READERS = [...BUREAUS, "department"] as const;
const readers = allow(200, WARNING_READERS);
const readers404 = allow(404, WARNING_READERS);

export function warningCases(_env: MatrixEnv): Case[] {
  return [
    ...listAndExport("/api/warnings", readers),
    row("GET", "/api/warnings/counts", readers),
    row("GET", "/api/warnings/rules", readers),
    row("GET", "/api/warnings/:id", readers404, { url: `/api/warnings/${NO_ID}` }),
    ...(
      [
        ["acknowledge", {}],
        ["handle", { note: "已处置" }],
        ["close", {}],
      ] as const
    ).map(([step, body]) =>
      row("POST", `/api/warnings/:id/${step}`, readers404, {
        url: `/api/warnings/${NO_ID}/${step}`,
        body: () => body,
      }),
    ),
  ];
}
