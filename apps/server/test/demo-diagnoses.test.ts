import { assessments, auditLog, diagnoses, users } from "@dxcenter/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../src/seed/demo";
import { seedDemoAssessments } from "../src/seed/demo-assessments";
import { seedDemoDiagnoses } from "../src/seed/demo-diagnoses";
import { createTestContext, login, type TestContext } from "./helpers";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ mode: "demo" });
  await seedDemo(ctx.handle.db, "Demo-pass-2026");
  await seedDemoAssessments(ctx.handle.db);
});
afterAll(() => ctx.close());

describe("demo diagnoses (seedDemoDiagnoses)", () => {
  it("walks 14 滨海新区 diagnoses through every workflow state through the real services, once", async () => {
    const first = await seedDemoDiagnoses(ctx.handle.db);
    expect(first).toEqual({ plans: 2, diagnoses: 14 });
    expect(await seedDemoDiagnoses(ctx.handle.db)).toBeNull(); // idempotent

    const rows = await ctx.handle.db.select({ status: diagnoses.status }).from(diagnoses);
    const count = (s: string) => rows.filter((r) => r.status === s).length;
    expect({
      requested: count("requested"),
      scheduled: count("scheduled"),
      in_progress: count("in_progress"),
      verified: count("verified"),
      closed: count("closed"),
    }).toEqual({ requested: 3, scheduled: 4, in_progress: 2, verified: 1, closed: 4 });
    // Every step was audited like a user's.
    const starts = await ctx.handle.db.select().from(auditLog).where(eq(auditLog.action, "diagnosis.start"));
    expect(starts).toHaveLength(7);
    // The demo enterprise account's own company is left alone.
    const [account] = await ctx.handle.db
      .select({ enterpriseId: users.enterpriseId })
      .from(users)
      .where(eq(users.username, "enterprise"));
    expect(rows.length).toBe(14);
    const own = await ctx.handle.db
      .select()
      .from(diagnoses)
      .where(eq(diagnoses.enterpriseId, account!.enterpriseId!));
    expect(own).toEqual([]);
    // On-site results differ from the self-reported ones (the team found lower levels).
    const onsite = await ctx.handle.db.select().from(assessments).where(eq(assessments.kind, "onsite"));
    expect(onsite.filter((a) => a.status === "submitted")).toHaveLength(5);
  });

  it("shows the district its overdue visits and the plans' progress", async () => {
    const cookie = await login(ctx, "district_admin", "Demo-pass-2026");
    const overdue = await ctx.app.inject({
      method: "GET",
      url: "/api/diagnoses?overdue=true",
      headers: { cookie },
    });
    expect(overdue.json().total).toBe(3);
    const plans = await ctx.app.inject({ method: "GET", url: "/api/diagnoses/plans", headers: { cookie } });
    const items = plans.json().items as { name: string; total: number; visited: number; overdue: number }[];
    expect(items.map((p) => [p.total, p.visited, p.overdue]).sort()).toEqual([
      [4, 3, 1],
      [7, 2, 2],
    ]);
  });
});
