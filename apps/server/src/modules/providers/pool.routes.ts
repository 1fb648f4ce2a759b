import {
  POOL_ROUTES,
  type PoolApplicationItem,
  PoolApplicationListQuery,
  type PoolNoticeItem,
  PoolNoticeListQuery,
  REVIEW_SHEET,
} from "@dxcenter/contracts";
import { APPLICATION_STATUS_LABELS, PROVIDER_CATEGORY_LABELS } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { z } from "zod";
import { mountRoutes } from "../../lib/contract-routes";
import { allPages, listPages } from "../../lib/pages";
import { createWrite, recordWrite } from "../../lib/route-writes";
import { type ExportColumn, mountTableExport } from "../../lib/table-export";
import { shanghaiTime } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { requestToday } from "../experts/clock";
import { getApplication, listApplications, listNotices } from "./pool.queries";
import { applyToPool, openReview, withdrawApplication } from "./pool-applications";
import { admitAfterNotice, fileObjection, handleObjection } from "./pool-notice";
import { decide, submitScore } from "./pool-review";

/**
 * 入库评审与公示. The JSON routes are the contract map POOL_ROUTES (packages/contracts, the same map
 * the web's api/providers.ts calls), mounted with one handler per key; the xlsx exports stay plain
 * routes. The providers themselves are provider.routes.ts.
 */

const TAG = ["入库评审与公示"];

const APPLICATION_COLUMNS: ExportColumn<PoolApplicationItem>[] = [
  { header: "机构名称", width: 36, value: (a) => a.providerName },
  { header: "申请类别", width: 20, value: (a) => PROVIDER_CATEGORY_LABELS[a.category] },
  { header: "状态", width: 10, value: (a) => APPLICATION_STATUS_LABELS[a.status] },
  { header: "提交时间", width: 20, value: (a) => shanghaiTime(a.submittedAt) },
  { header: "打分人数", width: 10, value: (a) => a.scoreCount },
  { header: "平均分", width: 10, value: (a) => a.averageScore },
  {
    header: "决定",
    width: 10,
    value: (a) => (a.decision === "admit" ? "拟入库" : a.decision === "reject" ? "不予入库" : ""),
  },
  { header: "公示开始", width: 12, value: (a) => a.noticeStart },
  { header: "公示结束", width: 12, value: (a) => a.noticeEnd },
];

const NOTICE_COLUMNS: ExportColumn<z.output<typeof PoolNoticeItem>>[] = [
  { header: "机构名称", width: 36, value: (n) => n.providerName },
  { header: "统一社会信用代码", width: 22, value: (n) => n.uscc },
  { header: "申请类别", width: 20, value: (n) => PROVIDER_CATEGORY_LABELS[n.category] },
  { header: "专家平均分", width: 12, value: (n) => n.averageScore },
  { header: "公示开始", width: 12, value: (n) => n.noticeStart },
  { header: "公示结束", width: 12, value: (n) => n.noticeEnd },
  { header: "异议", width: 18, value: (n) => (n.open ? "公示中，可提出异议" : "未在公示期内") },
  { header: "公示内容", width: 80, value: (n) => n.noticeText },
];

export const poolRoutes: FastifyPluginAsyncZod = async (app) => {
  // The JSON routes: one handler per key of the contract map the web calls (POOL_ROUTES).
  mountRoutes(app, POOL_ROUTES, TAG, {
    "GET /api/pool/review-sheet": async () => ({ ...REVIEW_SHEET, items: [...REVIEW_SHEET.items] }),
    "GET /api/pool/applications": ({ query }, request) =>
      listApplications(app.db, requireUser(request), query),
    "POST /api/pool/applications": createWrite(app.db, applyToPool),
    "GET /api/pool/applications/:id": ({ params }, request) =>
      getApplication(app.db, requireUser(request), params.id),
    "POST /api/pool/applications/:id/withdraw": ({ params, body }, request) =>
      withdrawApplication(app.db, requireUser(request), actorOf(request), params.id, body.version),
    "POST /api/pool/applications/:id/review": ({ params, body }, request) =>
      openReview(app.db, requireUser(request), actorOf(request), params.id, body.version),
    "PUT /api/pool/applications/:id/score": recordWrite(app.db, submitScore),
    "POST /api/pool/applications/:id/decision": ({ params, body }, request) =>
      decide(app.db, requireUser(request), actorOf(request), params.id, body, requestToday(request)),
    "POST /api/pool/applications/:id/admit": ({ params, body }, request) =>
      admitAfterNotice(
        app.db,
        requireUser(request),
        actorOf(request),
        params.id,
        body,
        requestToday(request),
      ),
    "GET /api/pool/notices": ({ query }, request) => listNotices(app.db, query, requestToday(request)),
    "POST /api/pool/notices/:id/objections": ({ params, body }, request) =>
      fileObjection(app.db, request.user, actorOf(request), params.id, body, requestToday(request)),
    "POST /api/pool/objections/:id/handle": recordWrite(app.db, handleObjection),
  });

  // Files, not JSON: the xlsx exports.

  mountTableExport(app, {
    path: "/pool/applications/export",
    tags: TAG,
    summary: "按筛选条件导出入库申请",
    query: PoolApplicationListQuery.omit({ page: true, pageSize: true }),
    export: (query) => ({
      filename: "入库申请.xlsx",
      sheet: "入库申请",
      columns: APPLICATION_COLUMNS,
      pages: (user) => listPages(listApplications, app.db, user, query, 200),
      audit: { action: "pool_application.export", entityType: "pool_application" },
    }),
  });

  mountTableExport(app, {
    path: "/pool/notices/export",
    tags: TAG,
    summary: "导出入库公示（公开，无需登录；按筛选条件）",
    query: PoolNoticeListQuery.omit({ page: true, pageSize: true }),
    mode: "public",
    export: (query, request) => {
      const today = requestToday(request);
      return {
        filename: "入库公示.xlsx",
        sheet: "入库公示",
        columns: NOTICE_COLUMNS,
        pages: () =>
          allPages((page, pageSize) => listNotices(app.db, { ...query, page, pageSize }, today), 200),
        audit: { action: "pool_notice.export", entityType: "pool_application" },
      };
    },
  });
};
