import {
  AwardDetail,
  AwardItem,
  AwardListQuery,
  AwardReason,
  AwardVersion,
  errorResponses,
  IdParam,
  PaymentRequest,
  PaymentResult,
  PolicyIdParam,
  PolicySweep,
  pageOf,
  SweepRequest,
} from "@dxcenter/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { sendTableExport } from "../../lib/table-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { getAward, listAwards } from "./award.queries";
import { closeAward } from "./award-close";
import { districtConfirm, enterpriseConfirm } from "./award-confirm";
import { recordPayment } from "./award-payment";
import { getSweep, startSweep } from "./award-sweep";
import { awardListExport } from "./policy-exports";

/** OpenAPI: one tag for the whole module. */
const TAG = ["政策与专项资金"];

/** 免申即享 sweeps and 政策兑现 (awards): list, detail, export, and the steps of an award. */
export const awardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/policies/:id/sweep",
    {
      schema: {
        tags: TAG,
        summary: "免申即享筛查：按企业库与评估结果找出符合条件的企业（市：全市或指定区；区：本区），返回任务",
        params: PolicyIdParam,
        body: SweepRequest,
        response: { 202: PolicySweep, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { sweep } = await startSweep(
        app.db,
        requireUser(request),
        actorOf(request),
        request.params.id,
        request.body,
      );
      return reply.status(202).send(sweep);
    },
  );

  app.get(
    "/policy-sweeps/:id",
    {
      schema: {
        tags: TAG,
        summary: "免申即享筛查任务进度（发起人）",
        params: IdParam,
        response: { 200: PolicySweep, ...errorResponses },
      },
    },
    async (request) => getSweep(app.db, requireUser(request), request.params.id),
  );

  app.get(
    "/policy-awards",
    {
      schema: {
        tags: TAG,
        summary: "政策兑现清单（市：全部；区：本区；企业：本企业区级已确认的）",
        querystring: AwardListQuery,
        response: { 200: pageOf(AwardItem), ...errorResponses },
      },
    },
    async (request) => listAwards(app.db, requireUser(request), request.query),
  );

  app.get(
    "/policy-awards/export",
    {
      schema: {
        tags: TAG,
        summary: "按筛选条件导出政策兑现清单",
        querystring: AwardListQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => sendTableExport(app.db, request, reply, awardListExport(app.db, request.query)),
  );

  app.get(
    "/policy-awards/:id",
    {
      schema: {
        tags: TAG,
        summary: "政策兑现详情：计算过程、事实快照、预留与拨付记录",
        params: IdParam,
        response: { 200: AwardDetail, ...errorResponses },
      },
    },
    async (request) => getAward(app.db, requireUser(request), request.params.id),
  );

  app.post(
    "/policy-awards/:id/district-confirm",
    {
      schema: {
        tags: TAG,
        summary: "区级确认：从预算池预留金额（余额不足时拒绝并给出剩余额度）",
        params: IdParam,
        body: AwardVersion,
        response: { 200: AwardDetail, ...errorResponses },
      },
    },
    async (request) =>
      districtConfirm(
        app.db,
        requireUser(request),
        actorOf(request),
        request.params.id,
        request.body.version,
      ),
  );

  app.post(
    "/policy-awards/:id/enterprise-confirm",
    {
      schema: {
        tags: TAG,
        summary: "企业意愿确认（本企业）",
        params: IdParam,
        body: AwardVersion,
        response: { 200: AwardDetail, ...errorResponses },
      },
    },
    async (request) =>
      enterpriseConfirm(
        app.db,
        requireUser(request),
        actorOf(request),
        request.params.id,
        request.body.version,
      ),
  );

  app.post(
    "/policy-awards/:id/decline",
    {
      schema: {
        tags: TAG,
        summary: "企业放弃（释放预留金额）",
        params: IdParam,
        body: AwardReason,
        response: { 200: AwardDetail, ...errorResponses },
      },
    },
    async (request) =>
      closeAward(app.db, requireUser(request), actorOf(request), request.params.id, request.body, "decline"),
  );

  app.post(
    "/policy-awards/:id/withdraw",
    {
      schema: {
        tags: TAG,
        summary: "撤销（区/市，企业确认前；释放预留金额）",
        params: IdParam,
        body: AwardReason,
        response: { 200: AwardDetail, ...errorResponses },
      },
    },
    async (request) =>
      closeAward(app.db, requireUser(request), actorOf(request), request.params.id, request.body, "withdraw"),
  );

  app.post(
    "/policy-awards/:id/payments",
    {
      schema: {
        tags: TAG,
        summary: "登记拨付（市）：须带 Idempotency-Key 请求头或 idempotencyKey，重试返回同一笔拨付",
        params: IdParam,
        body: PaymentRequest,
        headers: z.object({ "idempotency-key": z.string().max(200).optional() }),
        response: { 200: PaymentResult, 201: PaymentResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const r = await recordPayment(
        app.db,
        requireUser(request),
        actorOf(request),
        request.params.id,
        request.body,
        request.headers["idempotency-key"],
      );
      return reply.status(r.created ? 201 : 200).send(r);
    },
  );
};
