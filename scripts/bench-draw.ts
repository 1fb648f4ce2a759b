/**
 * 专家随机抽取基准（不是测试）：npm run bench:draw -- [--experts 5000] [--draws 3000] [--runs 30]
 *
 * On a fresh PostgreSQL database (dxc_bench_draw, dropped at the end unless --keep):
 *   1. loads an expert pool (fields, organisations, some availability windows, declared conflicts,
 *      suspended members, a share with login accounts), 200 providers with a member account,
 *      past panels over the last 12 months (expert_draws with their selected experts) and diagnosis
 *      teams pairing expert and provider accounts (the "worked with the applicant" history);
 *   2. per run: a fresh application under review, then the real createDraw service — reads the whole
 *      pool and the applicant's history from PostgreSQL, runs drawExperts, stores seed + request +
 *      pool snapshot + result and the invitations in one transaction — timed end to end; the phases
 *      (load, pure draw, verify = re-run from the stored record) are timed separately;
 *   3. prints p50/p95.
 */
import { performance } from "node:perf_hooks";
import {
  type Database,
  diagnoses,
  diagnosisTeam,
  enterprises,
  expertDraws,
  experts,
  iterateEnterprises,
  makeUscc,
  migrateDatabase,
  mulberry32,
  openDatabase,
  poolApplications,
  providerMembers,
  providers,
  users,
} from "@dxcenter/db";
import { type Actor, DEFAULT_AVOIDANCE, drawExperts, monthsBefore } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import { DAY_MS, shanghaiDayFrom, shanghaiToday } from "../apps/server/src/lib/dates";
import { createDraw } from "../apps/server/src/modules/experts/create-draw";
import { verifyDraw } from "../apps/server/src/modules/experts/draw.queries";
import { loadHistory } from "../apps/server/src/modules/experts/draw-history";
import { loadPool } from "../apps/server/src/modules/experts/draw-pool";
import { insertGeneratedEnterprises } from "../apps/server/src/seed/demo";
import { syncReferenceData } from "../apps/server/src/seed/reference";
import { intOption, runCliWithOptions, switchOptions, valueOptions } from "./lib/cli";
import {
  DEFAULT_SERVER_URL,
  dropDatabase,
  freshDatabase,
  redact,
  serverUrl,
  withDatabase,
} from "./lib/pg-admin";
import { int, ms, secs, summarize, table } from "./lib/stats";

const DB_NAME = "dxc_bench_draw";
const FIELDS = [
  "工业互联网平台",
  "MES",
  "ERP",
  "PLM",
  "WMS",
  "SCADA",
  "机器视觉",
  "数字孪生",
  "工业大数据",
  "边缘计算",
  "能源管理",
  "APS",
  "QMS",
  "AI质检",
  "5G",
  "低代码",
  "网络安全",
  "碳管理",
  "精益管理",
  "供应链",
  "财务数字化",
  "工业软件",
  "智能装备",
  "机器人",
  "标识解析",
  "数据治理",
  "DCMM",
  "两化融合",
  "智能制造",
  "绿色制造",
];

const USAGE = `用法：
  npm run bench:draw -- [--experts 5000] [--draws 3000] [--runs 30] [--url postgres://…] [--keep]

  --url      PostgreSQL 服务器（用于新建基准库 ${DB_NAME}），默认 DATABASE_URL 或 ${DEFAULT_SERVER_URL}
  --experts  专家库人数，默认 5000
  --draws    近 12 个月的历史抽取次数（每次 5 人），默认 3000
  --runs     计时次数（另有 3 次预热），默认 30
  --keep     结束后保留基准库（默认删除）`;

await runCliWithOptions(
  USAGE,
  { ...valueOptions("url", "experts", "draws", "runs"), ...switchOptions("keep") },
  async (v) => {
    const url = serverUrl(v.url);
    const nExperts = intOption(v.experts, "experts", { min: 10, max: 200_000, default: 5000 });
    const nDraws = intOption(v.draws, "draws", { min: 0, max: 1_000_000, default: 3000 });
    const runs = intOption(v.runs, "runs", { min: 5, max: 10_000, default: 30 });

    const handle = await openDatabase({ url: await freshDatabase(url, DB_NAME), poolSize: 4 });
    try {
      console.log(`基准库 ${redact(withDatabase(url, DB_NAME))}`);
      await migrateDatabase(handle);
      const db = handle.db as Database;
      await syncReferenceData(db);
      const t0 = performance.now();
      const counts = await load(db, nExperts, nDraws);
      console.log(
        `装数 ${secs(performance.now() - t0)}：${int(nExperts)} 名专家，${int(counts.draws)} 次历史抽取，${int(counts.teams)} 条诊断团队记录\n`,
      );

      const city = await cityActor(db);
      const audit = { id: city.id, name: "bench", role: "city_admin", ip: null };
      const today = shanghaiToday();
      const rnd = mulberry32(7);
      const provs = await db.select({ id: providers.id }).from(providers);
      const total: number[] = [];
      const loadT: number[] = [];
      const pure: number[] = [];
      const verify: number[] = [];
      let excluded = 0;
      for (let i = 0; i < runs + 3; i++) {
        const providerId = provs[Math.floor(rnd() * provs.length)]!.id;
        const [app] = await db
          .insert(poolApplications)
          .values({
            providerId,
            category: "system_solution",
            statement: "基准测试申请",
            status: "under_review",
            submittedBy: city.id,
          })
          .returning({ id: poolApplications.id });
        const fields = [
          FIELDS[Math.floor(rnd() * FIELDS.length)]!,
          FIELDS[Math.floor(rnd() * FIELDS.length)]!,
        ];
        const body = {
          purpose: "pool_review" as const,
          subjectId: app!.id,
          n: 5,
          fields,
          preferFieldCoverage: true,
          avoidance: { maxPanels: 12 },
        };

        const a = performance.now();
        const pool = await loadPool(db);
        const history = await loadHistory(db, { kind: "provider", id: providerId }, today, {
          ...DEFAULT_AVOIDANCE,
        });
        const b = performance.now();
        drawExperts(
          pool,
          {
            n: 5,
            fields,
            applicant: { enterpriseId: providerId, organization: "x" },
            today,
            avoidance: { maxPanels: 12 },
            history,
          },
          `bench-${i}`,
        );
        const c = performance.now();
        const d = await createDraw(db, city, audit, body, today);
        const e = performance.now();
        await verifyDraw(db, city, audit, d.id);
        const f = performance.now();
        if (i >= 3) {
          loadT.push(b - a);
          pure.push(c - b);
          total.push(e - c);
          verify.push(f - e);
          excluded += d.current.excluded.length;
        }
      }
      const rows = [
        ["读取专家库 + 回避历史（PostgreSQL）", loadT],
        ["drawExperts（纯计算）", pure],
        ["createDraw：读取 + 抽取 + 存储（一个事务）", total],
        ["复核抽取（读记录 + 重新抽取 + 比对）", verify],
      ] as const;
      console.log(
        table(
          ["阶段", "p50", "p95", "max"],
          rows.map(([name, s]) => {
            const x = summarize(s);
            return [name, ms(x.p50), ms(x.p95), ms(x.max)];
          }),
        ),
      );
      const res = (await db.execute(
        sql`select pg_size_pretty(avg(pg_column_size(d.*))::bigint) as row,
            pg_size_pretty(avg(pg_column_size(result) + coalesce(pg_column_size(current), 0))::bigint) as result,
            pg_size_pretty(avg(pg_column_size(request))::bigint) as req,
            (select count(*) from expert_pool_snapshots) as snapshots,
            (select pg_size_pretty(avg(pg_column_size(experts))::bigint) from expert_pool_snapshots) as snap
          from expert_draws d where seed not like 'hist-%'`,
      )) as unknown as { rows?: Record<string, string>[] } | Record<string, string>[];
      const size = (Array.isArray(res) ? res[0] : res.rows?.[0]) ?? {};
      console.log(
        `\n每次抽取记录（存储后，行内）：${size.row}，其中结果（首轮 + 补抽后）${size.result}、请求与回避历史 ${size.req}；专家库快照按内容哈希存放，${runs + 3} 次抽取共用 ${size.snapshots} 份，每份 ${size.snap}；平均排除 ${Math.round(excluded / runs)} 人（含领域不符）`,
      );
      console.log(
        `${runs} 次计时（另 3 次预热），每次抽 5 人、2 个专业领域、回避：同单位/申报冲突/近 12 个月服务/近 6 个月同组/12 个月内最多 12 次`,
      );
    } finally {
      await handle.close();
      if (!v.keep) await dropDatabase(url, DB_NAME);
    }
  },
);

async function cityActor(db: Database): Promise<Actor> {
  const [u] = await db
    .insert(users)
    .values({ username: "bench_city", displayName: "基准市管理员", passwordHash: "x", role: "city_admin" })
    .returning({ id: users.id });
  return { id: u!.id, role: "city_admin", districtCode: null, enterpriseId: null };
}

async function load(db: Database, nExperts: number, nDraws: number) {
  const rnd = mulberry32(20_261_201);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
  const orgs = Array.from({ length: 120 }, (_, i) => `天津第${i + 1}研究院`);
  const [admin] = await db
    .insert(users)
    .values({ username: "bench_loader", displayName: "装数", passwordHash: "x", role: "city_admin" })
    .returning({ id: users.id });
  // Providers with one member account each.
  const provRows = Array.from({ length: 200 }, (_, i): typeof providers.$inferInsert => ({
    uscc: makeUscc("120116", 9_000_000 + i, true),
    name: `天津基准服务商${i + 1}有限公司`,
    status: "under_review",
    categories: ["system_solution"],
  }));
  const provs = await db
    .insert(providers)
    .values(provRows)
    .returning({ id: providers.id, name: providers.name });
  const provUsers = await db
    .insert(users)
    .values(
      provs.map((p, i): typeof users.$inferInsert => ({
        username: `bench_p${i}`,
        displayName: p.name,
        passwordHash: "x",
        role: "provider",
      })),
    )
    .returning({ id: users.id });
  await db
    .insert(providerMembers)
    .values(provs.map((p, i) => ({ providerId: p.id, userId: provUsers[i]!.id })));
  // Experts; a fifth have login accounts (they can sit on diagnosis teams).
  const withLogin = Math.floor(nExperts / 5);
  const expUsers: string[] = [];
  for (let i = 0; i < withLogin; i += 1000) {
    const part = await db
      .insert(users)
      .values(
        Array.from({ length: Math.min(1000, withLogin - i) }, (_, k): typeof users.$inferInsert => ({
          username: `bench_e${i + k}`,
          displayName: `专家${i + k}`,
          passwordHash: "x",
          role: "expert",
        })),
      )
      .returning({ id: users.id });
    expUsers.push(...part.map((p) => p.id));
  }
  const now = Date.now();
  const expertIds: string[] = [];
  for (let i = 0; i < nExperts; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, nExperts - i) }, (_, k): typeof experts.$inferInsert => {
      const j = i + k;
      const r = rnd();
      return {
        name: `专家${j}`,
        organization: pick(orgs),
        title: "高级工程师",
        fields: [...new Set([pick(FIELDS), pick(FIELDS), pick(FIELDS)])],
        status: r < 0.03 ? "suspended" : "active",
        availability: r > 0.88 ? [{ from: shanghaiDayFrom(now, -30), to: shanghaiDayFrom(now, 120) }] : [],
        conflicts: r > 0.95 ? [{ organization: pick(provs).name }] : [],
        userId: j < withLogin ? expUsers[j]! : null,
      };
    });
    const ids = await db.insert(experts).values(rows).returning({ id: experts.id });
    expertIds.push(...ids.map((x) => x.id));
  }
  // Past panels over the last 12 months.
  for (let i = 0; i < nDraws; i += 500) {
    const rows = Array.from({ length: Math.min(500, nDraws - i) }, (_, k) => ({
      purpose: "pool_review",
      subjectId: `hist-${i + k}`,
      subjectLabel: "历史评审",
      drawDate: shanghaiDayFrom(now, -Math.floor(rnd() * 365)),
      seed: `hist-${i + k}`,
      algorithm: "cyrb128-sfc32-v1/draw-v1",
      request: {},
      pool: [],
      result: {},
      current: {},
      selectedIds: Array.from({ length: 5 }, () => pick(expertIds)),
      drawnBy: admin!.id,
    }));
    await db.insert(expertDraws).values(rows);
  }
  // Diagnosis teams pairing an expert account and a provider account (service history).
  const [ref] = [
    {
      districts: [{ code: "120116", name: "滨海新区" }],
      industries: [{ code: "C34", name: "通用设备制造业" }],
    },
  ];
  await insertGeneratedEnterprises(
    db,
    iterateEnterprises({ count: 500, seed: 5, districts: ref.districts, industries: ref.industries }),
  );
  const ents = await db.select({ id: enterprises.id }).from(enterprises);
  let teams = 0;
  for (let i = 0; i < 2000; i += 500) {
    const ds = await db
      .insert(diagnoses)
      .values(
        Array.from({ length: 500 }, (): typeof diagnoses.$inferInsert => ({
          enterpriseId: pick(ents).id,
          instrumentId: "miit-2024-manufacturing",
          status: "closed",
          source: "city",
          requestedBy: admin!.id,
        })),
      )
      .returning({ id: diagnoses.id });
    const rows = ds.flatMap((d) => [
      {
        diagnosisId: d.id,
        userId: pick(expUsers),
        assignedBy: admin!.id,
        assignedAt: new Date(now - Math.floor(rnd() * 365) * DAY_MS),
      },
      {
        diagnosisId: d.id,
        userId: pick(provUsers).id,
        assignedBy: admin!.id,
        assignedAt: new Date(now - Math.floor(rnd() * 365) * DAY_MS),
      },
    ]);
    const unique = [...new Map(rows.map((r) => [`${r.diagnosisId}:${r.userId}`, r])).values()];
    await db.insert(diagnosisTeam).values(unique);
    teams += unique.length;
  }
  await db.execute(sql`analyze`);
  void monthsBefore;
  return { draws: nDraws, teams };
}
