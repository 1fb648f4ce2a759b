import { IdParam, pageOf } from "./common";
import {
  AssignmentOk,
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
  RateAssignmentRequest,
  UpdateExpertRequest,
  UpdateMyAvailabilityRequest,
  VerifyDrawResponse,
} from "./expert";
import { routeMap } from "./route";

/**
 * 专家库: the JSON routes of the expert pool (experts, availability, seeded draws, invitations and
 * ratings) as one typed map. The server mounts it (modules/experts), the web calls it (api/experts.ts).
 * The xlsx exports are files, not JSON, and stay plain routes.
 */
export const EXPERT_ROUTES = routeMap({
  "GET /api/experts": {
    summary: "专家库列表（市工信局）：检索、状态/领域筛选、排序、近12个月评审工作量",
    query: ExpertListQuery,
    status: 200,
    response: pageOf(ExpertItem),
  },
  "POST /api/experts": {
    summary: "新增专家（市工信局）",
    body: CreateExpertRequest,
    status: 201,
    response: ExpertItem,
  },
  "GET /api/experts/draws": {
    summary: "专家抽取记录（种子、算法、抽中与回避情况）",
    query: ExpertDrawListQuery,
    status: 200,
    response: pageOf(ExpertDrawItem),
  },
  "POST /api/experts/draws": {
    summary: "随机抽取专家（服务器生成随机种子；记录专家库快照、回避历史、种子与完整结果）",
    body: DrawRequestBody,
    status: 201,
    response: ExpertDrawDetail,
  },
  "GET /api/experts/draws/:id": {
    summary: "抽取详情：请求、种子、抽中专家、每位被回避专家及原因、邀请答复",
    params: IdParam,
    status: 200,
    response: ExpertDrawDetail,
  },
  "POST /api/experts/draws/:id/verify": {
    summary: "复核抽取：以记录的种子和输入重新抽取（含补抽），与记录比对",
    params: IdParam,
    status: 200,
    response: VerifyDrawResponse,
  },
  "GET /api/experts/assignments/mine": {
    summary: "我的评审邀请（专家本人）",
    query: ExpertAssignmentListQuery,
    status: 200,
    response: pageOf(ExpertAssignmentItem),
  },
  "POST /api/experts/assignments/:id/accept": {
    summary: "接受评审邀请（专家本人）",
    params: IdParam,
    status: 200,
    response: AssignmentOk,
  },
  "POST /api/experts/assignments/:id/decline": {
    summary: "谢绝评审邀请（专家本人）；系统按记录的种子自动补抽",
    params: IdParam,
    body: ExpertDeclineRequest,
    status: 200,
    response: ExpertDeclineResponse,
  },
  "PUT /api/experts/assignments/:id/rating": {
    summary: "评价专家工作（组织评审/诊断的市工信局或该区工信部门；仅已接受邀请的专家）",
    params: IdParam,
    body: RateAssignmentRequest,
    status: 200,
    response: AssignmentOk,
  },
  "GET /api/experts/me": {
    summary: "本人的专家库档案（专家）",
    status: 200,
    response: ExpertItem,
  },
  "PUT /api/experts/me/availability": {
    summary: "修改本人的可用时间（专家；日期段不得重叠，须带 version）",
    body: UpdateMyAvailabilityRequest,
    status: 200,
    response: ExpertItem,
  },
  "GET /api/experts/:id": {
    summary: "专家详情（市工信局）",
    params: IdParam,
    status: 200,
    response: ExpertItem,
  },
  "PUT /api/experts/:id": {
    summary: "修改专家信息（市工信局；须带 version）",
    params: IdParam,
    body: UpdateExpertRequest,
    status: 200,
    response: ExpertItem,
  },
});
export type ExpertRoutes = typeof EXPERT_ROUTES;
