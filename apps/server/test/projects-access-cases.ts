import { budgetPools, projectReviews, projects } from "@dxcenter/db";
import { EXPERT_SCORE_SHEET, type ProjectStatus } from "@dxcenter/domain";
import { eq } from "drizzle-orm";
import { shanghaiToday } from "../src/modules/policies/policy.repository";
import type { AccessCase as Case, MatrixEnv, Who } from "./access-case";
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

  const bureauRead = {
    anonymous: 401,
    city_admin: 200,
    district_admin: 200,
    other_district_admin: 200,
    default: 403,
  };
  // Readers of a project: its bureau, its enterprise, its assigned expert; another district cannot see it (404);
  // roles that never see projects are refused (403).
  const act = (ok: number, who: Who[]) => ({
    anonymous: 401,
    other_district_admin: 404,
    ...Object.fromEntries(who.map((w) => [w, ok])),
    default: 403,
  });
  const readers = act(200, ["city_admin", "district_admin", "enterprise", "expert"]);

  return [
    {
      method: "GET",
      route: "/api/projects",
      url: () => "/api/projects",
      expect: { anonymous: 401, provider: 403, department: 403, default: 200 },
    },
    {
      method: "GET",
      route: "/api/projects/export",
      url: () => "/api/projects/export",
      expect: { anonymous: 401, provider: 403, department: 403, default: 200 },
    },
    {
      method: "GET",
      route: "/api/projects/pipeline",
      url: () => "/api/projects/pipeline",
      expect: bureauRead,
    },
    {
      method: "GET",
      route: "/api/projects/reviewers",
      url: () => "/api/projects/reviewers",
      expect: { anonymous: 401, city_admin: 200, default: 403 },
    },
    {
      method: "GET",
      route: "/api/projects/departments",
      url: () => "/api/projects/departments",
      expect: bureauRead,
    },
    {
      method: "POST",
      route: "/api/projects",
      url: () => "/api/projects",
      body: () => ({ ...application(), enterpriseId: env.entId() }),
      expect: act(201, ["city_admin", "district_admin", "enterprise"]),
    },
    {
      method: "GET",
      route: "/api/projects/:id",
      url: () => `/api/projects/${sharedId}`,
      body: async () => {
        await ensureReady();
        return undefined;
      },
      expect: readers,
    },
    {
      method: "PUT",
      route: "/api/projects/:id",
      url: () => `/api/projects/${current.id}`,
      body: async () => {
        await ensureReady();
        const p = await fresh("draft");
        return { ...application(), version: p.version };
      },
      expect: act(200, ["city_admin", "district_admin", "enterprise"]),
    },
    {
      method: "POST",
      route: "/api/projects/:id/submit",
      url: () => `/api/projects/${current.id}/submit`,
      body: async () => {
        await ensureReady();
        return { version: (await fresh("draft")).version };
      },
      expect: act(200, ["city_admin", "district_admin", "enterprise"]),
    },
    {
      method: "POST",
      route: "/api/projects/:id/district-review",
      url: () => `/api/projects/${current.id}/district-review`,
      body: async () => {
        await ensureReady();
        return { version: (await fresh("district_review")).version, decision: "approve", opinion: "同意" };
      },
      expect: act(200, ["city_admin", "district_admin"]),
    },
    {
      method: "PUT",
      route: "/api/projects/:id/reviewers",
      url: () => `/api/projects/${current.id}/reviewers`,
      body: async () => {
        await ensureReady();
        return { version: (await fresh("expert_review")).version, reviewerIds: [env.sessions.expert.userId] };
      },
      expect: act(200, ["city_admin"]),
    },
    {
      method: "POST",
      route: "/api/projects/:id/score",
      url: () => `/api/projects/${current.id}/score`,
      body: async () => {
        await ensureReady();
        await fresh("expert_review");
        return { scores: fullSheet(), opinion: "同意" };
      },
      expect: act(200, ["expert"]),
    },
    {
      method: "GET",
      route: "/api/projects/:id/subsidy-preview",
      url: () => `/api/projects/${sharedId}/subsidy-preview`,
      body: async () => {
        await ensureReady();
        return undefined;
      },
      expect: readers,
    },
    {
      method: "POST",
      route: "/api/projects/:id/decision",
      url: () => `/api/projects/${current.id}/decision`,
      body: async () => {
        await ensureReady();
        return {
          version: (await fresh("expert_review", true)).version,
          decision: "approve",
          opinion: "同意立项",
        };
      },
      expect: act(200, ["city_admin"]),
    },
    {
      method: "POST",
      route: "/api/projects/:id/reports",
      url: () => `/api/projects/${current.id}/reports`,
      body: async () => {
        await ensureReady();
        await fresh("approved");
        return { kind: "start", reportDate: today };
      },
      expect: act(200, ["city_admin", "district_admin", "enterprise"]),
    },
    {
      method: "POST",
      route: "/api/projects/:id/accept",
      url: () => `/api/projects/${current.id}/accept`,
      body: async () => {
        await ensureReady();
        return { version: (await fresh("acceptance")).version, opinion: "验收通过" };
      },
      expect: act(200, ["city_admin", "district_admin"]),
    },
    {
      method: "POST",
      route: "/api/projects/:id/rectify",
      url: () => `/api/projects/${current.id}/rectify`,
      body: async () => {
        await ensureReady();
        return {
          version: (await fresh("acceptance")).version,
          reason: "消防验收资料不全，请补充后重新报告竣工",
        };
      },
      expect: act(200, ["city_admin", "district_admin"]),
    },
    {
      method: "POST",
      route: "/api/projects/:id/pay",
      url: () => `/api/projects/${current.id}/pay`,
      body: async () => {
        await fundedAndStarted();
        return { tranche: 1, idempotencyKey: `matrix-pay-${current.id}` };
      },
      expect: act(200, ["city_admin"]),
    },
    {
      method: "POST",
      route: "/api/projects/:id/attachments",
      url: () => `/api/projects/${sharedId}/attachments`,
      body: async () => {
        await ensureReady();
        return { not: "multipart" };
      },
      // Allowed roles reach validation (400: not a multipart upload).
      expect: act(400, ["city_admin", "district_admin", "enterprise"]),
    },
    {
      method: "GET",
      route: "/api/projects/:id/attachments/:attachmentId",
      url: () => `/api/projects/${sharedId}/attachments/${attachmentId}`,
      body: async () => {
        await ensureReady();
        return undefined;
      },
      expect: readers,
    },
    {
      method: "DELETE",
      route: "/api/projects/:id/attachments/:attachmentId",
      url: () => `/api/projects/${current.id}/attachments/00000000-0000-4000-8000-000000000000`,
      body: async () => {
        await ensureReady();
        await fresh("draft");
        return undefined;
      },
      // Allowed roles reach the lookup of a file that does not exist (404).
      expect: act(404, ["city_admin", "district_admin", "enterprise"]),
    },
    {
      method: "POST",
      route: "/api/projects/:id/tasks",
      url: () => `/api/projects/${sharedId}/tasks`,
      body: async () => {
        await ensureReady();
        return {
          departmentUserId: env.sessions.department.userId,
          kind: "land",
          title: "用地协调",
          deadline: plusDays(5),
        };
      },
      expect: act(201, ["city_admin", "district_admin"]),
    },
    {
      method: "GET",
      route: "/api/coordination-tasks",
      url: () => "/api/coordination-tasks",
      expect: { ...bureauRead, department: 200 },
    },
    {
      method: "PATCH",
      route: "/api/coordination-tasks/:id",
      url: () => `/api/coordination-tasks/${taskId}`,
      body: async () => {
        await freshTask();
        return { version: taskVersion, status: "in_progress", response: "正在办理" };
      },
      // Outside the caller's task scope: 404 (other district); roles without tasks: 403.
      expect: {
        anonymous: 401,
        city_admin: 200,
        district_admin: 200,
        department: 200,
        other_district_admin: 404,
        default: 403,
      },
    },
  ];
}
