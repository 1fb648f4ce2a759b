import { z } from "zod";
import { IdParam, pageOf } from "./common";
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
  PlanListQuery,
  ScheduleDiagnosisRequest,
  UpdatePlanRequest,
  VersionOnly,
} from "./diagnosis";
import { routeMap } from "./route";

/**
 * 诊断服务: the JSON routes of diagnoses and diagnosis plans (modules/diagnoses; web
 * api/diagnoses.ts). The two xlsx exports are files and stay plain routes.
 */
export const DIAGNOSIS_ROUTES = routeMap({
  "GET /api/diagnoses": {
    summary: "诊断服务单列表（市：全部；区：本区；企业：本企业；服务商/专家：指派给本人的）",
    query: DiagnosisListQuery,
    status: 200,
    response: pageOf(DiagnosisItem),
  },
  "POST /api/diagnoses": {
    summary: "申请诊断（企业为本企业；区/市为管辖范围内企业）",
    body: CreateDiagnosisRequest,
    status: 201,
    response: DiagnosisDetail,
  },
  "GET /api/diagnoses/assignees": {
    summary: "可指派的服务商和专家账号（含在办诊断数）",
    query: AssigneeQuery,
    status: 200,
    response: z.array(Assignee),
  },
  "GET /api/diagnoses/plans": {
    summary: "诊断计划及进度（市：全部；区：本区）",
    query: PlanListQuery,
    status: 200,
    response: pageOf(DiagnosisPlan),
  },
  "POST /api/diagnoses/plans": {
    summary: "新建诊断计划（区为本区；市须选择区）",
    body: CreatePlanRequest,
    status: 201,
    response: DiagnosisPlan,
  },
  "PATCH /api/diagnoses/plans/:id": {
    summary: "修改诊断计划（名称、起止日期、备注；须带 version）",
    params: IdParam,
    body: UpdatePlanRequest,
    status: 200,
    response: DiagnosisPlan,
  },
  "GET /api/diagnoses/:id": {
    summary: "诊断服务单详情：流程、团队、自评与现场评定对比、可执行的操作",
    params: IdParam,
    status: 200,
    response: DiagnosisDetail,
  },
  "POST /api/diagnoses/:id/schedule": {
    summary: "纳入诊断计划并确定走访日期（区/市）",
    params: IdParam,
    body: ScheduleDiagnosisRequest,
    status: 200,
    response: DiagnosisDetail,
  },
  "PUT /api/diagnoses/:id/team": {
    summary: "指派诊断团队（服务商/专家账号，可设组长；区/市）",
    params: IdParam,
    body: AssignTeamRequest,
    status: 200,
    response: DiagnosisDetail,
  },
  "POST /api/diagnoses/:id/start": {
    summary: "开始现场评定：新建现场评定记录（以企业最近一次自评为起点）",
    params: IdParam,
    body: VersionOnly,
    status: 200,
    response: DiagnosisDetail,
  },
  "POST /api/diagnoses/:id/close": {
    summary: "出具诊断意见并办结（现场评定提交后；团队或区/市）",
    params: IdParam,
    body: CloseDiagnosisRequest,
    status: 200,
    response: DiagnosisDetail,
  },
  "POST /api/diagnoses/:id/cancel": {
    summary: "取消诊断（区/市；企业可撤回尚未排期的申请）",
    params: IdParam,
    body: CancelDiagnosisRequest,
    status: 200,
    response: DiagnosisDetail,
  },
});
export type DiagnosisRoutes = typeof DIAGNOSIS_ROUTES;
