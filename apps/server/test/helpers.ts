import { randomBytes } from "node:crypto";
import { type DatabaseHandle, migrateDatabase, openDatabase } from "@dxcenter/db";
import { computeUsccCheckChar, type Role } from "@dxcenter/domain";
import { afterAll, beforeAll, inject } from "vitest";
import { buildApp } from "../src/app";
import { type AppConfig, loadConfig } from "../src/config";
import { syncProgrammes } from "../src/modules/certifications/programme-loader";
import { syncIndicators } from "../src/modules/indicators/indicator-loader";
import { syncPolicies } from "../src/modules/policies/policy-loader";
import { createUser } from "../src/modules/users/user.service";
import { syncWarningRules } from "../src/modules/warnings/warning-rules";
import { syncInstruments } from "../src/seed/instruments";
import { syncReferenceData } from "../src/seed/reference";

export const PASSWORD = "Test-password-2026";
export const SYSTEM = { id: null, name: "test", role: "system", ip: null };
export const BINHAI = "120116";
export const HEPING = "120101";

export type TestApp = Awaited<ReturnType<typeof buildApp>>;

export interface TestContext {
  app: TestApp;
  handle: DatabaseHandle;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * A fresh database for this test file (in-memory PGlite, or a PostgreSQL database cloned from the
 * migrated template) and the real Fastify app on top of it.
 */
export async function createTestContext(overrides: Partial<AppConfig> = {}): Promise<TestContext> {
  const config: AppConfig = {
    ...loadConfig({ DXC_MODE: "production" }),
    webDist: "/nonexistent",
    ...overrides,
  };
  let handle: DatabaseHandle;
  let dropDb: (() => Promise<void>) | null = null;
  if (process.env.DXC_TEST_DB === "postgres") {
    const { default: pg } = await import("pg");
    const adminUrl = inject("pgAdminUrl");
    const name = `dxc_t_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject("pgTemplate")}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    handle = await openDatabase({ url: url.toString(), poolSize: 5 });
    dropDb = async () => {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  } else {
    handle = await openDatabase({ dataDir: "memory://" });
    await migrateDatabase(handle);
    await syncReferenceData(handle.db);
    await syncInstruments(handle.db);
    await syncPolicies(handle.db);
    await syncIndicators(handle.db);
    await syncWarningRules(handle.db);
    await syncProgrammes(handle.db);
  }
  const app = await buildApp(handle, config);
  await app.ready();
  return {
    app,
    handle,
    config,
    async close() {
      await app.close();
      await handle.close();
      await dropDb?.();
    },
  };
}

/**
 * This test file's app: a fresh context (see createTestContext) opened before the file's tests and
 * closed after them, and what `cast` makes on it (the callers the file acts as, e.g. `bureaus`). The
 * object is filled in by the time the tests run (read its fields inside hooks and tests only).
 */
export function testFile<T extends object>(
  cast: (ctx: TestContext) => Promise<T>,
  /** The opening hook's time limit in ms (vitest's default when left out). */
  timeout?: number,
): { ctx: TestContext } & T {
  const file = {} as { ctx: TestContext } & T;
  beforeAll(async () => {
    file.ctx = await createTestContext();
    Object.assign(file, await cast(file.ctx));
  }, timeout);
  afterAll(() => file.ctx.close());
  return file;
}

let seq = 0;
/** A valid USCC, unique within the test run; positions 3–8 carry the district code. */
export function makeUscc(district = BINHAI): string {
  seq++;
  const body =
    `91${district}${String(process.pid % 1000).padStart(3, "0")}${String(seq).padStart(6, "0")}`.slice(0, 17);
  return body + computeUsccCheckChar(body);
}

export function enterpriseInput(overrides: Record<string, unknown> = {}) {
  const districtCode = (overrides.districtCode as string | undefined) ?? BINHAI;
  return {
    uscc: makeUscc(districtCode),
    name: `天津测试${++seq}号智能装备有限公司`,
    districtCode,
    industryCode: "C34",
    aboveScale: true,
    size: "medium",
    srdiTier: "none",
    contactName: "张伟",
    contactPhone: "13812345678",
    address: "天津市滨海新区测试路1号",
    tags: ["高新技术企业"],
    annual: [{ year: 2025, revenueFen: 123_456_789_00, employees: 321 }],
    ...overrides,
  };
}

export interface Session {
  cookie: string;
  userId: string;
}

/** Creates a user of the given role (with its binding) and logs in through the API. */
export async function userSession(
  ctx: TestContext,
  role: Role,
  binding: { districtCode?: string; enterpriseId?: string } = {},
): Promise<Session> {
  const username = `${role}_${randomBytes(4).toString("hex")}`;
  const user = await createUser(
    ctx.handle.db,
    {
      username,
      displayName: `测试${role}`,
      role,
      districtCode: binding.districtCode ?? (role === "district_admin" ? BINHAI : null),
      enterpriseId: binding.enterpriseId ?? null,
      organization: null,
      password: PASSWORD,
    },
    SYSTEM,
  );
  return { cookie: await login(ctx, username), userId: user.id };
}

export async function login(ctx: TestContext, username: string, password = PASSWORD): Promise<string> {
  const res = await ctx.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((x) => x.name === "dxc_sid");
  if (!c) throw new Error("no session cookie");
  return `dxc_sid=${c.value}`;
}

/** Creates an enterprise directly as a city admin (through the API, so it is validated and audited). */
export async function createEnterpriseAs(
  ctx: TestContext,
  s: Session,
  overrides: Record<string, unknown> = {},
) {
  const res = await ctx.app.inject({
    method: "POST",
    url: "/api/enterprises",
    headers: { cookie: s.cookie },
    payload: enterpriseInput(overrides),
  });
  if (res.statusCode !== 201) throw new Error(`create enterprise failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; uscc: string; version: number; districtCode: string; name: string };
}

/** The city administrator's session (a `testFile` cast). */
export async function cityAdmin(ctx: TestContext): Promise<{ city: Session }> {
  return { city: await userSession(ctx, "city_admin") };
}

/** The three bureaus' sessions (a `testFile` cast): the city, 滨海新区 (BINHAI) and 和平区 (HEPING). */
export async function bureaus(
  ctx: TestContext,
): Promise<{ city: Session; district: Session; otherDistrict: Session }> {
  return {
    city: await userSession(ctx, "city_admin"),
    district: await userSession(ctx, "district_admin", { districtCode: BINHAI }),
    otherDistrict: await userSession(ctx, "district_admin", { districtCode: HEPING }),
  };
}

/** The bureaus (see `bureaus`) and a department and a provider login: the cast of the monitoring modules. */
export async function bureausAndPartners(ctx: TestContext) {
  return {
    ...(await bureaus(ctx)),
    department: await userSession(ctx, "department"),
    provider: await userSession(ctx, "provider"),
  };
}

/** One request as `s` (null: signed out), with a JSON body when given. */
export function requestAs(
  ctx: TestContext,
  s: Session | null,
  method: "GET" | "POST" | "PUT" | "DELETE",
  url: string,
  payload?: object,
) {
  return ctx.app.inject({
    method,
    url,
    headers: s ? { cookie: s.cookie } : {},
    ...(payload ? { payload } : {}),
  });
}

/** An enterprise created by `city` (see createEnterpriseAs) and an enterprise login bound to it. */
export async function enterpriseWithLogin(
  ctx: TestContext,
  city: Session,
  overrides: Record<string, unknown> = {},
) {
  const enterprise = await createEnterpriseAs(ctx, city, overrides);
  return { ...enterprise, session: await userSession(ctx, "enterprise", { enterpriseId: enterprise.id }) };
}
