import { Readable } from "node:stream";
import type { ImportJob } from "@dxcenter/contracts";
import {
  bulkInsert,
  type Database,
  districts,
  type Executor,
  enterpriseAnnual,
  enterprises,
  importJobs,
  industries,
} from "@dxcenter/db";
import { type Actor, canCreateEnterpriseIn } from "@dxcenter/domain";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type ExcelJS from "exceljs";
import { AppError, notFound } from "../../errors";
import { assertSafeXlsx } from "../../lib/xlsx-guard";
import { Utf8WorkbookReader } from "../../lib/xlsx-reader";
import { type AuditActor, type AuditEntry, recordAudit } from "../audit/audit.service";
import { assertCanImport } from "./enterprise.policy";
import * as repo from "./enterprise.repository";

import { rowValues } from "./enterprise.service";
import {
  buildReport,
  type ColumnKey,
  cellText,
  mapHeader,
  type ParsedRow,
  parseRow,
  type RefLookup,
} from "./enterprise-excel";

const BATCH = 500;
const ERROR_SAMPLE = 50;
/**
 * Up to this many valid rows are written in one transaction, so a small import is all-or-nothing
 * even when its node dies. Bigger ones commit 500-row batches (long transactions would block other
 * work, on PGlite everything); a failure leaves the committed batches, and the message says so.
 */
const SINGLE_TX_ROWS = 5000;
/** A queued or running job renews its lease at least this often; older than this its node is taken for dead. */
export const IMPORT_LEASE_MS = 2 * 60_000;
const SYSTEM: AuditActor = { id: null, name: "system", role: null, ip: null };

class ImportTakenOver extends Error {}

type Valid = Extract<ParsedRow, { ok: true }> & { row: number };
interface RowError {
  row: number;
  uscc: string;
  name: string;
  field: string;
  message: string;
}

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
 * Starts an import: checks the file synchronously (so a non-xlsx or zip bomb is refused at once,
 * with nothing written), records the job and processes it in the background. Progress is stored on
 * the job row, which the client polls.
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
  await assertSafeXlsx(file.data);
  const [job] = await db
    .insert(importJobs)
    .values({
      kind: "enterprises",
      userId: actor.id,
      filename: file.filename.slice(0, 200),
      status: "running",
    })
    .returning();
  const done = runImport(db, actor, auditActor, job!.id, file, opts).catch(async (e: unknown) => {
    if (e instanceof ImportTakenOver) return;
    const [cur] = await db.select().from(importJobs).where(eq(importJobs.id, job!.id));
    const written = cur ? cur.created + cur.updated : 0;
    const kept = written
      ? `已提交的 ${written} 家企业（新增 ${cur!.created}、更新 ${cur!.updated}）保留，重新导入同一文件即可补全（不会重复创建）`
      : "未写入任何数据";
    const message = e instanceof AppError ? e.message : `导入过程中发生内部错误，${kept}，请重试或联系管理员`;
    // Only while it is still ours: a job taken over keeps the takeover message.
    await db
      .update(importJobs)
      .set({ status: "failed", errorMessage: message, finishedAt: new Date() })
      .where(and(eq(importJobs.id, job!.id), inArray(importJobs.status, ["queued", "running"])));
  });
  return { job: toJob(job!), done };
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

/** Reads every row of the first worksheet, in order, as cell texts keyed by column. */
async function* readRows(data: Buffer, maxRows: number, onBytes: (n: number) => void) {
  const input = Readable.from(chunks(data, 256 * 1024, onBytes));
  const reader = new Utf8WorkbookReader(input, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  let header: Map<number, ColumnKey> | null = null;
  let count = 0;
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
      if (!header) {
        const mapped = mapHeader(values);
        if ("missing" in mapped) {
          throw new AppError(
            400,
            "INVALID_FILE",
            `表头缺少必填列：${mapped.missing.join("、")}。请使用下载的模板`,
            "file",
          );
        }
        header = mapped;
        continue;
      }
      if (values.every((v) => v === "")) continue;
      count++;
      if (count > maxRows) {
        throw new AppError(413, "TOO_MANY_ROWS", `单次导入最多 ${maxRows} 行，请拆分文件后分批导入`, "file");
      }
      const cells: Partial<Record<ColumnKey, string>> = {};
      for (const [i, key] of header) cells[key] = values[i] ?? "";
      yield { row: row.number, cells };
    }
    break; // only the first worksheet holds data; the others are notes
  }
  if (!header) throw new AppError(400, "INVALID_FILE", "工作簿中没有数据表或表头", "file");
}

function* chunks(data: Buffer, size: number, onBytes: (n: number) => void) {
  for (let i = 0; i < data.length; i += size) {
    onBytes(Math.min(data.length, i + size));
    yield data.subarray(i, i + size);
  }
}

async function runImport(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  jobId: string,
  file: { filename: string; data: Buffer },
  opts: ImportOptions,
) {
  const ref = await loadRefLookup(db);
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const counts = { rowsRead: 0, created: 0, updated: 0, unchanged: 0 };

  // Pass 1 validates the whole file without writing, so a file that turns out malformed halfway
  // writes nothing. Pass 2 commits the valid rows in batches. Progress: 0–40 % pass 1, 40–100 % pass 2.
  let bytes = 0;
  let lastReport = 0;
  const valid: Valid[] = [];
  for await (const { row, cells } of readRows(file.data, opts.maxRows, (n) => {
    bytes = n;
  })) {
    counts.rowsRead++;
    const parsed = parseRow(cells, ref);
    const ident = { row, uscc: cells.uscc ?? "", name: cells.name ?? "" };
    if (!parsed.ok) {
      for (const e of parsed.errors) errors.push({ ...ident, ...e });
      continue;
    }
    const v = parsed.value;
    if (!canCreateEnterpriseIn(actor, v.districtCode)) {
      errors.push({ ...ident, field: "所属区", message: "不在您管辖的区，无权导入" });
      continue;
    }
    const first = seen.get(v.uscc);
    if (first !== undefined) {
      errors.push({ ...ident, field: "统一社会信用代码", message: `与第 ${first} 行重复` });
      continue;
    }
    seen.set(v.uscc, row);
    valid.push({ ...parsed, row });
    if (counts.rowsRead - lastReport >= 2000) {
      lastReport = counts.rowsRead;
      await setProgress(db, jobId, Math.floor((bytes / file.data.length) * 40), counts.rowsRead, opts);
    }
  }
  // Rows whose code is already registered in a district this user does not manage are refused
  // here, still before anything is written.
  const outside = await outsideScope(db, actor, valid);
  if (outside.size) {
    for (const v of valid) {
      if (outside.has(v.value.uscc)) {
        errors.push({
          row: v.row,
          uscc: v.value.uscc,
          name: v.value.name,
          field: "统一社会信用代码",
          message: "该代码对应的企业已登记在您管辖范围以外，无权修改",
        });
      }
    }
  }
  const toWrite = outside.size ? valid.filter((v) => !outside.has(v.value.uscc)) : valid;
  await setProgress(db, jobId, 40, counts.rowsRead, opts);

  // A small import is written in one transaction (all or nothing, even if the node dies); a big one
  // in 500-row transactions, each renewing the lease.
  const single = toWrite.length <= SINGLE_TX_ROWS;
  const writeAll = async (outer: Executor | null) => {
    for (let i = 0; i < toWrite.length; i += BATCH) {
      const batch = toWrite.slice(i, i + BATCH);
      const r = outer
        ? await upsertBatch(outer, actor, auditActor, batch)
        : await db.transaction((tx) => upsertBatch(tx, actor, auditActor, batch));
      for (const b of r.refused) {
        errors.push({
          row: b.row,
          uscc: b.value.uscc,
          name: b.value.name,
          field: "统一社会信用代码",
          message: "该代码对应的企业已登记在您管辖范围以外，无权修改",
        });
      }
      counts.created += r.created;
      counts.updated += r.updated;
      counts.unchanged += r.unchanged;
      const progress = 40 + Math.floor(((i + batch.length) / toWrite.length) * 59);
      if (!outer) {
        await renewLease(db, jobId, {
          progress,
          created: counts.created,
          updated: counts.updated,
          unchanged: counts.unchanged,
        });
      }
      opts.onProgress?.({ progress, rowsRead: counts.rowsRead });
    }
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
  const rejectedRows = new Set(errors.map((e) => e.row)).size;
  const report = errors.length
    ? await buildReport(errors, { filename: file.filename, ...counts, rejected: rejectedRows })
    : null;
  await db.transaction(async (tx) => {
    await renewLease(tx, jobId, {
      status: "done",
      progress: 100,
      ...counts,
      rejected: rejectedRows,
      errorSample: errors.slice(0, ERROR_SAMPLE).map(({ row, field, message }) => ({ row, field, message })),
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

/** Codes among the valid rows that exist in a district the actor may not write to. */
async function outsideScope(db: Database, actor: Actor, valid: Valid[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (actor.role === "city_admin") return out;
  for (let i = 0; i < valid.length; i += 1000) {
    const found = await repo.findByUsccs(
      db,
      valid.slice(i, i + 1000).map((v) => v.value.uscc),
    );
    for (const e of found) if (!canCreateEnterpriseIn(actor, e.districtCode)) out.add(e.uscc);
  }
  return out;
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

/**
 * Upserts one batch by USCC. Unchanged rows are left alone (no version bump, no audit), so importing
 * the same file twice changes nothing the second time.
 */
async function upsertBatch(tx: Executor, actor: Actor, auditActor: AuditActor, batch: Valid[]) {
  const existing = new Map(
    (
      await repo.findByUsccs(
        tx,
        batch.map((b) => b.value.uscc),
      )
    ).map((e) => [e.uscc, e]),
  );
  const annualRows = await repo.annualFor(
    tx,
    [...existing.values()].map((e) => e.id),
  );
  const annualById = new Map<
    string,
    { year: number; revenueFen: number | null; employees: number | null }[]
  >();
  for (const a of annualRows) {
    const list = annualById.get(a.enterpriseId) ?? [];
    list.push({ year: a.year, revenueFen: a.revenueFen, employees: a.employees });
    annualById.set(a.enterpriseId, list);
  }

  const audits: AuditEntry[] = [];
  const inserts: (typeof enterprises.$inferInsert)[] = [];
  const insertAnnual: { uscc: string; year: number; revenueFen: number | null; employees: number | null }[] =
    [];
  const refused: Valid[] = [];
  let updated = 0;
  let unchanged = 0;

  for (const b of batch) {
    const v = b.value;
    const cur = existing.get(v.uscc);
    if (!cur) {
      inserts.push({ uscc: v.uscc, ...rowValues(v) });
      for (const a of v.annual) insertAnnual.push({ uscc: v.uscc, ...a });
      continue;
    }
    // Checked after pass 1 too; this catches an enterprise moved to another district meanwhile.
    if (!canCreateEnterpriseIn(actor, cur.districtCode)) {
      refused.push(b);
      continue;
    }
    const prevAnnual = annualById.get(cur.id) ?? [];
    const mergedAnnual = [...prevAnnual.filter((a) => !v.annual.some((n) => n.year === a.year)), ...v.annual];
    const values = rowValues({
      ...v,
      contactName: b.keepContactName ? cur.contactName : v.contactName,
      contactPhone: b.keepContactPhone ? cur.contactPhone : v.contactPhone,
      annual: mergedAnnual,
    });
    const before = { ...pick(cur, values), annual: prevAnnual };
    const annualChanged = v.annual.some((n) => {
      const p = prevAnnual.find((a) => a.year === n.year);
      return !p || p.revenueFen !== n.revenueFen || p.employees !== n.employees;
    });
    if (!annualChanged && JSON.stringify(pick(cur, values)) === JSON.stringify(values)) {
      unchanged++;
      continue;
    }
    updated++;
    await tx
      .update(enterprises)
      .set({ ...values, updatedAt: new Date(), version: sql`${enterprises.version} + 1` })
      .where(eq(enterprises.id, cur.id));
    for (const a of v.annual) await upsertAnnual(tx, cur.id, a);
    audits.push({
      action: "enterprise.update",
      entityType: "enterprise",
      entityId: cur.id,
      districtCode: values.districtCode,
      before,
      after: { ...values, annual: mergedAnnual, source: "import" },
    });
  }

  if (inserts.length) {
    // ON CONFLICT DO NOTHING: a row inserted concurrently by someone else is simply not ours to create.
    const created = await bulkInsert<typeof enterprises, { id: string; uscc: string; districtCode: string }>(
      tx,
      enterprises,
      inserts,
      { onConflictDoNothing: "uscc", returning: ["id", "uscc", "districtCode"] },
    );
    const idByUscc = new Map(created.map((c) => [c.uscc, c.id]));
    const insertByUscc = new Map(inserts.map((i) => [i.uscc, i]));
    const annual = insertAnnual
      .filter((a) => idByUscc.has(a.uscc))
      .map((a) => ({
        enterpriseId: idByUscc.get(a.uscc)!,
        year: a.year,
        revenueFen: a.revenueFen,
        employees: a.employees,
      }));
    if (annual.length) await bulkInsert(tx, enterpriseAnnual, annual);
    for (const c of created) {
      audits.push({
        action: "enterprise.create",
        entityType: "enterprise",
        entityId: c.id,
        districtCode: c.districtCode,
        after: { ...insertByUscc.get(c.uscc), source: "import" },
      });
    }
    unchanged += inserts.length - created.length;
    await recordAudit(tx, auditActor, audits);
    return { created: created.length, updated, unchanged, refused };
  }
  await recordAudit(tx, auditActor, audits);
  return { created: 0, updated, unchanged, refused };
}

async function upsertAnnual(
  tx: Executor,
  enterpriseId: string,
  a: { year: number; revenueFen: number | null; employees: number | null },
) {
  await tx
    .insert(enterpriseAnnual)
    .values({ enterpriseId, ...a })
    .onConflictDoUpdate({
      target: [enterpriseAnnual.enterpriseId, enterpriseAnnual.year],
      set: { revenueFen: a.revenueFen, employees: a.employees },
    });
}

/** The stored values of the columns an import writes, in the same shape, for change detection. */
function pick(row: typeof enterprises.$inferSelect, like: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(like)) out[k] = (row as Record<string, unknown>)[k];
  return out;
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
