/**
 * 政策筛查基准（不是测试）：npm run bench:policy -- [--enterprises 100000] [--url postgres://…] [--keep]
 *
 * On a fresh PostgreSQL database (dxc_bench_policy, dropped at the end unless --keep):
 *   1. loads generated enterprises (the demo generator + the demo seeder's batch insert) and the
 *      shipped policies plus the demo policy (the one whose amounts are set),
 *   2. evaluates EVERY current policy for every enterprise (evaluateAll with non-cumulation, the
 *      calculator's engine), reading facts in 1,000-row pages: DB read vs. evaluate,
 *   3. runs the real 免申即享 sweep service for the demo policy city-wide: DB read vs. evaluate vs.
 *      write (awards + their audit rows, one transaction per page), then a re-run (idempotent).
 */
import { performance } from "node:perf_hooks";
import {
  type Database,
  enterprises,
  iterateEnterprises,
  migrateDatabase,
  policyAwards,
  users,
} from "@dxcenter/db";
import { evaluateAll } from "@dxcenter/domain";
import { asc, count, gt, sql } from "drizzle-orm";
import { shanghaiToday } from "../apps/server/src/lib/dates";
import { type SweepTimings, startSweep } from "../apps/server/src/modules/policies/award-sweep";
import {
  enterpriseFactColumns,
  factsOf,
  latestLevels,
} from "../apps/server/src/modules/policies/enterprise-facts";
import { currentPolicies } from "../apps/server/src/modules/policies/policy.repository";
import {
  DEFAULT_POLICIES_DIR,
  DEMO_POLICIES_DIR,
  syncPolicies,
} from "../apps/server/src/modules/policies/policy-loader";
import { insertGeneratedEnterprises } from "../apps/server/src/seed/demo";
import { syncInstruments } from "../apps/server/src/seed/instruments";
import { syncReferenceData } from "../apps/server/src/seed/reference";
import { onBenchDatabase } from "./lib/bench-db";
import { intOption, runCliWithOptions, switchOptions, valueOptions } from "./lib/cli";
import { DEFAULT_SERVER_URL, redact, serverUrl } from "./lib/pg-admin";
import { int, secs } from "./lib/stats";

const DB_NAME = "dxc_bench_policy";
const DEMO_POLICY = "demo-tj-cloud-award";

const USAGE = `用法：
  npm run bench:policy -- [--enterprises 100000] [--url postgres://…] [--keep]

  --url          PostgreSQL 服务器（用于新建基准库 ${DB_NAME}），默认 DATABASE_URL 或 ${DEFAULT_SERVER_URL}
  --enterprises  企业数，默认 100000
  --keep         结束后保留基准库（默认删除）`;

await runCliWithOptions(
  USAGE,
  { ...valueOptions("url", "enterprises"), ...switchOptions("keep") },
  async (v) => {
    const n = intOption(v.enterprises, "enterprises", { min: 100, max: 1_000_000, default: 100_000 });
    const url = serverUrl(v.url);
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`--url 须为 postgres:// 地址：${url}`);
    await onBenchDatabase(url, DB_NAME, v.keep ?? false, async (handle, benchUrl) => {
      await migrateDatabase(handle);
      await bench(handle.db, n, benchUrl);
    });
  },
);

function line(label: string, totalMs: number, parts: [string, number][], rows: number) {
  console.log(
    `${label}：合计 ${secs(totalMs)}，${int(rows / (totalMs / 1000))} 家企业/秒（${parts
      .map(([k, v]) => `${k} ${secs(v)}（${Math.round((v / totalMs) * 100)}%）`)
      .join("，")}）`,
  );
}

async function bench(db: Database, n: number, benchUrl: string) {
  const version = (await db.execute(sql`select version() as v`)) as unknown as { rows: { v: string }[] };
  console.log(
    [
      "dxcenter 政策筛查基准（全部政策测算 / 免申即享筛查）",
      `  PostgreSQL  ${redact(benchUrl)}（${version.rows[0]?.v.split(" on ")[0]}）`,
      `  Node        ${process.version}`,
      `  企业        ${int(n)}`,
      "",
    ].join("\n"),
  );
  const ref = await syncReferenceData(db);
  await syncInstruments(db);
  await syncPolicies(db, [DEFAULT_POLICIES_DIR, DEMO_POLICIES_DIR]);
  const t0 = performance.now();
  await insertGeneratedEnterprises(
    db,
    iterateEnterprises({ count: n, seed: 20_261_201, districts: ref.districts, industries: ref.industries }),
  );
  console.log(`【准备】企业 ${int(n)} 行：${secs(performance.now() - t0)}`);
  const defs = await currentPolicies(db);
  const today = shanghaiToday();

  // 2. Every policy for every enterprise.
  let readMs = 0;
  let evalMs = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  const status = { eligible: 0, missing: 0, ineligible: 0 };
  let granted = 0;
  let rows = 0;
  const tAll = performance.now();
  for (;;) {
    const a = performance.now();
    const page = await db
      .select(enterpriseFactColumns)
      .from(enterprises)
      .where(gt(enterprises.id, after))
      .orderBy(asc(enterprises.id))
      .limit(1000);
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const levels = await latestLevels(
      db,
      page.map((e) => e.id),
    );
    const b = performance.now();
    for (const e of page) {
      const r = evaluateAll(defs, factsOf(e, levels).facts, { today });
      for (const x of r.results) status[x.evaluation.status]++;
      granted += r.totalGrantedFen;
    }
    const c = performance.now();
    readMs += b - a;
    evalMs += c - b;
    rows += page.length;
    if (page.length < 1000) break;
  }
  const allMs = performance.now() - tAll;
  console.log(
    `【全部政策】${defs.length} 项政策 × ${int(rows)} 家企业 = ${int(defs.length * rows)} 次测算：符合 ${int(status.eligible)}，信息不足 ${int(status.missing)}，不符合 ${int(status.ineligible)}；合计金额 ${(granted / 1_000_000).toFixed(2)} 万元`,
  );
  line(
    "【全部政策】",
    allMs,
    [
      ["读库", readMs],
      ["测算", evalMs],
    ],
    rows,
  );
  console.log(`           每家企业测算全部政策 ${((evalMs / rows) * 1000).toFixed(1)} µs`);

  // 3. The real sweep service (demo policy, city-wide): read / evaluate / write.
  const [admin] = await db
    .insert(users)
    .values({ username: "bench_admin", displayName: "基准管理员", role: "city_admin", passwordHash: "x" })
    .returning({ id: users.id });
  const actor = { id: admin!.id, role: "city_admin" as const, districtCode: null, enterpriseId: null };
  const audit = { id: admin!.id, name: "bench_admin", role: "city_admin", ip: null };
  for (const label of ["【免申即享】首次筛查", "【免申即享】重复筛查"]) {
    const timings: SweepTimings = { readMs: 0, evaluateMs: 0, writeMs: 0 };
    const t = performance.now();
    const { done } = await startSweep(db, actor, audit, DEMO_POLICY, {}, { timings });
    const s = await done;
    const total = performance.now() - t;
    if (!s) throw new Error("筛查失败");
    console.log(
      `${label}：${int(s.total)} 家，符合 ${int(s.eligible)}（新识别 ${int(s.identified)}，已有 ${int(s.existing)}），信息不足 ${int(s.missing)}，不符合 ${int(s.ineligible)}`,
    );
    line(
      label,
      total,
      [
        ["读库", timings.readMs],
        ["测算", timings.evaluateMs],
        ["写库（兑现记录 + 审计）", timings.writeMs],
      ],
      s.total,
    );
  }
  const [{ c } = { c: 0 }] = await db.select({ c: count() }).from(policyAwards);
  console.log(`           policy_awards 行数 ${int(c)}`);
}
