import { Readable } from "node:stream";
import { errorResponses, IdParam, REPORT_ROUTES } from "@dxcenter/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { mountRoutes } from "../../lib/contract-routes";
import { requireUser } from "../../plugins/auth";
import { actorOf, recordAudit } from "../audit/audit.service";
import { PdfRenderer } from "./pdf-renderer";
import { createBatchJob, getBatchJob, readBatchZip, runBatch } from "./report-batch";
import { loadReportData } from "./report-data";
import { buildReportHtml } from "./report-html";
import { attachmentHeader, reportPdfFilename } from "./report-names";

const TAG = ["评估诊断"];

/** The report page may show only itself: no script, no request to anywhere. */
const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

interface Shared {
  renderer: PdfRenderer;
  start(run: () => Promise<void>): void;
  shouldStop(): boolean;
}

/** GET /api/assessments/:id/report(.pdf): who may read the assessment may read its report. */
const assessmentReportRoutes: FastifyPluginAsyncZod<Shared> = async (app, { renderer }) => {
  app.get(
    "/:id/report",
    {
      schema: {
        tags: TAG,
        summary: "“一企一策”诊断报告（HTML，自包含；仅已提交的评估）",
        params: IdParam,
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const t0 = performance.now();
      const { data } = await loadReportData(app.db, requireUser(request), request.params.id);
      const t1 = performance.now();
      const html = buildReportHtml(data);
      const t2 = performance.now();
      return reply
        .type("text/html; charset=utf-8")
        .header("content-security-policy", REPORT_CSP)
        .header("server-timing", `data;dur=${(t1 - t0).toFixed(1)}, html;dur=${(t2 - t1).toFixed(1)}`)
        .send(html);
    },
  );

  app.get(
    "/:id/report.pdf",
    {
      schema: {
        tags: TAG,
        summary: "下载“一企一策”诊断报告 PDF（A4；仅已提交的评估；下载记入审计日志）",
        params: IdParam,
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const t0 = performance.now();
      const { row, data } = await loadReportData(app.db, user, request.params.id);
      const t1 = performance.now();
      const html = buildReportHtml(data);
      const t2 = performance.now();
      const pdf = await renderer.pdf(html, {
        footerText: `${data.enterprise.name} · “一企一策”数字化转型诊断报告`,
      });
      const t3 = performance.now();
      await recordAudit(app.db, actorOf(request), {
        action: "assessment.report",
        entityType: "assessment",
        entityId: data.assessmentId,
        districtCode: row.districtCode,
        after: { format: "pdf", bytes: pdf.length },
      });
      return reply
        .type("application/pdf")
        .header(
          "content-disposition",
          attachmentHeader(reportPdfFilename(data.enterprise.name, data.submittedAt), "report.pdf"),
        )
        .header(
          "server-timing",
          `data;dur=${(t1 - t0).toFixed(1)}, html;dur=${(t2 - t1).toFixed(1)}, pdf;dur=${(t3 - t2).toFixed(1)}`,
        )
        .send(pdf);
    },
  );
};

/** /api/reports/batch: a district's reports as one zip, built in the background. */
const batchRoutes: FastifyPluginAsyncZod<Shared> = async (app, { renderer, start, shouldStop }) => {
  // The JSON routes: the contract map REPORT_ROUTES (the same map the web's BatchReportModal calls).
  mountRoutes(app, REPORT_ROUTES, TAG, {
    "POST /api/reports/batch": async ({ body }, request) => {
      const user = requireUser(request);
      const job = await createBatchJob(app.db, user, actorOf(request), body);
      start(() => runBatch(app.db, renderer, user, job, { shouldStop }));
      return { id: job.jobId };
    },
    "GET /api/reports/batch/:id": ({ params }, request) =>
      getBatchJob(app.db, requireUser(request), params.id),
  });

  // A file, not JSON: the finished zip.
  app.get(
    "/batch/:id/download",
    {
      schema: {
        tags: TAG,
        summary: "下载批量导出的报告 zip（仅发起人；任务完成后）",
        params: IdParam,
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { view, size, stream } = await readBatchZip(app.db, user, request.params.id);
      await recordAudit(app.db, actorOf(request), {
        action: "report.batch_download",
        entityType: "export_job",
        entityId: view.id,
        districtCode: view.districtCode,
        after: { reports: view.total, bytes: size },
      });
      return reply
        .type("application/zip")
        .header("content-length", size)
        .header("content-disposition", attachmentHeader(view.filename ?? "reports.zip", "reports.zip"))
        .send(Readable.from(stream()));
    },
  );
};

/**
 * The report routes with their shared PDF renderer (one Chromium per app, launched on first use).
 * On shutdown, running batch jobs stop between two reports and are marked failed, then the browser
 * is closed.
 */
export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const renderer = new PdfRenderer(app.config.chromiumPath);
  const running = new Set<Promise<void>>();
  let stopping = false;
  app.addHook("onClose", async () => {
    stopping = true;
    await Promise.allSettled([...running]);
    await renderer.close();
  });
  const shared: Shared = {
    renderer,
    start: (run) => {
      const p = run().finally(() => running.delete(p));
      running.add(p);
    },
    shouldStop: () => stopping,
  };
  await app.register(assessmentReportRoutes, { prefix: "/assessments", ...shared });
  await app.register(batchRoutes, { prefix: "/reports", ...shared });
};
