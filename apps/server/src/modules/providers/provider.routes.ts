import {
  PROVIDER_ROUTES,
  type ProviderEvaluation,
  ProviderEvaluationQuery,
  type ProviderItem,
  ProviderListQuery,
} from "@dxcenter/contracts";
import { PROVIDER_CATEGORY_LABELS, PROVIDER_GRADE_LABELS, PROVIDER_STATUS_LABELS } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { mountRoutes } from "../../lib/contract-routes";
import { listPages } from "../../lib/pages";
import { createWrite, recordWrite } from "../../lib/route-writes";
import { type ExportColumn, mountTableExport } from "../../lib/table-export";
import { shanghaiTime } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { getMine, getProvider, listProviders } from "./provider.queries";
import { listEvaluations, runEvaluation } from "./provider-evaluations";
import { registerProvider, updateProvider } from "./provider-profile";
import { rateableServices, rateProvider } from "./provider-ratings";
import { exitProvider } from "./provider-status";

/**
 * 服务商资源池. The JSON routes are the contract map PROVIDER_ROUTES (packages/contracts, the same map
 * the web's api/providers.ts calls), mounted with one handler per key; the xlsx exports stay plain
 * routes. The admission workflow and its notices are pool.routes.ts.
 */

const TAG = ["服务商资源池"];

const PROVIDER_COLUMNS: ExportColumn<ProviderItem>[] = [
  { header: "机构名称", width: 36, value: (p) => p.name },
  { header: "统一社会信用代码", width: 22, value: (p) => p.uscc },
  { header: "状态", width: 10, value: (p) => PROVIDER_STATUS_LABELS[p.status] },
  {
    header: "服务类别",
    width: 30,
    value: (p) => p.categories.map((c) => PROVIDER_CATEGORY_LABELS[c]).join("、"),
  },
  { header: "服务场景", width: 30, value: (p) => p.sceneIds.join("、") },
  { header: "服务行业", width: 24, value: (p) => p.industries.join("、") },
  { header: "技术领域", width: 30, value: (p) => p.technologyFields.join("、") },
  { header: "服务区域", width: 24, value: (p) => p.serviceDistricts.join("、") },
  { header: "员工人数", width: 10, value: (p) => p.staffCount },
  { header: "案例数", width: 8, value: (p) => p.caseCount },
  { header: "企业评价均分", width: 12, value: (p) => p.ratingAverage },
  { header: "评价次数", width: 10, value: (p) => p.ratingCount },
  {
    header: "最近年度评价",
    width: 12,
    value: (p) => (p.latestGrade ? PROVIDER_GRADE_LABELS[p.latestGrade] : ""),
  },
  { header: "入库时间", width: 20, value: (p) => shanghaiTime(p.admittedAt) },
];

const EVALUATION_COLUMNS: ExportColumn<ProviderEvaluation>[] = [
  { header: "机构名称", width: 36, value: (e) => e.providerName },
  { header: "年度", width: 8, value: (e) => e.year },
  { header: "等次", width: 10, value: (e) => PROVIDER_GRADE_LABELS[e.grade] },
  { header: "得分", width: 8, value: (e) => e.score },
  { header: "依据", width: 80, value: (e) => e.reasons.join("；") },
  { header: "评价时间", width: 20, value: (e) => shanghaiTime(e.evaluatedAt) },
];

export const providerRoutes: FastifyPluginAsyncZod = async (app) => {
  // The JSON routes: one handler per key of the contract map the web calls (PROVIDER_ROUTES).
  mountRoutes(app, PROVIDER_ROUTES, TAG, {
    "GET /api/providers": ({ query }, request) => listProviders(app.db, request.user, query),
    "GET /api/providers/mine": (_input, request) => getMine(app.db, requireUser(request)),
    "POST /api/providers/mine": createWrite(app.db, registerProvider),
    "PUT /api/providers/mine": createWrite(app.db, updateProvider),
    "GET /api/providers/evaluations": ({ query }, request) =>
      listEvaluations(app.db, requireUser(request), query.year),
    "POST /api/providers/evaluations": ({ body }, request) =>
      runEvaluation(app.db, requireUser(request), actorOf(request), body.year),
    "GET /api/providers/:id": ({ params }, request) => getProvider(app.db, request.user, params.id),
    "POST /api/providers/:id/exit": recordWrite(app.db, exitProvider),
    "GET /api/providers/:id/rateable": ({ params }, request) =>
      rateableServices(app.db, requireUser(request), params.id),
    "POST /api/providers/:id/ratings": recordWrite(app.db, rateProvider),
  });

  // Files, not JSON: the xlsx exports.

  mountTableExport(app, {
    path: "/providers/export",
    tags: TAG,
    summary: "按筛选条件导出服务商（公开：已入库服务商；市工信局：全部状态）",
    query: ProviderListQuery.omit({ page: true, pageSize: true }),
    mode: "public",
    export: (query) => ({
      filename: "服务商资源池.xlsx",
      sheet: "服务商资源池",
      columns: PROVIDER_COLUMNS,
      pages: (user) => listPages(listProviders, app.db, user, query, 200),
      audit: { action: "provider.export", entityType: "provider" },
    }),
  });

  mountTableExport(app, {
    path: "/providers/evaluations/export",
    tags: TAG,
    summary: "导出某年度的服务商评价结果（市、区）",
    query: ProviderEvaluationQuery,
    export: (query) => ({
      filename: `${query.year}年度服务商评价.xlsx`,
      sheet: `${query.year}年度服务商评价`,
      columns: EVALUATION_COLUMNS,
      pages: async function* (user) {
        yield await listEvaluations(app.db, user, query.year);
      },
      audit: {
        action: "provider_evaluation.export",
        entityType: "provider",
        after: { year: query.year },
      },
    }),
  });
};
