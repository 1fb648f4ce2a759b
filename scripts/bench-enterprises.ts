/**
 * 企业库性能基准（不是测试）：npm run bench -- [--enterprises 100000] [--url postgres://…] [--keep]
 *
 * Creates a fresh PostgreSQL database, then measures
 *   a. importing a generated xlsx through the real import service (startImport),
 *   b. the list API over HTTP (autocannon under load, plus a sequential timed loop),
 *   c. the same list SQL run directly with pg,
 * and prints the numbers, the ratios and a summary table. The database is dropped at the end
 * unless --keep is given.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { CreateUserRequest, EnterpriseListQuery } from "@dxcenter/contracts";
import {
  type DatabaseHandle,
  enterpriseAnnual,
  enterprises,
  importJobs,
  iterateEnterprises,
  MAX_ENTERPRISE_INDEX,
  migrateDatabase,
  openDatabase,
} from "@dxcenter/db";
import type { Actor } from "@dxcenter/domain";
import autocannon from "autocannon";
import { and, count, eq, sql } from "drizzle-orm";
import type ExcelJS from "exceljs";
import pg from "pg";
import { buildApp } from "../apps/server/src/app";
import { loadConfig } from "../apps/server/src/config";
import { assertSafeXlsx } from "../apps/server/src/lib/xlsx-guard";
import { Utf8WorkbookReader } from "../apps/server/src/lib/xlsx-reader";
import type { AuditActor } from "../apps/server/src/modules/audit/audit.service";
import { readCondition } from "../apps/server/src/modules/enterprises/enterprise.policy";
import {
  filterConditions,
  type ListQuery,
  listOrderBy,
  selectList,
} from "../apps/server/src/modules/enterprises/enterprise.repository";
import {
  type ColumnKey,
  cellText,
  mapHeader,
  parseRow,
} from "../apps/server/src/modules/enterprises/enterprise-excel";
import { loadRefLookup, startImport } from "../apps/server/src/modules/enterprises/enterprise-import";
import { createUser } from "../apps/server/src/modules/users/user.service";
import { syncReferenceData } from "../apps/server/src/seed/reference";
import { intOption, runCliWithOptions, switchOptions, valueOptions } from "./lib/cli";
import { writeEnterprisesXlsx } from "./lib/enterprise-xlsx";
import {
  createDatabase,
  DEFAULT_SERVER_URL,
  dropDatabase,
  redact,
  serverUrl,
  withDatabase,
} from "./lib/pg-admin";
import { recordQueries, totalsByKey } from "./lib/sql-profiler";
import { int, mb, ms, ratio, type Summary, secs, summarize, table } from "./lib/stats";

const USAGE = `用法：
  npm run bench -- [--enterprises 100000] [--url postgres://…] [--connections 10] [--duration 10]
                   [--runs 200] [--seed N] [--shared-strings] [--explain] [--keep]

  --url            PostgreSQL 服务器（用于新建基准库），默认 DATABASE_URL 或 ${DEFAULT_SERVER_URL}
  --enterprises    导入文件的企业行数，默认 100000
  --connections    autocannon 并发连接数，默认 10
  --duration       每个接口的 autocannon 压测时长（秒），默认 10
  --runs           顺序计时循环的次数（接口与 SQL 各自），默认 200
  --seed           数据生成种子，默认 20250101
  --shared-strings 导入文件使用共享字符串表（与 Excel/WPS 保存的文件一致）
  --explain        打印两条列表查询的 EXPLAIN ANALYZE 执行计划
  --keep           结束后保留基准库 dxc_bench_<时间戳>（默认删除）`;

const PASSWORD = "Bench2026pass";

interface Scenario {
  key: string;
  label: string;
  path: string;
  query: ListQuery;
}

interface ApiResult {
  seq: Summary;
  rps: number;
  load: { p50: number; p95: number; p99: number; requests: number };
  total: number;
  ids: string[];
}

interface SqlResult {
  both: Summary;
  page: Summary;
  count: Summary;
}

await runCliWithOptions(
  USAGE,
  {
    ...valueOptions("url", "enterprises", "connections", "duration", "runs", "seed"),
    ...switchOptions("shared-strings", "explain", "keep"),
  },
  async (v) => {
    const opts = {
      url: serverUrl(v.url),
      enterprises: intOption(v.enterprises, "enterprises", { min: 1, max: 1_000_000, default: 100_000 }),
      connections: intOption(v.connections, "connections", { min: 1, max: 1000, default: 10 }),
      duration: intOption(v.duration, "duration", { min: 1, max: 3600, default: 10 }),
      runs: intOption(v.runs, "runs", { min: 1, max: 100_000, default: 200 }),
      seed: intOption(v.seed, "seed", { min: 0, max: 0xffff_ffff, default: 20_250_101 }),
      sharedStrings: v["shared-strings"] ?? false,
      explain: v.explain ?? false,
      keep: v.keep ?? false,
    };
    if (!/^postgres(ql)?:\/\//.test(opts.url)) throw new Error(`--url 须为 postgres:// 地址：${opts.url}`);

    const cleanups: { label: string; run: () => Promise<unknown> }[] = [];
    try {
      await bench(opts, cleanups);
    } finally {
      for (const c of cleanups.reverse()) {
        try {
          await c.run();
        } catch (e) {
          console.error(`清理失败（${c.label}）：`, e);
          process.exitCode = 1;
        }
      }
    }
  },
);

async function bench(
  opts: {
    url: string;
    enterprises: number;
    connections: number;
    duration: number;
    runs: number;
    seed: number;
    sharedStrings: boolean;
    explain: boolean;
    keep: boolean;
  },
  cleanups: { label: string; run: () => Promise<unknown> }[],
) {
  /** Wrong results that do not stop the timing runs; reported at the end with a non-zero exit. */
  const failures: string[] = [];
  const dbName = `dxc_bench_${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}`;
  const benchUrl = withDatabase(opts.url, dbName);
  const version = await pgVersion(opts.url);
  console.log(
    [
      "dxcenter 企业库性能基准",
      `  PostgreSQL  ${redact(benchUrl)}（${version}）`,
      `  Node        ${process.version}，${cpus().length} 核 ${cpus()[0]?.model ?? ""}；开始时 1 分钟负载 ${loadavg()[0]?.toFixed(2)}（其他进程占用 CPU 会使数字偏高）`,
      `  企业行数    ${int(opts.enterprises)}；autocannon ${opts.connections} 连接 × ${opts.duration} s；顺序循环 ${opts.runs} 次`,
      "",
    ].join("\n"),
  );

  await createDatabase(opts.url, dbName);
  cleanups.push({
    label: `删除数据库 ${dbName}`,
    run: async () => {
      if (opts.keep) {
        console.log(`\n已保留基准库：${redact(benchUrl)}`);
        return;
      }
      await dropDatabase(opts.url, dbName);
      console.log(`\n已删除基准库 ${dbName}`);
    },
  });

  const config = loadConfig({ ...process.env, DXC_MODE: "production", DATABASE_URL: benchUrl });
  const handle = await openDatabase({ url: benchUrl, poolSize: 10 });
  cleanups.push({ label: "关闭连接池", run: () => handle.close() });
  await migrateDatabase(handle);
  const ref = await syncReferenceData(handle.db);
  const user = await createUser(
    handle.db,
    CreateUserRequest.parse({
      username: "bench_admin",
      displayName: "基准测试管理员",
      role: "city_admin",
      password: PASSWORD,
    }),
    { id: null, name: "bench", role: "system", ip: null },
  );
  const actor: Actor = { id: user.id, role: "city_admin", districtCode: null, enterpriseId: null };
  const auditActor: AuditActor = { id: user.id, name: user.username, role: user.role, ip: "127.0.0.1" };

  // ------------------------------------------------------------------------------------------
  // a. Import
  console.log("【a】导入");
  const dir = await mkdtemp(join(tmpdir(), "dxc-bench-"));
  cleanups.push({ label: "删除临时文件", run: () => rm(dir, { recursive: true, force: true }) });
  const file = join(dir, `企业${opts.enterprises}.xlsx`);
  const tGen = performance.now();
  const written = await writeEnterprisesXlsx(
    file,
    iterateEnterprises({
      count: opts.enterprises,
      seed: opts.seed,
      startIndex: Math.min(1_000_000, MAX_ENTERPRISE_INDEX - opts.enterprises),
      districts: ref.districts,
      industries: ref.industries,
    }),
    ref,
    { sharedStrings: opts.sharedStrings },
  );
  const genMs = performance.now() - tGen;
  console.log(
    `  生成文件    ${int(written.rows)} 行，${mb(written.bytes)}（${opts.sharedStrings ? "共享字符串" : "内联字符串"}），用时 ${secs(genMs)}`,
  );
  if (written.bytes > config.upload.maxBytes) {
    console.log(
      `  注意：文件超过上传上限 ${mb(config.upload.maxBytes)}（DXC_UPLOAD_MAX_MB），经 HTTP 上传会被拒绝；此处直接调用导入服务`,
    );
  }
  const data = await readFile(file);

  const progress: { t: number; progress: number; rowsRead: number }[] = [];
  let peakRss = process.memoryUsage().rss;
  const rssTimer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const recorder = recordQueries();
  const t0 = performance.now();
  let tStarted = t0;
  let tDone = t0;
  let jobId: string;
  try {
    const started = await startImport(
      handle.db,
      actor,
      auditActor,
      { filename: `企业${opts.enterprises}.xlsx`, data },
      {
        maxRows: Math.max(config.upload.maxRows, opts.enterprises),
        onProgress: (p) => progress.push({ t: performance.now(), ...p }),
      },
    );
    tStarted = performance.now();
    jobId = started.job.id;
    await started.done;
    tDone = performance.now();
  } finally {
    clearInterval(rssTimer);
    recorder.stop();
  }
  const [job] = await handle.db.select().from(importJobs).where(eq(importJobs.id, jobId));
  if (!job) throw new Error("找不到导入任务记录");
  if (job.status !== "done") throw new Error(`导入失败（状态 ${job.status}）：${job.errorMessage ?? ""}`);
  const importMs = tDone - t0;
  const [entCount] = await handle.db.select({ n: count() }).from(enterprises);
  const [annualCount] = await handle.db.select({ n: count() }).from(enterpriseAnnual);
  const pass1End = progress.find((p) => p.rowsRead === job.rowsRead)?.t ?? tStarted;
  const lastBatch = progress[progress.length - 1]?.t ?? tDone;
  const batchTimes = progress
    .filter((p) => p.t > pass1End)
    .map((p, i, a) => p.t - (i === 0 ? pass1End : (a[i - 1]?.t ?? pass1End)));
  const batches = summarize(batchTimes);

  console.log(
    `  导入完成    ${secs(importMs)}，${int(opts.enterprises / (importMs / 1000))} 行/秒；文件 ${mb(data.length)}；峰值 RSS ${mb(peakRss)}`,
  );
  console.log(
    `  结果        读取 ${int(job.rowsRead)}，新增 ${int(job.created)}，更新 ${int(job.updated)}，无变化 ${int(job.unchanged)}，错误 ${int(job.rejected)}；库中企业 ${int(entCount?.n ?? 0)}，年度数据 ${int(annualCount?.n ?? 0)}`,
  );
  console.log(
    [
      "  分阶段：",
      `    文件校验+建任务（startImport 同步部分）  ${secs(tStarted - t0)}`,
      `    第1遍 读取+校验（exceljs 流式解析 + parseRow）  ${secs(pass1End - tStarted)}（${int(job.rowsRead / ((pass1End - tStarted) / 1000))} 行/秒）`,
      `    第2遍 分批写入（${batches.n} 批；每批 p50 ${ms(batches.p50, 1)}，p95 ${ms(batches.p95, 1)}）  ${secs(lastBatch - pass1End)}（${int(job.created / ((lastBatch - pass1End) / 1000))} 行/秒）`,
      `    收尾（报告+任务状态+审计）  ${secs(tDone - lastBatch)}`,
    ].join("\n"),
  );
  // Pass 2 by statement (client-side round-trip time) and the JavaScript work between statements.
  const pass2Queries = recorder.samples.filter((q) => q.start >= pass1End && q.start < lastBatch);
  const pass2Wall = lastBatch - pass1End;
  const pass2Sql = pass2Queries.reduce((a, q) => a + q.ms, 0);
  console.log(
    table(
      ["  第2遍按语句", "次数", "合计", "平均", "占第2遍"],
      [
        ...totalsByKey(pass2Queries).map((t) => [
          `    ${t.key}`,
          int(t.n),
          secs(t.ms),
          ms(t.ms / t.n, 1),
          `${((t.ms / pass2Wall) * 100).toFixed(0)}%`,
        ]),
        [
          "    （语句之间的 JS 处理）",
          "",
          secs(pass2Wall - pass2Sql),
          "",
          `${(((pass2Wall - pass2Sql) / pass2Wall) * 100).toFixed(0)}%`,
        ],
      ],
    ),
  );

  // Every generated row is valid, so all must be created, and stored text must be what was written.
  const garbled = await countGarbled(handle);
  if (job.created !== opts.enterprises || job.rejected !== 0) {
    const sample = (job.errorSample as { row: number; field: string; message: string }[] | null) ?? [];
    failures.push(
      `导入结果不符：应新增 ${int(opts.enterprises)}，实际新增 ${int(job.created)}，错误 ${int(job.rejected)}`,
    );
    console.error(`  ✗ ${failures[failures.length - 1]}；错误示例：`);
    for (const e of sample.slice(0, 10)) console.error(`      第 ${e.row} 行 ${e.field}：${e.message}`);
  }
  if (garbled > 0) {
    failures.push(`导入后有 ${int(garbled)} 家企业的文本含乱码（U+FFFD），与文件内容不一致`);
    console.error(`  ✗ ${failures[failures.length - 1]}`);
  }

  // Where pass 1 spends its time: the same steps, timed separately (not part of the import figure).
  const prof = await profilePass1(handle, data);
  console.log(
    [
      "  第1遍拆分（单独重放，不计入上面的导入时间）：",
      `    xlsx 安全检查（assertSafeXlsx，完整解压计数）  ${secs(prof.guardMs)}`,
      `    exceljs 流式读取 + cellText  ${secs(prof.readMs)}（${int(prof.rows / (prof.readMs / 1000))} 行/秒）`,
      `    parseRow（含 zod 校验）  ${secs(prof.parseMs)}（${int(prof.rows / (prof.parseMs / 1000))} 行/秒）`,
      `    重放读出的行中：含乱码（U+FFFD）${int(prof.garbledRows)} 行，校验不通过 ${int(prof.invalid)} 行（文件本身全部有效）`,
      "",
    ].join("\n"),
  );

  // ------------------------------------------------------------------------------------------
  // b. API
  console.log("【b】列表接口（HTTP）");
  const app = await buildApp(handle, config);
  await app.listen({ port: 0, host: "127.0.0.1" });
  cleanups.push({ label: "关闭服务", run: () => app.close() });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("无法获取服务端口");
  const base = `http://127.0.0.1:${address.port}`;
  const cookie = await login(base, user.username);

  const scenarios: Scenario[] = [
    "/api/enterprises?districtCode=120116&aboveScale=true&sort=revenue&order=desc&page=3&pageSize=20",
    `/api/enterprises?q=${encodeURIComponent("科技")}&sort=name&order=asc&page=1&pageSize=20`,
  ].map((path, i) => ({
    key: i === 0 ? "filter" : "search",
    label: i === 0 ? "筛选+排序+分页（滨海新区·规上·营收降序·第3页）" : "名称搜索 q=科技（按名称排序·第1页）",
    path,
    query: EnterpriseListQuery.parse(Object.fromEntries(new URLSearchParams(path.split("?")[1]))),
  }));

  const api = new Map<string, ApiResult>();
  for (const s of scenarios) {
    const r = await benchApi(base, cookie, s, opts);
    api.set(s.key, r);
    console.log(
      [
        `  ${s.label}`,
        `    ${s.path}`,
        `    命中 ${int(r.total)} 家；本页 ${r.ids.length} 条`,
        `    autocannon ${opts.connections} 连接 × ${opts.duration} s：${int(r.rps)} 请求/秒（共 ${int(r.load.requests)}），p50 ${ms(r.load.p50)}，p95 ${ms(r.load.p95)}，p99 ${ms(r.load.p99)}`,
        `    顺序循环 ${r.seq.n} 次（单连接，无并发）：p50 ${ms(r.seq.p50)}，p95 ${ms(r.seq.p95)}`,
      ].join("\n"),
    );
  }
  console.log(
    "  （负载下 p95 由 autocannon 每个响应的耗时（'response' 事件）直接计算，autocannon 自身只给 p90/p97.5；顺序循环为 fetch 往返计时）\n",
  );

  // ------------------------------------------------------------------------------------------
  // c. Raw SQL
  console.log("【c】同一查询直接执行 SQL（pg）");
  const pool = new pg.Pool({ connectionString: benchUrl, max: 2 });
  pool.on("error", () => {});
  cleanups.push({ label: "关闭 SQL 连接池", run: () => pool.end() });
  const sqlResults = new Map<string, SqlResult>();
  for (const s of scenarios) {
    const a = api.get(s.key)!;
    const r = await benchSql(handle, pool, actor, s, a, opts);
    sqlResults.set(s.key, r);
    console.log(
      [
        `  ${s.label}`,
        `    页查询+计数（并行，同仓储实现）${r.both.n} 次：p50 ${ms(r.both.p50)}，p95 ${ms(r.both.p95)}`,
        `    其中 页查询 p50 ${ms(r.page.p50)} / p95 ${ms(r.page.p95)}；计数 p50 ${ms(r.count.p50)} / p95 ${ms(r.count.p95)}`,
        `    接口顺序 p50 / SQL p50 = ${ratio(a.seq.p50, r.both.p50)}；负载下接口 p50 / SQL p50 = ${ratio(a.load.p50, r.both.p50)}`,
      ].join("\n"),
    );
  }

  // ------------------------------------------------------------------------------------------
  console.log("\n汇总");
  console.log(
    table(
      ["项目", "数值"],
      [
        ["导入行数", int(opts.enterprises)],
        ["文件大小", mb(data.length)],
        ["导入用时", secs(importMs)],
        ["导入速度", `${int(opts.enterprises / (importMs / 1000))} 行/秒`],
        ["  第1遍 读取+校验", secs(pass1End - tStarted)],
        ["  第2遍 写入", secs(lastBatch - pass1End)],
        ["新增 / 错误", `${int(job.created)} / ${int(job.rejected)}`],
        ["乱码企业（U+FFFD）", int(garbled)],
      ],
    ),
  );
  console.log("");
  console.log(
    table(
      [
        "查询",
        "负载 req/s",
        "负载 p50",
        "负载 p95",
        "顺序 p50",
        "顺序 p95",
        "SQL p50",
        "SQL p95",
        "顺序/SQL",
        "负载/SQL",
      ],
      scenarios.map((s) => {
        const a = api.get(s.key)!;
        const q = sqlResults.get(s.key)!;
        return [
          s.key === "filter" ? "筛选+排序+分页" : "名称搜索 科技",
          int(a.rps),
          ms(a.load.p50),
          ms(a.load.p95),
          ms(a.seq.p50),
          ms(a.seq.p95),
          ms(q.both.p50),
          ms(q.both.p95),
          ratio(a.seq.p50, q.both.p50),
          ratio(a.load.p50, q.both.p50),
        ];
      }),
    ),
  );
  console.log(
    "\n说明：负载 = autocannon 并发压测；顺序 = 单个请求依次发送；SQL = 页查询与计数并行执行（与仓储 Promise.all 相同）；比值 = 接口 p50 / SQL p50。",
  );
  if (failures.length) {
    throw new Error(`基准发现 ${failures.length} 项结果错误：\n  - ${failures.join("\n  - ")}`);
  }
}

/** Enterprises whose stored text holds U+FFFD, i.e. text that was garbled on the way in. */
async function countGarbled(handle: DatabaseHandle): Promise<number> {
  const bad = "%\uFFFD%";
  const [r] = await handle.db
    .select({ n: count() })
    .from(enterprises)
    .where(
      sql`${enterprises.name} like ${bad} or ${enterprises.address} like ${bad} or ${enterprises.contactName} like ${bad} or array_to_string(${enterprises.tags}, '、') like ${bad}`,
    );
  return r?.n ?? 0;
}

async function pgVersion(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ v: string }>("select current_setting('server_version') as v");
    return `PostgreSQL ${r.rows[0]?.v ?? "?"}`;
  } finally {
    await c.end();
  }
}

async function profilePass1(handle: DatabaseHandle, data: Buffer) {
  const tg = performance.now();
  await assertSafeXlsx(data);
  const guardMs = performance.now() - tg;

  const tr = performance.now();
  const reader = new Utf8WorkbookReader(Readable.from(chunked(data, 256 * 1024)), {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  let header: Map<number, ColumnKey> | null = null;
  const rows: Partial<Record<ColumnKey, string>>[] = [];
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
      if (!header) {
        const m = mapHeader(values);
        if ("missing" in m) throw new Error(`表头缺少：${m.missing.join("、")}`);
        header = m;
        continue;
      }
      const cells: Partial<Record<ColumnKey, string>> = {};
      for (const [i, key] of header) cells[key] = values[i] ?? "";
      rows.push(cells);
    }
    break;
  }
  const readMs = performance.now() - tr;

  const ref = await loadRefLookup(handle.db);
  const tp = performance.now();
  let invalid = 0;
  for (const cells of rows) if (!parseRow(cells, ref).ok) invalid++;
  const parseMs = performance.now() - tp;
  const garbledRows = rows.filter((r) => Object.values(r).some((c) => c?.includes("\uFFFD"))).length;
  return { guardMs, readMs, parseMs, rows: rows.length, invalid, garbledRows };
}

function* chunked(data: Buffer, size: number) {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`登录失败：HTTP ${res.status} ${await res.text()}`);
  const sid = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.startsWith("dxc_sid="));
  if (!sid) throw new Error("登录响应中没有 dxc_sid Cookie");
  return sid;
}

async function getJson(url: string, cookie: string) {
  const res = await fetch(url, { headers: { cookie } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} → HTTP ${res.status}：${text.slice(0, 300)}`);
  return text;
}

async function benchApi(
  base: string,
  cookie: string,
  s: Scenario,
  opts: { connections: number; duration: number; runs: number },
): Promise<ApiResult> {
  const url = base + s.path;
  const first = JSON.parse(await getJson(url, cookie)) as { items: { id: string }[]; total: number };
  if (first.total === 0 || first.items.length === 0) throw new Error(`${s.path} 没有返回数据，基准无意义`);
  for (let i = 0; i < 20; i++) await getJson(url, cookie); // warm-up

  const seq: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const t = performance.now();
    await getJson(url, cookie);
    seq.push(performance.now() - t);
  }

  const times: number[] = [];
  let bad = 0;
  const instance = autocannon({
    url,
    connections: opts.connections,
    duration: opts.duration,
    headers: { cookie },
  });
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    if (statusCode === 200) times.push(responseTime);
    else bad++;
  });
  const result = await instance;
  if (bad || result.errors || result.timeouts || result.non2xx) {
    throw new Error(
      `${s.path} 压测出现失败：非200 ${result.non2xx}，错误 ${result.errors}，超时 ${result.timeouts}`,
    );
  }
  const load = summarize(times);
  return {
    seq: summarize(seq),
    rps: result.requests.average,
    load: { p50: load.p50, p95: load.p95, p99: load.p99, requests: times.length },
    total: first.total,
    ids: first.items.map((i) => i.id),
  };
}

async function benchSql(
  handle: DatabaseHandle,
  pool: pg.Pool,
  actor: Actor,
  s: Scenario,
  api: ApiResult,
  opts: { runs: number; explain: boolean },
): Promise<SqlResult> {
  const q = s.query;
  const cond = and(readCondition(actor), ...filterConditions(q));
  const page = selectList(handle.db)
    .where(cond)
    .orderBy(...listOrderBy(q))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .toSQL();
  const total = handle.db.select({ n: count() }).from(enterprises).where(cond).toSQL();
  // rowMode "array" as drizzle's node-postgres driver uses (the page has two columns named "name").
  const pageQ = { text: page.sql, values: page.params as unknown[], rowMode: "array" as const };
  const countQ = { text: total.sql, values: total.params as unknown[], rowMode: "array" as const };

  // The SQL must be the API's: same page of ids in the same order, same total.
  const check = await pool.query<unknown[]>(pageQ);
  const checkCount = await pool.query<unknown[]>(countQ);
  const ids = check.rows.map((r) => String(r[0]));
  const sqlTotal = Number(checkCount.rows[0]?.[0]);
  if (JSON.stringify(ids) !== JSON.stringify(api.ids) || sqlTotal !== api.total) {
    throw new Error(
      `${s.key}：直接执行的 SQL 与接口结果不一致（SQL 与仓储实现可能已不同步）\n  SQL：${pageQ.text} ${JSON.stringify(pageQ.values)}\n  SQL 计数 ${sqlTotal}，接口 ${api.total}\n  SQL ids ${ids.slice(0, 3).join(",")}…\n  接口 ids ${api.ids.slice(0, 3).join(",")}…`,
    );
  }
  if (opts.explain) {
    for (const [name, query] of [
      ["页查询", pageQ],
      ["计数", countQ],
    ] as const) {
      const plan = await pool.query<unknown[]>({
        text: `explain (analyze, buffers) ${query.text}`,
        values: query.values,
        rowMode: "array",
      });
      console.log(`  EXPLAIN ${s.key} ${name}：\n${plan.rows.map((r) => `    ${String(r[0])}`).join("\n")}`);
    }
  }

  const time = async (f: () => Promise<unknown>) => {
    for (let i = 0; i < 10; i++) await f(); // warm-up
    const out: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const t = performance.now();
      await f();
      out.push(performance.now() - t);
    }
    return summarize(out);
  };
  return {
    both: await time(() => Promise.all([pool.query(pageQ), pool.query(countQ)])),
    page: await time(() => pool.query(pageQ)),
    count: await time(() => pool.query(countQ)),
  };
}
