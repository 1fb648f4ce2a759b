import { describe, expect, it } from "vitest";
import { neutraliseCell, restoreNeutralised, safeRow } from "../src/lib/xlsx-export";
import { cityAdmin, createEnterpriseAs, testFile } from "./helpers";
import { multipart, readEnterpriseSheet } from "./xlsx-fixtures";

/**
 * Issue 16 §8: spreadsheet (formula) injection. Text a user typed that begins with = + - @ (or a tab
 * or CR) leaves the platform neutralised with a leading apostrophe, as OWASP recommends, in every
 * export and in echoed cells (the import's error report); an exported list still re-imports unchanged.
 */
describe("neutraliseCell (OWASP CSV injection rule)", () => {
  it.each([
    ['=HYPERLINK("http://evil.example","点我")', '\'=HYPERLINK("http://evil.example","点我")'],
    ["+86 138 0000 0000", "'+86 138 0000 0000"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["天津=1", "天津=1"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
    expect(restoreNeutralised(String(neutraliseCell(input)))).toBe(input);
  });

  it("leaves numbers, booleans, dates and nulls alone (a negative number is a number)", () => {
    const d = new Date("2026-01-01T00:00:00Z");
    expect(safeRow([-5, true, d, null, "=x"])).toEqual([-5, true, d, null, "'=x"]);
    expect(safeRow({ a: -1.5, b: "@a" })).toEqual({ a: -1.5, b: "'@a" });
  });
});

const file = testFile(cityAdmin);

describe("exports and echoed cells (issue 16 §8)", () => {
  it("an enterprise list export neutralises a formula address, and re-importing the export changes nothing", async () => {
    const tag = `公式测试${Date.now()}`;
    await createEnterpriseAs(file.ctx, file.city, {
      address: "=cmd|'/C calc'!A0",
      contactName: "@张三",
      tags: [tag],
    });
    const r = await file.ctx.app.inject({
      method: "GET",
      url: `/api/enterprises/export?tag=${encodeURIComponent(tag)}`,
      headers: { cookie: file.city.cookie },
    });
    expect(r.statusCode).toBe(200);
    const { header, rows } = await readEnterpriseSheet(r.rawPayload);
    expect(header.length).toBeGreaterThan(5);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.address).toBe("'=cmd|'/C calc'!A0");
    // The export masks contacts ("@**"); the mask keeps the neutralising apostrophe in front.
    expect(rows[0]?.contactName).toMatch(/^'@/);

    const up = multipart({ filename: "企业库导出.xlsx", content: r.rawPayload });
    const started = await file.ctx.app.inject({
      method: "POST",
      url: "/api/enterprises/imports",
      headers: { cookie: file.city.cookie, ...up.headers },
      payload: up.payload,
    });
    expect(started.statusCode, started.body).toBe(202);
    let job = started.json() as { id: string; status: string; updated: number; created: number };
    for (let i = 0; i < 100 && !["done", "failed"].includes(job.status); i++) {
      await new Promise((res) => setTimeout(res, 100));
      job = (
        await file.ctx.app.inject({
          method: "GET",
          url: `/api/enterprises/imports/${job.id}`,
          headers: { cookie: file.city.cookie },
        })
      ).json();
    }
    expect(job).toMatchObject({ status: "done", created: 0, updated: 0 });
  });
});
