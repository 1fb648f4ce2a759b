import type { Cockpit } from "@dxcenter/contracts";
import { indicatorReports } from "@dxcenter/db";
import { REPORT_STATES } from "@dxcenter/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../src/seed/demo";
import { seedDemoReports } from "../src/seed/demo-reports";
import { createTestContext, login, type TestContext } from "./helpers";

/** The demo's 指标填报: tasks in every state, reported figures with a trend on the 驾驶舱, overdue tasks. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ mode: "demo" });
  await seedDemo(ctx.handle.db, "Dxc@2026demo");
}, 600_000);
afterAll(() => ctx.close());

describe("demo 指标填报", () => {
  it("seeds tasks in every state once, with reported figures and a trend on the 驾驶舱", async () => {
    const r = await seedDemoReports(ctx.handle.db);
    expect(r?.approved).toBeGreaterThan(50);
    expect(await seedDemoReports(ctx.handle.db)).toBeNull();
    const rows = await ctx.handle.db.select().from(indicatorReports);
    expect(new Set(rows.map((t) => t.status))).toEqual(new Set(REPORT_STATES));
    const cookie = await login(ctx, "city_admin", "Dxc@2026demo");
    const cockpit = (
      await ctx.app.inject({ method: "GET", url: "/api/cockpit", headers: { cookie } })
    ).json() as Cockpit;
    const smart = cockpit.cards.find((c) => c.indicator.id === "smart-factories-new")!;
    expect(smart.sparkline.filter((p) => p.value !== null).length).toBeGreaterThanOrEqual(4);
    const growth = cockpit.cards.find((c) => c.indicator.id === "tech-upgrade-investment-cumulative")!;
    expect(growth.figure).toMatchObject({ origin: "snapshot", value: 884.7 });
    const list = (
      await ctx.app.inject({ method: "GET", url: "/api/indicator-reports?overdue=true", headers: { cookie } })
    ).json() as { total: number; overdueCount: number };
    expect(list.total).toBeGreaterThan(0);
    expect(list.overdueCount).toBe(list.total);
    const stats = await login(ctx, "stats", "Dxc@2026demo");
    const own = (
      await ctx.app.inject({ method: "GET", url: "/api/indicator-reports", headers: { cookie: stats } })
    ).json() as { items: { indicatorId: string }[] };
    expect(new Set(own.items.map((t) => t.indicatorId))).toEqual(
      new Set(["tech-upgrade-investment-growth", "tech-upgrade-investment-cumulative"]),
    );
  }, 300_000);
});
