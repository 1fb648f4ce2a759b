import {
  EXPERT_ROUTES,
  type ExpertDrawItem,
  ExpertDrawListQuery,
  type ExpertItem,
  ExpertListQuery,
} from "@dxcenter/contracts";
import { DRAW_PURPOSE_LABELS, EXPERT_STATUS_LABELS } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { mountRoutes } from "../../lib/contract-routes";
import { listPages } from "../../lib/pages";
import { createWrite, recordWrite } from "../../lib/route-writes";
import { type ExportColumn, mountTableExport } from "../../lib/table-export";
import { shanghaiTime } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { requestToday } from "./clock";
import { createDraw } from "./create-draw";
import { getDraw, listDraws, verifyDraw } from "./draw.queries";
import {
  createExpert,
  getExpert,
  getMyExpert,
  listExperts,
  updateExpert,
  updateMyAvailability,
} from "./expert.service";
import { acceptAssignment, declineAssignment, listMyAssignments, rateAssignment } from "./expert-assignments";

const TAG = ["专家库"];

const EXPERT_COLUMNS: ExportColumn<ExpertItem>[] = [
  { header: "姓名", width: 12, value: (e) => e.name },
  { header: "工作单位", width: 32, value: (e) => e.organization },
  { header: "职称", width: 16, value: (e) => e.title },
  { header: "专业领域", width: 36, value: (e) => e.fields.join("、") },
  { header: "状态", width: 10, value: (e) => EXPERT_STATUS_LABELS[e.status] },
  { header: "近12个月评审次数", width: 16, value: (e) => e.workload },
  { header: "接受邀请", width: 10, value: (e) => e.accepted },
  { header: "谢绝邀请", width: 10, value: (e) => e.declined },
  { header: "可用时间", width: 30, value: (e) => e.availability.map((w) => `${w.from}至${w.to}`).join("；") },
  {
    header: "申报回避单位",
    width: 30,
    value: (e) => e.conflicts.map((c) => c.organization ?? c.enterpriseId ?? "").join("、"),
  },
];

const DRAW_COLUMNS: ExportColumn<ExpertDrawItem>[] = [
  { header: "用途", width: 16, value: (d) => DRAW_PURPOSE_LABELS[d.purpose] },
  { header: "评审对象", width: 40, value: (d) => d.subjectLabel },
  { header: "抽取日期", width: 12, value: (d) => d.drawDate },
  { header: "随机种子", width: 36, value: (d) => d.seed },
  { header: "算法", width: 28, value: (d) => d.algorithm },
  { header: "抽取人数", width: 10, value: (d) => d.requested },
  { header: "抽中专家", width: 36, value: (d) => d.selectedNames.join("、") },
  { header: "库内人数", width: 10, value: (d) => d.poolSize },
  { header: "通过回避", width: 10, value: (d) => d.eligibleCount },
  { header: "补抽轮次", width: 10, value: (d) => d.round },
  { header: "操作人", width: 16, value: (d) => d.drawnByName },
  { header: "抽取时间", width: 20, value: (d) => shanghaiTime(d.drawnAt) },
];

/**
 * 专家库 (mounted under /api/experts). The JSON routes are the contract map EXPERT_ROUTES (packages/
 * contracts, the same map the web's api/experts.ts calls), one handler per key; the two xlsx exports
 * stay plain routes.
 */
export const expertRoutes: FastifyPluginAsyncZod = async (app) => {
  mountRoutes(app, EXPERT_ROUTES, TAG, {
    "GET /api/experts": ({ query }, request) => listExperts(app.db, requireUser(request), query),
    "POST /api/experts": createWrite(app.db, createExpert),
    "GET /api/experts/:id": ({ params }, request) => getExpert(app.db, requireUser(request), params.id),
    "PUT /api/experts/:id": recordWrite(app.db, updateExpert),
    "GET /api/experts/me": (_input, request) => getMyExpert(app.db, requireUser(request)),
    "PUT /api/experts/me/availability": createWrite(app.db, updateMyAvailability),
    // 随机抽取 and its records.
    "GET /api/experts/draws": ({ query }, request) => listDraws(app.db, requireUser(request), query),
    "POST /api/experts/draws": ({ body }, request) =>
      createDraw(app.db, requireUser(request), actorOf(request), body, requestToday(request)),
    "GET /api/experts/draws/:id": ({ params }, request) => getDraw(app.db, requireUser(request), params.id),
    "POST /api/experts/draws/:id/verify": ({ params }, request) =>
      verifyDraw(app.db, requireUser(request), actorOf(request), params.id),
    // Invitations: the expert's own answers, the organiser's rating.
    "GET /api/experts/assignments/mine": ({ query }, request) =>
      listMyAssignments(app.db, requireUser(request), query),
    "POST /api/experts/assignments/:id/accept": ({ params }, request) =>
      acceptAssignment(app.db, requireUser(request), actorOf(request), params.id),
    "POST /api/experts/assignments/:id/decline": ({ params, body }, request) =>
      declineAssignment(app.db, requireUser(request), actorOf(request), params.id, body.reason),
    "PUT /api/experts/assignments/:id/rating": recordWrite(app.db, rateAssignment),
  });

  // Files, not JSON: the pool and the draw records as xlsx.

  mountTableExport(app, {
    path: "/export",
    tags: TAG,
    summary: "按筛选条件导出专家库",
    query: ExpertListQuery.omit({ page: true, pageSize: true }),
    export: (query) => ({
      filename: "专家库.xlsx",
      sheet: "专家库",
      columns: EXPERT_COLUMNS,
      pages: (user) => listPages(listExperts, app.db, user, query),
      audit: { action: "expert.export", entityType: "expert" },
    }),
  });

  mountTableExport(app, {
    path: "/draws/export",
    tags: TAG,
    summary: "导出专家抽取记录",
    query: ExpertDrawListQuery.omit({ page: true, pageSize: true }),
    export: (query) => ({
      filename: "专家抽取记录.xlsx",
      sheet: "专家抽取记录",
      columns: DRAW_COLUMNS,
      pages: (user) => listPages(listDraws, app.db, user, query, 200),
      audit: { action: "expert.export", entityType: "expert_draw" },
    }),
  });
};
