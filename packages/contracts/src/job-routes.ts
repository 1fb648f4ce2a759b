import { z } from "zod";
import { pageOf } from "./common";
import { JobItem, JobNameParam, JobRun, JobRunsQuery, UpdateJobRequest } from "./job";
import { routeMap } from "./route";

/**
 * 定时任务: the scheduled jobs' admin routes as one typed map. The server mounts it (modules/jobs),
 * the web calls it (api/jobs.ts).
 */
export const JOB_ROUTES = routeMap({
  "GET /api/jobs": {
    summary: "定时任务列表：执行计划、是否启用、上次运行（时长、结果）与下次运行时间（仅市工信局）",
    status: 200,
    response: z.array(JobItem),
  },
  "GET /api/jobs/:name/runs": {
    summary: "定时任务的运行记录（分页，最新在前）",
    params: JobNameParam,
    query: JobRunsQuery,
    status: 200,
    response: pageOf(JobRun),
  },
  "POST /api/jobs/:name/run": {
    summary: "立即运行定时任务（后台执行；正在运行时返回 409）",
    params: JobNameParam,
    status: 202,
    response: JobRun,
  },
  "PUT /api/jobs/:name": {
    summary: "启用或停用定时任务",
    params: JobNameParam,
    body: UpdateJobRequest,
    status: 200,
    response: JobItem,
  },
});
export type JobRoutes = typeof JOB_ROUTES;
