import { z } from "zod";
import { IdParam, pageOf } from "./common";
import {
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
  PaymentRequest,
  PaymentResult,
  PolicyDetail,
  PolicyIdParam,
  PolicyItem,
  PolicyListQuery,
  PolicySweep,
  SweepRequest,
  UpdateBudgetPoolRequest,
} from "./policy-api";
import { routeMap } from "./route";

/**
 * 政策与专项资金: the JSON routes of the policy module (政策库, 政策计算器, 免申即享, 政策兑现, 预算池)
 * as one typed map. The server mounts it (modules/policies), the web calls it (api/policies.ts). The
 * xlsx exports are files, not JSON, and stay plain routes.
 */
export const POLICY_ROUTES = routeMap({
  "GET /api/policies": {
    summary: "政策库（公开，无需登录）：层级、支持对象、今日有效、关键词筛选",
    query: PolicyListQuery,
    status: 200,
    response: pageOf(PolicyItem),
  },
  "GET /api/policies/:id": {
    summary: "政策详情（公开）：条件、参数（标明由市里确定的）、来源条款、待确认事项",
    params: PolicyIdParam,
    status: 200,
    response: PolicyDetail,
  },
  "POST /api/policy-calculator": {
    summary: "政策计算器：企业（本企业）或工作人员（管辖范围内企业）按企业库与本次填报的项目测算每项政策",
    body: CalculatorRequest,
    status: 200,
    response: CalculatorResult,
  },
  "POST /api/policies/:id/sweep": {
    summary: "免申即享筛查：按企业库与评估结果找出符合条件的企业（市：全市或指定区；区：本区），返回任务",
    params: PolicyIdParam,
    body: SweepRequest,
    status: 202,
    response: PolicySweep,
  },
  "GET /api/policy-sweeps/:id": {
    summary: "免申即享筛查任务进度（发起人）",
    params: IdParam,
    status: 200,
    response: PolicySweep,
  },
  "GET /api/policy-awards": {
    summary: "政策兑现清单（市：全部；区：本区；企业：本企业区级已确认的）",
    query: AwardListQuery,
    status: 200,
    response: pageOf(AwardItem),
  },
  "GET /api/policy-awards/:id": {
    summary: "政策兑现详情：计算过程、事实快照、预留与拨付记录",
    params: IdParam,
    status: 200,
    response: AwardDetail,
  },
  "POST /api/policy-awards/:id/district-confirm": {
    summary: "区级确认：从预算池预留金额（余额不足时拒绝并给出剩余额度）",
    params: IdParam,
    body: AwardVersion,
    status: 200,
    response: AwardDetail,
  },
  "POST /api/policy-awards/:id/enterprise-confirm": {
    summary: "企业意愿确认（本企业）",
    params: IdParam,
    body: AwardVersion,
    status: 200,
    response: AwardDetail,
  },
  "POST /api/policy-awards/:id/decline": {
    summary: "企业放弃（释放预留金额）",
    params: IdParam,
    body: AwardReason,
    status: 200,
    response: AwardDetail,
  },
  "POST /api/policy-awards/:id/withdraw": {
    summary: "撤销（区/市，企业确认前；释放预留金额）",
    params: IdParam,
    body: AwardReason,
    status: 200,
    response: AwardDetail,
  },
  "POST /api/policy-awards/:id/payments": {
    summary: "登记拨付（市）：须带 Idempotency-Key 请求头或 idempotencyKey，重试返回同一笔拨付",
    params: IdParam,
    headers: z.object({ "idempotency-key": z.string().max(200).optional() }),
    body: PaymentRequest,
    // 201: a new payment; 200: the key had already paid (the earlier payment, nothing paid again).
    status: 200,
    alsoStatus: 201,
    response: PaymentResult,
  },
  "GET /api/budget-pools": {
    summary: "专项资金预算池（市：全部；区：本区及市级）：总额、已预留、已拨付、剩余",
    query: BudgetPoolQuery,
    status: 200,
    response: z.array(BudgetPool),
  },
  "POST /api/budget-pools": {
    summary: "设立预算池（市）",
    body: CreateBudgetPoolRequest,
    status: 201,
    response: BudgetPool,
  },
  "PATCH /api/budget-pools/:id": {
    summary: "调整预算池（市；总额不得低于已预留与已拨付合计；须带 version）",
    params: IdParam,
    body: UpdateBudgetPoolRequest,
    status: 200,
    response: BudgetPool,
  },
});
export type PolicyRoutes = typeof POLICY_ROUTES;
