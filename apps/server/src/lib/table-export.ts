import type { Database } from "@dxcenter/db";
import type { AuditAction, AuditEntityType } from "@dxcenter/domain";
import type { FastifyReply, FastifyRequest } from "fastify";
import { actorOf, recordAudit } from "../modules/audit/audit.service";
import { type CurrentUser, requireUser } from "../plugins/auth";
import { type ExportColumn, sendXlsx, streamTableWorkbook, tableWorkbook } from "./xlsx-export";

export type { ExportColumn };

export interface TableExport<T> {
  /** Download name, e.g. "技改项目.xlsx". */
  readonly filename: string;
  readonly sheet: string;
  readonly columns: readonly ExportColumn<T>[];
  /** The list's pages under the request's filters and the caller's scope (see lib/pages.ts allPages). */
  readonly pages: (user: CurrentUser) => AsyncIterable<T[]>;
  readonly audit: {
    readonly action: AuditAction;
    readonly entityType: AuditEntityType;
    /** What the audit row records besides the row count; default: the request's query (the filters). */
    readonly after?: Record<string, unknown>;
  };
}

/**
 * The one list export: the caller's scope → every page of the list → a one-sheet xlsx with a bold
 * header → an audit row (who exported what filter, how many rows) → the download. Route handlers
 * call only this; a signed-in caller is required.
 */
export async function sendTableExport<T>(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  spec: TableExport<T>,
) {
  const user = requireUser(request);
  return writeExport(db, request, reply, user, spec.pages(user), spec);
}

/**
 * The same export for a public list (the admitted providers, the running notices, the published
 * catalogue): the caller may be signed out; the list's own scope decides what an anonymous caller gets.
 */
export async function sendPublicTableExport<T>(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  spec: Omit<TableExport<T>, "pages"> & { pages: (user: CurrentUser | null) => AsyncIterable<T[]> },
) {
  const user = request.user ?? null;
  return writeExport(db, request, reply, user, spec.pages(user), spec);
}

/**
 * The list export for lists too long to hold (the registry, 10^5 rows): the same columns, audit and
 * download, but the workbook is written page by page while the answer streams, so memory stays at one
 * page. The audit row is written before the download starts and records the filters (the row count is
 * known only at the end).
 */
export async function sendStreamingTableExport<T>(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  spec: TableExport<T>,
) {
  const user = requireUser(request);
  await recordAudit(db, actorOf(request), {
    action: spec.audit.action,
    entityType: spec.audit.entityType,
    districtCode: user.districtCode,
    after: spec.audit.after ?? { filters: request.query },
  });
  const toRow = rowOf(spec.columns);
  async function* rows() {
    for await (const items of spec.pages(user)) yield items.map(toRow);
  }
  return sendXlsx(reply, spec.filename).send(
    streamTableWorkbook(spec.sheet, sheetColumns(spec.columns), rows()),
  );
}

const sheetColumns = <T>(columns: readonly ExportColumn<T>[]) =>
  columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));

const rowOf =
  <T>(columns: readonly ExportColumn<T>[]) =>
  (item: T): Record<string, unknown> =>
    Object.fromEntries(columns.map((c, i) => [`c${i}`, c.value(item) ?? ""]));

async function writeExport<T>(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  user: CurrentUser | null,
  pages: AsyncIterable<T[]>,
  spec: Omit<TableExport<T>, "pages">,
) {
  const toRow = rowOf(spec.columns);
  const rows: Record<string, unknown>[] = [];
  for await (const items of pages) for (const item of items) rows.push(toRow(item));
  const buf = await tableWorkbook(spec.sheet, sheetColumns(spec.columns), rows);
  await recordAudit(db, actorOf(request), {
    action: spec.audit.action,
    entityType: spec.audit.entityType,
    districtCode: user?.districtCode ?? null,
    after: { ...(spec.audit.after ?? { filters: request.query }), rows: rows.length },
  });
  return sendXlsx(reply, spec.filename).send(buf);
}
