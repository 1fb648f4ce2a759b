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
import { sendXlsx, shanghaiTime, tableWorkbook } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf, recordAudit } from "../audit/audit.service";
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
    async (request, reply) => {
      const rows: Record<string, unknown>[] = [];
      for await (const items of iterateProvidersForExport(app.db, request.user, request.query))
        for (const p of items)
          rows.push({
            ...p,
            status: PROVIDER_STATUS_LABELS[p.status],
            categories: p.categories.map((c) => PROVIDER_CATEGORY_LABELS[c]).join("、"),
            sceneIds: p.sceneIds.join("、"),
            industries: p.industries.join("、"),
            technologyFields: p.technologyFields.join("、"),
            serviceDistricts: p.serviceDistricts.join("、"),
            latestGrade: p.latestGrade ? PROVIDER_GRADE_LABELS[p.latestGrade] : "",
            admittedAt: shanghaiTime(p.admittedAt),
          });
      const buf = await tableWorkbook(
        "服务商资源池",
        [
          { header: "机构名称", key: "name", width: 36 },
          { header: "统一社会信用代码", key: "uscc", width: 22 },
          { header: "状态", key: "status", width: 10 },
          { header: "服务类别", key: "categories", width: 30 },
          { header: "服务场景", key: "sceneIds", width: 30 },
          { header: "服务行业", key: "industries", width: 24 },
          { header: "技术领域", key: "technologyFields", width: 30 },
          { header: "服务区域", key: "serviceDistricts", width: 24 },
          { header: "员工人数", key: "staffCount", width: 10 },
          { header: "案例数", key: "caseCount", width: 8 },
          { header: "企业评价均分", key: "ratingAverage", width: 12 },
          { header: "评价次数", key: "ratingCount", width: 10 },
          { header: "最近年度评价", key: "latestGrade", width: 12 },
          { header: "入库时间", key: "admittedAt", width: 20 },
        ],
        rows,
      );
      await recordAudit(app.db, actorOf(request), {
        action: "provider.export",
        entityType: "provider",
        after: { filters: request.query, rows: rows.length },
      });
      return sendXlsx(reply, "服务商资源池.xlsx").send(buf);
    },
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
    async (request, reply) => {
      const user = requireUser(request);
      const list = await listEvaluations(app.db, user, request.query.year);
      const rows = list.map((e) => ({
        ...e,
        grade: PROVIDER_GRADE_LABELS[e.grade],
        reasons: e.reasons.join("；"),
        evaluatedAt: shanghaiTime(e.evaluatedAt),
      }));
      const buf = await tableWorkbook(
        `${request.query.year}年度服务商评价`,
        [
          { header: "机构名称", key: "providerName", width: 36 },
          { header: "年度", key: "year", width: 8 },
          { header: "等次", key: "grade", width: 10 },
          { header: "得分", key: "score", width: 8 },
          { header: "依据", key: "reasons", width: 80 },
          { header: "评价时间", key: "evaluatedAt", width: 20 },
        ],
        rows,
      );
      await recordAudit(app.db, actorOf(request), {
        action: "provider_evaluation.export",
        entityType: "provider",
        districtCode: user.districtCode,
        after: { year: request.query.year, rows: rows.length },
      });
      return sendXlsx(reply, `${request.query.year}年度服务商评价.xlsx`).send(buf);
    },
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
