import { budgetPools, enterprises, policyAwards } from "@dxcenter/db";
import type { Actor } from "@dxcenter/domain";
import { and, eq } from "drizzle-orm";
import { districtConfirm, enterpriseConfirm } from "../src/modules/policies/award-confirm";
import { startSweep } from "../src/modules/policies/award-sweep";
import { shanghaiToday } from "../src/modules/policies/policy.repository";
import { DEFAULT_POLICIES_DIR, DEMO_POLICIES_DIR, syncPolicies } from "../src/modules/policies/policy-loader";
import { afterFixture, type AccessCase as Case, listAndExport, type MatrixEnv, row } from "./access-case";
import { allow, allowInScope, BUREAUS, cityOnly, ENTERPRISE_SCOPE, HOME_BUREAUS } from "./access-expect";

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

  const bureauRead = allow(200, BUREAUS);
  return [
    row("GET", "/api/policies", { default: 200 }),
    row("GET", "/api/policies/export", bureauRead),
    row("GET", "/api/policies/:id", { default: 200 }, { url: "/api/policies/tj-city-tech-upgrade" }),
    // The enterprise calculates for itself (the id is ignored); out-of-scope staff 404; other roles 403.
    row("POST", "/api/policy-calculator", allowInScope(200, ENTERPRISE_SCOPE), {
      body: () => ({ enterpriseId: env.entId(), facts: { totalInvestmentWan: "900" } }),
    }),
    // The shipped 上云 policy has an unset rate: every enterprise is "missing", so this row creates no awards.
    row("POST", "/api/policies/:id/sweep", allow(202, BUREAUS), {
      url: "/api/policies/tj-city-cloud-adoption/sweep",
      body: () => ({}),
    }),
    row("GET", "/api/policy-sweeps/:id", allow(404, BUREAUS), { url: `/api/policy-sweeps/${NIL}` }),
    ...listAndExport("/api/policy-awards", allow(200, [...BUREAUS, "enterprise"])),
    row("GET", "/api/policy-awards/:id", allowInScope(200, ENTERPRISE_SCOPE), {
      url: () => `/api/policy-awards/${awardId}`,
      body: afterFixture(() => freshAward("district_confirmed")),
    }),
    // The enterprise does not see an award before the district confirmed it: 404.
    row(
      "POST",
      "/api/policy-awards/:id/district-confirm",
      { ...allowInScope(200, HOME_BUREAUS), enterprise: 404 },
      {
        url: () => `/api/policy-awards/${awardId}/district-confirm`,
        body: afterFixture(
          () => freshAward("identified"),
          () => ({ version: awardVersion }),
        ),
      },
    ),
    row("POST", "/api/policy-awards/:id/enterprise-confirm", allowInScope(200, ["enterprise"]), {
      url: () => `/api/policy-awards/${awardId}/enterprise-confirm`,
      body: afterFixture(
        () => freshAward("district_confirmed"),
        () => ({ version: awardVersion }),
      ),
    }),
    row("POST", "/api/policy-awards/:id/decline", allowInScope(200, ["enterprise"]), {
      url: () => `/api/policy-awards/${awardId}/decline`,
      body: afterFixture(
        () => freshAward("district_confirmed"),
        () => ({ version: awardVersion, reason: "矩阵测试放弃" }),
      ),
    }),
    row(
      "POST",
      "/api/policy-awards/:id/withdraw",
      { ...allowInScope(200, HOME_BUREAUS), enterprise: 404 },
      {
        url: () => `/api/policy-awards/${awardId}/withdraw`,
        body: afterFixture(
          () => freshAward("identified"),
          () => ({ version: awardVersion, reason: "矩阵测试撤销" }),
        ),
      },
    ),
    row("POST", "/api/policy-awards/:id/payments", allowInScope(201, ["city_admin"]), {
      url: () => `/api/policy-awards/${awardId}/payments`,
      body: afterFixture(
        () => freshAward("enterprise_confirmed"),
        () => ({ idempotencyKey: `matrix-payment-${++seq}-${Date.now()}` }),
      ),
    }),
    row("GET", "/api/budget-pools", bureauRead),
    row("POST", "/api/budget-pools", cityOnly(201), {
      body: () => ({
        code: `matrix-${++seq}`,
        name: "矩阵预算池",
        payer: "city",
        year: 2026,
        totalWan: "100",
      }),
    }),
    row("PATCH", "/api/budget-pools/:id", cityOnly(), {
      url: () => `/api/budget-pools/${poolId || NIL}`,
      body: async () => {
        await ensureReady();
        const [p] = await db()
          .select({ version: budgetPools.version })
          .from(budgetPools)
          .where(eq(budgetPools.id, poolId));
        return { version: p!.version, note: "矩阵调整" };
      },
    }),
  ];
}
