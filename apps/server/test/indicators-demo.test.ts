import type { Cockpit, Drill } from "@dxcenter/contracts";
import { auditLog, indicatorSnapshots, warnings } from "@dxcenter/db";
import { FORMULA_IDS, lastClosedPeriod, periodOf, previousPeriod } from "@dxcenter/domain";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shanghaiToday } from "../src/lib/dates";
import { currentDistricts } from "../src/modules/indicators/indicator.queries";
import { drillRows } from "../src/modules/indicators/indicator-drill";
import { asOfPeriod } from "../src/modules/indicators/indicator-figures";
import { computeRollup, formulaShape } from "../src/modules/indicators/indicator-rollups";
import { SCHEDULER_ACTOR } from "../src/modules/jobs/housekeeping";
import { DEFAULT_POLICIES_DIR, DEMO_POLICIES_DIR, syncPolicies } from "../src/modules/policies/policy-loader";
import { evaluateWarnings } from "../src/modules/warnings/evaluate-warnings";
import { seedDemo } from "../src/seed/demo";
import { seedDemoAssessments } from "../src/seed/demo-assessments";
import { seedDemoDiagnoses } from "../src/seed/demo-diagnoses";
import { seedDemoIndicators } from "../src/seed/demo-indicators";
import { seedDemoPolicies } from "../src/seed/demo-policies";
import { seedDemoProjects } from "../src/seed/demo-projects";
import { BINHAI, createTestContext, login, type TestContext } from "./helpers";
import { readSheet } from "./xlsx-fixtures";

/** 和平区: a district other than the district administrator's 滨海新区. */
const OTHER_DISTRICT = "120101";
const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ mode: "demo" });
  await seedDemo(ctx.handle.db, "Dxc@2026demo");
  await seedDemoAssessments(ctx.handle.db);
  // Diagnoses, awards with payments and projects: every formula of the drill-down has rows.
  await seedDemoDiagnoses(ctx.handle.db);
  await syncPolicies(ctx.handle.db, [DEFAULT_POLICIES_DIR, DEMO_POLICIES_DIR]);
  await seedDemoPolicies(ctx.handle.db);
  await seedDemoProjects(ctx.handle.db);
}, 600_000); // the demo city, a year of assessments, diagnoses, awards, projects: minutes on a loaded 2-core machine
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

describe("indicator drill-down (下钻)", () => {
  it("lists, for every formula and district, exactly the rows its rollup counts", async () => {
    const db = ctx.handle.db;
    const codes = (await currentDistricts(db)).map((d) => d.code);
    const now = new Date();
    const running = periodOf(shanghaiToday(now.getTime()), "monthly");
    let nonEmpty = 0;
    for (const period of [running, previousPeriod(previousPeriod(running))]) {
      const asOf = asOfPeriod(period, now);
      for (const formula of FORMULA_IDS) {
        const rollup = await computeRollup(db, formula, asOf, codes);
        const shape = formulaShape(formula);
        const den = shape === "rate" || shape === "average" ? sql`count(*)::numeric` : sql`null::numeric`;
        const listed = await db.execute(sql`select district, num::text as numerator, den::text as denominator
          from (select s.district, coalesce(sum(s.contribution) filter (where s.counted), 0) as num, ${den} as den
                from (${drillRows(formula, asOf)}) s group by rollup (s.district)) g`);
        const byScope = new Map(
          rowsOf<{ district: string | null; numerator: string; denominator: string | null }>(listed).map(
            (r) => [r.district ?? "city", r],
          ),
        );
        for (const [scope, r] of rollup) {
          const l = byScope.get(scope);
          const what = `${formula} ${period} ${scope}`;
          expect(Number(l?.numerator ?? 0), what).toBe(Number(r.numerator ?? 0));
          expect(
            l ? (l.denominator === null ? null : Number(l.denominator)) : r.denominator === null ? null : 0,
            what,
          ).toBe(r.denominator === null ? null : Number(r.denominator));
        }
        if (Number(rollup.get("city")?.numerator ?? 0) > 0) nonEmpty++;
      }
    }
    // The demo fills every module: most formulas have rows in both windows (not a vacuous match).
    expect(nonEmpty).toBeGreaterThanOrEqual(16);
  }, 300_000);

  it("drills a closed month into today's list under the same definition, scoped like the 驾驶舱", async () => {
    const city = await login(ctx, "city_admin", "Dxc@2026demo");
    const get = async (cookie: string, query: string) =>
      ctx.app.inject({ method: "GET", url: `/api/cockpit/drill?${query}`, headers: { cookie } });

    const res = await get(city, "indicator=projects-in-construction&pageSize=200");
    expect(res.statusCode).toBe(200);
    const d = res.json() as Drill;
    // The last ended month is closed (snapshots above): the list is today's, and says so.
    expect(d.figure.origin).toBe("snapshot");
    expect(d.basis).toBe("today");
    expect(d.listPeriod).toBe(periodOf(shanghaiToday(), "monthly"));
    expect(d.summary.rows).toBeGreaterThan(0);
    expect(d.total).toBe(d.summary.rows);
    expect(d.items).toHaveLength(d.total);
    expect(d.summary.value).toBe(d.summary.numerator);
    // Names on screen, never ids; every row a project of a named enterprise and district.
    for (const it of d.items) {
      expect(it.subject).toBe("project");
      expect(it.name).not.toMatch(/^[0-9a-f-]{36}$/);
      expect(it.enterpriseName.length).toBeGreaterThan(1);
      expect(it.districtName).not.toBe(it.districtCode);
    }

    // The running month is not closed: its figure is live and is the list's own total, as on the 驾驶舱.
    const running = periodOf(shanghaiToday(), "monthly");
    const live = (await get(city, `indicator=projects-in-construction&period=${running}`)).json() as Drill;
    expect(live.basis).toBe("period");
    expect(live.figure.origin).toBe("live");
    expect(live.total).toBe(live.summary.rows);
    const board = (
      await ctx.app.inject({
        method: "GET",
        url: `/api/cockpit?period=${running}`,
        headers: { cookie: city },
      })
    ).json() as Cockpit;
    const card = board.cards.find((c) => c.indicator.id === "projects-in-construction");
    expect(card?.figure.origin).toBe("live");
    expect(live.figure.value).toBe(card?.figure.value);

    // A district administrator gets its own district, and only that.
    const district = await login(ctx, "district_admin", "Dxc@2026demo");
    const own = (await get(district, "indicator=projects-in-construction")).json() as Drill;
    expect(own.scope).toBe(BINHAI);
    expect(own.items.every((i) => i.districtCode === BINHAI)).toBe(true);
    expect(own.summary.rows).toBe(d.items.filter((i) => i.districtCode === BINHAI).length);
    expect(
      (await get(district, `indicator=projects-in-construction&district=${OTHER_DISTRICT}`)).statusCode,
    ).toBe(403);

    // A rate lists its denominator; `counted` splits it, and the halves add up.
    const rate = (await get(city, `indicator=rd-tools-penetration&district=${BINHAI}`)).json() as Drill;
    const yes = (
      await get(city, `indicator=rd-tools-penetration&district=${BINHAI}&counted=true`)
    ).json() as Drill;
    const no = (
      await get(city, `indicator=rd-tools-penetration&district=${BINHAI}&counted=false`)
    ).json() as Drill;
    expect(yes.total).toBe(rate.summary.counted);
    expect(yes.total + no.total).toBe(rate.summary.rows);
    expect(no.items.every((i) => !i.counted)).toBe(true);
    expect(rate.summary.value).toBeCloseTo((100 * rate.summary.counted) / rate.summary.rows, 4);

    // Search narrows the page, not the totals.
    const first = d.items[0]!;
    const found = (
      await get(city, `indicator=projects-in-construction&q=${encodeURIComponent(first.name)}`)
    ).json() as Drill;
    expect(found.items.some((i) => i.rowId === first.rowId)).toBe(true);
    expect(found.total).toBeLessThan(d.total + 1);
    expect(found.summary.rows).toBe(d.summary.rows);

    // A reported figure has no platform list: 400 naming the field.
    const reported = await get(city, "indicator=tech-upgrade-investment-cumulative");
    expect(reported.statusCode).toBe(400);
    expect(reported.json()).toMatchObject({ field: "indicator" });
  }, 300_000);

  it("exports the list it shows, with money in 元, and audits who exported what", async () => {
    const city = await login(ctx, "city_admin", "Dxc@2026demo");
    const shown = (
      await ctx.app.inject({
        method: "GET",
        url: "/api/cockpit/drill?indicator=subsidy-paid&pageSize=200",
        headers: { cookie: city },
      })
    ).json() as Drill;
    expect(shown.total).toBeGreaterThan(0);
    const res = await ctx.app.inject({
      method: "GET",
      url: "/api/cockpit/drill/export?indicator=subsidy-paid",
      headers: { cookie: city },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const rows = await readSheet(res.rawPayload);
    expect(rows[0]).toEqual(["类别", "名称", "企业", "所属区", "金额（元）", "日期", "说明"]);
    expect(rows).toHaveLength(shown.total + 1);
    const fen = shown.items.reduce((a, i) => a + i.contribution, 0);
    const yuan = rows
      .slice(1)
      .reduce((a, r) => a + Math.round(Number(String(r[4]).replaceAll(",", "")) * 100), 0);
    expect(yuan).toBe(fen);
    const [audit] = await ctx.handle.db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.action, "indicator.drill_export"));
    expect(audit?.after).toMatchObject({ indicator: "subsidy-paid", scope: "city", rows: shown.total });
  }, 120_000);
});

describe("demo warnings", () => {
  it("one evaluation (as the demo runs at start) fires the demo-facing rules on real demo rows", async () => {
    const s = await evaluateWarnings(ctx.handle.db, SCHEDULER_ACTOR);
    expect(s.raised).toBe(s.found);
    const rows = await ctx.handle.db.select({ ruleId: warnings.ruleId }).from(warnings);
    const rules = new Set(rows.map((r) => r.ruleId));
    for (const id of [
      "indicator-behind-trajectory",
      "project-report-stale",
      "project-milestone-late",
      "diagnosis-overdue",
      "budget-pool-low",
      "score-drop-reassessment",
    ])
      expect(rules.has(id), id).toBe(true);
  });
});
