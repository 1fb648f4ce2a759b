import {
  DIAGNOSIS_ROUTES,
  type DiagnosisItem,
  DiagnosisListQuery,
  type DiagnosisPlan,
  PlanListQuery,
} from "@dxcenter/contracts";
import { DIAGNOSIS_STATUS_LABELS } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { mountRoutes } from "../../lib/contract-routes";
import { listPages } from "../../lib/pages";
import { createWrite, recordWrite } from "../../lib/route-writes";
import { type ExportColumn, mountTableExport } from "../../lib/table-export";
import { shanghaiTime } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { listDiagnoses } from "./diagnosis.queries";
import {
  cancelDiagnosis,
  closeDiagnosis,
  requestDiagnosis,
  scheduleDiagnosis,
  startOnsite,
} from "./diagnosis.workflow";
import { getDiagnosis } from "./diagnosis-detail";
import { assignTeam, listAssignees } from "./diagnosis-team";
import { createPlan, listPlans, updatePlan } from "./plan.service";

const TAG = ["诊断服务"];
const SOURCE_LABELS = { enterprise: "企业申请", district: "区工信部门", city: "市工信局" } as const;

const DIAGNOSIS_COLUMNS: ExportColumn<DiagnosisItem>[] = [
  { header: "企业名称", width: 36, value: (d) => d.enterpriseName },
  { header: "所属区", width: 12, value: (d) => d.districtName },
  { header: "状态", width: 12, value: (d) => DIAGNOSIS_STATUS_LABELS[d.status] },
  { header: "逾期", width: 8, value: (d) => (d.overdue ? "逾期" : "") },
  { header: "来源", width: 12, value: (d) => SOURCE_LABELS[d.source] },
  { header: "诊断计划", width: 28, value: (d) => d.planName },
  { header: "走访日期", width: 12, value: (d) => d.visitDate },
  {
    header: "诊断团队",
    width: 48,
    value: (d) =>
      d.team
        .map(
          (m) => `${m.displayName}${m.organization ? `（${m.organization}）` : ""}${m.lead ? "[组长]" : ""}`,
        )
        .join("、"),
  },
  { header: "评估量表", width: 36, value: (d) => d.instrumentName },
  { header: "需求说明", width: 40, value: (d) => d.requestNote },
  { header: "申请时间（北京时间）", width: 20, value: (d) => shanghaiTime(d.requestedAt) },
  { header: "现场评定提交时间", width: 20, value: (d) => shanghaiTime(d.visitedAt) },
  { header: "办结时间", width: 20, value: (d) => shanghaiTime(d.closedAt) },
];

const PLAN_COLUMNS: ExportColumn<DiagnosisPlan>[] = [
  { header: "计划名称", width: 32, value: (p) => p.name },
  { header: "所属区", width: 12, value: (p) => p.districtName },
  { header: "开始日期", width: 12, value: (p) => p.startDate },
  { header: "结束日期", width: 12, value: (p) => p.endDate },
  { header: "纳入企业数", width: 12, value: (p) => p.total },
  { header: "已完成现场评定", width: 14, value: (p) => p.visited },
  { header: "已办结", width: 10, value: (p) => p.closed },
  { header: "逾期未走访", width: 12, value: (p) => p.overdue },
  {
    header: "完成率",
    width: 10,
    value: (p) => (p.total ? `${Math.round((p.visited / p.total) * 100)}%` : "—"),
  },
  { header: "备注", width: 40, value: (p) => p.note },
];

/**
 * 诊断服务. The JSON routes are the contract map DIAGNOSIS_ROUTES (the same map the web's
 * api/diagnoses.ts calls), one handler per key; the two xlsx exports stay plain routes.
 */
export const diagnosisRoutes: FastifyPluginAsyncZod = async (app) => {
  mountRoutes(app, DIAGNOSIS_ROUTES, TAG, {
    "GET /api/diagnoses": ({ query }, request) => listDiagnoses(app.db, requireUser(request), query),
    "POST /api/diagnoses": createWrite(app.db, requestDiagnosis),
    "GET /api/diagnoses/assignees": ({ query }, request) =>
      listAssignees(app.db, requireUser(request), query),
    "GET /api/diagnoses/plans": ({ query }, request) => listPlans(app.db, requireUser(request), query),
    "POST /api/diagnoses/plans": createWrite(app.db, createPlan),
    "PATCH /api/diagnoses/plans/:id": recordWrite(app.db, updatePlan),
    "GET /api/diagnoses/:id": ({ params }, request) => getDiagnosis(app.db, requireUser(request), params.id),
    "POST /api/diagnoses/:id/schedule": recordWrite(app.db, scheduleDiagnosis),
    "PUT /api/diagnoses/:id/team": recordWrite(app.db, assignTeam),
    "POST /api/diagnoses/:id/start": ({ params, body }, request) =>
      startOnsite(app.db, requireUser(request), actorOf(request), params.id, body.version),
    "POST /api/diagnoses/:id/close": recordWrite(app.db, closeDiagnosis),
    "POST /api/diagnoses/:id/cancel": recordWrite(app.db, cancelDiagnosis),
  });

  // Files, not JSON: the two xlsx exports.

  mountTableExport(app, {
    path: "/export",
    tags: TAG,
    summary: "按筛选条件导出诊断服务单",
    query: DiagnosisListQuery.omit({ page: true, pageSize: true }),
    export: (query) => ({
      filename: "诊断服务单.xlsx",
      sheet: "诊断服务单",
      columns: DIAGNOSIS_COLUMNS,
      pages: (user) => listPages(listDiagnoses, app.db, user, query),
      audit: { action: "diagnosis.export", entityType: "diagnosis" },
    }),
  });

  mountTableExport(app, {
    path: "/plans/export",
    tags: TAG,
    summary: "导出诊断计划及进度",
    query: PlanListQuery.omit({ page: true, pageSize: true }),
    export: (query) => ({
      filename: "诊断计划.xlsx",
      sheet: "诊断计划",
      columns: PLAN_COLUMNS,
      pages: (user) => listPages(listPlans, app.db, user, query, 200),
      audit: { action: "diagnosis_plan.export", entityType: "diagnosis_plan" },
    }),
  });
};
