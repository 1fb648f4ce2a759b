import type { ProjectRoutes } from "@dxcenter/contracts";
import type { FastifyInstance } from "fastify";
import type { RouteHandlers } from "../../lib/contract-routes";
import { recordWrite } from "../../lib/route-writes";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { findProjectRow } from "./project.queries";
import { assertProjectStep } from "./project-guard";
import { answerTask, createTask, listTasks } from "./task.service";

/** Coordination tasks (协同任务): the bureau asks a department on a project's behalf; departments answer. */
export const taskHandlers = (app: FastifyInstance) =>
  ({
    "POST /api/projects/:id/tasks": ({ params, body }, request) => {
      const user = requireUser(request);
      return createTask(app.db, user, actorOf(request), params.id, body, async (tx) => {
        const row = await findProjectRow(tx, user, params.id, true);
        assertProjectStep(user, row, "coordinate");
        return { districtCode: row.p.districtCode };
      });
    },
    "GET /api/coordination-tasks": ({ query }, request) => listTasks(app.db, requireUser(request), query),
    "PATCH /api/coordination-tasks/:id": recordWrite(app.db, answerTask),
  }) satisfies Partial<RouteHandlers<ProjectRoutes>>;
