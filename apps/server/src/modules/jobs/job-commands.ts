import type { JobItem, JobRun } from "@dxcenter/contracts";
import { type Database, scheduledJobs } from "@dxcenter/db";
import { nextRunAfter } from "@dxcenter/domain";
import { eq, sql } from "drizzle-orm";
import { notFound, stateConflict } from "../../errors";
import type { Scheduler } from "../../lib/scheduler";
import type { CurrentUser } from "../../plugins/auth";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { findJob, toRun } from "./job.queries";

/** The administrator's writes on scheduled jobs: run now, enable/disable. Both audited. */

/** Starts a run now (in the background); 409 while the job runs, 404 for a job this node does not know. */
export async function runJobNow(
  scheduler: Scheduler,
  user: CurrentUser,
  actor: AuditActor,
  name: string,
): Promise<JobRun> {
  const run = await scheduler.runNow(name, user.id, async (tx, started) => {
    await recordAudit(tx, actor, {
      action: "scheduled_job.run",
      entityType: "scheduled_job",
      entityId: name,
      after: { runId: started.id, nodeId: started.nodeId, startedAt: started.startedAt.toISOString() },
    });
  });
  if (run === null) throw notFound("定时任务");
  if (run === "busy") {
    throw stateConflict("job", "running", "该定时任务正在运行，请等本次运行结束后再试", { name });
  }
  return toRun({ ...run, triggeredByName: user.displayName });
}

/** Enables or disables a job (a disabled job is not run by the schedule; "run now" still works). */
export async function setJobEnabled(
  db: Database,
  scheduler: Scheduler,
  actor: AuditActor,
  name: string,
  enabled: boolean,
): Promise<JobItem> {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ enabled: scheduledJobs.enabled, schedule: scheduledJobs.schedule })
      .from(scheduledJobs)
      .where(eq(scheduledJobs.name, name))
      .for("update");
    if (!before) throw notFound("定时任务");
    if (before.enabled === enabled) return;
    await tx
      .update(scheduledJobs)
      // Enabled again, it waits for its next scheduled time rather than catching up at once.
      .set({
        enabled,
        updatedAt: sql`now()`,
        ...(enabled ? { nextRunAt: nextRunAfter(before.schedule, new Date()) } : {}),
      })
      .where(eq(scheduledJobs.name, name));
    await recordAudit(tx, actor, {
      action: "scheduled_job.update",
      entityType: "scheduled_job",
      entityId: name,
      before: { enabled: before.enabled },
      after: { enabled },
    });
  });
  const job = await findJob(db, name, (n) => scheduler.has(n));
  if (!job) throw notFound("定时任务");
  return job;
}
