import {
  demands,
  eventLeads,
  eventRegistrations,
  matchEvents,
  providerMembers,
  providers,
  solutions,
} from "@dxcenter/db";
import { computeUsccCheckChar } from "@dxcenter/domain";
import { eq } from "drizzle-orm";
import { shanghaiToday } from "../src/modules/policies/policy.repository";
import { afterFixture, type AccessCase as Case, type MatrixEnv, row } from "./access-case";
import { allow, BUREAUS, ENTERPRISE_SCOPE, HOME_BUREAUS } from "./access-expect";
import type { Session } from "./helpers";

/**
 * Access-matrix rows of the solution catalogue, demands/matching and matchmaking events, with the
 * fixtures they need (created lazily, written straight to the database where the workflow is not
 * what the row tests). The matrix provider account is made a member of an admitted organisation.
 */

const BINHAI = "120116";

export function matchingCases(env: MatrixEnv): Case[] {
  let ready = false;
  let ownProvider = "";
  let ownSolution = "";
  let publicSolution = "";
  let demandId = "";
  let freshDemand = "";
  let leadId = "";
  let eventId = "";
  let freshEvent = "";
  let regId = "";
  let eventLeadId = "";
  let n = 0;
  const db = () => env.ctx().handle.db;

  async function newProvider(name: string) {
    n++;
    const body = `91120116${String(process.pid % 1000).padStart(3, "0")}8${String(n).padStart(5, "0")}`.slice(
      0,
      17,
    );
    const [p] = await db()
      .insert(providers)
      .values({
        uscc: body + computeUsccCheckChar(body),
        name,
        status: "admitted",
        categories: ["system_solution"],
        industries: ["C34"],
        serviceDistricts: ["120000"],
      })
      .returning({ id: providers.id });
    return p!.id;
  }
  async function newSolution(providerId: string, name: string) {
    const [s] = await db()
      .insert(solutions)
      .values({
        providerId,
        name,
        kind: "system_solution",
        category: "system_solution",
        sceneIds: ["S08"],
        deployment: "saas",
        status: "published",
        publishedAt: new Date(),
      })
      .returning({ id: solutions.id });
    return s!.id;
  }
  async function as(s: Session, method: "POST" | "GET", url: string, payload?: object) {
    const r = await env
      .ctx()
      .app.inject({ method, url, headers: { cookie: s.cookie }, ...(payload ? { payload } : {}) });
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json() as { id: string; version: number; leads: { id: string; version: number }[] };
  }
  async function newDemand() {
    const d = await as(env.sessions.city_admin, "POST", "/api/demands", {
      enterpriseId: env.entId(),
      title: "矩阵测试需求",
      sceneIds: ["S08"],
      budgetWan: "20",
    });
    return d.id;
  }
  async function newEvent() {
    const e = await as(env.sessions.city_admin, "POST", "/api/events", {
      districtCode: BINHAI,
      name: "矩阵测试对接会",
      // Held today: staff may mark attendance.
      eventDate: shanghaiToday(),
      place: "滨海新区某会场",
      organiser: "滨海新区工信局",
    });
    return e.id;
  }
  async function ensure() {
    if (ready) return;
    const userId = env.sessions.provider.userId;
    const [member] = await db().select().from(providerMembers).where(eq(providerMembers.userId, userId));
    if (member) {
      ownProvider = member.providerId;
      await db().update(providers).set({ status: "admitted" }).where(eq(providers.id, ownProvider));
    } else {
      ownProvider = await newProvider("矩阵服务商（本账号）");
      await db().insert(providerMembers).values({ providerId: ownProvider, userId });
    }
    ownSolution = await newSolution(ownProvider, "矩阵方案（本机构）");
    publicSolution = await newSolution(await newProvider("矩阵服务商（他方）"), "矩阵公开方案");
    demandId = await newDemand();
    eventId = await newEvent();
    ready = true;
  }
  const version = async (
    table: typeof solutions | typeof demands | typeof matchEvents | typeof eventLeads,
    id: string,
  ) => {
    const [r] = await db().select({ v: table.version }).from(table).where(eq(table.id, id));
    return r!.v;
  };

  const bureauRead = allow(200, BUREAUS);
  const whenReady = afterFixture(ensure);
  // Staff handle the event; the enterprise and the provider see it but are refused.
  const eventStaff = { ...allow(200, HOME_BUREAUS, 404), enterprise: 403, provider: 403 };
  return [
    // --- solutions
    row("GET", "/api/solutions/", { default: 200 }),
    row("GET", "/api/solutions/scenes", { default: 200 }),
    // Anyone exports the public catalogue; staff also drafts and withdrawn entries (solutions.test.ts).
    row("GET", "/api/solutions/export", { default: 200 }),
    row("GET", "/api/solutions/mine", allow(200, ["provider"]), { body: whenReady }),
    row("GET", "/api/solutions/mine/export", allow(200, ["provider"])),
    row("POST", "/api/solutions/", allow(201, ["provider"]), {
      body: afterFixture(ensure, () => ({
        name: "矩阵新建方案",
        kind: "sme_package",
        sceneIds: ["S08"],
        deployment: "saas",
      })),
    }),
    row("GET", "/api/solutions/:id", { default: 200 }, { url: () => `/api/solutions/${publicSolution}` }),
    // A published entry is public: others learn it exists but may not change it.
    row("PATCH", "/api/solutions/:id", allow(200, ["provider"]), {
      url: () => `/api/solutions/${ownSolution}`,
      body: async () => {
        await ensure();
        return { summary: `矩阵修改${Math.random()}`, version: await version(solutions, ownSolution) };
      },
    }),
    // --- demands
    row("GET", "/api/demands/", allow(200, [...BUREAUS, "enterprise", "provider"])),
    row("GET", "/api/demands/export", bureauRead),
    row("GET", "/api/demands/funnel", bureauRead),
    // Callers who cannot see the enterprise: 404.
    row("POST", "/api/demands/", allow(201, ENTERPRISE_SCOPE, 404), {
      body: afterFixture(ensure, () => ({
        enterpriseId: env.entId(),
        title: "矩阵发布需求",
        sceneIds: ["S08"],
      })),
    }),
    // The matrix enterprise has a submitted (on-site) MIIT assessment from the diagnosis rows above.
    row("POST", "/api/demands/from-assessment", allow(201, ENTERPRISE_SCOPE, 404), {
      body: () => ({ enterpriseId: env.entId() }),
    }),
    // The provider's solution is in the demand's top matches; the expert and department see none.
    row("GET", "/api/demands/:id", allow(200, [...ENTERPRISE_SCOPE, "provider"], 404), {
      url: () => `/api/demands/${demandId}`,
    }),
    row(
      "PATCH",
      "/api/demands/:id",
      { ...allow(200, ENTERPRISE_SCOPE, 404), provider: 403 },
      {
        url: () => `/api/demands/${demandId}`,
        body: async () => ({
          description: `矩阵修改${Math.random()}`,
          version: await version(demands, demandId),
        }),
      },
    ),
    row(
      "GET",
      "/api/demands/:id/matches",
      { ...allow(200, ENTERPRISE_SCOPE, 404), provider: 403 },
      {
        url: () => `/api/demands/${demandId}/matches`,
      },
    ),
    row(
      "POST",
      "/api/demands/:id/leads",
      { ...allow(201, ENTERPRISE_SCOPE, 404), provider: 403 },
      {
        url: () => `/api/demands/${freshDemand}/leads`,
        body: async () => {
          await ensure();
          freshDemand = await newDemand();
          return { solutionId: ownSolution };
        },
      },
    ),
    // The provider named on the lead may mark it contacted.
    row("POST", "/api/demands/:id/leads/:leadId", allow(200, [...ENTERPRISE_SCOPE, "provider"], 404), {
      url: () => `/api/demands/${freshDemand}/leads/${leadId}`,
      body: async () => {
        await ensure();
        freshDemand = await newDemand();
        const d = await as(env.sessions.city_admin, "POST", `/api/demands/${freshDemand}/leads`, {
          solutionId: ownSolution,
        });
        leadId = d.leads[0]!.id;
        return { status: "contacted", version: d.leads[0]!.version };
      },
    }),
    // --- events
    row("GET", "/api/events/", allow(200, [...BUREAUS, "enterprise", "provider"])),
    row("GET", "/api/events/export", bureauRead),
    // 和平区 staff always organise in their own district (the districtCode is ignored).
    row("POST", "/api/events/", allow(201, BUREAUS), {
      body: () => ({
        districtCode: BINHAI,
        name: "矩阵新建活动",
        eventDate: "2030-04-01",
        place: "某会场",
        organiser: "工信局",
      }),
    }),
    row("GET", "/api/events/:id", allow(200, [...ENTERPRISE_SCOPE, "provider"], 404), {
      url: () => `/api/events/${eventId}`,
      body: whenReady,
    }),
    row("PATCH", "/api/events/:id", eventStaff, {
      url: () => `/api/events/${eventId}`,
      body: async () => ({
        description: `矩阵修改${Math.random()}`,
        version: await version(matchEvents, eventId),
      }),
    }),
    row("POST", "/api/events/:id/registrations", allow(201, [...ENTERPRISE_SCOPE, "provider"], 404), {
      url: () => `/api/events/${freshEvent}/registrations`,
      body: async () => {
        await ensure();
        freshEvent = await newEvent();
        return { enterpriseId: env.entId() };
      },
    }),
    row("PUT", "/api/events/:id/registrations/:subId/attendance", eventStaff, {
      url: () => `/api/events/${eventId}/registrations/${regId}/attendance`,
      body: async () => {
        await ensure();
        if (!regId) {
          const [r] = await db()
            .insert(eventRegistrations)
            .values({ eventId, enterpriseId: env.entId(), registeredBy: env.sessions.city_admin.userId })
            .returning({ id: eventRegistrations.id });
          regId = r!.id;
        }
        return { attended: true };
      },
    }),
    row(
      "POST",
      "/api/events/:id/leads",
      { ...allow(201, HOME_BUREAUS, 404), enterprise: 403, provider: 403 },
      {
        url: () => `/api/events/${eventId}/leads`,
        body: afterFixture(ensure, () => ({
          enterpriseId: env.entId(),
          providerId: ownProvider,
          note: "矩阵线索",
        })),
      },
    ),
    row("PATCH", "/api/events/:id/leads/:subId", eventStaff, {
      url: () => `/api/events/${eventId}/leads/${eventLeadId}`,
      body: async () => {
        await ensure();
        if (!eventLeadId) {
          const [l] = await db()
            .insert(eventLeads)
            .values({
              eventId,
              enterpriseId: env.entId(),
              providerId: ownProvider,
              createdBy: env.sessions.city_admin.userId,
            })
            .returning({ id: eventLeads.id });
          eventLeadId = l!.id;
        }
        return { note: `矩阵跟进${Math.random()}`, version: await version(eventLeads, eventLeadId) };
      },
    }),
    row("GET", "/api/events/:id/report", eventStaff, { url: () => `/api/events/${eventId}/report` }),
  ];
}
