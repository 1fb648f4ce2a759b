import { type AccessCase as Case, type MatrixEnv, row } from "./access-case";
import { allow, BUREAUS, cityOnly } from "./access-expect";

/**
 * Access-matrix rows of 月度工作简报: the city administrator generates and reads; a district
 * administrator (of any district: the briefing is the city's) reads only; every other role 403.
 * No briefing exists in the matrix, so readers get 404 for an id and 400 for a month without
 * snapshots (the generation is refused before any PDF is made).
 */
const NO_ID = "00000000-0000-4000-8000-000000000000";
const readers = allow(200, BUREAUS);
const readers404 = allow(404, BUREAUS);

export function briefingCases(_env: MatrixEnv): Case[] {
  return [
    row("GET", "/api/briefings", readers),
    row("GET", "/api/briefings/periods", readers),
    row("GET", "/api/briefings/export", readers),
    row("GET", "/api/briefings/:id", readers404, { url: `/api/briefings/${NO_ID}` }),
    // The briefing's three renditions: the same readers as the briefing.
    ...["html", "pdf", "xlsx"].map((as) =>
      row("GET", `/api/briefings/:id/${as}`, readers404, { url: `/api/briefings/${NO_ID}/${as}` }),
    ),
    row("POST", "/api/briefings", cityOnly(400), { body: () => ({ period: "2019-01" }) }),
  ];
}
