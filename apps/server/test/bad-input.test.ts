import { describe, expect, it } from "vitest";
import { findUnstorableText } from "../src/plugins/input-hygiene";
import { cityAdmin, createEnterpriseAs, testFile } from "./helpers";
import { inject, profileInput, providerWithOrg } from "./providers-fixtures";

/**
 * Issue 16 §6, the probe's four causes of 5xx as exact repros (bad-input-fuzz.test.ts then sweeps
 * every operation): a NUL byte in a query string, an integer past int4, a broken multipart body, an
 * unknown id in a nested reference. Each must answer 4xx with a Chinese message naming the field.
 */
const file = testFile(cityAdmin);

describe("bad input answers 4xx naming the field (issue 16 §6)", () => {
  it("a NUL byte in an unauthenticated query → 400 naming 关键词, not a database 500", async () => {
    const r = await inject(file.ctx, null, "GET", "/api/solutions/?q=a%00b");
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json()).toMatchObject({ code: "VALIDATION", field: "q" });
    expect(r.json().message).toContain("无法保存的字符");
  });

  it("a lone surrogate in a JSON body → 400 naming the nested field", async () => {
    const e = await createEnterpriseAs(file.ctx, file.city);
    const r = await inject(file.ctx, file.city, "PATCH", `/api/enterprises/${e.id}`, {
      name: "天津\ud800测试有限公司",
      version: e.version,
    });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().field).toBe("name");
    expect(r.json().message).toMatch(/^企业名称：/);
  });

  it('"version": 2147483648 → 400, not an int4 overflow 500', async () => {
    const e = await createEnterpriseAs(file.ctx, file.city);
    const r = await inject(file.ctx, file.city, "PATCH", `/api/enterprises/${e.id}`, {
      name: "天津版本溢出测试有限公司",
      version: 2147483648,
    });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().code).toBe("VALIDATION");
  });

  it("a broken multipart body to the import → 400 naming the file, not 500", async () => {
    const boundary = "----dxcbroken";
    const r = await file.ctx.app.inject({
      method: "POST",
      url: "/api/enterprises/imports",
      headers: { cookie: file.city.cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
      // A part header without its end and no closing boundary.
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: app`,
    });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json()).toMatchObject({ code: "VALIDATION", field: "file" });
  });

  it("an unknown cases[].enterpriseId in PUT /api/providers/mine → 400 naming the field, not a foreign-key 500", async () => {
    const { session, provider } = await providerWithOrg(file.ctx);
    const input = profileInput();
    const r = await inject(file.ctx, session, "PUT", "/api/providers/mine", {
      ...input,
      version: provider.version,
      cases: [{ ...input.cases[0], enterpriseId: "00000000-0000-4000-a000-000000000001" }],
    });
    expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
    expect(r.statusCode, r.body).toBeLessThan(500);
    expect(r.json().field).toBe("enterpriseId");
    expect(r.json().message).toContain("不存在");
  });
});

describe("findUnstorableText", () => {
  it.each([
    ["plain", { a: "天津", b: ["x", { c: "y" }] }, null],
    ["NUL in a nested value", { a: [{ b: "x\u0000" }] }, ["a", "0", "b"]],
    ["lone high surrogate", { a: "x\ud800" }, ["a"]],
    ["lone low surrogate", { a: "\udc00x" }, ["a"]],
    ["a valid pair (emoji)", { a: "工厂🏭" }, null],
    ["NUL in a key", { "k\u0000": 1 }, ["k\u0000"]],
  ])("%s", (_name, value, expected) => {
    expect(findUnstorableText(value)).toEqual(expected);
  });
});
