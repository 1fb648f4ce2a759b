import { JOB_ROUTES } from "@dxcenter/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { notFound } from "../../errors";
import { mountRoutes } from "../../lib/contract-routes";
import { requireRole } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { jobExists, listJobs, listRuns } from "./job.queries";
import { runJobNow, setJobEnabled } from "./job-commands";

const TAG = ["定时任务"];

/** 定时任务 admin routes (city_admin only): the contract map JOB_ROUTES, which the web calls too. */
export const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  const registered = (name: string) => app.scheduler.has(name);
  mountRoutes(app, JOB_ROUTES, TAG, {
    "GET /api/jobs": async (_input, request) => {
      requireRole(request, "city_admin");
      return listJobs(app.db, registered);
    },
    "GET /api/jobs/:name/runs": async ({ params, query }, request) => {
      requireRole(request, "city_admin");
      if (!(await jobExists(app.db, params.name))) throw notFound("定时任务");
      return listRuns(app.db, params.name, query);
    },
    "POST /api/jobs/:name/run": async ({ params }, request) =>
      runJobNow(app.scheduler, requireRole(request, "city_admin"), actorOf(request), params.name),
    "PUT /api/jobs/:name": async ({ params, body }, request) => {
      requireRole(request, "city_admin");
      return setJobEnabled(app.db, app.scheduler, actorOf(request), params.name, body.enabled);
    },
  });
};
