import { DEMAND_ROUTES, type DemandItem, DemandListQuery } from "@dxcenter/contracts";
import { DEMAND_STATUS_LABELS, formatFenAsWanYuan, LEAD_STATUS_LABELS } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { mountRoutes } from "../../lib/contract-routes";
import { createWrite, recordWrite } from "../../lib/route-writes";
import { type ExportColumn, mountTableExport } from "../../lib/table-export";
import { shanghaiTime } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import {
  createDemand,
  getDemand,
  iterateDemandsForExport,
  listDemands,
  updateDemand,
} from "./demand.service";
import { createDemandFromAssessment } from "./demand-from-assessment";
import { demandMatches, leadStep, shortlist } from "./demand-leads";
import { funnel } from "./funnel";

const TAG = ["供需对接"];

const EXPORT_COLUMNS: ExportColumn<DemandItem>[] = [
  { header: "需求标题", width: 36, value: (d) => d.title },
  { header: "企业名称", width: 32, value: (d) => d.enterpriseName },
  { header: "所属区", width: 12, value: (d) => d.districtName },
  { header: "需求场景", width: 36, value: (d) => d.sceneNames.join("、") },
  {
    header: "预算（万元）",
    width: 12,
    value: (d) => (d.budgetFen === null ? "" : formatFenAsWanYuan(d.budgetFen)),
  },
  { header: "期望开始", width: 12, value: (d) => d.timingStart },
  { header: "期望完成", width: 12, value: (d) => d.timingEnd },
  { header: "来源", width: 14, value: (d) => (d.source === "assessment" ? "评估结果生成" : "企业发布") },
  { header: "状态", width: 10, value: (d) => DEMAND_STATUS_LABELS[d.status] },
  { header: "对接线索数", width: 10, value: (d) => d.leadCount },
  { header: "最远进展", width: 12, value: (d) => (d.furthestLead ? LEAD_STATUS_LABELS[d.furthestLead] : "") },
  { header: "发布时间（北京时间）", width: 20, value: (d) => shanghaiTime(d.createdAt) },
];

export const demandRoutes: FastifyPluginAsyncZod = async (app) => {
  mountRoutes(app, DEMAND_ROUTES, TAG, {
    "GET /api/demands": ({ query }, request) => listDemands(app.db, requireUser(request), query),
    "GET /api/demands/funnel": ({ query }, request) => funnel(app.db, requireUser(request), query),
    "POST /api/demands": createWrite(app.db, createDemand),
    "POST /api/demands/from-assessment": createWrite(app.db, createDemandFromAssessment),
    "GET /api/demands/:id": ({ params }, request) => getDemand(app.db, requireUser(request), params.id),
    "PATCH /api/demands/:id": recordWrite(app.db, updateDemand),
    "GET /api/demands/:id/matches": ({ params, query }, request) =>
      demandMatches(app.db, requireUser(request), params.id, query.limit),
    "POST /api/demands/:id/leads": recordWrite(app.db, shortlist),
    "POST /api/demands/:id/leads/:leadId": ({ params, body }, request) =>
      leadStep(app.db, requireUser(request), actorOf(request), params.id, params.leadId, body),
  });

  // A file, not JSON: the export.
  mountTableExport(app, {
    path: "/export",
    tags: TAG,
    summary: "按筛选条件导出企业需求（市/区）",
    query: DemandListQuery.omit({ page: true, pageSize: true }),
    export: (query) => ({
      filename: "企业需求.xlsx",
      sheet: "企业需求",
      columns: EXPORT_COLUMNS,
      pages: (user) => iterateDemandsForExport(app.db, user, query),
      audit: { action: "demand.export", entityType: "demand" },
    }),
  });
};
