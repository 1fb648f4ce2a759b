import { IdParam } from "./common";
import {
  GenerateReportsRequest,
  GenerateReportsResult,
  ReportFillRequest,
  ReportItem,
  ReportListQuery,
  ReportPage,
  ReportReturnRequest,
  ReportReviewRequest,
} from "./indicator-report";
import { routeMap } from "./route";

/**
 * 指标填报: the JSON routes as one typed map (modules/indicator-reports mounts it, the web calls it).
 * The Excel template (GET /api/indicator-reports/template), its upload (POST …/upload) and the list
 * export (GET …/export) are plain routes beside it.
 * Access: city_admin every task (reviews, generates, fills the city's own); district_admin its
 * district's (others 404); department those its organisation owns; other roles 403. A step in the wrong
 * state is 409 STATE_CONFLICT, a stale version 409 VERSION_CONFLICT.
 */
export const INDICATOR_REPORT_ROUTES = routeMap({
  "GET /api/indicator-reports": {
    summary: "填报任务列表（按统计期、指标、状态、区、逾期筛选；排序、分页）",
    query: ReportListQuery,
    status: 200,
    response: ReportPage,
  },
  "GET /api/indicator-reports/:id": {
    summary: "填报任务详情（含上期审核值与可执行操作）",
    params: IdParam,
    status: 200,
    response: ReportItem,
  },
  "POST /api/indicator-reports/generate": {
    summary: "生成本期填报任务（每个填报指标最近已结束的统计期；已有任务不重复生成）",
    body: GenerateReportsRequest,
    status: 200,
    response: GenerateReportsResult,
  },
  "POST /api/indicator-reports/:id/save": {
    summary: "保存填报草稿",
    params: IdParam,
    body: ReportFillRequest,
    status: 200,
    response: ReportItem,
  },
  "POST /api/indicator-reports/:id/submit": {
    summary: "提交填报（校验数值、范围与变动说明；待填报/草稿/已退回 → 待审核）",
    params: IdParam,
    body: ReportFillRequest,
    status: 200,
    response: ReportItem,
  },
  "POST /api/indicator-reports/:id/approve": {
    summary: "审核通过（数值成为该统计期的指标数据）",
    params: IdParam,
    body: ReportReviewRequest,
    status: 200,
    response: ReportItem,
  },
  "POST /api/indicator-reports/:id/return": {
    summary: "退回填报（须写明原因；填报单位修改后重新提交）",
    params: IdParam,
    body: ReportReturnRequest,
    status: 200,
    response: ReportItem,
  },
});
export type IndicatorReportRoutes = typeof INDICATOR_REPORT_ROUTES;
