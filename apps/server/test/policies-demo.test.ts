import { budgetPools, policyAwards, users } from "@dxcenter/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICIES_DIR, DEMO_POLICIES_DIR, syncPolicies } from "../src/modules/policies/policy-loader";
import { seedDemo } from "../src/seed/demo";
import { seedDemoPolicies } from "../src/seed/demo-policies";
import { createTestContext, login, type TestContext } from "./helpers";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ mode: "demo" });
  await seedDemo(ctx.handle.db, "Demo-pass-2026");
  await syncPolicies(ctx.handle.db, [DEFAULT_POLICIES_DIR, DEMO_POLICIES_DIR]);
}, 180_000);
afterAll(() => ctx.close());

describe("demo policy awards (seedDemoPolicies)", () => {
  it("creates pools and awards in every state through the real services, once; the demo enterprise's tab stays empty", async () => {
    const steps = await seedDemoPolicies(ctx.handle.db);
    expect(steps).toEqual([
      "paid",
      "paid",
      "enterprise_confirmed",
      "declined",
      "district_confirmed",
      "withdrawn",
    ]);
    expect(await seedDemoPolicies(ctx.handle.db)).toBeNull(); // idempotent
    const awards = await ctx.handle.db.select().from(policyAwards);
    expect(awards.filter((a) => a.status === "identified").length).toBeGreaterThan(20);
    const pools = await ctx.handle.db.select().from(budgetPools);
    expect(pools).toHaveLength(2);
    for (const p of pools) {
      expect(p.reservedFen + p.paidFen).toBeLessThanOrEqual(p.totalFen);
      // Two paid (2.5万元 each share) + one awaiting payment + one awaiting the enterprise.
      expect(p.paidFen).toBe(5_000_000);
      expect(p.reservedFen).toBe(5_000_000);
    }
    const [account] = await ctx.handle.db
      .select({ enterpriseId: users.enterpriseId })
      .from(users)
      .where(eq(users.username, "enterprise"));
    const own = awards.filter((a) => a.enterpriseId === account!.enterpriseId);
    expect(own.map((a) => a.status)).toEqual(["identified"]);
    const cookie = await login(ctx, "enterprise", "Demo-pass-2026");
    const res = await ctx.app.inject({ method: "GET", url: "/api/policy-awards", headers: { cookie } });
    expect(res.json()).toMatchObject({ total: 0 });
  });
});
