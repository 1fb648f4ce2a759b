import type { JobItem, JobRun } from "@dxcenter/contracts";
import { type Executor, scheduledJobRuns, scheduledJobs, users } from "@dxcenter/db";
import { describeSchedule } from "@dxcenter/domain";
import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import { countRows, type Page, type PageRequest, pageOfSelect } from "../../lib/list-query";

/** The reads of the 定时任务 admin view: jobs with their latest run, and a job's run history. */

const runColumns = {
  id: scheduledJobRuns.id,
  jobName: scheduledJobRuns.jobName,
  trigger: scheduledJobRuns.trigger,
  triggeredByName: users.displayName,
  nodeId: scheduledJobRuns.nodeId,
  startedAt: scheduledJobRuns.startedAt,
  finishedAt: scheduledJobRuns.finishedAt,
  durationMs: scheduledJobRuns.durationMs,
  result: scheduledJobRuns.result,
  message: scheduledJobRuns.message,
  summary: scheduledJobRuns.summary,
};

type RunRow = Omit<typeof scheduledJobRuns.$inferSelect, "triggeredBy"> & { triggeredByName: string | null };

export function toRun(r: RunRow): JobRun {
  return {
    ...r,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** Every job row (registered on this node or not), by label, each with its latest run. */
export async function listJobs(db: Executor, registered: (name: string) => boolean): Promise<JobItem[]> {
  const jobs = await db
    .select({
      name: scheduledJobs.name,
      label: scheduledJobs.label,
      schedule: scheduledJobs.schedule,
      enabled: scheduledJobs.enabled,
      nextRunAt: scheduledJobs.nextRunAt,
      running: sql<boolean>`(${scheduledJobs.runId} is not null and ${scheduledJobs.leaseUntil} > now())`,
    })
    .from(scheduledJobs)
    .orderBy(asc(scheduledJobs.label), asc(scheduledJobs.name));
  if (jobs.length === 0) return [];
  const latest = await db
    .selectDistinctOn([scheduledJobRuns.jobName], runColumns)
    .from(scheduledJobRuns)
    .leftJoin(users, eq(users.id, scheduledJobRuns.triggeredBy))
    .where(
      inArray(
        scheduledJobRuns.jobName,
        jobs.map((j) => j.name),
      ),
    )
    .orderBy(scheduledJobRuns.jobName, desc(scheduledJobRuns.startedAt), desc(scheduledJobRuns.id));
  const byJob = new Map(latest.map((r) => [r.jobName, toRun(r)]));
  return jobs.map((j) => ({
    ...j,
    running: j.running === true,
    registered: registered(j.name),
    scheduleText: describeSchedule(j.schedule),
    nextRunAt: j.nextRunAt.toISOString(),
    lastRun: byJob.get(j.name) ?? null,
  }));
}

export async function findJob(db: Executor, name: string, registered: (name: string) => boolean) {
  return (await listJobs(db, registered)).find((j) => j.name === name) ?? null;
}

/** A job's runs, newest first. */
export async function listRuns(db: Executor, name: string, q: PageRequest): Promise<Page<JobRun>> {
  const where = eq(scheduledJobRuns.jobName, name);
  return pageOfSelect(
    q,
    db
      .select(runColumns)
      .from(scheduledJobRuns)
      .leftJoin(users, eq(users.id, scheduledJobRuns.triggeredBy))
      .where(where)
      .orderBy(desc(scheduledJobRuns.startedAt), desc(scheduledJobRuns.id)),
    countRows(db, scheduledJobRuns, where),
    toRun,
  );
}

export async function jobExists(db: Executor, name: string): Promise<boolean> {
  const [row] = await db
    .select({ name: scheduledJobs.name })
    .from(scheduledJobs)
    .where(eq(scheduledJobs.name, name));
  return row !== undefined;
}
