import { auditLog, enterprises, importJobs } from "@dxcenter/db";
import type { Role } from "@dxcenter/domain";
import { and, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COLUMNS } from "../src/modules/enterprises/enterprise-excel";
import {
  BINHAI,
  cityAdmin,
  createEnterpriseAs,
  createTestContext,
  HEPING,
  makeUscc,
  type Session,
  type TestContext,
  testFile,
  userSession,
} from "./helpers";
import {
  buildWorkbook,
  legacyXls,
  multipart,
  plainZip,
  type RowValues,
  readEnterpriseSheet,
  readSheet,
  sheetNames,
  withBadCheckChar,
  XLSX_MIME,
  zipBomb,
} from "./xlsx-fixtures";

const env = testFile(cityAdmin);

interface Job {
  id: string;
  filename: string;
  status: "queued" | "running" | "done" | "failed";
  progress: number;
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errorSample: { row: number; field: string; message: string }[];
  errorMessage: string | null;
  hasReport: boolean;
}

function upload(s: Session, content: Buffer, filename = "企业名录.xlsx", c: TestContext = env.ctx) {
  const body = multipart({ filename, content });
  return c.app.inject({
    method: "POST",
    url: "/api/enterprises/imports",
    headers: { ...body.headers, cookie: s.cookie },
    payload: body.payload,
  });
}

async function waitForJob(s: Session, id: string, c: TestContext = env.ctx): Promise<Job> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const r = await c.app.inject({
      method: "GET",
      url: `/api/enterprises/imports/${id}`,
      headers: { cookie: s.cookie },
    });
    expect(r.statusCode, r.body).toBe(200);
    const job = r.json() as Job;
    if (job.status === "done" || job.status === "failed") return job;
    if (Date.now() > deadline) throw new Error(`import job ${id} still ${job.status} after 20 s`);
    await new Promise((res) => setTimeout(res, 20));
  }
}

/** Uploads, expects 202, and waits for the job to finish. */
async function runImport(
  s: Session,
  content: Buffer,
  filename?: string,
  c: TestContext = env.ctx,
): Promise<Job> {
  const r = await upload(s, content, filename, c);
  expect(r.statusCode, r.body).toBe(202);
  const started = r.json() as Job;
  expect(["queued", "running", "done"]).toContain(started.status);
  return waitForJob(s, started.id, c);
}

async function counts(c: TestContext = env.ctx) {
  const [jobs] = await c.handle.db.select({ n: count() }).from(importJobs);
  const [ents] = await c.handle.db.select({ n: count() }).from(enterprises);
  const [audits] = await c.handle.db.select({ n: count() }).from(auditLog);
  return { jobs: jobs!.n, enterprises: ents!.n, audits: audits!.n };
}

const byUscc = (usccs: string[], c: TestContext = env.ctx) =>
  c.handle.db.select().from(enterprises).where(inArray(enterprises.uscc, usccs));

let seq = 0;
function goodRow(overrides: RowValues = {}): RowValues {
  seq++;
  return {
    uscc: makeUscc(BINHAI),
    name: `导入测试${seq}号精密制造有限公司`,
    district: "滨海新区",
    industry: "C34 通用设备制造业",
    aboveScale: "是",
    size: "中型",
    srdiTier: "专精特新中小企业",
    contactName: "张伟",
    contactPhone: "13812345678",
    address: "天津市滨海新区导入路1号",
    tags: "高新技术企业、数字化车间",
    digitalRdTools: "是",
    keyProcessNcRate: 65.5,
    cloudAdopted: "否",
    dcmmLevel: 2,
    year: 2025,
    revenueWan: "1234.56",
    employees: 120,
    ...overrides,
  };
}

describe("import template", () => {
  it("is an xlsx whose header row is exactly the import columns, with notes and the industry list", async () => {
    const r = await env.ctx.app.inject({
      method: "GET",
      url: "/api/enterprises/import-template",
      headers: { cookie: env.city.cookie },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toContain(XLSX_MIME);
    expect(decodeURIComponent(String(r.headers["content-disposition"]).split("''")[1]!)).toBe(
      "企业信息导入模板.xlsx",
    );
    const [header] = await readSheet(r.rawPayload);
    expect(header).toEqual(COLUMNS.map((c) => c.header));
    expect(await sheetNames(r.rawPayload)).toEqual(["企业信息", "填写说明", "行业代码"]);
    const industries = await readSheet(r.rawPayload, "行业代码");
    expect(industries).toHaveLength(1 + 31); // header + C13–C43
    expect(industries.slice(1).map((x) => x[0])).toContain("C26 化学原料和化学制品制造业");
    const notes = (await readSheet(r.rawPayload, "填写说明")).map((x) => x.join(" ")).join("\n");
    expect(notes).toContain("滨海新区");
    expect(notes).not.toContain("塘沽区"); // abolished districts are not offered
  });

  it("is also available to district staff", async () => {
    const d = await userSession(env.ctx, "district_admin", { districtCode: HEPING });
    const r = await env.ctx.app.inject({
      method: "GET",
      url: "/api/enterprises/import-template",
      headers: { cookie: d.cookie },
    });
    expect(r.statusCode).toBe(200);
  });

  it("imported as downloaded, reports its example row as an error and creates nothing", async () => {
    const t = await env.ctx.app.inject({
      method: "GET",
      url: "/api/enterprises/import-template",
      headers: { cookie: env.city.cookie },
    });
    const before = await counts();
    const job = await runImport(env.city, t.rawPayload, "企业信息导入模板.xlsx");
    expect(job).toMatchObject({ status: "done", rowsRead: 1, created: 0, rejected: 1 });
    expect(job.errorSample[0]).toMatchObject({ row: 2, field: "统一社会信用代码" });
    expect((await counts()).enterprises).toBe(before.enterprises);
  });
});

describe("importing good and bad rows", () => {
  let good: RowValues[];
  let file: Buffer;
  let first: Job;

  beforeAll(async () => {
    good = [
      goodRow(),
      goodRow({ district: HEPING, uscc: makeUscc(HEPING), industry: "C26", aboveScale: "否", srdiTier: "" }),
      goodRow({
        industry: "化学原料和化学制品制造业",
        size: "小型",
        revenueWan: "0.07",
        contactPhone: "022-23456789",
      }),
    ];
    const badCheck = goodRow();
    badCheck.uscc = withBadCheckChar(String(badCheck.uscc));
    const rows = [
      ...good, // rows 2–4
      badCheck, // row 5
      goodRow({ district: "火星区", aboveScale: "maybe" }), // row 6: two errors, one rejected row
      goodRow({ uscc: good[1]!.uscc, name: "重复代码的另一家公司" }), // row 7: same code as row 3
    ];
    file = await buildWorkbook(rows);
    first = await runImport(env.city, file);
  });

  it("creates the good rows and reports each bad row by spreadsheet row number, field and reason", async () => {
    expect(first).toMatchObject({
      filename: "企业名录.xlsx",
      status: "done",
      progress: 100,
      rowsRead: 6,
      created: 3,
      updated: 0,
      unchanged: 0,
      rejected: 3,
      errorMessage: null,
      hasReport: true,
    });
    expect(first.errorSample).toEqual([
      { row: 5, field: "统一社会信用代码", message: expect.stringContaining("校验位") },
      { row: 6, field: "所属区", message: "“火星区”不是本市的区" },
      { row: 6, field: "是否规上", message: "应填“是”或“否”，实际为“maybe”" },
      { row: 7, field: "统一社会信用代码", message: "与第 3 行重复" },
    ]);
  });

  it("stores the good rows as typed: district by name or code, industry by code or name, money exact", async () => {
    const rows = await byUscc(good.map((g) => String(g.uscc)));
    expect(rows).toHaveLength(3);
    const [a, b, c] = good.map((g) => rows.find((r) => r.uscc === g.uscc)!);
    expect(a).toMatchObject({
      districtCode: BINHAI,
      industryCode: "C34",
      aboveScale: true,
      size: "medium",
      srdiTier: "srdi_sme",
      tags: ["高新技术企业", "数字化车间"],
      keyProcessNcRate: "65.50",
      digitalRdTools: true,
      cloudAdopted: false,
      dcmmLevel: 2,
      latestYear: 2025,
      latestRevenueFen: 1_234_560_000,
      latestEmployees: 120,
      version: 1,
    });
    expect(b).toMatchObject({
      districtCode: HEPING,
      industryCode: "C26",
      aboveScale: false,
      srdiTier: "none",
    });
    expect(c).toMatchObject({
      industryCode: "C26",
      size: "small",
      latestRevenueFen: 70_000,
      contactPhone: "022-23456789",
    });
    // Rows 5–7 wrote nothing: the duplicate did not overwrite row 3's enterprise.
    expect(b!.name).toBe(good[1]!.name);
  });

  it("the good rows appear in the list, masked like any other", async () => {
    const r = await env.ctx.app.inject({
      method: "GET",
      url: `/api/enterprises?q=${good[0]!.uscc}`,
      headers: { cookie: env.city.cookie },
    });
    expect(r.json().items).toHaveLength(1);
    expect(r.json().items[0]).toMatchObject({
      name: good[0]!.name,
      contactPhone: "138****5678",
      contactName: "张*",
    });
  });

  it("offers a report workbook listing each error with 行号, 字段 and 错误原因", async () => {
    const r = await env.ctx.app.inject({
      method: "GET",
      url: `/api/enterprises/imports/${first.id}/report`,
      headers: { cookie: env.city.cookie },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toContain(XLSX_MIME);
    expect(decodeURIComponent(String(r.headers["content-disposition"]).split("''")[1]!)).toBe(
      "导入校验报告_企业名录.xlsx",
    );
    const [header, ...rows] = await readSheet(r.rawPayload, "错误明细");
    expect(header).toEqual(["行号", "统一社会信用代码", "企业名称", "字段", "错误原因"]);
    expect(rows.map((x) => [x[0], x[3]])).toEqual([
      ["5", "统一社会信用代码"],
      ["6", "所属区"],
      ["6", "是否规上"],
      ["7", "统一社会信用代码"],
    ]);
    expect(rows[3]![4]).toBe("与第 3 行重复");
    expect(rows[3]![2]).toBe("重复代码的另一家公司");
    const summary = Object.fromEntries((await readSheet(r.rawPayload, "导入结果")).map(([k, v]) => [k, v]));
    expect(summary).toMatchObject({
      文件: "企业名录.xlsx",
      读取数据行: "6",
      新增: "3",
      "错误（未导入）": "3",
    });
  });

  it("is audited: one import entry with the counts and a create entry per new enterprise", async () => {
    const [imp] = await env.ctx.handle.db.select().from(auditLog).where(eq(auditLog.entityId, first.id));
    expect(imp).toMatchObject({
      action: "enterprise.import",
      actorId: env.city.userId,
      entityType: "import_job",
    });
    expect(imp!.after).toMatchObject({ created: 3, rejected: 3, rowsRead: 6 });
    const ids = (await byUscc(good.map((g) => String(g.uscc)))).map((e) => e.id);
    const creates = await env.ctx.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "enterprise.create"), inArray(auditLog.entityId, ids)));
    expect(creates).toHaveLength(3);
    for (const c of creates) expect(c.after).toMatchObject({ source: "import" });
  });

  it("importing the same file again changes nothing (idempotent)", async () => {
    const before = await byUscc(good.map((g) => String(g.uscc)));
    const again = await runImport(env.city, file);
    expect(again).toMatchObject({ status: "done", created: 0, updated: 0, unchanged: 3, rejected: 3 });
    const after = await byUscc(good.map((g) => String(g.uscc)));
    for (const b of before) {
      const a = after.find((x) => x.id === b.id)!;
      expect(a.version).toBe(b.version);
      expect(a.updatedAt.getTime()).toBe(b.updatedAt.getTime());
    }
  });

  it("a re-import with one changed revenue updates exactly that enterprise", async () => {
    const changed = good.map((g, i) => (i === 2 ? { ...g, revenueWan: "2000" } : g));
    const job = await runImport(env.city, await buildWorkbook(changed));
    expect(job).toMatchObject({
      status: "done",
      created: 0,
      updated: 1,
      unchanged: 2,
      rejected: 0,
      hasReport: false,
    });
    const rows = await byUscc(good.map((g) => String(g.uscc)));
    const target = rows.find((r) => r.uscc === good[2]!.uscc)!;
    expect(target).toMatchObject({ latestRevenueFen: 2_000_000_000, version: 2 });
    expect(rows.filter((r) => r.uscc !== good[2]!.uscc).every((r) => r.version === 1)).toBe(true);
    const [upd] = await env.ctx.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "enterprise.update"), eq(auditLog.entityId, target.id)));
    expect(upd!.before).toMatchObject({ latestRevenueFen: 70_000 });
    expect(upd!.after).toMatchObject({ latestRevenueFen: 2_000_000_000, source: "import" });
    // A job without errors has no report to download.
    const rep = await env.ctx.app.inject({
      method: "GET",
      url: `/api/enterprises/imports/${job.id}/report`,
      headers: { cookie: env.city.cookie },
    });
    expect(rep.statusCode).toBe(404);
  });
});

describe("export → edit → re-import round trip", () => {
  const T = "往返测试";
  let made: { id: string; uscc: string }[];
  let exported: Buffer;

  beforeAll(async () => {
    made = [
      await createEnterpriseAs(env.ctx, env.city, {
        tags: [T, "数字化车间"],
        srdiTier: "little_giant",
        contactName: "张伟",
        contactPhone: "13812345678",
        keyProcessNcRate: 65.5,
        digitalRdTools: true,
        cloudAdopted: false,
        itfCertified: true,
        dcmmLevel: 3,
        cmmmLevel: 2,
        annual: [
          { year: 2024, revenueFen: 987_654_321, employees: 300 },
          { year: 2025, revenueFen: 123_456_789, employees: 321 },
        ],
      }),
      await createEnterpriseAs(env.ctx, env.city, {
        tags: [T],
        districtCode: HEPING,
        uscc: makeUscc(HEPING),
        contactName: "欧阳娜娜",
        contactPhone: "022-23456789",
        size: "micro",
      }),
      await createEnterpriseAs(env.ctx, env.city, {
        tags: [T],
        contactName: null,
        contactPhone: null,
        address: null,
        annual: [],
      }),
    ];
    const r = await env.ctx.app.inject({
      method: "GET",
      url: `/api/enterprises/export?tag=${encodeURIComponent(T)}`,
      headers: { cookie: env.city.cookie },
    });
    expect(r.statusCode).toBe(200);
    exported = r.rawPayload;
  });

  it("re-importing an unedited export changes nothing", async () => {
    const job = await runImport(env.city, exported, "企业库导出.xlsx");
    expect(job).toMatchObject({
      status: "done",
      rowsRead: 3,
      created: 0,
      updated: 0,
      unchanged: 3,
      rejected: 0,
    });
    const rows = await byUscc(made.map((m) => m.uscc));
    expect(rows.every((r) => r.version === 1)).toBe(true);
  });

  it("an edited export updates the edited row and keeps the real contacts (masked values are ignored)", async () => {
    const { rows } = await readEnterpriseSheet(exported);
    expect(rows.find((r) => r.uscc === made[0]!.uscc)).toMatchObject({
      contactName: "张*",
      contactPhone: "138****5678",
    });
    const edited = rows.map((r) =>
      r.uscc === made[0]!.uscc ? { ...r, address: "天津市往返测试新地址9号" } : r,
    );
    const job = await runImport(env.city, await buildWorkbook(edited));
    expect(job).toMatchObject({ status: "done", updated: 1, unchanged: 2, rejected: 0 });

    const contact = async (id: string) =>
      (
        await env.ctx.app.inject({
          method: "POST",
          url: `/api/enterprises/${id}/contact`,
          headers: { cookie: env.city.cookie },
        })
      ).json();
    expect(await contact(made[0]!.id)).toEqual({ contactName: "张伟", contactPhone: "13812345678" });
    expect(await contact(made[1]!.id)).toEqual({ contactName: "欧阳娜娜", contactPhone: "022-23456789" });
    const d = await env.ctx.app.inject({
      method: "GET",
      url: `/api/enterprises/${made[0]!.id}`,
      headers: { cookie: env.city.cookie },
    });
    expect(d.json()).toMatchObject({
      address: "天津市往返测试新地址9号",
      srdiTier: "little_giant",
      keyProcessNcRate: 65.5,
      dcmmLevel: 3,
      latestRevenueFen: 123_456_789,
      version: 2,
    });
    // The earlier year, which the export does not carry, is kept.
    expect(d.json().annual.map((a: { year: number }) => a.year)).toEqual([2024, 2025]);
  });
});

describe("files that are not workbooks are refused at once, and nothing is written", () => {
  const cases: [string, string, () => Buffer, RegExp][] = [
    [
      "a text file named .xlsx",
      "企业名录.xlsx",
      () => Buffer.from("统一社会信用代码,企业名称\n"),
      /不是 ZIP 格式/,
    ],
    ["a CSV file", "企业名录.csv", () => Buffer.from("统一社会信用代码,企业名称\n"), /只接受 \.xlsx/],
    ["a legacy .xls renamed to .xlsx", "企业名录.xlsx", legacyXls, /不是有效的 Excel/],
    ["a ZIP that holds no workbook", "企业名录.xlsx", plainZip, /缺少工作簿结构/],
  ];
  for (const [what, filename, content, message] of cases) {
    it(what, async () => {
      const before = await counts();
      const r = await upload(env.city, content(), filename);
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ code: "INVALID_FILE", field: "file" });
      expect(r.json().message).toMatch(message);
      expect(await counts()).toEqual(before);
    });
  }

  it("a request without a file, or not multipart at all, names the file field", async () => {
    const empty = multipart(null, { note: "没有文件" });
    const r = await env.ctx.app.inject({
      method: "POST",
      url: "/api/enterprises/imports",
      headers: { ...empty.headers, cookie: env.city.cookie },
      payload: empty.payload,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().field).toBe("file");
    const json = await env.ctx.app.inject({
      method: "POST",
      url: "/api/enterprises/imports",
      headers: { cookie: env.city.cookie },
      payload: { file: "x" },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ field: "file", message: "请以 multipart/form-data 上传文件" });
  });

  it("a zip bomb (600 MiB of zeros, headers claiming 4 KiB) is refused with 400", async () => {
    const bomb = zipBomb(600, 4096);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = await counts();
    const r = await upload(env.city, bomb);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: "INVALID_FILE", field: "file" });
    expect(r.json().message).toContain("压缩炸弹");
    expect(await counts()).toEqual(before);
  });

  it("a smaller bomb with an absurd compression ratio (20 MiB of zeros) is refused too", async () => {
    const before = await counts();
    const r = await upload(env.city, zipBomb(20));
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain("压缩炸弹");
    expect(await counts()).toEqual(before);
  });

  it("a workbook without the template's header row fails the job with the missing columns named", async () => {
    const wb = await buildWorkbook([{ uscc: makeUscc() }], { headers: ["代码", "名称"] });
    const before = await counts();
    const job = await runImport(env.city, wb);
    expect(job.status).toBe("failed");
    expect(job.errorMessage).toContain("表头缺少必填列");
    expect(job.errorMessage).toContain("统一社会信用代码*");
    expect(job.created).toBe(0);
    expect((await counts()).enterprises).toBe(before.enterprises);
  });
});

describe("size limits", () => {
  it("a 1.5 MB workbook is accepted under the default 20 MB limit", async () => {
    const rows = [goodRow(), goodRow()];
    const wb = await buildWorkbook(rows, { imageBytes: 1_500_000 });
    expect(wb.length).toBeGreaterThan(1_400_000);
    const job = await runImport(env.city, wb);
    expect(job).toMatchObject({ status: "done", created: 2, rejected: 0 });
  });

  describe("with a 100 kB / 10 row limit", () => {
    let small: TestContext;
    let admin: Session;
    beforeAll(async () => {
      small = await createTestContext({ upload: { maxBytes: 100_000, maxRows: 10 } });
      admin = await userSession(small, "city_admin");
    });
    afterAll(() => small.close());

    it("a file over the size limit gets 413 and nothing is written", async () => {
      const wb = await buildWorkbook([goodRow()], { imageBytes: 150_000 });
      const before = await counts(small);
      const r = await upload(admin, wb, "企业名录.xlsx", small);
      expect(r.statusCode).toBe(413);
      expect(r.json()).toMatchObject({ code: "TOO_LARGE" });
      expect(r.json().message).toMatch(/上限/);
      expect(await counts(small)).toEqual(before);
    });

    it("more rows than allowed: the job fails with a Chinese message and writes nothing", async () => {
      const rows = Array.from({ length: 11 }, () => goodRow());
      const job = await runImport(admin, await buildWorkbook(rows), "企业名录.xlsx", small);
      expect(job.status).toBe("failed");
      expect(job.errorMessage).toBe("单次导入最多 10 行，请拆分文件后分批导入");
      expect(job.created).toBe(0);
      expect(
        await byUscc(
          rows.map((r) => String(r.uscc)),
          small,
        ),
      ).toHaveLength(0);
    });

    it("exactly the allowed number of rows is imported", async () => {
      const rows = Array.from({ length: 10 }, () => goodRow());
      const job = await runImport(admin, await buildWorkbook(rows), "企业名录.xlsx", small);
      expect(job).toMatchObject({ status: "done", created: 10 });
      expect(
        await byUscc(
          rows.map((r) => String(r.uscc)),
          small,
        ),
      ).toHaveLength(10);
    });
  });
});

describe("district staff importing", () => {
  let heping: Session;
  beforeAll(async () => {
    heping = await userSession(env.ctx, "district_admin", { districtCode: HEPING });
  });

  it("rows of another district are rejected with a 所属区 message; own-district rows are created", async () => {
    const own = [
      goodRow({ district: "和平区", uscc: makeUscc(HEPING) }),
      goodRow({ district: HEPING, uscc: makeUscc(HEPING) }),
    ];
    const foreign = goodRow({ district: "滨海新区" });
    const job = await runImport(heping, await buildWorkbook([...own, foreign]));
    expect(job).toMatchObject({ status: "done", created: 2, rejected: 1 });
    expect(job.errorSample).toEqual([{ row: 4, field: "所属区", message: "不在您管辖的区，无权导入" }]);
    const rows = await byUscc([...own, foreign].map((r) => String(r.uscc)));
    expect(rows.map((r) => r.districtCode)).toEqual([HEPING, HEPING]);
    const [imp] = await env.ctx.handle.db.select().from(auditLog).where(eq(auditLog.entityId, job.id));
    expect(imp).toMatchObject({ action: "enterprise.import", districtCode: HEPING, actorId: heping.userId });

    // The job is theirs: another district cannot look at it, the city can.
    const binhai = await userSession(env.ctx, "district_admin", { districtCode: BINHAI });
    const peek = await env.ctx.app.inject({
      method: "GET",
      url: `/api/enterprises/imports/${job.id}`,
      headers: { cookie: binhai.cookie },
    });
    expect(peek.statusCode).toBe(404);
    const cityView = await env.ctx.app.inject({
      method: "GET",
      url: `/api/enterprises/imports/${job.id}`,
      headers: { cookie: env.city.cookie },
    });
    expect(cityView.statusCode).toBe(200);
  });

  it("a row whose code is already registered in another district is rejected; the other rows still import", async () => {
    const elsewhere = await createEnterpriseAs(env.ctx, env.city, {
      districtCode: BINHAI,
      name: "已在滨海登记的企业有限公司",
    });
    const own = goodRow({ district: "和平区", uscc: makeUscc(HEPING) });
    const claim = goodRow({ district: "和平区", uscc: elsewhere.uscc, name: "冒名改区的企业有限公司" });
    const job = await runImport(heping, await buildWorkbook([own, claim]));
    expect(job.status, job.errorMessage ?? "").toBe("done");
    expect(job).toMatchObject({ created: 1, rejected: 1 });
    expect(job.errorSample.map((e) => e.row)).toEqual([3]);
    expect(await byUscc([String(own.uscc)])).toHaveLength(1);
    const [still] = await byUscc([elsewhere.uscc]);
    expect(still).toMatchObject({ districtCode: BINHAI, name: "已在滨海登记的企业有限公司", version: 1 });
  });
});

describe("roles without import rights", () => {
  let cityJob: Job;
  beforeAll(async () => {
    const bad = goodRow();
    bad.aboveScale = "也许";
    cityJob = await runImport(env.city, await buildWorkbook([goodRow(), bad]));
    expect(cityJob.hasReport).toBe(true);
  });

  const roles: Role[] = ["provider", "expert", "department", "enterprise"];
  const sessionFor = async (role: Role) =>
    userSession(
      env.ctx,
      role,
      role === "enterprise" ? { enterpriseId: (await createEnterpriseAs(env.ctx, env.city)).id } : {},
    );

  for (const role of roles) {
    it(`${role}: 403 on the template and on import, and nothing is written`, async () => {
      const s = await sessionFor(role);
      const template = await env.ctx.app.inject({
        method: "GET",
        url: "/api/enterprises/import-template",
        headers: { cookie: s.cookie },
      });
      expect(template.statusCode).toBe(403);
      expect(template.json().message).toBe("您无权导入企业");

      const wb = await buildWorkbook([goodRow()]);
      const before = await counts();
      const r = await upload(s, wb);
      expect(r.statusCode).toBe(403);
      expect(r.json().message).toBe("您无权导入企业");
      expect(await counts()).toEqual(before);
    });
  }

  it("provider/expert/department/enterprise: 403 on an import job and its report", async () => {
    for (const role of roles) {
      const s = await sessionFor(role);
      const get = (url: string) => env.ctx.app.inject({ method: "GET", url, headers: { cookie: s.cookie } });
      const job = await get(`/api/enterprises/imports/${cityJob.id}`);
      expect(job.body).not.toContain(cityJob.filename);
      expect(job.statusCode, `${role} job`).toBe(403);
      const report = await get(`/api/enterprises/imports/${cityJob.id}/report`);
      expect(report.statusCode, `${role} report`).toBe(403);
    }
  });

  it("without a login: 401", async () => {
    const r = await env.ctx.app.inject({ method: "GET", url: "/api/enterprises/import-template" });
    expect(r.statusCode).toBe(401);
    const body = multipart({ filename: "a.xlsx", content: await buildWorkbook([]) });
    const up = await env.ctx.app.inject({
      method: "POST",
      url: "/api/enterprises/imports",
      headers: body.headers,
      payload: body.payload,
    });
    expect(up.statusCode).toBe(401);
  });
});
