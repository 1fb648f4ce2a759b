import { REFERENCE_ROUTES } from "@dxcenter/contracts";
import { districts, industries } from "@dxcenter/db";
import { asc } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { mountRoutes } from "../../lib/contract-routes";

/** Public code lists (GB/T 2260 districts, GB/T 4754 divisions): needed by forms and by the public. */
export const referenceRoutes: FastifyPluginAsyncZod = async (app) => {
  mountRoutes(app, REFERENCE_ROUTES, ["基础数据"], {
    "GET /api/reference": async () => {
      const ds = await app.db.select().from(districts).orderBy(asc(districts.sortOrder));
      const is = await app.db.select().from(industries).orderBy(asc(industries.code));
      return {
        districts: ds.map((d) => ({ code: d.code, name: d.name, status: d.status })),
        industries: is.map((i) => ({ code: i.code, name: i.name })),
      };
    },
  });
};
