import {
  Assignee,
  AssigneeQuery,
  AssignTeamRequest,
  CancelDiagnosisRequest,
  CloseDiagnosisRequest,
  CreateDiagnosisRequest,
  CreatePlanRequest,
  DiagnosisDetail,
  DiagnosisItem,
  DiagnosisListQuery,
  DiagnosisPlan,
  errorResponses,
  IdParam,
  PlanListQuery,
  pageOf,
  ScheduleDiagnosisRequest,
  UpdatePlanRequest,
  VersionOnly,
} from "@dxcenter/contracts";
import { DIAGNOSIS_STATUS_LABELS } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type ExportColumn, sendTableExport } from "../../lib/table-export";
import { shanghaiTime } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { iterateDiagnosesForExport, listDiagnoses } from "./diagnosis.queries";
import {
  cancelDiagnosis,
  closeDiagnosis,
  requestDiagnosis,
  scheduleDiagnosis,
  startOnsite,
} from "./diagnosis.workflow";
import { getDiagnosis } from "./diagnosis-detail";
import { assignTeam, listAssignees } from "./diagnosis-team";
import { createPlan, iteratePlansForExport, listPlans, updatePlan } from "./plan.service";

const TAG = ["诊断服务"];
const SOURCE_LABELS = { enterprise: "企业申请", district: "区工信部门", city: "市工信局" } as const;

const DIAGNOSIS_COLUMNS: ExportColumn<DiagnosisItem>[] = [
  { header: "企业名称", width: 36, value: (d) => d.enterpriseName },
  { header: "所属区", width: 12, value: (d) => d.districtName },
  { header: "状态", width: 12, value: (d) => DIAGNOSIS_STATUS_LABELS[d.status] },
  { header: "逾期", width: 8, value: (d) => (d.overdue ? "逾期" : "") },
  { header: "来源", width: 12, value: (d) => SOURCE_LABELS[d.source] },
  { header: "诊断计划", width: 28, value: (d) => d.planName },
  { header: "走访日期", width: 12, value: (d) => d.visitDate },
  {
    header: "诊断团队",
    width: 48,
    value: (d) =>
      d.team
        .map(
          (m) => `${m.displayName}${m.organization ? `（${m.organization}）` : ""}${m.lead ? "[组长]" : ""}`,
        )
        .join("、"),
  },
  { header: "评估量表", width: 36, value: (d) => d.instrumentName },
  { header: "需求说明", width: 40, value: (d) => d.requestNote },
  { header: "申请时间（北京时间）", width: 20, value: (d) => shanghaiTime(d.requestedAt) },
  { header: "现场评定提交时间", width: 20, value: (d) => shanghaiTime(d.visitedAt) },
  { header: "办结时间", width: 20, value: (d) => shanghaiTime(d.closedAt) },
];

const PLAN_COLUMNS: ExportColumn<DiagnosisPlan>[] = [
  { header: "计划名称", width: 32, value: (p) => p.name },
  { header: "所属区", width: 12, value: (p) => p.districtName },
  { header: "开始日期", width: 12, value: (p) => p.startDate },
  { header: "结束日期", width: 12, value: (p) => p.endDate },
  { header: "纳入企业数", width: 12, value: (p) => p.total },
  { header: "已完成现场评定", width: 14, value: (p) => p.visited },
  { header: "已办结", width: 10, value: (p) => p.closed },
  { header: "逾期未走访", width: 12, value: (p) => p.overdue },
  {
    header: "完成率",
    width: 10,
    value: (p) => (p.total ? `${Math.round((p.visited / p.total) * 100)}%` : "—"),
  },
  { header: "备注", width: 40, value: (p) => p.note },
];

export const diagnosisRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/",
    {
      schema: {
        tags: TAG,
        summary: "诊断服务单列表（市：全部；区：本区；企业：本企业；服务商/专家：指派给本人的）",
        querystring: DiagnosisListQuery,
        response: { 200: pageOf(DiagnosisItem), ...errorResponses },
      },
    },
    async (request) => listDiagnoses(app.db, requireUser(request), request.query),
  );

  app.get(
    "/export",
    {
      schema: {
        tags: TAG,
        summary: "按筛选条件导出诊断服务单",
        querystring: DiagnosisListQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) =>
      sendTableExport(app.db, request, reply, {
        filename: "诊断服务单.xlsx",
        sheet: "诊断服务单",
        columns: DIAGNOSIS_COLUMNS,
        pages: (user) => iterateDiagnosesForExport(app.db, user, request.query),
        audit: { action: "diagnosis.export", entityType: "diagnosis" },
      }),
  );

  app.post(
    "/",
    {
      schema: {
        tags: TAG,
        summary: "申请诊断（企业为本企业；区/市为管辖范围内企业）",
        body: CreateDiagnosisRequest,
        response: { 201: DiagnosisDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await requestDiagnosis(app.db, requireUser(request), actorOf(request), request.body)),
  );

  app.get(
    "/assignees",
    {
      schema: {
        tags: TAG,
        summary: "可指派的服务商和专家账号（含在办诊断数）",
        querystring: AssigneeQuery,
        response: { 200: z.array(Assignee), ...errorResponses },
      },
    },
    async (request) => listAssignees(app.db, requireUser(request), request.query),
  );

  app.get(
    "/plans",
    {
      schema: {
        tags: TAG,
        summary: "诊断计划及进度（市：全部；区：本区）",
        querystring: PlanListQuery,
        response: { 200: pageOf(DiagnosisPlan), ...errorResponses },
      },
    },
    async (request) => listPlans(app.db, requireUser(request), request.query),
  );

  app.get(
    "/plans/export",
    {
      schema: {
        tags: TAG,
        summary: "导出诊断计划及进度",
        querystring: PlanListQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) =>
      sendTableExport(app.db, request, reply, {
        filename: "诊断计划.xlsx",
        sheet: "诊断计划",
        columns: PLAN_COLUMNS,
        pages: (user) => iteratePlansForExport(app.db, user, request.query),
        audit: { action: "diagnosis_plan.export", entityType: "diagnosis_plan" },
      }),
  );

  app.post(
    "/plans",
    {
      schema: {
        tags: TAG,
        summary: "新建诊断计划（区为本区；市须选择区）",
        body: CreatePlanRequest,
        response: { 201: DiagnosisPlan, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createPlan(app.db, requireUser(request), actorOf(request), request.body)),
  );

  app.patch(
    "/plans/:id",
    {
      schema: {
        tags: TAG,
        summary: "修改诊断计划（名称、起止日期、备注；须带 version）",
        params: IdParam,
        body: UpdatePlanRequest,
        response: { 200: DiagnosisPlan, ...errorResponses },
      },
    },
    async (request) =>
      updatePlan(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );

  app.get(
    "/:id",
    {
      schema: {
        tags: TAG,
        summary: "诊断服务单详情：流程、团队、自评与现场评定对比、可执行的操作",
        params: IdParam,
        response: { 200: DiagnosisDetail, ...errorResponses },
      },
    },
    async (request) => getDiagnosis(app.db, requireUser(request), request.params.id),
  );

  app.post(
    "/:id/schedule",
    {
      schema: {
        tags: TAG,
        summary: "纳入诊断计划并确定走访日期（区/市）",
        params: IdParam,
        body: ScheduleDiagnosisRequest,
        response: { 200: DiagnosisDetail, ...errorResponses },
      },
    },
    async (request) =>
      scheduleDiagnosis(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );

  app.put(
    "/:id/team",
    {
      schema: {
        tags: TAG,
        summary: "指派诊断团队（服务商/专家账号，可设组长；区/市）",
        params: IdParam,
        body: AssignTeamRequest,
        response: { 200: DiagnosisDetail, ...errorResponses },
      },
    },
    async (request) =>
      assignTeam(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/:id/start",
    {
      schema: {
        tags: TAG,
        summary: "开始现场评定：新建现场评定记录（以企业最近一次自评为起点）",
        params: IdParam,
        body: VersionOnly,
        response: { 200: DiagnosisDetail, ...errorResponses },
      },
    },
    async (request) =>
      startOnsite(app.db, requireUser(request), actorOf(request), request.params.id, request.body.version),
  );

  app.post(
    "/:id/close",
    {
      schema: {
        tags: TAG,
        summary: "出具诊断意见并办结（现场评定提交后；团队或区/市）",
        params: IdParam,
        body: CloseDiagnosisRequest,
        response: { 200: DiagnosisDetail, ...errorResponses },
      },
    },
    async (request) =>
      closeDiagnosis(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/:id/cancel",
    {
      schema: {
        tags: TAG,
        summary: "取消诊断（区/市；企业可撤回尚未排期的申请）",
        params: IdParam,
        body: CancelDiagnosisRequest,
        response: { 200: DiagnosisDetail, ...errorResponses },
      },
    },
    async (request) =>
      cancelDiagnosis(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );
};
