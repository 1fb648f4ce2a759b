import { projects } from "@dxcenter/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../src/seed/demo";
import { seedDemoProjects } from "../src/seed/demo-projects";
import { createTestContext, login, type TestContext } from "./helpers";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ mode: "demo" });
  await seedDemo(ctx.handle.db, "Dxc@2026demo");
});
afterAll(() => ctx.close());

describe("demo projects", () => {
  it("cover every state through the real services, leave the demo enterprise clean, and run once", async () => {
    const counts = await seedDemoProjects(ctx.handle.db);
    expect(counts).not.toBeNull();
    const rows = await ctx.handle.db.select({ status: projects.status }).from(projects);
    const statuses = new Set(rows.map((r) => r.status));
    for (const s of [
      "draft",
      "returned",
      "district_review",
      "expert_review",
      "approved",
      "rejected",
      "in_construction",
      "acceptance",
      "completed",
    ])
      expect(statuses, s).toContain(s);
    expect(await seedDemoProjects(ctx.handle.db)).toBeNull();
    const cookie = await login(ctx, "enterprise", "Dxc@2026demo");
    const own = await ctx.app.inject({ method: "GET", url: "/api/projects", headers: { cookie } });
    expect(own.json().total).toBe(0);
    const dep = await ctx.app.inject({
      method: "GET",
      url: "/api/coordination-tasks",
      headers: { cookie: await login(ctx, "department", "Dxc@2026demo") },
    });
    expect(dep.json().total).toBeGreaterThanOrEqual(3);
    const city = await login(ctx, "city_admin", "Dxc@2026demo");
    const overdue = await ctx.app.inject({
      method: "GET",
      url: "/api/projects?overdue=true",
      headers: { cookie: city },
    });
    expect(overdue.json().total).toBeGreaterThanOrEqual(2);
    const pipe = await ctx.app.inject({
      method: "GET",
      url: "/api/projects/pipeline",
      headers: { cookie: city },
    });
    expect(pipe.json().years[0]).toMatchObject({ year: 2023, vsBasePercent: "100.0" });
    expect(pipe.json().totals.paidFen).toBeGreaterThan(0);
  });
});
