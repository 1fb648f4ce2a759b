import type { Cockpit, DistrictValues, Drill, JobItem } from "@dxcenter/contracts";
import { auditLog, indicatorLiveFigures, scheduledJobRuns, scheduledJobs } from "@dxcenter/db";
import { periodOf } from "@dxcenter/domain";
import { and, desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { shanghaiToday } from "../src/lib/dates";
import { Scheduler } from "../src/lib/scheduler";
import { LIVE_STALE_MS, refreshOpenPeriods } from "../src/modules/indicators/indicator-live";
import { BINHAI, bureaus, createEnterpriseAs, type Session, testFile } from "./helpers";

/**
 * 驾驶舱 of a period not closed (issue 13 §10): the figures are stored provisionally and shown with
 * the time they were computed ("数据截至"); a write after that does not move them until a refresh —
 * the scheduled job, the city's 刷新, or a read that finds them stale — while the drill-down lists the
 * rows live. On both databases.
 */
const env = testFile(bureaus);
const RUNNING = periodOf(shanghaiToday(), "monthly");
const CLOUD = "cloud-adopted-enterprises";

async function call<T>(s: Session, method: "GET" | "POST", url: string, payload?: object) {
  const r = await env.ctx.app.inject({
    method,
    url,
    headers: { cookie: s.cookie },
    ...(payload ? { payload } : {}),
  });
  return { status: r.statusCode, body: r.json() as T };
}
const cloudCard = (c: Cockpit) => c.cards.find((x) => x.indicator.id === CLOUD)!;
const cockpitOf = async (s: Session, query = "") =>
  (await call<Cockpit>(s, "GET", `/api/cockpit?period=${RUNNING}${query}`)).body;

describe("provisional figures of the running month", () => {
  it("are stored with their time, stay until a refresh, and the drill-down says the live list differs", async () => {
    const { city, district } = env;
    await createEnterpriseAs(env.ctx, city, { districtCode: BINHAI, cloudAdopted: true });
    const first = await cockpitOf(city);
    const before = cloudCard(first).figure;
    expect(before.origin).toBe("live");
    expect(before.value).toBe(1);
    expect(before.computedAt).not.toBeNull();

    // A new 上云 enterprise: the stored figure (and its time) is what the 驾驶舱 still shows …
    await createEnterpriseAs(env.ctx, city, { districtCode: BINHAI, cloudAdopted: true });
    const again = cloudCard(await cockpitOf(city)).figure;
    expect(again).toMatchObject({ value: 1, computedAt: before.computedAt });
    // … the district's 驾驶舱 and the ranking read the same stored rows …
    const own = cloudCard(await cockpitOf(district)).figure;
    expect(own).toMatchObject({ value: 1, computedAt: before.computedAt });
    const ranking = (
      await call<DistrictValues>(city, "GET", `/api/cockpit/districts?indicator=${CLOUD}&period=${RUNNING}`)
    ).body;
    expect(ranking.items.find((i) => i.districtCode === BINHAI)?.value).toBe(1);
    // … while the drill-down lists today's rows: its totals differ from the figure, which says its time.
    const drill = (await call<Drill>(city, "GET", `/api/cockpit/drill?indicator=${CLOUD}&period=${RUNNING}`))
      .body;
    expect(drill.basis).toBe("period");
    expect(drill.figure).toMatchObject({ origin: "live", value: 1, computedAt: before.computedAt });
    expect(drill.summary.value).toBe(2);
    expect(drill.total).toBe(2);

    // 刷新 is the city's: a district administrator is refused, the city gets the new figure.
    expect((await call(district, "POST", "/api/cockpit/refresh", { period: RUNNING })).status).toBe(403);
    const refreshed = await call<Cockpit>(city, "POST", "/api/cockpit/refresh", { period: RUNNING });
    expect(refreshed.status).toBe(200);
    const after = cloudCard(refreshed.body).figure;
    expect(after.value).toBe(2);
    expect(Date.parse(after.computedAt!)).toBeGreaterThan(Date.parse(before.computedAt!));
    expect(cloudCard(await cockpitOf(district)).figure.value).toBe(2);
    const [audit] = await env.ctx.handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "indicator.live_refresh"))
      .orderBy(desc(auditLog.at));
    expect(audit).toMatchObject({ entityId: RUNNING, actorId: city.userId });
  });

  it("are recomputed on read once stale (no node ran the job)", async () => {
    const { city } = env;
    await cockpitOf(city);
    await createEnterpriseAs(env.ctx, city, { districtCode: BINHAI, cloudAdopted: true });
    expect(cloudCard(await cockpitOf(city)).figure.value).toBe(2);
    await env.ctx.handle.db
      .update(indicatorLiveFigures)
      .set({ computedAt: sql`now() - make_interval(secs => ${LIVE_STALE_MS / 1000 + 60})` });
    expect(cloudCard(await cockpitOf(city)).figure.value).toBe(3);
  });

  it("are refreshed by the scheduled job once across two nodes, with the run in the jobs view", async () => {
    const { city } = env;
    await createEnterpriseAs(env.ctx, city, { districtCode: BINHAI, cloudAdopted: true });
    expect(cloudCard(await cockpitOf(city)).figure.value).toBe(3);
    const db = env.ctx.handle.db;
    const job = () => ({
      name: "refresh-live-indicators",
      label: "刷新驾驶舱暂存数值（未关账统计期）",
      schedule: { kind: "every" as const, minutes: 10 },
      run: async () => {
        const r = await refreshOpenPeriods(db);
        return { summary: { figures: r.figures } };
      },
    });
    const nodes = ["node-a", "node-b"].map((nodeId) => {
      const s = new Scheduler(db, { nodeId, onError: (e) => console.error(e) });
      s.register(job());
      return s;
    });
    try {
      await Promise.all(nodes.map((n) => n.sync()));
      await db
        .update(scheduledJobs)
        .set({ nextRunAt: sql`now() - interval '1 second'` })
        .where(eq(scheduledJobs.name, "refresh-live-indicators"));
      const ran = (await Promise.all(nodes.map((n) => n.tick()))).flat();
      expect(ran).toEqual(["refresh-live-indicators"]);
    } finally {
      for (const n of nodes) await n.stop();
    }
    expect(cloudCard(await cockpitOf(city)).figure.value).toBe(4);
    const runs = await db
      .select()
      .from(scheduledJobRuns)
      .where(and(eq(scheduledJobRuns.jobName, "refresh-live-indicators"), eq(scheduledJobRuns.result, "ok")));
    expect(runs).toHaveLength(1);
    expect(Number(runs[0]!.summary?.figures)).toBeGreaterThanOrEqual(12);
    const view = await call<JobItem[]>(city, "GET", "/api/jobs");
    expect(view.body.find((j) => j.name === "refresh-live-indicators")?.lastRun?.result).toBe("ok");
  });
});
