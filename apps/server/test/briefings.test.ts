import { auditLog, briefings, indicatorDefinitions, indicatorSnapshots } from "@dxcenter/db";
import { lastClosedPeriod } from "@dxcenter/domain";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shanghaiToday } from "../src/lib/dates";
import type { BriefingData } from "../src/modules/briefings/briefing-model";
import { setBriefingWarningsSource } from "../src/modules/briefings/briefing-warnings";
import { closePeriod } from "../src/modules/indicators/close-period";
import { BINHAI, bureausAndPartners, HEPING, requestAs, type Session, SYSTEM, testFile } from "./helpers";

/**
 * 月度工作简报 on both databases: a briefing is made from the stored snapshots (fixture values no live
 * rollup could give), the PDF, HTML and workbook are stored as issued, a regeneration is version 2
 * while version 1 keeps its bytes, the monthly job is idempotent, and who may do what.
 */

const env = testFile(bureausAndPartners, 120_000);
const db = () => env.ctx.handle.db;
/** Two months long past, with fixture snapshots: April the comparison month, May the briefing's. */
const APRIL = "2025-04";
const MAY = "2025-05";

const call = (s: Session | null, method: "GET" | "POST", url: string, payload?: object) =>
  requestAs(env.ctx, s, method, url, payload);

async function snapshot(indicatorId: string, period: string, scope: string, value: number) {
  const [def] = await db()
    .select({ version: indicatorDefinitions.version })
    .from(indicatorDefinitions)
    .where(and(eq(indicatorDefinitions.id, indicatorId), eq(indicatorDefinitions.current, true)));
  if (!def) throw new Error(`no indicator ${indicatorId}`);
  await db()
    .insert(indicatorSnapshots)
    .values({
      indicatorId,
      indicatorVersion: def.version,
      period,
      scope,
      value: String(value),
      sourceVersion: "test-fixture",
    });
}

beforeAll(async () => {
  // 研发设计工具普及率: 80.0 → 86.4 (up), 数控化率: 70.0 → 61.0 (down), per district for the ranking.
  await snapshot("rd-tools-penetration", APRIL, "city", 80);
  await snapshot("rd-tools-penetration", MAY, "city", 86.4);
  await snapshot("key-process-nc-rate", APRIL, "city", 70);
  await snapshot("key-process-nc-rate", MAY, "city", 61);
  await snapshot("rd-tools-penetration", MAY, BINHAI, 91.5);
  await snapshot("rd-tools-penetration", MAY, HEPING, 77.25);
}, 120_000);

afterAll(async () => {
  setBriefingWarningsSource(null);
});

let v1: { id: string; pdf: Buffer; sha256: string };

describe("generating a monthly briefing", () => {
  it("refuses a month that has not ended or has no snapshots", async () => {
    const none = await call(env.city, "POST", "/api/briefings", { period: "2019-01" });
    expect(none.statusCode, none.body).toBe(400);
    expect(none.json().message).toContain("尚未关账");
    const future = await call(env.city, "POST", "/api/briefings", { period: "2099-01" });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toContain("尚未结束");
    expect(await db().select().from(briefings)).toHaveLength(0);
  });

  it("makes the KPI table, ranking and highlights from the stored snapshots and issues PDF, HTML and xlsx", async () => {
    const r = await call(env.city, "POST", "/api/briefings", { period: MAY });
    expect(r.statusCode, r.body).toBe(201);
    const item = r.json();
    expect(item).toMatchObject({
      period: MAY,
      version: 1,
      status: "issued",
      latest: true,
      trigger: "manual",
    });
    expect(item.generatedByName).toBe("测试city_admin");

    const pdf = await call(env.city, "GET", `/api/briefings/${item.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { createHash } = await import("node:crypto");
    expect(createHash("sha256").update(pdf.rawPayload).digest("hex")).toBe(item.sha256);
    expect(item.pdfBytes).toBe(pdf.rawPayload.length);
    v1 = { id: item.id, pdf: Buffer.from(pdf.rawPayload), sha256: item.sha256 };

    const html = await call(env.district, "GET", `/api/briefings/${item.id}/html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(html.body).toContain("2025年5月数字化转型监测工作简报");
    expect(html.body).toContain("86.4 %"); // the stored figure, not a live rollup (the registry is empty)
    expect(html.body).toContain("+6.4（+8.0%）");
    // The warnings centre is plugged in (modules/warnings) and has raised nothing in May 2025.
    expect(html.body).toContain("本月新发预警：红色 0 条，橙色 0 条，黄色 0 条");
    expect(html.body).not.toContain("预警模块未启用");
    expect(html.body).toContain("<svg");
    expect(html.body).not.toContain("<script");

    const [row] = await db()
      .select({ data: briefings.data })
      .from(briefings)
      .where(eq(briefings.id, item.id));
    const data = row!.data as BriefingData;
    expect(data.highlights.improvements.map((h) => h.indicatorId)).toEqual(["rd-tools-penetration"]);
    expect(data.highlights.slips.map((h) => h.indicatorId)).toEqual(["key-process-nc-rate"]);
    const rd = data.kpis.find((k) => k.indicatorId === "rd-tools-penetration")!;
    expect(rd).toMatchObject({ value: 86.4, previous: 80, better: 1, snapshotVersion: 1 });
    expect(data.kpis.find((k) => k.indicatorId === "subsidy-paid")).toMatchObject({
      value: null,
      status: "unknown",
      unknownReason: "no_value",
    });
    // 滨海新区 91.5 is first, 和平区 77.25 second; districts without a snapshot have no rank.
    expect(data.ranking.rows.slice(0, 2).map((x) => [x.code, x.position])).toEqual([
      [BINHAI, 1],
      [HEPING, 2],
    ]);
    expect(data.ranking.rows[2]!.position).toBeNull();

    const xlsx = await call(env.district, "GET", `/api/briefings/${item.id}/xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "主要指标",
      "走势",
      "各区排名",
      "亮点",
      "预警",
      "说明",
    ]);
    const kpi = wb.getWorksheet("主要指标")!;
    const rdRow = kpi.getSheetValues().find((v) => Array.isArray(v) && v[1] === "数字化研发设计工具普及率");
    expect(Array.isArray(rdRow) && rdRow[5]).toBe(86.4);

    const audits = await db().select().from(auditLog).where(eq(auditLog.entityId, item.id));
    expect(audits.map((a) => a.action).sort()).toEqual([
      "briefing.download",
      "briefing.download",
      "briefing.generate",
    ]);
  });

  it("regenerating makes version 2; version 1 stays downloadable byte for byte and cannot be changed", async () => {
    // A correction after version 1 was issued: version 2 shows it, version 1 does not change.
    const [s] = await db()
      .select()
      .from(indicatorSnapshots)
      .where(
        and(
          eq(indicatorSnapshots.indicatorId, "rd-tools-penetration"),
          eq(indicatorSnapshots.period, MAY),
          eq(indicatorSnapshots.scope, "city"),
        ),
      );
    const fix = await call(env.city, "POST", `/api/indicators/snapshots/${s!.id}/corrections`, {
      value: 88.8,
      reason: "统计口径更正",
    });
    expect(fix.statusCode, fix.body).toBe(201);
    const r = await call(env.city, "POST", "/api/briefings", { period: MAY });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ version: 2, latest: true });
    expect(r.json().sha256).not.toBe(v1.sha256);
    const html2 = await call(env.city, "GET", `/api/briefings/${r.json().id}/html`);
    expect(html2.body).toContain("88.8 %");

    const again = await call(env.district, "GET", `/api/briefings/${v1.id}/pdf`);
    expect(Buffer.compare(Buffer.from(again.rawPayload), v1.pdf)).toBe(0);
    const html1 = await call(env.city, "GET", `/api/briefings/${v1.id}/html`);
    expect(html1.body).toContain("86.4 %");
    expect(html1.body).not.toContain("88.8 %");

    const list = await call(env.district, "GET", `/api/briefings?period=${MAY}&sort=version&order=asc`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 2 });
    expect(list.json().items.map((i: { version: number; latest: boolean }) => [i.version, i.latest])).toEqual(
      [
        [1, false],
        [2, true],
      ],
    );
    await expect(
      db().update(briefings).set({ errorMessage: "x" }).where(eq(briefings.id, v1.id)),
    ).rejects.toThrow();
    await expect(db().delete(briefings).where(eq(briefings.id, v1.id))).rejects.toThrow();
  });

  it("shows the warnings centre's summary once a source is plugged in", async () => {
    setBriefingWarningsSource(async (_db, month) => {
      expect(month).toBe(MAY);
      return {
        raised: { red: 2, orange: 1, yellow: 0 },
        handling: { open: 1, acknowledged: 1, handled: 0, closed: 1 },
        open: [
          {
            level: "red",
            title: "数控化率低于目标路径",
            owner: "市工业和信息化局",
            openedAt: "2025-05-03T02:00:00Z",
            state: "待处理",
          },
        ],
      };
    });
    try {
      const r = await call(env.city, "POST", "/api/briefings", { period: MAY });
      expect(r.statusCode, r.body).toBe(201);
      const html = await call(env.city, "GET", `/api/briefings/${r.json().id}/html`);
      expect(html.body).toContain("本月新发预警：红色 2 条，橙色 1 条，黄色 0 条");
      expect(html.body).toContain("数控化率低于目标路径");
      expect(html.body).not.toContain("预警模块未启用");
    } finally {
      setBriefingWarningsSource(null);
    }
  });

  it("two generations of one month at once: one is issued, the other is told to wait", async () => {
    const [a, b] = await Promise.all([
      call(env.city, "POST", "/api/briefings", { period: APRIL }),
      call(env.city, "POST", "/api/briefings", { period: APRIL }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect((a.statusCode === 409 ? a : b).json()).toMatchObject({ code: "DUPLICATE" });
    const rows = await db().select().from(briefings).where(eq(briefings.period, APRIL));
    expect(rows.map((r) => [r.version, r.status])).toEqual([[1, "issued"]]);
  });

  it("lists the closed months with their issued versions", async () => {
    const r = await call(env.city, "GET", "/api/briefings/periods");
    expect(r.statusCode).toBe(200);
    const may = r.json().find((p: { period: string }) => p.period === MAY);
    expect(may).toMatchObject({ issuedVersions: 3, generating: false });
    expect(r.json().find((p: { period: string }) => p.period === APRIL)).toMatchObject({
      issuedVersions: 1,
      generating: false,
    });
  });

  it("access: the city generates; a district reads only; other roles are refused", async () => {
    expect((await call(env.district, "POST", "/api/briefings", { period: MAY })).statusCode).toBe(403);
    for (const s of [env.department, env.provider]) {
      expect((await call(s, "GET", "/api/briefings")).statusCode).toBe(403);
      expect((await call(s, "GET", `/api/briefings/${v1.id}/pdf`)).statusCode).toBe(403);
    }
    expect((await call(null, "GET", `/api/briefings/${v1.id}/pdf`)).statusCode).toBe(401);
    expect((await call(env.district, "GET", `/api/briefings/${v1.id}`)).json()).toMatchObject({ version: 1 });
  });
});

describe("the monthly job", () => {
  it("generates the month that just ended once; a second run does nothing", async () => {
    const month = lastClosedPeriod(shanghaiToday(), "monthly");
    await closePeriod(db(), month, SYSTEM);
    const runOnce = async () => {
      const r = await call(env.city, "POST", "/api/jobs/generate-monthly-briefing/run");
      expect(r.statusCode, r.body).toBe(202);
      await env.ctx.app.scheduler.whenIdle();
      const runs = await call(env.city, "GET", "/api/jobs/generate-monthly-briefing/runs?pageSize=1");
      return runs.json().items[0] as { result: string; message: string };
    };
    const first = await runOnce();
    expect(first.result, first.message).toBe("ok");
    const second = await runOnce();
    expect(second.result).toBe("skipped");
    const list = (await call(env.city, "GET", `/api/briefings?period=${month}`)).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ trigger: "scheduled", generatedByName: null, status: "issued" });
  });
});
