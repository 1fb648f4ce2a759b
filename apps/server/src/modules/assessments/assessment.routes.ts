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
import { sendXlsx, shanghaiTime, tableWorkbook } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf, recordAudit } from "../audit/audit.service";
import {
  createAssessment,
  getAssessment,
  iterateAssessmentsForExport,
  listAssessments,
  saveAnswers,
  submitAssessment,
} from "./assessment.service";
import { addEvidence, assertCanAddEvidence, readEvidence, removeEvidence } from "./evidence.service";

const TAG = ["评估诊断"];

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
    async (request, reply) => {
      const user = requireUser(request);
      const rows: Record<string, unknown>[] = [];
      for await (const items of iterateAssessmentsForExport(app.db, user, request.query)) {
        for (const a of items) {
          rows.push({
            ...a,
            status: a.status === "submitted" ? "已提交" : "草稿",
            submittedAt: shanghaiTime(a.submittedAt),
          });
        }
      }
      const buf = await tableWorkbook(
        "评估记录",
        [
          { header: "企业名称", key: "enterpriseName", width: 36 },
          { header: "所属区", key: "districtName", width: 12 },
          { header: "评估量表", key: "instrumentName", width: 40 },
          { header: "量表版本", key: "instrumentVersion", width: 16 },
          { header: "状态", key: "status", width: 10 },
          { header: "得分", key: "total", width: 10 },
          { header: "满分", key: "maxTotal", width: 10 },
          { header: "等级", key: "levelName", width: 10 },
          { header: "填写进度（%）", key: "progress", width: 12 },
          { header: "提交时间（北京时间）", key: "submittedAt", width: 20 },
        ],
        rows,
      );
      await recordAudit(app.db, actorOf(request), {
        action: "assessment.export",
        entityType: "assessment",
        districtCode: user.districtCode,
        after: { filters: request.query },
      });
      return sendXlsx(reply, "评估记录.xlsx").send(buf);
    },
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
