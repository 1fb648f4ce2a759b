import {
  assessments,
  auditLog,
  bulkInsert,
  diagnoses,
  diagnosisTeam,
  enterprises,
  exportJobFiles,
  exportJobs,
  instruments,
} from "@dxcenter/db";
import {
  type Answers,
  type AnswerValue,
  computeUsccCheckChar,
  type InstrumentDefinition,
  listQuestions,
  type ScoreResult,
  scoreAssessment,
} from "@dxcenter/domain";
import { and, eq } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIIT, SMART_FACTORY, zeroAnswers } from "../../../packages/domain/src/assessment/test-support";
import { buildApp } from "../src/app";
import { shanghaiDay } from "../src/lib/dates";
import { PdfRenderer } from "../src/modules/reports/pdf-renderer";
import { selectBatchItems } from "../src/modules/reports/report-batch";
import { esc } from "../src/modules/reports/report-html";
import {
  attachmentHeader,
  reportPdfFilename,
  safeFilePart,
  zipEntryName,
} from "../src/modules/reports/report-names";
import {
  BINHAI,
  createEnterpriseAs,
  createTestContext,
  HEPING,
  type Session,
  type TestContext,
  userSession,
} from "./helpers";
import { multipart } from "./xlsx-fixtures";

const MIIT_ID = "miit-2024-manufacturing";
const HEDONG = "120102";

let ctx: TestContext;
let city: Session;
let binhaiAdmin: Session;
let hepingAdmin: Session;
/** 滨海新区: A (name with markup, evidence on F1, submitted twice), B (submitted once), C (draft only). */
const ent = {} as Record<"A" | "B" | "C" | "H", { id: string; name: string; uscc: string; s: Session }>;
let aFirst = "";
let aLatest = "";
let bId = "";
let cDraft = "";
let hId = "";
/** B's on-site assessment (现场评定), submitted after its self-assessment. */
let bOnsite = "";

/** The best answer to every question, scenes at `sceneLevel`: 100 points, level set by the scenes. */
function strongAnswers(def: InstrumentDefinition, sceneLevel: number): Answers {
  const out: Record<string, AnswerValue> = {};
  for (const { question: q } of listQuestions(def)) {
    if (q.kind === "single")
      out[q.id] = { kind: "single", optionId: [...q.options].sort((a, b) => b.points - a.points)[0]!.id };
    if (q.kind === "multi")
      out[q.id] = { kind: "multi", optionIds: q.options.filter((o) => !o.exclusive).map((o) => o.id) };
    if (q.kind === "numeric")
      out[q.id] = { kind: "numeric", inputs: { [q.formula.numerator]: 100, [q.formula.denominator]: 100 } };
    if (q.kind === "scene") out[q.id] = { kind: "scene", level: Math.min(sceneLevel, q.levels.length) };
    if (q.kind === "rated") out[q.id] = { kind: "rated", rating: 1 };
  }
  return out;
}

const call = (s: Session | null, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: s ? { cookie: s.cookie } : {}, ...(payload ? { payload } : {}) });

async function draft(s: Session, instrumentId = MIIT_ID) {
  const r = await call(s, "POST", "/api/assessments", { instrumentId });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; version: number };
}

async function submitted(s: Session, answers: Answers, instrumentId = MIIT_ID) {
  const d = await draft(s, instrumentId);
  const saved = await call(s, "PUT", `/api/assessments/${d.id}/answers`, { answers, version: d.version });
  expect(saved.statusCode, saved.body).toBe(200);
  const ok = await call(s, "POST", `/api/assessments/${d.id}/submit`, {
    commitment: true,
    version: (saved.json() as { version: number }).version,
  });
  expect(ok.statusCode, ok.body).toBe(200);
  return d.id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  city = await userSession(ctx, "city_admin");
  binhaiAdmin = await userSession(ctx, "district_admin", { districtCode: BINHAI });
  hepingAdmin = await userSession(ctx, "district_admin", { districtCode: HEPING });
  const names = {
    A: `天津<script>alert(1)</script>&"甲"智能装备有限公司`,
    B: "天津乙精密制造有限公司",
    C: "天津丙材料科技有限公司",
    H: "天津和平丁电子有限公司",
  } as const;
  for (const k of ["A", "B", "C", "H"] as const) {
    const e = await createEnterpriseAs(ctx, city, {
      districtCode: k === "H" ? HEPING : BINHAI,
      name: names[k],
    });
    ent[k] = {
      id: e.id,
      name: names[k],
      uscc: e.uscc,
      s: await userSession(ctx, "enterprise", { enterpriseId: e.id }),
    };
  }
  aFirst = await submitted(ent.A.s, zeroAnswers(MIIT));
  // The latest of A: evidence for F1 is uploaded while it is a draft.
  const d = await draft(ent.A.s);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(32, 7),
  ]);
  const body = multipart({ filename: "网络拓扑图.png", content: png, contentType: "image/png" });
  const up = await ctx.app.inject({
    method: "POST",
    url: `/api/assessments/${d.id}/evidence?questionId=F1`,
    headers: { ...body.headers, cookie: ent.A.s.cookie },
    payload: body.payload,
  });
  expect(up.statusCode, up.body).toBe(201);
  const saved = await call(ent.A.s, "PUT", `/api/assessments/${d.id}/answers`, {
    answers: strongAnswers(MIIT, 2),
    version: d.version,
  });
  const sub = await call(ent.A.s, "POST", `/api/assessments/${d.id}/submit`, {
    commitment: true,
    version: (saved.json() as { version: number }).version,
  });
  expect(sub.statusCode, sub.body).toBe(200);
  aLatest = d.id;
  bId = await submitted(ent.B.s, zeroAnswers(MIIT));
  cDraft = (await draft(ent.C.s)).id;
  hId = await submitted(ent.H.s, zeroAnswers(MIIT));
}, 120_000);
afterAll(() => ctx?.close());

describe("pure helpers", () => {
  it("escapes every HTML-significant character", () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(esc(null)).toBe("");
  });

  it("builds file names that every file system accepts, dated in Shanghai", () => {
    expect(safeFilePart(' a/b\\c:d*e?f"g<h>i|j ')).toBe("a_b_c_d_e_f_g_h_i_j");
    expect(safeFilePart("   ")).toBe("未命名");
    // 2026-01-01 17:30 UTC is already 2 January in Shanghai.
    const at = new Date("2026-01-01T17:30:00Z");
    expect(shanghaiDay(at)).toBe("2026-01-02");
    expect(reportPdfFilename("天津/甲公司", at)).toBe("一企一策诊断报告-天津_甲公司-2026-01-02.pdf");
    expect(zipEntryName("滨海新区", "甲:公司", "91120116MA05XXXX1X")).toBe(
      "滨海新区/甲_公司-91120116MA05XXXX1X.pdf",
    );
    const header = attachmentHeader("一企一策.pdf", "report.pdf");
    expect(header).toContain('filename="report.pdf"');
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe("一企一策.pdf");
  });
});

describe("一企一策 report (HTML)", () => {
  it("shows level, dimensions, scenes, gap, prioritised recommendations and evidence status", async () => {
    const r = await call(ent.A.s, "GET", `/api/assessments/${aLatest}/report`);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers["content-type"]).toContain("text/html");
    expect(r.headers["content-security-policy"]).toContain("default-src 'none'");
    const html = r.body;
    const detail = (await call(ent.A.s, "GET", `/api/assessments/${aLatest}`)).json() as {
      result: ScoreResult;
    };
    const result = detail.result;
    expect(result.levelName).toBe("二级");
    expect(html).toMatch(/data-level="2">二级</);
    for (const d of MIIT.dimensions) expect(html).toContain(d.name);
    // Charts are inline SVG rendered on the server; scene levels for MIIT.
    expect(html).toMatch(/data-chart="radar"><svg/);
    expect(html).toMatch(/data-chart="scenes"><svg/);
    // Gap to 三级 and the first recommendations in priority order.
    expect(html).toContain("目标等级：三级");
    expect(result.improvements.length).toBeGreaterThan(3);
    const positions = result.improvements.slice(0, 3).map((i) => html.indexOf(esc(i.action)));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // Evidence: F1 has the uploaded file, others are listed as missing.
    const f1 = /<tr data-question="F1">.*?<\/tr>/.exec(html)?.[0] ?? "";
    expect(f1).toContain("已上传 1 个");
    expect(f1).toContain("网络拓扑图.png");
    const f2 = /<tr data-question="F2">.*?<\/tr>/.exec(html)?.[0] ?? "";
    expect(f2).toContain("未上传");
    expect(html).toContain(`需提供佐证材料的题目 ${listQuestions(MIIT).length} 道：已上传佐证 1 道`);
    // Self-assessment: no on-site section.
    expect(html).not.toContain("现场评定</h2>");
  });

  it("escapes user text and needs nothing from outside (no script, no external URL)", async () => {
    const html = (await call(ent.A.s, "GET", `/api/assessments/${aLatest}/report`)).body;
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("天津&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;甲&quot;智能装备有限公司");
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
  });

  it("shows question-group scores instead of scenes for an instrument without scenes", async () => {
    const id = await submitted(ent.B.s, zeroAnswers(SMART_FACTORY), "smart-factory-basic");
    const r = await call(binhaiAdmin, "GET", `/api/assessments/${id}/report`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toMatch(/data-chart="parts"><svg/);
    expect(r.body).not.toContain('data-chart="scenes"');
    expect(r.body).toContain(SMART_FACTORY.dimensions[0]!.subDimensions[0]!.name);
  });

  it("refuses a draft (409) and answers 404 outside the reader's scope", async () => {
    for (const url of [`/api/assessments/${cDraft}/report`, `/api/assessments/${cDraft}/report.pdf`]) {
      const r = await call(ent.C.s, "GET", url);
      expect(r.statusCode).toBe(409);
      expect(r.json()).toMatchObject({ code: "REPORT_NOT_READY" });
      expect(r.json().message).toContain("报告仅在提交后生成");
    }
    // Another company's enterprise account.
    expect((await call(ent.B.s, "GET", `/api/assessments/${aLatest}/report`)).statusCode).toBe(404);
    expect((await call(ent.B.s, "GET", `/api/assessments/${aLatest}/report.pdf`)).statusCode).toBe(404);
    // 和平区 staff do not see 滨海新区 records; 滨海新区 staff do.
    const other = await call(hepingAdmin, "GET", `/api/assessments/${aLatest}/report`);
    expect(other.statusCode).toBe(404);
    expect(other.json().message).toContain("不存在或您无权查看");
    expect((await call(hepingAdmin, "GET", `/api/assessments/${aLatest}/report.pdf`)).statusCode).toBe(404);
    expect((await call(binhaiAdmin, "GET", `/api/assessments/${aLatest}/report`)).statusCode).toBe(200);
    expect((await call(hepingAdmin, "GET", `/api/assessments/${hId}/report`)).statusCode).toBe(200);
  });

  it("adds the 现场评定 section: visit, team, conclusion and 企业自评 vs 现场评定", async () => {
    const db = ctx.handle.db;
    const expert = await userSession(ctx, "expert");
    const [inst] = await db
      .select({ version: instruments.version })
      .from(instruments)
      .where(and(eq(instruments.id, MIIT_ID), eq(instruments.current, true)));
    const [diag] = await db
      .insert(diagnoses)
      .values({
        enterpriseId: ent.B.id,
        instrumentId: MIIT_ID,
        status: "verified",
        source: "district",
        requestedBy: binhaiAdmin.userId,
        visitDate: "2026-03-10",
        visitedAt: new Date("2026-03-10T01:30:00Z"),
        selfAssessmentId: bId,
        conclusion: "企业数字化基础较好。\n建议优先推进<生产执行>数字化。",
      })
      .returning({ id: diagnoses.id });
    await db
      .insert(diagnosisTeam)
      .values({ diagnosisId: diag!.id, userId: expert.userId, lead: true, assignedBy: binhaiAdmin.userId });
    const answers = strongAnswers(MIIT, 1);
    const outcome = scoreAssessment(MIIT, answers);
    if (!outcome.ok) throw new Error("answers");
    const r = outcome.result;
    const [onsite] = await db
      .insert(assessments)
      .values({
        enterpriseId: ent.B.id,
        instrumentId: MIIT_ID,
        instrumentVersion: inst!.version,
        kind: "onsite",
        diagnosisId: diag!.id,
        status: "submitted",
        answers,
        progress: 100,
        total: r.total.toFixed(3),
        maxTotal: r.maxTotal.toFixed(3),
        level: r.level,
        levelName: r.levelName,
        result: r,
        commitmentAt: new Date(),
        submittedAt: new Date(),
        submittedBy: expert.userId,
        createdBy: expert.userId,
      })
      .returning({ id: assessments.id });
    bOnsite = onsite!.id;
    const res = await call(binhaiAdmin, "GET", `/api/assessments/${onsite!.id}/report`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const html = res.body;
    expect(html).toContain("现场评定</h2>");
    expect(html).toContain("2026-03-10 09:30");
    expect(html).toContain("测试expert");
    expect(html).toContain("组长");
    expect(html).toContain("建议优先推进&lt;生产执行&gt;数字化。");
    expect(html).toContain("企业自评 vs 现场评定");
    expect(html).toMatch(/data-chart="compare"><svg/);
    // Self total (zero answers) vs on-site total, side by side in the comparison table.
    const compare = /<table data-section="compare">.*?<\/table>/s.exec(html)?.[0] ?? "";
    const selfTotal = (
      (await call(binhaiAdmin, "GET", `/api/assessments/${bId}`)).json() as { result: ScoreResult }
    ).result.total;
    expect(compare).toContain(
      `<th>总分</th><th class="num">${selfTotal}</th><th class="num">${r.total}</th>`,
    );
  });
});

describe("一企一策 report (PDF)", () => {
  it("prints an A4 PDF with a Chinese file name and audits the download", async () => {
    const t0 = performance.now();
    const r = await call(ent.A.s, "GET", `/api/assessments/${aLatest}/report.pdf`);
    const ms = performance.now() - t0;
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers["content-type"]).toBe("application/pdf");
    const pdf = r.rawPayload;
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    const cd = String(r.headers["content-disposition"]);
    expect(cd).toMatch(/^attachment;/);
    const name = decodeURIComponent(cd.split("UTF-8''")[1]!);
    const submittedAt = (
      (await call(ent.A.s, "GET", `/api/assessments/${aLatest}`)).json() as { submittedAt: string }
    ).submittedAt;
    expect(name).toBe(
      `一企一策诊断报告-${safeFilePart(ent.A.name)}-${shanghaiDay(new Date(submittedAt))}.pdf`,
    );
    expect(name).not.toMatch(/[<>"/]/);
    const audit = await ctx.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "assessment.report"), eq(auditLog.entityId, aLatest)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.districtCode).toBe(BINHAI);
    // Cold start included (first launch of the browser); warm renders are measured by bench:report.
    expect(ms).toBeLessThan(20_000);
  });
});

describe("PDF renderer", () => {
  it("relaunches a browser that died and keeps rendering", async () => {
    const renderer = new PdfRenderer(ctx.config.chromiumPath);
    try {
      const first = await renderer.pdf("<p>一企一策</p>");
      expect(first.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const running = await (
        renderer as unknown as { browser: Promise<{ browser: { close(): Promise<void> } }> }
      ).browser;
      await running.browser.close();
      const second = await renderer.pdf("<p>重新启动</p>");
      expect(second.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(renderer.launches).toBe(2);
      // Warm: a burst shares the browser (no new launch) and every document comes out.
      const burst = await Promise.all(Array.from({ length: 5 }, (_, i) => renderer.pdf(`<p>第 ${i} 份</p>`)));
      expect(burst.every((b) => b.subarray(0, 5).toString("latin1") === "%PDF-")).toBe(true);
      expect(renderer.launches).toBe(2);
    } finally {
      await renderer.close();
    }
  });

  it("says in Chinese when Chromium cannot be started", async () => {
    const renderer = new PdfRenderer("/nonexistent/chromium");
    await expect(renderer.pdf("<p>x</p>")).rejects.toMatchObject({ status: 503, code: "PDF_UNAVAILABLE" });
    await expect(renderer.pdf("<p>x</p>")).rejects.toThrow(/DXC_CHROMIUM/);
    await renderer.close();
  });
});

type Job = {
  id: string;
  status: string;
  progress: number;
  total: number;
  done: number;
  errorMessage: string | null;
  filename: string | null;
};

async function waitForJob(s: Session, id: string): Promise<Job[]> {
  const seen: Job[] = [];
  for (let i = 0; i < 600; i++) {
    const r = await call(s, "GET", `/api/reports/batch/${id}`);
    expect(r.statusCode, r.body).toBe(200);
    const job = r.json() as Job;
    seen.push(job);
    if (job.status === "done" || job.status === "failed") return seen;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error("batch job did not finish");
}

describe("batch export (zip)", () => {
  it("selects each enterprise's latest submitted assessment of the instrument (self or on-site)", async () => {
    const items = await selectBatchItems(
      ctx.handle.db,
      { id: binhaiAdmin.userId, role: "district_admin", districtCode: BINHAI, enterpriseId: null },
      BINHAI,
      MIIT_ID,
      100,
    );
    const byEnterprise = new Map(items.map((i) => [i.uscc, i.assessmentId]));
    expect(byEnterprise.get(ent.A.uscc)).toBe(aLatest);
    expect([...byEnterprise.values()]).not.toContain(aFirst);
    // B: the on-site assessment was submitted after the self-assessment, so it is B's report.
    expect(bOnsite).not.toBe("");
    expect(byEnterprise.get(ent.B.uscc)).toBe(bOnsite);
    expect([...byEnterprise.values()]).not.toContain(bId);
    expect(byEnterprise.has(ent.C.uscc)).toBe(false); // draft only
    expect(byEnterprise.has(ent.H.uscc)).toBe(false); // 和平区
  });

  it("lets district staff export their district as a zip, with progress up to 100", async () => {
    const start = await call(binhaiAdmin, "POST", "/api/reports/batch", { instrumentId: MIIT_ID });
    expect(start.statusCode, start.body).toBe(202);
    const { id } = start.json() as { id: string };
    const seen = await waitForJob(binhaiAdmin, id);
    const last = seen.at(-1)!;
    expect(last.errorMessage).toBeNull();
    expect(last).toMatchObject({ status: "done", progress: 100, total: 2, done: 2 });
    expect(seen.every((j, i) => i === 0 || j.progress >= seen[i - 1]!.progress)).toBe(true);
    expect(last.filename).toMatch(/^一企一策诊断报告-滨海新区-.+\.zip$/);

    const dl = await call(binhaiAdmin, "GET", `/api/reports/batch/${id}/download`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers["content-type"]).toBe("application/zip");
    expect(decodeURIComponent(String(dl.headers["content-disposition"]).split("UTF-8''")[1]!)).toBe(
      last.filename,
    );
    expect(Number(dl.headers["content-length"])).toBe(dl.rawPayload.length);
    const zip = await JSZip.loadAsync(dl.rawPayload);
    const files = Object.values(zip.files).filter((f) => !f.dir);
    expect(files.map((f) => f.name).sort()).toEqual(
      [
        zipEntryName("滨海新区", ent.A.name, ent.A.uscc),
        zipEntryName("滨海新区", ent.B.name, ent.B.uscc),
      ].sort(),
    );
    for (const f of files) {
      const bytes = await f.async("nodebuffer");
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    }
    const audit = await ctx.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "report.batch_create"), eq(auditLog.entityId, id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ instrumentId: MIIT_ID, districtCode: BINHAI, reports: 2 });

    // Only the creator sees the job and its file; everyone else gets 404.
    for (const other of [
      city,
      hepingAdmin,
      await userSession(ctx, "district_admin", { districtCode: BINHAI }),
    ]) {
      expect((await call(other, "GET", `/api/reports/batch/${id}`)).statusCode).toBe(404);
      const o = await call(other, "GET", `/api/reports/batch/${id}/download`);
      expect(o.statusCode).toBe(404);
      expect(o.json().message).toContain("不存在或您无权查看");
    }
  });

  it("holds district staff to their own district and refuses other roles", async () => {
    const r = await call(binhaiAdmin, "POST", "/api/reports/batch", {
      instrumentId: MIIT_ID,
      districtCode: HEPING,
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toMatch(/[\u4e00-\u9fa5]/);
    const e = await call(ent.A.s, "POST", "/api/reports/batch", { instrumentId: MIIT_ID });
    expect(e.statusCode).toBe(403);
  });

  it("lets city staff pick a district, and explains bad or empty requests in Chinese", async () => {
    const heping = await call(city, "POST", "/api/reports/batch", {
      instrumentId: MIIT_ID,
      districtCode: HEPING,
    });
    expect(heping.statusCode, heping.body).toBe(202);
    const last = (await waitForJob(city, (heping.json() as { id: string }).id)).at(-1)!;
    expect(last).toMatchObject({ status: "done", total: 1, done: 1, progress: 100 });

    const unknown = await call(city, "POST", "/api/reports/batch", { instrumentId: "no-such-instrument" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ field: "instrumentId" });
    expect(unknown.json().message).toContain("不存在");
    const empty = await call(city, "POST", "/api/reports/batch", {
      instrumentId: "dcmm-gbt36073",
      districtCode: BINHAI,
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain("没有可导出的报告");
    const badDistrict = await call(city, "POST", "/api/reports/batch", {
      instrumentId: MIIT_ID,
      districtCode: "999999",
    });
    expect(badDistrict.statusCode).toBe(400);
    expect(badDistrict.json()).toMatchObject({ field: "districtCode" });
    const missing = await call(city, "POST", "/api/reports/batch", {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain("请选择评估量表");
  });

  it("reports a job whose server went away as interrupted instead of polling forever", async () => {
    const [stale] = await ctx.handle.db
      .insert(exportJobs)
      .values({
        kind: "report-zip",
        userId: binhaiAdmin.userId,
        districtCode: BINHAI,
        params: { instrumentId: MIIT_ID },
        status: "running",
        total: 10,
        done: 3,
        createdAt: new Date(Date.now() - 86_400_000),
      })
      .returning({ id: exportJobs.id });
    const r = await call(binhaiAdmin, "GET", `/api/reports/batch/${stale!.id}`);
    expect(r.json()).toMatchObject({ status: "failed" });
    expect(r.json().errorMessage).toContain("已中断");
    const dl = await call(binhaiAdmin, "GET", `/api/reports/batch/${stale!.id}/download`);
    expect(dl.statusCode).toBe(409);
  });

  it("stops a running batch when the app shuts down, marks it interrupted and closes the browser", async () => {
    const app2 = await buildApp(ctx.handle, ctx.config);
    await app2.ready();
    const start = await app2.inject({
      method: "POST",
      url: "/api/reports/batch",
      headers: { cookie: binhaiAdmin.cookie },
      payload: { instrumentId: MIIT_ID },
    });
    expect(start.statusCode, start.body).toBe(202);
    const { id } = start.json() as { id: string };
    await app2.close(); // waits for the job to stop between two reports
    const [row] = await ctx.handle.db.select().from(exportJobs).where(eq(exportJobs.id, id));
    expect(row).toMatchObject({ status: "failed" });
    expect(row!.errorMessage).toContain("中断");
    // The reports made before the stop are dropped with the failed job.
    expect(await ctx.handle.db.select().from(exportJobFiles).where(eq(exportJobFiles.jobId, id))).toEqual([]);
  });

  it("caps a batch at 2,000 reports", async () => {
    const db = ctx.handle.db;
    const [inst] = await db
      .select({ version: instruments.version })
      .from(instruments)
      .where(and(eq(instruments.id, MIIT_ID), eq(instruments.current, true)));
    const ents = Array.from({ length: 2001 }, (_, i) => {
      const body = `91${HEDONG}MA${String(i).padStart(7, "0")}`;
      return {
        uscc: body + computeUsccCheckChar(body),
        name: `河东测试企业${i}`,
        districtCode: HEDONG,
        industryCode: "C34",
        size: "small",
      };
    });
    await bulkInsert(db, enterprises, ents);
    const rows = await db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(eq(enterprises.districtCode, HEDONG));
    await bulkInsert(
      db,
      assessments,
      rows.map((e) => ({
        enterpriseId: e.id,
        instrumentId: MIIT_ID,
        instrumentVersion: inst!.version,
        status: "submitted",
        submittedAt: new Date(),
        createdBy: city.userId,
      })),
    );
    const r = await call(city, "POST", "/api/reports/batch", { instrumentId: MIIT_ID, districtCode: HEDONG });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain("一次最多导出 2000 份");
  });
});
