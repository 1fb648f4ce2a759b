import { sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/health",
    {
      schema: {
        tags: ["系统"],
        summary: "健康检查（含数据库连通性）",
        response: {
          200: z.object({
            status: z.literal("ok"),
            database: z.enum(["pglite", "postgres"]),
            mode: z.enum(["demo", "production"]),
          }),
          503: z.object({ status: z.literal("error"), message: z.string() }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await app.db.execute(sql`select 1`);
        return { status: "ok" as const, database: app.dbKind, mode: app.config.mode };
      } catch {
        return reply.status(503).send({ status: "error" as const, message: "数据库不可用" });
      }
    },
  );
};
