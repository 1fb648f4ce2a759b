import { type AccessCase as Case, listAndExport, type MatrixEnv, row } from "./access-case";
import { allow, BUREAUS, cityOnly } from "./access-expect";

/**
 * Access-matrix rows of 指标填报: the city administrator, district administrators (their district's
 * tasks) and departments (what their organisation owns) read and fill; only the city generates and
 * reviews; enterprises, providers and experts 403. No task id exists in the matrix, so readers get 404
 * for an id, for reads and steps alike; an upload without a file is 400 for readers.
 */
const NO_ID = "00000000-0000-4000-8000-000000000000";
const READERS = [...BUREAUS, "department"] as const;
const readers = allow(200, READERS);
const readers404 = allow(404, READERS);

export function indicatorReportCases(_env: MatrixEnv): Case[] {
  const step = (name: string, body: object) =>
    row("POST", `/api/indicator-reports/:id/${name}`, readers404, {
      url: `/api/indicator-reports/${NO_ID}/${name}`,
      body: () => body,
    });
  return [
    ...listAndExport("/api/indicator-reports", readers),
    row("GET", "/api/indicator-reports/template", readers),
    row("POST", "/api/indicator-reports/upload", allow(400, READERS)),
    row("POST", "/api/indicator-reports/generate", cityOnly(), { body: () => ({ month: "2026-09" }) }),
    row("GET", "/api/indicator-reports/:id", readers404, { url: `/api/indicator-reports/${NO_ID}` }),
    step("save", { value: 1, version: 1 }),
    step("submit", { value: 1, version: 1 }),
    step("approve", { version: 1 }),
    step("return", { version: 1, reason: "口径不符" }),
  ];
}
