/**
 * Benchmark (not a test): the "一企一策" report — HTML build time and PDF time per report with a
 * warm browser (p50/p95), and batch (zip) throughput. Runs the real app on a temporary in-memory
 * PGlite with N submitted MIIT assessments of plausible answers in one district.
 *   npm run bench:report [-- --reports 40]
 */
import { performance } from "node:perf_hooks";
import {
  assessments,
  bulkInsert,
  enterprises,
  instruments,
  migrateDatabase,
  openDatabase,
  submittedScoreColumns,
} from "@dxcenter/db";
import { computeUsccCheckChar, type InstrumentDefinition, scoreAssessment } from "@dxcenter/domain";
import { and, eq } from "drizzle-orm";
import { buildApp } from "../apps/server/src/app";
import { loadConfig } from "../apps/server/src/config";
import { createUser } from "../apps/server/src/modules/users/user.service";
import { plausibleAnswers } from "../apps/server/src/seed/demo-assessments";
import { syncInstruments } from "../apps/server/src/seed/instruments";
import { syncReferenceData } from "../apps/server/src/seed/reference";
import { parseCli, UsageError } from "./lib/cli";
import { summarize } from "./lib/stats";

const DISTRICT = "120116"; // 滨海新区
const INSTRUMENT = "miit-2024-manufacturing";

let reports: number;
try {
  const v = parseCli({ reports: { type: "string", default: "40" } });
  reports = Number(v.reports);
  if (!Number.isInteger(reports) || reports < 5 || reports > 2000)
    throw new UsageError("--reports 须为 5–2000 的整数");
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  console.error(`${e.message}\n用法：npm run bench:report -- --reports <份数，默认 40>`);
  process.exit(2);
}

const config = {
  ...loadConfig({ DXC_MODE: "production", DXC_CHROMIUM: process.env.DXC_CHROMIUM }),
  webDist: "/nonexistent",
};
const handle = await openDatabase({ dataDir: "memory://" });
await migrateDatabase(handle);
await syncReferenceData(handle.db);
await syncInstruments(handle.db);
const db = handle.db;

// ---------------------------------------------------------------- data: N submitted assessments
const admin = await createUser(
  db,
  {
    username: "bench_district",
    displayName: "基准测试区管理员",
    role: "district_admin",
    districtCode: DISTRICT,
    enterpriseId: null,
    organization: null,
    password: "Bench-password-2026",
  },
  { id: null, name: "bench", role: "system", ip: null },
);
const [inst] = await db
  .select()
  .from(instruments)
  .where(and(eq(instruments.id, INSTRUMENT), eq(instruments.current, true)));
const def = inst!.definition as InstrumentDefinition;
await bulkInsert(
  db,
  enterprises,
  Array.from({ length: reports }, (_, i) => {
    const body = `91${DISTRICT}MA${String(i).padStart(7, "0")}`;
    return {
      uscc: body + computeUsccCheckChar(body),
      name: `天津基准测试第${i + 1}号智能制造有限公司`,
      districtCode: DISTRICT,
      industryCode: "C34",
      size: "medium",
    };
  }),
);
const ents = await db.select({ id: enterprises.id }).from(enterprises);
let seed = 1;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const rows = ents.map((e, i): typeof assessments.$inferInsert => {
  const answers = plausibleAnswers(
    def,
    0.2 + 0.6 * (i / Math.max(1, reports - 1)),
    Array.from({ length: 40 }, rand),
  );
  const outcome = scoreAssessment(def, answers);
  if (!outcome.ok) throw new Error(outcome.errors[0]?.message);
  const r = outcome.result;
  const at = new Date();
  return {
    enterpriseId: e.id,
    instrumentId: INSTRUMENT,
    instrumentVersion: inst!.version,
    status: "submitted",
    answers,
    progress: 100,
    ...submittedScoreColumns(r),
    commitmentAt: at,
    submittedAt: at,
    submittedBy: admin.id,
    createdBy: admin.id,
  };
});
await bulkInsert(db, assessments, rows);
const ids = (await db.select({ id: assessments.id }).from(assessments)).map((r) => r.id);

const app = await buildApp(handle, config);
await app.ready();
const login = await app.inject({
  method: "POST",
  url: "/api/auth/login",
  payload: { username: "bench_district", password: "Bench-password-2026" },
});
const cookie = `dxc_sid=${login.cookies.find((c) => c.name === "dxc_sid")!.value}`;
const get = (url: string) => app.inject({ method: "GET", url, headers: { cookie } });
/** server-timing: "data;dur=1.2, html;dur=3.4" → { data: 1.2, html: 3.4 } */
const timing = (h: unknown) =>
  Object.fromEntries(
    String(h ?? "")
      .split(",")
      .map((p) => /(\w+);dur=([\d.]+)/.exec(p.trim()))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1]!, Number(m[2])]),
  ) as Record<string, number>;

const fmt = (s: ReturnType<typeof summarize>) =>
  `p50 ${s.p50.toFixed(0).padStart(5)} ms   p95 ${s.p95.toFixed(0).padStart(5)} ms   max ${s.max.toFixed(0).padStart(5)} ms`;

console.log(
  `“一企一策”报告基准（${reports} 份已提交的 MIIT 2024 评估，内嵌 PGlite，Chromium ${config.chromiumPath}；Node ${process.version}）\n`,
);

// ---------------------------------------------------------------- HTML
const htmlTotal: number[] = [];
const htmlBuild: number[] = [];
let htmlBytes = 0;
for (const id of ids.slice(0, 3)) await get(`/api/assessments/${id}/report`); // warm-up (ECharts, caches)
for (const id of ids) {
  const t = performance.now();
  const r = await get(`/api/assessments/${id}/report`);
  htmlTotal.push(performance.now() - t);
  if (r.statusCode !== 200) throw new Error(`HTML ${r.statusCode}: ${r.body.slice(0, 200)}`);
  htmlBuild.push(timing(r.headers["server-timing"]).html ?? Number.NaN);
  htmlBytes += r.rawPayload.length;
}

// ---------------------------------------------------------------- PDF (warm browser)
const cold0 = performance.now();
await get(`/api/assessments/${ids[0]}/report.pdf`);
const cold = performance.now() - cold0;
const pdfTotal: number[] = [];
const pdfPhase: number[] = [];
let pdfBytes = 0;
for (const id of ids) {
  const t = performance.now();
  const r = await get(`/api/assessments/${id}/report.pdf`);
  pdfTotal.push(performance.now() - t);
  if (r.statusCode !== 200) throw new Error(`PDF ${r.statusCode}: ${r.body.slice(0, 200)}`);
  pdfPhase.push(timing(r.headers["server-timing"]).pdf ?? Number.NaN);
  pdfBytes += r.rawPayload.length;
}

// ---------------------------------------------------------------- batch (zip)
const t0 = performance.now();
const start = await app.inject({
  method: "POST",
  url: "/api/reports/batch",
  headers: { cookie },
  payload: { instrumentId: INSTRUMENT },
});
if (start.statusCode !== 202) throw new Error(`batch ${start.statusCode}: ${start.body}`);
const jobId = (start.json() as { id: string }).id;
let job: { status: string; done: number; total: number; errorMessage: string | null };
for (;;) {
  job = (await get(`/api/reports/batch/${jobId}`)).json();
  if (job.status === "done" || job.status === "failed") break;
  await new Promise((r) => setTimeout(r, 200));
}
const batchSec = (performance.now() - t0) / 1000;
if (job.status !== "done") throw new Error(`batch failed: ${job.errorMessage}`);
const zip = await get(`/api/reports/batch/${jobId}/download`);

console.log(`HTML（数据加载 + 生成，含 ECharts 服务端 SVG）    ${fmt(summarize(htmlTotal))}`);
console.log(`  其中 HTML 生成（纯函数）                        ${fmt(summarize(htmlBuild))}`);
console.log(`PDF 整个请求（浏览器已预热）                      ${fmt(summarize(pdfTotal))}`);
console.log(`  其中 Chromium 排版打印                          ${fmt(summarize(pdfPhase))}`);
console.log(`首次 PDF（含启动 Chromium）                       ${cold.toFixed(0)} ms`);
console.log(
  `平均大小：HTML ${(htmlBytes / ids.length / 1024).toFixed(0)} KB，PDF ${(pdfBytes / ids.length / 1024).toFixed(0)} KB`,
);
console.log(
  `批量导出 ${job.total} 份：${batchSec.toFixed(1)} s，${(job.total / batchSec).toFixed(2)} 份/秒，zip ${(zip.rawPayload.length / 1024 / 1024).toFixed(1)} MB`,
);
const p95 = summarize(pdfTotal).p95;
console.log(`\n要求：每份报告 < 1 s —— PDF p95 ${p95.toFixed(0)} ms，${p95 < 1000 ? "满足" : "未满足"}`);

await app.close();
await handle.close();
