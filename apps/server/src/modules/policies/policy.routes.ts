import {
  CalculatorRequest,
  CalculatorResult,
  errorResponses,
  PolicyDetail,
  PolicyIdParam,
  PolicyItem,
  PolicyListQuery,
  pageOf,
} from "@dxcenter/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { sendTableExport } from "../../lib/table-export";
import { requireUser } from "../../plugins/auth";
import { awardRoutes } from "./award.routes";
import { budgetPoolRoutes } from "./budget-pool.routes";
import { calculate } from "./calculator.service";
import { getPolicy, listPolicies } from "./policy.service";
import { policyCatalogueExport } from "./policy-exports";

const TAG = ["政策与专项资金"];

/** 政策库 and 政策计算器; the awards (政策兑现) and budget pools have their own route files. */
export const policyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/policies",
    {
      schema: {
        tags: TAG,
        summary: "政策库（公开，无需登录）：层级、支持对象、今日有效、关键词筛选",
        querystring: PolicyListQuery,
        response: { 200: pageOf(PolicyItem), ...errorResponses },
      },
    },
    async (request) => listPolicies(app.db, request.query),
  );

  app.get(
    "/policies/export",
    {
      schema: {
        tags: TAG,
        summary: "导出政策库（工作人员）",
        querystring: PolicyListQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) =>
      sendTableExport(app.db, request, reply, policyCatalogueExport(app.db, request.query)),
  );

  app.get(
    "/policies/:id",
    {
      schema: {
        tags: TAG,
        summary: "政策详情（公开）：条件、参数（标明由市里确定的）、来源条款、待确认事项",
        params: PolicyIdParam,
        response: { 200: PolicyDetail, ...errorResponses },
      },
    },
    async (request) => getPolicy(app.db, request.params.id),
  );

  app.post(
    "/policy-calculator",
    {
      schema: {
        tags: TAG,
        summary: "政策计算器：企业（本企业）或工作人员（管辖范围内企业）按企业库与本次填报的项目测算每项政策",
        body: CalculatorRequest,
        response: { 200: CalculatorResult, ...errorResponses },
      },
    },
    async (request) => calculate(app.db, requireUser(request), request.body),
  );

  await app.register(awardRoutes);
  await app.register(budgetPoolRoutes);
};
