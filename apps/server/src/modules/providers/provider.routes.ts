import {
  errorResponses,
  IdParam,
  ProviderDetail,
  ProviderEvaluateRequest,
  ProviderEvaluation,
  ProviderExitRequest,
  ProviderItem,
  ProviderListQuery,
  ProviderRatingRequest,
  pageOf,
  RegisterProviderRequest,
  UpdateProviderRequest,
} from "@dxcenter/contracts";
import { PROVIDER_CATEGORY_LABELS, PROVIDER_GRADE_LABELS, PROVIDER_STATUS_LABELS } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { sendPublicTableExport, sendTableExport } from "../../lib/table-export";
import { shanghaiTime } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { getMine, getProvider, iterateProvidersForExport, listProviders } from "./provider.queries";
import { listEvaluations, runEvaluation } from "./provider-evaluations";
import { registerProvider, updateProvider } from "./provider-profile";
import { rateableServices, rateProvider } from "./provider-ratings";
import { exitProvider } from "./provider-status";

const TAG = ["服务商资源池"];
const Ok = z.object({ ok: z.boolean() });

export const providerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/",
    {
      schema: {
        tags: TAG,
        summary: "服务商资源池（公开：已入库服务商；市工信局：全部；服务商另见本机构）",
        querystring: ProviderListQuery,
        response: { 200: pageOf(ProviderItem), ...errorResponses },
      },
    },
    async (request) => listProviders(app.db, request.user, request.query),
  );

  app.get(
    "/export",
    {
      schema: {
        tags: TAG,
        summary: "按筛选条件导出服务商（公开：已入库服务商；市工信局：全部状态）",
        querystring: ProviderListQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) =>
      sendPublicTableExport<ProviderItem>(app.db, request, reply, {
        filename: "服务商资源池.xlsx",
        sheet: "服务商资源池",
        columns: [
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
        ],
        pages: (user) => iterateProvidersForExport(app.db, user, request.query),
        audit: { action: "provider.export", entityType: "provider" },
      }),
  );

  app.get(
    "/mine",
    {
      schema: {
        tags: TAG,
        summary: "我的机构（服务商账号；未登记时为 null）",
        response: { 200: ProviderDetail.nullable(), ...errorResponses },
      },
    },
    async (request) => getMine(app.db, requireUser(request)),
  );

  app.post(
    "/mine",
    {
      schema: {
        tags: TAG,
        summary: "登记本机构（服务商账号；统一社会信用代码校验）",
        body: RegisterProviderRequest,
        response: { 201: ProviderDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await registerProvider(app.db, requireUser(request), actorOf(request), request.body)),
  );

  app.put(
    "/mine",
    {
      schema: {
        tags: TAG,
        summary: "修改本机构信息与服务案例（须带 version）",
        body: UpdateProviderRequest,
        response: { 200: ProviderDetail, ...errorResponses },
      },
    },
    async (request) => updateProvider(app.db, requireUser(request), actorOf(request), request.body),
  );

  app.get(
    "/evaluations",
    {
      schema: {
        tags: TAG,
        summary: "某年度的服务商评价结果（市、区）",
        querystring: z.object({ year: z.coerce.number().int().min(2020).max(2100) }),
        response: { 200: z.array(ProviderEvaluation), ...errorResponses },
      },
    },
    async (request) => listEvaluations(app.db, requireUser(request), request.query.year),
  );

  app.get(
    "/evaluations/export",
    {
      schema: {
        tags: TAG,
        summary: "导出某年度的服务商评价结果（市、区）",
        querystring: z.object({ year: z.coerce.number().int().min(2020).max(2100) }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) =>
      sendTableExport<ProviderEvaluation>(app.db, request, reply, {
        filename: `${request.query.year}年度服务商评价.xlsx`,
        sheet: `${request.query.year}年度服务商评价`,
        columns: [
          { header: "机构名称", width: 36, value: (e) => e.providerName },
          { header: "年度", width: 8, value: (e) => e.year },
          { header: "等次", width: 10, value: (e) => PROVIDER_GRADE_LABELS[e.grade] },
          { header: "得分", width: 8, value: (e) => e.score },
          { header: "依据", width: 80, value: (e) => e.reasons.join("；") },
          { header: "评价时间", width: 20, value: (e) => shanghaiTime(e.evaluatedAt) },
        ],
        pages: async function* (user) {
          yield await listEvaluations(app.db, user, request.query.year);
        },
        audit: {
          action: "provider_evaluation.export",
          entityType: "provider",
          after: { year: request.query.year },
        },
      }),
  );

  app.post(
    "/evaluations",
    {
      schema: {
        tags: TAG,
        summary: "开展年度评价（市工信局）：企业评价、完成项目、服务企业前后测评变化 → 优秀/良好/合格/不合格",
        body: ProviderEvaluateRequest,
        response: { 200: z.array(ProviderEvaluation), ...errorResponses },
      },
    },
    async (request) => runEvaluation(app.db, requireUser(request), actorOf(request), request.body.year),
  );

  app.get(
    "/:id",
    {
      schema: {
        tags: TAG,
        summary: "服务商详情：案例、（本机构与市工信局可见）申请、评审得分、年度评价、状态历史",
        params: IdParam,
        response: { 200: ProviderDetail, ...errorResponses },
      },
    },
    async (request) => getProvider(app.db, request.user, request.params.id),
  );

  app.post(
    "/:id/exit",
    {
      schema: {
        tags: TAG,
        summary: "服务商出库（市工信局；记录原因，历史保留）",
        params: IdParam,
        body: ProviderExitRequest,
        response: { 200: ProviderDetail, ...errorResponses },
      },
    },
    async (request) =>
      exitProvider(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );

  app.get(
    "/:id/rateable",
    {
      schema: {
        tags: TAG,
        summary: "本企业可评价的服务（该服务商成员参与、已评定或已办结且尚未评价的诊断）",
        params: IdParam,
        response: {
          200: z.array(
            z.object({
              diagnosisId: z.uuid(),
              status: z.string(),
              visitDate: z.string().nullable(),
              closedAt: z.string().nullable(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => rateableServices(app.db, requireUser(request), request.params.id),
  );

  app.post(
    "/:id/ratings",
    {
      schema: {
        tags: TAG,
        summary: "企业评价服务商（仅限为本企业提供过诊断服务的服务商，每次服务一次）",
        params: IdParam,
        body: ProviderRatingRequest,
        response: { 201: Ok, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await rateProvider(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
        ),
  );
};
