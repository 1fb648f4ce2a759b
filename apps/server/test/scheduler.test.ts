import { randomUUID } from "node:crypto";
import { auditLog, scheduledJobRuns, scheduledJobs } from "@dxcenter/db";
import type { JobSchedule } from "@dxcenter/domain";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JobDefinition, Scheduler } from "../src/lib/scheduler";
import { createTestContext, type Session, type TestContext, userSession } from "./helpers";

let ctx: TestContext;
let city: Session;
const schedulers: Scheduler[] = [];
beforeAll(async () => {
  ctx = await createTestContext();
  city = await userSession(ctx, "city_admin");
});
afterAll(async () => {
  for (const s of schedulers) await s.stop();
  await ctx.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const db = () => ctx.handle.db;

/** A scheduler as another app node would run it, on the same database, with these jobs. */
function node(nodeId: string, jobs: JobDefinition[], leaseMs?: number) {
  const s = new Scheduler(db(), {
    nodeId,
    ...(leaseMs ? { leaseMs } : {}),
    onError: (e) => console.error(e),
  });
  for (const j of jobs) s.register(j);
  schedulers.push(s);
  return s;
}

/** Makes a job due now (its next run one second ago). */
const makeDue = (name: string) =>
  db()
    .update(scheduledJobs)
    .set({ nextRunAt: sql`now() - interval '1 second'` })
    .where(eq(scheduledJobs.name, name));

const runsOf = (name: string) =>
  db()
    .select()
    .from(scheduledJobRuns)
    .where(eq(scheduledJobRuns.jobName, name))
    .orderBy(asc(scheduledJobRuns.startedAt), asc(scheduledJobRuns.id));

/** A job that counts its runs. */
function counting(name: string, schedule: JobSchedule) {
  const counter = { runs: 0 };
  const def: JobDefinition = {
    name,
    label: `测试：${name}`,
    schedule,
    run: async () => {
      counter.runs++;
      return undefined;
    },
  };
  return { def, counter };
}

/** A promise the test opens when it wants a job to finish. */
function gate() {
  let open = () => {};
  const closed = new Promise<void>((r) => {
    open = r;
  });
  return { closed, open: () => open() };
}

const jobRow = async (name: string) =>
  (await db().select().from(scheduledJobs).where(eq(scheduledJobs.name, name)))[0]!;

describe("scheduler across nodes", () => {
  it("two nodes ticking at once run a due job exactly once, every time it is due", async () => {
    let runs = 0;
    const job = (): JobDefinition => ({
      name: "t-once",
      label: "测试：只运行一次",
      schedule: { kind: "every", minutes: 60 },
      run: async () => {
        runs++;
        await sleep(30);
        return { summary: { n: runs } };
      },
    });
    const a = node("node-a", [job()]);
    const b = node("node-b", [job()]);
    await Promise.all([a.sync(), b.sync()]);
    // Not due yet: nobody runs it.
    expect([...(await a.tick()), ...(await b.tick())]).toEqual([]);
    for (let round = 1; round <= 4; round++) {
      await makeDue("t-once");
      const [ranA, ranB] = await Promise.all([a.tick(), b.tick()]);
      expect(ranA.length + ranB.length, `round ${round}`).toBe(1);
      expect(runs).toBe(round);
    }
    const history = await runsOf("t-once");
    expect(history).toHaveLength(4);
    expect(history.every((r) => r.result === "ok" && r.trigger === "schedule" && r.durationMs !== null)).toBe(
      true,
    );
    const row = await jobRow("t-once");
    expect(row.leaseOwner).toBeNull();
    expect(row.runId).toBeNull();
    // The plan moved on: the next run is within the hour, after now.
    expect(row.nextRunAt.getTime()).toBeGreaterThan(Date.now());
    expect(row.nextRunAt.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
  });

  it("a job due while every node was down runs at the first tick after a restart, and keeps its plan", async () => {
    const def: JobDefinition = {
      name: "t-restart",
      label: "测试：重启后补跑",
      schedule: { kind: "daily", at: "03:00" },
      run: async () => ({ message: "补跑完成" }),
    };
    const before = node("node-old", [def]);
    await before.sync();
    await before.stop();
    await makeDue("t-restart");
    const due = (await jobRow("t-restart")).nextRunAt;
    // The new node's registration does not move the overdue plan (only a changed schedule does).
    const after = node("node-new", [def]);
    await after.sync();
    expect((await jobRow("t-restart")).nextRunAt.getTime()).toBe(due.getTime());
    expect(await after.tick()).toEqual(["t-restart"]);
    const [run] = await runsOf("t-restart");
    expect(run).toMatchObject({ result: "ok", message: "补跑完成", nodeId: "node-new" });
    // Daily at 03:00 Shanghai = 19:00 UTC.
    expect((await jobRow("t-restart")).nextRunAt.toISOString()).toMatch(/T19:00:00\.000Z$/);
    const changed = node("node-newer", [{ ...def, schedule: { kind: "daily", at: "04:30" } }]);
    await changed.sync();
    expect((await jobRow("t-restart")).nextRunAt.toISOString()).toMatch(/T20:30:00\.000Z$/);
  });

  it("an expired lease is taken over: the dead node's run is recorded failed and the job runs again", async () => {
    const { def, counter } = counting("t-takeover", { kind: "every", minutes: 30 });
    const live = node("node-live", [def]);
    await live.sync();
    // A node claimed it and died mid-run: lease held, run row open.
    const deadRun = randomUUID();
    const claimDead = async (leaseUntil: ReturnType<typeof sql>) => {
      await db()
        .update(scheduledJobs)
        .set({
          leaseOwner: "node-dead",
          leaseUntil,
          runId: deadRun,
          nextRunAt: sql`now() - interval '1 minute'`,
        })
        .where(eq(scheduledJobs.name, "t-takeover"));
    };
    await claimDead(sql`now() + interval '1 minute'`);
    await db().insert(scheduledJobRuns).values({
      id: deadRun,
      jobName: "t-takeover",
      trigger: "schedule",
      nodeId: "node-dead",
      startedAt: new Date(),
    });
    // While its lease is live, nobody else runs the job.
    expect(await live.tick()).toEqual([]);
    expect(counter.runs).toBe(0);
    // The lease runs out (the node never renewed it).
    await claimDead(sql`now() - interval '1 second'`);
    expect(await live.tick()).toEqual(["t-takeover"]);
    expect(counter.runs).toBe(1);
    const [dead, redo] = await runsOf("t-takeover");
    expect(dead).toMatchObject({ id: deadRun, result: "failed", nodeId: "node-dead" });
    expect(dead!.message).toMatch(/^运行中断：服务节点 node-dead .*由节点 node-live 接管/);
    expect(dead!.finishedAt).not.toBeNull();
    expect(redo).toMatchObject({ result: "ok", nodeId: "node-live" });
    expect((await jobRow("t-takeover")).leaseOwner).toBeNull();
  });

  it("a running job renews its lease, so another node cannot take it over while it runs", async () => {
    const g = gate();
    let ran = 0;
    const def: JobDefinition = {
      name: "t-renew",
      label: "测试：续租",
      schedule: { kind: "every", minutes: 10 },
      run: async () => {
        ran++;
        await g.closed;
        return undefined;
      },
    };
    // Lease of 1.5 s, renewed every 0.5 s.
    const a = node("node-renew-a", [def], 1500);
    const b = node("node-renew-b", [def], 1500);
    await Promise.all([a.sync(), b.sync()]);
    await makeDue("t-renew");
    const running = a.tick();
    await sleep(2500); // longer than the lease: only the renewals keep it
    expect(await b.tick()).toEqual([]);
    g.open();
    expect(await running).toEqual(["t-renew"]);
    expect(ran).toBe(1);
    expect((await runsOf("t-renew")).map((r) => r.result)).toEqual(["ok"]);
  });

  it("a failing job is recorded failed with its message, the other jobs of the tick run, and the next tick runs it again", async () => {
    let attempts = 0;
    const s = node("node-fail", [
      {
        name: "t-fail",
        label: "测试：失败",
        schedule: { kind: "monthly", day: 31, at: "02:00" },
        run: async () => {
          attempts++;
          if (attempts === 1) throw new Error("数据库连接超时（测试）");
          return { result: "skipped", message: "本期已处理" };
        },
      },
      {
        name: "t-fine",
        label: "测试：正常",
        schedule: { kind: "every", minutes: 5 },
        run: async () => ({ summary: { rows: 3 } }),
      },
    ]);
    await s.sync();
    await makeDue("t-fail");
    await makeDue("t-fine");
    expect((await s.tick()).sort()).toEqual(["t-fail", "t-fine"]);
    const [failed] = await runsOf("t-fail");
    expect(failed).toMatchObject({ result: "failed", message: "数据库连接超时（测试）" });
    expect(failed!.durationMs).toBeGreaterThanOrEqual(0);
    expect((await runsOf("t-fine"))[0]).toMatchObject({ result: "ok", summary: { rows: 3 } });
    // The failure released the lease and moved the plan on like any run.
    const row = await jobRow("t-fail");
    expect(row.leaseOwner).toBeNull();
    expect(row.nextRunAt.getTime()).toBeGreaterThan(Date.now());
    await makeDue("t-fail");
    expect(await s.tick()).toEqual(["t-fail"]);
    expect((await runsOf("t-fail")).map((r) => r.result)).toEqual(["failed", "skipped"]);
  });

  it("a disabled job is not run by the schedule", async () => {
    const { def, counter } = counting("t-off", { kind: "every", minutes: 1 });
    const s = node("node-off", [def]);
    await s.sync();
    await db().update(scheduledJobs).set({ enabled: false }).where(eq(scheduledJobs.name, "t-off"));
    await makeDue("t-off");
    expect(await s.tick()).toEqual([]);
    expect(counter.runs).toBe(0);
  });

  it("refuses a duplicate name and an invalid schedule at registration", () => {
    const s = new Scheduler(db());
    const run = async () => undefined;
    s.register({ name: "t-dup", label: "重复", schedule: { kind: "every", minutes: 5 }, run });
    expect(() =>
      s.register({ name: "t-dup", label: "重复", schedule: { kind: "every", minutes: 5 }, run }),
    ).toThrow(/重复注册/);
    expect(() =>
      s.register({ name: "t-bad", label: "无效", schedule: { kind: "daily", at: "25:00" }, run }),
    ).toThrow(/执行计划无效/);
    expect(() =>
      s.register({ name: "Bad Name", label: "无效", schedule: { kind: "every", minutes: 5 }, run }),
    ).toThrow(/名称无效/);
  });
});

describe("定时任务 admin API", () => {
  const asCity = (method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
    ctx.app.inject({ method, url, headers: { cookie: city.cookie }, ...(payload ? { payload } : {}) });

  it("lists the registered housekeeping job with its schedule in Chinese and its next run", async () => {
    const r = await asCity("GET", "/api/jobs");
    expect(r.statusCode, r.body).toBe(200);
    const job = (r.json() as { name: string }[]).find((j) => j.name === "expire-stale-imports");
    expect(job).toMatchObject({
      label: "清理中断的企业导入任务",
      schedule: { kind: "every", minutes: 5 },
      scheduleText: "每 5 分钟",
      enabled: true,
      running: false,
      registered: true,
      lastRun: null,
    });
  });

  it("runs a job now in the background, records the run with who started it, and audits it", async () => {
    const r = await asCity("POST", "/api/jobs/expire-stale-imports/run");
    expect(r.statusCode, r.body).toBe(202);
    expect(r.json()).toMatchObject({ jobName: "expire-stale-imports", trigger: "manual", result: null });
    await ctx.app.scheduler.whenIdle();
    const runs = await asCity("GET", "/api/jobs/expire-stale-imports/runs?pageSize=5");
    expect(runs.statusCode, runs.body).toBe(200);
    expect(runs.json()).toMatchObject({
      total: 1,
      items: [
        {
          id: r.json().id,
          result: "ok",
          message: "没有中断的导入任务",
          summary: { expired: 0 },
          triggeredByName: "测试city_admin",
        },
      ],
    });
    expect(runs.json().items[0].durationMs).toBeGreaterThanOrEqual(0);
    const list = (await asCity("GET", "/api/jobs")).json() as {
      name: string;
      lastRun: { id: string } | null;
    }[];
    expect(list.find((j) => j.name === "expire-stale-imports")?.lastRun?.id).toBe(r.json().id);
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "scheduled_job.run"), eq(auditLog.entityId, "expire-stale-imports")));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorId).toBe(city.userId);
  });

  it("closes the month that just ended into indicator snapshots on the 1st, and a second run stores nothing new", async () => {
    const job = ((await asCity("GET", "/api/jobs")).json() as { name: string }[]).find(
      (j) => j.name === "close-indicator-month",
    );
    expect(job).toMatchObject({
      label: "监测指标月度关账",
      schedule: { kind: "monthly", day: 1, at: "02:00" },
    });
    const runOnce = async () => {
      const r = await asCity("POST", "/api/jobs/close-indicator-month/run");
      expect(r.statusCode, r.body).toBe(202);
      await ctx.app.scheduler.whenIdle();
      const runs = await asCity("GET", "/api/jobs/close-indicator-month/runs?pageSize=1");
      return runs.json().items[0] as { result: string; summary: { stored: number; existing: number } };
    };
    const first = await runOnce();
    expect(first.result).toBe("ok");
    expect(first.summary.stored).toBeGreaterThan(0);
    const second = await runOnce();
    expect(second).toMatchObject({ result: "ok", summary: { stored: 0, existing: first.summary.stored } });
  });

  it("answers 409 STATE_CONFLICT while the job is running, and 404 for an unknown job", async () => {
    const g = gate();
    ctx.app.scheduler.register({
      name: "t-api-slow",
      label: "测试：慢任务",
      schedule: { kind: "daily", at: "05:00" },
      run: async () => {
        await g.closed;
        return undefined;
      },
    });
    expect((await asCity("POST", "/api/jobs/t-api-slow/run")).statusCode).toBe(202);
    const busy = await asCity("POST", "/api/jobs/t-api-slow/run");
    expect(busy.statusCode, busy.body).toBe(409);
    expect(busy.json()).toMatchObject({
      code: "STATE_CONFLICT",
      params: { entity: "job", status: "running" },
    });
    const listed = (await asCity("GET", "/api/jobs")).json() as { name: string; running: boolean }[];
    expect(listed.find((j) => j.name === "t-api-slow")?.running).toBe(true);
    g.open();
    await ctx.app.scheduler.whenIdle();
    expect((await asCity("POST", "/api/jobs/t-api-slow/run")).statusCode).toBe(202);
    await ctx.app.scheduler.whenIdle();
    expect((await asCity("GET", "/api/jobs/t-api-slow/runs")).json().total).toBe(2);
    expect((await asCity("POST", "/api/jobs/no-such-job/run")).statusCode).toBe(404);
    expect((await asCity("GET", "/api/jobs/no-such-job/runs")).statusCode).toBe(404);
    expect((await asCity("PUT", "/api/jobs/no-such-job", { enabled: false })).statusCode).toBe(404);
  });

  it("disables and enables a job, audited once per change", async () => {
    const off = await asCity("PUT", "/api/jobs/expire-stale-imports", { enabled: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ name: "expire-stale-imports", enabled: false });
    // The same state again changes nothing and writes no audit row.
    expect((await asCity("PUT", "/api/jobs/expire-stale-imports", { enabled: false })).statusCode).toBe(200);
    const on = await asCity("PUT", "/api/jobs/expire-stale-imports", { enabled: true });
    expect(on.json()).toMatchObject({ enabled: true });
    expect(Date.parse(on.json().nextRunAt)).toBeGreaterThan(Date.now());
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "scheduled_job.update"), eq(auditLog.entityId, "expire-stale-imports")))
      .orderBy(asc(auditLog.id));
    expect(audits.map((a) => a.after)).toEqual([{ enabled: false }, { enabled: true }]);
  });
});
