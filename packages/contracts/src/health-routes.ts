import { z } from "zod";
import { routeMap } from "./route";

export const HealthStatus = z.object({
  status: z.literal("ok"),
  database: z.enum(["pglite", "postgres"]),
  mode: z.enum(["demo", "production"]),
});
export const HealthFailure = z.object({ status: z.literal("error"), message: z.string() });

/** 系统: the liveness check (with the database); 503 when the database does not answer. */
export const HEALTH_ROUTES = routeMap({
  "GET /api/health": {
    summary: "健康检查（含数据库连通性）",
    status: 200,
    response: HealthStatus,
    otherResponses: { 503: HealthFailure },
  },
});
export type HealthRoutes = typeof HEALTH_ROUTES;
