import {
  BudgetPool,
  BudgetPoolQuery,
  CreateBudgetPoolRequest,
  errorResponses,
  IdParam,
  UpdateBudgetPoolRequest,
} from "@dxcenter/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { createPool, listPools, updatePool } from "./budget-pool.service";

/** OpenAPI: one tag for the whole module. */
const TAG = ["政策与专项资金"];

/** 专项资金预算池: list, create, adjust (the city). */
export const budgetPoolRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/budget-pools",
    {
      schema: {
        tags: TAG,
        summary: "专项资金预算池（市：全部；区：本区及市级）：总额、已预留、已拨付、剩余",
        querystring: BudgetPoolQuery,
        response: { 200: z.array(BudgetPool), ...errorResponses },
      },
    },
    async (request) => listPools(app.db, requireUser(request), request.query),
  );

  app.post(
    "/budget-pools",
    {
      schema: {
        tags: TAG,
        summary: "设立预算池（市）",
        body: CreateBudgetPoolRequest,
        response: { 201: BudgetPool, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createPool(app.db, requireUser(request), actorOf(request), request.body)),
  );

  app.patch(
    "/budget-pools/:id",
    {
      schema: {
        tags: TAG,
        summary: "调整预算池（市；总额不得低于已预留与已拨付合计；须带 version）",
        params: IdParam,
        body: UpdateBudgetPoolRequest,
        response: { 200: BudgetPool, ...errorResponses },
      },
    },
    async (request) =>
      updatePool(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );
};
