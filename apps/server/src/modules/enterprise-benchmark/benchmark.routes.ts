import { ENTERPRISE_BENCHMARK_ROUTES } from "@dxcenter/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { mountRoutes } from "../../lib/contract-routes";
import { requireUser } from "../../plugins/auth";
import { enterpriseBenchmark } from "./benchmark.service";

/** 我的指标 / 指标对比: the contract map ENTERPRISE_BENCHMARK_ROUTES; app.ts registers this plugin. */
export const enterpriseBenchmarkRoutes: FastifyPluginAsyncZod = async (app) => {
  mountRoutes(app, ENTERPRISE_BENCHMARK_ROUTES, ["企业库"], {
    "GET /api/enterprises/:id/benchmark": ({ params }, request) =>
      enterpriseBenchmark(app.db, requireUser(request), params.id),
  });
};
