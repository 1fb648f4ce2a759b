import type { PolicyRoutes } from "@dxcenter/contracts";
import type { FastifyInstance } from "fastify";
import type { RouteHandlers } from "../../lib/contract-routes";
import { createWrite, recordWrite } from "../../lib/route-writes";
import { requireUser } from "../../plugins/auth";
import { createPool, listPools, updatePool } from "./budget-pool.service";

/** 专项资金预算池: list, create, adjust (the city). */
export const budgetPoolHandlers = (app: FastifyInstance) =>
  ({
    "GET /api/budget-pools": ({ query }, request) => listPools(app.db, requireUser(request), query),
    "POST /api/budget-pools": createWrite(app.db, createPool),
    "PATCH /api/budget-pools/:id": recordWrite(app.db, updatePool),
  }) satisfies Partial<RouteHandlers<PolicyRoutes>>;
