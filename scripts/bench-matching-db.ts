/**
 * 供需匹配基准（数据库，不是测试）：npm run bench:matching-db -- [--solutions 10000] [--providers 2000] [--demands 100]
 *
 * On a fresh PostgreSQL database (dxc_bench_matching, dropped at the end unless --keep):
 *   1. loads the domain's deterministic synthetic market (test-support generateMarket): providers with
 *      cases, published solutions tagged with MIIT scenes / sub-domains; one enterprise per demand;
 *   2. times GET /api/demands/:id/matches through the real service (demandMatches: scope check, SQL
 *      prefilter by scene overlap on the GIN index, rankSolutions + rankProviders, reasons) — p50/p95;
 *   3. splits each call into SQL prefilter (load) and ranking time;
 *   4. checks, per demand, that the prefiltered top-20 equals the top-20 of ranking the whole
 *      catalogue (the zero-coverage rule makes them equal), and times that full-catalogue load;
 *   5. times the providers' demand-visibility refresh a market event triggers (refreshDemandVisibility,
 *      as on a provider's admission or exit): demands recomputed per event and the event's cost, against
 *      what computing visibility at query time would cost (ranking every open demand per list call).
 * (scripts/bench-matching.ts is the pure in-memory benchmark of the domain functions.)
 */
import { performance } from "node:perf_hooks";
import {
  type Database,
  demands,
  enterprises,
  migrateDatabase,
  openDatabase,
  providerCases,
  providers,
  solutions,
  users,
} from "@dxcenter/db";
import { type Actor, computeUsccCheckChar, rankSolutions } from "@dxcenter/domain";
import { eq } from "drizzle-orm";
import { demandMatches } from "../apps/server/src/modules/demands/demand-leads";
import { loadMarket, matchDemandInDb } from "../apps/server/src/modules/demands/matching";
import { refreshDemandVisibility } from "../apps/server/src/modules/demands/visibility";
import { sceneCatalogue } from "../apps/server/src/modules/solutions/scenes";
import { syncInstruments } from "../apps/server/src/seed/instruments";
import { syncReferenceData } from "../apps/server/src/seed/reference";
import { generateDemands, generateMarket } from "../packages/domain/src/matching/test-support";
import { intOption, runCliWithOptions, switchOptions, valueOptions } from "./lib/cli";
import { DEFAULT_SERVER_URL, dropDatabase, freshDatabase, redact, serverUrl } from "./lib/pg-admin";
import { ms, secs, summarize, table } from "./lib/stats";

const DB_NAME = "dxc_bench_matching";
const USAGE = `用法：
  npm run bench:matching-db -- [--solutions 10000] [--providers 2000] [--demands 100] [--url postgres://…] [--keep]

  --url        PostgreSQL 服务器（用于新建基准库 ${DB_NAME}），默认 DATABASE_URL 或 ${DEFAULT_SERVER_URL}
  --solutions  已发布解决方案数，默认 10000
  --providers  服务商数，默认 2000（约 5% 为暂停状态，不参与匹配）
  --demands    计时的需求数（每个需求一次，另有 5 次预热），默认 100
  --keep       结束后保留基准库（默认删除）`;

function uscc(prefix: string, n: number): string {
  const body = `${prefix}${String(n).padStart(17 - prefix.length, "0")}`;
  return body + computeUsccCheckChar(body);
}

async function load(db: Database, nProviders: number, nSolutions: number, nDemands: number) {
  const market = generateMarket("bench-db", { providers: nProviders, solutions: nSolutions });
  const t0 = performance.now();
  const idOf = new Map<string, string>();
  for (let i = 0; i < market.providers.length; i += 500) {
    const chunk = market.providers.slice(i, i + 500);
    const rows = await db
      .insert(providers)
      .values(
        chunk.map((p, k) => ({
          uscc: uscc("9112000", i + k),
          name: p.name,
          status: p.status,
          categories: [...p.categories],
          sceneIds: [...p.sceneIds],
          industries: [...p.industries],
          technologyFields: [...p.technologyFields],
          serviceDistricts: [...p.serviceDistricts],
          staffCount: p.staffCount ?? null,
        })),
      )
      .returning({ id: providers.id });
    for (const [k, p] of chunk.entries()) idOf.set(p.id, rows[k]!.id);
  }
  const cases = market.providers.flatMap((p) =>
    p.cases.map((c) => ({
      providerId: idOf.get(p.id)!,
      customer: c.customer,
      industry: c.industry,
      sceneIds: [...c.sceneIds],
      result: c.result,
    })),
  );
  for (let i = 0; i < cases.length; i += 1000)
    await db.insert(providerCases).values(cases.slice(i, i + 1000));
  for (let i = 0; i < market.solutions.length; i += 1000)
    await db.insert(solutions).values(
      market.solutions.slice(i, i + 1000).map((s): typeof solutions.$inferInsert => ({
        providerId: idOf.get(s.providerId)!,
        name: s.name,
        kind: s.category === "system_solution" ? "system_solution" : "sme_package",
        category: s.category,
        sceneIds: [...s.sceneIds],
        industries: [...(s.industries ?? [])],
        priceMinFen: s.priceMinFen ?? null,
        priceMaxFen: s.priceMaxFen ?? null,
        deployment: "saas",
        status: "published",
        publishedAt: new Date(),
      })),
    );
  const gen = generateDemands("bench-db-demands", nDemands);
  const demandIds: string[] = [];
  for (const [i, d] of gen.entries()) {
    const [e] = await db
      .insert(enterprises)
      .values({
        uscc: uscc(`91${d.districtCode ?? "120116"}`, i),
        name: `基准企业${i}`,
        districtCode: d.districtCode ?? "120116",
        industryCode: d.industry ?? "C34",
        size: "small",
      })
      .returning({ id: enterprises.id });
    const [row] = await db
      .insert(demands)
      .values({
        enterpriseId: e!.id,
        title: `基准需求${i}`,
        sceneIds: [...d.sceneIds],
        budgetFen: d.budgetFen ?? null,
        source: "posted",
        createdBy: (await adminId(db))!,
      })
      .returning({ id: demands.id });
    demandIds.push(row!.id);
  }
  await db.execute("analyze");
  return { demandIds, loadMs: performance.now() - t0, cases: cases.length };
}

let admin: string | undefined;
/** A stored demand as the matcher takes it (with its enterprise's industry and district), and who it was shown to. */
async function matchInput(db: Database, id: string) {
  const [d] = await db
    .select({ d: demands, industry: enterprises.industryCode, district: enterprises.districtCode })
    .from(demands)
    .innerJoin(enterprises, eq(enterprises.id, demands.enterpriseId))
    .where(eq(demands.id, id));
  return {
    demand: {
      id,
      sceneIds: d!.d.sceneIds,
      ...(d!.d.budgetFen !== null ? { budgetFen: d!.d.budgetFen } : {}),
      industry: d!.industry,
      districtCode: d!.district,
    },
    matchedProviderIds: d!.d.matchedProviderIds,
  };
}

async function adminId(db: Database) {
  if (admin) return admin;
  const [u] = await db
    .insert(users)
    .values({ username: "bench_city", displayName: "基准", passwordHash: "x", role: "city_admin" })
    .returning({ id: users.id });
  admin = u!.id;
  return admin;
}

await runCliWithOptions(
  USAGE,
  { ...valueOptions("url", "solutions", "providers", "demands"), ...switchOptions("keep") },
  async (v) => {
    const url = serverUrl(v.url);
    const nSolutions = intOption(v.solutions, "solutions", { min: 100, max: 1_000_000, default: 10_000 });
    const nProviders = intOption(v.providers, "providers", { min: 10, max: 100_000, default: 2000 });
    const nDemands = intOption(v.demands, "demands", { min: 10, max: 10_000, default: 100 });
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`--url 须为 postgres:// 地址：${url}`);
    const benchUrl = await freshDatabase(url, DB_NAME);
    const handle = await openDatabase({ url: benchUrl, poolSize: 4 });
    try {
      const db = handle.db;
      await migrateDatabase(handle);
      await syncReferenceData(db);
      await syncInstruments(db);
      console.log(
        `基准库 ${redact(benchUrl)}：装载 ${nProviders} 个服务商、${nSolutions} 个解决方案、${nDemands} 个需求…`,
      );
      const { demandIds, loadMs, cases } = await load(db, nProviders, nSolutions, nDemands);
      console.log(`装载完成（${cases} 个服务案例），用时 ${secs(loadMs)}`);

      const city: Actor = {
        id: (await adminId(db))!,
        role: "city_admin",
        districtCode: null,
        enterpriseId: null,
      };
      for (const id of demandIds.slice(0, 5)) await demandMatches(db, city, id, 20); // warm-up

      const total: number[] = [];
      const pre: number[] = [];
      const rank: number[] = [];
      const candidates: number[] = [];
      for (const id of demandIds) {
        const t0 = performance.now();
        const m = await demandMatches(db, city, id, 20);
        total.push(performance.now() - t0);
        pre.push(m.timings.prefilterMs);
        rank.push(m.timings.rankMs);
        candidates.push(m.candidates);
      }

      // Prefilter vs. the whole catalogue: same top-20, and what loading everything would cost.
      const catalogue = await sceneCatalogue(db);
      const everything = catalogue.options.map((o) => o.id);
      let mismatches = 0;
      const fullLoad: number[] = [];
      for (const id of demandIds) {
        const { demand } = await matchInput(db, id);
        const fast = await matchDemandInDb(db, demand, 20);
        const t0 = performance.now();
        const all = await loadMarket(db, everything, demand.industry);
        fullLoad.push(performance.now() - t0);
        const full = rankSolutions(demand, all.solutions, all.providersById, {
          sceneGroups: catalogue.groups,
          limit: 20,
        }).entries.filter((e) => e.coversDemand);
        const a = fast.solutions.map((s) => `${s.solution.id}:${s.score}`).join(",");
        const b = full.map((e) => `${e.id}:${e.score}`).join(",");
        if (a !== b) mismatches++;
      }

      // 5. Visibility refresh per market event (a provider admitted / exited / its solution changed).
      const sample = await db
        .select({ id: providers.id })
        .from(providers)
        .where(eq(providers.status, "admitted"))
        .orderBy(providers.uscc)
        .limit(20);
      const refreshMs: number[] = [];
      const refreshed: number[] = [];
      for (const p of sample) {
        const t0 = performance.now();
        const n = await db.transaction((tx) => refreshDemandVisibility(tx, [p.id]));
        refreshMs.push(performance.now() - t0);
        refreshed.push(n.recomputed);
      }
      // The batch refresh stores exactly what ranking each demand on its own gives (matchDemandInDb's top 20):
      // cleared, then recomputed for every demand in one call (every admitted provider changed at once).
      await db.update(demands).set({ matchedProviderIds: [] });
      const everyone = (
        await db.select({ id: providers.id }).from(providers).where(eq(providers.status, "admitted"))
      ).map((p) => p.id);
      const tAll = performance.now();
      const all = await db.transaction((tx) => refreshDemandVisibility(tx, everyone));
      const allMs = performance.now() - tAll;
      let visibilityMismatches = 0;
      for (const id of demandIds) {
        const { demand, matchedProviderIds } = await matchInput(db, id);
        const m = await matchDemandInDb(db, demand, 20);
        const expected = [...new Set(m.solutions.map((x) => x.solution.providerId))].sort().join(",");
        if ([...matchedProviderIds].sort().join(",") !== expected) visibilityMismatches++;
      }

      const s = summarize(total);
      const p = summarize(pre);
      const r = summarize(rank);
      const c = summarize(candidates);
      const f = summarize(fullLoad);
      console.log(
        `\n一个需求对 ${nSolutions.toLocaleString("en-US")} 个解决方案 / ${nProviders.toLocaleString("en-US")} 个服务商的匹配（PostgreSQL，经 demandMatches 服务，${demandIds.length} 个需求）`,
      );
      console.log(
        table(
          ["阶段", "p50", "p95", "max"],
          [
            ["整个服务调用（含权限、线索、结果组装）", ms(s.p50), ms(s.p95), ms(s.max)],
            ["SQL 预筛（场景重叠，GIN）+ 服务商/案例/评价装载", ms(p.p50), ms(p.p95), ms(p.max)],
            ["领域排序 rankSolutions + rankProviders + 理由", ms(r.p50), ms(r.p95), ms(r.max)],
            ["对照：不预筛、装载整个目录", ms(f.p50), ms(f.p95), ms(f.max)],
          ],
        ),
      );
      console.log(
        `预筛后候选方案数 p50 ${Math.round(c.p50)}、p95 ${Math.round(c.p95)}（共 ${nSolutions}）；预筛与全目录排序的前 20 名不一致的需求：${mismatches} / ${demandIds.length}`,
      );
      const vm = summarize(refreshMs);
      const vn = summarize(refreshed);
      console.log(
        `\n服务商可见需求的重算（refreshDemandVisibility，一次入库/出库/方案变更事件，${sample.length} 个服务商）：重算需求数 p50 ${Math.round(vn.p50)}、p95 ${Math.round(vn.p95)}（共 ${demandIds.length} 个需求）；用时 p50 ${ms(vm.p50)}、p95 ${ms(vm.p95)}、max ${ms(vm.max)}。` +
          `对照：若在查询时计算，服务商每次打开需求列表都要对全部 ${demandIds.length} 个未关闭需求排序，约 ${demandIds.length} × ${ms(s.p50)}。全部 ${all.recomputed} 个需求一次重算用时 ${ms(allMs)}，与逐个需求单独排序的结果不一致：${visibilityMismatches} / ${demandIds.length}。`,
      );
    } finally {
      await handle.close();
      if (v.keep) console.log(`\n已保留基准库：${redact(benchUrl)}`);
      else await dropDatabase(url, DB_NAME);
    }
  },
);
