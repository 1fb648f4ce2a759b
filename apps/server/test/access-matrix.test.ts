import { diagnoses } from "@dxcenter/db";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIIT, zeroAnswers } from "../../../packages/domain/src/assessment/test-support";
import { type AccessCase as Case, WHO, type Who } from "./access-case";
import { briefingCases } from "./briefings-access-cases";
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
const bureauOnly = {
  anonymous: 401,
  ...{ city_admin: 200, district_admin: 200, other_district_admin: 200 },
  default: 403,
};

async function currentVersion(url: string, pick: (body: never) => number) {
  const r = await ctx.app.inject({ method: "GET", url, headers: { cookie: sessions.city_admin.cookie } });
  return pick(r.json() as never);
}

const bureau = { city_admin: 200, district_admin: 200, other_district_admin: 200 };
const CASES: Case[] = [
  {
    method: "GET",
    route: "/api/diagnoses/",
    url: () => "/api/diagnoses",
    // Providers and experts list their own assignments (possibly none); departments have no diagnoses.
    expect: { anonymous: 401, department: 403, default: 200 },
  },
  {
    method: "GET",
    route: "/api/diagnoses/export",
    url: () => "/api/diagnoses/export",
    expect: { anonymous: 401, department: 403, default: 200 },
  },
  {
    method: "POST",
    route: "/api/diagnoses/",
    url: () => "/api/diagnoses",
    body: async () => {
      await closeOpenDiagnoses();
      return { enterpriseId: entId };
    },
    // Out-of-scope callers cannot see the enterprise: 404.
    expect: { anonymous: 401, city_admin: 201, district_admin: 201, enterprise: 201, default: 404 },
  },
  {
    method: "GET",
    route: "/api/diagnoses/assignees",
    url: () => "/api/diagnoses/assignees",
    expect: bureauOnly,
  },
  {
    method: "GET",
    route: "/api/diagnoses/plans",
    url: () => "/api/diagnoses/plans",
    expect: bureauOnly,
  },
  {
    method: "GET",
    route: "/api/diagnoses/plans/export",
    url: () => "/api/diagnoses/plans/export",
    expect: bureauOnly,
  },
  {
    method: "POST",
    route: "/api/diagnoses/plans",
    url: () => "/api/diagnoses/plans",
    body: () => ({
      districtCode: BINHAI,
      name: "矩阵新建计划",
      startDate: "2026-01-01",
      endDate: "2026-12-31",
    }),
    // 和平区 staff always plan for their own district (the districtCode is ignored).
    expect: { anonymous: 401, city_admin: 201, district_admin: 201, other_district_admin: 201, default: 403 },
  },
  {
    method: "PATCH",
    route: "/api/diagnoses/plans/:id",
    url: () => `/api/diagnoses/plans/${planId}`,
    body: async () => {
      await ensurePlan();
      const list = await asCity("GET", "/api/diagnoses/plans?pageSize=200");
      planVersion = (list as unknown as { items: { id: string; version: number }[] }).items.find(
        (p) => p.id === planId,
      )!.version;
      return { note: "矩阵修改", version: planVersion };
    },
    expect: { anonymous: 401, city_admin: 200, district_admin: 200, other_district_admin: 404, default: 403 },
  },
  {
    method: "GET",
    route: "/api/diagnoses/:id",
    url: () => `/api/diagnoses/${diagnosisId}`,
    body: async () => {
      await freshDiagnosis("scheduled");
      return undefined;
    },
    // The provider is on the team; the expert is not.
    expect: {
      anonymous: 401,
      city_admin: 200,
      district_admin: 200,
      enterprise: 200,
      provider: 200,
      default: 404,
    },
  },
  {
    method: "POST",
    route: "/api/diagnoses/:id/schedule",
    url: () => `/api/diagnoses/${diagnosisId}/schedule`,
    body: async () => {
      await freshDiagnosis("requested");
      return { planId: await ensurePlan(), visitDate: "2030-07-01", version: diagnosisVersion };
    },
    // Seen but not the bureau: 403; not seen at all (no team yet, other district): 404.
    expect: {
      anonymous: 401,
      city_admin: 200,
      district_admin: 200,
      enterprise: 403,
      default: 404,
    },
  },
  {
    method: "PUT",
    route: "/api/diagnoses/:id/team",
    url: () => `/api/diagnoses/${diagnosisId}/team`,
    body: async () => {
      await freshDiagnosis("scheduled");
      return { members: [{ userId: sessions.provider.userId, lead: true }], version: diagnosisVersion };
    },
    expect: {
      anonymous: 401,
      city_admin: 200,
      district_admin: 200,
      enterprise: 403,
      provider: 403,
      default: 404,
    },
  },
  {
    method: "POST",
    route: "/api/diagnoses/:id/start",
    url: () => `/api/diagnoses/${diagnosisId}/start`,
    body: async () => {
      await freshDiagnosis("scheduled");
      return { version: diagnosisVersion };
    },
    expect: {
      anonymous: 401,
      city_admin: 200,
      district_admin: 200,
      enterprise: 403,
      provider: 200,
      default: 404,
    },
  },
  {
    method: "POST",
    route: "/api/diagnoses/:id/close",
    url: () => `/api/diagnoses/${diagnosisId}/close`,
    body: async () => {
      await freshDiagnosis("verified");
      return { conclusion: "矩阵测试的诊断意见，建议实施生产执行系统。", version: diagnosisVersion };
    },
    expect: {
      anonymous: 401,
      city_admin: 200,
      district_admin: 200,
      enterprise: 403,
      provider: 200,
      default: 404,
    },
  },
  {
    method: "POST",
    route: "/api/diagnoses/:id/cancel",
    url: () => `/api/diagnoses/${diagnosisId}/cancel`,
    body: async () => {
      await freshDiagnosis("requested");
      return { reason: "矩阵测试取消", version: diagnosisVersion };
    },
    // The enterprise may withdraw its own unplanned request; nobody outside the bureau sees it before a team is assigned.
    expect: {
      anonymous: 401,
      city_admin: 200,
      district_admin: 200,
      enterprise: 200,
      default: 404,
    },
  },
  { method: "GET", route: "/api/health", url: () => "/api/health", expect: { default: 200 } },
  { method: "GET", route: "/api/reference", url: () => "/api/reference", expect: { default: 200 } },
  { method: "GET", route: "/api/instruments/", url: () => "/api/instruments", expect: { default: 200 } },
  {
    method: "GET",
    route: "/api/assessments/",
    url: () => "/api/assessments",
    expect: { anonymous: 401, ...bureau, enterprise: 200, default: 403 },
  },
  {
    method: "GET",
    route: "/api/assessments/export",
    url: () => "/api/assessments/export",
    expect: { anonymous: 401, ...bureau, enterprise: 200, default: 403 },
  },
  {
    method: "POST",
    route: "/api/assessments/",
    url: () => "/api/assessments",
    body: () => ({ instrumentId: "miit-2024-manufacturing", enterpriseId: entId }),
    // 和平区 staff cannot see the 滨海新区 enterprise: 404, as for every out-of-scope record.
    expect: { anonymous: 401, city_admin: 201, district_admin: 201, enterprise: 201, default: 404 },
  },
  {
    method: "GET",
    route: "/api/assessments/:id",
    url: () => `/api/assessments/${assessmentId}`,
    expect: { anonymous: 401, city_admin: 200, district_admin: 200, enterprise: 200, default: 404 },
  },
  {
    method: "PUT",
    route: "/api/assessments/:id/answers",
    url: () => `/api/assessments/${assessmentId}/answers`,
    body: async () => ({ answers: {}, version: await assessmentVersion() }),
    expect: { anonymous: 401, city_admin: 200, district_admin: 200, enterprise: 200, default: 404 },
  },
  {
    method: "POST",
    route: "/api/assessments/:id/evidence",
    url: () => `/api/assessments/${assessmentId}/evidence?questionId=F1`,
    body: () => ({ not: "multipart" }),
    // Allowed roles reach validation (400: not a multipart upload).
    expect: { anonymous: 401, city_admin: 400, district_admin: 400, enterprise: 400, default: 404 },
  },
  {
    method: "GET",
    route: "/api/assessments/:id/evidence/:evidenceId",
    url: () => `/api/assessments/${assessmentId}/evidence/${evidenceId}`,
    expect: { anonymous: 401, city_admin: 200, district_admin: 200, enterprise: 200, default: 404 },
  },
  {
    method: "DELETE",
    route: "/api/assessments/:id/evidence/:evidenceId",
    url: () => `/api/assessments/${assessmentId}/evidence/00000000-0000-4000-8000-000000000000`,
    // Allowed roles reach the lookup of a file that does not exist (404 too); others are refused earlier.
    expect: { anonymous: 401, default: 404 },
  },
  {
    method: "POST",
    route: "/api/assessments/:id/submit",
    url: () => `/api/assessments/${assessmentId}/submit`,
    body: async () => ({ commitment: true, version: await assessmentVersion() }),
    // Allowed roles reach the completeness check (400 INCOMPLETE: the draft is empty).
    expect: { anonymous: 401, city_admin: 400, district_admin: 400, enterprise: 400, default: 404 },
  },
  {
    method: "GET",
    route: "/api/assessments/:id/report",
    url: () => `/api/assessments/${assessmentId}/report`,
    // Readers of the assessment reach the status check (409: a draft has no report); others 404.
    expect: { anonymous: 401, city_admin: 409, district_admin: 409, enterprise: 409, default: 404 },
  },
  {
    method: "GET",
    route: "/api/assessments/:id/report.pdf",
    url: () => `/api/assessments/${assessmentId}/report.pdf`,
    expect: { anonymous: 401, city_admin: 409, district_admin: 409, enterprise: 409, default: 404 },
  },
  {
    method: "POST",
    route: "/api/reports/batch",
    url: () => "/api/reports/batch",
    body: () => ({ instrumentId: "no-such-instrument" }),
    // Bureau staff reach validation (400: unknown instrument; no job is started); other roles 403.
    expect: { anonymous: 401, city_admin: 400, district_admin: 400, other_district_admin: 400, default: 403 },
  },
  {
    method: "GET",
    route: "/api/reports/batch/:id",
    url: () => "/api/reports/batch/00000000-0000-4000-8000-000000000000",
    expect: { anonymous: 401, city_admin: 404, district_admin: 404, other_district_admin: 404, default: 403 },
  },
  {
    method: "GET",
    route: "/api/reports/batch/:id/download",
    url: () => "/api/reports/batch/00000000-0000-4000-8000-000000000000/download",
    expect: { anonymous: 401, city_admin: 404, district_admin: 404, other_district_admin: 404, default: 403 },
  },
  {
    method: "GET",
    route: "/api/impact/enterprises/:id",
    url: () => `/api/impact/enterprises/${entId}`,
    // Roles without any enterprise scope are refused (403); out-of-scope staff get 404.
    expect: {
      anonymous: 401,
      city_admin: 200,
      district_admin: 200,
      other_district_admin: 404,
      enterprise: 200,
      default: 403,
    },
  },
  {
    method: "GET",
    route: "/api/impact/cohorts",
    url: () => "/api/impact/cohorts",
    expect: { anonymous: 401, ...bureau, default: 403 },
  },
  {
    method: "GET",
    route: "/api/impact/cohorts/export",
    url: () => "/api/impact/cohorts/export",
    expect: { anonymous: 401, ...bureau, default: 403 },
  },
  {
    method: "GET",
    route: "/api/impact/coverage",
    url: () => "/api/impact/coverage",
    expect: { anonymous: 401, ...bureau, default: 403 },
  },
  {
    method: "GET",
    route: "/api/impact/coverage/export",
    url: () => "/api/impact/coverage/export",
    expect: { anonymous: 401, ...bureau, default: 403 },
  },
  {
    method: "GET",
    route: "/api/cockpit/map",
    url: () => "/api/cockpit/map",
    expect: { anonymous: 401, ...bureau, department: 200, default: 403 },
  },
  {
    method: "GET",
    route: "/api/instruments/:id",
    url: () => "/api/instruments/miit-2024-manufacturing",
    expect: { default: 200 },
  },
  {
    method: "GET",
    route: "/api/auth/me",
    url: () => "/api/auth/me",
    expect: { anonymous: 401, default: 200 },
  },
  {
    method: "GET",
    route: "/api/enterprises/",
    url: () => "/api/enterprises",
    expect: { anonymous: 401, ...bureau, default: 403 },
  },
  {
    method: "GET",
    route: "/api/enterprises/stats",
    url: () => "/api/enterprises/stats",
    expect: { anonymous: 401, ...bureau, default: 403 },
  },
  {
    method: "GET",
    route: "/api/enterprises/export",
    url: () => "/api/enterprises/export",
    expect: { anonymous: 401, ...bureau, default: 403 },
  },
  {
    method: "GET",
    route: "/api/enterprises/import-template",
    url: () => "/api/enterprises/import-template",
    expect: { anonymous: 401, ...bureau, default: 403 },
  },
  {
    method: "POST",
    route: "/api/enterprises/imports",
    url: () => "/api/enterprises/imports",
    body: () => ({ not: "multipart" }),
    // Allowed roles reach validation (400: not a multipart upload); everyone else is refused first.
    expect: { anonymous: 401, city_admin: 400, district_admin: 400, other_district_admin: 400, default: 403 },
  },
  {
    method: "POST",
    route: "/api/enterprises/",
    url: () => "/api/enterprises",
    body: () => enterpriseInput({ districtCode: BINHAI }),
    expect: { anonymous: 401, city_admin: 201, district_admin: 201, default: 403 },
  },
  {
    method: "GET",
    route: "/api/enterprises/:id",
    url: () => `/api/enterprises/${entId}`,
    // Out of scope reads are 404: the registry does not confirm that a record exists.
    expect: { anonymous: 401, city_admin: 200, district_admin: 200, enterprise: 200, default: 404 },
  },
  {
    method: "PATCH",
    route: "/api/enterprises/:id",
    url: () => `/api/enterprises/${entId}`,
    body: async () => ({
      address: `天津市滨海新区测试路${Math.floor(Math.random() * 1000)}号`,
      version: await currentVersion(`/api/enterprises/${entId}`, (b: { version: number }) => b.version),
    }),
    expect: { anonymous: 401, city_admin: 200, district_admin: 200, enterprise: 200, default: 404 },
  },
  {
    method: "POST",
    route: "/api/enterprises/:id/contact",
    url: () => `/api/enterprises/${entId}/contact`,
    expect: { anonymous: 401, city_admin: 200, district_admin: 200, enterprise: 200, default: 404 },
  },
  {
    method: "GET",
    route: "/api/enterprises/imports/:id",
    url: () => "/api/enterprises/imports/00000000-0000-4000-8000-000000000000",
    expect: { anonymous: 401, city_admin: 404, district_admin: 404, other_district_admin: 404, default: 403 },
  },
  {
    method: "GET",
    route: "/api/enterprises/imports/:id/report",
    url: () => "/api/enterprises/imports/00000000-0000-4000-8000-000000000000/report",
    expect: { anonymous: 401, city_admin: 404, district_admin: 404, other_district_admin: 404, default: 403 },
  },
  {
    method: "GET",
    route: "/api/users/",
    url: () => "/api/users",
    expect: { anonymous: 401, city_admin: 200, default: 403 },
  },
  {
    method: "GET",
    route: "/api/users/export",
    url: () => "/api/users/export?role=expert",
    expect: { anonymous: 401, city_admin: 200, default: 403 },
  },
  {
    method: "POST",
    route: "/api/users/",
    url: () => "/api/users",
    body: () => ({
      username: `m_${Math.random().toString(36).slice(2, 10)}`,
      displayName: "矩阵测试",
      role: "expert",
      password: "Matrix-pass-2026",
    }),
    expect: { anonymous: 401, city_admin: 201, default: 403 },
  },
  {
    method: "PATCH",
    route: "/api/users/:id",
    url: () => `/api/users/${userId}`,
    body: async () => ({
      displayName: "矩阵测试改名",
      version: await currentVersion(
        `/api/users?q=${""}&pageSize=200`,
        (b: { items: { id: string; version: number }[] }) => b.items.find((u) => u.id === userId)!.version,
      ),
    }),
    expect: { anonymous: 401, city_admin: 200, default: 403 },
  },
  {
    method: "POST",
    route: "/api/users/:id/unlock",
    url: () => `/api/users/${userId}/unlock`,
    expect: { anonymous: 401, city_admin: 200, default: 403 },
  },
  {
    method: "GET",
    route: "/api/audit/",
    url: () => "/api/audit",
    expect: { anonymous: 401, city_admin: 200, default: 403 },
  },
  {
    method: "GET",
    route: "/api/audit/export",
    url: () => "/api/audit/export",
    expect: { anonymous: 401, city_admin: 200, default: 403 },
  },
  ...policyCases({ ctx: () => ctx, sessions, entId: () => entId }),
  ...projectCases({ ctx: () => ctx, sessions, entId: () => entId }),
  ...matchingCases({ ctx: () => ctx, sessions, entId: () => entId }),
  ...poolCases({ ctx: () => ctx, sessions, entId: () => entId }),
  ...jobCases({ ctx: () => ctx, sessions, entId: () => entId }),
  ...indicatorCases({ ctx: () => ctx, sessions, entId: () => entId }),
  ...briefingCases({ ctx: () => ctx, sessions, entId: () => entId }),
  ...warningCases({ ctx: () => ctx, sessions, entId: () => entId }),
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
