import {
  BRIEFING_ROUTES,
  type BriefingItem,
  BriefingListQuery,
  errorResponses,
  IdParam,
} from "@dxcenter/contracts";
import { lastClosedPeriod } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../errors";
import { mountRoutes } from "../../lib/contract-routes";
import { shanghaiToday } from "../../lib/dates";
import { listPages } from "../../lib/pages";
import type { JobOutcome } from "../../lib/scheduler";
import { mountTableExport } from "../../lib/table-export";
import { shanghaiTime } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf, recordAudit } from "../audit/audit.service";
import { SCHEDULER_ACTOR } from "../jobs/housekeeping";
import { PdfRenderer } from "../reports/pdf-renderer";
import { attachmentHeader, safeFilePart } from "../reports/report-names";
import {
  assertBriefing,
  type BriefingFormat,
  briefingFile,
  briefingPeriods,
  generateBriefing,
  getBriefing,
  listBriefings,
} from "./briefing.service";
import { briefingTitle } from "./briefing-model";

const TAG = ["监测分析预警"];
const BriefingExportQuery = BriefingListQuery.omit({ page: true, pageSize: true });

/** The briefing page may show only itself (the same policy as the "一企一策" report page). */
const BRIEFING_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

const STATUS_TEXT = { generating: "生成中", issued: "已印发", failed: "生成失败" } as const;

/**
 * 月度工作简报: BRIEFING_ROUTES (contracts/briefing-routes.ts), the three issued files, the list
 * export and the monthly job (1st of the month 03:00 Beijing time, after the 02:00 closing; it does
 * nothing when the month already has an issued version). Its own PDF renderer (one lazily launched
 * Chromium page, concurrency 1): briefings are few and the report module's renderer is private to it.
 */
export const briefingRoutes: FastifyPluginAsyncZod = async (app) => {
  const renderer = new PdfRenderer(app.config.chromiumPath, 1);
  app.addHook("onClose", async () => renderer.close());

  mountRoutes(app, BRIEFING_ROUTES, TAG, {
    "GET /api/briefings": ({ query }, request) => listBriefings(app.db, requireUser(request), query),
    "GET /api/briefings/periods": (_input, request) => briefingPeriods(app.db, requireUser(request)),
    "GET /api/briefings/:id": ({ params }, request) => getBriefing(app.db, requireUser(request), params.id),
    "POST /api/briefings": async ({ body }, request) => {
      assertBriefing(requireUser(request), "generate");
      const item = await generateBriefing(app.db, renderer, actorOf(request), body.period, {
        trigger: "manual",
      });
      if (!item) throw new AppError(500, "REPORT_FAILED", "简报未生成");
      return item;
    },
  });

  mountTableExport<typeof BriefingExportQuery, BriefingItem>(app, {
    path: "/briefings/export",
    tags: TAG,
    summary: "导出月度工作简报列表（xlsx，按当前筛选）",
    query: BriefingExportQuery,
    export: (query) => ({
      filename: "月度工作简报.xlsx",
      sheet: "月度工作简报",
      columns: [
        { header: "统计月份", width: 12, value: (b) => b.period },
        { header: "版本", width: 8, value: (b) => b.version },
        { header: "状态", width: 10, value: (b) => STATUS_TEXT[b.status] },
        { header: "最新版", width: 8, value: (b) => (b.latest ? "是" : "") },
        { header: "生成方式", width: 10, value: (b) => (b.trigger === "scheduled" ? "定时任务" : "手动") },
        { header: "生成人", width: 14, value: (b) => b.generatedByName ?? "定时任务" },
        { header: "印发时间", width: 20, value: (b) => shanghaiTime(b.generatedAt) },
        { header: "PDF SHA-256", width: 66, value: (b) => b.sha256 },
      ],
      pages: (user) => listPages(listBriefings, app.db, user, query, 200),
      audit: { action: "briefing.export", entityType: "briefing" },
    }),
  });

  const CONTENT: Record<BriefingFormat, string> = {
    html: "text/html; charset=utf-8",
    pdf: "application/pdf",
    xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  };
  const SUMMARY: Record<BriefingFormat, string> = {
    html: "月度工作简报（HTML，自包含，与 PDF 同一文档；按印发原样）",
    pdf: "下载月度工作简报 PDF（按印发原样；下载记入审计日志）",
    xlsx: "下载月度工作简报数据 xlsx（按印发原样；下载记入审计日志）",
  };
  for (const format of ["html", "pdf", "xlsx"] as const) {
    app.get(
      `/briefings/:id/${format}`,
      {
        schema: {
          tags: TAG,
          summary: SUMMARY[format],
          params: IdParam,
          response: { 200: z.any(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const f = await briefingFile(app.db, user, request.params.id, format);
        if (format === "html")
          return reply.type(CONTENT.html).header("content-security-policy", BRIEFING_CSP).send(f.html);
        await recordAudit(app.db, actorOf(request), {
          action: "briefing.download",
          entityType: "briefing",
          entityId: f.id,
          districtCode: user.districtCode,
          after: { period: f.period, version: f.version, format, sha256: f.sha256 },
        });
        const name = `${safeFilePart(briefingTitle(f.period))}-第${f.version}版${format === "xlsx" ? "-数据" : ""}.${format}`;
        return reply
          .type(CONTENT[format])
          .header(
            "content-disposition",
            attachmentHeader(name, `briefing-${f.period}-v${f.version}.${format}`),
          )
          .send(format === "pdf" ? f.pdf : f.xlsx);
      },
    );
  }

  app.scheduler.register({
    name: "generate-monthly-briefing",
    label: "生成月度工作简报",
    schedule: { kind: "monthly", day: 1, at: "03:00" },
    run: async (): Promise<JobOutcome> => {
      const period = lastClosedPeriod(shanghaiToday(), "monthly");
      try {
        const item = await generateBriefing(app.db, renderer, SCHEDULER_ACTOR, period, {
          trigger: "scheduled",
          onlyIfNone: true,
        });
        return item
          ? {
              message: `${period} 简报已生成（第${item.version}版）`,
              summary: { generated: 1, version: item.version },
            }
          : { result: "skipped", message: `${period} 已有印发的简报，未重新生成`, summary: { generated: 0 } };
      } catch (e) {
        if (e instanceof AppError && e.status === 400)
          return { result: "skipped", message: e.message, summary: { generated: 0 } };
        throw e;
      }
    },
  });
};
