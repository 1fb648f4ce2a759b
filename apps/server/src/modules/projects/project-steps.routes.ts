import type { ProjectRoutes } from "@dxcenter/contracts";
import type { FastifyInstance } from "fastify";
import type { RouteHandlers } from "../../lib/contract-routes";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { decideProject } from "./approve-project";
import { submitProject } from "./project-application";
import { acceptProject, rectifyProject, reportProgress } from "./project-progress";
import { assignReviewers, districtReview, scoreProject } from "./project-review";
import { payTranche } from "./project-tranches";

/** The project workflow's steps, one POST/PUT each (who may take which is domain projectWorkflow). */
export const projectStepHandlers = (app: FastifyInstance) =>
  ({
    "POST /api/projects/:id/submit": ({ params, body }, request) =>
      submitProject(app.db, requireUser(request), actorOf(request), params.id, body.version),
    "POST /api/projects/:id/district-review": ({ params, body }, request) =>
      districtReview(app.db, requireUser(request), actorOf(request), params.id, body),
    "PUT /api/projects/:id/reviewers": ({ params, body }, request) =>
      assignReviewers(app.db, requireUser(request), actorOf(request), params.id, body),
    "POST /api/projects/:id/score": ({ params, body }, request) =>
      scoreProject(app.db, requireUser(request), actorOf(request), params.id, body),
    "POST /api/projects/:id/decision": ({ params, body }, request) =>
      decideProject(app.db, requireUser(request), actorOf(request), params.id, body),
    "POST /api/projects/:id/reports": ({ params, body }, request) =>
      reportProgress(app.db, requireUser(request), actorOf(request), params.id, body),
    "POST /api/projects/:id/accept": ({ params, body }, request) =>
      acceptProject(app.db, requireUser(request), actorOf(request), params.id, body),
    "POST /api/projects/:id/rectify": ({ params, body }, request) =>
      rectifyProject(app.db, requireUser(request), actorOf(request), params.id, body),
    "POST /api/projects/:id/pay": ({ params, body, headers }, request) =>
      payTranche(app.db, requireUser(request), actorOf(request), params.id, body, headers["idempotency-key"]),
  }) satisfies Partial<RouteHandlers<ProjectRoutes>>;
