import {
  diagnoses,
  diagnosisTeam,
  expertAssignments,
  experts,
  poolApplications,
  poolObjections,
  poolReviewScores,
  providerMembers,
  providers,
} from "@dxcenter/db";
import {
  type Actor,
  type ApplicationStatus,
  computeUsccCheckChar,
  type ProviderStatus,
} from "@dxcenter/domain";
import { eq } from "drizzle-orm";
import { createDraw } from "../src/modules/experts/create-draw";
import { afterFixture, type AccessCase as Case, listAndExport, type MatrixEnv, row } from "./access-case";
import { allow, allowInScope, BUREAUS, cityOnly, HOME_BUREAUS } from "./access-expect";
import { BINHAI, createEnterpriseAs } from "./helpers";

/**
 * Access-matrix rows of the provider pool (/providers, /pool) and the expert pool (/experts), with
 * their fixtures (created lazily, mostly written straight to the database in the state each row
 * needs). The matrix provider account belongs to an admitted organisation (shared with the
 * solutions rows); the matrix expert account is a pool member with a field nobody else has, so a
 * draw restricted to it invites that account.
 */

const SOLO = "matrix-solo";
const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const day = (d: number) =>
  new Date(Date.parse(`${TODAY}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);

export function poolCases(env: MatrixEnv): Case[] {
  const db = () => env.ctx().handle.db;
  let ready = false;
  let n = 0;
  let ownProvider = "";
  let publicProvider = "";
  let panelApp = "";
  let noticeApp = "";
  let matrixExpert = "";
  let plainExpert = "";
  let drawId = "";
  // Per-row fresh fixtures.
  let freshProvider = "";
  let freshApp = "";
  let freshObjection = "";
  let ratedAssignment = "";
  let freshAssignment = "";
  const city = (): Actor => ({
    id: env.sessions.city_admin.userId,
    role: "city_admin",
    districtCode: null,
    enterpriseId: null,
  });
  const audit = { id: null, name: "matrix", role: "system", ip: null };

  async function newProvider(status: ProviderStatus) {
    n++;
    const body = `91120116${String(process.pid % 1000).padStart(3, "0")}7${String(n).padStart(5, "0")}`.slice(
      0,
      17,
    );
    const [p] = await db()
      .insert(providers)
      .values({
        uscc: body + computeUsccCheckChar(body),
        name: `矩阵池服务商${n}号有限公司`,
        status,
        categories: ["consulting_diagnosis"],
        industries: ["C34"],
        serviceDistricts: ["120000"],
        admittedAt: status === "admitted" ? new Date() : null,
      })
      .returning({ id: providers.id });
    return p!.id;
  }
  async function newApp(
    status: ApplicationStatus,
    providerStatus: ProviderStatus,
    extra: Partial<typeof poolApplications.$inferInsert> = {},
  ) {
    const providerId = await newProvider(providerStatus);
    const [a] = await db()
      .insert(poolApplications)
      .values({
        providerId,
        category: "consulting_diagnosis",
        materials: [{ name: "营业执照" }],
        statement: "矩阵测试入库申请说明",
        status,
        submittedBy: env.sessions.city_admin.userId,
        ...extra,
      })
      .returning({ id: poolApplications.id });
    return a!.id;
  }
  async function soloDraw(appId: string) {
    const d = await createDraw(
      db(),
      city(),
      audit,
      {
        purpose: "pool_review",
        subjectId: appId,
        n: 1,
        fields: [SOLO],
        preferFieldCoverage: true,
        avoidance: { togetherMonths: 0 },
      },
      TODAY,
    );
    return d;
  }
  async function ensure() {
    if (ready) return;
    const userId = env.sessions.provider.userId;
    const [member] = await db().select().from(providerMembers).where(eq(providerMembers.userId, userId));
    if (member) ownProvider = member.providerId;
    else {
      ownProvider = await newProvider("admitted");
      await db().insert(providerMembers).values({ providerId: ownProvider, userId });
    }
    await db().update(providers).set({ status: "admitted" }).where(eq(providers.id, ownProvider));
    publicProvider = await newProvider("admitted");
    const [e] = await db()
      .insert(experts)
      .values({
        name: "矩阵专家",
        organization: "矩阵大学",
        fields: [SOLO],
        userId: env.sessions.expert.userId,
      })
      .returning({ id: experts.id });
    matrixExpert = e!.id;
    const [p] = await db()
      .insert(experts)
      .values({ name: "矩阵库员", organization: "矩阵研究院", fields: ["matrix-plain"] })
      .returning({ id: experts.id });
    plainExpert = p!.id;
    panelApp = await newApp("under_review", "under_review");
    const d = await soloDraw(panelApp);
    drawId = d.id;
    await db()
      .update(expertAssignments)
      .set({ status: "accepted" })
      .where(eq(expertAssignments.drawId, drawId));
    noticeApp = await newApp("in_notice", "in_notice", {
      noticeStart: day(-1),
      noticeEnd: day(10),
      decision: "admit",
    });
    ready = true;
  }
  const providerOnly = allow(200, ["provider"]);
  const expertOnly = allow(200, ["expert"]);
  // Another organisation's application: the city decides; the provider and an expert off its panel do not find it.
  const cityDecides = { ...allow(404, ["provider", "expert"]), city_admin: 200 };
  // A pool-review record is the city's: districts do not find it.
  const cityRecord = { ...cityOnly(), district_admin: 404, other_district_admin: 404 };
  /** A row's body: a fresh pool-review invitation of the matrix expert, then the payload. */
  const onInvitation = (payload: () => unknown) => async () => {
    await ensure();
    const d = await soloDraw(await newApp("under_review", "under_review"));
    freshAssignment = d.assignments[0]!.id;
    return payload();
  };
  /** The version of an expert's record, for a change of it. */
  const expertVersion = async (id: string) => {
    const [e] = await db().select({ v: experts.version }).from(experts).where(eq(experts.id, id));
    return e!.v;
  };
  const profile = async () => {
    const r = await env.ctx().app.inject({
      method: "GET",
      url: "/api/providers/mine",
      headers: { cookie: env.sessions.provider.cookie },
    });
    const p = r.json() as Record<string, unknown> & { version: number };
    return {
      name: p.name,
      categories: p.categories,
      sceneIds: p.sceneIds,
      industries: p.industries,
      technologyFields: p.technologyFields,
      serviceDistricts: p.serviceDistricts,
      version: p.version,
    };
  };

  return [
    row("GET", "/api/providers/", { default: 200 }, { body: ensure }),
    // Public like the pool list (admitted providers only for the public).
    row("GET", "/api/providers/export", { default: 200 }),
    row("GET", "/api/providers/mine", providerOnly),
    // The matrix provider account already belongs to an organisation (one per account).
    row("POST", "/api/providers/mine", allow(409, ["provider"]), {
      body: () => {
        n++;
        const b =
          `91120116${String(process.pid % 1000).padStart(3, "0")}6${String(n).padStart(5, "0")}`.slice(0, 17);
        return {
          uscc: b + computeUsccCheckChar(b),
          name: "矩阵登记测试有限公司",
          categories: ["sme_quick_light"],
          sceneIds: [],
          industries: [],
          technologyFields: [],
          serviceDistricts: ["120116"],
        };
      },
    }),
    row("PUT", "/api/providers/mine", providerOnly, { body: afterFixture(ensure, profile) }),
    row("GET", "/api/providers/evaluations", allow(200, BUREAUS), {
      url: `/api/providers/evaluations?year=${TODAY.slice(0, 4)}`,
    }),
    row("GET", "/api/providers/evaluations/export", allow(200, BUREAUS), {
      url: `/api/providers/evaluations/export?year=${TODAY.slice(0, 4)}`,
    }),
    row("POST", "/api/providers/evaluations", cityOnly(), {
      body: () => ({ year: Number(TODAY.slice(0, 4)) }),
    }),
    row(
      "GET",
      "/api/providers/:id",
      { default: 200 },
      { url: () => `/api/providers/${publicProvider}`, body: ensure },
    ),
    row("POST", "/api/providers/:id/exit", cityOnly(), {
      url: () => `/api/providers/${freshProvider}/exit`,
      body: async () => {
        freshProvider = await newProvider("admitted");
        return { reason: "矩阵出库测试", version: 1 };
      },
    }),
    // Only the served enterprise rates.
    row("POST", "/api/providers/:id/ratings", allow(201, ["enterprise"]), {
      url: () => `/api/providers/${ownProvider}/ratings`,
      body: async () => {
        await ensure();
        const [d] = await db()
          .insert(diagnoses)
          .values({
            enterpriseId: env.entId(),
            instrumentId: "miit-2024-manufacturing",
            status: "closed",
            source: "city",
            requestedBy: env.sessions.city_admin.userId,
            closedAt: new Date(),
          })
          .returning({ id: diagnoses.id });
        await db().insert(diagnosisTeam).values({
          diagnosisId: d!.id,
          userId: env.sessions.provider.userId,
          assignedBy: env.sessions.city_admin.userId,
        });
        return { diagnosisId: d!.id, rating: 5, comment: "矩阵评价" };
      },
    }),
    row("GET", "/api/providers/:id/rateable", allow(200, ["enterprise"]), {
      url: () => `/api/providers/${ownProvider}/rateable`,
      body: ensure,
    }),
    row("GET", "/api/pool/review-sheet", { default: 200 }),
    ...listAndExport("/api/pool/applications", allow(200, ["city_admin", "provider", "expert"])),
    // The matrix provider's organisation is already admitted.
    row("POST", "/api/pool/applications", allow(409, ["provider"]), {
      body: () => ({
        category: "system_solution",
        materials: [{ name: "营业执照" }],
        statement: "矩阵测试入库申请说明",
      }),
    }),
    // Another organisation's application: its panel expert and the city see it.
    row(
      "GET",
      "/api/pool/applications/:id",
      { ...allow(200, ["city_admin", "expert"]), provider: 404 },
      {
        url: () => `/api/pool/applications/${panelApp}`,
        body: ensure,
      },
    ),
    row("POST", "/api/pool/applications/:id/withdraw", allow(404, ["provider", "expert"]), {
      url: () => `/api/pool/applications/${freshApp}/withdraw`,
      body: async () => {
        freshApp = await newApp("submitted", "applied");
        return { version: 1 };
      },
    }),
    row("POST", "/api/pool/applications/:id/review", cityDecides, {
      url: () => `/api/pool/applications/${freshApp}/review`,
      body: async () => {
        freshApp = await newApp("submitted", "applied");
        return { version: 1 };
      },
    }),
    row("PUT", "/api/pool/applications/:id/score", expertOnly, {
      url: () => `/api/pool/applications/${panelApp}/score`,
      body: afterFixture(ensure, () => ({
        items: { qualification: 10, capability: 20, cases: 20, team: 10, service: 8, price: 8 },
        comment: "矩阵评审意见",
        recommendation: "admit",
      })),
    }),
    row("POST", "/api/pool/applications/:id/decision", cityDecides, {
      url: () => `/api/pool/applications/${freshApp}/decision`,
      body: async () => {
        await ensure();
        freshApp = await newApp("under_review", "under_review");
        await db().insert(poolReviewScores).values({
          applicationId: freshApp,
          expertId: plainExpert,
          sheetVersion: "2026-1",
          items: {},
          total: "40",
          comment: "矩阵",
        });
        return { decision: "reject", reason: "矩阵不予入库", version: 1 };
      },
    }),
    row("POST", "/api/pool/applications/:id/admit", cityDecides, {
      url: () => `/api/pool/applications/${freshApp}/admit`,
      body: async () => {
        freshApp = await newApp("in_notice", "in_notice", {
          noticeStart: day(-10),
          noticeEnd: day(-1),
          decision: "admit",
        });
        return { version: 1 };
      },
    }),
    ...listAndExport("/api/pool/notices", { default: 200 }),
    // Anyone, signed in or not.
    row(
      "POST",
      "/api/pool/notices/:id/objections",
      { default: 201 },
      {
        url: () => `/api/pool/notices/${noticeApp}/objections`,
        body: afterFixture(ensure, () => ({
          content: "矩阵测试异议内容，请核实。",
          contactPhone: "13800001111",
        })),
      },
    ),
    row("POST", "/api/pool/objections/:id/handle", cityOnly(), {
      url: () => `/api/pool/objections/${freshObjection}/handle`,
      body: async () => {
        await ensure();
        const [o] = await db()
          .insert(poolObjections)
          .values({ applicationId: noticeApp, content: "矩阵异议", contactPhone: "13800001111" })
          .returning({ id: poolObjections.id });
        freshObjection = o!.id;
        return { outcome: "dismissed", note: "矩阵驳回" };
      },
    }),
    ...listAndExport("/api/experts/", cityOnly()),
    row("POST", "/api/experts/", cityOnly(201), {
      body: () => ({ name: "矩阵新增专家", organization: "矩阵大学", fields: ["matrix-plain"] }),
    }),
    // Districts list their own diagnoses' draws (an empty page for another district).
    ...listAndExport("/api/experts/draws", allow(200, BUREAUS)),
    row("POST", "/api/experts/draws", cityOnly(201), {
      body: async () => {
        await ensure();
        freshApp = await newApp("under_review", "under_review");
        return {
          purpose: "pool_review",
          subjectId: freshApp,
          n: 1,
          fields: ["matrix-plain"],
          avoidance: { togetherMonths: 0 },
        };
      },
    }),
    // A diagnosis team draw: the diagnosis's district (and the city) draw; another district does not
    // find the diagnosis. Each caller gets a fresh diagnosis of a fresh enterprise of 滨海新区.
    row("POST", "/api/experts/draws", allowInScope(201, HOME_BUREAUS), {
      body: async () => {
        await ensure();
        const ent = await createEnterpriseAs(env.ctx(), env.sessions.city_admin, { districtCode: BINHAI });
        const [d] = await db()
          .insert(diagnoses)
          .values({
            enterpriseId: ent.id,
            instrumentId: "miit-2024-manufacturing",
            source: "district",
            requestedBy: env.sessions.city_admin.userId,
          })
          .returning({ id: diagnoses.id });
        return {
          purpose: "diagnosis",
          subjectId: d!.id,
          n: 1,
          fields: [SOLO],
          avoidance: { togetherMonths: 0 },
        };
      },
    }),
    row("GET", "/api/experts/draws/:id", cityRecord, {
      url: () => `/api/experts/draws/${drawId}`,
      body: ensure,
    }),
    row("POST", "/api/experts/draws/:id/verify", cityRecord, {
      url: () => `/api/experts/draws/${drawId}/verify`,
      body: ensure,
    }),
    row("GET", "/api/experts/assignments/mine", expertOnly),
    // The matrix draw's (accepted) pool-review invitation: the city rates; a district does not find it.
    row("PUT", "/api/experts/assignments/:id/rating", cityRecord, {
      url: () => `/api/experts/assignments/${ratedAssignment}/rating`,
      body: async () => {
        await ensure();
        const [a] = await db()
          .select({ id: expertAssignments.id })
          .from(expertAssignments)
          .where(eq(expertAssignments.drawId, drawId));
        ratedAssignment = a!.id;
        return { rating: 4, comment: "评审意见具体" };
      },
    }),
    row("POST", "/api/experts/assignments/:id/accept", expertOnly, {
      url: () => `/api/experts/assignments/${freshAssignment}/accept`,
      body: onInvitation(() => undefined),
    }),
    row("POST", "/api/experts/assignments/:id/decline", expertOnly, {
      url: () => `/api/experts/assignments/${freshAssignment}/decline`,
      body: onInvitation(() => ({ reason: "矩阵谢绝" })),
    }),
    row("GET", "/api/experts/me", expertOnly, { body: ensure }),
    row("PUT", "/api/experts/me/availability", expertOnly, {
      body: afterFixture(ensure, async () => ({
        availability: [{ from: "2030-01-01", to: "2030-12-31" }],
        version: await expertVersion(matrixExpert),
      })),
    }),
    row("GET", "/api/experts/:id", cityOnly(), { url: () => `/api/experts/${matrixExpert}`, body: ensure }),
    row("PUT", "/api/experts/:id", cityOnly(), {
      url: () => `/api/experts/${plainExpert}`,
      body: afterFixture(ensure, async () => ({
        name: "矩阵库员",
        organization: "矩阵研究院",
        fields: ["matrix-plain"],
        version: await expertVersion(plainExpert),
      })),
    }),
  ];
}
