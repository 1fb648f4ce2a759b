import { z } from "zod";
import { IdParam } from "./common";
import {
  ClosePeriodResult,
  Cockpit,
  CockpitQuery,
  CorrectionRequest,
  DistrictValues,
  DistrictValuesQuery,
  Drill,
  DrillQuery,
  Indicator,
  IndicatorSnapshot,
  PeriodParam,
  SnapshotListQuery,
} from "./indicator";
import { routeMap } from "./route";

/**
 * 监测分析预警: the indicator catalogue, the 驾驶舱 and the closing of periods into snapshots, as one
 * typed map. The server mounts it (modules/indicators), the web calls it with the same types.
 * Access: the city sees everything; a district administrator its own district and the city totals;
 * a department the indicators it owns; other roles 403 (the enterprise home gets its own view later).
 */
export const INDICATOR_ROUTES = routeMap({
  "GET /api/indicators": {
    summary: "监测指标目录（口径、单位、来源、责任单位、频度、目标路径、预警与优秀阈值）",
    status: 200,
    response: z.array(Indicator),
  },
  "GET /api/indicators/snapshots": {
    summary: "指标快照（已关账统计期的存档数值，含各更正版本）",
    query: SnapshotListQuery,
    status: 200,
    response: z.array(IndicatorSnapshot),
  },
  "GET /api/cockpit": {
    summary: "驾驶舱：各指标当期值、目标/应达值、达标状态与近12期走势（全市或一个区）",
    query: CockpitQuery,
    status: 200,
    response: Cockpit,
  },
  "GET /api/cockpit/districts": {
    summary: "驾驶舱分区数值：一个指标各区的数值与排名（地图着色与排行）",
    query: DistrictValuesQuery,
    status: 200,
    response: DistrictValues,
  },
  "GET /api/cockpit/drill": {
    summary:
      "指标下钻：一个计算指标在全市或一个区的明细名单（企业、项目、拨付等，精确计数），已关账统计期给出今日同口径名单并注明",
    query: DrillQuery,
    status: 200,
    response: Drill,
  },
  "POST /api/cockpit/refresh": {
    summary: "刷新驾驶舱：重新计算未关账统计期的暂存数值（全市及各区，市级管理员），返回刷新后的驾驶舱",
    body: CockpitQuery,
    status: 200,
    response: Cockpit,
  },
  "POST /api/indicators/periods/:period/close": {
    summary: "统计期关账：为全部平台计算指标存储全市及各区快照（重复关账不新增）",
    params: PeriodParam,
    status: 200,
    response: ClosePeriodResult,
  },
  "POST /api/indicators/snapshots/:id/corrections": {
    summary: "更正指标快照：以新版本存储更正后的数值并注明原因（原快照保留）",
    params: IdParam,
    body: CorrectionRequest,
    status: 201,
    response: IndicatorSnapshot,
  },
});
export type IndicatorRoutes = typeof INDICATOR_ROUTES;
