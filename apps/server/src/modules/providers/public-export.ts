import type { Database } from "@dxcenter/db";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { TableExport } from "../../lib/table-export";
import { sendXlsx, tableWorkbook } from "../../lib/xlsx-export";
import type { CurrentUser } from "../../plugins/auth";
import { actorOf, recordAudit } from "../audit/audit.service";

/**
 * The public lists' export (the pool's admitted providers, the running notices): anyone may download
 * them, signed in or not, so unlike lib/table-export.ts's sendTableExport the caller may be anonymous.
 * Same spec, same workbook, same audit row. (To fold into sendTableExport as an option: see the report.)
 */
export async function sendPublicTableExport<T>(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  spec: Omit<TableExport<T>, "pages"> & { pages: (user: CurrentUser | null) => AsyncIterable<T[]> },
) {
  const user = request.user ?? null;
  const rows: Record<string, unknown>[] = [];
  for await (const items of spec.pages(user))
    for (const item of items)
      rows.push(Object.fromEntries(spec.columns.map((c, i) => [`c${i}`, c.value(item) ?? ""])));
  const buf = await tableWorkbook(
    spec.sheet,
    spec.columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width })),
    rows,
  );
  await recordAudit(db, actorOf(request), {
    action: spec.audit.action,
    entityType: spec.audit.entityType,
    districtCode: user?.districtCode ?? null,
    after: { ...(spec.audit.after ?? { filters: request.query }), rows: rows.length },
  });
  return sendXlsx(reply, spec.filename).send(buf);
}
