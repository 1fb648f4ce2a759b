import type { BenchmarkItem, EnterpriseBenchmark } from "@dxcenter/contracts";
import { assessments } from "@dxcenter/db";
import type { BenchmarkFact } from "@dxcenter/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BINHAI, createEnterpriseAs, createTestContext, HEPING, type Session, userSession } from "./helpers";

/**
 * 我的指标 / 指标对比 on both databases: the figures equal a hand computation on a small registry,
 * a comparison group under 5 enterprises carries no figures, every role gets its answer, and no
 * other enterprise's name or id appears in what is answered.
 */

let ctx: Awaited<ReturnType<typeof createTestContext>>;
let city: Session;
let target: { id: string; name: string };
const others: { id: string; name: string }[] = [];

const get = (id: string, s?: Session) =>
  ctx.app.inject({
    method: "GET",
    url: `/api/enterprises/${id}/benchmark`,
    ...(s ? { headers: { cookie: s.cookie } } : {}),
  });

const item = (b: EnterpriseBenchmark, key: BenchmarkFact): BenchmarkItem => {
  const found = b.items.find((i) => i.key === key);
  if (!found) throw new Error(`no item ${key}`);
  return found;
};

async function benchmark(s: Session = city): Promise<EnterpriseBenchmark> {
  const res = await get(target.id, s);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as EnterpriseBenchmark;
}

beforeAll(async () => {
  ctx = await createTestContext();
  city = await userSession(ctx, "city_admin");
  // 滨海新区: the target (C34) and five others (C26). 数控化率 60 | 40 50 60 80 90; 研发设计工具
  // yes | yes no no — yes; 上云 no | yes no no no yes. MIIT scores 70 | 50 70 90 30 —.
  const t = await createEnterpriseAs(ctx, city, {
    districtCode: BINHAI,
    keyProcessNcRate: 60,
    digitalRdTools: true,
    cloudAdopted: false,
  });
  target = t;
  const binhai = [
    { keyProcessNcRate: 40, digitalRdTools: true, cloudAdopted: true },
    { keyProcessNcRate: 50, digitalRdTools: false, cloudAdopted: false },
    { keyProcessNcRate: 60, digitalRdTools: false, cloudAdopted: false },
    { keyProcessNcRate: 80, cloudAdopted: false },
    { keyProcessNcRate: 90, digitalRdTools: true, cloudAdopted: true },
  ];
  for (const o of binhai)
    others.push(await createEnterpriseAs(ctx, city, { districtCode: BINHAI, industryCode: "C26", ...o }));
  // 和平区: three more of the target's industry (C34) — its industry group has 4 members.
  for (const rate of [10, 20, 30])
    others.push(await createEnterpriseAs(ctx, city, { districtCode: HEPING, keyProcessNcRate: rate }));
  const scored: [string, number, string][] = [
    [target.id, 70, "二级"],
    [others[0]!.id, 50, "一级"],
    [others[1]!.id, 70, "二级"],
    [others[2]!.id, 90, "三级"],
    [others[3]!.id, 30, "一级"],
  ];
  await ctx.handle.db.insert(assessments).values(
    scored.map(([enterpriseId, total, levelName]) => ({
      enterpriseId,
      instrumentId: "miit-2024-manufacturing",
      instrumentVersion: "2024.1-draft",
      status: "submitted" as const,
      total: String(total),
      levelName,
      submittedAt: new Date(),
      createdBy: city.userId,
    })),
  );
});
afterAll(() => ctx?.close());

describe("figures against the district (hand computation)", () => {
  it("数控化率: 2 below, 2 ties of 6 → 50th percentile, median 60", async () => {
    const nc = item(await benchmark(), "nc_rate");
    expect(nc.value).toBe(60);
    expect(nc.district).toEqual({
      shown: true,
      reason: null,
      name: "滨海新区",
      size: 6,
      percentile: 50,
      share: null,
      median: 60,
    });
  });

  it("MIIT score: 70 against 50 70 90 30 → (2 + 2/2) / 5 = 60th percentile, median 70, its level", async () => {
    const s = item(await benchmark(), "miit_score");
    expect(s.value).toBe(70);
    expect(s.levelName).toBe("二级");
    expect(s.district).toMatchObject({ shown: true, size: 5, percentile: 60, median: 70 });
  });

  it("yes/no facts: the share of the group having them (unknown values left out)", async () => {
    const b = await benchmark();
    expect(item(b, "rd_tools")).toMatchObject({ has: true, value: null, district: { size: 5, share: 60 } });
    expect(item(b, "cloud")).toMatchObject({ has: false, district: { size: 6, share: 33 } });
    expect(item(b, "diagnosed_5y")).toMatchObject({ has: true, district: { size: 6, share: 83 } });
  });

  it("projects: nobody has one, everybody ties → 50th percentile, median 0", async () => {
    const p = item(await benchmark(), "projects");
    expect(p).toMatchObject({ value: 0, district: { size: 6, percentile: 50, median: 0 } });
    expect(item(await benchmark(), "project_investment")).toMatchObject({ value: 0, unit: "fen" });
  });
});

describe("a comparison group under 5 enterprises", () => {
  it("is not shown and carries no figures (4 enterprises of the industry)", async () => {
    const b = await benchmark();
    expect(b.industryName).toBeTruthy();
    for (const i of b.items)
      expect(i.industry).toEqual({ shown: false, reason: "对比样本不足5家", name: b.industryName });
  });

  it("is shown from the fifth enterprise on", async () => {
    others.push(await createEnterpriseAs(ctx, city, { districtCode: HEPING, keyProcessNcRate: 100 }));
    const nc = item(await benchmark(), "nc_rate");
    // 60 against 10 20 30 100: 3 below, itself the only tie → 3.5 / 5 = 70.
    expect(nc.industry).toMatchObject({ shown: true, size: 5, percentile: 70, median: 30 });
    // The MIIT score group of the industry still has only the target: hidden.
    expect(item(await benchmark(), "miit_score").industry.shown).toBe(false);
  });
});

describe("who may see it", () => {
  it("names no other enterprise and no id at all", async () => {
    const own = await userSession(ctx, "enterprise", { enterpriseId: target.id });
    for (const s of [city, own]) {
      const text = JSON.stringify(await benchmark(s));
      expect(text).toContain(target.name);
      expect(text).not.toContain(target.id);
      for (const o of others) {
        expect(text).not.toContain(o.name);
        expect(text).not.toContain(o.id);
      }
    }
  });

  it("the enterprise itself, the city and its district; 404 for another district, another enterprise or an unknown id", async () => {
    const binhai = await userSession(ctx, "district_admin", { districtCode: BINHAI });
    const heping = await userSession(ctx, "district_admin", { districtCode: HEPING });
    const own = await userSession(ctx, "enterprise", { enterpriseId: target.id });
    const other = await userSession(ctx, "enterprise", { enterpriseId: others[0]!.id });
    expect((await get(target.id, binhai)).statusCode).toBe(200);
    expect((await get(target.id, own)).statusCode).toBe(200);
    expect((await get(target.id, heping)).statusCode).toBe(404);
    expect((await get(target.id, other)).statusCode).toBe(404);
    expect((await get("00000000-0000-4000-8000-000000000000", city)).statusCode).toBe(404);
    const heping404 = (await get(target.id, heping)).json() as { message: string };
    expect(heping404.message).toBe("企业不存在或您无权查看");
  });

  it("providers, experts and departments 403, anonymous 401", async () => {
    for (const role of ["provider", "expert", "department"] as const) {
      const res = await get(target.id, await userSession(ctx, role));
      expect(res.statusCode).toBe(403);
      expect((res.json() as { message: string }).message).toBe("您无权查看企业指标对比");
    }
    expect((await get(target.id)).statusCode).toBe(401);
  });
});
