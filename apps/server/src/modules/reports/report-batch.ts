import { REPORT_BATCH_MAX_REPORTS, type ReportBatchJob, type ReportBatchRequest } from "@dxcenter/contracts";
import {
  assessments,
  type Database,
  districts,
  enterprises,
  exportJobFiles,
  exportJobs,
  instruments,
} from "@dxcenter/db";
import type { Actor } from "@dxcenter/domain";
import { and, asc, desc, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { AppError, badRequest, forbidden, notFound } from "../../errors";
import { shanghaiDay } from "../../lib/dates";
import { deflateEntry, type ZipMeta, zipSize, zipStream } from "../../lib/zip-writer";
import { type AuditActor, insertAudited } from "../audit/audit.service";
import { readCondition } from "../enterprises/enterprise.policy";
import type { PdfRenderer } from "./pdf-renderer";
import { loadReportData } from "./report-data";
import { buildReportHtml } from "./report-html";
import { safeFilePart, zipEntryName } from "./report-names";

/** Most reports one batch may hold (contracts: the batch route's summary states it). */
const BATCH_MAX_REPORTS = REPORT_BATCH_MAX_REPORTS;
export const JOB_KIND = "report-zip";
/** A plain (non-ZIP64) archive ends below 4 GiB; ~0.24 MB per report zipped is ~0.5 GB at the cap. */
const ZIP_MAX_BYTES = 4000 * 1024 * 1024;

export type BatchInput = z.output<typeof ReportBatchRequest>;

export interface BatchItem {
  assessmentId: string;
  enterpriseName: string;
  uscc: string;
  districtName: string;
}

export type BatchJobView = ReportBatchJob;

export function assertCanBatch(actor: Actor) {
  if (actor.role !== "city_admin" && actor.role !== "district_admin") throw forbidden("批量导出诊断报告");
}

/**
 * The reports of a batch: for every enterprise in scope (the district, or the whole city for city
 * staff who leave the district out), its latest SUBMITTED assessment of the instrument — self or
 * on-site, whichever was submitted last (any version of the instrument). Ordered by district and
 * enterprise name, as in the zip.
 */
export async function selectBatchItems(
  db: Database,
  actor: Actor,
  districtCode: string | null,
  instrumentId: string,
  limit: number,
): Promise<BatchItem[]> {
  const where: SQL[] = [
    readCondition(actor),
    eq(assessments.instrumentId, instrumentId),
    eq(assessments.status, "submitted"),
  ];
  if (districtCode) where.push(eq(enterprises.districtCode, districtCode));
  const rows = await db
    .selectDistinctOn([assessments.enterpriseId], {
      assessmentId: assessments.id,
      enterpriseName: enterprises.name,
      uscc: enterprises.uscc,
      districtName: districts.name,
      districtSort: districts.sortOrder,
    })
    .from(assessments)
    .innerJoin(enterprises, eq(enterprises.id, assessments.enterpriseId))
    .innerJoin(districts, eq(districts.code, enterprises.districtCode))
    .where(and(...where))
    .orderBy(assessments.enterpriseId, desc(assessments.submittedAt), desc(assessments.id))
    .limit(limit);
  return rows
    .sort(
      (x, y) =>
        x.districtSort - y.districtSort ||
        x.districtName.localeCompare(y.districtName, "zh-CN") ||
        x.enterpriseName.localeCompare(y.enterpriseName, "zh-CN") ||
        x.uscc.localeCompare(y.uscc),
    )
    .map(({ districtSort: _s, ...rest }) => rest);
}

/**
 * Checks the request, selects the reports and records the job (audited in the same transaction).
 * The caller then runs it with runBatch. District staff are held to their own district.
 */
export async function createBatchJob(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  input: BatchInput,
): Promise<{ jobId: string; items: BatchItem[]; districtName: string | null; instrumentName: string }> {
  assertCanBatch(actor);
  let districtCode = input.districtCode ?? null;
  if (actor.role === "district_admin") {
    if (districtCode && districtCode !== actor.districtCode) throw forbidden("导出本区以外企业的诊断报告");
    districtCode = actor.districtCode;
  }
  let districtName: string | null = null;
  if (districtCode) {
    const [d] = await db
      .select({ name: districts.name })
      .from(districts)
      .where(eq(districts.code, districtCode));
    if (!d) throw badRequest(`所属区：代码“${districtCode}”不存在`, "districtCode");
    districtName = d.name;
  }
  const [inst] = await db
    .select({ name: instruments.name })
    .from(instruments)
    .where(eq(instruments.id, input.instrumentId))
    .orderBy(desc(instruments.current))
    .limit(1);
  if (!inst) throw badRequest(`评估量表“${input.instrumentId}”不存在`, "instrumentId");

  const items = await selectBatchItems(db, actor, districtCode, input.instrumentId, BATCH_MAX_REPORTS + 1);
  const scope = districtName ?? "全市";
  if (items.length === 0)
    throw badRequest(`${scope}暂无已提交的“${inst.name}”评估，没有可导出的报告`, "instrumentId");
  if (items.length > BATCH_MAX_REPORTS)
    throw badRequest(
      `${scope}的报告超过 ${BATCH_MAX_REPORTS} 份（一次最多导出 ${BATCH_MAX_REPORTS} 份），请按区分批导出`,
      "districtCode",
    );

  const jobId = await db.transaction(async (tx) => {
    return insertAudited(
      tx,
      auditActor,
      exportJobs,
      {
        kind: JOB_KIND,
        userId: actor.id,
        districtCode,
        params: { instrumentId: input.instrumentId, districtCode },
        status: "queued",
        total: items.length,
      },
      {
        action: "report.batch_create",
        entityType: "export_job",
        districtCode,
        after: { instrumentId: input.instrumentId, districtCode, reports: items.length },
      },
    );
  });
  return { jobId, items, districtName, instrumentName: inst.name };
}

export interface RunOptions {
  /** Set when the app shuts down: the job stops between two reports and is marked failed. */
  shouldStop?: () => boolean;
  now?: () => Date;
}

/**
 * Renders the reports one after another through the shared browser, writes progress to the job
 * row every few reports (so any app node can answer the polling client), then stores the zip.
 */
export async function runBatch(
  db: Database,
  renderer: PdfRenderer,
  actor: Actor,
  job: { jobId: string; items: BatchItem[]; districtName: string | null; instrumentName: string },
  opts: RunOptions = {},
): Promise<void> {
  const { jobId, items } = job;
  const now = opts.now ?? (() => new Date());
  try {
    await db.update(exportJobs).set({ status: "running" }).where(eq(exportJobs.id, jobId));
    let lastWrite = Date.now();
    let bytes = 0;
    for (let i = 0; i < items.length; i++) {
      if (opts.shouldStop?.()) throw new AppError(503, "INTERRUPTED", "服务重启，导出已中断，请重新发起导出");
      const item = items[i]!;
      let pdf: Buffer;
      try {
        // Access is checked again per report with the creator's scope (findRow inside).
        const { data } = await loadReportData(db, actor, item.assessmentId, now());
        pdf = await renderer.pdf(buildReportHtml(data), {
          footerText: `${data.enterprise.name} · “一企一策”数字化转型诊断报告`,
        });
      } catch (e) {
        const why = e instanceof AppError ? e.message : "内部错误";
        throw new AppError(500, "REPORT_FAILED", `生成“${item.enterpriseName}”的报告时出错：${why}`);
      }
      // Each report is deflated and stored as it is made, so memory stays at one report.
      const entry = deflateEntry(zipEntryName(item.districtName, item.enterpriseName, item.uscc), pdf);
      bytes += entry.data.length;
      if (bytes > ZIP_MAX_BYTES)
        throw new AppError(
          413,
          "EXPORT_TOO_LARGE",
          `导出文件过大（超过 ${Math.round(ZIP_MAX_BYTES / 1024 / 1024)} MB），请缩小范围分批导出`,
        );
      await db.insert(exportJobFiles).values({
        jobId,
        seq: i,
        name: entry.name,
        crc32: entry.crc32,
        size: entry.size,
        compressedSize: entry.data.length,
        data: entry.data,
      });
      const done = i + 1;
      if (done === items.length || done % 5 === 0 || Date.now() - lastWrite > 1000) {
        lastWrite = Date.now();
        await db
          .update(exportJobs)
          .set({ done, progress: Math.min(99, Math.floor((done / items.length) * 99)) })
          .where(eq(exportJobs.id, jobId));
      }
    }
    const filename = `一企一策诊断报告-${safeFilePart(job.districtName ?? "全市")}-${safeFilePart(job.instrumentName)}-${shanghaiDay(now())}.zip`;
    await db
      .update(exportJobs)
      .set({ status: "done", progress: 100, done: items.length, filename, finishedAt: new Date() })
      .where(eq(exportJobs.id, jobId));
  } catch (e) {
    const message = e instanceof AppError ? e.message : "导出过程中发生内部错误，请稍后重试";
    await db
      .delete(exportJobFiles)
      .where(eq(exportJobFiles.jobId, jobId))
      .catch(() => undefined);
    await db
      .update(exportJobs)
      .set({ status: "failed", errorMessage: message, finishedAt: new Date() })
      .where(eq(exportJobs.id, jobId))
      .catch(() => undefined);
  }
}

/** A job is visible only to the user who started it (anyone else: 404). */
export async function getBatchJob(db: Database, actor: Actor, id: string) {
  assertCanBatch(actor);
  const [job] = await db
    .select({
      id: exportJobs.id,
      status: exportJobs.status,
      progress: exportJobs.progress,
      total: exportJobs.total,
      done: exportJobs.done,
      errorMessage: exportJobs.errorMessage,
      filename: exportJobs.filename,
      districtCode: exportJobs.districtCode,
      params: exportJobs.params,
      createdAt: exportJobs.createdAt,
      finishedAt: exportJobs.finishedAt,
    })
    .from(exportJobs)
    .where(and(eq(exportJobs.id, id), eq(exportJobs.userId, actor.id), eq(exportJobs.kind, JOB_KIND)));
  if (!job) throw notFound("导出任务");
  // A job whose node went away (crash, kill -9) would poll forever: past a generous deadline
  // (10 s per report + 10 min) it is reported as interrupted.
  const deadline = job.createdAt.getTime() + job.total * 10_000 + 10 * 60_000;
  if ((job.status === "queued" || job.status === "running") && Date.now() > deadline) {
    job.status = "failed";
    job.errorMessage = "导出任务已中断（服务曾重启），请重新发起导出";
    await db
      .update(exportJobs)
      .set({ status: job.status, errorMessage: job.errorMessage, finishedAt: new Date() })
      .where(and(eq(exportJobs.id, job.id), inArray(exportJobs.status, ["queued", "running"])));
  }
  const view: BatchJobView = {
    id: job.id,
    status: job.status as BatchJobView["status"],
    progress: job.progress,
    total: job.total,
    done: job.done,
    errorMessage: job.errorMessage,
    filename: job.filename,
    districtCode: job.districtCode,
    instrumentId: (job.params as { instrumentId?: string }).instrumentId ?? "",
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
  return view;
}

/**
 * The finished zip of the caller's own job, as a stream with its exact size: the entries' metadata
 * is read first, their bytes 16 rows at a time while the client downloads.
 */
export async function readBatchZip(db: Database, actor: Actor, id: string) {
  const view = await getBatchJob(db, actor, id);
  if (view.status !== "done")
    throw new AppError(
      409,
      "EXPORT_NOT_READY",
      view.status === "failed" ? `该导出任务失败：${view.errorMessage ?? ""}` : "报告仍在生成中，请稍后下载",
    );
  const entries: ZipMeta[] = await db
    .select({
      name: exportJobFiles.name,
      crc32: exportJobFiles.crc32,
      size: exportJobFiles.size,
      compressedSize: exportJobFiles.compressedSize,
    })
    .from(exportJobFiles)
    .where(eq(exportJobFiles.jobId, id))
    .orderBy(asc(exportJobFiles.seq));
  if (entries.length !== view.total) throw notFound("导出文件");
  const read = async (from: number, to: number) =>
    (
      await db
        .select({ data: exportJobFiles.data })
        .from(exportJobFiles)
        .where(and(eq(exportJobFiles.jobId, id), gte(exportJobFiles.seq, from), lt(exportJobFiles.seq, to)))
        .orderBy(asc(exportJobFiles.seq))
    ).map((r) => r.data);
  const modified = new Date((view.finishedAt ? Date.parse(view.finishedAt) : Date.now()) + 8 * 3_600_000);
  return { view, size: zipSize(entries), stream: () => zipStream(entries, read, { modified }) };
}
