import type { JobItem } from "@dxcenter/contracts";
import {
  auditLog,
  importJobs,
  policyAwards,
  policySweeps,
  scheduledJobRuns,
  scheduledJobs,
} from "@dxcenter/db";
import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { Scheduler } from "../src/lib/scheduler";
import { IMPORT_LEASE_MS } from "../src/modules/enterprises/enterprise-import";
import { registerHousekeepingJobs, SCHEDULER_ACTOR } from "../src/modules/jobs/housekeeping";
import { DEFAULT_POLICIES_DIR, DEMO_POLICIES_DIR, syncPolicies } from "../src/modules/policies/policy-loader";
import { POLICY_SWEEP_JOB, registerPolicySweepJob } from "../src/modules/policies/policy-sweep-job";
import { BINHAI, cityAdmin, createEnterpriseAs, HEPING, testFile } from "./helpers";

/**
 * Scheduled work on the platform's scheduler (issue 13 §7), on both databases: the 免申即享 sweep of
 * every enterprise policy and the expiry of imports whose node died run once across two nodes, as
 * the jobs the app registers (the same register functions), with their runs in the jobs view.
 */
const env = testFile(cityAdmin);
const DEMO_POLICY = "demo-tj-cloud-award";
const nodes: Scheduler[] = [];
afterAll(async () => {
  for (const n of nodes) await n.stop();
});

/** Two app nodes on the same database, each with the app's own job definitions. */
function twoNodes(register: (s: Scheduler) => void) {
  const made = ["node-a", "node-b"].map((nodeId) => {
    const s = new Scheduler(env.ctx.handle.db, { nodeId, onError: (e) => console.error(e) });
    register(s);
    nodes.push(s);
    return s;
  });
  return made;
}

async function tickTogether(pair: Scheduler[], name: string): Promise<string[]> {
  await Promise.all(pair.map((n) => n.sync()));
  await env.ctx.handle.db
    .update(scheduledJobs)
    .set({ nextRunAt: sql`now() - interval '1 second'` })
    .where(eq(scheduledJobs.name, name));
  return (await Promise.all(pair.map((n) => n.tick()))).flat();
}

const runsOf = (name: string) =>
  env.ctx.handle.db.select().from(scheduledJobRuns).where(eq(scheduledJobRuns.jobName, name));

describe("免申即享 sweep as a scheduled job", () => {
  it("sweeps the city for every enterprise policy in force once across two nodes, idempotently", async () => {
    const db = env.ctx.handle.db;
    await syncPolicies(db, [DEFAULT_POLICIES_DIR, DEMO_POLICIES_DIR]);
    const cloud = { aboveScale: true, cloudAdopted: true };
    await createEnterpriseAs(env.ctx, env.city, { districtCode: BINHAI, ...cloud });
    await createEnterpriseAs(env.ctx, env.city, { districtCode: HEPING, ...cloud });
    await createEnterpriseAs(env.ctx, env.city, {
      districtCode: BINHAI,
      aboveScale: true,
      cloudAdopted: false,
    });
    const schedule = env.ctx.config.schedules.policySweeps;
    const pair = twoNodes((s) => registerPolicySweepJob(s, db, schedule, SCHEDULER_ACTOR));

    expect(await tickTogether(pair, POLICY_SWEEP_JOB)).toEqual([POLICY_SWEEP_JOB]);
    const sweeps = await db.select().from(policySweeps).where(isNull(policySweeps.userId));
    // Both enterprise policies in force today (the shipped one without amounts, the demo one); the
    // two shipped until 2025-12-31 are not swept.
    expect(sweeps.map((s) => s.policyId).sort()).toEqual([DEMO_POLICY, "tj-city-cloud-adoption"]);
    expect(sweeps.every((s) => s.status === "done" && s.districtCode === null)).toBe(true);
    const demo = sweeps.find((s) => s.policyId === DEMO_POLICY)!;
    expect(demo.identified).toBe(2);
    const awards = await db.select().from(policyAwards).where(eq(policyAwards.policyId, DEMO_POLICY));
    expect(awards).toHaveLength(2);
    expect(awards.every((a) => a.source === "sweep" && a.identifiedBy === null)).toBe(true);
    const identified = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "policy_award.identify"), eq(auditLog.actorName, SCHEDULER_ACTOR.name)));
    expect(identified).toHaveLength(2);

    const [first] = await runsOf(POLICY_SWEEP_JOB);
    expect(first).toMatchObject({ result: "ok", trigger: "schedule" });
    expect(first!.summary).toMatchObject({ policies: 2, swept: 2, identified: 2, skipped: 0, failed: 0 });
    expect(first!.message).toContain("新识别 2 家企业");

    // The next due run finds them already identified: nothing new, nothing doubled.
    expect(await tickTogether(pair, POLICY_SWEEP_JOB)).toHaveLength(1);
    expect(await db.select().from(policyAwards).where(eq(policyAwards.policyId, DEMO_POLICY))).toHaveLength(
      2,
    );
    const runs = await runsOf(POLICY_SWEEP_JOB);
    expect(runs).toHaveLength(2);
    expect(runs.find((r) => r.id !== first!.id)?.summary).toMatchObject({ identified: 0, existing: 2 });

    const view = await env.ctx.app.inject({
      method: "GET",
      url: "/api/jobs",
      headers: { cookie: env.city.cookie },
    });
    const item = (view.json() as JobItem[]).find((j) => j.name === POLICY_SWEEP_JOB);
    expect(item).toMatchObject({ label: "免申即享定期筛查（全市）", registered: true });
    expect(item?.lastRun?.result).toBe("ok");
    expect(item?.scheduleText).toBe("每天 01:30（北京时间）");
  });

  it("leaves a sweep a person started and still running alone, and says so", async () => {
    const db = env.ctx.handle.db;
    const [running] = await db
      .insert(policySweeps)
      .values({ policyId: DEMO_POLICY, policyVersion: "x", userId: env.city.userId, status: "running" })
      .returning();
    const pair = twoNodes((s) =>
      registerPolicySweepJob(s, db, env.ctx.config.schedules.policySweeps, SCHEDULER_ACTOR),
    );
    expect(await tickTogether(pair, POLICY_SWEEP_JOB)).toHaveLength(1);
    const last = (await runsOf(POLICY_SWEEP_JOB)).sort((a, b) => +b.startedAt - +a.startedAt)[0]!;
    expect(last.summary).toMatchObject({ swept: 1, skipped: 1 });
    expect(last.message).toContain("已有筛查在进行，本次跳过");
    await db.delete(policySweeps).where(eq(policySweeps.id, running!.id));
  });
});

describe("interrupted imports finalised by the housekeeping job", () => {
  it("a killed import is marked failed with 导入中断 by one of two nodes, audited once", async () => {
    const db = env.ctx.handle.db;
    const [killed] = await db
      .insert(importJobs)
      .values({
        kind: "enterprises",
        userId: env.city.userId,
        filename: "被中断.xlsx",
        status: "running",
        progress: 40,
        rowsRead: 40_000,
        created: 12_000,
        heartbeatAt: new Date(Date.now() - IMPORT_LEASE_MS - 60_000),
      })
      .returning();
    const pair = twoNodes((s) => registerHousekeepingJobs(s, db));
    expect(await tickTogether(pair, "expire-stale-imports")).toEqual(["expire-stale-imports"]);
    const [job] = await db.select().from(importJobs).where(eq(importJobs.id, killed!.id));
    expect(job).toMatchObject({ status: "failed" });
    expect(job!.errorMessage).toMatch(/^导入中断.*12000/);
    expect(job!.finishedAt).not.toBeNull();
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, killed!.id), eq(auditLog.action, "enterprise.import_interrupted")));
    expect(audits).toHaveLength(1);
    const [run] = await runsOf("expire-stale-imports");
    expect(run).toMatchObject({ result: "ok", summary: { expired: 1 } });
    expect(run!.message).toContain("已将 1 个中断的导入任务标记为失败");
    // What the user sees when polling it afterwards: failed, with what was kept.
    const polled = await env.ctx.app.inject({
      method: "GET",
      url: `/api/enterprises/imports/${killed!.id}`,
      headers: { cookie: env.city.cookie },
    });
    expect(polled.json()).toMatchObject({ status: "failed" });
  });
});
