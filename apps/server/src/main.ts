import { migrateDatabase, openDatabase } from "@dxcenter/db";
import { buildApp } from "./app";
import { loadConfig } from "./config";
import { DataFileError } from "./lib/data-files";
import { syncProgrammes } from "./modules/certifications/programme-loader";
import { syncIndicators } from "./modules/indicators/indicator-loader";
import { SCHEDULER_ACTOR } from "./modules/jobs/housekeeping";
import { DEFAULT_POLICIES_DIR, DEMO_POLICIES_DIR, syncPolicies } from "./modules/policies/policy-loader";
import { evaluateWarnings } from "./modules/warnings/evaluate-warnings";
import { syncWarningRules } from "./modules/warnings/warning-rules";
import { DEMO_USERS, hasCityAdmin, seedDemo } from "./seed/demo";
import { seedDemoAssessments } from "./seed/demo-assessments";
import { seedDemoDiagnoses } from "./seed/demo-diagnoses";
import { seedDemoIndicators } from "./seed/demo-indicators";
import { seedDemoPolicies } from "./seed/demo-policies";
import { seedDemoProjects } from "./seed/demo-projects";
import { seedDemoProviders } from "./seed/demo-providers";
import { seedDemoReports } from "./seed/demo-reports";
import { seedDemoSolutions } from "./seed/demo-solutions";
import { seedDemoTiers } from "./seed/demo-tiers";
import { syncInstruments } from "./seed/instruments";
import { syncReferenceData } from "./seed/reference";

const config = loadConfig();
const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
const t0 = Date.now();
await migrateDatabase(handle);
if (config.mode === "demo") await seedDemo(handle.db, config.demoPassword);
else await syncReferenceData(handle.db);
try {
  await syncInstruments(handle.db, config.instrumentsDir);
  // Policies (政策) are data too; demo mode adds one demo policy whose amounts are set.
  await syncPolicies(handle.db, [
    config.policiesDir ?? DEFAULT_POLICIES_DIR,
    ...(config.mode === "demo" ? [DEMO_POLICIES_DIR] : []),
  ]);
  // The indicator catalogue (监测指标) is data too.
  await syncIndicators(handle.db);
  // The warning rules (预警规则) too.
  await syncWarningRules(handle.db);
  // The 梯度培育 certification programmes (认定项目) too.
  await syncProgrammes(handle.db);
} catch (e) {
  if (!(e instanceof DataFileError)) throw e;
  console.error(`\n启动失败：${e.message}\n`);
  await handle.close();
  process.exit(1);
}
// Demo re-assessments for 成效分析 (needs the instruments loaded above; runs once per database).
if (config.mode === "demo") await seedDemoAssessments(handle.db);
// Demo diagnosis plans and diagnoses in every workflow state (after the self-assessments they start from).
if (config.mode === "demo") await seedDemoDiagnoses(handle.db);
// Demo provider pool (about 40 providers, 83 experts; the demo provider's organisation not yet applied).
if (config.mode === "demo") await seedDemoProviders(handle.db, config.demoPassword);
// Demo solution catalogue, 滨海新区 demands with leads, and two matchmaking events (after the providers).
if (config.mode === "demo") await seedDemoSolutions(handle.db);
// Demo budget pools and 免申即享 awards in several states (through the real services).
if (config.mode === "demo") await seedDemoPolicies(handle.db);
// Demo 技改项目 in every state (after the budget pools), with coordination tasks and tranches paid.
if (config.mode === "demo") await seedDemoProjects(handle.db);
// A year of monthly indicator snapshots for the 驾驶舱 (after every demo table it reads).
if (config.mode === "demo") await seedDemoIndicators(handle.db);
// 指标填报 tasks in every state (approved ones store reported figures with a trend; some overdue).
if (config.mode === "demo") await seedDemoReports(handle.db);
// 梯度培育: certificates recorded and rounds in every state (recognised, in 公示 with an objection, open).
if (config.mode === "demo") await seedDemoTiers(handle.db);
// 预警中心: one evaluation now (the hourly job keeps it current), so the demo's overdue projects and
// diagnoses, pools and slipping indicators show as warnings from the first screen.
if (config.mode === "demo") await evaluateWarnings(handle.db, SCHEDULER_ACTOR);
const app = await buildApp(handle, config, { logger: process.env.DXC_LOG === "1" });
await app.listen({ port: config.port, host: config.host });
// Scheduled jobs (定时任务) tick on every node; the lease in the database runs each due job once.
if (config.scheduler.enabled) app.scheduler.start();

const url = `http://localhost:${config.port}`;
const lines = [
  "",
  "  dxcenter 制造业数字化转型促进中心公共服务平台",
  `  地址      ${url}        API 文档 ${url}/api/docs`,
  `  数据库    ${handle.kind === "pglite" ? `PGlite（内嵌）${handle.location}` : `PostgreSQL ${handle.location}`}`,
  `  模式      ${config.mode === "demo" ? "演示（demo）" : "生产（production）"}   启动用时 ${Date.now() - t0} ms`,
];
if (config.mode === "demo") {
  lines.push("", "  演示账号（仅演示模式可用）：");
  for (const u of DEMO_USERS) lines.push(`    ${u.username.padEnd(16)} ${u.displayName}`);
  lines.push(
    `  密码      ${config.demoPassword}${config.demoPasswordDefaulted ? "   （默认值；可用环境变量 DXC_DEMO_PASSWORD 修改）" : ""}`,
  );
} else if (!(await hasCityAdmin(handle.db))) {
  lines.push(
    "",
    "  尚无市工信局管理员账号。请执行：",
    "    npm run user:create -- --username <用户名> --name <姓名> --role city_admin",
    "  （密码从环境变量 DXC_NEW_PASSWORD 读取，至少10位且含字母和数字）",
  );
}
console.log(`${lines.join("\n")}\n`);

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, async () => {
    await app.close();
    await handle.close();
    process.exit(0);
  });
}
