import type { Cockpit } from "@dxcenter/contracts";
import { indicatorSnapshots } from "@dxcenter/db";
import { lastClosedPeriod } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shanghaiToday } from "../src/lib/dates";
import { seedDemo } from "../src/seed/demo";
import { seedDemoAssessments } from "../src/seed/demo-assessments";
import { seedDemoIndicators } from "../src/seed/demo-indicators";
import { createTestContext, login, type TestContext } from "./helpers";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ mode: "demo" });
  await seedDemo(ctx.handle.db, "Dxc@2026demo");
  await seedDemoAssessments(ctx.handle.db);
}, 300_000); // the demo city and a year of assessments: minutes on a loaded 2-core machine
afterAll(() => ctx.close());

describe("demo indicator history", () => {
  it("closes the last 12 months from the demo tables, once, so the 驾驶舱 shows a year", async () => {
    const r = await seedDemoIndicators(ctx.handle.db);
    expect(r?.months).toHaveLength(12);
    expect(r?.stored).toBe(12 * 12 * 17); // 12 months × 12 computed indicators × (city + 16 districts)
    expect(await seedDemoIndicators(ctx.handle.db)).toBeNull();
    const [tagged] = await ctx.handle.db
      .select({ n: sql<number>`count(*) filter (where source_version like 'demo-backfill:%')::int` })
      .from(indicatorSnapshots);
    expect(tagged?.n).toBe(r?.stored);

    const cookie = await login(ctx, "city_admin", "Dxc@2026demo");
    const res = await ctx.app.inject({ method: "GET", url: "/api/cockpit", headers: { cookie } });
    const cockpit = res.json() as Cockpit;
    expect(cockpit.period).toBe(lastClosedPeriod(shanghaiToday(), "monthly"));
    const line = (id: string) =>
      cockpit.cards.find((c) => c.indicator.id === id)?.sparkline.map((p) => p.value) ?? [];
    // Registry figures are back-filled with today's registry: a flat, known line.
    const rd = line("rd-tools-penetration");
    expect(rd.every((v) => v !== null && v === rd[0])).toBe(true);
    // Assessments are real history: coverage over a 5-year window only grows month by month.
    const coverage = line("diagnosis-coverage-5y");
    expect(coverage.every((v) => v !== null)).toBe(true);
    for (let i = 1; i < coverage.length; i++) expect(coverage[i]!).toBeGreaterThanOrEqual(coverage[i - 1]!);
    expect(coverage.at(-1)!).toBeGreaterThan(0);
    // Reported indicators stay empty until their owners report.
    expect(line("tech-upgrade-investment-cumulative").every((v) => v === null)).toBe(true);
  }, 300_000);
});
