import type { ImportJob } from "@dxcenter/contracts";
import { type Database, districts, type Executor, importJobs, industries } from "@dxcenter/db";
import { type Actor, canCreateEnterpriseIn } from "@dxcenter/domain";
import { and, eq, inArray, lt } from "drizzle-orm";
import { AppError, notFound } from "../../errors";
import { assertSafeXlsx, DEFAULT_XLSX_LIMITS } from "../../lib/xlsx-guard";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { assertCanImport } from "./enterprise.policy";
import * as repo from "./enterprise.repository";

import { buildReport, parseRow, type RefLookup } from "./enterprise-excel";
import { IMPORT_LEASE_MS, importQueue } from "./import-queue";
import { ErrorLog, own, type RowError, readRows } from "./import-rows";
import { outsideScope, upsertBatch, type Valid } from "./import-upsert";

export { IMPORT_LEASE_MS, ImportQueue, importQueue } from "./import-queue";
export { MAX_REPORT_ERRORS } from "./import-rows";

const BATCH = 500;
const ERROR_SAMPLE = 50;
/**
 * Up to this many valid rows are written in one transaction, so a small import is all-or-nothing
 * even when its node dies. Bigger ones commit 500-row batches (long transactions would block other
 * work, on PGlite everything); a failure leaves the committed batches, and the message says so.
 */
const SINGLE_TX_ROWS = 5000;
const SYSTEM: AuditActor = { id: null, name: "system", role: null, ip: null };

class ImportTakenOver extends Error {}

export interface ImportOptions {
  maxRows: number;
  /** Called after each committed batch (tests and benchmarks). */
  onProgress?: (job: { progress: number; rowsRead: number }) => void;
}

export async function loadRefLookup(db: Executor): Promise<RefLookup> {
  const ds = await db.select().from(districts);
  const is = await db.select().from(industries);
  return {
    districtByName: new Map(ds.map((d) => [d.name, { code: d.code, status: d.status }])),
    districtCodes: new Map(ds.map((d) => [d.code, { name: d.name, status: d.status }])),
    industryByName: new Map(is.map((i) => [i.name, i.code])),
    industryCodes: new Map(is.map((i) => [i.code, i.name])),
  };
}

/**
 * Starts an import: checks the file synchronously (so a non-xlsx, a zip bomb or a workbook over
 * the shared-strings/cell limits is refused at once, with nothing written), records the job and
 * processes it in the background — at once, or "queued" behind this node's running imports.
 * Progress is stored on the job row, which the client polls.
 */
export async function startImport(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  file: { filename: string; data: Buffer },
  opts: ImportOptions,
): Promise<{ job: ImportJob; done: Promise<void> }> {
  assertCanImport(actor);
  if (!/\.xlsx$/i.test(file.filename)) {
    throw new AppError(400, "INVALID_FILE", "只接受 .xlsx 格式的 Excel 文件，请使用下载的模板", "file");
  }
  const queue = importQueue(db);
  const busy = () =>
    new AppError(
      429,
      "IMPORT_BUSY",
      `导入任务较多：每个服务节点最多同时处理 ${queue.maxRunning} 个导入、排队 ${queue.maxQueued} 个，请稍后再试`,
      "file",
    );
  if (!queue.hasRoom()) throw busy();
  await assertSafeXlsx(file.data, {
    ...DEFAULT_XLSX_LIMITS,
    // Every row has at most one cell per template column (plus a few stray ones).
    maxCells: Math.max(DEFAULT_XLSX_LIMITS.maxCells, (opts.maxRows + 1) * 40),
  });
  if (!queue.hasRoom()) throw busy();
  const startsNow = queue.tryStart();
  let job: typeof importJobs.$inferSelect;
  try {
    [job] = (await db
      .insert(importJobs)
      .values({
        kind: "enterprises",
        userId: actor.id,
        filename: file.filename.slice(0, 200),
        status: startsNow ? "running" : "queued",
      })
      .returning()) as [typeof importJobs.$inferSelect];
  } catch (e) {
    if (startsNow) queue.release();
    throw e;
  }
  const jobId = job.id;
  const run = async () => {
    if (!startsNow) {
      await queue.wait(jobId);
      const started = await db
        .update(importJobs)
        .set({ status: "running", heartbeatAt: new Date() })
        .where(and(eq(importJobs.id, jobId), eq(importJobs.status, "queued")))
        .returning({ id: importJobs.id });
      if (started.length === 0) throw new ImportTakenOver("该导入任务已被判定中断，本次执行停止");
    }
    const lease = keepLease(db, jobId);
    try {
      await runImport(db, actor, auditActor, jobId, file, {
        ...opts,
        onProgress: (p) => {
          lease.touch();
          opts.onProgress?.(p);
        },
      });
    } finally {
      lease.stop();
    }
  };
  const done = run()
    .catch(async (e: unknown) => {
      if (e instanceof ImportTakenOver) return;
      const [cur] = await db.select().from(importJobs).where(eq(importJobs.id, jobId));
      const written = cur ? cur.created + cur.updated : 0;
      const kept = written
        ? `已提交的 ${written} 家企业（新增 ${cur!.created}、更新 ${cur!.updated}）保留，重新导入同一文件即可补全（不会重复创建）`
        : "未写入任何数据";
      const message =
        e instanceof AppError ? e.message : `导入过程中发生内部错误，${kept}，请重试或联系管理员`;
      // Only while it is still ours: a job taken over keeps the takeover message.
      await db
        .update(importJobs)
        .set({ status: "failed", errorMessage: message, finishedAt: new Date() })
        .where(and(eq(importJobs.id, jobId), inArray(importJobs.status, ["queued", "running"])));
    })
    .finally(() => queue.release());
  return { job: toJob(job), done };
}

/** Writes progress and renews the lease, only while the job is still running as ours. */
async function renewLease(db: Executor, jobId: string, set: Partial<typeof importJobs.$inferInsert>) {
  const updated = await db
    .update(importJobs)
    .set({ ...set, heartbeatAt: new Date() })
    .where(and(eq(importJobs.id, jobId), eq(importJobs.status, "running")))
    .returning({ id: importJobs.id });
  if (updated.length === 0) throw new ImportTakenOver("该导入任务已被判定中断，本次执行停止");
}

/** A running import that has not advanced (2,000 rows read or a batch written) for this long is stuck. */
export const IMPORT_STALL_MS = 10 * 60_000;

/**
 * Renews a running job's lease every quarter lease while its node is alive, also through the long
 * stretches without a batch (reading the shared strings, a slow first chunk, the report) — but not
 * once the job has made no progress for IMPORT_STALL_MS: a stuck parser then lets the lease expire,
 * the job is reported failed, and its next batch (if any) stops as taken over.
 */
function keepLease(db: Database, jobId: string) {
  let last = Date.now();
  const timer = setInterval(() => {
    if (Date.now() - last > IMPORT_STALL_MS) return;
    void db
      .update(importJobs)
      .set({ heartbeatAt: new Date() })
      .where(and(eq(importJobs.id, jobId), eq(importJobs.status, "running")))
      .catch(() => undefined);
  }, IMPORT_LEASE_MS / 4).unref();
  return {
    touch: () => {
      last = Date.now();
    },
    stop: () => clearInterval(timer),
  };
}

/**
 * Marks queued/running import jobs whose lease has expired (their node died: a restart, kill -9,
 * out of memory) as failed, with a message saying what was written, and audits each. Called when a
 * node starts and whenever a job is polled, so no job stays "running" forever. With `jobId`, only
 * that job is looked at.
 */
export async function expireStaleImports(
  db: Database,
  opts: { jobId?: string; now?: Date; auditActor?: AuditActor } = {},
): Promise<number> {
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - IMPORT_LEASE_MS);
  const stale = await db
    .select()
    .from(importJobs)
    .where(
      and(
        inArray(importJobs.status, ["queued", "running"]),
        lt(importJobs.heartbeatAt, cutoff),
        opts.jobId ? eq(importJobs.id, opts.jobId) : undefined,
      ),
    );
  let n = 0;
  for (const job of stale) {
    const minutes = Math.floor((now.getTime() - job.heartbeatAt.getTime()) / 60_000);
    const written = job.created + job.updated;
    const kept = written
      ? `中断前已提交的 ${written} 家企业（新增 ${job.created}、更新 ${job.updated}）保留，重新导入同一文件即可补全（不会重复创建）`
      : "未写入任何数据，请重新导入";
    const message = `导入中断：处理该任务的服务节点已停止（${minutes} 分钟未更新进度，租约 ${IMPORT_LEASE_MS / 60_000} 分钟已过期）。${kept}`;
    await db.transaction(async (tx) => {
      // Conditional on the heartbeat we read: a job renewed meanwhile is alive and left alone.
      const done = await tx
        .update(importJobs)
        .set({ status: "failed", errorMessage: message, finishedAt: now })
        .where(
          and(
            eq(importJobs.id, job.id),
            inArray(importJobs.status, ["queued", "running"]),
            lt(importJobs.heartbeatAt, cutoff),
          ),
        )
        .returning({ id: importJobs.id });
      if (done.length === 0) return;
      n++;
      await recordAudit(tx, opts.auditActor ?? SYSTEM, {
        action: "enterprise.import_interrupted",
        entityType: "import_job",
        entityId: job.id,
        districtCode: null,
        before: {
          status: job.status,
          heartbeatAt: job.heartbeatAt.toISOString(),
          rowsRead: job.rowsRead,
          created: job.created,
          updated: job.updated,
        },
        after: { status: "failed", errorMessage: message },
      });
    });
  }
  return n;
}

/**
 * Runs the import in two streamed passes over the upload, keeping per row only what it must:
 * pass 1 validates every row (zod schema, district rights, duplicates, codes registered outside
 * the user's districts — read in 1,000-row chunks) and remembers the codes seen and the rejected
 * row numbers, writing nothing; pass 2 reads the file again and writes the valid rows 500 at a
 * time. Memory is thus bounded by the batch, the shared-strings table (limited by the guard), the
 * USCC set and the capped error log — not by the number of rows.
 */
async function runImport(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  jobId: string,
  file: { filename: string; data: Buffer },
  opts: ImportOptions,
) {
  const ref = await loadRefLookup(db);
  const errors = new ErrorLog();
  const seen = new Map<string, number>();
  const counts = { rowsRead: 0, created: 0, updated: 0, unchanged: 0 };
  const outsideError = (row: number, uscc: string, name: string): RowError => ({
    row,
    uscc,
    name,
    field: "统一社会信用代码",
    message: "该代码对应的企业已登记在您管辖范围以外，无权修改",
  });

  // Pass 1: progress 0–40 % by bytes read.
  let bytes = 0;
  let lastReport = 0;
  let toWrite = 0;
  let chunk: { row: number; uscc: string; name: string }[] = [];
  const checkChunk = async () => {
    for (const o of await outsideScope(db, actor, chunk)) {
      errors.add(outsideError(o.row, o.uscc, o.name));
      toWrite--;
    }
    chunk = [];
  };
  for await (const { row, cells } of readRows(file.data, opts.maxRows, (n) => {
    bytes = n;
  })) {
    counts.rowsRead++;
    const parsed = parseRow(cells, ref);
    const ident = { row, uscc: cells.uscc ?? "", name: cells.name ?? "" };
    if (!parsed.ok) {
      for (const e of parsed.errors) errors.add({ ...ident, ...e });
    } else if (!canCreateEnterpriseIn(actor, parsed.value.districtCode)) {
      errors.add({ ...ident, field: "所属区", message: "不在您管辖的区，无权导入" });
    } else {
      const first = seen.get(parsed.value.uscc);
      if (first !== undefined) {
        errors.add({ ...ident, field: "统一社会信用代码", message: `与第 ${first} 行重复` });
      } else {
        seen.set(own(parsed.value.uscc), row);
        toWrite++;
        if (actor.role !== "city_admin") {
          chunk.push({ row, uscc: parsed.value.uscc, name: parsed.value.name });
          if (chunk.length >= 1000) await checkChunk();
        }
      }
    }
    if (counts.rowsRead - lastReport >= 2000) {
      lastReport = counts.rowsRead;
      await setProgress(db, jobId, Math.floor((bytes / file.data.length) * 40), counts.rowsRead, opts);
    }
  }
  if (chunk.length) await checkChunk();
  seen.clear();
  await setProgress(db, jobId, 40, counts.rowsRead, opts);

  // Pass 2: progress 40–99 % by rows written. A small import is written in one transaction (all
  // or nothing, even if the node dies); a big one in 500-row transactions, each renewing the lease.
  const single = toWrite <= SINGLE_TX_ROWS;
  let written = 0;
  const writeBatch = async (outer: Executor | null, batch: Valid[]) => {
    const r = outer
      ? await upsertBatch(outer, actor, auditActor, batch)
      : await db.transaction((tx) => upsertBatch(tx, actor, auditActor, batch));
    for (const b of r.refused) errors.add(outsideError(b.row, b.value.uscc, b.value.name));
    counts.created += r.created;
    counts.updated += r.updated;
    counts.unchanged += r.unchanged;
    written += batch.length;
    const progress = 40 + Math.floor((written / Math.max(1, toWrite)) * 59);
    if (!outer) {
      await renewLease(db, jobId, {
        progress,
        created: counts.created,
        updated: counts.updated,
        unchanged: counts.unchanged,
      });
    }
    opts.onProgress?.({ progress, rowsRead: counts.rowsRead });
  };
  const writeAll = async (outer: Executor | null) => {
    if (toWrite === 0) return;
    let batch: Valid[] = [];
    for await (const { row, cells } of readRows(file.data, opts.maxRows, () => {})) {
      if (errors.rows.has(row)) continue;
      const parsed = parseRow(cells, ref);
      if (!parsed.ok) continue; // cannot happen: the same row passed pass 1
      batch.push({ ...parsed, row });
      if (batch.length >= BATCH) {
        await writeBatch(outer, batch);
        batch = [];
      }
    }
    if (batch.length) await writeBatch(outer, batch);
  };
  if (single) {
    await db.transaction(async (tx) => {
      await writeAll(tx);
      await renewLease(tx, jobId, { progress: 99, ...counts });
    });
  } else {
    await writeAll(null);
  }

  // A big import changes the table faster than autovacuum re-samples it; with stale statistics the
  // planner picks full scans for list pages (measured: 92 ms instead of 0.2 ms for a name page).
  if (counts.created + counts.updated > 1000) await repo.analyzeEnterprises(db);
  const rejectedRows = errors.rows.size;
  const report = errors.total
    ? await buildReport(errors.kept, {
        filename: file.filename,
        ...counts,
        rejected: rejectedRows,
        errors: errors.total,
      })
    : null;
  await db.transaction(async (tx) => {
    await renewLease(tx, jobId, {
      status: "done",
      progress: 100,
      ...counts,
      rejected: rejectedRows,
      errorSample: errors.kept
        .slice(0, ERROR_SAMPLE)
        .map(({ row, field, message }) => ({ row, field, message })),
      report,
      finishedAt: new Date(),
    });
    await recordAudit(tx, auditActor, {
      action: "enterprise.import",
      entityType: "import_job",
      entityId: jobId,
      districtCode: actor.role === "district_admin" ? actor.districtCode : null,
      after: { filename: file.filename, ...counts, rejected: rejectedRows },
    });
  });
}

async function setProgress(
  db: Database,
  jobId: string,
  progress: number,
  rowsRead: number,
  opts: ImportOptions,
) {
  await renewLease(db, jobId, { progress, rowsRead });
  opts.onProgress?.({ progress, rowsRead });
}

export function toJob(j: typeof importJobs.$inferSelect): ImportJob {
  return {
    id: j.id,
    filename: j.filename,
    status: j.status as ImportJob["status"],
    progress: j.progress,
    rowsRead: j.rowsRead,
    created: j.created,
    updated: j.updated,
    unchanged: j.unchanged,
    rejected: j.rejected,
    errorSample: (j.errorSample as ImportJob["errorSample"] | null) ?? [],
    errorMessage: j.errorMessage,
    hasReport: j.report !== null,
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

/** A job is visible to the user who started it and to city staff. */
export async function getImportJob(db: Database, actor: Actor, id: string) {
  const cond =
    actor.role === "city_admin"
      ? eq(importJobs.id, id)
      : and(eq(importJobs.id, id), eq(importJobs.userId, actor.id));
  let [job] = await db.select().from(importJobs).where(cond);
  if (!job) throw notFound("导入任务");
  if (
    (job.status === "running" || job.status === "queued") &&
    Date.now() - job.heartbeatAt.getTime() > IMPORT_LEASE_MS &&
    (await expireStaleImports(db, { jobId: id }))
  ) {
    [job] = await db.select().from(importJobs).where(cond);
  }
  return job!;
}
