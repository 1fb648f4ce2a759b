import {
  ASSESSMENT_ROUTES,
  type AssessmentItem,
  AssessmentListQuery,
  EVIDENCE_MAX_BYTES,
  EvidenceItem,
  EvidenceParams,
  EvidenceUploadQuery,
  errorResponses,
  IdParam,
} from "@dxcenter/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { mountRoutes } from "../../lib/contract-routes";
import { readUpload, sendStoredFile } from "../../lib/file-transfer";
import { listPages } from "../../lib/pages";
import { createWrite } from "../../lib/route-writes";
import { type ExportColumn, mountTableExport } from "../../lib/table-export";
import { shanghaiTime } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { listAssessments } from "./assessment.queries";
import { createAssessment, getAssessment, saveAnswers, submitAssessment } from "./assessment.service";
import { addEvidence, assertCanAddEvidence, readEvidence, removeEvidence } from "./evidence.service";

const TAG = ["评估诊断"];

const EXPORT_COLUMNS: ExportColumn<AssessmentItem>[] = [
  { header: "企业名称", width: 36, value: (a) => a.enterpriseName },
  { header: "所属区", width: 12, value: (a) => a.districtName },
  { header: "评估量表", width: 40, value: (a) => a.instrumentName },
  { header: "量表版本", width: 16, value: (a) => a.instrumentVersion },
  { header: "状态", width: 10, value: (a) => (a.status === "submitted" ? "已提交" : "草稿") },
  { header: "得分", width: 10, value: (a) => a.total },
  { header: "满分", width: 10, value: (a) => a.maxTotal },
  { header: "等级", width: 10, value: (a) => a.levelName },
  { header: "填写进度（%）", width: 12, value: (a) => a.progress },
  { header: "提交时间（北京时间）", width: 20, value: (a) => shanghaiTime(a.submittedAt) },
];

/**
 * 评估诊断. The JSON routes are the contract map ASSESSMENT_ROUTES (the same map the web's
 * api/assessments.ts calls), one handler per key; the export and the evidence upload and download
 * are files and stay plain routes.
 */
export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  mountRoutes(app, ASSESSMENT_ROUTES, TAG, {
    "GET /api/assessments": ({ query }, request) => listAssessments(app.db, requireUser(request), query),
    "POST /api/assessments": createWrite(app.db, createAssessment),
    "GET /api/assessments/:id": ({ params }, request) =>
      getAssessment(app.db, requireUser(request), params.id),
    "PUT /api/assessments/:id/answers": ({ params, body }, request) =>
      saveAnswers(app.db, requireUser(request), actorOf(request), params.id, {
        answers: body.answers,
        version: body.version,
      }),
    "POST /api/assessments/:id/submit": ({ params, body }, request) =>
      submitAssessment(app.db, requireUser(request), actorOf(request), params.id, { version: body.version }),
    "DELETE /api/assessments/:id/evidence/:evidenceId": async ({ params }, request) => {
      await removeEvidence(app.db, requireUser(request), actorOf(request), params.id, params.evidenceId);
      return undefined;
    },
  });

  // Files, not JSON: the export, evidence upload and download.

  mountTableExport(app, {
    path: "/export",
    tags: TAG,
    summary: "按筛选条件导出评估记录",
    query: AssessmentListQuery.omit({ page: true, pageSize: true }),
    export: (query) => ({
      filename: "评估记录.xlsx",
      sheet: "评估记录",
      columns: EXPORT_COLUMNS,
      pages: (user) => listPages(listAssessments, app.db, user, query),
      audit: { action: "assessment.export", entityType: "assessment" },
    }),
  });

  app.post(
    "/:id/evidence",
    {
      schema: {
        tags: TAG,
        summary: "上传某题的佐证材料（multipart 字段 file；PDF/JPG/PNG，单个不超过 10 MB；仅草稿）",
        consumes: ["multipart/form-data"],
        params: IdParam,
        querystring: EvidenceUploadQuery,
        response: { 201: EvidenceItem, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await assertCanAddEvidence(app.db, user, request.params.id);
      const file = await readUpload(request, {
        maxBytes: EVIDENCE_MAX_BYTES,
        missing: "请选择要上传的文件",
        tooLarge: "佐证文件不能超过 10 MB",
      });
      const item = await addEvidence(
        app.db,
        user,
        actorOf(request),
        request.params.id,
        request.query.questionId,
        file,
      );
      return reply.status(201).send(item);
    },
  );

  app.get(
    "/:id/evidence/:evidenceId",
    {
      schema: {
        tags: TAG,
        summary: "下载佐证材料",
        params: EvidenceParams,
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ev = await readEvidence(
        app.db,
        requireUser(request),
        request.params.id,
        request.params.evidenceId,
      );
      return sendStoredFile(reply, ev, "evidence");
    },
  );
};
