import { indicatorSnapshots } from "@dxcenter/db";
import { and, eq } from "drizzle-orm";
import { closePeriod } from "../src/modules/indicators/close-period";
import type { AccessCase as Case, MatrixEnv } from "./access-case";
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
  const bureau = { anonymous: 401, city_admin: 200, district_admin: 200, other_district_admin: 200 };
  return [
    {
      method: "GET",
      route: "/api/indicators",
      url: () => "/api/indicators",
      expect: { ...bureau, department: 200, default: 403 },
    },
    {
      method: "GET",
      route: "/api/indicators/snapshots",
      url: () => "/api/indicators/snapshots?indicator=rd-tools-penetration",
      expect: { ...bureau, department: 404, default: 403 },
    },
    {
      method: "GET",
      route: "/api/cockpit",
      url: () => "/api/cockpit",
      expect: { ...bureau, department: 200, default: 403 },
    },
    {
      method: "GET",
      route: "/api/cockpit",
      // 滨海新区's 驾驶舱: another district's administrator is refused.
      url: () => `/api/cockpit?district=${BINHAI}`,
      expect: { ...bureau, other_district_admin: 403, department: 200, default: 403 },
    },
    {
      method: "GET",
      route: "/api/cockpit/districts",
      url: () => "/api/cockpit/districts?indicator=rd-tools-penetration",
      expect: { ...bureau, department: 404, default: 403 },
    },
    {
      method: "POST",
      route: "/api/indicators/periods/:period/close",
      url: () => `/api/indicators/periods/${OLD_MONTH}/close`,
      expect: { anonymous: 401, city_admin: 200, default: 403 },
    },
    {
      method: "POST",
      route: "/api/indicators/snapshots/:id/corrections",
      url: () => `/api/indicators/snapshots/${snapshotId}/corrections`,
      body: async () => {
        await ensureSnapshot();
        return { value: 1, reason: "权限矩阵更正测试" };
      },
      expect: { anonymous: 401, city_admin: 201, default: 403 },
    },
    // 下钻: a district administrator lists only its own district (its default), never another's.
    {
      method: "GET",
      route: "/api/cockpit/drill",
      url: () => "/api/cockpit/drill?indicator=projects-in-construction",
      expect: { ...bureau, department: 404, default: 403 },
    },
    {
      method: "GET",
      route: "/api/cockpit/drill",
      url: () => `/api/cockpit/drill?indicator=projects-in-construction&district=${BINHAI}`,
      expect: { ...bureau, other_district_admin: 403, department: 404, default: 403 },
    },
    {
      method: "GET",
      route: "/api/cockpit/drill/export",
      url: () => "/api/cockpit/drill/export?indicator=subsidy-paid",
      expect: { ...bureau, department: 404, default: 403 },
    },
  ];
}
