import { COCKPIT_MAP_ROUTES } from "@dxcenter/contracts";
import { districts, loadDistrictMap } from "@dxcenter/db";
import { tileFeatures } from "@dxcenter/domain";
import { eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { mountRoutes } from "../../lib/contract-routes";
import { requireRole } from "../../plugins/auth";

/**
 * The 驾驶舱's district map geometry (COCKPIT_MAP_ROUTES): the city's schematic tile layout, read
 * once when the app starts, turned into GeoJSON named by the current districts of the reference
 * table. Only the roles that open a 驾驶舱 get it (the map stays inside the signed-in 驾驶舱).
 */
export const cockpitMapRoutes: FastifyPluginAsyncZod = async (app) => {
  const layout = loadDistrictMap();
  mountRoutes(app, COCKPIT_MAP_ROUTES, ["监测分析预警"], {
    "GET /api/cockpit/map": async (_input, request) => {
      requireRole(request, "city_admin", "district_admin", "department");
      const rows = await app.db
        .select({ code: districts.code, name: districts.name })
        .from(districts)
        .where(eq(districts.status, "current"));
      return tileFeatures(layout, new Map(rows.map((d) => [d.code, d.name])));
    },
  });
};
