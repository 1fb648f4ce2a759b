import { z } from "zod";
import { BriefingItem, BriefingListQuery, BriefingPeriod, GenerateBriefingRequest } from "./briefing";
import { IdParam, pageOf } from "./common";
import { routeMap } from "./route";

/**
 * 月度工作简报: the JSON routes as one typed map (modules/briefings mounts it, the web calls it). The
 * files (HTML, PDF, data xlsx) and the list export are plain routes beside it:
 * GET /api/briefings/:id/html, /:id/pdf, /:id/xlsx and /api/briefings/export.
 * Access: the city administrator generates and reads; a district administrator reads (the city's
 * briefing, read-only); other roles 403.
 */
export const BRIEFING_ROUTES = routeMap({
  "GET /api/briefings": {
    summary: "月度工作简报列表（各统计月份的各版本；检索、筛选、排序、分页）",
    query: BriefingListQuery,
    status: 200,
    response: pageOf(BriefingItem),
  },
  "GET /api/briefings/periods": {
    summary: "可生成简报的已关账月份（近24个月）及其已印发版本",
    status: 200,
    response: z.array(BriefingPeriod),
  },
  "GET /api/briefings/:id": {
    summary: "一份简报版本的信息（生成时间、生成人、PDF 摘要值）",
    params: IdParam,
    status: 200,
    response: BriefingItem,
  },
  "POST /api/briefings": {
    summary: "生成月度工作简报（依据已存储的指标快照；已有版本时生成新版本，旧版本保留）",
    body: GenerateBriefingRequest,
    status: 201,
    response: BriefingItem,
  },
});
export type BriefingRoutes = typeof BRIEFING_ROUTES;
