import { z } from "zod";
import { IdParam, pageOf } from "./common";
import {
  AcceptRequest,
  AnswerTaskRequest,
  AssignReviewersRequest,
  CityDecisionRequest,
  CoordinationTask,
  CreateTaskRequest,
  DepartmentOption,
  DistrictReviewRequest,
  PayTrancheRequest,
  PayTrancheResult,
  PipelineQuery,
  PipelineStats,
  ProjectApplication,
  ProjectDetail,
  ProjectItem,
  ProjectListQuery,
  ProjectVersion,
  RectifyRequest,
  ReportRequest,
  ReviewerOption,
  ScoreRequest,
  SubsidyPreview,
  TaskListQuery,
  UpdateProjectRequest,
} from "./project";
import { routeMap } from "./route";

/**
 * 技改项目库: the JSON routes of the project library as one typed map. The server mounts it
 * (modules/projects), the web calls it (api/projects.ts). Exports, uploads and downloads are files,
 * not JSON, and stay plain routes.
 */
export const PROJECT_ROUTES = routeMap({
  "GET /api/projects": {
    summary: "技改项目列表（市：全部；区：本区；企业：本企业；专家：指派给本人评审的）",
    query: ProjectListQuery,
    status: 200,
    response: pageOf(ProjectItem),
  },
  "GET /api/projects/pipeline": {
    summary: "项目储备与建设统计：按年度、状态的项目数与计划/完成投资，技改投资对比2023年",
    query: PipelineQuery,
    status: 200,
    response: PipelineStats,
  },
  "GET /api/projects/reviewers": {
    summary: "可指派的评审专家账号（含待评项目数）",
    query: z.object({ q: z.string().trim().max(50).optional() }),
    status: 200,
    response: z.array(ReviewerOption),
  },
  "GET /api/projects/departments": {
    summary: "可发起协同任务的部门账号",
    status: 200,
    response: z.array(DepartmentOption),
  },
  "POST /api/projects": {
    summary: "新建项目申报（企业为本企业；区/市为管辖范围内企业；金额以万元填写）",
    body: ProjectApplication,
    status: 201,
    response: ProjectDetail,
  },
  "GET /api/projects/:id": {
    summary: "项目详情（评审、进度、附件、协同任务、分期拨付）",
    params: IdParam,
    status: 200,
    response: ProjectDetail,
  },
  "PUT /api/projects/:id": {
    summary: "修改项目申报（草稿或退回修改时）",
    params: IdParam,
    body: UpdateProjectRequest,
    status: 200,
    response: ProjectDetail,
  },
  "POST /api/projects/:id/submit": {
    summary: "提交项目，进入区级初审",
    params: IdParam,
    body: ProjectVersion,
    status: 200,
    response: ProjectDetail,
  },
  "POST /api/projects/:id/district-review": {
    summary: "区级初审：通过报市级评审 / 退回修改 / 不予通过",
    params: IdParam,
    body: DistrictReviewRequest,
    status: 200,
    response: ProjectDetail,
  },
  "PUT /api/projects/:id/reviewers": {
    summary: "指派评审专家（市工信局）",
    params: IdParam,
    body: AssignReviewersRequest,
    status: 200,
    response: ProjectDetail,
  },
  "POST /api/projects/:id/score": {
    summary: "专家评分（仅指派给本人的项目，专家评审阶段）",
    params: IdParam,
    body: ScoreRequest,
    status: 200,
    response: ProjectDetail,
  },
  "GET /api/projects/:id/subsidy-preview": {
    summary: "补助测算：每项按项目支持政策的评估结果与计算步骤（含不重复享受）",
    params: IdParam,
    status: 200,
    response: SubsidyPreview,
  },
  "POST /api/projects/:id/decision": {
    summary: "市级审定：立项（按所选政策核定补助并预留预算）或不予立项",
    params: IdParam,
    body: CityDecisionRequest,
    status: 200,
    response: ProjectDetail,
  },
  "POST /api/projects/:id/reports": {
    summary: "报告进度：开工 / 建设进度（完成百分比与累计完成投资，万元） / 竣工",
    params: IdParam,
    body: ReportRequest,
    status: 200,
    response: ProjectDetail,
  },
  "POST /api/projects/:id/accept": {
    summary: "竣工验收（区/市工信部门）",
    params: IdParam,
    body: AcceptRequest,
    status: 200,
    response: ProjectDetail,
  },
  "POST /api/projects/:id/rectify": {
    summary: "竣工验收退回整改（区/市工信部门）：须填写整改原因，项目回到建设中，企业再次报告竣工后重新验收",
    params: IdParam,
    body: RectifyRequest,
    status: 200,
    response: ProjectDetail,
  },
  "POST /api/projects/:id/pay": {
    summary: "分期拨付（市工信局；须达到该批次的节点；Idempotency-Key 保证重试不重复拨付）",
    params: IdParam,
    body: PayTrancheRequest,
    status: 200,
    response: PayTrancheResult,
  },
  "POST /api/projects/:id/tasks": {
    summary: "发起协同任务（用地、用能、施工许可、环评…），指派给部门账号或部门",
    params: IdParam,
    body: CreateTaskRequest,
    status: 201,
    response: CoordinationTask,
  },
  "GET /api/coordination-tasks": {
    summary: "协同任务（部门：仅指派给本部门的；区：本区项目的；市：全部）",
    query: TaskListQuery,
    status: 200,
    response: pageOf(CoordinationTask),
  },
  "PATCH /api/coordination-tasks/:id": {
    summary: "办理协同任务：更新状态并答复",
    params: IdParam,
    body: AnswerTaskRequest,
    status: 200,
    response: CoordinationTask,
  },
});
export type ProjectRoutes = typeof PROJECT_ROUTES;
