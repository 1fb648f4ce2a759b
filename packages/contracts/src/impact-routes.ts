import { IdParam } from "./common";
import {
  CohortQuery,
  CohortResponse,
  CoverageQuery,
  CoverageResponse,
  EnterpriseImpact,
  ImpactEnterpriseQuery,
} from "./impact";
import { routeMap } from "./route";

/**
 * 成效分析: the JSON routes of the impact analysis (modules/impact; web pages/impact/api.ts). The
 * two xlsx exports are files and stay plain routes.
 */
export const IMPACT_ROUTES = routeMap({
  "GET /api/impact/enterprises/:id": {
    summary: "企业复评对比：某量表已提交评估（自评估与现场评定）按时间排列，T0/T1 得分与等级变化",
    params: IdParam,
    query: ImpactEnterpriseQuery,
    status: 200,
    response: EnterpriseImpact,
  },
  "GET /api/impact/cohorts": {
    summary: "成效队列：按区或诊断服务商统计复评企业的平均得分变化（市：全部；区：本区）",
    query: CohortQuery,
    status: 200,
    response: CohortResponse,
  },
  "GET /api/impact/coverage": {
    summary: "诊断覆盖率：各区规上企业已诊断数与年度累计目标（市：全部及全市合计；区：本区）",
    query: CoverageQuery,
    status: 200,
    response: CoverageResponse,
  },
});
export type ImpactRoutes = typeof IMPACT_ROUTES;
