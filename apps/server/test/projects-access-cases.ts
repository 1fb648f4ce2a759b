import { budgetPools, projectReviews, projects } from "@dxcenter/db";
import { EXPERT_SCORE_SHEET, type ProjectStatus } from "@dxcenter/domain";
import { eq } from "drizzle-orm";
import { shanghaiToday } from "../src/modules/policies/policy.repository";
import { afterFixture, type AccessCase as Case, listAndExport, type MatrixEnv, row } from "./access-case";
import { allow, allowInScope, BUREAUS, cityOnly, ENTERPRISE_SCOPE, HOME_BUREAUS } from "./access-expect";
import { multipart } from "./xlsx-fixtures";

/**
 * Access-matrix rows of the project library (技改项目库) and coordination tasks, with their fixtures:
 * each state-changing row gets a fresh project of the matrix enterprise in the state it needs, with
 * the matrix expert assigned as a reviewer (so the expert reads it and is refused the bureau's steps).
 */

const today = shanghaiToday();
const plusDays = (n: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const application = () => ({
  name: "矩阵技改项目",
  type: "tech_upgrade",
  totalInvestmentWan: "1500",
  equipmentInvestmentWan: "800",
  softwareInvestmentWan: "200",
  plannedStartDate: plusDays(30),
  plannedFinishDate: plusDays(400),
});
const fullSheet = () => Object.fromEntries(EXPERT_SCORE_SHEET.map((i) => [i.id, i.max]));

export function projectCases(env: MatrixEnv): Case[] {
  const db = () => env.ctx().handle.db;
  let ready = false;
  let sharedId = "";
  let attachmentId = "";
  let current = { id: "", version: 0 };
  let taskId = "";
  let taskVersion = 0;
  let seq = 0;

  async function asCity(method: "GET" | "POST" | "PUT", url: string, payload?: object) {
    const r = await env.ctx().app.inject({
      method,
      url,
      headers: { cookie: env.sessions.city_admin.cookie },
      ...(payload ? { payload } : {}),
    });
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json() as { id: string; version: number };
  }

  async function ensureReady() {
    if (ready) return;
    const year = Number(today.slice(0, 4));
    await db()
      .insert(budgetPools)
      .values([
        {
          code: "tj-city-mfg-hq-fund",
          name: "矩阵市级技改资金",
          payer: "city",
          year,
          totalFen: 10_000_000_000_000,
        },
        {
          code: "tj-city-mfg-hq-fund",
          name: "矩阵区级技改资金",
          payer: "district",
          districtCode: "120116",
          year,
          totalFen: 10_000_000_000_000,
        },
      ]);
    sharedId = (await fresh("expert_review")).id;
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(16),
    ]);
    const body = multipart({ filename: "现场照片.png", content: png, contentType: "image/png" });
    const r = await env.ctx().app.inject({
      method: "POST",
      url: `/api/projects/${sharedId}/attachments`,
      headers: { ...body.headers, cookie: env.sessions.enterprise.cookie },
      payload: body.payload,
    });
    attachmentId = (r.json() as { id: string }).id;
    ready = true;
  }

  /** A project of the matrix enterprise in `status`, the matrix expert assigned (scored when `scored`). */
  async function fresh(status: ProjectStatus, scored = false) {
    const p = await asCity("POST", "/api/projects", {
      ...application(),
      name: `矩阵技改项目${++seq}`,
      enterpriseId: env.entId(),
    });
    await db()
      .insert(projectReviews)
      .values({
        projectId: p.id,
        stage: "expert",
        reviewerId: env.sessions.expert.userId,
        ...(scored ? { scores: fullSheet(), total: 100, opinion: "同意", submittedAt: new Date() } : {}),
      });
    await db()
      .update(projects)
      .set({
        status,
        ...(status === "in_construction" || status === "acceptance"
          ? { startedOn: today, lastReportOn: today }
          : {}),
      })
      .where(eq(projects.id, p.id));
    const [row] = await db()
      .select({ version: projects.version })
      .from(projects)
      .where(eq(projects.id, p.id));
    current = { id: p.id, version: row!.version };
    return current;
  }

  /** Approved through the real decision (award + reserved budget), 开工 reported: tranche 1 is due. */
  async function fundedAndStarted() {
    await ensureReady();
    const p = await fresh("expert_review", true);
    const d = await asCity("POST", `/api/projects/${p.id}/decision`, {
      version: p.version,
      decision: "approve",
      opinion: "同意",
    });
    await asCity("POST", `/api/projects/${p.id}/reports`, { kind: "start", reportDate: today });
    current = { id: d.id, version: d.version + 1 };
  }

  async function freshTask() {
    await ensureReady();
    const r = await env.ctx().app.inject({
      method: "POST",
      url: `/api/projects/${sharedId}/tasks`,
      headers: { cookie: env.sessions.city_admin.cookie },
      payload: {
        departmentUserId: env.sessions.department.userId,
        kind: "energy",
        title: "用能指标协调",
        deadline: plusDays(10),
      },
    });
    const t = r.json() as { id: string; version: number };
    taskId = t.id;
    taskVersion = t.version;
  }

  const bureauRead = allow(200, BUREAUS);
  // Readers of a project: its bureau, its enterprise, its assigned expert; another district cannot see it (404);
  // roles that never see projects are refused (403).
  const readers = allowInScope(200, [...ENTERPRISE_SCOPE, "expert"]);
  const whenReady = afterFixture(ensureReady);
  /** A row's body: a fresh project in `status`, then the payload (given the project's version). */
  const onFresh = (status: ProjectStatus, payload: (version: number) => unknown) => async () => {
    await ensureReady();
    return payload((await fresh(status)).version);
  };

  return [
    ...listAndExport("/api/projects", { anonymous: 401, provider: 403, department: 403, default: 200 }),
    row("GET", "/api/projects/pipeline", bureauRead),
    row("GET", "/api/projects/reviewers", cityOnly()),
    row("GET", "/api/projects/departments", bureauRead),
    row("POST", "/api/projects", allowInScope(201, ENTERPRISE_SCOPE), {
      body: () => ({ ...application(), enterpriseId: env.entId() }),
    }),
    row("GET", "/api/projects/:id", readers, { url: () => `/api/projects/${sharedId}`, body: whenReady }),
    row("PUT", "/api/projects/:id", allowInScope(200, ENTERPRISE_SCOPE), {
      url: () => `/api/projects/${current.id}`,
      body: onFresh("draft", (version) => ({ ...application(), version })),
    }),
    row("POST", "/api/projects/:id/submit", allowInScope(200, ENTERPRISE_SCOPE), {
      url: () => `/api/projects/${current.id}/submit`,
      body: onFresh("draft", (version) => ({ version })),
    }),
    row("POST", "/api/projects/:id/district-review", allowInScope(200, HOME_BUREAUS), {
      url: () => `/api/projects/${current.id}/district-review`,
      body: onFresh("district_review", (version) => ({ version, decision: "approve", opinion: "同意" })),
    }),
    row("PUT", "/api/projects/:id/reviewers", allowInScope(200, ["city_admin"]), {
      url: () => `/api/projects/${current.id}/reviewers`,
      body: onFresh("expert_review", (version) => ({ version, reviewerIds: [env.sessions.expert.userId] })),
    }),
    row("POST", "/api/projects/:id/score", allowInScope(200, ["expert"]), {
      url: () => `/api/projects/${current.id}/score`,
      body: onFresh("expert_review", () => ({ scores: fullSheet(), opinion: "同意" })),
    }),
    row("GET", "/api/projects/:id/subsidy-preview", readers, {
      url: () => `/api/projects/${sharedId}/subsidy-preview`,
      body: whenReady,
    }),
    row("POST", "/api/projects/:id/decision", allowInScope(200, ["city_admin"]), {
      url: () => `/api/projects/${current.id}/decision`,
      // The matrix expert has scored this one.
      body: async () => {
        await ensureReady();
        const { version } = await fresh("expert_review", true);
        return { version, decision: "approve", opinion: "同意立项" };
      },
    }),
    row("POST", "/api/projects/:id/reports", allowInScope(200, ENTERPRISE_SCOPE), {
      url: () => `/api/projects/${current.id}/reports`,
      body: onFresh("approved", () => ({ kind: "start", reportDate: today })),
    }),
    row("POST", "/api/projects/:id/accept", allowInScope(200, HOME_BUREAUS), {
      url: () => `/api/projects/${current.id}/accept`,
      body: onFresh("acceptance", (version) => ({ version, opinion: "验收通过" })),
    }),
    row("POST", "/api/projects/:id/rectify", allowInScope(200, HOME_BUREAUS), {
      url: () => `/api/projects/${current.id}/rectify`,
      body: onFresh("acceptance", (version) => ({
        version,
        reason: "消防验收资料不全，请补充后重新报告竣工",
      })),
    }),
    row("POST", "/api/projects/:id/pay", allowInScope(200, ["city_admin"]), {
      url: () => `/api/projects/${current.id}/pay`,
      body: afterFixture(fundedAndStarted, () => ({
        tranche: 1,
        idempotencyKey: `matrix-pay-${current.id}`,
      })),
    }),
    // Allowed roles reach validation (400: not a multipart upload).
    row("POST", "/api/projects/:id/attachments", allowInScope(400, ENTERPRISE_SCOPE), {
      url: () => `/api/projects/${sharedId}/attachments`,
      body: afterFixture(ensureReady, () => ({ not: "multipart" })),
    }),
    row("GET", "/api/projects/:id/attachments/:attachmentId", readers, {
      url: () => `/api/projects/${sharedId}/attachments/${attachmentId}`,
      body: whenReady,
    }),
    // Allowed roles reach the lookup of a file that does not exist (404).
    row("DELETE", "/api/projects/:id/attachments/:attachmentId", allowInScope(404, ENTERPRISE_SCOPE), {
      url: () => `/api/projects/${current.id}/attachments/00000000-0000-4000-8000-000000000000`,
      body: onFresh("draft", () => undefined),
    }),
    row("POST", "/api/projects/:id/tasks", allowInScope(201, HOME_BUREAUS), {
      url: () => `/api/projects/${sharedId}/tasks`,
      body: afterFixture(ensureReady, () => ({
        departmentUserId: env.sessions.department.userId,
        kind: "land",
        title: "用地协调",
        deadline: plusDays(5),
      })),
    }),
    row("GET", "/api/coordination-tasks", allow(200, [...BUREAUS, "department"])),
    // Outside the caller's task scope: 404 (other district); roles without tasks: 403.
    row("PATCH", "/api/coordination-tasks/:id", allowInScope(200, [...HOME_BUREAUS, "department"]), {
      url: () => `/api/coordination-tasks/${taskId}`,
      body: afterFixture(freshTask, () => ({
        version: taskVersion,
        status: "in_progress",
        response: "正在办理",
      })),
    }),
  ];
}
