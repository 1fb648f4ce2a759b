import { auditLog, importJobs } from "@dxcenter/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expireStaleImports, IMPORT_LEASE_MS } from "../src/modules/enterprises/enterprise-import";
import { createTestContext, type Session, type TestContext, userSession } from "./helpers";

let ctx: TestContext;
let city: Session;
beforeAll(async () => {
  ctx = await createTestContext();
  city = await userSession(ctx, "city_admin");
});
afterAll(() => ctx.close());

/** A job row as a node would leave it when killed: running (or queued), heartbeat `ageMs` old. */
async function orphan(status: "running" | "queued", ageMs: number, written = { created: 0, updated: 0 }) {
  const [job] = await ctx.handle.db
    .insert(importJobs)
    .values({
      kind: "enterprises",
      userId: city.userId,
      filename: "中断.xlsx",
      status,
      progress: 55,
      rowsRead: 60_000,
      ...written,
      heartbeatAt: new Date(Date.now() - ageMs),
    })
    .returning();
  return job!;
}

const poll = (id: string) =>
  ctx.app.inject({ method: "GET", url: `/api/enterprises/imports/${id}`, headers: { cookie: city.cookie } });

describe("an import whose node died (lease expired)", () => {
  it("is reported failed with 导入中断 and what was written when polled, and audited", async () => {
    const job = await orphan("running", IMPORT_LEASE_MS + 60_000, { created: 15_000, updated: 0 });
    const r = await poll(job.id);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: "failed" });
    expect(r.json().errorMessage).toMatch(/^导入中断/);
    expect(r.json().errorMessage).toContain("15000");
    expect(r.json().finishedAt).not.toBeNull();
    const audits = await ctx.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, job.id), eq(auditLog.action, "enterprise.import_interrupted")));
    expect(audits).toHaveLength(1);
    // Polling again changes nothing more.
    expect((await poll(job.id)).json().status).toBe("failed");
    expect(
      await ctx.handle.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, job.id), eq(auditLog.action, "enterprise.import_interrupted"))),
    ).toHaveLength(1);
  });

  it("a queued job of a dead node fails the same way, saying nothing was written", async () => {
    const job = await orphan("queued", IMPORT_LEASE_MS + 1000);
    const r = await poll(job.id);
    expect(r.json()).toMatchObject({ status: "failed" });
    expect(r.json().errorMessage).toMatch(/导入中断.*未写入任何数据/);
  });

  it("a running job with a live lease is left running", async () => {
    const job = await orphan("running", 10_000);
    expect((await poll(job.id)).json().status).toBe("running");
    await ctx.handle.db.delete(importJobs).where(eq(importJobs.id, job.id));
  });

  it("a node starting marks every expired job failed (and only those)", async () => {
    const dead = await orphan("running", IMPORT_LEASE_MS * 3);
    const alive = await orphan("running", 1000);
    expect(await expireStaleImports(ctx.handle.db)).toBeGreaterThanOrEqual(1);
    const [d] = await ctx.handle.db.select().from(importJobs).where(eq(importJobs.id, dead.id));
    const [a] = await ctx.handle.db.select().from(importJobs).where(eq(importJobs.id, alive.id));
    expect(d!.status).toBe("failed");
    expect(d!.errorMessage).toMatch(/^导入中断/);
    expect(a!.status).toBe("running");
    await ctx.handle.db.delete(importJobs).where(eq(importJobs.id, alive.id));
  });
});
