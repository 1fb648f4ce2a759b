import type { PolicyRoutes } from "@dxcenter/contracts";
import type { FastifyInstance } from "fastify";
import type { RouteHandlers } from "../../lib/contract-routes";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { createPool, listPools, updatePool } from "./budget-pool.service";

/** 专项资金预算池: list, create, adjust (the city). */
export const budgetPoolHandlers = (app: FastifyInstance) =>
  ({
    "GET /api/budget-pools": ({ query }, request) => listPools(app.db, requireUser(request), query),
    "POST /api/budget-pools": ({ body }, request) =>
      createPool(app.db, requireUser(request), actorOf(request), body),
    "PATCH /api/budget-pools/:id": ({ params, body }, request) =>
      updatePool(app.db, requireUser(request), actorOf(request), params.id, body),
  }) satisfies Partial<RouteHandlers<PolicyRoutes>>;
