import {
  AssessmentDetail,
  AssessmentItem,
  AssessmentListQuery,
  CreateAssessmentRequest,
  EVIDENCE_MAX_BYTES,
  EvidenceItem,
  errorResponses,
  IdParam,
  pageOf,
  SaveAnswersRequest,
  SubmitAssessmentRequest,
} from "@dxcenter/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../errors";
import { type ExportColumn, sendTableExport } from "../../lib/table-export";
import { shanghaiTime } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { iterateAssessmentsForExport, listAssessments } from "./assessment.queries";
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

export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/",
    {
      schema: {
        tags: TAG,
        summary: "评估记录列表（市：全部；区：本区企业；企业：本企业）",
        querystring: AssessmentListQuery,
        response: { 200: pageOf(AssessmentItem), ...errorResponses },
      },
    },
    async (request) => listAssessments(app.db, requireUser(request), request.query),
  );

  app.get(
    "/export",
    {
      schema: {
        tags: TAG,
        summary: "按筛选条件导出评估记录",
        querystring: AssessmentListQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) =>
      sendTableExport(app.db, request, reply, {
        filename: "评估记录.xlsx",
        sheet: "评估记录",
        columns: EXPORT_COLUMNS,
        pages: (user) => iterateAssessmentsForExport(app.db, user, request.query),
        audit: { action: "assessment.export", entityType: "assessment" },
      }),
  );

  app.post(
    "/",
    {
      schema: {
        tags: TAG,
        summary: "新建自评估（企业为本企业；区/市为管辖范围内企业）",
        body: CreateAssessmentRequest,
        response: { 201: AssessmentDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const detail = await createAssessment(app.db, requireUser(request), actorOf(request), request.body);
      return reply.status(201).send(detail);
    },
  );

  app.get(
    "/:id",
    {
      schema: {
        tags: TAG,
        summary: "评估详情：答案、得分（草稿为实时预览，已提交为提交时快照）",
        params: IdParam,
        response: { 200: AssessmentDetail, ...errorResponses },
      },
    },
    async (request) => getAssessment(app.db, requireUser(request), request.params.id),
  );

  app.put(
    "/:id/answers",
    {
      schema: {
        tags: TAG,
        summary: "保存草稿答案（自动保存；须带 version；已提交的评估不可修改）",
        params: IdParam,
        body: SaveAnswersRequest,
        response: { 200: AssessmentDetail, ...errorResponses },
      },
    },
    async (request) =>
      saveAnswers(app.db, requireUser(request), actorOf(request), request.params.id, {
        answers: request.body.answers,
        version: request.body.version,
      }),
  );

  app.post(
    "/:id/submit",
    {
      schema: {
        tags: TAG,
        summary: "提交评估（须勾选真实性承诺；提交后不可修改）",
        params: IdParam,
        body: SubmitAssessmentRequest,
        response: { 200: AssessmentDetail, ...errorResponses },
      },
    },
    async (request) =>
      submitAssessment(app.db, requireUser(request), actorOf(request), request.params.id, {
        version: request.body.version,
      }),
  );

  app.post(
    "/:id/evidence",
    {
      schema: {
        tags: TAG,
        summary: "上传某题的佐证材料（multipart 字段 file；PDF/JPG/PNG，单个不超过 10 MB；仅草稿）",
        consumes: ["multipart/form-data"],
        params: IdParam,
        querystring: z.object({ questionId: z.string().min(1).max(50) }),
        response: { 201: EvidenceItem, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await assertCanAddEvidence(app.db, user, request.params.id);
      if (!request.isMultipart())
        throw new AppError(400, "VALIDATION", "请以 multipart/form-data 上传文件", "file");
      const part = await request.file({ limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1 } });
      if (!part) throw new AppError(400, "VALIDATION", "请选择要上传的文件", "file");
      const data = await part.toBuffer().catch((e: { code?: string }) => {
        if (e.code === "FST_REQ_FILE_TOO_LARGE") {
          throw new AppError(413, "TOO_LARGE", "佐证文件不能超过 10 MB", "file");
        }
        throw e;
      });
      const item = await addEvidence(
        app.db,
        user,
        actorOf(request),
        request.params.id,
        request.query.questionId,
        {
          filename: part.filename,
          data,
        },
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
        params: z.object({ id: z.uuid(), evidenceId: z.uuid() }),
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
      return reply
        .type(ev.mime)
        .header(
          "content-disposition",
          `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(ev.filename)}`,
        )
        .send(ev.content);
    },
  );

  app.delete(
    "/:id/evidence/:evidenceId",
    {
      schema: {
        tags: TAG,
        summary: "删除佐证材料（仅草稿）",
        params: z.object({ id: z.uuid(), evidenceId: z.uuid() }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeEvidence(
        app.db,
        requireUser(request),
        actorOf(request),
        request.params.id,
        request.params.evidenceId,
      );
      return reply.status(204).send(null);
    },
  );
};
