import { AUDIT_ROUTES, type AuditItem, AuditQuery } from "@dxcenter/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { mountRoutes } from "../../lib/contract-routes";
import { type ExportColumn, mountTableExport } from "../../lib/table-export";
import { shanghaiTime } from "../../lib/xlsx-export";
import { requireRole } from "../../plugins/auth";
import { iterateAuditForExport, listAuditLog } from "./audit.queries";

const TAG = ["审计日志"];
const json = (v: unknown) => (v === null ? "" : JSON.stringify(v));

const EXPORT_COLUMNS: ExportColumn<AuditItem>[] = [
  { header: "时间（北京时间）", width: 20, value: (r) => shanghaiTime(r.at) },
  { header: "操作人", width: 16, value: (r) => r.actorName },
  { header: "角色", width: 14, value: (r) => r.actorRole },
  { header: "操作", width: 24, value: (r) => r.action },
  { header: "对象类型", width: 14, value: (r) => r.entityType },
  { header: "对象ID", width: 38, value: (r) => r.entityId },
  { header: "区划", width: 10, value: (r) => r.districtCode },
  { header: "IP", width: 16, value: (r) => r.ip },
  { header: "变更前", width: 60, value: (r) => json(r.before) },
  { header: "变更后", width: 60, value: (r) => json(r.after) },
];

/** Read-only: there is deliberately no route that changes or deletes audit rows. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  mountRoutes(app, AUDIT_ROUTES, TAG, {
    "GET /api/audit": async ({ query }, request) => {
      requireRole(request, "city_admin");
      return listAuditLog(app.db, query);
    },
  });

  mountTableExport(app, {
    path: "/export",
    tags: TAG,
    summary: "导出审计日志（最多 50,000 条，市工信局）",
    query: AuditQuery.omit({ page: true, pageSize: true }),
    export: (query, request) => {
      requireRole(request, "city_admin");
      return {
        filename: "审计日志.xlsx",
        sheet: "审计日志",
        columns: EXPORT_COLUMNS,
        pages: () => iterateAuditForExport(app.db, query),
        audit: { action: "audit.export", entityType: "audit_log" },
      };
    },
  });
};
