/**
 * 成效分析基准（不是测试）：npm run bench:cohort -- [--enterprises 100000] [--reassessed 50000] [--runs 20]
 *
 * On a fresh PostgreSQL database (dxc_bench_cohort, dropped at the end unless --keep):
 *   1. loads generated enterprises (the demo generator + the demo seeder's batch insert),
 *   2. scores T0 + T1 MIIT answer sets for `reassessed` enterprises with the real engine
 *      (improvements off) and bulk-inserts them as submitted assessments, plus diagnoses with
 *      provider/expert teams (verified or closed),
 *   3. times the real service calls — cohort by district (city, one district), cohort by provider,
 *      coverage (city, one district), one enterprise's T0/T1 — p50/p95 after warm-up, and prints
 *      EXPLAIN (ANALYZE, BUFFERS) of the statements,
 *   4. optionally (--index) measures candidate indexes created inside the bench database only.
 */
import { performance } from "node:perf_hooks";
import { CohortQuery, CoverageQuery } from "@dxcenter/contracts";
import {
  assessments,
  bulkInsert,
  type Database,
  type DatabaseHandle,
  diagnoses,
  diagnosisTeam,
  enterprises,
  instruments,
  iterateEnterprises,
  migrateDatabase,
  mulberry32,
  submittedScoreColumns,
  users,
} from "@dxcenter/db";
import { type Actor, type InstrumentDefinition, listQuestions, scoreAssessment } from "@dxcenter/domain";
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { DAY_MS, shanghaiMidnight, shanghaiYear } from "../apps/server/src/lib/dates";
import { readCondition } from "../apps/server/src/modules/enterprises/enterprise.policy";
import { coverageTarget } from "../apps/server/src/modules/impact/coverage-target";
import { enterpriseImpact } from "../apps/server/src/modules/impact/enterprise-impact";
import { cohortSql, cohortStats, coverageSql } from "../apps/server/src/modules/impact/impact.repository";
import { cohorts } from "../apps/server/src/modules/impact/impact-cohorts";
import { coverage } from "../apps/server/src/modules/impact/impact-coverage";
import { insertGeneratedEnterprises } from "../apps/server/src/seed/demo";
import { plausibleAnswers } from "../apps/server/src/seed/demo-assessments";
import { syncInstruments } from "../apps/server/src/seed/instruments";
import { syncReferenceData } from "../apps/server/src/seed/reference";
import { onBenchDatabase } from "./lib/bench-db";
import { intOption, runCliWithOptions, switchOptions, valueOptions } from "./lib/cli";
import { DEFAULT_SERVER_URL, redact, serverUrl } from "./lib/pg-admin";
import { int, ms, secs, summarize, table } from "./lib/stats";

const DB_NAME = "dxc_bench_cohort";
const MIIT = "miit-2024-manufacturing";
const BINHAI = "120116";

const USAGE = `用法：
  npm run bench:cohort -- [--enterprises 100000] [--reassessed 50000] [--providers 40] [--diagnoses 8000]
                          [--runs 20] [--url postgres://…] [--index] [--snapshot] [--lz4] [--keep]

  --url          PostgreSQL 服务器（用于新建基准库 ${DB_NAME}），默认 DATABASE_URL 或 ${DEFAULT_SERVER_URL}
  --enterprises  企业数，默认 100000
  --reassessed   有 T0+T1 两次已提交 MIIT 评估的企业数（评估行数 = 2 倍），默认 50000
  --providers    服务商账号数，默认 40
  --diagnoses    已评定/已办结的诊断数（每个有 1–2 个服务商和 1 个专家），默认 8000
  --runs         每个查询计时次数（另有 3 次预热），默认 20（至少 10）
  --index        额外测量候选索引（只在基准库内创建）
  --snapshot     额外对比：队列查询改从完整评分快照 result 读维度分（迁移 0009 之前的做法），与 dimension_points 列对比
  --lz4          装数前把基准库 assessments.result 列的 TOAST 压缩改为 lz4（对比默认 pglz 的解压开销）
  --keep         结束后保留基准库（默认删除）`;

interface Opts {
  url: string;
  enterprises: number;
  reassessed: number;
  providers: number;
  diagnoses: number;
  runs: number;
  index: boolean;
  snapshot: boolean;
  lz4: boolean;
  keep: boolean;
}

await runCliWithOptions(
  USAGE,
  {
    ...valueOptions("url", "enterprises", "reassessed", "providers", "diagnoses", "runs"),
    ...switchOptions("index", "snapshot", "lz4", "keep"),
  },
  async (v) => {
    const enterprisesN = intOption(v.enterprises, "enterprises", {
      min: 100,
      max: 1_000_000,
      default: 100_000,
    });
    const opts: Opts = {
      url: serverUrl(v.url),
      enterprises: enterprisesN,
      reassessed: intOption(v.reassessed, "reassessed", {
        min: 10,
        max: enterprisesN,
        default: Math.min(50_000, enterprisesN),
      }),
      providers: intOption(v.providers, "providers", { min: 1, max: 1000, default: 40 }),
      diagnoses: intOption(v.diagnoses, "diagnoses", {
        min: 0,
        max: enterprisesN,
        default: Math.min(8000, enterprisesN),
      }),
      runs: intOption(v.runs, "runs", { min: 10, max: 10_000, default: 20 }),
      index: v.index ?? false,
      snapshot: v.snapshot ?? false,
      lz4: v.lz4 ?? false,
      keep: v.keep ?? false,
    };
    if (!/^postgres(ql)?:\/\//.test(opts.url)) throw new Error(`--url 须为 postgres:// 地址：${opts.url}`);
    await onBenchDatabase(opts.url, DB_NAME, opts.keep, (handle, benchUrl) => bench(handle, opts, benchUrl));
  },
);

async function bench(handle: DatabaseHandle, opts: Opts, benchUrl: string) {
  const db: Database = handle.db;
  const version = (await db.execute(sql`select version() as v`)) as unknown as { rows: { v: string }[] };
  console.log(
    [
      "dxcenter 成效分析基准（复评队列 / 诊断覆盖率）",
      `  PostgreSQL  ${redact(benchUrl)}（${version.rows[0]?.v.split(" on ")[0]}）`,
      `  Node        ${process.version}`,
      `  数据        企业 ${int(opts.enterprises)}；T0+T1 企业 ${int(opts.reassessed)}（评估 ${int(opts.reassessed * 2)} 行）；服务商 ${opts.providers}；诊断 ${int(opts.diagnoses)}`,
      `  计时        每项 3 次预热 + ${opts.runs} 次；result 列压缩 ${opts.lz4 ? "lz4" : "默认（pglz）"}`,
      "",
    ].join("\n"),
  );

  await migrateDatabase(handle);
  const ref = await syncReferenceData(db);
  await syncInstruments(db);
  if (opts.lz4) await db.execute(sql`alter table assessments alter column result set compression lz4`);

  // ---------------------------------------------------------------------------------------------
  // 1. Enterprises
  const tEnt = performance.now();
  await insertGeneratedEnterprises(
    db,
    iterateEnterprises({
      count: opts.enterprises,
      seed: 20_260_301,
      districts: ref.districts,
      industries: ref.industries,
    }),
  );
  const entMs = performance.now() - tEnt;
  console.log(
    `【1】企业 ${int(opts.enterprises)} 行：${secs(entMs)}，${int(opts.enterprises / (entMs / 1000))} 行/秒`,
  );

  // Accounts: one admin (creator of everything), providers with organisations, one expert.
  const userRows: (typeof users.$inferInsert)[] = [
    { username: "bench_admin", displayName: "基准管理员", role: "city_admin", passwordHash: "x" },
    { username: "bench_expert", displayName: "基准专家", role: "expert", passwordHash: "x" },
    ...Array.from({ length: opts.providers }, (_, i): typeof users.$inferInsert => ({
      username: `bench_provider_${i}`,
      displayName: `服务商联系人${i}`,
      role: "provider",
      passwordHash: "x",
      // A few without an organisation: grouped under the contact's name.
      organization: i % 10 === 9 ? null : `天津第${i + 1}数字化服务有限公司`,
    })),
  ];
  const inserted = await bulkInsert<typeof users, { id: string; username: string; role: string }>(
    db,
    users,
    userRows.map((u) => ({ organization: null, ...u })),
    { returning: ["id", "username", "role"] },
  );
  const admin = inserted.find((u) => u.username === "bench_admin")!;
  const expert = inserted.find((u) => u.username === "bench_expert")!;
  const providers = inserted.filter((u) => u.role === "provider").map((u) => u.id);

  // ---------------------------------------------------------------------------------------------
  // 2. Assessments: T0 about a year ago, T1 recent, for every k-th enterprise.
  const [inst] = await db
    .select({ version: instruments.version, definition: instruments.definition })
    .from(instruments)
    .where(and(eq(instruments.id, MIIT), eq(instruments.current, true)));
  const def = inst!.definition as InstrumentDefinition;
  const ids = (await db.select({ id: enterprises.id }).from(enterprises).orderBy(asc(enterprises.uscc))).map(
    (r) => r.id,
  );
  const step = ids.length / opts.reassessed;
  const chosen = Array.from({ length: opts.reassessed }, (_, i) => ids[Math.floor(i * step)]!);
  const rng = mulberry32(20_260_302);
  const nq = listQuestions(def).length;
  const now = Date.now();
  let scoreMs = 0;
  let insertMs = 0;
  let batch: (typeof assessments.$inferInsert)[] = [];
  const flush = async () => {
    const t = performance.now();
    await bulkInsert(db, assessments, batch);
    insertMs += performance.now() - t;
    batch = [];
  };
  for (const enterpriseId of chosen) {
    const draws = Array.from({ length: nq }, () => rng());
    const c0 = 0.1 + rng() * 0.5;
    const change = rng();
    const c1 = change < 0.12 ? c0 - 0.08 : c0 + 0.03 + change * 0.17;
    const times = [
      now - (330 + Math.floor(rng() * 70)) * DAY_MS,
      now - (3 + Math.floor(rng() * 60)) * DAY_MS,
    ];
    for (const [i, capability] of [c0, c1].entries()) {
      const answers = plausibleAnswers(def, capability, draws);
      const t = performance.now();
      const out = scoreAssessment(def, answers, { improvements: false });
      scoreMs += performance.now() - t;
      if (!out.ok) throw new Error(out.errors[0]?.message);
      const r = out.result;
      const when = new Date(times[i]!);
      batch.push({
        enterpriseId,
        instrumentId: MIIT,
        instrumentVersion: inst!.version,
        kind: "self",
        status: "submitted",
        answers,
        progress: 100,
        ...submittedScoreColumns(r),
        commitmentAt: when,
        submittedAt: when,
        submittedBy: admin.id,
        createdBy: admin.id,
        createdAt: when,
        updatedAt: when,
      });
    }
    if (batch.length >= 1000) await flush();
  }
  if (batch.length) await flush();
  const nA = opts.reassessed * 2;
  console.log(
    `【2】评估 ${int(nA)} 行：评分 ${secs(scoreMs)}（${int(nA / (scoreMs / 1000))} 份/秒，不含改进建议），写入 ${secs(insertMs)}（${int(nA / (insertMs / 1000))} 行/秒）`,
  );

  // Diagnoses (verified or closed) on re-assessed enterprises, teams of 1–2 providers + the expert.
  const tDiag = performance.now();
  const diagRows: (typeof diagnoses.$inferInsert)[] = [];
  for (let i = 0; i < opts.diagnoses; i++) {
    const closed = rng() < 0.6;
    const at = new Date(now - Math.floor(rng() * 300) * DAY_MS);
    diagRows.push({
      enterpriseId: chosen[Math.floor(rng() * chosen.length)]!,
      instrumentId: MIIT,
      status: closed ? "closed" : "verified",
      source: "district",
      requestedBy: admin.id,
      requestedAt: at,
      visitedAt: at,
      closedAt: closed ? at : null,
      closedBy: closed ? admin.id : null,
      conclusion: closed ? "诊断意见（基准数据）" : null,
    });
  }
  const diagIds: string[] = [];
  for (let i = 0; i < diagRows.length; i += 2000) {
    const r = await bulkInsert<typeof diagnoses, { id: string }>(db, diagnoses, diagRows.slice(i, i + 2000), {
      returning: ["id"],
    });
    diagIds.push(...r.map((x) => x.id));
  }
  const teamRows: (typeof diagnosisTeam.$inferInsert)[] = [];
  for (const diagnosisId of diagIds) {
    const p1 = providers[Math.floor(rng() * providers.length)]!;
    teamRows.push({ diagnosisId, userId: p1, lead: true, assignedBy: admin.id });
    const p2 = providers[Math.floor(rng() * providers.length)]!;
    if (rng() < 0.3 && p2 !== p1)
      teamRows.push({ diagnosisId, userId: p2, lead: false, assignedBy: admin.id });
    teamRows.push({ diagnosisId, userId: expert.id, lead: false, assignedBy: admin.id });
  }
  for (let i = 0; i < teamRows.length; i += 5000)
    await bulkInsert(db, diagnosisTeam, teamRows.slice(i, i + 5000));
  console.log(
    `      诊断 ${int(diagIds.length)} 条、团队成员 ${int(teamRows.length)} 行：${secs(performance.now() - tDiag)}`,
  );
  await db.execute(sql`analyze`);
  const sizes = (await db.execute(sql`
    select pg_size_pretty(pg_total_relation_size('assessments')) as total,
           round(avg(pg_column_size(result))) as result_bytes
    from assessments`)) as unknown as { rows: { total: string; result_bytes: string }[] };
  console.log(
    `      assessments 表（含 TOAST/索引）${sizes.rows[0]?.total}；result 快照平均 ${sizes.rows[0]?.result_bytes} 字节（压缩后）\n`,
  );

  // ---------------------------------------------------------------------------------------------
  // 3. Timings
  const city: Actor = { id: admin.id, role: "city_admin", districtCode: null, enterpriseId: null };
  const district: Actor = { id: admin.id, role: "district_admin", districtCode: BINHAI, enterpriseId: null };
  const [one] = await db
    .select({ id: assessments.enterpriseId })
    .from(assessments)
    .where(eq(assessments.enterpriseId, chosen[Math.floor(chosen.length / 2)]!))
    .limit(1);
  const target = coverageTarget();
  const year = shanghaiYear();
  const coverageOpts = (actor: Actor, districtCode: string | null) => ({
    scope: readCondition(actor),
    districtCode,
    start: shanghaiMidnight(`${target.startYear}-01-01`),
    yearStart: shanghaiMidnight(`${year}-01-01`),
    yearEnd: shanghaiMidnight(`${year + 1}-01-01`),
  });
  const cohortOpts = (actor: Actor, groupBy: "district" | "provider") => ({
    instrumentId: MIIT,
    groupBy,
    scope: readCondition(actor),
    window: {},
  });

  interface Case {
    key: string;
    label: string;
    run: () => Promise<unknown>;
    explain?: SQL;
    /** Submitted assessments the statement aggregates (for rows/s). */
    rows: number;
  }
  const binhaiRows = Number(
    (
      (await db.execute(sql`select count(*)::int as n from assessments a join enterprises e on e.id = a.enterprise_id
        where a.status = 'submitted' and e.district_code = ${BINHAI}`)) as unknown as {
        rows: { n: number }[];
      }
    ).rows[0]?.n,
  );
  const cases: Case[] = [
    {
      key: "cohort-district",
      label: "队列·按区（全市）",
      run: () => cohorts(db, city, CohortQuery.parse({ groupBy: "district" })),
      explain: cohortSql(cohortOpts(city, "district")),
      rows: nA,
    },
    {
      key: "cohort-district-binhai",
      label: "队列·按区（滨海新区账号）",
      run: () => cohorts(db, district, CohortQuery.parse({ groupBy: "district" })),
      explain: cohortSql(cohortOpts(district, "district")),
      rows: binhaiRows,
    },
    {
      key: "cohort-provider",
      label: "队列·按服务商（全市）",
      run: () => cohorts(db, city, CohortQuery.parse({ groupBy: "provider" })),
      explain: cohortSql(cohortOpts(city, "provider")),
      rows: nA,
    },
    {
      key: "coverage",
      label: "覆盖率（全市）",
      run: () => coverage(db, city, CoverageQuery.parse({})),
      explain: coverageSql(coverageOpts(city, null)),
      rows: nA,
    },
    {
      key: "coverage-binhai",
      label: "覆盖率（滨海新区账号）",
      run: () => coverage(db, district, CoverageQuery.parse({})),
      explain: coverageSql(coverageOpts(district, BINHAI)),
      rows: binhaiRows,
    },
    {
      key: "enterprise",
      label: "单企业 T0/T1",
      run: () => enterpriseImpact(db, city, one!.id, {}),
      rows: 2,
    },
  ];

  const timeAll = async (title: string) => {
    console.log(title);
    const out: string[][] = [];
    const results = new Map<string, { p50: number; p95: number }>();
    for (const c of cases) {
      for (let i = 0; i < 3; i++) await c.run();
      const samples: number[] = [];
      for (let i = 0; i < opts.runs; i++) {
        const t = performance.now();
        await c.run();
        samples.push(performance.now() - t);
      }
      const s = summarize(samples);
      results.set(c.key, s);
      out.push([
        c.label,
        int(c.rows),
        ms(s.p50, 1),
        ms(s.p95, 1),
        ms(s.max, 1),
        int(c.rows / (s.p50 / 1000)),
      ]);
    }
    console.log(table(["查询", "涉及评估行", "p50", "p95", "max", "评估行/秒（p50）"], out));
    return results;
  };

  const explainAll = async (title: string) => {
    console.log(`\n${title}`);
    for (const c of cases) {
      if (!c.explain) continue;
      const explain = async (jit: "on" | "off") =>
        db.transaction(async (tx) => {
          await tx.execute(sql.raw(`set local jit = ${jit}`));
          await tx.execute(sql`set local work_mem = '32MB'`); // as the app runs it
          const r = (await tx.execute(
            sql`explain (analyze, buffers, format text) ${c.explain}`,
          )) as unknown as {
            rows: { "QUERY PLAN": string }[];
          };
          return r.rows.map((x) => x["QUERY PLAN"]);
        });
      const lines = await explain("off");
      const withJit = await explain("on");
      const exec = (l: string[]) =>
        l.find((x) => x.startsWith("Execution Time"))?.replace("Execution Time: ", "");
      const plan = lines.find((l) => l.startsWith("Planning Time"));
      const jitLine = withJit.find((l) => l.trim().startsWith("Timing:"))?.trim();
      console.log(
        `\n── ${c.label}：执行 ${exec(lines)}（JIT 关，应用的设置）；${plan}；若开 JIT：执行 ${exec(withJit)}${jitLine ? `，其中 JIT ${jitLine}` : ""}`,
      );
      if (process.env.DXC_BENCH_PLANS !== "0") for (const l of lines) console.log(`   ${l}`);
    }
  };

  // Sanity: the numbers the pages would show.
  const cc = await cohorts(db, city, CohortQuery.parse({}));
  const cv = await coverage(db, city, CoverageQuery.parse({}));
  console.log(
    `【3】结果核对：复评企业 ${int(cc.overall.n)}，平均 T0 ${cc.overall.avgT0} → T1 ${cc.overall.avgT1}（${cc.overall.avgDelta}），` +
      `等级提升 ${(cc.overall.leveledUpShare * 100).toFixed(1)}%；规上 ${int(cv.city!.aboveScale)}，已诊断 ${int(cv.city!.diagnosed)}（${(cv.city!.rate * 100).toFixed(1)}%），${year} 年目标 ${int(cv.city!.target)}\n`,
  );
  const before = await timeAll("【4】耗时（服务函数，含 JS 后处理）");
  await explainAll("【5】EXPLAIN (ANALYZE, BUFFERS)");

  if (opts.index) {
    const candidates = [
      // Index-only scan for picking T0/T1 per enterprise (no heap visit for id/submitted_at).
      "create index bench_submitted_cover_idx on assessments (instrument_id, enterprise_id, submitted_at) include (id) where status = 'submitted'",
      // First submission per enterprise for coverage, without the instrument in front.
      "create index bench_submitted_enterprise_idx on assessments (enterprise_id, submitted_at) where status = 'submitted'",
    ];
    console.log("\n【6】候选索引（仅在基准库内创建）：");
    for (const c of candidates) {
      const t = performance.now();
      await db.execute(sql.raw(c));
      console.log(`   ${c}（创建用时 ${secs(performance.now() - t)}）`);
    }
    await db.execute(sql`analyze assessments`);
    const after = await timeAll("\n【6】加索引后耗时");
    console.log("\n前后对比（p50）：");
    console.log(
      table(
        ["查询", "之前", "之后"],
        cases.map((c) => [c.label, ms(before.get(c.key)!.p50, 1), ms(after.get(c.key)!.p50, 1)]),
      ),
    );
    await explainAll("【6】加索引后 EXPLAIN (ANALYZE, BUFFERS)");
  }

  if (opts.snapshot) {
    // Before migration 0009 the cohort statement read the dimension points out of the full snapshot
    // (≈ 38 KB of JSON, ≈ 9 KB after TOAST compression), fetching and decompressing it for every
    // T0/T1. This compares that with the compact dimension_points column the service now reads.
    const size = (await db.execute(
      sql`select round(avg(pg_column_size(dimension_points))) as col, round(avg(pg_column_size(result))) as snap from assessments`,
    )) as unknown as { rows: { col: string; snap: string }[] };
    console.log(
      `\n【7】维度分来源对比：dimension_points 平均 ${size.rows[0]?.col} 字节/行，result 快照平均 ${size.rows[0]?.snap} 字节/行（压缩后）`,
    );
    const out: string[][] = [];
    for (const [label, actor, groupBy, rows] of [
      ["队列·按区（全市）", city, "district", nA],
      ["队列·按区（滨海新区账号）", district, "district", binhaiRows],
      ["队列·按服务商（全市）", city, "provider", nA],
    ] as const) {
      const time = async (dimensionSource: "column" | "snapshot") => {
        const run = () => cohortStats(db, { ...cohortOpts(actor, groupBy), dimensionSource });
        for (let i = 0; i < 3; i++) await run();
        const samples: number[] = [];
        for (let i = 0; i < opts.runs; i++) {
          const t0 = performance.now();
          await run();
          samples.push(performance.now() - t0);
        }
        return summarize(samples);
      };
      const col = await time("column");
      const snap = await time("snapshot");
      out.push([
        label,
        int(rows),
        ms(col.p50, 1),
        ms(col.p95, 1),
        ms(snap.p50, 1),
        ms(snap.p95, 1),
        `${(snap.p50 / col.p50).toFixed(1)}×`,
      ]);
    }
    console.log(
      table(["队列 SQL", "涉及评估行", "分列 p50", "分列 p95", "快照 p50", "快照 p95", "快照/分列"], out),
    );
  }
}
