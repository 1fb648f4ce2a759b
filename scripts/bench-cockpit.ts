/**
 * 驾驶舱基准（不是测试）：npm run bench:cockpit -- [--enterprises 100000] [--assessments 10] [--runs 20]
 *
 * On a fresh PostgreSQL database (dxc_bench_cockpit, dropped at the end unless --keep):
 *   1. loads generated enterprises (the demo generator), `assessments` submitted MIIT
 *      self-assessments per enterprise spread over five years (10 → 10^6 rows for 10^5 enterprises)
 *      and one 技改项目 per enterprise (10^5) in construction or completed, each with a progress
 *      report, all by set-based SQL;
 *   2. times the real service calls — the city 驾驶舱 of a month not closed (its provisional figures,
 *      indicator-live.ts: the first read computes every rollup and stores them, later reads read the
 *      stored rows until the refresh job or 刷新 recomputes them), one district's 驾驶舱, the same
 *      after closing the month (snapshots), one district's drill-down (first page + totals) and the
 *      city's — p50/p95 after warm-up, each next to a hand-written SQL query that computes the same
 *      figures in the same run; the cold first read and one refresh (what the job does) are timed too,
 *      and the 驾驶舱's figures are checked against the rollups computed afresh.
 * Target (issue 13 §10): p95 < 200 ms.
 */
import { performance } from "node:perf_hooks";
import { type Database, type DatabaseHandle, iterateEnterprises, migrateDatabase, users } from "@dxcenter/db";
import { lastClosedPeriod, periodAsOf } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import { shanghaiToday } from "../apps/server/src/lib/dates";
import { closePeriod } from "../apps/server/src/modules/indicators/close-period";
import { cockpit, refreshCockpit } from "../apps/server/src/modules/indicators/cockpit";
import { currentDistricts } from "../apps/server/src/modules/indicators/indicator.queries";
import { drill } from "../apps/server/src/modules/indicators/indicator-drill";
import { liveFigures } from "../apps/server/src/modules/indicators/indicator-figures";
import { refreshOpenPeriods } from "../apps/server/src/modules/indicators/indicator-live";
import { currentIndicators, syncIndicators } from "../apps/server/src/modules/indicators/indicator-loader";
import type { CurrentUser } from "../apps/server/src/plugins/auth";
import { insertGeneratedEnterprises } from "../apps/server/src/seed/demo";
import { syncInstruments } from "../apps/server/src/seed/instruments";
import { syncReferenceData } from "../apps/server/src/seed/reference";
import { onBenchDatabase } from "./lib/bench-db";
import { intOption, runCliWithOptions, switchOptions, valueOptions } from "./lib/cli";
import { DEFAULT_SERVER_URL, redact, serverUrl } from "./lib/pg-admin";
import { int, ms, ratio, secs, summarize, table } from "./lib/stats";

const DEFAULT_DB_NAME = "dxc_bench_cockpit";
const MIIT = "miit-2024-manufacturing";
const BINHAI = "120116";

const USAGE = `用法：
  npm run bench:cockpit -- [--enterprises 100000] [--assessments 10] [--runs 20] [--url postgres://…] [--db 名称] [--keep]

  --url          PostgreSQL 服务器（用于新建基准库），默认 DATABASE_URL 或 ${DEFAULT_SERVER_URL}
  --db           基准库名（先删后建），默认 ${DEFAULT_DB_NAME}
  --enterprises  企业数（技改项目同数），默认 100000
  --assessments  每家企业已提交的 MIIT 自评估数（分布在近五年），默认 10（即 10^6 行）
  --runs         每项计时次数（另有 3 次预热），默认 20（至少 10）
  --keep         结束后保留基准库（默认删除）`;

interface Opts {
  url: string;
  db: string;
  enterprises: number;
  assessments: number;
  runs: number;
  keep: boolean;
}

await runCliWithOptions(
  USAGE,
  { ...valueOptions("url", "db", "enterprises", "assessments", "runs"), ...switchOptions("keep") },
  async (v) => {
    const opts: Opts = {
      url: serverUrl(v.url),
      db: v.db ?? DEFAULT_DB_NAME,
      enterprises: intOption(v.enterprises, "enterprises", { min: 100, max: 1_000_000, default: 100_000 }),
      assessments: intOption(v.assessments, "assessments", { min: 1, max: 50, default: 10 }),
      runs: intOption(v.runs, "runs", { min: 10, max: 10_000, default: 20 }),
      keep: v.keep ?? false,
    };
    if (!/^postgres(ql)?:\/\//.test(opts.url)) throw new Error(`--url 须为 postgres:// 地址：${opts.url}`);
    await onBenchDatabase(opts.url, opts.db, opts.keep, (handle, benchUrl) => bench(handle, opts, benchUrl));
  },
);

function rowsOf<T>(r: unknown): T[] {
  return (r as { rows: T[] }).rows;
}

async function timed(db: Database, label: string, step: () => Promise<unknown>): Promise<void> {
  const t = performance.now();
  await step();
  await db.execute(sql`analyze`);
  console.log(`  ${label}：${secs(performance.now() - t)}`);
}

async function load(handle: DatabaseHandle, opts: Opts): Promise<string> {
  const db = handle.db;
  await migrateDatabase(handle);
  const ref = await syncReferenceData(db);
  await syncInstruments(db);
  await syncIndicators(db);
  const [admin] = await db
    .insert(users)
    .values({ username: "bench_admin", displayName: "基准管理员", role: "city_admin", passwordHash: "x" })
    .returning({ id: users.id });
  if (!admin) throw new Error("no admin");
  const [miit] = rowsOf<{ version: string }>(
    await db.execute(
      sql`select version from instruments where id = ${MIIT} and current order by version desc limit 1`,
    ),
  );
  if (!miit) throw new Error(`instrument ${MIIT} missing`);

  console.log("【1】装数");
  await timed(db, `企业 ${int(opts.enterprises)} 行`, () =>
    insertGeneratedEnterprises(
      db,
      iterateEnterprises({
        count: opts.enterprises,
        seed: 20_261_207,
        districts: ref.districts,
        industries: ref.industries,
      }),
    ),
  );
  // Submitted self-assessments, spread over five years (the coverage window), levels 1–4.
  await timed(db, `MIIT 自评估 ${int(opts.enterprises * opts.assessments)} 行`, () =>
    db.execute(sql`insert into assessments (enterprise_id, instrument_id, instrument_version, status, progress,
        total, max_total, level, submitted_at, created_by)
      select e.id, ${MIIT}, ${miit.version}, 'submitted', 100,
        (abs(hashtext(e.id::text || g::text)) % 10000) / 100.0, 100,
        1 + abs(hashtext(e.id::text || g::text)) % 4,
        now() - ((abs(hashtext(e.id::text || 'd' || g::text)) % 1825) * interval '1 day'),
        ${admin.id}
      from enterprises e cross join generate_series(1, ${opts.assessments}) g`),
  );
  // One project per enterprise: a third completed this year, the rest in construction.
  await timed(db, `技改项目 ${int(opts.enterprises)} 行（含进度报告）`, async () => {
    await db.execute(sql`insert into projects (enterprise_id, district_code, name, type, total_investment_fen,
        planned_start_date, planned_finish_date, status, started_on, finished_on, percent_complete,
        investment_completed_fen, last_report_on, created_by)
      select e.id, e.district_code, e.name || '技术改造项目', 'equipment_upgrade', 500000000,
        current_date - 300, current_date + 60,
        case when n % 3 = 0 then 'completed' else 'in_construction' end,
        current_date - 300 + (n % 200), case when n % 3 = 0 then current_date - (n % 60) else null end,
        case when n % 3 = 0 then 100 else 50 end, case when n % 3 = 0 then 500000000 else 250000000 end,
        current_date - (n % 60), ${admin.id}
      from (select e.*, (row_number() over (order by e.id))::int as n from enterprises e) e`);
    await db.execute(sql`insert into project_reports (project_id, kind, report_date, percent, investment_completed_fen, reported_by)
      select p.id, 'progress', coalesce(p.last_report_on, current_date), p.percent_complete, p.investment_completed_fen, ${admin.id}
      from projects p`);
  });
  return admin.id;
}

async function bench(handle: DatabaseHandle, opts: Opts, benchUrl: string) {
  const db: Database = handle.db;
  const [ver] = rowsOf<{ v: string }>(await db.execute(sql`select version() as v`));
  console.log(
    [
      "dxcenter 驾驶舱基准（指标卡片 / 下钻）",
      `  PostgreSQL  ${redact(benchUrl)}（${ver?.v.split(" on ")[0]}）`,
      `  Node        ${process.version}`,
      `  计时        每项 3 次预热 + ${opts.runs} 次`,
      "",
    ].join("\n"),
  );
  const adminId = await load(handle, opts);
  const city: CurrentUser = {
    id: adminId,
    username: "bench_admin",
    displayName: "基准管理员",
    role: "city_admin",
    districtCode: null,
    enterpriseId: null,
    organization: null,
    districtName: null,
    enterpriseName: null,
  };
  const counts = rowsOf<{ e: string; a: string; p: string }>(
    await db.execute(sql`select (select count(*) from enterprises)::text as e,
      (select count(*) from assessments)::text as a, (select count(*) from projects)::text as p`),
  )[0];
  console.log(
    `  库中：企业 ${int(Number(counts?.e))}，自评估 ${int(Number(counts?.a))}，技改项目 ${int(Number(counts?.p))}\n`,
  );

  const month = lastClosedPeriod(shanghaiToday(), "monthly");
  const runs = async (f: () => Promise<unknown>) => {
    for (let i = 0; i < 3; i++) await f();
    const samples: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const t = performance.now();
      await f();
      samples.push(performance.now() - t);
    }
    return summarize(samples);
  };

  // Hand-written baselines: the same figures, written directly for this data (city totals only).
  const handCockpit = () =>
    db.execute(sql`select
        (select count(*) filter (where digital_rd_tools)::numeric / nullif(count(digital_rd_tools), 0)
           from enterprises where above_scale) as rd,
        (select avg(key_process_nc_rate) from enterprises where above_scale) as nc,
        (select count(*) from enterprises where cloud_adopted) as cloud,
        (select count(*) from assessments where status = 'submitted'
           and submitted_at >= date_trunc('year', now())) as submitted,
        (select count(*) filter (where level >= 2)::numeric / nullif(count(*), 0) from
           (select distinct on (enterprise_id) level from assessments
            where instrument_id = ${MIIT} and status = 'submitted' order by enterprise_id, submitted_at desc) l) as l2,
        (select count(*) from projects where started_on <= current_date and (finished_on is null or finished_on > current_date)) as building,
        (select count(*) from projects where finished_on >= date_trunc('year', now())::date) as completed,
        (select count(*) filter (where exists (select 1 from assessments a where a.enterprise_id = e.id
            and a.status = 'submitted' and a.submitted_at >= now() - interval '5 years'))
           from enterprises e where e.above_scale) as covered`);
  const handDrill = () =>
    Promise.all([
      db.execute(sql`select p.id, p.name, e.name as enterprise, p.started_on from projects p
        join enterprises e on e.id = p.enterprise_id
        where p.district_code = ${BINHAI} and p.started_on <= current_date and (p.finished_on is null or p.finished_on > current_date)
        order by p.started_on desc, p.id limit 20`),
      db.execute(sql`select count(*) from projects p where p.district_code = ${BINHAI}
        and p.started_on <= current_date and (p.finished_on is null or p.finished_on > current_date)`),
    ]);
  const handCoverageDrill = () =>
    Promise.all([
      db.execute(sql`select e.id, e.name, (select max(a.submitted_at) from assessments a where a.enterprise_id = e.id
          and a.status = 'submitted' and a.submitted_at >= now() - interval '5 years') as last
        from enterprises e where e.above_scale and e.district_code = ${BINHAI} order by e.name limit 20`),
      db.execute(sql`select count(*) from enterprises e where e.above_scale and e.district_code = ${BINHAI}`),
    ]);

  const rows: string[][] = [];
  const add = async (label: string, service: () => Promise<unknown>, hand: () => Promise<unknown>) => {
    const s = await runs(service);
    const h = await runs(hand);
    rows.push([
      label,
      ms(s.p50),
      ms(s.p95),
      ms(h.p50),
      ms(h.p95),
      ratio(s.p95, h.p95),
      s.p95 < 200 ? "是" : "否",
    ]);
    console.log(`  ${label}: p50 ${ms(s.p50)}  p95 ${ms(s.p95)}（手写 SQL p95 ${ms(h.p95)}）`);
  };

  console.log("【2】计时（未关账：暂存数值）");
  const actor = { id: adminId, name: "基准管理员", role: "city_admin", ip: null };
  const once = async (label: string, f: () => Promise<unknown>) => {
    const t = performance.now();
    await f();
    const took = performance.now() - t;
    console.log(`  ${label}：${ms(took)}`);
    return took;
  };
  const cold = await once("首次读取（无暂存数值：计算全部 rollup 并存储）", () =>
    cockpit(db, city, { period: month }),
  );
  const refreshed = await once("刷新（全市驾驶舱的刷新按钮：重算并存储）", () =>
    refreshCockpit(db, city, actor, { period: month }),
  );
  await once("定时任务 refresh-live-indicators 一次（本月与上月）", () => refreshOpenPeriods(db));
  await add("全市驾驶舱（未关账，暂存数值）", () => cockpit(db, city, { period: month }), handCockpit);
  await verify(db, city, month);
  await add(
    "滨海新区驾驶舱（未关账，暂存数值）",
    () => cockpit(db, city, { period: month, district: BINHAI }),
    handCockpit,
  );
  const page = { page: 1, pageSize: 20 } as const;
  await add(
    "下钻：滨海新区在建项目（首页+合计）",
    () => drill(db, city, { indicator: "projects-in-construction", district: BINHAI, ...page }),
    handDrill,
  );
  await add(
    "下钻：滨海新区诊断覆盖（首页+合计）",
    () =>
      drill(db, city, {
        indicator: "diagnosis-coverage-5y",
        district: BINHAI,
        sort: "name",
        order: "asc",
        ...page,
      }),
    handCoverageDrill,
  );
  console.log("【3】关账后（快照）");
  const tClose = performance.now();
  await closePeriod(db, month, { id: adminId, name: "基准管理员", role: "city_admin", ip: null });
  console.log(`  关账 ${month}：${secs(performance.now() - tClose)}`);
  await add("全市驾驶舱（快照）", () => cockpit(db, city, { period: month }), handCockpit);
  await add(
    "下钻：全市在建项目（今日名单，首页+合计）",
    () => drill(db, city, { indicator: "projects-in-construction", ...page }),
    handDrill,
  );

  console.log(
    `\n${table(["项目", "p50", "p95", "手写SQL p50", "手写SQL p95", "p95 比值", "p95<200ms"], rows)}`,
  );
  console.log(
    `\n未关账统计期：首次读取 ${ms(cold)}、刷新 ${ms(refreshed)}（每次刷新的代价；此后读取只读暂存数值，页面显示“数据截至”）`,
  );
}

/**
 * The 驾驶舱's provisional figures against every rollup computed afresh for the same period (it has
 * ended, so the window is the same): the stored rows must be the rollups' figures, city and district.
 */
async function verify(db: Database, user: CurrentUser, month: string) {
  const board = await cockpit(db, user, { period: month });
  const district = await cockpit(db, user, { period: month, district: BINHAI });
  const defs = (await currentIndicators(db)).filter((d) => d.kind === "computed");
  const codes = (await currentDistricts(db)).map((d) => d.code);
  const fresh = await liveFigures(
    db,
    defs.map((indicator) => ({ indicator, period: periodAsOf(month, indicator.frequency) })),
    codes,
  );
  let checked = 0;
  for (const d of defs) {
    for (const [scope, c] of [
      ["city", board],
      [BINHAI, district],
    ] as const) {
      const shown = c.cards.find((x) => x.indicator.id === d.id)?.figure;
      const want = fresh.get(d.id)?.get(scope);
      const same =
        shown?.origin === "live" &&
        shown.value === (want?.value == null ? null : Number(want.value)) &&
        shown.numerator === (want?.numerator == null ? null : Number(want.numerator));
      if (!same)
        throw new Error(`数值核对失败：${d.id} ${scope} 驾驶舱 ${shown?.value}，rollup ${want?.value}`);
      checked++;
    }
  }
  console.log(
    `  数值核对：${checked} 个数值（全市与滨海新区 × ${defs.length} 个计算指标）与现算 rollup 一致`,
  );
}
