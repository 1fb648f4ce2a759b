import {
  AnswerTaskRequest,
  CoordinationTask,
  CreateTaskRequest,
  errorResponses,
  IdParam,
  pageOf,
  TaskListQuery,
} from "@dxcenter/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { findProjectRow } from "./project.queries";
import { assertProjectStep } from "./project-guard";
import { answerTask, createTask, listTasks } from "./task.service";

const TAG = ["技改项目库"];
/** Coordination tasks (协同任务): the bureau asks a department on a project's behalf; departments answer. */
export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
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
          assertProjectStep(user, row, "coordinate");
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
