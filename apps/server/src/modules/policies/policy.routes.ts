import { AwardListQuery, POLICY_ROUTES, PolicyListQuery } from "@dxcenter/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { mountRoutes } from "../../lib/contract-routes";
import { mountTableExport } from "../../lib/table-export";
import { requireUser } from "../../plugins/auth";
import { awardHandlers } from "./award.routes";
import { budgetPoolHandlers } from "./budget-pool.routes";
import { calculate } from "./calculator.service";
import { getPolicy, listPolicies } from "./policy.service";
import { awardListExport, policyCatalogueExport } from "./policy-exports";

const TAG = ["政策与专项资金"];

/**
 * 政策与专项资金. The JSON routes are the contract map POLICY_ROUTES (packages/contracts, the same map
 * the web's api/policies.ts calls), mounted here with one handler per key: 政策库 and 政策计算器 here,
 * 免申即享 and 政策兑现 in award.routes.ts, the budget pools in budget-pool.routes.ts. The two xlsx
 * exports stay plain routes.
 */
export const policyRoutes: FastifyPluginAsyncZod = async (app) => {
  mountRoutes(app, POLICY_ROUTES, TAG, {
    "GET /api/policies": ({ query }) => listPolicies(app.db, query),
    "GET /api/policies/:id": ({ params }) => getPolicy(app.db, params.id),
    "POST /api/policy-calculator": ({ body }, request) => calculate(app.db, requireUser(request), body),
    ...awardHandlers(app),
    ...budgetPoolHandlers(app),
  });

  // Files, not JSON: the catalogue and the award list as xlsx.

  mountTableExport(app, {
    path: "/policies/export",
    tags: TAG,
    summary: "导出政策库（工作人员）",
    query: PolicyListQuery.omit({ page: true, pageSize: true }),
    export: (query) => policyCatalogueExport(app.db, query),
  });

  mountTableExport(app, {
    path: "/policy-awards/export",
    tags: TAG,
    summary: "按筛选条件导出政策兑现清单",
    query: AwardListQuery.omit({ page: true, pageSize: true }),
    export: (query) => awardListExport(app.db, query),
  });
};
