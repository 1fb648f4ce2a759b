import { PassThrough } from "node:stream";
import { buffer } from "node:stream/consumers";
import { enterprises, generateEnterprises, loadReferenceData } from "@dxcenter/db";
import { ENTERPRISE_SIZE_LABELS, SRDI_TIER_LABELS } from "@dxcenter/domain";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startImport } from "../src/modules/enterprises/enterprise-import";
import { createTestContext, type TestContext, userSession } from "./helpers";
import { HEADERS, templateRow } from "./xlsx-fixtures";

/**
 * Regression for exceljs's streaming reader splitting UTF-8 characters at inflate-chunk
 * boundaries (U+FFFD in a few rows per thousand). Small files never cross a boundary, so this
 * imports thousands of Chinese rows, in both string layouts Excel/WPS and exceljs produce.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const ref = loadReferenceData();
const districtName = new Map(ref.districts.map((d) => [d.code, d.name]));

function rowsFor(seed: number, count: number) {
  return generateEnterprises({
    count,
    seed,
    districts: ref.districts.filter((d) => d.status === "current"),
    industries: ref.industries,
  }).map((g) => ({
    uscc: g.uscc,
    name: g.name,
    district: districtName.get(g.districtCode)!,
    industry: g.industryCode,
    aboveScale: g.aboveScale ? "是" : "否",
    size: ENTERPRISE_SIZE_LABELS[g.size],
    srdiTier: g.srdiTier === "none" ? "" : SRDI_TIER_LABELS[g.srdiTier],
    contactName: g.contactName,
    address: g.address,
  }));
}

async function sharedStringsFile(rows: ReturnType<typeof rowsFor>) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("企业信息");
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(templateRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function inlineStringsFile(rows: ReturnType<typeof rowsFor>) {
  const out = new PassThrough();
  const done = buffer(out);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const ws = wb.addWorksheet("企业信息");
  ws.addRow(HEADERS).commit();
  for (const r of rows) ws.addRow(templateRow(r)).commit();
  ws.commit();
  await wb.commit();
  return done;
}

describe("importing thousands of Chinese rows", () => {
  for (const [layout, build, seed] of [
    ["shared strings", sharedStringsFile, 11],
    ["inline strings", inlineStringsFile, 12],
  ] as const) {
    it(`keeps every character intact (${layout})`, { timeout: 120_000 }, async () => {
      const admin = await userSession(ctx, "city_admin");
      const rows = rowsFor(seed, 4000);
      const file = await build(rows);
      const { done, job } = await startImport(
        ctx.handle.db,
        { id: admin.userId, role: "city_admin", districtCode: null, enterpriseId: null },
        { id: admin.userId, name: "t", role: "city_admin", ip: null },
        { filename: "中文.xlsx", data: file },
        { maxRows: 10_000 },
      );
      await done;
      const stored = await ctx.handle.db
        .select({ uscc: enterprises.uscc, name: enterprises.name, address: enterprises.address })
        .from(enterprises);
      const byUscc = new Map(stored.map((s) => [s.uscc, s]));
      const damaged = rows.filter((r) => {
        const s = byUscc.get(r.uscc);
        return !s || s.name !== r.name || s.address !== r.address;
      });
      expect(damaged.slice(0, 3), `job ${job.id}`).toEqual([]);
    });
  }
});
