import { z } from "zod";
import { IdParam, pageOf } from "./common";
import {
  PoolAdmitRequest,
  PoolApplicationDetail,
  PoolApplicationItem,
  PoolApplicationListQuery,
  PoolApplyRequest,
  PoolDecisionRequest,
  PoolHandleObjectionRequest,
  PoolNoticeItem,
  PoolNoticeListQuery,
  PoolObjectionFiled,
  PoolObjectionRequest,
  PoolScoreRequest,
  PoolVersionRequest,
  ProviderDetail,
  ProviderEvaluateRequest,
  ProviderEvaluation,
  ProviderEvaluationQuery,
  ProviderExitRequest,
  ProviderItem,
  ProviderListQuery,
  ProviderRatingRequest,
  ProviderRatingResult,
  RateableService,
  RegisterProviderRequest,
  ReviewSheet,
  UpdateProviderRequest,
} from "./provider";
import { routeMap } from "./route";

/**
 * 服务商资源池: the JSON routes of the provider pool as two typed maps, one per OpenAPI tag: the
 * providers themselves (PROVIDER_ROUTES) and the admission workflow with its public notices
 * (POOL_ROUTES). The server mounts them (modules/providers), the web calls them (api/providers.ts).
 * The xlsx exports are files, not JSON, and stay plain routes.
 */
export const PROVIDER_ROUTES = routeMap({
  "GET /api/providers": {
    summary: "服务商资源池（公开：已入库服务商；市工信局：全部；服务商另见本机构）",
    query: ProviderListQuery,
    status: 200,
    response: pageOf(ProviderItem),
  },
  "GET /api/providers/mine": {
    summary: "我的机构（服务商账号；未登记时为 null）",
    status: 200,
    response: ProviderDetail.nullable(),
  },
  "POST /api/providers/mine": {
    summary: "登记本机构（服务商账号；统一社会信用代码校验）",
    body: RegisterProviderRequest,
    status: 201,
    response: ProviderDetail,
  },
  "PUT /api/providers/mine": {
    summary: "修改本机构信息与服务案例（须带 version）",
    body: UpdateProviderRequest,
    status: 200,
    response: ProviderDetail,
  },
  "GET /api/providers/evaluations": {
    summary: "某年度的服务商评价结果（市、区）",
    query: ProviderEvaluationQuery,
    status: 200,
    response: z.array(ProviderEvaluation),
  },
  "POST /api/providers/evaluations": {
    summary: "开展年度评价（市工信局）：企业评价、完成项目、服务企业前后测评变化 → 优秀/良好/合格/不合格",
    body: ProviderEvaluateRequest,
    status: 200,
    response: z.array(ProviderEvaluation),
  },
  "GET /api/providers/:id": {
    summary: "服务商详情：案例、（本机构与市工信局可见）申请、评审得分、年度评价、状态历史",
    params: IdParam,
    status: 200,
    response: ProviderDetail,
  },
  "POST /api/providers/:id/exit": {
    summary: "服务商出库（市工信局；记录原因，历史保留）",
    params: IdParam,
    body: ProviderExitRequest,
    status: 200,
    response: ProviderDetail,
  },
  "GET /api/providers/:id/rateable": {
    summary: "本企业可评价的服务（该服务商成员参与、已评定或已办结且尚未评价的诊断）",
    params: IdParam,
    status: 200,
    response: z.array(RateableService),
  },
  "POST /api/providers/:id/ratings": {
    summary: "企业评价服务商（仅限为本企业提供过诊断服务的服务商，每次服务一次）",
    params: IdParam,
    body: ProviderRatingRequest,
    status: 201,
    response: ProviderRatingResult,
  },
});
export type ProviderRoutes = typeof PROVIDER_ROUTES;

export const POOL_ROUTES = routeMap({
  "GET /api/pool/review-sheet": {
    summary: "入库评审打分表（评分项与分值）",
    status: 200,
    response: ReviewSheet,
  },
  "GET /api/pool/applications": {
    summary: "入库申请（市：全部；服务商：本机构；专家：受邀评审的）",
    query: PoolApplicationListQuery,
    status: 200,
    response: pageOf(PoolApplicationItem),
  },
  "POST /api/pool/applications": {
    summary: "提交入库申请（服务商账号，本机构）",
    body: PoolApplyRequest,
    status: 201,
    response: PoolApplicationDetail,
  },
  "GET /api/pool/applications/:id": {
    summary: "入库申请详情：材料、评审专家、打分、决定、公示与异议、可执行的操作",
    params: IdParam,
    status: 200,
    response: PoolApplicationDetail,
  },
  "POST /api/pool/applications/:id/withdraw": {
    summary: "撤回申请（评审启动前）",
    params: IdParam,
    body: PoolVersionRequest,
    status: 200,
    response: PoolApplicationDetail,
  },
  "POST /api/pool/applications/:id/review": {
    summary: "启动入库评审（市工信局）",
    params: IdParam,
    body: PoolVersionRequest,
    status: 200,
    response: PoolApplicationDetail,
  },
  "PUT /api/pool/applications/:id/score": {
    summary: "提交或修改本人的评审打分表（已接受邀请的专家）",
    params: IdParam,
    body: PoolScoreRequest,
    status: 200,
    response: PoolApplicationDetail,
  },
  "POST /api/pool/applications/:id/decision": {
    summary: "作出决定（市工信局）：拟入库并公示（起止日期），或不予入库（理由）",
    params: IdParam,
    body: PoolDecisionRequest,
    status: 200,
    response: PoolApplicationDetail,
  },
  "POST /api/pool/applications/:id/admit": {
    summary: "公示期满且无未处理异议，认定入库（市工信局）",
    params: IdParam,
    body: PoolAdmitRequest,
    status: 200,
    response: PoolApplicationDetail,
  },
  "GET /api/pool/notices": {
    summary: "入库公示（公开，无需登录）",
    query: PoolNoticeListQuery,
    status: 200,
    response: pageOf(PoolNoticeItem),
  },
  "POST /api/pool/notices/:id/objections": {
    summary: "对公示提出异议（任何人，可匿名；须留联系电话）",
    params: IdParam,
    body: PoolObjectionRequest,
    status: 201,
    response: PoolObjectionFiled,
  },
  "POST /api/pool/objections/:id/handle": {
    summary: "处理公示异议（市工信局）：异议成立则不予入库，不成立则驳回",
    params: IdParam,
    body: PoolHandleObjectionRequest,
    status: 200,
    response: PoolApplicationDetail,
  },
});
export type PoolRoutes = typeof POOL_ROUTES;
