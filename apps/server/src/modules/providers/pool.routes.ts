import {
  errorResponses,
  IdParam,
  PoolAdmitRequest,
  PoolApplicationDetail,
  PoolApplicationItem,
  PoolApplicationListQuery,
  PoolApplyRequest,
  PoolDecisionRequest,
  PoolHandleObjectionRequest,
  PoolNoticeItem,
  PoolNoticeListQuery,
  PoolObjectionRequest,
  PoolScoreRequest,
  pageOf,
  REVIEW_SHEET,
} from "@dxcenter/contracts";
import { APPLICATION_STATUS_LABELS, PROVIDER_CATEGORY_LABELS } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { allPages } from "../../lib/pages";
import { sendPublicTableExport, sendTableExport } from "../../lib/table-export";
import { shanghaiTime } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { requestToday } from "../experts/clock";
import { getApplication, iterateApplicationsForExport, listApplications, listNotices } from "./pool.queries";
import { applyToPool, openReview, withdrawApplication } from "./pool-applications";
import { admitAfterNotice, fileObjection, handleObjection } from "./pool-notice";
import { decide, submitScore } from "./pool-review";

const TAG = ["入库评审与公示"];
const VersionBody = z.object({ version: z.number().int() });

export const poolRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/review-sheet",
    {
      schema: {
        tags: TAG,
        summary: "入库评审打分表（评分项与分值）",
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async () => REVIEW_SHEET,
  );

  app.get(
    "/applications",
    {
      schema: {
        tags: TAG,
        summary: "入库申请（市：全部；服务商：本机构；专家：受邀评审的）",
        querystring: PoolApplicationListQuery,
        response: { 200: pageOf(PoolApplicationItem), ...errorResponses },
      },
    },
    async (request) => listApplications(app.db, requireUser(request), request.query),
  );

  app.get(
    "/applications/export",
    {
      schema: {
        tags: TAG,
        summary: "按筛选条件导出入库申请",
        querystring: PoolApplicationListQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) =>
      sendTableExport<PoolApplicationItem>(app.db, request, reply, {
        filename: "入库申请.xlsx",
        sheet: "入库申请",
        columns: [
          { header: "机构名称", width: 36, value: (a) => a.providerName },
          { header: "申请类别", width: 20, value: (a) => PROVIDER_CATEGORY_LABELS[a.category] },
          { header: "状态", width: 10, value: (a) => APPLICATION_STATUS_LABELS[a.status] },
          { header: "提交时间", width: 20, value: (a) => shanghaiTime(a.submittedAt) },
          { header: "打分人数", width: 10, value: (a) => a.scoreCount },
          { header: "平均分", width: 10, value: (a) => a.averageScore },
          {
            header: "决定",
            width: 10,
            value: (a) => (a.decision === "admit" ? "拟入库" : a.decision === "reject" ? "不予入库" : ""),
          },
          { header: "公示开始", width: 12, value: (a) => a.noticeStart },
          { header: "公示结束", width: 12, value: (a) => a.noticeEnd },
        ],
        pages: (user) => iterateApplicationsForExport(app.db, user, request.query),
        audit: { action: "pool_application.export", entityType: "pool_application" },
      }),
  );

  app.post(
    "/applications",
    {
      schema: {
        tags: TAG,
        summary: "提交入库申请（服务商账号，本机构）",
        body: PoolApplyRequest,
        response: { 201: PoolApplicationDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await applyToPool(app.db, requireUser(request), actorOf(request), request.body)),
  );

  app.get(
    "/applications/:id",
    {
      schema: {
        tags: TAG,
        summary: "入库申请详情：材料、评审专家、打分、决定、公示与异议、可执行的操作",
        params: IdParam,
        response: { 200: PoolApplicationDetail, ...errorResponses },
      },
    },
    async (request) => getApplication(app.db, requireUser(request), request.params.id),
  );

  app.post(
    "/applications/:id/withdraw",
    {
      schema: {
        tags: TAG,
        summary: "撤回申请（评审启动前）",
        params: IdParam,
        body: VersionBody,
        response: { 200: PoolApplicationDetail, ...errorResponses },
      },
    },
    async (request) =>
      withdrawApplication(
        app.db,
        requireUser(request),
        actorOf(request),
        request.params.id,
        request.body.version,
      ),
  );

  app.post(
    "/applications/:id/review",
    {
      schema: {
        tags: TAG,
        summary: "启动入库评审（市工信局）",
        params: IdParam,
        body: VersionBody,
        response: { 200: PoolApplicationDetail, ...errorResponses },
      },
    },
    async (request) =>
      openReview(app.db, requireUser(request), actorOf(request), request.params.id, request.body.version),
  );

  app.put(
    "/applications/:id/score",
    {
      schema: {
        tags: TAG,
        summary: "提交或修改本人的评审打分表（已接受邀请的专家）",
        params: IdParam,
        body: PoolScoreRequest,
        response: { 200: PoolApplicationDetail, ...errorResponses },
      },
    },
    async (request) =>
      submitScore(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/applications/:id/decision",
    {
      schema: {
        tags: TAG,
        summary: "作出决定（市工信局）：拟入库并公示（起止日期），或不予入库（理由）",
        params: IdParam,
        body: PoolDecisionRequest,
        response: { 200: PoolApplicationDetail, ...errorResponses },
      },
    },
    async (request) =>
      decide(
        app.db,
        requireUser(request),
        actorOf(request),
        request.params.id,
        request.body,
        requestToday(request),
      ),
  );

  app.post(
    "/applications/:id/admit",
    {
      schema: {
        tags: TAG,
        summary: "公示期满且无未处理异议，认定入库（市工信局）",
        params: IdParam,
        body: PoolAdmitRequest,
        response: { 200: PoolApplicationDetail, ...errorResponses },
      },
    },
    async (request) =>
      admitAfterNotice(
        app.db,
        requireUser(request),
        actorOf(request),
        request.params.id,
        request.body,
        requestToday(request),
      ),
  );

  app.get(
    "/notices/export",
    {
      schema: {
        tags: TAG,
        summary: "导出入库公示（公开，无需登录；按筛选条件）",
        querystring: PoolNoticeListQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const today = requestToday(request);
      return sendPublicTableExport<z.output<typeof PoolNoticeItem>>(app.db, request, reply, {
        filename: "入库公示.xlsx",
        sheet: "入库公示",
        columns: [
          { header: "机构名称", width: 36, value: (n) => n.providerName },
          { header: "统一社会信用代码", width: 22, value: (n) => n.uscc },
          { header: "申请类别", width: 20, value: (n) => PROVIDER_CATEGORY_LABELS[n.category] },
          { header: "专家平均分", width: 12, value: (n) => n.averageScore },
          { header: "公示开始", width: 12, value: (n) => n.noticeStart },
          { header: "公示结束", width: 12, value: (n) => n.noticeEnd },
          { header: "异议", width: 18, value: (n) => (n.open ? "公示中，可提出异议" : "未在公示期内") },
          { header: "公示内容", width: 80, value: (n) => n.noticeText },
        ],
        pages: () =>
          allPages((page, pageSize) => listNotices(app.db, { ...request.query, page, pageSize }, today), 200),
        audit: { action: "pool_notice.export", entityType: "pool_application" },
      });
    },
  );

  app.get(
    "/notices",
    {
      schema: {
        tags: TAG,
        summary: "入库公示（公开，无需登录）",
        querystring: PoolNoticeListQuery,
        response: { 200: pageOf(PoolNoticeItem), ...errorResponses },
      },
    },
    async (request) => listNotices(app.db, request.query, requestToday(request)),
  );

  app.post(
    "/notices/:id/objections",
    {
      schema: {
        tags: TAG,
        summary: "对公示提出异议（任何人，可匿名；须留联系电话）",
        params: IdParam,
        body: PoolObjectionRequest,
        response: { 201: z.object({ id: z.uuid(), message: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await fileObjection(
            app.db,
            request.user,
            actorOf(request),
            request.params.id,
            request.body,
            requestToday(request),
          ),
        ),
  );

  app.post(
    "/objections/:id/handle",
    {
      schema: {
        tags: TAG,
        summary: "处理公示异议（市工信局）：异议成立则不予入库，不成立则驳回",
        params: IdParam,
        body: PoolHandleObjectionRequest,
        response: { 200: PoolApplicationDetail, ...errorResponses },
      },
    },
    async (request) =>
      handleObjection(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );
};
