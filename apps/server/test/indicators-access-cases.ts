import { indicatorSnapshots } from "@dxcenter/db";
import { and, eq } from "drizzle-orm";
import { closePeriod } from "../src/modules/indicators/close-period";
import { type AccessCase as Case, type MatrixEnv, row } from "./access-case";
import { allow, BUREAUS, cityOnly, HOME_BUREAUS } from "./access-expect";
import { BINHAI } from "./helpers";

/**
 * Access-matrix rows of 监测分析预警: the city reads everything; district administrators their own
 * district and the city totals; departments only the indicators they own (the matrix's department
 * account names no organisation, so it owns none: an empty catalogue, 404 for an indicator); other
 * roles 403. Closing and correcting are the city's.
 */

/** A month long past: closing it is allowed and idempotent, whatever day the tests run. */
const OLD_MONTH = "2020-01";

export function indicatorCases(env: MatrixEnv): Case[] {
  let snapshotId = "";
  async function ensureSnapshot() {
    if (snapshotId) return;
    await closePeriod(env.ctx().handle.db, OLD_MONTH, { id: null, name: "matrix", role: "system", ip: null });
    const [s] = await env
      .ctx()
      .handle.db.select({ id: indicatorSnapshots.id })
      .from(indicatorSnapshots)
      .where(
        and(
          eq(indicatorSnapshots.indicatorId, "rd-tools-penetration"),
          eq(indicatorSnapshots.period, OLD_MONTH),
          eq(indicatorSnapshots.scope, "city"),
          eq(indicatorSnapshots.version, 1),
        ),
      );
    if (!s) throw new Error("matrix fixture: no snapshot");
    snapshotId = s.id;
  }
  const bureauRead = allow(200, BUREAUS);
  return [
    row("GET", "/api/indicators", allow(200, [...BUREAUS, "department"])),
    row(
      "GET",
      "/api/indicators/snapshots",
      { ...bureauRead, department: 404 },
      {
        url: "/api/indicators/snapshots?indicator=rd-tools-penetration",
      },
    ),
    row("GET", "/api/cockpit", allow(200, [...BUREAUS, "department"])),
    // 滨海新区's 驾驶舱: another district's administrator is refused.
    row("GET", "/api/cockpit", allow(200, [...HOME_BUREAUS, "department"]), {
      url: `/api/cockpit?district=${BINHAI}`,
    }),
    row(
      "GET",
      "/api/cockpit/districts",
      { ...bureauRead, department: 404 },
      {
        url: "/api/cockpit/districts?indicator=rd-tools-penetration",
      },
    ),
    // 刷新: the city's action (district administrators read the figures the city refreshes).
    row("POST", "/api/cockpit/refresh", cityOnly(), { body: () => ({ period: OLD_MONTH }) }),
    row("POST", "/api/indicators/periods/:period/close", cityOnly(), {
      url: `/api/indicators/periods/${OLD_MONTH}/close`,
    }),
    row("POST", "/api/indicators/snapshots/:id/corrections", cityOnly(201), {
      url: () => `/api/indicators/snapshots/${snapshotId}/corrections`,
      body: async () => {
        await ensureSnapshot();
        return { value: 1, reason: "权限矩阵更正测试" };
      },
    }),
    // 下钻: a district administrator lists only its own district (its default), never another's.
    row(
      "GET",
      "/api/cockpit/drill",
      { ...bureauRead, department: 404 },
      {
        url: "/api/cockpit/drill?indicator=projects-in-construction",
      },
    ),
    row(
      "GET",
      "/api/cockpit/drill",
      { ...allow(200, HOME_BUREAUS), other_district_admin: 403, department: 404 },
      {
        url: `/api/cockpit/drill?indicator=projects-in-construction&district=${BINHAI}`,
      },
    ),
    row(
      "GET",
      "/api/cockpit/drill/export",
      { ...bureauRead, department: 404 },
      {
        url: "/api/cockpit/drill/export?indicator=subsidy-paid",
      },
    ),
  ];
}
