import {
  errorResponses,
  IdParam,
  PROJECT_ROUTES,
  ProjectAttachment,
  type ProjectItem,
  ProjectListQuery,
} from "@dxcenter/contracts";
import {
  formatFenAsWanYuan,
  OVERDUE_LABELS,
  PROJECT_STATUS_LABELS,
  PROJECT_TYPE_LABELS,
} from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { mountRoutes } from "../../lib/contract-routes";
import { readUpload, sendStoredFile } from "../../lib/file-transfer";
import { listPages } from "../../lib/pages";
import { createWrite, recordWrite } from "../../lib/route-writes";
import { type ExportColumn, mountTableExport } from "../../lib/table-export";
import { shanghaiTime } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { pipelineStats } from "./pipeline.service";
import { createProject, updateProject } from "./project-application";
import {
  ATTACHMENT_MAX_BYTES,
  addAttachment,
  assertCanAttach,
  readAttachment,
  removeAttachment,
} from "./project-attachments";
import { listDepartmentOptions, listReviewerOptions } from "./project-options";
import { getProject, listProjects } from "./project-read";
import { projectStepHandlers } from "./project-steps.routes";
import { subsidyPreview } from "./project-subsidy";
import { taskHandlers } from "./task.routes";

/**
 * The project library's routes. The JSON routes are the contract map PROJECT_ROUTES (packages/contracts,
 * the same map the web's api/projects.ts calls), mounted here with one handler per key: the reads and
 * the application here, the workflow steps in project-steps.routes.ts, coordination tasks in
 * task.routes.ts. The export and the attachments stay plain routes. app.ts registers only this plugin.
 */

const TAG = ["技改项目库"];
const wan = (fen: number | null) => (fen === null ? "" : formatFenAsWanYuan(fen));

const EXPORT_COLUMNS: ExportColumn<ProjectItem>[] = [
  { header: "项目名称", width: 36, value: (p) => p.name },
  { header: "企业名称", width: 32, value: (p) => p.enterpriseName },
  { header: "所属区", width: 12, value: (p) => p.districtName },
  { header: "项目类型", width: 12, value: (p) => PROJECT_TYPE_LABELS[p.type] },
  { header: "状态", width: 12, value: (p) => PROJECT_STATUS_LABELS[p.status] },
  { header: "预警", width: 16, value: (p) => p.overdue.map((o) => OVERDUE_LABELS[o]).join("、") },
  { header: "总投资（万元）", width: 14, value: (p) => wan(p.totalInvestmentFen) },
  { header: "设备投资（万元）", width: 14, value: (p) => wan(p.equipmentInvestmentFen) },
  { header: "软硬件投资（万元）", width: 14, value: (p) => wan(p.softwareInvestmentFen) },
  { header: "计划开工", width: 12, value: (p) => p.plannedStartDate },
  { header: "计划竣工", width: 12, value: (p) => p.plannedFinishDate },
  { header: "开工日期", width: 12, value: (p) => p.startedOn },
  { header: "竣工日期", width: 12, value: (p) => p.finishedOn },
  { header: "完成进度", width: 10, value: (p) => `${p.percentComplete}%` },
  { header: "累计完成投资（万元）", width: 16, value: (p) => wan(p.investmentCompletedFen) },
  { header: "专家评分", width: 10, value: (p) => p.expertScore },
  { header: "核定补助（万元）", width: 14, value: (p) => wan(p.approvedAmountFen) },
  { header: "已拨付（万元）", width: 14, value: (p) => wan(p.paidFen) },
  { header: "提交时间（北京时间）", width: 20, value: (p) => shanghaiTime(p.submittedAt) },
];

export const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  // The JSON routes: one handler per key of the contract map the web calls (PROJECT_ROUTES).
  mountRoutes(app, PROJECT_ROUTES, TAG, {
    "GET /api/projects": ({ query }, request) => listProjects(app.db, requireUser(request), query),
    "GET /api/projects/pipeline": ({ query }, request) =>
      pipelineStats(app.db, requireUser(request), query.districtCode),
    "GET /api/projects/reviewers": ({ query }, request) =>
      listReviewerOptions(app.db, requireUser(request), query.q),
    "GET /api/projects/departments": (_input, request) => listDepartmentOptions(app.db, requireUser(request)),
    "POST /api/projects": createWrite(app.db, createProject),
    "GET /api/projects/:id": ({ params }, request) => getProject(app.db, requireUser(request), params.id),
    "PUT /api/projects/:id": recordWrite(app.db, updateProject),
    "GET /api/projects/:id/subsidy-preview": ({ params }, request) =>
      subsidyPreview(app.db, requireUser(request), params.id),
    ...projectStepHandlers(app),
    ...taskHandlers(app),
  });

  // Files, not JSON: the export, attachment upload, download and removal.

  mountTableExport(app, {
    path: "/projects/export",
    tags: TAG,
    summary: "按筛选条件导出技改项目",
    query: ProjectListQuery.omit({ page: true, pageSize: true }),
    export: (query) => ({
      filename: "技改项目.xlsx",
      sheet: "技改项目",
      columns: EXPORT_COLUMNS,
      pages: (user) => listPages(listProjects, app.db, user, query),
      audit: { action: "project.export", entityType: "project" },
    }),
  });

  app.post(
    "/projects/:id/attachments",
    {
      schema: {
        tags: TAG,
        summary: "上传项目附件（multipart 字段 file；PDF/JPG/PNG，单个不超过 10 MB）",
        consumes: ["multipart/form-data"],
        params: IdParam,
        response: { 201: ProjectAttachment, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await assertCanAttach(app.db, user, request.params.id);
      const file = await readUpload(request, {
        maxBytes: ATTACHMENT_MAX_BYTES,
        missing: "请选择要上传的文件",
        tooLarge: "项目附件不能超过 10 MB",
      });
      const item = await addAttachment(app.db, user, actorOf(request), request.params.id, file);
      return reply.status(201).send(item);
    },
  );

  app.get(
    "/projects/:id/attachments/:attachmentId",
    {
      schema: {
        tags: TAG,
        summary: "下载项目附件",
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const a = await readAttachment(
        app.db,
        requireUser(request),
        request.params.id,
        request.params.attachmentId,
      );
      return sendStoredFile(reply, a, "attachment");
    },
  );

  app.delete(
    "/projects/:id/attachments/:attachmentId",
    {
      schema: {
        tags: TAG,
        summary: "删除项目附件（草稿或退回修改时）",
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeAttachment(
        app.db,
        requireUser(request),
        actorOf(request),
        request.params.id,
        request.params.attachmentId,
      );
      return reply.status(204).send(null);
    },
  );
};
