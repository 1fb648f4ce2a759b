import {
  AcceptRequest,
  AssignReviewersRequest,
  CityDecisionRequest,
  DistrictReviewRequest,
  errorResponses,
  IdParam,
  PayTrancheRequest,
  PayTrancheResult,
  ProjectDetail,
  ProjectVersion,
  RectifyRequest,
  ReportRequest,
  ScoreRequest,
} from "@dxcenter/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { decideProject } from "./approve-project";
import { submitProject } from "./project-application";
import { acceptProject, rectifyProject, reportProgress } from "./project-progress";
import { assignReviewers, districtReview, scoreProject } from "./project-review";
import { payTranche } from "./project-tranches";

const TAG = ["技改项目库"];
/** The project workflow's steps, one POST/PUT each (who may take which is domain projectWorkflow). */
export const projectStepRoutes: FastifyPluginAsyncZod = async (app) => {
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
        request.headers["idempotency-key"],
      ),
  );
};
