import { HEALTH_ROUTES } from "@dxcenter/contracts";
import { sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { mountRoutes } from "../../lib/contract-routes";

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  mountRoutes(app, HEALTH_ROUTES, ["系统"], {
    "GET /api/health": async (_input, _request, reply) => {
      try {
        await app.db.execute(sql`select 1`);
        return { status: "ok", database: app.dbKind, mode: app.config.mode };
      } catch {
        return reply.status(503).send({ status: "error", message: "数据库不可用" });
      }
    },
  });
};
