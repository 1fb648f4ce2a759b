import {
  AcceptRequest,
  AnswerTaskRequest,
  AssignReviewersRequest,
  CityDecisionRequest,
  CoordinationTask,
  CreateTaskRequest,
  DepartmentOption,
  DistrictReviewRequest,
  errorResponses,
  IdParam,
  PayTrancheRequest,
  PayTrancheResult,
  PipelineQuery,
  PipelineStats,
  ProjectApplication,
  ProjectAttachment,
  ProjectDetail,
  ProjectItem,
  ProjectListQuery,
  ProjectVersion,
  pageOf,
  RectifyRequest,
  ReportRequest,
  ReviewerOption,
  ScoreRequest,
  SubsidyPreview,
  TaskListQuery,
  UpdateProjectRequest,
} from "@dxcenter/contracts";
import {
  formatFenAsWanYuan,
  OVERDUE_LABELS,
  PROJECT_STATUS_LABELS,
  PROJECT_TYPE_LABELS,
} from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../errors";
import { sendXlsx, shanghaiTime, tableWorkbook } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf, recordAudit } from "../audit/audit.service";
import { pipelineStats } from "./pipeline.service";
import {
  ATTACHMENT_MAX_BYTES,
  acceptProject,
  addAttachment,
  assertCanAttach,
  assertProjectPermission,
  assignReviewers,
  createProject,
  decideProject,
  districtReview,
  findProjectRow,
  getProject,
  iterateProjectsForExport,
  listDepartmentOptions,
  listProjects,
  listReviewerOptions,
  payTranche,
  readAttachment,
  rectifyProject,
  removeAttachment,
  reportProgress,
  scoreProject,
  submitProject,
  subsidyPreview,
  updateProject,
} from "./project.service";
import { answerTask, createTask, listTasks } from "./task.service";

const TAG = ["技改项目库"];
const wan = (fen: number | null) => (fen === null ? "" : formatFenAsWanYuan(fen));

export const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/projects",
    {
      schema: {
        tags: TAG,
        summary: "技改项目列表（市：全部；区：本区；企业：本企业；专家：指派给本人评审的）",
        querystring: ProjectListQuery,
        response: { 200: pageOf(ProjectItem), ...errorResponses },
      },
    },
    async (request) => listProjects(app.db, requireUser(request), request.query),
  );

  app.get(
    "/projects/export",
    {
      schema: {
        tags: TAG,
        summary: "按筛选条件导出技改项目",
        querystring: ProjectListQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const rows: Record<string, unknown>[] = [];
      for await (const items of iterateProjectsForExport(app.db, user, request.query)) {
        for (const p of items) {
          rows.push({
            ...p,
            type: PROJECT_TYPE_LABELS[p.type],
            status: PROJECT_STATUS_LABELS[p.status],
            overdue: p.overdue.map((o) => OVERDUE_LABELS[o]).join("、"),
            totalInvestmentFen: wan(p.totalInvestmentFen),
            equipmentInvestmentFen: wan(p.equipmentInvestmentFen),
            softwareInvestmentFen: wan(p.softwareInvestmentFen),
            investmentCompletedFen: wan(p.investmentCompletedFen),
            approvedAmountFen: wan(p.approvedAmountFen),
            paidFen: wan(p.paidFen),
            percentComplete: `${p.percentComplete}%`,
            submittedAt: shanghaiTime(p.submittedAt),
          });
        }
      }
      const buf = await tableWorkbook(
        "技改项目",
        [
          { header: "项目名称", key: "name", width: 36 },
          { header: "企业名称", key: "enterpriseName", width: 32 },
          { header: "所属区", key: "districtName", width: 12 },
          { header: "项目类型", key: "type", width: 12 },
          { header: "状态", key: "status", width: 12 },
          { header: "预警", key: "overdue", width: 16 },
          { header: "总投资（万元）", key: "totalInvestmentFen", width: 14 },
          { header: "设备投资（万元）", key: "equipmentInvestmentFen", width: 14 },
          { header: "软硬件投资（万元）", key: "softwareInvestmentFen", width: 14 },
          { header: "计划开工", key: "plannedStartDate", width: 12 },
          { header: "计划竣工", key: "plannedFinishDate", width: 12 },
          { header: "开工日期", key: "startedOn", width: 12 },
          { header: "竣工日期", key: "finishedOn", width: 12 },
          { header: "完成进度", key: "percentComplete", width: 10 },
          { header: "累计完成投资（万元）", key: "investmentCompletedFen", width: 16 },
          { header: "专家评分", key: "expertScore", width: 10 },
          { header: "核定补助（万元）", key: "approvedAmountFen", width: 14 },
          { header: "已拨付（万元）", key: "paidFen", width: 14 },
          { header: "提交时间（北京时间）", key: "submittedAt", width: 20 },
        ],
        rows,
      );
      await recordAudit(app.db, actorOf(request), {
        action: "project.export",
        entityType: "project",
        districtCode: user.districtCode,
        after: { filters: request.query, rows: rows.length },
      });
      return sendXlsx(reply, "技改项目.xlsx").send(buf);
    },
  );

  app.get(
    "/projects/pipeline",
    {
      schema: {
        tags: TAG,
        summary: "项目储备与建设统计：按年度、状态的项目数与计划/完成投资，技改投资对比2023年",
        querystring: PipelineQuery,
        response: { 200: PipelineStats, ...errorResponses },
      },
    },
    async (request) => pipelineStats(app.db, requireUser(request), request.query.districtCode),
  );

  app.get(
    "/projects/reviewers",
    {
      schema: {
        tags: TAG,
        summary: "可指派的评审专家账号（含待评项目数）",
        querystring: z.object({ q: z.string().trim().max(50).optional() }),
        response: { 200: z.array(ReviewerOption), ...errorResponses },
      },
    },
    async (request) => listReviewerOptions(app.db, requireUser(request), request.query.q),
  );

  app.get(
    "/projects/departments",
    {
      schema: {
        tags: TAG,
        summary: "可发起协同任务的部门账号",
        response: { 200: z.array(DepartmentOption), ...errorResponses },
      },
    },
    async (request) => listDepartmentOptions(app.db, requireUser(request)),
  );

  app.post(
    "/projects",
    {
      schema: {
        tags: TAG,
        summary: "新建项目申报（企业为本企业；区/市为管辖范围内企业；金额以万元填写）",
        body: ProjectApplication,
        response: { 201: ProjectDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createProject(app.db, requireUser(request), actorOf(request), request.body)),
  );

  app.get(
    "/projects/:id",
    {
      schema: {
        tags: TAG,
        summary: "项目详情（评审、进度、附件、协同任务、分期拨付）",
        params: IdParam,
        response: { 200: ProjectDetail, ...errorResponses },
      },
    },
    async (request) => getProject(app.db, requireUser(request), request.params.id),
  );

  app.put(
    "/projects/:id",
    {
      schema: {
        tags: TAG,
        summary: "修改项目申报（草稿或退回修改时）",
        params: IdParam,
        body: UpdateProjectRequest,
        response: { 200: ProjectDetail, ...errorResponses },
      },
    },
    async (request) =>
      updateProject(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/projects/:id/submit",
    {
      schema: {
        tags: TAG,
        summary: "提交项目，进入区级初审",
        params: IdParam,
        body: ProjectVersion,
        response: { 200: ProjectDetail, ...errorResponses },
      },
    },
    async (request) =>
      submitProject(app.db, requireUser(request), actorOf(request), request.params.id, request.body.version),
  );

  app.post(
    "/projects/:id/district-review",
    {
      schema: {
        tags: TAG,
        summary: "区级初审：通过报市级评审 / 退回修改 / 不予通过",
        params: IdParam,
        body: DistrictReviewRequest,
        response: { 200: ProjectDetail, ...errorResponses },
      },
    },
    async (request) =>
      districtReview(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );

  app.put(
    "/projects/:id/reviewers",
    {
      schema: {
        tags: TAG,
        summary: "指派评审专家（市工信局）",
        params: IdParam,
        body: AssignReviewersRequest,
        response: { 200: ProjectDetail, ...errorResponses },
      },
    },
    async (request) =>
      assignReviewers(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/projects/:id/score",
    {
      schema: {
        tags: TAG,
        summary: "专家评分（仅指派给本人的项目，专家评审阶段）",
        params: IdParam,
        body: ScoreRequest,
        response: { 200: ProjectDetail, ...errorResponses },
      },
    },
    async (request) =>
      scoreProject(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );

  app.get(
    "/projects/:id/subsidy-preview",
    {
      schema: {
        tags: TAG,
        summary: "补助测算：每项按项目支持政策的评估结果与计算步骤（含不重复享受）",
        params: IdParam,
        response: { 200: SubsidyPreview, ...errorResponses },
      },
    },
    async (request) => subsidyPreview(app.db, requireUser(request), request.params.id),
  );

  app.post(
    "/projects/:id/decision",
    {
      schema: {
        tags: TAG,
        summary: "市级审定：立项（按所选政策核定补助并预留预算）或不予立项",
        params: IdParam,
        body: CityDecisionRequest,
        response: { 200: ProjectDetail, ...errorResponses },
      },
    },
    async (request) =>
      decideProject(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/projects/:id/reports",
    {
      schema: {
        tags: TAG,
        summary: "报告进度：开工 / 建设进度（完成百分比与累计完成投资，万元） / 竣工",
        params: IdParam,
        body: ReportRequest,
        response: { 200: ProjectDetail, ...errorResponses },
      },
    },
    async (request) =>
      reportProgress(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/projects/:id/accept",
    {
      schema: {
        tags: TAG,
        summary: "竣工验收（区/市工信部门）",
        params: IdParam,
        body: AcceptRequest,
        response: { 200: ProjectDetail, ...errorResponses },
      },
    },
    async (request) =>
      acceptProject(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/projects/:id/rectify",
    {
      schema: {
        tags: TAG,
        summary:
          "竣工验收退回整改（区/市工信部门）：须填写整改原因，项目回到建设中，企业再次报告竣工后重新验收",
        params: IdParam,
        body: RectifyRequest,
        response: { 200: ProjectDetail, ...errorResponses },
      },
    },
    async (request) =>
      rectifyProject(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/projects/:id/pay",
    {
      schema: {
        tags: TAG,
        summary: "分期拨付（市工信局；须达到该批次的节点；Idempotency-Key 保证重试不重复拨付）",
        params: IdParam,
        headers: z.object({ "idempotency-key": z.string().max(200).optional() }).loose(),
        body: PayTrancheRequest,
        response: { 200: PayTrancheResult, ...errorResponses },
      },
    },
    async (request) =>
      payTranche(
        app.db,
        requireUser(request),
        actorOf(request),
        request.params.id,
        request.body,
        request.headers["idempotency-key"] as string | undefined,
      ),
  );

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
      if (!request.isMultipart())
        throw new AppError(400, "VALIDATION", "请以 multipart/form-data 上传文件", "file");
      const part = await request.file({ limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1 } });
      if (!part) throw new AppError(400, "VALIDATION", "请选择要上传的文件", "file");
      const data = await part.toBuffer().catch((e: { code?: string }) => {
        if (e.code === "FST_REQ_FILE_TOO_LARGE")
          throw new AppError(413, "TOO_LARGE", "项目附件不能超过 10 MB", "file");
        throw e;
      });
      const item = await addAttachment(app.db, user, actorOf(request), request.params.id, {
        filename: part.filename,
        data,
      });
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
      return reply
        .type(a.mime)
        .header(
          "content-disposition",
          `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(a.filename)}`,
        )
        .send(a.content);
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

  app.post(
    "/projects/:id/tasks",
    {
      schema: {
        tags: TAG,
        summary: "发起协同任务（用地、用能、施工许可、环评…），指派给部门账号或部门",
        params: IdParam,
        body: CreateTaskRequest,
        response: { 201: CoordinationTask, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const task = await createTask(
        app.db,
        user,
        actorOf(request),
        request.params.id,
        request.body,
        async (tx) => {
          const row = await findProjectRow(tx, user, request.params.id, true);
          assertProjectPermission(user, row, "coordinate");
          return { districtCode: row.p.districtCode };
        },
      );
      return reply.status(201).send(task);
    },
  );

  app.get(
    "/coordination-tasks",
    {
      schema: {
        tags: TAG,
        summary: "协同任务（部门：仅指派给本部门的；区：本区项目的；市：全部）",
        querystring: TaskListQuery,
        response: { 200: pageOf(CoordinationTask), ...errorResponses },
      },
    },
    async (request) => listTasks(app.db, requireUser(request), request.query),
  );

  app.patch(
    "/coordination-tasks/:id",
    {
      schema: {
        tags: TAG,
        summary: "办理协同任务：更新状态并答复",
        params: IdParam,
        body: AnswerTaskRequest,
        response: { 200: CoordinationTask, ...errorResponses },
      },
    },
    async (request) =>
      answerTask(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );
};
