import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { type Database, scheduledJobRuns, scheduledJobs, type Tx } from "@dxcenter/db";
import {
  type JobRunResult,
  type JobRunTrigger,
  type JobSchedule,
  nextRunAfter,
  scheduleProblem,
} from "@dxcenter/domain";
import { and, desc, eq, inArray, isNull, lt, lte, notInArray, or, sql } from "drizzle-orm";

/**
 * The platform's scheduled jobs (定时任务), run once across app nodes.
 *
 * Each job is registered in code (`register({name, label, schedule, run})`) and has a row in
 * `scheduled_jobs`, which is also its lease. A tick claims every due job this node knows with ONE
 * conditional UPDATE (`next_run_at <= now()` and the lease empty or expired) … RETURNING: on PostgreSQL
 * a second node's UPDATE waits for the first one's row lock, re-checks the condition on the new row
 * and claims nothing, so a due run happens exactly once. The running node renews `lease_until`
 * every third of the lease; a node that dies stops renewing, and once the lease has expired the next
 * tick anywhere takes the job over: the dead run is recorded as failed and the job runs again. Every
 * run is a `scheduled_job_runs` row (started, finished, duration, result, message, node, summary); a
 * failing job is recorded as failed with its message and never escapes the tick. Times compared
 * against leases and due dates are the database's clock, so app nodes need not agree on theirs.
 */

export interface JobContext {
  runId: string;
  trigger: JobRunTrigger;
  /** Aborted when the node loses the lease (another node took the job over) or shuts down. */
  signal: AbortSignal;
}

/** What a run reports; no answer means ok. Throwing records the run as failed with the error's message. */
export interface JobOutcome {
  result?: Exclude<JobRunResult, "failed">;
  message?: string;
  summary?: Record<string, string | number>;
}

export interface JobDefinition {
  /** Stable identifier: lower-case letters, digits and hyphens. */
  name: string;
  /** Chinese name for administrators. */
  label: string;
  schedule: JobSchedule;
  run(ctx: JobContext): Promise<JobOutcome | undefined>;
}

export interface SchedulerOptions {
  /** Defaults to host:pid:random. */
  nodeId?: string;
  /** How long a claim holds without renewal (default 2 min, as import and sweep leases). */
  leaseMs?: number;
  /** How often `start()` ticks (default 30 s). */
  tickMs?: number;
  /** Run history kept per job (older runs are deleted as new ones finish). */
  keepRuns?: number;
  /** Where a tick's own failure (e.g. the database unreachable) is reported. */
  onError?: (error: unknown) => void;
}

export const SCHEDULER_LEASE_MS = 2 * 60_000;
const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

export type JobRunRow = typeof scheduledJobRuns.$inferSelect;

interface Claim {
  name: string;
  runId: string;
  startedAt: Date;
  trigger: JobRunTrigger;
}

export class Scheduler {
  readonly nodeId: string;
  private readonly leaseMs: number;
  private readonly tickMs: number;
  private readonly keepRuns: number;
  private readonly onError: (e: unknown) => void;
  private readonly jobs = new Map<string, JobDefinition>();
  private readonly inFlight = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private synced: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Database,
    opts: SchedulerOptions = {},
  ) {
    this.nodeId = opts.nodeId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    this.leaseMs = opts.leaseMs ?? SCHEDULER_LEASE_MS;
    this.tickMs = opts.tickMs ?? 30_000;
    this.keepRuns = opts.keepRuns ?? 1000;
    this.onError = opts.onError ?? ((e) => console.error("定时任务调度出错", e));
  }

  /** Adds a job (before the first sync/tick). A name used twice or an invalid schedule throws. */
  register(def: JobDefinition): void {
    if (!NAME.test(def.name)) throw new Error(`定时任务名称无效：${def.name}`);
    if (this.jobs.has(def.name)) throw new Error(`定时任务重复注册：${def.name}`);
    const problem = scheduleProblem(def.schedule);
    if (problem) throw new Error(`定时任务 ${def.name} 的执行计划无效：${problem}`);
    this.jobs.set(def.name, def);
    this.synced = null;
  }

  has(name: string): boolean {
    return this.jobs.has(name);
  }

  /**
   * Writes every registered job's row: a new job is due at its next scheduled time; a known one keeps
   * its state (enabled, next run) unless its schedule changed, which recomputes the next run.
   */
  sync(): Promise<void> {
    this.synced ??= this.upsertDefinitions().catch((e: unknown) => {
      this.synced = null;
      throw e;
    });
    return this.synced;
  }

  private async upsertDefinitions() {
    const defs = [...this.jobs.values()];
    if (defs.length === 0) return;
    const now = new Date();
    await this.db
      .insert(scheduledJobs)
      .values(
        defs.map((d) => ({
          name: d.name,
          label: d.label,
          schedule: d.schedule,
          nextRunAt: nextRunAfter(d.schedule, now),
        })),
      )
      .onConflictDoUpdate({
        target: scheduledJobs.name,
        set: {
          label: sql`excluded.label`,
          schedule: sql`excluded.schedule`,
          nextRunAt: sql`case when ${scheduledJobs.schedule} = excluded.schedule then ${scheduledJobs.nextRunAt} else excluded.next_run_at end`,
        },
      });
  }

  /** Ticks every `tickMs` (unref'd: the timer alone keeps no process alive), the first one at once. */
  start(): void {
    if (this.timer || this.stopped) return;
    const tick = () => {
      if (this.ticking) return;
      // The timer only claims and launches: a long run does not hold up the next tick's other jobs.
      this.ticking = this.claimDue()
        .then(() => undefined)
        .catch(this.onError)
        .finally(() => {
          this.ticking = null;
        });
    };
    this.timer = setInterval(tick, this.tickMs);
    this.timer.unref();
    tick();
  }

  /** Stops ticking, aborts the runs in progress and waits for them to record their end. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    for (const r of this.inFlight.values()) r.abort.abort(new Error("服务节点正在停止"));
    await this.whenIdle();
  }

  /** Resolves when no run of this node is in progress (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()].map((r) => r.done));
  }

  /**
   * One pass: claims every due, enabled job this node has registered whose lease is free or expired,
   * runs them (concurrently) and waits for them. Returns the names of the jobs it ran.
   */
  async tick(): Promise<string[]> {
    const launched = await this.claimDue();
    await Promise.all(launched.map((l) => l.done));
    return launched.map((l) => l.name);
  }

  private async claimDue(): Promise<{ name: string; done: Promise<void> }[]> {
    if (this.stopped || this.jobs.size === 0) return [];
    await this.sync();
    const claims = await this.claim("schedule", {
      where: and(eq(scheduledJobs.enabled, true), lte(scheduledJobs.nextRunAt, sql`now()`)),
    });
    return claims.map((c) => ({ name: c.name, done: this.launch(c) }));
  }

  /**
   * Runs a job now (an administrator's request), in the background. `inTransaction` runs in the
   * claim's transaction (the audit row). Returns the started run, "busy" when the job is running
   * (its lease is held), or null for a job this node does not know.
   */
  async runNow(
    name: string,
    triggeredBy: string | null,
    inTransaction?: (tx: Tx, run: JobRunRow) => Promise<void>,
  ): Promise<JobRunRow | "busy" | null> {
    if (!this.jobs.has(name) || this.stopped) return null;
    await this.sync();
    let started: JobRunRow | undefined;
    const claims = await this.claim("manual", {
      where: eq(scheduledJobs.name, name),
      triggeredBy,
      after: async (tx, runs) => {
        started = runs[0];
        if (started && inTransaction) await inTransaction(tx, started);
      },
    });
    const claim = claims[0];
    if (!claim || !started) return "busy";
    void this.launch(claim);
    return started;
  }

  /**
   * The claim: one UPDATE … WHERE (lease free or expired) RETURNING, then, in the same transaction,
   * a run row per claimed job and "failed" for runs whose node lost the lease.
   */
  private async claim(
    trigger: JobRunTrigger,
    opts: {
      where: ReturnType<typeof and>;
      triggeredBy?: string | null;
      after?: (tx: Tx, runs: JobRunRow[]) => Promise<void>;
    },
  ): Promise<Claim[]> {
    const names = [...this.jobs.keys()];
    return this.db.transaction(async (tx) => {
      const claimed = await tx
        .update(scheduledJobs)
        .set({
          leaseOwner: this.nodeId,
          leaseUntil: sql`now() + make_interval(secs => ${this.leaseMs / 1000})`,
          runId: sql`gen_random_uuid()`,
          updatedAt: sql`now()`,
        })
        .where(
          and(
            inArray(scheduledJobs.name, names),
            opts.where,
            or(isNull(scheduledJobs.leaseUntil), lt(scheduledJobs.leaseUntil, sql`now()`)),
          ),
        )
        .returning({
          name: scheduledJobs.name,
          runId: scheduledJobs.runId,
          startedAt: scheduledJobs.updatedAt,
        });
      const claims: Claim[] = claimed.flatMap((c) =>
        c.runId ? [{ name: c.name, runId: c.runId, startedAt: c.startedAt, trigger }] : [],
      );
      if (claims.length === 0) return [];
      const runIds = claims.map((c) => c.runId);
      // A run still open that is not ours lost its node: its lease expired before we could claim.
      await tx
        .update(scheduledJobRuns)
        .set({
          result: "failed",
          finishedAt: sql`now()`,
          durationMs: sql`(extract(epoch from now() - ${scheduledJobRuns.startedAt}) * 1000)::int`,
          message: sql`'运行中断：服务节点 ' || ${scheduledJobRuns.nodeId} || ' 未能按时续租（已停止或失去连接），本次运行由节点 ' || ${this.nodeId}::text || ' 接管重做'`,
        })
        .where(
          and(
            inArray(
              scheduledJobRuns.jobName,
              claims.map((c) => c.name),
            ),
            isNull(scheduledJobRuns.result),
            notInArray(scheduledJobRuns.id, runIds),
          ),
        );
      const runs = await tx
        .insert(scheduledJobRuns)
        .values(
          claims.map((c) => ({
            id: c.runId,
            jobName: c.name,
            trigger,
            triggeredBy: opts.triggeredBy ?? null,
            nodeId: this.nodeId,
            startedAt: c.startedAt,
          })),
        )
        .returning();
      await opts.after?.(tx, runs);
      return claims;
    });
  }

  /** Runs a claimed job with lease renewal, records its end and releases the lease. */
  private launch(claim: Claim): Promise<void> {
    const abort = new AbortController();
    const done = this.execute(claim, abort)
      .catch(this.onError)
      .finally(() => this.inFlight.delete(claim.runId));
    this.inFlight.set(claim.runId, { abort, done });
    return done;
  }

  private async execute(claim: Claim, abort: AbortController): Promise<void> {
    const def = this.jobs.get(claim.name);
    if (!def) return;
    const ours = and(eq(scheduledJobs.name, claim.name), eq(scheduledJobs.runId, claim.runId));
    const renew = setInterval(() => {
      this.db
        .update(scheduledJobs)
        .set({ leaseUntil: sql`now() + make_interval(secs => ${this.leaseMs / 1000})` })
        .where(ours)
        .returning({ name: scheduledJobs.name })
        .then((rows) => {
          if (rows.length === 0) abort.abort(new Error("租约已被其他服务节点接管"));
        })
        .catch(this.onError);
    }, this.leaseMs / 3);
    renew.unref();
    const t0 = performance.now();
    let result: JobRunResult = "ok";
    let message: string | null = null;
    let summary: Record<string, string | number> | null = null;
    try {
      const out = await def.run({ runId: claim.runId, trigger: claim.trigger, signal: abort.signal });
      result = out?.result ?? "ok";
      message = out?.message ?? null;
      summary = out?.summary ?? null;
    } catch (e) {
      result = "failed";
      message = (e instanceof Error ? e.message : String(e)).slice(0, 2000) || "运行失败（无错误信息）";
    } finally {
      clearInterval(renew);
    }
    const durationMs = Math.round(performance.now() - t0);
    await this.db.transaction(async (tx) => {
      // Only while the lease is still ours: a run taken over was recorded failed by the new owner.
      const released = await tx
        .update(scheduledJobs)
        .set({
          leaseOwner: null,
          leaseUntil: null,
          runId: null,
          updatedAt: sql`now()`,
          // A scheduled run moves the plan on; "run now" leaves it as it was.
          ...(claim.trigger === "schedule" ? { nextRunAt: nextRunAfter(def.schedule, claim.startedAt) } : {}),
        })
        .where(ours)
        .returning({ name: scheduledJobs.name });
      if (released.length === 0) return;
      await tx
        .update(scheduledJobRuns)
        .set({ finishedAt: sql`now()`, durationMs, result, message, summary })
        .where(and(eq(scheduledJobRuns.id, claim.runId), isNull(scheduledJobRuns.result)));
      await this.prune(tx, claim.name);
    });
  }

  /** Keeps the newest `keepRuns` runs of a job. */
  private async prune(tx: Tx, name: string) {
    const [oldest] = await tx
      .select({ startedAt: scheduledJobRuns.startedAt })
      .from(scheduledJobRuns)
      .where(eq(scheduledJobRuns.jobName, name))
      .orderBy(desc(scheduledJobRuns.startedAt))
      .offset(this.keepRuns - 1)
      .limit(1);
    if (!oldest) return;
    await tx
      .delete(scheduledJobRuns)
      .where(and(eq(scheduledJobRuns.jobName, name), lt(scheduledJobRuns.startedAt, oldest.startedAt)));
  }
}
