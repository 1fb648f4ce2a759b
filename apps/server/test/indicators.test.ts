import type {
  ClosePeriodResult,
  Cockpit,
  DistrictValues,
  Indicator,
  IndicatorSnapshot,
} from "@dxcenter/contracts";
import { assessments, enterprises, indicatorSnapshots } from "@dxcenter/db";
import { addPeriods, lastClosedPeriod, periodStart } from "@dxcenter/domain";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shanghaiToday } from "../src/lib/dates";
import { closePeriod } from "../src/modules/indicators/close-period";
import { createUser } from "../src/modules/users/user.service";
import {
  BINHAI,
  createEnterpriseAs,
  createTestContext,
  HEPING,
  login,
  PASSWORD,
  type Session,
  SYSTEM,
  type TestContext,
  userSession,
} from "./helpers";

/**
 * 监测分析预警 on both databases: computed rollups against fixtures with known counts (city and per
 * district), closing a period into snapshots (idempotent), snapshots that cannot change, corrections
 * as new versions, and who may read what.
 */

let ctx: TestContext;
let city: Session;
let district: Session;
let stats: Session;
let department: Session;
let enterprise: Session;
let provider: Session;
/** The last month that has ended (Asia/Shanghai): closable, and the 驾驶舱's default. */
const MONTH = lastClosedPeriod(shanghaiToday(), "monthly");
const db = () => ctx.handle.db;

async function get<T>(s: Session | null, url: string): Promise<{ status: number; body: T }> {
  const r = await ctx.app.inject({ method: "GET", url, headers: s ? { cookie: s.cookie } : {} });
  return { status: r.statusCode, body: r.json() as T };
}
async function post<T>(s: Session, url: string, payload?: object): Promise<{ status: number; body: T }> {
  const r = await ctx.app.inject({
    method: "POST",
    url,
    headers: { cookie: s.cookie },
    ...(payload ? { payload } : {}),
  });
  return { status: r.statusCode, body: r.json() as T };
}
const card = (c: Cockpit, id: string) => {
  const found = c.cards.find((x) => x.indicator.id === id);
  if (!found) throw new Error(`no card ${id}`);
  return found;
};

beforeAll(async () => {
  ctx = await createTestContext();
  city = await userSession(ctx, "city_admin");
  district = await userSession(ctx, "district_admin", { districtCode: BINHAI });
  department = await userSession(ctx, "department");
  provider = await userSession(ctx, "provider");
  await createUser(
    db(),
    {
      username: "stats_dept",
      displayName: "统计局联络员",
      role: "department",
      districtCode: null,
      enterpriseId: null,
      organization: "市统计局",
      password: PASSWORD,
    },
    SYSTEM,
  );
  stats = { cookie: await login(ctx, "stats_dept"), userId: "" };

  // 滨海新区: three 规上 (研发设计工具 yes/yes/no; 数控化率 60/80/—; one 上云) and one 规下 with 上云 (2 上云).
  // 和平区: two 规上 (研发设计工具 yes/—; 数控化率 50/—) and one 规下 with 上云.
  const made = [
    await createEnterpriseAs(ctx, city, {
      districtCode: BINHAI,
      digitalRdTools: true,
      keyProcessNcRate: 60,
      cloudAdopted: true,
    }),
    await createEnterpriseAs(ctx, city, { districtCode: BINHAI, digitalRdTools: true, keyProcessNcRate: 80 }),
    await createEnterpriseAs(ctx, city, { districtCode: BINHAI, digitalRdTools: false }),
    await createEnterpriseAs(ctx, city, { districtCode: BINHAI, aboveScale: false, cloudAdopted: true }),
    await createEnterpriseAs(ctx, city, { districtCode: HEPING, digitalRdTools: true, keyProcessNcRate: 50 }),
    await createEnterpriseAs(ctx, city, { districtCode: HEPING }),
    await createEnterpriseAs(ctx, city, { districtCode: HEPING, aboveScale: false, cloudAdopted: true }),
  ];
  enterprise = await userSession(ctx, "enterprise", { enterpriseId: made[0]!.id });
  // Registered before the month closed (the rollups leave out what was created after a period's end).
  const before = new Date(`${periodStart(addPeriods(MONTH, -1))}T12:00:00+08:00`);
  await db()
    .update(enterprises)
    .set({ createdAt: before })
    .where(
      inArray(
        enterprises.id,
        made.map((e) => e.id),
      ),
    );
  // Submitted MIIT assessments inside the month: 滨海 #1 level 3 (an earlier level-1 one before it),
  // 滨海 #2 level 1, 和平 #1 level 2; one submitted after the month, which no figure of it may count.
  const inMonth = new Date(`${periodStart(MONTH)}T10:00:00+08:00`);
  const row = (i: number, level: number, at: Date) => ({
    enterpriseId: made[i]!.id,
    instrumentId: "miit-2024-manufacturing",
    instrumentVersion: "2024.1-draft",
    status: "submitted" as const,
    level,
    submittedAt: at,
    createdBy: city.userId,
  });
  await db()
    .insert(assessments)
    .values([
      row(0, 1, before),
      row(0, 3, inMonth),
      row(1, 1, inMonth),
      row(4, 2, inMonth),
      row(5, 4, new Date(Date.now() + 60_000)),
    ]);
});
afterAll(() => ctx?.close());

describe("computed rollups (city and every district in one statement)", () => {
  let live: Cockpit;
  beforeAll(async () => {
    const r = await get<Cockpit>(city, `/api/cockpit?period=${MONTH}`);
    expect(r.status).toBe(200);
    live = r.body;
  });

  it("the city 驾驶舱 shows every indicator, live before the month is closed", () => {
    expect(live.scope).toBe("city");
    expect(live.scopeName).toBe("全市");
    expect(live.cards).toHaveLength(18);
    expect(card(live, "rd-tools-penetration").figure.origin).toBe("live");
    expect(card(live, "tech-upgrade-investment-cumulative").figure.origin).toBe("none");
    expect(card(live, "tech-upgrade-investment-cumulative").unknownReason).toBe("no_value");
  });

  it("rates and averages sum numerators and denominators, never average district rates", () => {
    // 普及率: 3 of 4 规上 with the field filled (滨海 2/3, 和平 1/1) → 75 %.
    expect(card(live, "rd-tools-penetration").figure).toMatchObject({
      value: 75,
      numerator: 3,
      denominator: 4,
    });
    // 数控化率: (60 + 80 + 50) / 3.
    expect(card(live, "key-process-nc-rate").figure).toMatchObject({
      value: 63.333333,
      numerator: 190,
      denominator: 3,
    });
    expect(card(live, "cloud-adopted-enterprises").figure.value).toBe(3);
    // 诊断覆盖: 规上 with a submitted assessment in the last 5 years as of the month's end: 滨海 #1, #2, 和平 #1 of 5.
    expect(card(live, "diagnosis-coverage-5y").figure).toMatchObject({
      value: 60,
      numerator: 3,
      denominator: 5,
    });
    // 二级及以上: latest MIIT assessment per enterprise as of the month's end: levels 3, 1, 2 → 2 of 3.
    expect(card(live, "assessments-level2-plus").figure).toMatchObject({ numerator: 2, denominator: 3 });
    expect(card(live, "assessments-level2-plus").figure.value).toBeCloseTo(66.666667, 6);
  });

  it("districts: 滨海 and 和平 with their own numbers, ranked in the indicator's direction", async () => {
    const r = await get<DistrictValues>(
      city,
      `/api/cockpit/districts?indicator=rd-tools-penetration&period=${MONTH}`,
    );
    expect(r.status).toBe(200);
    expect(r.body.origin).toBe("live");
    expect(r.body.city).toBe(75);
    const by = new Map(r.body.items.map((i) => [i.districtCode, i]));
    expect(by.get(BINHAI)).toMatchObject({ value: 66.666667, numerator: 2, denominator: 3, rank: 2 });
    expect(by.get(HEPING)).toMatchObject({ value: 100, numerator: 1, denominator: 1, rank: 1 });
    // A district without 规上 enterprises has nothing to divide: no value, no rank.
    const empty = r.body.items.find((i) => i.districtCode !== BINHAI && i.districtCode !== HEPING);
    expect(empty).toMatchObject({ value: null, rank: null, status: "unknown" });
    expect(r.body.items.length).toBeGreaterThanOrEqual(16);
  });

  it("counts give 0 to a district without rows", async () => {
    const r = await get<DistrictValues>(
      city,
      `/api/cockpit/districts?indicator=cloud-adopted-enterprises&period=${MONTH}`,
    );
    const by = new Map(r.body.items.map((i) => [i.districtCode, i.value]));
    expect(by.get(BINHAI)).toBe(2);
    expect(by.get(HEPING)).toBe(1);
    expect([...by.values()].filter((v) => v === 0).length).toBe(r.body.items.length - 2);
  });
});

describe("closing a period", () => {
  let first: ClosePeriodResult;

  it("a period that has not ended is refused", async () => {
    const r = await post<{ code: string }>(city, `/api/indicators/periods/${addPeriods(MONTH, 2)}/close`);
    expect(r.status).toBe(400);
  });

  it("stores every computed indicator for the city and each district, once", async () => {
    const r = await post<ClosePeriodResult>(city, `/api/indicators/periods/${MONTH}/close`);
    expect(r.status).toBe(200);
    first = r.body;
    const monthly = first.periods.filter((p) => p.period === MONTH);
    expect(monthly.length).toBe(12); // the twelve computed indicators are all monthly
    expect(first.stored).toBe(first.periods.length * 17); // city + 16 districts
    expect(first.existing).toBe(0);
    const again = await post<ClosePeriodResult>(city, `/api/indicators/periods/${MONTH}/close`);
    expect(again.body).toMatchObject({ stored: 0, existing: first.stored });
  });

  it("two concurrent closings of another period store each figure once", async () => {
    const earlier = addPeriods(MONTH, -1);
    const [a, b] = await Promise.all([
      closePeriod(db(), earlier, SYSTEM),
      closePeriod(db(), earlier, SYSTEM),
    ]);
    expect(a.stored + b.stored).toBe(12 * 17);
    const [n] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(indicatorSnapshots)
      .where(eq(indicatorSnapshots.period, earlier));
    expect(n?.n).toBe(12 * 17);
  });

  it("the 驾驶舱 then shows the stored figures and the sparkline", async () => {
    const r = await get<Cockpit>(city, `/api/cockpit?period=${MONTH}`);
    const rd = card(r.body, "rd-tools-penetration");
    expect(rd.figure).toMatchObject({ origin: "snapshot", value: 75, snapshotVersion: 1 });
    expect(rd.sparkline).toHaveLength(12);
    expect(rd.sparkline.at(-1)).toEqual({ period: MONTH, value: 75 });
    expect(rd.sparkline.at(-3)).toEqual({ period: addPeriods(MONTH, -2), value: null });
    // 2026 and later: 80 % (2023) → 90 % (2027) gives an expected value; 75 is behind it.
    expect(rd.expected).not.toBeNull();
    expect(["behind", "alert"]).toContain(rd.status);
  });

  it("snapshots cannot be changed or deleted, whatever the application does", async () => {
    await expect(db().update(indicatorSnapshots).set({ value: "1" })).rejects.toThrow();
    await expect(db().delete(indicatorSnapshots)).rejects.toThrow();
    await expect(db().execute(sql`truncate indicator_snapshots`)).rejects.toThrow();
  });

  it("a correction is a new version with a reason; the original stays", async () => {
    const list = await get<IndicatorSnapshot[]>(
      city,
      `/api/indicators/snapshots?indicator=rd-tools-penetration&scope=city&period=${MONTH}`,
    );
    expect(list.body).toHaveLength(1);
    const original = list.body[0]!;
    const noReason = await post<{ code: string }>(
      city,
      `/api/indicators/snapshots/${original.id}/corrections`,
      {
        value: 76,
      },
    );
    expect(noReason.status).toBe(400);
    const denied = await post<{ code: string }>(
      district,
      `/api/indicators/snapshots/${original.id}/corrections`,
      {
        value: 76,
        reason: "企业库数据补录后重算",
      },
    );
    expect(denied.status).toBe(403);
    const r = await post<IndicatorSnapshot>(city, `/api/indicators/snapshots/${original.id}/corrections`, {
      value: 76,
      reason: "企业库数据补录后重算",
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      version: 2,
      value: 76,
      numerator: 3,
      denominator: 4,
      correctsId: original.id,
      correctionReason: "企业库数据补录后重算",
      sourceVersion: "correction",
    });
    const after = await get<IndicatorSnapshot[]>(
      city,
      `/api/indicators/snapshots?indicator=rd-tools-penetration&scope=city&period=${MONTH}`,
    );
    expect(after.body.map((s) => [s.version, s.value])).toEqual([
      [2, 76],
      [1, 75],
    ]);
    const c = await get<Cockpit>(city, `/api/cockpit?period=${MONTH}`);
    expect(card(c.body, "rd-tools-penetration").figure).toMatchObject({ value: 76, snapshotVersion: 2 });
    // Closing again does not bring the old figure back or add a third.
    await post(city, `/api/indicators/periods/${MONTH}/close`);
    const again = await get<IndicatorSnapshot[]>(
      city,
      `/api/indicators/snapshots?indicator=rd-tools-penetration&scope=city&period=${MONTH}`,
    );
    expect(again.body).toHaveLength(2);
  });
});

describe("who reads what", () => {
  it("a district administrator: its own district and the city totals, nothing else", async () => {
    const own = await get<Cockpit>(district, `/api/cockpit?period=${MONTH}`);
    expect(own.status).toBe(200);
    expect(own.body.scope).toBe(BINHAI);
    const rd = card(own.body, "rd-tools-penetration");
    expect(rd.figure.value).toBeCloseTo(66.666667, 6);
    expect(rd.city?.value).toBe(76);
    // City totals such as 1,500亿元 are not a district's target: 待设定.
    expect(card(own.body, "cloud-adopted-enterprises").expected).toBeNull();
    expect((await get(district, `/api/cockpit?district=${HEPING}`)).status).toBe(403);
    const map = await get<DistrictValues>(
      district,
      `/api/cockpit/districts?indicator=rd-tools-penetration&period=${MONTH}`,
    );
    expect(map.body.items.map((i) => i.districtCode)).toEqual([BINHAI]);
    expect(map.body.city).toBe(76);
    const snaps = await get<IndicatorSnapshot[]>(
      district,
      `/api/indicators/snapshots?indicator=rd-tools-penetration`,
    );
    expect(new Set(snaps.body.map((s) => s.scope))).toEqual(new Set(["city", BINHAI]));
    expect(
      (await get(district, `/api/indicators/snapshots?indicator=rd-tools-penetration&scope=${HEPING}`))
        .status,
    ).toBe(403);
    expect((await post(district, `/api/indicators/periods/${MONTH}/close`)).status).toBe(403);
  });

  it("a department: only the indicators it owns", async () => {
    const cat = await get<Indicator[]>(stats, "/api/indicators");
    expect(cat.body.map((i) => i.id).sort()).toEqual([
      "tech-upgrade-investment-cumulative",
      "tech-upgrade-investment-growth",
    ]);
    const c = await get<Cockpit>(stats, `/api/cockpit?period=${MONTH}`);
    expect(c.body.cards.map((x) => x.indicator.id).sort()).toEqual(cat.body.map((i) => i.id).sort());
    expect((await get(stats, "/api/cockpit/districts?indicator=rd-tools-penetration")).status).toBe(404);
    const none = await get<Indicator[]>(department, "/api/indicators");
    expect(none.body).toEqual([]);
    expect((await post(stats, `/api/indicators/periods/${MONTH}/close`)).status).toBe(403);
  });

  it("the city sees the whole catalogue; enterprises, providers and anonymous callers are refused", async () => {
    expect((await get<Indicator[]>(city, "/api/indicators")).body).toHaveLength(18);
    for (const s of [enterprise, provider]) {
      expect((await get(s, "/api/indicators")).status).toBe(403);
      expect((await get(s, "/api/cockpit")).status).toBe(403);
      expect((await get(s, "/api/cockpit/districts?indicator=rd-tools-penetration")).status).toBe(403);
    }
    expect((await get(null, "/api/cockpit")).status).toBe(401);
  });

  it("closing and correcting are audited", async () => {
    const r = await get<{ items: { action: string }[] }>(city, "/api/audit?entityType=indicator&pageSize=50");
    expect(r.body.items.some((i) => i.action === "indicator.close_period")).toBe(true);
    const c = await get<{ items: { action: string }[] }>(city, "/api/audit?entityType=indicator_snapshot");
    expect(c.body.items.map((i) => i.action)).toEqual(["indicator_snapshot.correct"]);
  });
});
