import { type DrillItem, DrillQuery, INDICATOR_ROUTES } from "@dxcenter/contracts";
import { formatFenAsYuan } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { forbidden } from "../../errors";
import { mountRoutes } from "../../lib/contract-routes";
import { allPages } from "../../lib/pages";
import { type ExportColumn, mountTableExport } from "../../lib/table-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { closePeriod } from "./close-period";
import { catalogue, cockpit, districtValues, refreshCockpit, snapshots } from "./cockpit";
import { type DrillContext, drill, drillContext, drillPage } from "./indicator-drill";
import { refreshOpenPeriods } from "./indicator-live";
import { correctSnapshot } from "./snapshot-correction";

/**
 * 监测分析预警: the contract map INDICATOR_ROUTES (packages/contracts/src/indicator-routes.ts), one
 * handler per key. app.ts registers only this plugin.
 */
const TAG = ["监测分析预警"];

const SUBJECT_LABELS: Record<DrillItem["subject"], string> = {
  enterprise: "企业",
  assessment: "自评估",
  diagnosis: "诊断",
  award: "政策兑现",
  project: "技改项目",
};

/** The drill-down's columns: what a row adds to the figure is named by the formula's shape. */
function drillColumns(c: DrillContext): ExportColumn<DrillItem>[] {
  const amount: ExportColumn<DrillItem>[] =
    c.shape === "rate"
      ? [{ header: "计入分子", width: 10, value: (r) => (r.counted ? "是" : "否") }]
      : c.shape === "average"
        ? [{ header: `数值（${c.indicator.unit}）`, width: 12, value: (r) => r.contribution }]
        : c.shape === "count"
          ? []
          : [{ header: "金额（元）", width: 16, value: (r) => formatFenAsYuan(r.contribution) }];
  return [
    { header: "类别", width: 10, value: (r) => SUBJECT_LABELS[r.subject] },
    { header: "名称", width: 36, value: (r) => r.name },
    { header: "企业", width: 36, value: (r) => r.enterpriseName },
    { header: "所属区", width: 12, value: (r) => r.districtName },
    ...amount,
    { header: "日期", width: 12, value: (r) => r.date },
    { header: "说明", width: 30, value: (r) => r.fact },
  ];
}

export const indicatorRoutes: FastifyPluginAsyncZod = async (app) => {
  mountRoutes(app, INDICATOR_ROUTES, TAG, {
    "GET /api/indicators": (_input, request) => catalogue(app.db, requireUser(request)),
    "GET /api/indicators/snapshots": ({ query }, request) => snapshots(app.db, requireUser(request), query),
    "GET /api/cockpit": ({ query }, request) => cockpit(app.db, requireUser(request), query),
    "GET /api/cockpit/districts": ({ query }, request) => districtValues(app.db, requireUser(request), query),
    "GET /api/cockpit/drill": ({ query }, request) => drill(app.db, requireUser(request), query),
    "POST /api/cockpit/refresh": ({ body }, request) =>
      refreshCockpit(app.db, requireUser(request), actorOf(request), body),
    "POST /api/indicators/periods/:period/close": ({ params }, request) => {
      if (requireUser(request).role !== "city_admin") throw forbidden("统计期关账");
      return closePeriod(app.db, params.period, actorOf(request));
    },
    "POST /api/indicators/snapshots/:id/corrections": ({ params, body }, request) =>
      correctSnapshot(app.db, requireUser(request), actorOf(request), params.id, body),
  });

  mountTableExport(app, {
    path: "/cockpit/drill/export",
    tags: TAG,
    summary: "导出指标下钻名单（与页面相同的指标、区、统计期与筛选）",
    query: DrillQuery.omit({ page: true, pageSize: true }),
    export: async (query, request) => {
      const c = await drillContext(app.db, requireUser(request), query);
      return {
        filename: `${c.indicator.name}-${c.scopeName}-${c.listPeriod}.xlsx`,
        sheet: "下钻名单",
        columns: drillColumns(c),
        pages: () => allPages((page, pageSize) => drillPage(app.db, c, { ...query, page, pageSize }), 1000),
        audit: {
          action: "indicator.drill_export",
          entityType: "indicator",
          after: { indicator: c.indicator.id, scope: c.scope, period: c.period, listPeriod: c.listPeriod },
        },
      };
    },
  });

  // The 驾驶舱's provisional figures of the open periods (indicator-live.ts), once across nodes.
  app.scheduler.register({
    name: "refresh-live-indicators",
    label: "刷新驾驶舱暂存数值（未关账统计期）",
    schedule: app.config.schedules.liveIndicators,
    run: async () => {
      const r = await refreshOpenPeriods(app.db);
      return {
        message: r.periods.length
          ? `已重新计算 ${r.figures} 个指标统计期（${r.periods.join("、")}）`
          : "没有未关账的统计期",
        summary: { figures: r.figures, dropped: r.dropped },
      };
    },
  });
};
