import {
  CreateExpertRequest,
  DrawRequestBody,
  ExpertAssignmentItem,
  ExpertAssignmentListQuery,
  ExpertDeclineRequest,
  ExpertDeclineResponse,
  ExpertDrawDetail,
  ExpertDrawItem,
  ExpertDrawListQuery,
  ExpertItem,
  ExpertListQuery,
  errorResponses,
  IdParam,
  pageOf,
  RateAssignmentRequest,
  UpdateExpertRequest,
  UpdateMyAvailabilityRequest,
  VerifyDrawResponse,
} from "@dxcenter/contracts";
import { DRAW_PURPOSE_LABELS, EXPERT_STATUS_LABELS } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { allPages } from "../../lib/pages";
import { sendXlsx, shanghaiTime, tableWorkbook } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf, recordAudit } from "../audit/audit.service";
import { requestToday } from "./clock";
import {
  acceptAssignment,
  createDraw,
  declineAssignment,
  getDraw,
  listDraws,
  listMyAssignments,
  rateAssignment,
  verifyDraw,
} from "./draw.service";
import {
  createExpert,
  getExpert,
  getMyExpert,
  iterateExpertsForExport,
  listExperts,
  requireExpertManager,
  updateExpert,
  updateMyAvailability,
} from "./expert.service";

const TAG = ["专家库"];
const Ok = z.object({ ok: z.boolean() });

export const expertRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/",
    {
      schema: {
        tags: TAG,
        summary: "专家库列表（市工信局）：检索、状态/领域筛选、排序、近12个月评审工作量",
        querystring: ExpertListQuery,
        response: { 200: pageOf(ExpertItem), ...errorResponses },
      },
    },
    async (request) => listExperts(app.db, requireUser(request), request.query),
  );

  app.get(
    "/export",
    {
      schema: {
        tags: TAG,
        summary: "按筛选条件导出专家库",
        querystring: ExpertListQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      requireExpertManager(user);
      const rows: Record<string, unknown>[] = [];
      for await (const items of iterateExpertsForExport(app.db, user, request.query))
        for (const e of items)
          rows.push({
            ...e,
            status: EXPERT_STATUS_LABELS[e.status],
            fields: e.fields.join("、"),
            availability: e.availability.map((w) => `${w.from}至${w.to}`).join("；"),
            conflicts: e.conflicts.map((c) => c.organization ?? c.enterpriseId ?? "").join("、"),
          });
      const buf = await tableWorkbook(
        "专家库",
        [
          { header: "姓名", key: "name", width: 12 },
          { header: "工作单位", key: "organization", width: 32 },
          { header: "职称", key: "title", width: 16 },
          { header: "专业领域", key: "fields", width: 36 },
          { header: "状态", key: "status", width: 10 },
          { header: "近12个月评审次数", key: "workload", width: 16 },
          { header: "接受邀请", key: "accepted", width: 10 },
          { header: "谢绝邀请", key: "declined", width: 10 },
          { header: "可用时间", key: "availability", width: 30 },
          { header: "申报回避单位", key: "conflicts", width: 30 },
        ],
        rows,
      );
      await recordAudit(app.db, actorOf(request), {
        action: "expert.export",
        entityType: "expert",
        after: { filters: request.query, rows: rows.length },
      });
      return sendXlsx(reply, "专家库.xlsx").send(buf);
    },
  );

  app.post(
    "/",
    {
      schema: {
        tags: TAG,
        summary: "新增专家（市工信局）",
        body: CreateExpertRequest,
        response: { 201: ExpertItem, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createExpert(app.db, requireUser(request), actorOf(request), request.body)),
  );

  app.get(
    "/draws",
    {
      schema: {
        tags: TAG,
        summary: "专家抽取记录（种子、算法、抽中与回避情况）",
        querystring: ExpertDrawListQuery,
        response: { 200: pageOf(ExpertDrawItem), ...errorResponses },
      },
    },
    async (request) => listDraws(app.db, requireUser(request), request.query),
  );

  app.get(
    "/draws/export",
    {
      schema: {
        tags: TAG,
        summary: "导出专家抽取记录",
        querystring: ExpertDrawListQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const rows: Record<string, unknown>[] = [];
      for await (const items of allPages(
        (page, pageSize) => listDraws(app.db, user, { ...request.query, page, pageSize }),
        200,
      )) {
        for (const d of items)
          rows.push({
            ...d,
            purpose: DRAW_PURPOSE_LABELS[d.purpose],
            selectedNames: d.selectedNames.join("、"),
            drawnAt: shanghaiTime(d.drawnAt),
          });
      }
      const buf = await tableWorkbook(
        "专家抽取记录",
        [
          { header: "用途", key: "purpose", width: 16 },
          { header: "评审对象", key: "subjectLabel", width: 40 },
          { header: "抽取日期", key: "drawDate", width: 12 },
          { header: "随机种子", key: "seed", width: 36 },
          { header: "算法", key: "algorithm", width: 28 },
          { header: "抽取人数", key: "requested", width: 10 },
          { header: "抽中专家", key: "selectedNames", width: 36 },
          { header: "库内人数", key: "poolSize", width: 10 },
          { header: "通过回避", key: "eligibleCount", width: 10 },
          { header: "补抽轮次", key: "round", width: 10 },
          { header: "操作人", key: "drawnByName", width: 16 },
          { header: "抽取时间", key: "drawnAt", width: 20 },
        ],
        rows,
      );
      await recordAudit(app.db, actorOf(request), {
        action: "expert.export",
        entityType: "expert_draw",
        after: { filters: request.query, rows: rows.length },
      });
      return sendXlsx(reply, "专家抽取记录.xlsx").send(buf);
    },
  );

  app.post(
    "/draws",
    {
      schema: {
        tags: TAG,
        summary: "随机抽取专家（服务器生成随机种子；记录专家库快照、回避历史、种子与完整结果）",
        body: DrawRequestBody,
        response: { 201: ExpertDrawDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createDraw(
            app.db,
            requireUser(request),
            actorOf(request),
            request.body,
            requestToday(request),
          ),
        ),
  );

  app.get(
    "/draws/:id",
    {
      schema: {
        tags: TAG,
        summary: "抽取详情：请求、种子、抽中专家、每位被回避专家及原因、邀请答复",
        params: IdParam,
        response: { 200: ExpertDrawDetail, ...errorResponses },
      },
    },
    async (request) => getDraw(app.db, requireUser(request), request.params.id),
  );

  app.post(
    "/draws/:id/verify",
    {
      schema: {
        tags: TAG,
        summary: "复核抽取：以记录的种子和输入重新抽取（含补抽），与记录比对",
        params: IdParam,
        response: { 200: VerifyDrawResponse, ...errorResponses },
      },
    },
    async (request) => verifyDraw(app.db, requireUser(request), actorOf(request), request.params.id),
  );

  app.get(
    "/assignments/mine",
    {
      schema: {
        tags: TAG,
        summary: "我的评审邀请（专家本人）",
        querystring: ExpertAssignmentListQuery,
        response: { 200: pageOf(ExpertAssignmentItem), ...errorResponses },
      },
    },
    async (request) => listMyAssignments(app.db, requireUser(request), request.query),
  );

  app.post(
    "/assignments/:id/accept",
    {
      schema: {
        tags: TAG,
        summary: "接受评审邀请（专家本人）",
        params: IdParam,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => acceptAssignment(app.db, requireUser(request), actorOf(request), request.params.id),
  );

  app.post(
    "/assignments/:id/decline",
    {
      schema: {
        tags: TAG,
        summary: "谢绝评审邀请（专家本人）；系统按记录的种子自动补抽",
        params: IdParam,
        body: ExpertDeclineRequest,
        response: { 200: ExpertDeclineResponse, ...errorResponses },
      },
    },
    async (request) =>
      declineAssignment(
        app.db,
        requireUser(request),
        actorOf(request),
        request.params.id,
        request.body.reason,
      ),
  );

  app.get(
    "/me",
    {
      schema: {
        tags: TAG,
        summary: "本人的专家库档案（专家）",
        response: { 200: ExpertItem, ...errorResponses },
      },
    },
    async (request) => getMyExpert(app.db, requireUser(request)),
  );

  app.put(
    "/me/availability",
    {
      schema: {
        tags: TAG,
        summary: "修改本人的可用时间（专家；日期段不得重叠，须带 version）",
        body: UpdateMyAvailabilityRequest,
        response: { 200: ExpertItem, ...errorResponses },
      },
    },
    async (request) => updateMyAvailability(app.db, requireUser(request), actorOf(request), request.body),
  );

  app.put(
    "/assignments/:id/rating",
    {
      schema: {
        tags: TAG,
        summary: "评价专家工作（组织评审/诊断的市工信局或该区工信部门；仅已接受邀请的专家）",
        params: IdParam,
        body: RateAssignmentRequest,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) =>
      rateAssignment(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );

  app.get(
    "/:id",
    {
      schema: {
        tags: TAG,
        summary: "专家详情（市工信局）",
        params: IdParam,
        response: { 200: ExpertItem, ...errorResponses },
      },
    },
    async (request) => getExpert(app.db, requireUser(request), request.params.id),
  );

  app.put(
    "/:id",
    {
      schema: {
        tags: TAG,
        summary: "修改专家信息（市工信局；须带 version）",
        params: IdParam,
        body: UpdateExpertRequest,
        response: { 200: ExpertItem, ...errorResponses },
      },
    },
    async (request) =>
      updateExpert(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );
};
