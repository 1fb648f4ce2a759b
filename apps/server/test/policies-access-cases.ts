import { budgetPools, enterprises, policyAwards } from "@dxcenter/db";
import type { Actor } from "@dxcenter/domain";
import { and, eq } from "drizzle-orm";
import { districtConfirm, enterpriseConfirm } from "../src/modules/policies/award-confirm";
import { startSweep } from "../src/modules/policies/award-sweep";
import { shanghaiToday } from "../src/modules/policies/policy.repository";
import { DEFAULT_POLICIES_DIR, DEMO_POLICIES_DIR, syncPolicies } from "../src/modules/policies/policy-loader";
import type { AccessCase as Case, MatrixEnv } from "./access-case";

/**
 * Access-matrix rows of the policy module (政策库, 计算器, 免申即享, 预算池), with the fixtures they
 * need: each state-changing row gets a fresh award of the matrix enterprise in the state it needs.
 */

const DEMO = "demo-tj-cloud-award";
const NIL = "00000000-0000-4000-8000-000000000000";

export function policyCases(env: MatrixEnv): Case[] {
  let ready = false;
  let awardId = "";
  let awardVersion = 0;
  let poolId = "";
  let seq = 0;
  const db = () => env.ctx().handle.db;
  const cityActor = (): Actor => ({
    id: env.sessions.city_admin.userId,
    role: "city_admin",
    districtCode: null,
    enterpriseId: null,
  });
  const audit = { id: null, name: "matrix", role: "system", ip: null };

  async function ensureReady() {
    if (ready) return;
    await syncPolicies(db(), [DEFAULT_POLICIES_DIR, DEMO_POLICIES_DIR]);
    await db().update(enterprises).set({ cloudAdopted: true }).where(eq(enterprises.id, env.entId()));
    const year = Number(shanghaiToday().slice(0, 4));
    const [p] = await db()
      .insert(budgetPools)
      .values([
        { code: "demo-dx-award", name: "矩阵市级池", payer: "city", year, totalFen: 10_000_000_000 },
        {
          code: "demo-dx-award",
          name: "矩阵区级池",
          payer: "district",
          districtCode: "120116",
          year,
          totalFen: 10_000_000_000,
        },
      ])
      .returning({ id: budgetPools.id });
    poolId = p!.id;
    ready = true;
  }

  async function freshAward(stage: "identified" | "district_confirmed" | "enterprise_confirmed") {
    await ensureReady();
    await db()
      .update(policyAwards)
      .set({ status: "withdrawn" })
      // Every earlier award of the fixture (also paid or declined ones, which would block or cap a new one).
      .where(eq(policyAwards.enterpriseId, env.entId()));
    const { done } = await startSweep(db(), cityActor(), audit, DEMO, { districtCode: "120116" });
    await done;
    const [a] = await db()
      .select({ id: policyAwards.id, version: policyAwards.version })
      .from(policyAwards)
      .where(and(eq(policyAwards.enterpriseId, env.entId()), eq(policyAwards.status, "identified")));
    if (!a) throw new Error("matrix fixture: no identified award");
    awardId = a.id;
    awardVersion = a.version;
    if (stage === "identified") return;
    awardVersion = (await districtConfirm(db(), cityActor(), audit, awardId, awardVersion)).version;
    if (stage === "district_confirmed") return;
    const ent: Actor = {
      id: env.sessions.enterprise.userId,
      role: "enterprise",
      districtCode: null,
      enterpriseId: env.entId(),
    };
    awardVersion = (await enterpriseConfirm(db(), ent, audit, awardId, awardVersion)).version;
  }

  const bureauRead = { anonymous: 401, city_admin: 200, district_admin: 200, other_district_admin: 200 };
  return [
    { method: "GET", route: "/api/policies", url: () => "/api/policies", expect: { default: 200 } },
    {
      method: "GET",
      route: "/api/policies/export",
      url: () => "/api/policies/export",
      expect: { ...bureauRead, default: 403 },
    },
    {
      method: "GET",
      route: "/api/policies/:id",
      url: () => "/api/policies/tj-city-tech-upgrade",
      expect: { default: 200 },
    },
    {
      method: "POST",
      route: "/api/policy-calculator",
      url: () => "/api/policy-calculator",
      body: () => ({ enterpriseId: env.entId(), facts: { totalInvestmentWan: "900" } }),
      // The enterprise calculates for itself (the id is ignored); out-of-scope staff 404; other roles 403.
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
      method: "POST",
      route: "/api/policies/:id/sweep",
      // The shipped 上云 policy has an unset rate: every enterprise is "missing", so this row creates no awards.
      url: () => "/api/policies/tj-city-cloud-adoption/sweep",
      body: () => ({}),
      expect: {
        anonymous: 401,
        city_admin: 202,
        district_admin: 202,
        other_district_admin: 202,
        default: 403,
      },
    },
    {
      method: "GET",
      route: "/api/policy-sweeps/:id",
      url: () => `/api/policy-sweeps/${NIL}`,
      expect: {
        anonymous: 401,
        city_admin: 404,
        district_admin: 404,
        other_district_admin: 404,
        default: 403,
      },
    },
    {
      method: "GET",
      route: "/api/policy-awards",
      url: () => "/api/policy-awards",
      expect: { ...bureauRead, enterprise: 200, default: 403 },
    },
    {
      method: "GET",
      route: "/api/policy-awards/export",
      url: () => "/api/policy-awards/export",
      expect: { ...bureauRead, enterprise: 200, default: 403 },
    },
    {
      method: "GET",
      route: "/api/policy-awards/:id",
      url: () => `/api/policy-awards/${awardId}`,
      body: async () => {
        await freshAward("district_confirmed");
        return undefined;
      },
      expect: {
        anonymous: 401,
        city_admin: 200,
        district_admin: 200,
        enterprise: 200,
        other_district_admin: 404,
        default: 403,
      },
    },
    {
      method: "POST",
      route: "/api/policy-awards/:id/district-confirm",
      url: () => `/api/policy-awards/${awardId}/district-confirm`,
      body: async () => {
        await freshAward("identified");
        return { version: awardVersion };
      },
      // The enterprise does not see an award before the district confirmed it: 404.
      expect: {
        anonymous: 401,
        city_admin: 200,
        district_admin: 200,
        other_district_admin: 404,
        enterprise: 404,
        default: 403,
      },
    },
    {
      method: "POST",
      route: "/api/policy-awards/:id/enterprise-confirm",
      url: () => `/api/policy-awards/${awardId}/enterprise-confirm`,
      body: async () => {
        await freshAward("district_confirmed");
        return { version: awardVersion };
      },
      expect: { anonymous: 401, enterprise: 200, other_district_admin: 404, default: 403 },
    },
    {
      method: "POST",
      route: "/api/policy-awards/:id/decline",
      url: () => `/api/policy-awards/${awardId}/decline`,
      body: async () => {
        await freshAward("district_confirmed");
        return { version: awardVersion, reason: "矩阵测试放弃" };
      },
      expect: { anonymous: 401, enterprise: 200, other_district_admin: 404, default: 403 },
    },
    {
      method: "POST",
      route: "/api/policy-awards/:id/withdraw",
      url: () => `/api/policy-awards/${awardId}/withdraw`,
      body: async () => {
        await freshAward("identified");
        return { version: awardVersion, reason: "矩阵测试撤销" };
      },
      expect: {
        anonymous: 401,
        city_admin: 200,
        district_admin: 200,
        other_district_admin: 404,
        enterprise: 404,
        default: 403,
      },
    },
    {
      method: "POST",
      route: "/api/policy-awards/:id/payments",
      url: () => `/api/policy-awards/${awardId}/payments`,
      body: async () => {
        await freshAward("enterprise_confirmed");
        return { idempotencyKey: `matrix-payment-${++seq}-${Date.now()}` };
      },
      expect: { anonymous: 401, city_admin: 201, other_district_admin: 404, default: 403 },
    },
    {
      method: "GET",
      route: "/api/budget-pools",
      url: () => "/api/budget-pools",
      expect: { ...bureauRead, default: 403 },
    },
    {
      method: "POST",
      route: "/api/budget-pools",
      url: () => "/api/budget-pools",
      body: () => ({
        code: `matrix-${++seq}`,
        name: "矩阵预算池",
        payer: "city",
        year: 2026,
        totalWan: "100",
      }),
      expect: { anonymous: 401, city_admin: 201, default: 403 },
    },
    {
      method: "PATCH",
      route: "/api/budget-pools/:id",
      url: () => `/api/budget-pools/${poolId || NIL}`,
      body: async () => {
        await ensureReady();
        const [p] = await db()
          .select({ version: budgetPools.version })
          .from(budgetPools)
          .where(eq(budgetPools.id, poolId));
        return { version: p!.version, note: "矩阵调整" };
      },
      expect: { anonymous: 401, city_admin: 200, default: 403 },
    },
  ];
}
