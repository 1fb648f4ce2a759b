import { JOB_RUN_RESULTS, JOB_RUN_TRIGGERS } from "@dxcenter/domain";
import { z } from "zod";
import { PageQuery } from "./common";

/** 定时任务: the platform's scheduled jobs (admin view: city_admin). Times are ISO UTC instants. */

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "时间应为 HH:MM（北京时间）");

/** When a job runs (packages/domain/src/jobs/schedule.ts), wall-clock times in Asia/Shanghai. */
export const JobSchedule = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("every"), minutes: z.number().int().min(1).max(1440) }),
  z.object({ kind: z.literal("daily"), at: HHMM }),
  z.object({ kind: z.literal("monthly"), day: z.number().int().min(1).max(31), at: HHMM }),
]);

export const JobNameParam = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "任务名称为小写字母、数字和连字符")
    .meta({ description: "定时任务的名称（代码中注册的唯一标识）" }),
});

export const JobRun = z.object({
  id: z.uuid(),
  jobName: z.string(),
  trigger: z.enum(JOB_RUN_TRIGGERS).meta({ description: "schedule：按计划；manual：管理员立即运行" }),
  triggeredByName: z.string().nullable().meta({ description: "立即运行的操作人（姓名）" }),
  nodeId: z.string().meta({ description: "执行该次运行的服务节点" }),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  result: z
    .enum(JOB_RUN_RESULTS)
    .nullable()
    .meta({ description: "ok 成功 / failed 失败 / skipped 跳过；空表示运行中" }),
  message: z.string().nullable(),
  summary: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
});
export type JobRun = z.infer<typeof JobRun>;

export const JobItem = z.object({
  name: z.string(),
  label: z.string(),
  schedule: JobSchedule,
  scheduleText: z.string().meta({ description: "执行计划（中文）" }),
  enabled: z.boolean(),
  running: z.boolean(),
  /** Registered by the code this node runs (else only its history is shown). */
  registered: z.boolean(),
  nextRunAt: z.string(),
  lastRun: JobRun.nullable(),
});
export type JobItem = z.infer<typeof JobItem>;

export const JobRunsQuery = PageQuery;

export const UpdateJobRequest = z.object({ enabled: z.boolean() });
