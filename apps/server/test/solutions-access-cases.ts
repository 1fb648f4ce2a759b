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
import type { AccessCase as Case, MatrixEnv } from "./access-case";
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

  const bureau = { city_admin: 200, district_admin: 200, other_district_admin: 200 };
  const owners = { city_admin: 200, district_admin: 200, enterprise: 200 };
  return [
    // --- solutions
    { method: "GET", route: "/api/solutions/", url: () => "/api/solutions", expect: { default: 200 } },
    {
      method: "GET",
      route: "/api/solutions/scenes",
      url: () => "/api/solutions/scenes",
      expect: { default: 200 },
    },
    {
      method: "GET",
      route: "/api/solutions/export",
      url: () => "/api/solutions/export",
      // Anyone exports the public catalogue; staff also drafts and withdrawn entries (solutions.test.ts).
      expect: { default: 200 },
    },
    {
      method: "GET",
      route: "/api/solutions/mine",
      url: () => "/api/solutions/mine",
      body: async () => {
        await ensure();
        return undefined;
      },
      expect: { anonymous: 401, provider: 200, default: 403 },
    },
    {
      method: "GET",
      route: "/api/solutions/mine/export",
      url: () => "/api/solutions/mine/export",
      expect: { anonymous: 401, provider: 200, default: 403 },
    },
    {
      method: "POST",
      route: "/api/solutions/",
      url: () => "/api/solutions",
      body: async () => {
        await ensure();
        return { name: "矩阵新建方案", kind: "sme_package", sceneIds: ["S08"], deployment: "saas" };
      },
      expect: { anonymous: 401, provider: 201, default: 403 },
    },
    {
      method: "GET",
      route: "/api/solutions/:id",
      url: () => `/api/solutions/${publicSolution}`,
      expect: { default: 200 },
    },
    {
      method: "PATCH",
      route: "/api/solutions/:id",
      url: () => `/api/solutions/${ownSolution}`,
      body: async () => {
        await ensure();
        return { summary: `矩阵修改${Math.random()}`, version: await version(solutions, ownSolution) };
      },
      // A published entry is public: others learn it exists but may not change it.
      expect: { anonymous: 401, provider: 200, default: 403 },
    },
    // --- demands
    {
      method: "GET",
      route: "/api/demands/",
      url: () => "/api/demands",
      expect: { anonymous: 401, ...bureau, enterprise: 200, provider: 200, default: 403 },
    },
    {
      method: "GET",
      route: "/api/demands/export",
      url: () => "/api/demands/export",
      expect: { anonymous: 401, ...bureau, default: 403 },
    },
    {
      method: "GET",
      route: "/api/demands/funnel",
      url: () => "/api/demands/funnel",
      expect: { anonymous: 401, ...bureau, default: 403 },
    },
    {
      method: "POST",
      route: "/api/demands/",
      url: () => "/api/demands",
      body: async () => {
        await ensure();
        return { enterpriseId: env.entId(), title: "矩阵发布需求", sceneIds: ["S08"] };
      },
      // Callers who cannot see the enterprise: 404.
      expect: { anonymous: 401, city_admin: 201, district_admin: 201, enterprise: 201, default: 404 },
    },
    {
      method: "POST",
      route: "/api/demands/from-assessment",
      url: () => "/api/demands/from-assessment",
      body: () => ({ enterpriseId: env.entId() }),
      // The matrix enterprise has a submitted (on-site) MIIT assessment from the diagnosis rows above.
      expect: { anonymous: 401, city_admin: 201, district_admin: 201, enterprise: 201, default: 404 },
    },
    {
      method: "GET",
      route: "/api/demands/:id",
      url: () => `/api/demands/${demandId}`,
      // The provider's solution is in the demand's top matches; the expert and department see none.
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
      method: "PATCH",
      route: "/api/demands/:id",
      url: () => `/api/demands/${demandId}`,
      body: async () => ({
        description: `矩阵修改${Math.random()}`,
        version: await version(demands, demandId),
      }),
      expect: { anonymous: 401, ...owners, provider: 403, default: 404 },
    },
    {
      method: "GET",
      route: "/api/demands/:id/matches",
      url: () => `/api/demands/${demandId}/matches`,
      expect: { anonymous: 401, ...owners, provider: 403, default: 404 },
    },
    {
      method: "POST",
      route: "/api/demands/:id/leads",
      url: () => `/api/demands/${freshDemand}/leads`,
      body: async () => {
        await ensure();
        freshDemand = await newDemand();
        return { solutionId: ownSolution };
      },
      expect: {
        anonymous: 401,
        city_admin: 201,
        district_admin: 201,
        enterprise: 201,
        provider: 403,
        default: 404,
      },
    },
    {
      method: "POST",
      route: "/api/demands/:id/leads/:leadId",
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
      // The provider named on the lead may mark it contacted.
      expect: { anonymous: 401, ...owners, provider: 200, default: 404 },
    },
    // --- events
    {
      method: "GET",
      route: "/api/events/",
      url: () => "/api/events",
      expect: { anonymous: 401, ...bureau, enterprise: 200, provider: 200, default: 403 },
    },
    {
      method: "GET",
      route: "/api/events/export",
      url: () => "/api/events/export",
      expect: { anonymous: 401, ...bureau, default: 403 },
    },
    {
      method: "POST",
      route: "/api/events/",
      url: () => "/api/events",
      body: () => ({
        districtCode: BINHAI,
        name: "矩阵新建活动",
        eventDate: "2030-04-01",
        place: "某会场",
        organiser: "工信局",
      }),
      // 和平区 staff always organise in their own district (the districtCode is ignored).
      expect: {
        anonymous: 401,
        city_admin: 201,
        district_admin: 201,
        other_district_admin: 201,
        default: 403,
      },
    },
    {
      method: "GET",
      route: "/api/events/:id",
      url: () => `/api/events/${eventId}`,
      body: async () => {
        await ensure();
        return undefined;
      },
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
      method: "PATCH",
      route: "/api/events/:id",
      url: () => `/api/events/${eventId}`,
      body: async () => ({
        description: `矩阵修改${Math.random()}`,
        version: await version(matchEvents, eventId),
      }),
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
      route: "/api/events/:id/registrations",
      url: () => `/api/events/${freshEvent}/registrations`,
      body: async () => {
        await ensure();
        freshEvent = await newEvent();
        return { enterpriseId: env.entId() };
      },
      expect: {
        anonymous: 401,
        city_admin: 201,
        district_admin: 201,
        enterprise: 201,
        provider: 201,
        default: 404,
      },
    },
    {
      method: "PUT",
      route: "/api/events/:id/registrations/:subId/attendance",
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
      route: "/api/events/:id/leads",
      url: () => `/api/events/${eventId}/leads`,
      body: async () => {
        await ensure();
        return { enterpriseId: env.entId(), providerId: ownProvider, note: "矩阵线索" };
      },
      expect: {
        anonymous: 401,
        city_admin: 201,
        district_admin: 201,
        enterprise: 403,
        provider: 403,
        default: 404,
      },
    },
    {
      method: "PATCH",
      route: "/api/events/:id/leads/:subId",
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
      method: "GET",
      route: "/api/events/:id/report",
      url: () => `/api/events/${eventId}/report`,
      expect: {
        anonymous: 401,
        city_admin: 200,
        district_admin: 200,
        enterprise: 403,
        provider: 403,
        default: 404,
      },
    },
  ];
}
