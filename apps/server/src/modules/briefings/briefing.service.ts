import { createHash } from "node:crypto";
import type { BriefingItem, BriefingListQuery, BriefingPeriod } from "@dxcenter/contracts";
import { briefings, type Database, type Executor, indicatorSnapshots, users } from "@dxcenter/db";
import { type BriefingRight, mayBriefing } from "@dxcenter/domain";
import { and, count, desc, eq, max, sql } from "drizzle-orm";
import type { z } from "zod";
import { AppError, conflict, forbidden, notFound } from "../../errors";
import { countOf, listOrder, pageOf, searchAny } from "../../lib/list-query";
import type { CurrentUser } from "../../plugins/auth";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import type { PdfRenderer } from "../reports/pdf-renderer";
import { buildBriefingHtml } from "./briefing-html";
import { assertClosedMonth, loadBriefingData } from "./briefing-model";
import { briefingWorkbook } from "./briefing-xlsx";

/**
 * 月度工作简报: generate (a new version of a month), list, read and the issued files. A version is
 * reserved as a `generating` row under a per-month advisory lock (two generations of one month at
 * once get versions n and n+1 — or the second is told to wait), then filled in once and never
 * changed again (the table's trigger). A `generating` row older than 10 minutes lost its node and is
 * marked failed by the next generation of that month.
 */

export function assertBriefing(user: CurrentUser, right: BriefingRight): void {
  if (!mayBriefing(user.role, right))
    throw forbidden(right === "generate" ? "生成月度工作简报" : "查看月度工作简报");
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

const itemColumns = {
  id: briefings.id,
  period: briefings.period,
  version: briefings.version,
  status: briefings.status,
  createdAt: briefings.createdAt,
  generatedAt: briefings.generatedAt,
  generatedByName: users.displayName,
  trigger: briefings.trigger,
  sha256: briefings.sha256,
  pdfBytes: sql<number | null>`octet_length(${briefings.pdf})::int`,
  xlsxBytes: sql<number | null>`octet_length(${briefings.xlsx})::int`,
  errorMessage: briefings.errorMessage,
  latest: sql<boolean>`(${briefings.status} = 'issued' and ${briefings.version} = (select max(b2.version) from briefings b2 where b2.period = ${briefings.period} and b2.status = 'issued'))`,
};
const toItem = (r: {
  id: string;
  period: string;
  version: number;
  status: BriefingItem["status"];
  createdAt: Date;
  generatedAt: Date | null;
  generatedByName: string | null;
  trigger: string;
  sha256: string | null;
  pdfBytes: number | null;
  xlsxBytes: number | null;
  errorMessage: string | null;
  latest: boolean;
}): BriefingItem => ({
  ...r,
  trigger: r.trigger === "scheduled" ? "scheduled" : "manual",
  createdAt: r.createdAt.toISOString(),
  generatedAt: r.generatedAt?.toISOString() ?? null,
  pdfBytes: r.pdfBytes === null ? null : Number(r.pdfBytes),
  xlsxBytes: r.xlsxBytes === null ? null : Number(r.xlsxBytes),
  latest: Boolean(r.latest),
});

function selectItems(db: Executor) {
  return db.select(itemColumns).from(briefings).leftJoin(users, eq(users.id, briefings.generatedBy));
}

async function itemById(db: Executor, id: string): Promise<BriefingItem | null> {
  const [r] = await selectItems(db).where(eq(briefings.id, id));
  return r ? toItem(r) : null;
}

export interface GenerateOptions {
  trigger: "manual" | "scheduled";
  /** The scheduled job: do nothing when the month already has an issued version. */
  onlyIfNone?: boolean;
  now?: Date;
}

/** Generates the next version of a month's briefing; null when `onlyIfNone` found one already. */
export async function generateBriefing(
  db: Database,
  renderer: PdfRenderer,
  actor: AuditActor,
  period: string,
  opts: GenerateOptions,
): Promise<BriefingItem | null> {
  const now = opts.now ?? new Date();
  await assertClosedMonth(db, period, now);
  const reserved = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`briefing:${period}`}))`);
    await tx
      .update(briefings)
      .set({ status: "failed", errorMessage: "生成中断（超过10分钟未完成）" })
      .where(
        and(
          eq(briefings.period, period),
          eq(briefings.status, "generating"),
          sql`${briefings.createdAt} < now() - interval '10 minutes'`,
        ),
      );
    const [state] = await tx
      .select({
        top: max(briefings.version),
        issued: sql<number>`count(*) filter (where ${briefings.status} = 'issued')::int`,
        busy: sql<number>`count(*) filter (where ${briefings.status} = 'generating')::int`,
      })
      .from(briefings)
      .where(eq(briefings.period, period));
    if (opts.onlyIfNone && Number(state?.issued ?? 0) > 0) return null;
    if (Number(state?.busy ?? 0) > 0)
      throw conflict("DUPLICATE", `${period} 的简报正在生成，请稍后刷新查看`, "period");
    const [row] = await tx
      .insert(briefings)
      .values({
        period,
        version: (state?.top ?? 0) + 1,
        status: "generating",
        generatedBy: actor.id,
        trigger: opts.trigger,
      })
      .returning({ id: briefings.id, version: briefings.version });
    return row ?? null;
  });
  if (!reserved) return null;
  try {
    const data = await loadBriefingData(db, period, now);
    const html = buildBriefingHtml(data, { version: reserved.version, generatedAt: now });
    const pdf = await renderer.pdf(html, {
      footerText: `${data.title} · ${period} · 第${reserved.version}版`,
    });
    const xlsx = await briefingWorkbook(data, reserved.version);
    const pdfHash = sha256(pdf);
    await db.transaction(async (tx) => {
      await tx
        .update(briefings)
        .set({
          status: "issued",
          generatedAt: now,
          data,
          html,
          pdf,
          sha256: pdfHash,
          xlsx,
          xlsxSha256: sha256(xlsx),
        })
        .where(eq(briefings.id, reserved.id));
      await recordAudit(tx, actor, {
        action: "briefing.generate",
        entityType: "briefing",
        entityId: reserved.id,
        after: {
          period,
          version: reserved.version,
          trigger: opts.trigger,
          sha256: pdfHash,
          pdfBytes: pdf.length,
          snapshotsUsed: data.snapshotsUsed,
        },
      });
    });
  } catch (e) {
    const reason = e instanceof AppError ? e.message : "生成失败（服务器内部错误）";
    await db.transaction(async (tx) => {
      await tx
        .update(briefings)
        .set({ status: "failed", errorMessage: reason })
        .where(and(eq(briefings.id, reserved.id), eq(briefings.status, "generating")));
      await recordAudit(tx, actor, {
        action: "briefing.generate",
        entityType: "briefing",
        entityId: reserved.id,
        after: { period, version: reserved.version, trigger: opts.trigger, status: "failed", error: reason },
      });
    });
    throw e;
  }
  return itemById(db, reserved.id);
}

const SORT = {
  period: sql`${briefings.period} || lpad(${briefings.version}::text, 6, '0')`,
  createdAt: briefings.createdAt,
  version: briefings.version,
};

export async function listBriefings(
  db: Executor,
  user: CurrentUser,
  q: z.output<typeof BriefingListQuery>,
): Promise<{ items: BriefingItem[]; total: number; page: number; pageSize: number }> {
  assertBriefing(user, "read");
  const where = and(
    q.period ? eq(briefings.period, q.period) : undefined,
    q.year ? sql`${briefings.period} like ${`${q.year}-%`}` : undefined,
    q.status ? eq(briefings.status, q.status) : undefined,
    searchAny(q.q, briefings.period, users.displayName),
  );
  return pageOf(
    q,
    (limit, offset) =>
      selectItems(db)
        .where(where)
        .orderBy(...listOrder(SORT, q.sort, q.order, briefings.id))
        .limit(limit)
        .offset(offset),
    () =>
      countOf(
        db
          .select({ n: count() })
          .from(briefings)
          .leftJoin(users, eq(users.id, briefings.generatedBy))
          .where(where),
      ),
    toItem,
  );
}

export async function getBriefing(db: Executor, user: CurrentUser, id: string): Promise<BriefingItem> {
  assertBriefing(user, "read");
  const item = await itemById(db, id);
  if (!item) throw notFound("简报");
  return item;
}

/** The last 24 closed months (city snapshots stored) and the briefings each has. */
export async function briefingPeriods(db: Executor, user: CurrentUser): Promise<BriefingPeriod[]> {
  assertBriefing(user, "read");
  const months = await db
    .select({
      period: indicatorSnapshots.period,
      n: sql<number>`count(distinct ${indicatorSnapshots.indicatorId})::int`,
    })
    .from(indicatorSnapshots)
    .where(
      and(eq(indicatorSnapshots.scope, "city"), sql`${indicatorSnapshots.period} ~ '^[0-9]{4}-[0-9]{2}$'`),
    )
    .groupBy(indicatorSnapshots.period)
    .orderBy(desc(indicatorSnapshots.period))
    .limit(24);
  const issued = await db
    .select({
      period: briefings.period,
      issued: sql<number>`count(*) filter (where ${briefings.status} = 'issued')::int`,
      generating: sql<number>`count(*) filter (where ${briefings.status} = 'generating')::int`,
      latestId: sql<
        string | null
      >`(array_agg(${briefings.id} order by ${briefings.version} desc) filter (where ${briefings.status} = 'issued'))[1]`,
    })
    .from(briefings)
    .groupBy(briefings.period);
  const by = new Map(issued.map((r) => [r.period, r]));
  return months.map((m) => {
    const b = by.get(m.period);
    return {
      period: m.period,
      snapshots: Number(m.n),
      issuedVersions: Number(b?.issued ?? 0),
      latestId: b?.latestId ?? null,
      generating: Number(b?.generating ?? 0) > 0,
    };
  });
}

export type BriefingFormat = "html" | "pdf" | "xlsx";

/** An issued version's stored file, exactly as issued. */
export async function briefingFile(db: Executor, user: CurrentUser, id: string, format: BriefingFormat) {
  assertBriefing(user, "read");
  const [row] = await db
    .select({
      id: briefings.id,
      period: briefings.period,
      version: briefings.version,
      status: briefings.status,
      sha256: briefings.sha256,
      html: format === "html" ? briefings.html : sql<null>`null`,
      pdf: format === "pdf" ? briefings.pdf : sql<null>`null`,
      xlsx: format === "xlsx" ? briefings.xlsx : sql<null>`null`,
    })
    .from(briefings)
    .where(eq(briefings.id, id));
  if (!row) throw notFound("简报");
  if (row.status !== "issued")
    throw conflict(
      "REPORT_NOT_READY",
      row.status === "failed" ? "该版本生成失败，没有文件" : "简报正在生成，请稍后",
    );
  return row;
}
