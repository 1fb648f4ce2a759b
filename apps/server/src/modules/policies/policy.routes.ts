import {
  AWARD_STATUS_LABELS,
  AwardDetail,
  AwardItem,
  AwardListQuery,
  AwardReason,
  AwardVersion,
  BudgetPool,
  BudgetPoolQuery,
  CalculatorRequest,
  CalculatorResult,
  CreateBudgetPoolRequest,
  errorResponses,
  IdParam,
  PaymentRequest,
  PaymentResult,
  PolicyDetail,
  PolicyIdParam,
  PolicyItem,
  PolicyListQuery,
  PolicySweep,
  pageOf,
  SweepRequest,
  UpdateBudgetPoolRequest,
} from "@dxcenter/contracts";
import { type BENEFICIARY_KINDS, formatFenAsWanYuan, POLICY_LEVEL_LABELS } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { forbidden, notFound } from "../../errors";
import { sendXlsx, shanghaiTime, tableWorkbook } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf, recordAudit } from "../audit/audit.service";
import {
  closeAward,
  districtConfirm,
  enterpriseConfirm,
  getAward,
  getSweep,
  iterateAwardsForExport,
  listAwards,
  recordPayment,
  startSweep,
} from "./award.service";
import { createPool, listPools, updatePool } from "./budget-pool.service";
import { calculate } from "./calculator.service";
import { currentPolicy, policyVersions, shanghaiToday, toPolicyDetail } from "./policy.repository";
import { listPolicies } from "./policy.service";

const TAG = ["政策与专项资金"];
const BENEFICIARY_LABELS: Record<(typeof BENEFICIARY_KINDS)[number], string> = {
  enterprise: "企业",
  project: "项目",
};

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
    async (request, reply) => {
      const user = requireUser(request);
      if (user.role !== "city_admin" && user.role !== "district_admin") throw forbidden("导出政策库");
      const { items } = await listPolicies(app.db, { ...request.query, page: 1, pageSize: 10_000 });
      const buf = await tableWorkbook(
        "政策库",
        [
          { header: "政策编号", key: "id", width: 36 },
          { header: "版本", key: "version", width: 14 },
          { header: "政策名称", key: "name", width: 40 },
          { header: "层级", key: "level", width: 10 },
          { header: "适用地区", key: "region", width: 12 },
          { header: "支持对象", key: "beneficiary", width: 10 },
          { header: "计算方法", key: "formulaText", width: 60 },
          { header: "生效日期", key: "validFrom", width: 12 },
          { header: "截止日期", key: "validUntil", width: 12 },
          { header: "今日有效", key: "validToday", width: 10 },
          { header: "待市里设定的参数", key: "unsetParameters", width: 16 },
          { header: "待确认事项", key: "unconfirmed", width: 12 },
          { header: "来源文件", key: "document", width: 60 },
        ],
        items.map((p) => ({
          ...p,
          level: POLICY_LEVEL_LABELS[p.level],
          beneficiary: BENEFICIARY_LABELS[p.beneficiary],
          validToday: p.validToday ? "是" : "否",
          validFrom: p.validFrom ?? "未载明",
          validUntil: p.validUntil ?? "未载明",
        })),
      );
      await recordAudit(app.db, actorOf(request), {
        action: "policy.export",
        entityType: "policy",
        districtCode: user.districtCode,
        after: { filters: request.query, rows: items.length },
      });
      return sendXlsx(reply, "政策库.xlsx").send(buf);
    },
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
    async (request) => {
      const found = await currentPolicy(app.db, request.params.id);
      if (!found) throw notFound("政策");
      return toPolicyDetail(
        found.def,
        shanghaiToday(),
        found.sourceFile,
        await policyVersions(app.db, found.def.id),
      );
    },
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
    async (request, reply) => {
      const user = requireUser(request);
      const rows: Record<string, unknown>[] = [];
      for await (const items of iterateAwardsForExport(app.db, user, request.query))
        for (const a of items)
          rows.push({
            ...a,
            status: AWARD_STATUS_LABELS[a.status],
            amountWan: formatFenAsWanYuan(a.amountFen, 6),
            paidWan: formatFenAsWanYuan(a.paidFen, 6),
            shares: a.shares
              .map((s) => `${s.payerLabel} ${formatFenAsWanYuan(s.amountFen, 6)}万元`)
              .join("；"),
            identifiedAt: shanghaiTime(a.identifiedAt),
            districtConfirmedAt: shanghaiTime(a.districtConfirmedAt),
            enterpriseConfirmedAt: shanghaiTime(a.enterpriseConfirmedAt),
            paidAt: shanghaiTime(a.paidAt),
          });
      const buf = await tableWorkbook(
        "政策兑现",
        [
          { header: "企业名称", key: "enterpriseName", width: 36 },
          { header: "所属区", key: "districtName", width: 12 },
          { header: "政策", key: "policyName", width: 40 },
          { header: "政策版本", key: "policyVersion", width: 14 },
          { header: "状态", key: "status", width: 22 },
          { header: "金额（万元）", key: "amountWan", width: 14 },
          { header: "已拨付（万元）", key: "paidWan", width: 14 },
          { header: "资金分担", key: "shares", width: 40 },
          { header: "识别时间", key: "identifiedAt", width: 20 },
          { header: "区级确认时间", key: "districtConfirmedAt", width: 20 },
          { header: "企业确认时间", key: "enterpriseConfirmedAt", width: 20 },
          { header: "拨付完成时间", key: "paidAt", width: 20 },
          { header: "放弃/撤销原因", key: "closeReason", width: 30 },
        ],
        rows,
      );
      await recordAudit(app.db, actorOf(request), {
        action: "policy_award.export",
        entityType: "policy_award",
        districtCode: user.districtCode,
        after: { filters: request.query, rows: rows.length },
      });
      return sendXlsx(reply, "政策兑现清单.xlsx").send(buf);
    },
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

  app.get(
    "/budget-pools",
    {
      schema: {
        tags: TAG,
        summary: "专项资金预算池（市：全部；区：本区及市级）：总额、已预留、已拨付、剩余",
        querystring: BudgetPoolQuery,
        response: { 200: z.array(BudgetPool), ...errorResponses },
      },
    },
    async (request) => listPools(app.db, requireUser(request), request.query),
  );

  app.post(
    "/budget-pools",
    {
      schema: {
        tags: TAG,
        summary: "设立预算池（市）",
        body: CreateBudgetPoolRequest,
        response: { 201: BudgetPool, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createPool(app.db, requireUser(request), actorOf(request), request.body)),
  );

  app.patch(
    "/budget-pools/:id",
    {
      schema: {
        tags: TAG,
        summary: "调整预算池（市；总额不得低于已预留与已拨付合计；须带 version）",
        params: IdParam,
        body: UpdateBudgetPoolRequest,
        response: { 200: BudgetPool, ...errorResponses },
      },
    },
    async (request) =>
      updatePool(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );
};
