import { IdParam, pageOf } from "./common";
import {
  CreateDemandRequest,
  DemandDetail,
  DemandFromAssessmentRequest,
  DemandItem,
  DemandListQuery,
  DemandMatches,
  Funnel,
  FunnelQuery,
  LeadParams,
  LeadStepRequest,
  MatchQuery,
  ShortlistRequest,
  UpdateDemandRequest,
} from "./demand";
import { routeMap } from "./route";

/** 需求对接: the JSON routes of demands, matches, leads and the funnel (the export stays a file route). */
export const DEMAND_ROUTES = routeMap({
  "GET /api/demands": {
    summary: "企业需求列表（市：全部；区：本区；企业：本企业；服务商：匹配到本机构的需求）",
    query: DemandListQuery,
    status: 200,
    response: pageOf(DemandItem),
  },
  "GET /api/demands/funnel": {
    summary: "对接漏斗（需求 → 意向 → 已联系 → 已签约），按区统计",
    query: FunnelQuery,
    status: 200,
    response: Funnel,
  },
  "POST /api/demands": {
    summary: "发布需求（企业为本企业；区/市为管辖范围内企业）；预算以万元填写",
    body: CreateDemandRequest,
    status: 201,
    response: DemandDetail,
  },
  "POST /api/demands/from-assessment": {
    summary: "从企业最近一次已提交评估的改进建议生成需求（列出每个场景来自哪些改进项）",
    body: DemandFromAssessmentRequest,
    status: 201,
    response: DemandDetail,
  },
  "GET /api/demands/:id": {
    summary: "需求详情及对接线索",
    params: IdParam,
    status: 200,
    response: DemandDetail,
  },
  "PATCH /api/demands/:id": {
    summary: "修改需求说明、关闭或重新打开需求（须带 version）",
    params: IdParam,
    body: UpdateDemandRequest,
    status: 200,
    response: DemandDetail,
  },
  "GET /api/demands/:id/matches": {
    summary: "匹配排名：解决方案与服务商，含各项得分和中文理由",
    params: IdParam,
    query: MatchQuery,
    status: 200,
    response: DemandMatches,
  },
  "POST /api/demands/:id/leads": {
    summary: "将解决方案（或服务商）加入对接意向",
    params: IdParam,
    body: ShortlistRequest,
    status: 201,
    response: DemandDetail,
  },
  "POST /api/demands/:id/leads/:leadId": {
    summary: "对接进展：已联系 / 已签约 / 放弃（服务商只能标记本机构线索已联系）",
    params: LeadParams,
    body: LeadStepRequest,
    status: 200,
    response: DemandDetail,
  },
});
export type DemandRoutes = typeof DEMAND_ROUTES;
