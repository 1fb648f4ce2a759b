import { auditLog, budgetPools, diagnoses, projects, users, warnings } from "@dxcenter/db";
import { addDays } from "@dxcenter/domain";
import { and, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { shanghaiToday, shanghaiYear } from "../src/lib/dates";
import { CLEARED_NOTE, evaluateWarnings } from "../src/modules/warnings/evaluate-warnings";
import { briefingWarningsSummary } from "../src/modules/warnings/warning-briefing";
import {
  BINHAI,
  bureausAndPartners,
  createEnterpriseAs,
  requestAs,
  type Session,
  SYSTEM,
  testFile,
} from "./helpers";

/**
 * 预警中心 on both databases: conditions on real rows raise one warning each (also under two
 * concurrent evaluations), a cleared condition closes its warning, the scope of each role, and the
 * life acknowledge → handle (note required) → close with 409 in the wrong state and audit rows.
 */

const env = testFile(bureausAndPartners, 120_000);
const db = () => env.ctx.handle.db;
const today = shanghaiToday();
const call = (s: Session | null, method: "GET" | "POST", url: string, payload?: object) =>
  requestAs(env.ctx, s, method, url, payload);

let binhaiProject: string;
let cityPool: string;
let binhaiPool: string;
let diagnosis: string;

beforeAll(async () => {
  const ent = await createEnterpriseAs(env.ctx, env.city, { districtCode: BINHAI });
  const [p] = await db()
    .insert(projects)
    .values({
      enterpriseId: ent.id,
      districtCode: BINHAI,
      name: "滨海智能产线改造",
      type: "equipment_renewal",
      totalInvestmentFen: 100_000_000,
      plannedStartDate: addDays(today, -200),
      plannedFinishDate: addDays(today, 200),
      status: "in_construction",
      startedOn: addDays(today, -150),
      lastReportOn: addDays(today, -45),
      createdBy: env.city.userId,
    })
    .returning({ id: projects.id });
  binhaiProject = p!.id;
  const year = shanghaiYear();
  const pools = await db()
    .insert(budgetPools)
    .values([
      {
        code: "test-pool",
        name: "市级技改专项",
        payer: "city",
        year,
        totalFen: 1_000_000,
        reservedFen: 950_000,
      },
      {
        code: "test-pool",
        name: "滨海技改专项",
        payer: "district",
        districtCode: BINHAI,
        year,
        totalFen: 1_000_000,
        paidFen: 1_000_000,
      },
    ])
    .returning({ id: budgetPools.id, districtCode: budgetPools.districtCode });
  cityPool = pools.find((x) => !x.districtCode)!.id;
  binhaiPool = pools.find((x) => x.districtCode)!.id;
  const [d] = await db()
    .insert(diagnoses)
    .values({
      enterpriseId: ent.id,
      instrumentId: "miit-2024-manufacturing",
      status: "scheduled",
      source: "district",
      requestedBy: env.district.userId,
      visitDate: addDays(today, -3),
    })
    .returning({ id: diagnoses.id });
  diagnosis = d!.id;
}, 120_000);

const open = () => db().select().from(warnings).where(ne(warnings.state, "closed"));

describe("evaluation", () => {
  it("raises one warning per condition, also when two evaluations run at once", async () => {
    const [a, b] = await Promise.all([evaluateWarnings(db(), SYSTEM), evaluateWarnings(db(), SYSTEM)]);
    expect(a.found).toBe(b.found);
    const rows = await open();
    expect(a.raised + b.raised).toBe(rows.length);
    expect(new Set(rows.map((r) => r.dedupeKey)).size).toBe(rows.length);
    const byRule = Object.fromEntries(rows.map((r) => [`${r.ruleId}:${r.subjectId}`, r]));
    expect(byRule[`project-report-stale:${binhaiProject}`]).toMatchObject({
      level: "orange",
      ownerKind: "district",
      ownerCode: BINHAI,
      subjectName: "滨海智能产线改造",
      title: "项目“滨海智能产线改造”已45天未报告进度",
    });
    expect(byRule[`budget-pool-low:${cityPool}`]).toMatchObject({ level: "orange", ownerKind: "city" });
    expect(byRule[`budget-pool-low:${binhaiPool}`]).toMatchObject({ level: "red", ownerCode: BINHAI });
    expect(byRule[`diagnosis-overdue:${diagnosis}`]).toMatchObject({ level: "yellow", districtCode: BINHAI });
    // 待接入 rules are never evaluated.
    expect(rows.some((r) => r.ruleId === "certificate-expiring" || r.ruleId === "report-late")).toBe(false);
    const raised = await db().select().from(auditLog).where(eq(auditLog.action, "warning.raise"));
    expect(raised.length).toBe(rows.length);
  });

  it("a third run changes nothing", async () => {
    const before = await open();
    const s = await evaluateWarnings(db(), SYSTEM);
    expect(s).toMatchObject({ raised: 0, cleared: 0 });
    expect((await open()).map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());
  });

  it("closes a warning itself when its condition clears", async () => {
    await db().update(projects).set({ lastReportOn: today }).where(eq(projects.id, binhaiProject));
    const s = await evaluateWarnings(db(), SYSTEM);
    expect(s.cleared).toBe(1);
    const [w] = await db()
      .select()
      .from(warnings)
      .where(and(eq(warnings.ruleId, "project-report-stale"), eq(warnings.subjectId, binhaiProject)));
    expect(w).toMatchObject({ state: "closed", closedBy: null, closeNote: CLEARED_NOTE });
    expect(w?.clearedAt).not.toBeNull();
  });
});

describe("access", () => {
  it("lists by scope: city all, district its own, department its organisation's, others 403/401", async () => {
    const all = (await call(env.city, "GET", "/api/warnings?pageSize=200")).json();
    const own = (await call(env.district, "GET", "/api/warnings?pageSize=200")).json();
    const other = (await call(env.otherDistrict, "GET", "/api/warnings?pageSize=200")).json();
    expect(own.total).toBeGreaterThan(0);
    expect(all.total).toBeGreaterThan(own.total);
    expect(own.items.every((w: { districtCode: string }) => w.districtCode === BINHAI)).toBe(true);
    expect(other.total).toBe(0);
    expect((await call(env.department, "GET", "/api/warnings")).json().total).toBe(0);
    expect((await call(env.provider, "GET", "/api/warnings")).statusCode).toBe(403);
    expect((await call(null, "GET", "/api/warnings")).statusCode).toBe(401);
    const cityOwned = all.items.find((w: { ownerKind: string }) => w.ownerKind === "city");
    expect(cityOwned.ownerName).toBe("市工信局");
    expect((await call(env.district, "GET", `/api/warnings/${cityOwned.id}`)).statusCode).toBe(404);
  });

  it("a department reads and acts on the warnings its organisation owns, and only those", async () => {
    await db().update(users).set({ organization: "市统计局" }).where(eq(users.id, env.department.userId));
    const [own] = await db()
      .insert(warnings)
      .values({
        ruleId: "indicator-behind-trajectory",
        ruleVersion: "1",
        subjectType: "indicator",
        subjectId: "tech-upgrade-investment-growth@city",
        subjectName: "技改投资增速（全市）",
        ownerKind: "department",
        ownerCode: "市统计局",
        level: "yellow",
        title: "全市技改投资增速滞后（测试）",
        detail: {},
        dedupeKey: "test:department-owned",
      })
      .returning({ id: warnings.id });
    const list = (await call(env.department, "GET", "/api/warnings")).json();
    expect(list.items.map((w: { id: string }) => w.id)).toEqual([own!.id]);
    expect(list.items[0].ownerName).toBe("市统计局");
    const ack = await call(env.department, "POST", `/api/warnings/${own!.id}/acknowledge`, {});
    expect(ack.json()).toMatchObject({ state: "acknowledged", permissions: { handle: true } });
    expect((await call(env.district, "GET", `/api/warnings/${own!.id}`)).statusCode).toBe(404);
    await db().update(users).set({ organization: "市发展改革委" }).where(eq(users.id, env.department.userId));
    expect((await call(env.department, "GET", `/api/warnings/${own!.id}`)).statusCode).toBe(404);
  });

  it("filters and counts", async () => {
    const red = (await call(env.city, "GET", "/api/warnings?level=red&active=true")).json();
    expect(red.items.length).toBeGreaterThan(0);
    expect(red.items.every((w: { level: string }) => w.level === "red")).toBe(true);
    const counts = (await call(env.district, "GET", "/api/warnings/counts")).json();
    expect(counts.byLevel.red).toBeGreaterThan(0);
    const rules = (await call(env.city, "GET", "/api/warnings/rules")).json();
    expect(rules.find((r: { rule: { id: string } }) => r.rule.id === "certificate-expiring").status).toBe(
      "pending",
    );
    const xlsx = await call(env.district, "GET", "/api/warnings/export?level=red");
    expect(xlsx.statusCode).toBe(200);
  });
});

describe("the life of a warning", () => {
  it("acknowledge → handle (note required) → close, 409 in the wrong state, every step audited", async () => {
    const [w] = await db()
      .select()
      .from(warnings)
      .where(and(eq(warnings.ruleId, "budget-pool-low"), eq(warnings.subjectId, binhaiPool)));
    const url = `/api/warnings/${w!.id}`;
    expect((await call(env.otherDistrict, "POST", `${url}/acknowledge`, {})).statusCode).toBe(404);
    const early = await call(env.district, "POST", `${url}/handle`, { note: "已追加预算" });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      code: "STATE_CONFLICT",
      params: { entity: "warning", status: "open" },
    });
    const ack = await call(env.district, "POST", `${url}/acknowledge`, {});
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ state: "acknowledged", permissions: { handle: true } });
    expect((await call(env.district, "POST", `${url}/acknowledge`, {})).statusCode).toBe(409);
    expect((await call(env.district, "POST", `${url}/handle`, { note: "  " })).statusCode).toBe(400);
    const handled = await call(env.district, "POST", `${url}/handle`, { note: "已申请追加预算" });
    expect(handled.json()).toMatchObject({ state: "handled", handleNote: "已申请追加预算" });
    const closed = await call(env.city, "POST", `${url}/close`, { note: "追加到位" });
    expect(closed.json()).toMatchObject({ state: "closed", closeNote: "追加到位" });
    expect(closed.json().history.map((h: { action: string }) => h.action)).toEqual([
      "warning.raise",
      "warning.acknowledge",
      "warning.handle",
      "warning.close",
    ]);
    // The condition still holds: the next run raises it again as a new warning.
    await evaluateWarnings(db(), SYSTEM);
    const again = await db()
      .select()
      .from(warnings)
      .where(and(eq(warnings.subjectId, binhaiPool), ne(warnings.state, "closed")));
    expect(again).toHaveLength(1);
    expect(again[0]!.id).not.toBe(w!.id);
  });
});

describe("the monthly briefing's 预警 section", () => {
  it("counts this month's warnings by level and where each stands, most serious open ones first", async () => {
    const all = await db().select().from(warnings);
    const s = await briefingWarningsSummary(db(), today.slice(0, 7));
    expect(s.raised.red + s.raised.orange + s.raised.yellow).toBe(all.length);
    expect(s.handling.closed).toBe(all.filter((w) => w.state === "closed").length);
    expect(s.open.length).toBe(all.filter((w) => w.state !== "closed").length);
    expect(s.open[0]?.level).toBe("red");
    expect(s.open.every((w) => w.owner !== "")).toBe(true);
  });
});
