import {
  CreateDemandRequest,
  DemandDetail,
  DemandFromAssessmentRequest,
  DemandItem,
  DemandListQuery,
  DemandMatches,
  errorResponses,
  Funnel,
  FunnelQuery,
  IdParam,
  LeadParams,
  LeadStepRequest,
  MatchQuery,
  pageOf,
  ShortlistRequest,
  UpdateDemandRequest,
} from "@dxcenter/contracts";
import { DEMAND_STATUS_LABELS, formatFenAsWanYuan, LEAD_STATUS_LABELS } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type ExportColumn, sendTableExport } from "../../lib/table-export";
import { shanghaiTime } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import {
  createDemand,
  getDemand,
  iterateDemandsForExport,
  listDemands,
  updateDemand,
} from "./demand.service";
import { createDemandFromAssessment } from "./demand-from-assessment";
import { demandMatches, leadStep, shortlist } from "./demand-leads";
import { funnel } from "./funnel";

const TAG = ["供需对接"];

const EXPORT_COLUMNS: ExportColumn<DemandItem>[] = [
  { header: "需求标题", width: 36, value: (d) => d.title },
  { header: "企业名称", width: 32, value: (d) => d.enterpriseName },
  { header: "所属区", width: 12, value: (d) => d.districtName },
  { header: "需求场景", width: 36, value: (d) => d.sceneNames.join("、") },
  {
    header: "预算（万元）",
    width: 12,
    value: (d) => (d.budgetFen === null ? "" : formatFenAsWanYuan(d.budgetFen)),
  },
  { header: "期望开始", width: 12, value: (d) => d.timingStart },
  { header: "期望完成", width: 12, value: (d) => d.timingEnd },
  { header: "来源", width: 14, value: (d) => (d.source === "assessment" ? "评估结果生成" : "企业发布") },
  { header: "状态", width: 10, value: (d) => DEMAND_STATUS_LABELS[d.status] },
  { header: "对接线索数", width: 10, value: (d) => d.leadCount },
  { header: "最远进展", width: 12, value: (d) => (d.furthestLead ? LEAD_STATUS_LABELS[d.furthestLead] : "") },
  { header: "发布时间（北京时间）", width: 20, value: (d) => shanghaiTime(d.createdAt) },
];

export const demandRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/",
    {
      schema: {
        tags: TAG,
        summary: "企业需求列表（市：全部；区：本区；企业：本企业；服务商：匹配到本机构的需求）",
        querystring: DemandListQuery,
        response: { 200: pageOf(DemandItem), ...errorResponses },
      },
    },
    async (request) => listDemands(app.db, requireUser(request), request.query),
  );

  app.get(
    "/export",
    {
      schema: {
        tags: TAG,
        summary: "按筛选条件导出企业需求（市/区）",
        querystring: DemandListQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) =>
      sendTableExport(app.db, request, reply, {
        filename: "企业需求.xlsx",
        sheet: "企业需求",
        columns: EXPORT_COLUMNS,
        pages: (user) => iterateDemandsForExport(app.db, user, request.query),
        audit: { action: "demand.export", entityType: "demand" },
      }),
  );

  app.get(
    "/funnel",
    {
      schema: {
        tags: TAG,
        summary: "对接漏斗（需求 → 意向 → 已联系 → 已签约），按区统计",
        querystring: FunnelQuery,
        response: { 200: Funnel, ...errorResponses },
      },
    },
    async (request) => funnel(app.db, requireUser(request), request.query),
  );

  app.post(
    "/",
    {
      schema: {
        tags: TAG,
        summary: "发布需求（企业为本企业；区/市为管辖范围内企业）；预算以万元填写",
        body: CreateDemandRequest,
        response: { 201: DemandDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createDemand(app.db, requireUser(request), actorOf(request), request.body)),
  );

  app.post(
    "/from-assessment",
    {
      schema: {
        tags: TAG,
        summary: "从企业最近一次已提交评估的改进建议生成需求（列出每个场景来自哪些改进项）",
        body: DemandFromAssessmentRequest,
        response: { 201: DemandDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createDemandFromAssessment(app.db, requireUser(request), actorOf(request), request.body)),
  );

  app.get(
    "/:id",
    {
      schema: {
        tags: TAG,
        summary: "需求详情及对接线索",
        params: IdParam,
        response: { 200: DemandDetail, ...errorResponses },
      },
    },
    async (request) => getDemand(app.db, requireUser(request), request.params.id),
  );

  app.patch(
    "/:id",
    {
      schema: {
        tags: TAG,
        summary: "修改需求说明、关闭或重新打开需求（须带 version）",
        params: IdParam,
        body: UpdateDemandRequest,
        response: { 200: DemandDetail, ...errorResponses },
      },
    },
    async (request) =>
      updateDemand(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );

  app.get(
    "/:id/matches",
    {
      schema: {
        tags: TAG,
        summary: "匹配排名：解决方案与服务商，含各项得分和中文理由",
        params: IdParam,
        querystring: MatchQuery,
        response: { 200: DemandMatches, ...errorResponses },
      },
    },
    async (request) => demandMatches(app.db, requireUser(request), request.params.id, request.query.limit),
  );

  app.post(
    "/:id/leads",
    {
      schema: {
        tags: TAG,
        summary: "将解决方案（或服务商）加入对接意向",
        params: IdParam,
        body: ShortlistRequest,
        response: { 201: DemandDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await shortlist(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
        ),
  );

  app.post(
    "/:id/leads/:leadId",
    {
      schema: {
        tags: TAG,
        summary: "对接进展：已联系 / 已签约 / 放弃（服务商只能标记本机构线索已联系）",
        params: LeadParams,
        body: LeadStepRequest,
        response: { 200: DemandDetail, ...errorResponses },
      },
    },
    async (request) =>
      leadStep(
        app.db,
        requireUser(request),
        actorOf(request),
        request.params.id,
        request.params.leadId,
        request.body,
      ),
  );
};
