import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { instruments } from "@dxcenter/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_INSTRUMENTS_DIR, InstrumentFileError, syncInstruments } from "../src/seed/instruments";
import { createTestContext, type TestContext } from "./helpers";

let ctx: TestContext;
let dir = "";
beforeAll(async () => {
  ctx = await createTestContext();
  dir = mkdtempSync(join(tmpdir(), "dxc-instr-"));
  cpSync(DEFAULT_INSTRUMENTS_DIR, dir, { recursive: true, filter: (f) => !f.endsWith(".ts") });
});
afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

const miitFile = () => join(dir, "miit-2024-manufacturing.json");
const readMiit = () =>
  JSON.parse(readFileSync(miitFile(), "utf8")) as Record<string, unknown> & { version: string; name: string };

describe("instrument catalogue API (public)", () => {
  it("lists the shipped instruments without logging in", async () => {
    const r = await ctx.app.inject({ method: "GET", url: "/api/instruments" });
    expect(r.statusCode).toBe(200);
    const list = r.json() as { id: string; totalPoints: number; questionCount: number; levels: string[] }[];
    expect(list.map((i) => i.id).sort()).toEqual([
      "cmmm-gbt39116",
      "dcmm-gbt36073",
      "miit-2024-manufacturing",
      "smart-factory-basic",
    ]);
    const miit = list.find((i) => i.id === "miit-2024-manufacturing")!;
    expect(miit.totalPoints).toBe(100);
    expect(miit.levels.length).toBeGreaterThanOrEqual(4);
    expect(miit.questionCount).toBeGreaterThan(16);
  });

  it("returns the full definition of the current version, and 404 in Chinese for an unknown one", async () => {
    const r = await ctx.app.inject({ method: "GET", url: "/api/instruments/cmmm-gbt39116" });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id: "cmmm-gbt39116", levelRule: { levels: expect.any(Array) } });
    const missing = await ctx.app.inject({ method: "GET", url: "/api/instruments/nope" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe("评估量表不存在或您无权查看");
  });
});

describe("loading instrument files", () => {
  it("refuses a changed definition that keeps its version number", async () => {
    const def = readMiit();
    writeFileSync(miitFile(), JSON.stringify({ ...def, name: `${def.name}（改）` }));
    await expect(syncInstruments(ctx.handle.db, dir)).rejects.toThrow(InstrumentFileError);
    await expect(syncInstruments(ctx.handle.db, dir)).rejects.toThrow(/内容已改变但版本号 version 未变/);
  });

  it("keeps the old version for old assessments and offers only the new one", async () => {
    const def = readMiit();
    writeFileSync(miitFile(), JSON.stringify({ ...def, version: `${def.version}-city1` }));
    const result = await syncInstruments(ctx.handle.db, dir);
    expect(result.loaded).toEqual([`miit-2024-manufacturing@${def.version}-city1`]);
    const rows = await ctx.handle.db.select().from(instruments);
    const miit = rows.filter((r) => r.id === "miit-2024-manufacturing");
    expect(miit.map((r) => [r.version.endsWith("-city1"), r.current]).sort()).toEqual([
      [false, false],
      [true, true],
    ]);
    const list = (await ctx.app.inject({ method: "GET", url: "/api/instruments" })).json() as {
      version: string;
    }[];
    expect(list.filter((i) => i.version.startsWith(def.version.replace(/-city1$/, "")))).toHaveLength(1);
    const old = await ctx.app.inject({
      method: "GET",
      url: `/api/instruments/miit-2024-manufacturing?version=${encodeURIComponent(def.version.replace(/-city1$/, ""))}`,
    });
    expect(old.statusCode).toBe(200);
  });

  it("names the file and the field of an invalid instrument", async () => {
    const def = readMiit();
    writeFileSync(miitFile(), JSON.stringify({ ...def, version: "bad-1", totalPoints: 99 }));
    const err = await syncInstruments(ctx.handle.db, dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InstrumentFileError);
    expect((err as Error).message).toContain("miit-2024-manufacturing.json");
    expect((err as Error).message).toContain("totalPoints");
  });
});
