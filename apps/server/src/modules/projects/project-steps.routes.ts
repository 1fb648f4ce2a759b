import type { ProjectRoutes } from "@dxcenter/contracts";
import type { FastifyInstance } from "fastify";
import type { RouteHandlers } from "../../lib/contract-routes";
import { recordWrite } from "../../lib/route-writes";
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
    "POST /api/projects/:id/district-review": recordWrite(app.db, districtReview),
    "PUT /api/projects/:id/reviewers": recordWrite(app.db, assignReviewers),
    "POST /api/projects/:id/score": recordWrite(app.db, scoreProject),
    "POST /api/projects/:id/decision": recordWrite(app.db, decideProject),
    "POST /api/projects/:id/reports": recordWrite(app.db, reportProgress),
    "POST /api/projects/:id/accept": recordWrite(app.db, acceptProject),
    "POST /api/projects/:id/rectify": recordWrite(app.db, rectifyProject),
    "POST /api/projects/:id/pay": ({ params, body, headers }, request) =>
      payTranche(app.db, requireUser(request), actorOf(request), params.id, body, headers["idempotency-key"]),
  }) satisfies Partial<RouteHandlers<ProjectRoutes>>;
