import { auditLog, poolApplications, providerMembers, providers, users } from "@dxcenter/db";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../src/seed/demo";
import { seedDemoDiagnoses } from "../src/seed/demo-diagnoses";
import { DEMO_PROVIDER_ORG, DEMO_PROVIDER2_ORG, seedDemoProviders } from "../src/seed/demo-providers";
import { seedDemoSolutions } from "../src/seed/demo-solutions";
import { createTestContext, login, type TestContext } from "./helpers";

const PASSWORD = "Demo-pass-2026";
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ mode: "demo" });
  await seedDemo(ctx.handle.db, PASSWORD);
  await seedDemoDiagnoses(ctx.handle.db);
  await seedDemoProviders(ctx.handle.db, PASSWORD);
  await seedDemoSolutions(ctx.handle.db);
}, 240_000);
afterAll(() => ctx.close());

const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function get<T>(cookie: string, url: string): Promise<T> {
  const r = await ctx.app.inject({ method: "GET", url, headers: { cookie } });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
}

async function orgOf(username: string) {
  const [m] = await ctx.handle.db
    .select({ id: providers.id, name: providers.name, status: providers.status })
    .from(providerMembers)
    .innerJoin(users, eq(users.id, providerMembers.userId))
    .innerJoin(providers, eq(providers.id, providerMembers.providerId))
    .where(eq(users.username, username));
  return m!;
}

describe("demo provider (seedDemoProviders + seedDemoSolutions)", () => {
  it("the `provider` account's organisation was admitted through the pool workflow, audited like a user's", async () => {
    const org = await orgOf("provider");
    expect(org).toMatchObject({ name: DEMO_PROVIDER_ORG, status: "admitted" });
    const cookie = await login(ctx, "city_admin", PASSWORD);
    const [row] = await ctx.handle.db
      .select()
      .from(poolApplications)
      .where(eq(poolApplications.providerId, org.id));
    type App = {
      status: string;
      averageScore: number;
      scoreCount: number;
      noticeStart: string;
      noticeEnd: string;
      panel: { status: string; scored: boolean }[];
    };
    const app = await get<App>(cookie, `/api/pool/applications/${row!.id}`);
    expect(app.status).toBe("admitted");
    expect(app.scoreCount).toBe(3);
    expect(app.averageScore).toBeGreaterThanOrEqual(60);
    expect(app.panel).toHaveLength(3);
    expect(app.panel.every((p) => p.status === "accepted" && p.scored)).toBe(true);
    expect(app.noticeStart < app.noticeEnd && app.noticeEnd < TODAY).toBe(true);
    expect(row!.submittedAt.getTime()).toBeLessThan(row!.decidedAt!.getTime());

    const mine = await get<{ status: string; history: { toStatus: string }[] }>(
      await login(ctx, "provider", PASSWORD),
      "/api/providers/mine",
    );
    expect(mine.status).toBe("admitted");
    expect(mine.history.map((h) => h.toStatus)).toEqual(["applied", "under_review", "in_notice", "admitted"]);

    const trail = await ctx.handle.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, row!.id));
    const actions = trail.map((a) => a.action).sort();
    expect(actions).toEqual(
      [
        "pool_application.admit",
        "pool_application.decide",
        "pool_application.review_open",
        "pool_application.score",
        "pool_application.score",
        "pool_application.score",
        "pool_application.submit",
      ].sort(),
    );
    const draws = await ctx.handle.db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(inArray(auditLog.action, ["expert_draw.create", "expert_assignment.accept"]));
    expect(draws.length).toBeGreaterThanOrEqual(4);
  });

  it("the provider login sees matched demands and its published solutions are in the public catalogue", async () => {
    const org = await orgOf("provider");
    const cookie = await login(ctx, "provider", PASSWORD);
    const demands = await get<{ total: number; items: { districtCode: string }[] }>(cookie, "/api/demands");
    expect(demands.total).toBeGreaterThanOrEqual(1);
    const catalogue = await ctx.app.inject({ method: "GET", url: `/api/solutions?providerId=${org.id}` });
    expect(catalogue.json().total).toBeGreaterThanOrEqual(1);
  });

  it("the `provider2` account's organisation is registered only, so the pool journey starts clean", async () => {
    const org = await orgOf("provider2");
    expect(org).toMatchObject({ name: DEMO_PROVIDER2_ORG, status: "registered" });
    const apps = await ctx.handle.db
      .select()
      .from(poolApplications)
      .where(eq(poolApplications.providerId, org.id));
    expect(apps).toEqual([]);
  });
});
