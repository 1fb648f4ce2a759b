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
import { sendTableExport } from "../../lib/table-export";
import { shanghaiTime } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
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
    async (request, reply) =>
      sendTableExport<ExpertItem>(app.db, request, reply, {
        filename: "专家库.xlsx",
        sheet: "专家库",
        columns: [
          { header: "姓名", width: 12, value: (e) => e.name },
          { header: "工作单位", width: 32, value: (e) => e.organization },
          { header: "职称", width: 16, value: (e) => e.title },
          { header: "专业领域", width: 36, value: (e) => e.fields.join("、") },
          { header: "状态", width: 10, value: (e) => EXPERT_STATUS_LABELS[e.status] },
          { header: "近12个月评审次数", width: 16, value: (e) => e.workload },
          { header: "接受邀请", width: 10, value: (e) => e.accepted },
          { header: "谢绝邀请", width: 10, value: (e) => e.declined },
          {
            header: "可用时间",
            width: 30,
            value: (e) => e.availability.map((w) => `${w.from}至${w.to}`).join("；"),
          },
          {
            header: "申报回避单位",
            width: 30,
            value: (e) => e.conflicts.map((c) => c.organization ?? c.enterpriseId ?? "").join("、"),
          },
        ],
        pages: (user) => iterateExpertsForExport(app.db, user, request.query),
        audit: { action: "expert.export", entityType: "expert" },
      }),
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
    async (request, reply) =>
      sendTableExport<ExpertDrawItem>(app.db, request, reply, {
        filename: "专家抽取记录.xlsx",
        sheet: "专家抽取记录",
        columns: [
          { header: "用途", width: 16, value: (d) => DRAW_PURPOSE_LABELS[d.purpose] },
          { header: "评审对象", width: 40, value: (d) => d.subjectLabel },
          { header: "抽取日期", width: 12, value: (d) => d.drawDate },
          { header: "随机种子", width: 36, value: (d) => d.seed },
          { header: "算法", width: 28, value: (d) => d.algorithm },
          { header: "抽取人数", width: 10, value: (d) => d.requested },
          { header: "抽中专家", width: 36, value: (d) => d.selectedNames.join("、") },
          { header: "库内人数", width: 10, value: (d) => d.poolSize },
          { header: "通过回避", width: 10, value: (d) => d.eligibleCount },
          { header: "补抽轮次", width: 10, value: (d) => d.round },
          { header: "操作人", width: 16, value: (d) => d.drawnByName },
          { header: "抽取时间", width: 20, value: (d) => shanghaiTime(d.drawnAt) },
        ],
        pages: (user) =>
          allPages((page, pageSize) => listDraws(app.db, user, { ...request.query, page, pageSize }), 200),
        audit: { action: "expert.export", entityType: "expert_draw" },
      }),
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
