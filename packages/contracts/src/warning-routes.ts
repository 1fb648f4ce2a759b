import { z } from "zod";
import { IdParam, pageOf } from "./common";
import { routeMap } from "./route";
import {
  HandleWarningRequest,
  WarningCounts,
  WarningDetail,
  WarningItem,
  WarningListQuery,
  WarningRuleItem,
  WarningStepRequest,
} from "./warning";

/**
 * 预警中心: the JSON routes as one typed map (modules/warnings mounts it, the web calls it). The list
 * export is a plain route beside it: GET /api/warnings/export.
 * Access: city_admin every warning; district_admin its district's (others 404); department those its
 * organisation owns; other roles 403. Steps: acknowledge → handle (note required) → close; a step in
 * the wrong state is 409 STATE_CONFLICT.
 */
export const WARNING_ROUTES = routeMap({
  "GET /api/warnings": {
    summary: "预警列表（按级别、状态、规则、区、关键字筛选；排序、分页）",
    query: WarningListQuery,
    status: 200,
    response: pageOf(WarningItem),
  },
  "GET /api/warnings/counts": {
    summary: "预警数量：未关闭的按级别，全部按状态（驾驶舱）",
    status: 200,
    response: WarningCounts,
  },
  "GET /api/warnings/rules": {
    summary: "预警规则（只读：参数、级别、责任主体、是否启用、待接入）",
    status: 200,
    response: z.array(WarningRuleItem),
  },
  "GET /api/warnings/:id": {
    summary: "预警详情与处理记录",
    params: IdParam,
    status: 200,
    response: WarningDetail,
  },
  "POST /api/warnings/:id/acknowledge": {
    summary: "认领预警（待认领 → 处置中）",
    params: IdParam,
    body: WarningStepRequest,
    status: 200,
    response: WarningDetail,
  },
  "POST /api/warnings/:id/handle": {
    summary: "处置预警（须填写处置说明；处置中 → 已处置）",
    params: IdParam,
    body: HandleWarningRequest,
    status: 200,
    response: WarningDetail,
  },
  "POST /api/warnings/:id/close": {
    summary: "关闭预警（已处置 → 已关闭）",
    params: IdParam,
    body: WarningStepRequest,
    status: 200,
    response: WarningDetail,
  },
});
export type WarningRoutes = typeof WARNING_ROUTES;
