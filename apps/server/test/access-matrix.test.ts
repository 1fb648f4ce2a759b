import { diagnoses } from "@dxcenter/db";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIIT, zeroAnswers } from "../../../packages/domain/src/assessment/test-support";
import {
  afterFixture,
  type AccessCase as Case,
  listAndExport,
  type MatrixEnv,
  row,
  WHO,
  type Who,
} from "./access-case";
import { allow, allowInScope, BUREAUS, cityOnly, ENTERPRISE_SCOPE, HOME_BUREAUS } from "./access-expect";
import { briefingCases } from "./briefings-access-cases";
import { certificationCases } from "./certifications-access-cases";
import { enterpriseBenchmarkCases } from "./enterprise-benchmark-access-cases";
import {
  BINHAI,
  createEnterpriseAs,
  createTestContext,
  enterpriseInput,
  HEPING,
  type Session,
  type TestContext,
  userSession,
} from "./helpers";
import { indicatorReportCases } from "./indicator-reports-access-cases";
import { indicatorCases } from "./indicators-access-cases";
import { jobCases } from "./jobs-access-cases";
import { policyCases } from "./policies-access-cases";
import { projectCases } from "./projects-access-cases";
import { poolCases } from "./providers-access-cases";
import { matchingCases } from "./solutions-access-cases";
import { warningCases } from "./warnings-access-cases";
import { multipart } from "./xlsx-fixtures";

/**
 * Every endpoint × every role, in one table. A new endpoint that is not added here fails the
 * "covers every route" test below, so access rules cannot be forgotten.
 */

const NIL = "00000000-0000-4000-8000-000000000000";
let ctx: TestContext;
const sessions = {} as Record<Exclude<Who, "anonymous">, Session>;
let entId = "";
let userId = "";
let assessmentId = "";
let evidenceId = "";
const assessmentVersion = () =>
  currentVersion(`/api/assessments/${assessmentId}`, (b: { version: number }) => b.version);

beforeAll(async () => {
  ctx = await createTestContext();
  sessions.city_admin = await userSession(ctx, "city_admin");
  const ent = await createEnterpriseAs(ctx, sessions.city_admin, { districtCode: BINHAI });
  entId = ent.id;
  sessions.district_admin = await userSession(ctx, "district_admin", { districtCode: BINHAI });
  sessions.other_district_admin = await userSession(ctx, "district_admin", { districtCode: HEPING });
  sessions.enterprise = await userSession(ctx, "enterprise", { enterpriseId: entId });
  sessions.provider = await userSession(ctx, "provider");
  sessions.expert = await userSession(ctx, "expert");
  sessions.department = await userSession(ctx, "department");
  userId = sessions.provider.userId;
  const a = await ctx.app.inject({
    method: "POST",
    url: "/api/assessments",
    headers: { cookie: sessions.enterprise.cookie },
    payload: { instrumentId: "miit-2024-manufacturing" },
  });
  assessmentId = (a.json() as { id: string }).id;
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(16),
  ]);
  const body = multipart({ filename: "证明.png", content: png, contentType: "image/png" });
  const ev = await ctx.app.inject({
    method: "POST",
    url: `/api/assessments/${assessmentId}/evidence?questionId=F1`,
    headers: { ...body.headers, cookie: sessions.enterprise.cookie },
    payload: body.payload,
  });
  evidenceId = (ev.json() as { id: string }).id;
});
afterAll(() => ctx.close());

// --- diagnosis fixtures: each state-changing row gets a fresh diagnosis of entId in the state it needs.
let diagnosisId = "";
let diagnosisVersion = 0;
let planId = "";
let planVersion = 0;
type DiagnosisStage = "requested" | "scheduled" | "in_progress" | "verified";
async function asCity(method: "GET" | "POST" | "PUT", url: string, payload?: object) {
  const r = await ctx.app.inject({
    method,
    url,
    headers: { cookie: sessions.city_admin.cookie },
    ...(payload ? { payload } : {}),
  });
  if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
  return r.json() as { id: string; version: number; onsiteAssessmentId: string | null };
}
async function ensurePlan() {
  if (!planId) {
    const p = await asCity("POST", "/api/diagnoses/plans", {
      districtCode: BINHAI,
      name: "矩阵计划",
      startDate: "2026-01-01",
      endDate: "2030-12-31",
    });
    planId = p.id;
  }
  return planId;
}
async function closeOpenDiagnoses() {
  await ctx.handle.db
    .update(diagnoses)
    .set({ status: "cancelled" })
    .where(
      and(
        eq(diagnoses.enterpriseId, entId),
        inArray(diagnoses.status, ["requested", "scheduled", "in_progress", "verified"]),
      ),
    );
}
/** A diagnosis of entId with the matrix provider on its team, advanced to `stage`. */
async function freshDiagnosis(stage: DiagnosisStage) {
  await closeOpenDiagnoses();
  let d = await asCity("POST", "/api/diagnoses", { enterpriseId: entId });
  if (stage !== "requested") {
    d = await asCity("POST", `/api/diagnoses/${d.id}/schedule`, {
      planId: await ensurePlan(),
      visitDate: "2030-06-01",
      version: d.version,
    });
    d = await asCity("PUT", `/api/diagnoses/${d.id}/team`, {
      members: [{ userId: sessions.provider.userId, lead: true }],
      version: d.version,
    });
  }
  if (stage === "in_progress" || stage === "verified") {
    d = await asCity("POST", `/api/diagnoses/${d.id}/start`, { version: d.version });
  }
  if (stage === "verified") {
    const onsite = d.onsiteAssessmentId!;
    const a = await asCity("GET", `/api/assessments/${onsite}`);
    const saved = await asCity("PUT", `/api/assessments/${onsite}/answers`, {
      answers: zeroAnswers(MIIT),
      version: a.version,
    });
    await asCity("POST", `/api/assessments/${onsite}/submit`, { commitment: true, version: saved.version });
    d = await asCity("GET", `/api/diagnoses/${d.id}`);
  }
  diagnosisId = d.id;
  diagnosisVersion = d.version;
}
async function currentVersion(url: string, pick: (body: never) => number) {
  const r = await ctx.app.inject({ method: "GET", url, headers: { cookie: sessions.city_admin.cookie } });
  return pick(r.json() as never);
}

/** A row's body: a fresh diagnosis of entId in `stage`, then the payload (which may read its version). */
const onDiagnosis = (stage: DiagnosisStage, payload?: () => unknown) =>
  afterFixture(() => freshDiagnosis(stage), payload);
// The bureau and the team's provider act on a diagnosis; its enterprise sees it but may not; others do not find it.
const diagnosisWork = { ...allow(200, [...HOME_BUREAUS, "provider"], 404), enterprise: 403 };
const bureauRead = allow(200, BUREAUS);
const enterpriseReaders = allow(200, ENTERPRISE_SCOPE, 404);
// Providers and experts list their own assignments (possibly none); departments have no diagnoses.
const diagnosisLists = { anonymous: 401, department: 403, default: 200 };
const env: MatrixEnv = { ctx: () => ctx, sessions, entId: () => entId };
const CASES: Case[] = [
  ...listAndExport("/api/diagnoses/", diagnosisLists),
  row("POST", "/api/diagnoses/", allow(201, ENTERPRISE_SCOPE, 404), {
    body: afterFixture(closeOpenDiagnoses, () => ({ enterpriseId: entId })),
  }),
  row("GET", "/api/diagnoses/assignees", bureauRead),
  ...listAndExport("/api/diagnoses/plans", bureauRead),
  // 和平区 staff always plan for their own district (the districtCode is ignored).
  row("POST", "/api/diagnoses/plans", allow(201, BUREAUS), {
    body: () => ({
      districtCode: BINHAI,
      name: "矩阵新建计划",
      startDate: "2026-01-01",
      endDate: "2026-12-31",
    }),
  }),
  row("PATCH", "/api/diagnoses/plans/:id", allowInScope(200, HOME_BUREAUS), {
    url: () => `/api/diagnoses/plans/${planId}`,
    body: async () => {
      await ensurePlan();
      const list = await asCity("GET", "/api/diagnoses/plans?pageSize=200");
      planVersion = (list as unknown as { items: { id: string; version: number }[] }).items.find(
        (p) => p.id === planId,
      )!.version;
      return { note: "矩阵修改", version: planVersion };
    },
  }),
  // The provider is on the team; the expert is not.
  row("GET", "/api/diagnoses/:id", allow(200, [...ENTERPRISE_SCOPE, "provider"], 404), {
    url: () => `/api/diagnoses/${diagnosisId}`,
    body: onDiagnosis("scheduled"),
  }),
  // Seen but not the bureau: 403; not seen at all (no team yet, other district): 404.
  row(
    "POST",
    "/api/diagnoses/:id/schedule",
    { ...allow(200, HOME_BUREAUS, 404), enterprise: 403 },
    {
      url: () => `/api/diagnoses/${diagnosisId}/schedule`,
      body: onDiagnosis("requested", async () => ({
        planId: await ensurePlan(),
        visitDate: "2030-07-01",
        version: diagnosisVersion,
      })),
    },
  ),
  row(
    "PUT",
    "/api/diagnoses/:id/team",
    { ...allow(200, HOME_BUREAUS, 404), enterprise: 403, provider: 403 },
    {
      url: () => `/api/diagnoses/${diagnosisId}/team`,
      body: onDiagnosis("scheduled", () => ({
        members: [{ userId: sessions.provider.userId, lead: true }],
        version: diagnosisVersion,
      })),
    },
  ),
  row("POST", "/api/diagnoses/:id/start", diagnosisWork, {
    url: () => `/api/diagnoses/${diagnosisId}/start`,
    body: onDiagnosis("scheduled", () => ({ version: diagnosisVersion })),
  }),
  row("POST", "/api/diagnoses/:id/close", diagnosisWork, {
    url: () => `/api/diagnoses/${diagnosisId}/close`,
    body: onDiagnosis("verified", () => ({
      conclusion: "矩阵测试的诊断意见，建议实施生产执行系统。",
      version: diagnosisVersion,
    })),
  }),
  // The enterprise may withdraw its own unplanned request; nobody outside the bureau sees it before a team is assigned.
  row("POST", "/api/diagnoses/:id/cancel", allow(200, ENTERPRISE_SCOPE, 404), {
    url: () => `/api/diagnoses/${diagnosisId}/cancel`,
    body: onDiagnosis("requested", () => ({ reason: "矩阵测试取消", version: diagnosisVersion })),
  }),
  row("GET", "/api/health", { default: 200 }),
  row("GET", "/api/reference", { default: 200 }),
  row("GET", "/api/instruments/", { default: 200 }),
  ...listAndExport("/api/assessments/", allow(200, [...BUREAUS, "enterprise"])),
  // 和平区 staff cannot see the 滨海新区 enterprise: 404, as for every out-of-scope record.
  row("POST", "/api/assessments/", allow(201, ENTERPRISE_SCOPE, 404), {
    body: () => ({ instrumentId: "miit-2024-manufacturing", enterpriseId: entId }),
  }),
  row("GET", "/api/assessments/:id", enterpriseReaders, { url: () => `/api/assessments/${assessmentId}` }),
  row("PUT", "/api/assessments/:id/answers", enterpriseReaders, {
    url: () => `/api/assessments/${assessmentId}/answers`,
    body: async () => ({ answers: {}, version: await assessmentVersion() }),
  }),
  // Allowed roles reach validation (400: not a multipart upload).
  row("POST", "/api/assessments/:id/evidence", allow(400, ENTERPRISE_SCOPE, 404), {
    url: () => `/api/assessments/${assessmentId}/evidence?questionId=F1`,
    body: () => ({ not: "multipart" }),
  }),
  row("GET", "/api/assessments/:id/evidence/:evidenceId", enterpriseReaders, {
    url: () => `/api/assessments/${assessmentId}/evidence/${evidenceId}`,
  }),
  // Allowed roles reach the lookup of a file that does not exist (404 too); others are refused earlier.
  row(
    "DELETE",
    "/api/assessments/:id/evidence/:evidenceId",
    { anonymous: 401, default: 404 },
    { url: () => `/api/assessments/${assessmentId}/evidence/${NIL}` },
  ),
  // Allowed roles reach the completeness check (400 INCOMPLETE: the draft is empty).
  row("POST", "/api/assessments/:id/submit", allow(400, ENTERPRISE_SCOPE, 404), {
    url: () => `/api/assessments/${assessmentId}/submit`,
    body: async () => ({ commitment: true, version: await assessmentVersion() }),
  }),
  // Readers of the assessment reach the status check (409: a draft has no report); others 404.
  row("GET", "/api/assessments/:id/report", allow(409, ENTERPRISE_SCOPE, 404), {
    url: () => `/api/assessments/${assessmentId}/report`,
  }),
  row("GET", "/api/assessments/:id/report.pdf", allow(409, ENTERPRISE_SCOPE, 404), {
    url: () => `/api/assessments/${assessmentId}/report.pdf`,
  }),
  // Bureau staff reach validation (400: unknown instrument; no job is started); other roles 403.
  row("POST", "/api/reports/batch", allow(400, BUREAUS), {
    body: () => ({ instrumentId: "no-such-instrument" }),
  }),
  row("GET", "/api/reports/batch/:id", allow(404, BUREAUS), { url: `/api/reports/batch/${NIL}` }),
  row("GET", "/api/reports/batch/:id/download", allow(404, BUREAUS), {
    url: `/api/reports/batch/${NIL}/download`,
  }),
  // Roles without any enterprise scope are refused (403); out-of-scope staff get 404.
  row("GET", "/api/impact/enterprises/:id", allowInScope(200, ENTERPRISE_SCOPE), {
    url: () => `/api/impact/enterprises/${entId}`,
  }),
  ...listAndExport("/api/impact/cohorts", bureauRead),
  ...listAndExport("/api/impact/coverage", bureauRead),
  row("GET", "/api/cockpit/map", allow(200, [...BUREAUS, "department"])),
  row("GET", "/api/instruments/:id", { default: 200 }, { url: "/api/instruments/miit-2024-manufacturing" }),
  row("GET", "/api/auth/me", { anonymous: 401, default: 200 }),
  row("GET", "/api/enterprises/", bureauRead),
  row("GET", "/api/enterprises/stats", bureauRead),
  row("GET", "/api/enterprises/export", bureauRead),
  row("GET", "/api/enterprises/import-template", bureauRead),
  // Allowed roles reach validation (400: not a multipart upload); everyone else is refused first.
  row("POST", "/api/enterprises/imports", allow(400, BUREAUS), { body: () => ({ not: "multipart" }) }),
  row("POST", "/api/enterprises/", allow(201, HOME_BUREAUS), {
    body: () => enterpriseInput({ districtCode: BINHAI }),
  }),
  // Out of scope reads are 404: the registry does not confirm that a record exists.
  row("GET", "/api/enterprises/:id", enterpriseReaders, { url: () => `/api/enterprises/${entId}` }),
  row("PATCH", "/api/enterprises/:id", enterpriseReaders, {
    url: () => `/api/enterprises/${entId}`,
    body: async () => ({
      address: `天津市滨海新区测试路${Math.floor(Math.random() * 1000)}号`,
      version: await currentVersion(`/api/enterprises/${entId}`, (b: { version: number }) => b.version),
    }),
  }),
  row("POST", "/api/enterprises/:id/contact", enterpriseReaders, {
    url: () => `/api/enterprises/${entId}/contact`,
  }),
  row("GET", "/api/enterprises/imports/:id", allow(404, BUREAUS), { url: `/api/enterprises/imports/${NIL}` }),
  row("GET", "/api/enterprises/imports/:id/report", allow(404, BUREAUS), {
    url: `/api/enterprises/imports/${NIL}/report`,
  }),
  row("GET", "/api/users/", cityOnly()),
  row("GET", "/api/users/export", cityOnly(), { url: "/api/users/export?role=expert" }),
  row("POST", "/api/users/", cityOnly(201), {
    body: () => ({
      username: `m_${Math.random().toString(36).slice(2, 10)}`,
      displayName: "矩阵测试",
      role: "expert",
      password: "Matrix-pass-2026",
    }),
  }),
  row("PATCH", "/api/users/:id", cityOnly(), {
    url: () => `/api/users/${userId}`,
    body: async () => ({
      displayName: "矩阵测试改名",
      version: await currentVersion(
        `/api/users?q=${""}&pageSize=200`,
        (b: { items: { id: string; version: number }[] }) => b.items.find((u) => u.id === userId)!.version,
      ),
    }),
  }),
  row("POST", "/api/users/:id/unlock", cityOnly(), { url: () => `/api/users/${userId}/unlock` }),
  ...listAndExport("/api/audit/", cityOnly()),
  ...policyCases(env),
  ...projectCases(env),
  ...matchingCases(env),
  ...poolCases(env),
  ...jobCases(env),
  ...indicatorCases(env),
  ...briefingCases(env),
  ...warningCases(env),
  ...certificationCases(env),
  ...enterpriseBenchmarkCases(env),
  ...indicatorReportCases(env),
];

describe("role × endpoint access matrix", () => {
  for (const c of CASES) {
    for (const who of WHO) {
      const status = c.expect[who] ?? c.expect.default;
      it(`${c.method} ${c.route} as ${who} → ${status}`, async () => {
        const headers: Record<string, string> = who === "anonymous" ? {} : { cookie: sessions[who].cookie };
        const payload = c.body ? await c.body() : undefined;
        const res = await ctx.app.inject({
          method: c.method,
          url: c.url(),
          headers,
          ...(payload !== undefined ? { payload: payload as object } : {}),
        });
        expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
        if (status >= 400) {
          const body = res.json();
          expect(body.code).toBeTypeOf("string");
          expect(body.message).toMatch(/[\u4e00-\u9fa5]/); // a Chinese message
        }
      });
    }
  }

  it("covers every /api route the app registers", async () => {
    const spec = (await ctx.app.inject({ method: "GET", url: "/api/docs/json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const registered = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
    );
    const covered = new Set(CASES.map((c) => `${c.method} ${c.route}`));
    const norm = (s: string) => s.replace(/\/$/, "");
    const missing = registered.filter((r) => ![...covered].some((c) => norm(c) === norm(r)));
    expect(missing, "routes without an access-matrix row").toEqual([
      "POST /api/auth/login",
      "POST /api/auth/logout",
      "POST /api/auth/password",
    ]);
  });
});
