import { JOB_RUN_RESULTS, JOB_RUN_TRIGGERS, type JobSchedule } from "@dxcenter/domain";
import { boolean, check, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { timestamptz, timestamptzNow } from "./columns";
import { optionalUserRef } from "./references";
import { oneOf } from "./types";

/**
 * One row per named scheduled job (定时任务). The row is also the job's lease: a node claims a due job
 * with one conditional UPDATE (`lease_until` empty or past), renews `lease_until` while the run goes on
 * and clears it when done, so a due run happens once across app nodes, and a run whose node died is
 * taken over once its lease has expired. Times are UTC; the schedule's wall-clock times are Shanghai's.
 */
export const scheduledJobs = pgTable(
  "scheduled_jobs",
  {
    name: text("name").primaryKey(),
    /** Chinese name shown to administrators (from the code that registers the job). */
    label: text("label").notNull(),
    /** {kind: every, minutes} | {kind: daily, at: "HH:MM"} | {kind: monthly, day, at} (Asia/Shanghai). */
    schedule: jsonb("schedule").$type<JobSchedule>().notNull(),
    enabled: boolean("enabled").notNull().default(true),
    nextRunAt: timestamptz("next_run_at").notNull(),
    /** The node running the job now (null when idle). */
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamptz("lease_until"),
    /** The run in progress (scheduled_job_runs.id), while leased. */
    runId: uuid("run_id"),
    updatedAt: timestamptzNow("updated_at"),
  },
  (t) => [index("scheduled_jobs_due_idx").on(t.nextRunAt)],
);

/** Every run of a scheduled job: when, how long, the result and what it did. */
export const scheduledJobRuns = pgTable(
  "scheduled_job_runs",
  {
    id: uuid("id").primaryKey(),
    jobName: text("job_name")
      .notNull()
      .references(() => scheduledJobs.name, { onDelete: "cascade" }),
    /** schedule | manual */
    trigger: text("trigger", { enum: JOB_RUN_TRIGGERS }).notNull(),
    /** Who pressed "run now" (manual runs). */
    triggeredBy: optionalUserRef("triggered_by"),
    nodeId: text("node_id").notNull(),
    startedAt: timestamptz("started_at").notNull(),
    finishedAt: timestamptz("finished_at"),
    durationMs: integer("duration_ms"),
    /** ok | failed | skipped; null while the run goes on. */
    result: text("result", { enum: JOB_RUN_RESULTS }),
    message: text("message"),
    /** What the run did, e.g. {"rows": 3}. */
    summary: jsonb("summary").$type<Record<string, string | number>>(),
  },
  (t) => [
    check("scheduled_job_runs_trigger_check", oneOf(t.trigger, JOB_RUN_TRIGGERS)),
    check("scheduled_job_runs_result_check", oneOf(t.result, JOB_RUN_RESULTS)),
    index("scheduled_job_runs_job_idx").on(t.jobName, t.startedAt.desc(), t.id.desc()),
  ],
);
