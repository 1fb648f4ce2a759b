import type { TestProject } from "vitest/node";

/**
 * For the PostgreSQL project: migrate once into a template database; every test file then gets a
 * fresh database cloned from it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 * The PGlite project needs nothing here: each file opens its own in-memory PGlite.
 */
export default async function setup(project: TestProject) {
  // `test.env` reaches the test workers, not this process: read it from the project config.
  if (project.config.env?.DXC_TEST_DB !== "postgres") return;
  const { default: pg } = await import("pg");
  const { migrateDatabase, openDatabase } = await import("@dxcenter/db");
  const { syncReferenceData } = await import("../src/seed/reference");
  const { syncInstruments } = await import("../src/seed/instruments");
  const { syncPolicies } = await import("../src/modules/policies/policy-loader");
  const { syncIndicators } = await import("../src/modules/indicators/indicator-loader");
  const { syncWarningRules } = await import("../src/modules/warnings/warning-rules");
  const { syncProgrammes } = await import("../src/modules/certifications/programme-loader");
  const adminUrl = process.env.DXC_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(
      `API 测试（PostgreSQL 层）无法连接 ${adminUrl}：${(e as Error).message}\n` +
        "请启动 PostgreSQL，或用 DXC_TEST_PG_URL 指定地址；确需只跑 PGlite 层时设置 DXC_TEST_PG=off（会明确打印跳过）。",
    );
  }
  const template = `dxc_tpl_${process.pid}_${Date.now()}`;
  await admin.query(`create database ${template}`);
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 1 });
  await migrateDatabase(handle);
  await syncReferenceData(handle.db);
  await syncInstruments(handle.db);
  await syncPolicies(handle.db);
  await syncIndicators(handle.db);
  await syncWarningRules(handle.db);
  await syncProgrammes(handle.db);
  await handle.close();
  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgTemplate", template);
  return async () => {
    await admin.query(`drop database if exists ${template} with (force)`);
    await admin.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}
