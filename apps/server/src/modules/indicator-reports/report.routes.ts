import {
  errorResponses,
  INDICATOR_REPORT_ROUTES,
  type ReportItem,
  ReportListQuery,
  ReportTemplateQuery,
  ReportUploadQuery,
  ReportUploadResult,
} from "@dxcenter/contracts";
import { REPORT_STATE_LABELS } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { forbidden } from "../../errors";
import { mountRoutes } from "../../lib/contract-routes";
import { readUpload } from "../../lib/file-transfer";
import { allPages } from "../../lib/pages";
import type { JobOutcome } from "../../lib/scheduler";
import { mountTableExport } from "../../lib/table-export";
import { sendXlsx, shanghaiTime } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf, recordAudit } from "../audit/audit.service";
import { SCHEDULER_ACTOR } from "../jobs/housekeeping";
import { assertReports, getReport, listReports } from "./report.queries";
import { reportTemplate, templateTasks, UPLOAD_MAX_BYTES, uploadReports } from "./report-excel";
import { fillReport, reviewReport } from "./report-steps";
import { generateReportTasks } from "./report-tasks";

/**
 * 指标填报: INDICATOR_REPORT_ROUTES (contracts/indicator-report-routes.ts), the Excel template and its
 * upload, the list export and the daily job that makes the period's tasks. app.ts registers only this.
 */
const TAG = ["监测分析预警"];
const ExportQuery = ReportListQuery.omit({ page: true, pageSize: true });

export const indicatorReportRoutes: FastifyPluginAsyncZod = async (app) => {
  mountRoutes(app, INDICATOR_REPORT_ROUTES, TAG, {
    "GET /api/indicator-reports": ({ query }, request) => listReports(app.db, requireUser(request), query),
    "GET /api/indicator-reports/:id": ({ params }, request) =>
      getReport(app.db, requireUser(request), params.id),
    "POST /api/indicator-reports/generate": ({ body }, request) => {
      if (requireUser(request).role !== "city_admin") throw forbidden("生成填报任务");
      return generateReportTasks(app.db, actorOf(request), body.month ? { month: body.month } : {});
    },
    "POST /api/indicator-reports/:id/save": ({ params, body }, request) =>
      fillReport(
        app.db,
        requireUser(request),
        actorOf(request),
        params.id,
        { value: body.value, note: body.note || null, version: body.version },
        false,
      ),
    "POST /api/indicator-reports/:id/submit": ({ params, body }, request) =>
      fillReport(
        app.db,
        requireUser(request),
        actorOf(request),
        params.id,
        { value: body.value, note: body.note || null, version: body.version },
        true,
      ),
    "POST /api/indicator-reports/:id/approve": ({ params, body }, request) =>
      reviewReport(app.db, requireUser(request), actorOf(request), params.id, "approve", body),
    "POST /api/indicator-reports/:id/return": ({ params, body }, request) =>
      reviewReport(app.db, requireUser(request), actorOf(request), params.id, "return", body),
  });

  app.get(
    "/indicator-reports/template",
    {
      schema: {
        tags: TAG,
        summary: "下载填报模板（本人待填报的任务，一行一个；可按统计期筛选）",
        querystring: ReportTemplateQuery,
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      assertReports(user);
      const tasks = await templateTasks(app.db, user, request.query.period);
      const buf = await reportTemplate(tasks);
      await recordAudit(app.db, actorOf(request), {
        action: "indicator_report.template",
        entityType: "indicator_report",
        after: { period: request.query.period ?? null, rows: tasks.length },
      });
      return sendXlsx(
        reply,
        `指标填报模板${request.query.period ? `-${request.query.period}` : ""}.xlsx`,
      ).send(buf);
    },
  );

  app.post(
    "/indicator-reports/upload",
    {
      schema: {
        tags: TAG,
        summary: "上传填报模板（multipart 字段 file，不超过 1 MB；逐行校验，通过的行保存为草稿或提交）",
        consumes: ["multipart/form-data"],
        querystring: ReportUploadQuery,
        response: { 200: ReportUploadResult, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      assertReports(user);
      const file = await readUpload(request, {
        maxBytes: UPLOAD_MAX_BYTES,
        missing: "请选择要上传的填报模板",
        tooLarge: "填报模板不能超过 1 MB",
      });
      return uploadReports(app.db, user, actorOf(request), file, request.query.submit === true);
    },
  );

  mountTableExport<typeof ExportQuery, ReportItem>(app, {
    path: "/indicator-reports/export",
    tags: TAG,
    summary: "导出填报任务列表（xlsx，按当前筛选）",
    query: ExportQuery,
    export: (query, request) => {
      assertReports(requireUser(request));
      return {
        filename: "指标填报任务.xlsx",
        sheet: "填报任务",
        columns: [
          { header: "指标", width: 30, value: (r) => r.indicatorName },
          { header: "统计期", width: 10, value: (r) => r.period },
          { header: "填报范围", width: 12, value: (r) => r.scopeName },
          { header: "填报单位", width: 20, value: (r) => r.ownerName },
          { header: "单位", width: 8, value: (r) => r.unit },
          { header: "填报值", width: 12, value: (r) => r.value },
          { header: "上期审核值", width: 12, value: (r) => r.lastValue },
          { header: "说明", width: 30, value: (r) => r.note },
          { header: "状态", width: 10, value: (r) => REPORT_STATE_LABELS[r.status] },
          { header: "逾期", width: 6, value: (r) => (r.overdue ? "是" : "否") },
          { header: "截止日期", width: 12, value: (r) => r.dueDate },
          { header: "提交时间", width: 20, value: (r) => shanghaiTime(r.submittedAt) },
          { header: "审核时间", width: 20, value: (r) => shanghaiTime(r.reviewedAt) },
          { header: "退回原因", width: 30, value: (r) => r.returnReason },
        ],
        pages: (user) =>
          allPages((page, pageSize) => listReports(app.db, user, { ...query, page, pageSize }), 200),
        audit: { action: "indicator_report.export", entityType: "indicator_report" },
      };
    },
  });

  app.scheduler.register({
    name: "generate-indicator-reports",
    label: "生成指标填报任务",
    schedule: { kind: "daily", at: "01:30" },
    run: async (): Promise<JobOutcome> => {
      const r = await generateReportTasks(app.db, SCHEDULER_ACTOR);
      return {
        message: `截至 ${r.month}：新生成 ${r.created} 项填报任务，已有 ${r.existing} 项`,
        summary: { created: r.created, existing: r.existing },
      };
    },
  });
};
