import { AuditItem, AuditQuery } from "./audit";
import { pageOf } from "./common";
import { routeMap } from "./route";

/** 审计日志 (read-only): the list; the export stays a file route. */
export const AUDIT_ROUTES = routeMap({
  "GET /api/audit": {
    summary: "审计日志查询（市工信局）",
    query: AuditQuery,
    status: 200,
    response: pageOf(AuditItem),
  },
});
export type AuditRoutes = typeof AUDIT_ROUTES;
