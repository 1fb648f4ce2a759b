import {
  AssessmentDetail,
  AssessmentItem,
  AssessmentListQuery,
  CreateAssessmentRequest,
  EvidenceParams,
  SaveAnswersRequest,
  SubmitAssessmentRequest,
} from "./assessment";
import { IdParam, pageOf } from "./common";
import { routeMap } from "./route";

/**
 * 评估诊断: the JSON routes of self-assessments and on-site assessments (modules/assessments; web
 * api/assessments.ts). The export, the evidence upload and the evidence download are files and
 * stay plain routes.
 */
export const ASSESSMENT_ROUTES = routeMap({
  "GET /api/assessments": {
    summary: "评估记录列表（市：全部；区：本区企业；企业：本企业）",
    query: AssessmentListQuery,
    status: 200,
    response: pageOf(AssessmentItem),
  },
  "POST /api/assessments": {
    summary: "新建自评估（企业为本企业；区/市为管辖范围内企业）",
    body: CreateAssessmentRequest,
    status: 201,
    response: AssessmentDetail,
  },
  "GET /api/assessments/:id": {
    summary: "评估详情：答案、得分（草稿为实时预览，已提交为提交时快照）",
    params: IdParam,
    status: 200,
    response: AssessmentDetail,
  },
  "PUT /api/assessments/:id/answers": {
    summary: "保存草稿答案（自动保存；须带 version；已提交的评估不可修改）",
    params: IdParam,
    body: SaveAnswersRequest,
    status: 200,
    response: AssessmentDetail,
  },
  "POST /api/assessments/:id/submit": {
    summary: "提交评估（须勾选真实性承诺；提交后不可修改）",
    params: IdParam,
    body: SubmitAssessmentRequest,
    status: 200,
    response: AssessmentDetail,
  },
  "DELETE /api/assessments/:id/evidence/:evidenceId": {
    summary: "删除佐证材料（仅草稿）",
    params: EvidenceParams,
    status: 204,
  },
});
export type AssessmentRoutes = typeof ASSESSMENT_ROUTES;
