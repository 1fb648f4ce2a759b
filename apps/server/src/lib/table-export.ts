import { errorResponses } from "@dxcenter/contracts";
import type { Database } from "@dxcenter/db";
import type { AuditAction, AuditEntityType } from "@dxcenter/domain";
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, recordAudit } from "../modules/audit/audit.service";
import { type CurrentUser, requireUser } from "../plugins/auth";
import { type ExportColumn, sendXlsx, streamTableWorkbook, tableWorkbook } from "./xlsx-export";

export type { ExportColumn };

export interface TableExport<T, U = CurrentUser> {
  /** Download name, e.g. "技改项目.xlsx". */
  readonly filename: string;
  readonly sheet: string;
  readonly columns: readonly ExportColumn<T>[];
  /** The list's pages under the request's filters and the caller's scope (see lib/pages.ts allPages). */
  readonly pages: (user: U) => AsyncIterable<T[]>;
  readonly audit: {
    readonly action: AuditAction;
    readonly entityType: AuditEntityType;
    /** What the audit row records besides the row count; default: the request's query (the filters). */
    readonly after?: Record<string, unknown>;
  };
}

/**
 * The one list export: the caller's scope → every page of the list → a one-sheet xlsx with a bold
 * header → an audit row (who exported what filter, how many rows) → the download. A signed-in
 * caller is required. Routes do not call this directly: they are registered with mountTableExport.
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
  spec: TableExport<T, CurrentUser | null>,
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

type MaybePromise<X> = X | Promise<X>;

/**
 * The parsed querystring of a route whose querystring schema is S, as Fastify's zod type provider
 * resolves it: z.output<S> for a concrete schema, and the very type of `request.query` inside
 * mountTableExport (so the validated query passes through without a cast).
 */
type ExportQuery<S extends z.ZodType> = FastifyRequest<
  RouteGenericInterface,
  RawServerDefault,
  RawRequestDefaultExpression,
  { querystring: S },
  ZodTypeProvider
>["query"];

interface ExportRouteBase<S extends z.ZodType> {
  /** Relative to the plugin's prefix, e.g. "/export" or "/projects/export". */
  readonly path: string;
  readonly tags: string[];
  /** The OpenAPI summary (Chinese); the answer is documented as an xlsx file (lib/openapi.ts). */
  readonly summary: string;
  /** The list's filters without paging (the querystring schema); `export` gets its parsed output. */
  readonly query: S;
}

/**
 * One list export route. `export` builds the export of one request from its parsed filters: checks
 * beyond sign-in (a role), data the columns depend on, then file name, sheet, columns, pages under
 * the caller's scope and the audit row. `mode`: "signed-in" (default, sendTableExport), "streaming"
 * (signed in, sendStreamingTableExport) or "public" (the caller may be signed out, sendPublicTableExport).
 */
export type TableExportRoute<S extends z.ZodType, T> = ExportRouteBase<S> &
  (
    | {
        readonly mode?: "signed-in" | "streaming";
        readonly export: (query: ExportQuery<S>, request: FastifyRequest) => MaybePromise<TableExport<T>>;
      }
    | {
        readonly mode: "public";
        readonly export: (
          query: ExportQuery<S>,
          request: FastifyRequest,
        ) => MaybePromise<TableExport<T, CurrentUser | null>>;
      }
  );

/**
 * Registers one list export as a plain GET route (a file, not JSON, so not in a contract map): the
 * querystring validated by `route.query`, the 200 answer an xlsx file (`z.any()`, which lib/openapi.ts
 * documents with the xlsx media type), the common error responses.
 */
export function mountTableExport<S extends z.ZodType, T>(
  app: FastifyInstance,
  route: TableExportRoute<S, T>,
) {
  app.withTypeProvider<ZodTypeProvider>().get(
    route.path,
    {
      schema: {
        tags: route.tags,
        summary: route.summary,
        querystring: route.query,
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const query: ExportQuery<S> = request.query;
      if (route.mode === "public")
        return sendPublicTableExport(app.db, request, reply, await route.export(query, request));
      const spec = await route.export(query, request);
      return route.mode === "streaming"
        ? sendStreamingTableExport(app.db, request, reply, spec)
        : sendTableExport(app.db, request, reply, spec);
    },
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
