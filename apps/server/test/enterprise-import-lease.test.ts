import { auditLog, importJobs } from "@dxcenter/db";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { expireStaleImports, IMPORT_LEASE_MS } from "../src/modules/enterprises/enterprise-import";
import { cityAdmin, testFile } from "./helpers";

const env = testFile(cityAdmin);

/** A job row as a node would leave it when killed: running (or queued), heartbeat `ageMs` old. */
async function orphan(status: "running" | "queued", ageMs: number, written = { created: 0, updated: 0 }) {
  const [job] = await env.ctx.handle.db
    .insert(importJobs)
    .values({
      kind: "enterprises",
      userId: env.city.userId,
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
  env.ctx.app.inject({
    method: "GET",
    url: `/api/enterprises/imports/${id}`,
    headers: { cookie: env.city.cookie },
  });

describe("an import whose node died (lease expired)", () => {
  it("is reported failed with 导入中断 and what was written when polled, and audited", async () => {
    const job = await orphan("running", IMPORT_LEASE_MS + 60_000, { created: 15_000, updated: 0 });
    const r = await poll(job.id);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: "failed" });
    expect(r.json().errorMessage).toMatch(/^导入中断/);
    expect(r.json().errorMessage).toContain("15000");
    expect(r.json().finishedAt).not.toBeNull();
    const audits = await env.ctx.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, job.id), eq(auditLog.action, "enterprise.import_interrupted")));
    expect(audits).toHaveLength(1);
    // Polling again changes nothing more.
    expect((await poll(job.id)).json().status).toBe("failed");
    expect(
      await env.ctx.handle.db
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
    await env.ctx.handle.db.delete(importJobs).where(eq(importJobs.id, job.id));
  });

  it("a node starting marks every expired job failed (and only those)", async () => {
    const dead = await orphan("running", IMPORT_LEASE_MS * 3);
    const alive = await orphan("running", 1000);
    expect(await expireStaleImports(env.ctx.handle.db)).toBeGreaterThanOrEqual(1);
    const [d] = await env.ctx.handle.db.select().from(importJobs).where(eq(importJobs.id, dead.id));
    const [a] = await env.ctx.handle.db.select().from(importJobs).where(eq(importJobs.id, alive.id));
    expect(d!.status).toBe("failed");
    expect(d!.errorMessage).toMatch(/^导入中断/);
    expect(a!.status).toBe("running");
    await env.ctx.handle.db.delete(importJobs).where(eq(importJobs.id, alive.id));
  });
});
