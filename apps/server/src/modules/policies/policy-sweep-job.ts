import { type Database, policySweeps } from "@dxcenter/db";
import { isValidOn, type JobSchedule } from "@dxcenter/domain";
import { eq } from "drizzle-orm";
import { shanghaiToday } from "../../lib/dates";
import type { JobOutcome, Scheduler } from "../../lib/scheduler";
import type { AuditActor } from "../audit/audit.service";
import { startSweep } from "./award-sweep";
import { currentPolicies } from "./policy.repository";

/** The job's name in `scheduled_jobs` and the jobs view. */
export const POLICY_SWEEP_JOB = "policy-sweeps";

/**
 * 免申即享定期筛查 on the platform's scheduler: at the configured time (config `schedules.policySweeps`,
 * DXC_POLICY_SWEEP_AT) one node — the job's lease in `scheduled_jobs` — sweeps the whole city for every
 * current policy that supports enterprises and is in force today, one after the other, through the
 * same startSweep a bureau administrator uses: each sweep keeps its own lease row (a sweep a person
 * started and still running is left alone and counted as skipped), audits what it identifies, and is
 * idempotent (an enterprise that already has an award of the policy is counted as existing). The run's
 * summary (policies swept, identified, amount) and a failed policy's message are in the jobs view.
 */
export function registerPolicySweepJob(
  scheduler: Scheduler,
  db: Database,
  schedule: JobSchedule,
  actor: AuditActor,
): void {
  scheduler.register({
    name: POLICY_SWEEP_JOB,
    label: "免申即享定期筛查（全市）",
    schedule,
    run: async ({ signal }): Promise<JobOutcome> => {
      const today = shanghaiToday();
      const defs = (await currentPolicies(db)).filter(
        (d) => d.beneficiary === "enterprise" && isValidOn(d, today),
      );
      const t = { swept: 0, skipped: 0, failed: 0, identified: 0, existing: 0, identifiedFen: 0 };
      const notes: string[] = [];
      for (const def of defs) {
        if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error("任务已中止");
        const started = await startSweep(db, { scheduled: true }, actor, def.id, {}, { today });
        if (started.alreadyRunning) {
          t.skipped++;
          notes.push(`“${def.name}”已有筛查在进行，本次跳过`);
          continue;
        }
        const done = await started.done;
        if (!done) {
          t.failed++;
          const [row] = await db.select().from(policySweeps).where(eq(policySweeps.id, started.sweep.id));
          notes.push(`“${def.name}”筛查失败：${row?.errorMessage ?? "未知错误"}`);
          continue;
        }
        t.swept++;
        t.identified += done.identified;
        t.existing += done.existing;
        t.identifiedFen += done.identifiedFen;
      }
      const head =
        defs.length === 0
          ? "没有今日有效、面向企业的政策"
          : `筛查 ${t.swept} 项政策：新识别 ${t.identified} 家企业，已有 ${t.existing} 家`;
      const message = [head, ...notes].join("；");
      if (t.failed > 0) throw new Error(message);
      return {
        result: defs.length > 0 && t.swept === 0 ? "skipped" : "ok",
        message,
        summary: { policies: defs.length, ...t },
      };
    },
  });
}
