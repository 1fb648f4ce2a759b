import { enterprises, importJobs } from "@dxcenter/db";
import { count, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { assertSafeXlsx, DEFAULT_XLSX_LIMITS } from "../src/lib/xlsx-guard";
import { importQueue } from "../src/modules/enterprises/enterprise-import";
import { BINHAI, cityAdmin, makeUscc, testFile } from "./helpers";
import {
  buildWorkbook,
  multipart,
  type RowValues,
  sharedStringsBomb,
  withDescriptorSignature,
} from "./xlsx-fixtures";

const env = testFile(cityAdmin);

function upload(content: Buffer, filename = "企业名录.xlsx") {
  const body = multipart({ filename, content });
  return env.ctx.app.inject({
    method: "POST",
    url: "/api/enterprises/imports",
    headers: { ...body.headers, cookie: env.city.cookie },
    payload: body.payload,
  });
}

async function waitForJob(id: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = await env.ctx.app.inject({
      method: "GET",
      url: `/api/enterprises/imports/${id}`,
      headers: { cookie: env.city.cookie },
    });
    const job = r.json();
    if (job.status === "done" || job.status === "failed") return job;
    if (Date.now() > deadline) throw new Error(`import job ${id} still ${job.status}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

const jobCount = async () => (await env.ctx.handle.db.select({ n: count() }).from(importJobs))[0]!.n;

let seq = 0;
function row(): RowValues {
  seq++;
  return {
    uscc: makeUscc(BINHAI),
    name: `限额测试${seq}号机械有限公司`,
    district: "滨海新区",
    industry: "C34 通用设备制造业",
    aboveScale: "是",
    size: "中型",
    year: 2025,
    revenueWan: "100",
    employees: 10,
  };
}

describe("limits checked before parsing", () => {
  it("a workbook with 70 MiB of shared strings (compressing under the bomb ratio) gets 413 naming the limit, and no job", async () => {
    const wb = sharedStringsBomb(70);
    expect(wb.length).toBeLessThan(5 * 1024 * 1024);
    expect((70 * 1024 * 1024) / wb.length).toBeLessThan(DEFAULT_XLSX_LIMITS.maxRatio);
    const before = await jobCount();
    const r = await upload(wb);
    expect(r.statusCode, r.body).toBe(413);
    expect(r.json()).toMatchObject({ code: "TOO_LARGE", field: "file" });
    expect(r.json().message).toContain("共享字符串表");
    expect(r.json().message).toContain("64 MB 上限");
    expect(await jobCount()).toBe(before);
  });

  it("too many shared strings, or too many cells, are refused with the limit named", async () => {
    const wb = await buildWorkbook([row(), row(), row()]);
    await expect(assertSafeXlsx(wb)).resolves.toBeUndefined();
    await expect(assertSafeXlsx(wb, { ...DEFAULT_XLSX_LIMITS, maxSharedStrings: 5 })).rejects.toMatchObject({
      status: 413,
      message: expect.stringContaining("共享字符串超过 5 条上限"),
    });
    await expect(assertSafeXlsx(wb, { ...DEFAULT_XLSX_LIMITS, maxCells: 20 })).rejects.toMatchObject({
      status: 413,
      message: expect.stringContaining("单元格超过 20 个上限"),
    });
  });
});

describe("workbooks written with data descriptors", () => {
  it("import even when an entry's bytes contain the descriptor signature (the old reader hung for ever)", async () => {
    const rows = [row(), row(), row()];
    const wb = await withDescriptorSignature(await buildWorkbook(rows));
    const r = await upload(wb);
    expect(r.statusCode, r.body).toBe(202);
    const job = await waitForJob(r.json().id);
    expect(job).toMatchObject({ status: "done", created: 3, rejected: 0 });
  });
});

describe("a bounded queue of imports per node", () => {
  it("beyond the running limit an import is queued (visible as such), then runs; beyond the queue, 429", async () => {
    const q = importQueue(env.ctx.handle.db);
    const saved = { maxRunning: q.maxRunning, maxQueued: q.maxQueued };
    q.maxRunning = 1;
    q.maxQueued = 1;
    try {
      const big = await buildWorkbook(Array.from({ length: 1500 }, row));
      const smallRows = [row(), row()];
      const small = await buildWorkbook(smallRows);
      const a = await upload(big, "大.xlsx");
      expect(a.statusCode, a.body).toBe(202);
      expect(a.json().status).toBe("running");
      const b = await upload(small, "小.xlsx");
      expect(b.statusCode, b.body).toBe(202);
      expect(b.json().status).toBe("queued");
      const polled = await env.ctx.app.inject({
        method: "GET",
        url: `/api/enterprises/imports/${b.json().id}`,
        headers: { cookie: env.city.cookie },
      });
      expect(polled.json().status).toBe("queued");
      const c = await upload(small, "第三个.xlsx");
      expect(c.statusCode, c.body).toBe(429);
      expect(c.json()).toMatchObject({ code: "IMPORT_BUSY" });
      expect(c.json().message).toMatch(/最多同时处理 1 个导入、排队 1 个/);

      const ja = await waitForJob(a.json().id);
      const jb = await waitForJob(b.json().id);
      expect(ja).toMatchObject({ status: "done", created: 1500 });
      expect(jb).toMatchObject({ status: "done", created: 2 });
      const [n] = await env.ctx.handle.db
        .select({ n: count() })
        .from(enterprises)
        .where(
          inArray(
            enterprises.uscc,
            smallRows.map((r) => String(r.uscc)),
          ),
        );
      expect(n!.n).toBe(2);
      // The queue is empty again: the next import starts at once.
      const d = await upload(await buildWorkbook([row()]), "再来.xlsx");
      expect(d.json().status).toBe("running");
      await waitForJob(d.json().id);
      const [jobB] = await env.ctx.handle.db.select().from(importJobs).where(eq(importJobs.id, b.json().id));
      expect(jobB!.finishedAt).not.toBeNull();
    } finally {
      Object.assign(q, saved);
    }
  });
});
