import { z } from "zod";
import { REPORT_BATCH_MAX_REPORTS, ReportBatchJob, ReportBatchRequest } from "./assessment";
import { IdParam } from "./common";
import { routeMap } from "./route";

/**
 * "一企一策" reports: the JSON routes of the batch export (modules/reports; web BatchReportModal).
 * The report itself (HTML, PDF) and the batch zip are files and stay plain routes.
 */
export const REPORT_ROUTES = routeMap({
  "POST /api/reports/batch": {
    summary: `批量导出诊断报告（zip）：每家企业该量表最近一次提交的评估；区工信部门限本区，市可选区或全市；一次最多 ${REPORT_BATCH_MAX_REPORTS} 份。返回任务，轮询查看进度`,
    body: ReportBatchRequest,
    status: 202,
    response: z.object({ id: z.uuid() }),
  },
  "GET /api/reports/batch/:id": {
    summary: "批量导出任务的进度（仅发起人可见）",
    params: IdParam,
    status: 200,
    response: ReportBatchJob,
  },
});
export type ReportRoutes = typeof REPORT_ROUTES;
