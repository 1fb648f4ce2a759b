import { AuditItem, AuditQuery, errorResponses, pageOf } from "@dxcenter/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { sendXlsx, shanghaiTime, tableWorkbook } from "../../lib/xlsx-export";
import { requireRole } from "../../plugins/auth";
import { auditRowsForExport, listAuditLog } from "./audit.queries";

/** Read-only: there is deliberately no route that changes or deletes audit rows. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/",
    {
      schema: {
        tags: ["审计日志"],
        summary: "审计日志查询（市工信局）",
        querystring: AuditQuery,
        response: { 200: pageOf(AuditItem), ...errorResponses },
      },
    },
    async (request) => {
      requireRole(request, "city_admin");
      return listAuditLog(app.db, request.query);
    },
  );

  app.get(
    "/export",
    {
      schema: {
        tags: ["审计日志"],
        summary: "导出审计日志（最多 50,000 条，市工信局）",
        querystring: AuditQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      requireRole(request, "city_admin");
      const rows = await auditRowsForExport(app.db, request.query);
      const buf = await tableWorkbook(
        "审计日志",
        [
          { header: "时间（北京时间）", key: "at", width: 20 },
          { header: "操作人", key: "actorName", width: 16 },
          { header: "角色", key: "actorRole", width: 14 },
          { header: "操作", key: "action", width: 24 },
          { header: "对象类型", key: "entityType", width: 14 },
          { header: "对象ID", key: "entityId", width: 38 },
          { header: "区划", key: "districtCode", width: 10 },
          { header: "IP", key: "ip", width: 16 },
          { header: "变更前", key: "before", width: 60 },
          { header: "变更后", key: "after", width: 60 },
        ],
        rows.map((r) => ({
          ...r,
          at: shanghaiTime(r.at),
          before: r.before === null ? "" : JSON.stringify(r.before),
          after: r.after === null ? "" : JSON.stringify(r.after),
        })),
      );
      return sendXlsx(reply, "审计日志.xlsx").send(buf);
    },
  );
};
