import { auditLog, awardPayments, budgetPools, policyAwards, projects } from "@dxcenter/db";
import { EXPERT_SCORE_SHEET, overdueWarnings, type ProjectStatus } from "@dxcenter/domain";
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { shanghaiToday } from "../src/modules/policies/policy.repository";
import {
  BINHAI,
  bureaus,
  createEnterpriseAs,
  enterpriseWithLogin,
  type Session,
  testFile,
  userSession,
} from "./helpers";
import { multipart, readSheet } from "./xlsx-fixtures";

const env = testFile(bureaus);

const WAN = 1_000_000;
const HEDONG = "120102";
let enterprise: Session;
let otherEnterprise: Session;
let expert1: Session;
let expert2: Session;
let strangerExpert: Session;
let department: Session;
let otherDepartment: Session;
let provider: Session;
let entId = "";
let otherEntId = "";
const year = Number(shanghaiToday().slice(0, 4));
const today = shanghaiToday();
const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function call(
  s: Session | null,
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) {
  return env.ctx.app.inject({
    method,
    url,
    headers: { ...(s ? { cookie: s.cookie } : {}), ...headers },
    ...(payload ? { payload } : {}),
  });
}
async function ok<T = Record<string, unknown>>(
  s: Session,
  method: "GET" | "POST" | "PUT" | "PATCH",
  url: string,
  payload?: object,
): Promise<T> {
  const r = await call(s, method, url, payload);
  if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
  return r.json() as T;
}

type Detail = {
  id: string;
  version: number;
  status: ProjectStatus;
  totalInvestmentFen: number;
  equipmentInvestmentFen: number;
  softwareInvestmentFen: number;
  approvedAmountFen: number | null;
  awardId: string | null;
  paidFen: number;
  expertScore: string | null;
  overdue: string[];
  percentComplete: number;
  investmentCompletedFen: number;
  reviews: { stage: string; reviewerId: string; total: number | null }[];
  tranches: {
    tranche: number;
    amountFen: number;
    payable: boolean;
    blockedReason: string | null;
    paid: unknown;
  }[];
  tasks: { id: string }[];
  attachments: { id: string }[];
  evaluation: { steps: { text: string }[] } | null;
  permissions: Record<string, boolean>;
};

const application = (over: Record<string, unknown> = {}) => ({
  name: "智能化生产线技术改造项目",
  type: "tech_upgrade",
  totalInvestmentWan: "1500",
  equipmentInvestmentWan: "800",
  softwareInvestmentWan: "200",
  plannedStartDate: addDays(today, 30),
  plannedFinishDate: addDays(today, 400),
  expectedOutcomes: "关键工序数控化率提升至90%",
  ...over,
});
const fullSheet = (minus = 0) =>
  Object.fromEntries(EXPERT_SCORE_SHEET.map((i, n) => [i.id, n === 0 ? i.max - minus : i.max]));

/** A project of `enterpriseSession`'s company taken to expert review with both experts assigned and scored. */
async function toExpertReview(s: Session, over: Record<string, unknown> = {}, score = true): Promise<Detail> {
  let p = await ok<Detail>(s, "POST", "/api/projects", application(over));
  p = await ok<Detail>(s, "POST", `/api/projects/${p.id}/submit`, { version: p.version });
  p = await ok<Detail>(env.city, "POST", `/api/projects/${p.id}/district-review`, {
    version: p.version,
    decision: "approve",
    opinion: "材料齐全，同意报市级评审",
  });
  p = await ok<Detail>(env.city, "PUT", `/api/projects/${p.id}/reviewers`, {
    version: p.version,
    reviewerIds: [expert1.userId, expert2.userId],
  });
  if (score) {
    await ok(expert1, "POST", `/api/projects/${p.id}/score`, {
      scores: fullSheet(4),
      opinion: "技术方案先进",
    });
    p = await ok<Detail>(expert2, "POST", `/api/projects/${p.id}/score`, {
      scores: fullSheet(5),
      opinion: "效益测算合理",
    });
  }
  return p;
}

async function pools() {
  return env.ctx.handle.db.select().from(budgetPools).where(eq(budgetPools.code, "tj-city-mfg-hq-fund"));
}
async function setPool(districtCode: string | null, totalFen: number) {
  const existing = (await pools()).find((p) => p.districtCode === districtCode && p.year === year);
  if (existing) {
    await env.ctx.handle.db
      .update(budgetPools)
      .set({ totalFen, reservedFen: 0, paidFen: 0 })
      .where(eq(budgetPools.id, existing.id));
    return;
  }
  await env.ctx.handle.db.insert(budgetPools).values({
    code: "tj-city-mfg-hq-fund",
    name: districtCode ? `测试区级技改资金${districtCode}` : "测试市级技改资金",
    payer: districtCode ? "district" : "city",
    districtCode,
    year,
    totalFen,
  });
}

beforeAll(async () => {
  ({ id: entId, session: enterprise } = await enterpriseWithLogin(env.ctx, env.city, {
    districtCode: BINHAI,
  }));
  ({ id: otherEntId, session: otherEnterprise } = await enterpriseWithLogin(env.ctx, env.city, {
    districtCode: BINHAI,
  }));
  expert1 = await userSession(env.ctx, "expert");
  expert2 = await userSession(env.ctx, "expert");
  strangerExpert = await userSession(env.ctx, "expert");
  department = await userSession(env.ctx, "department");
  otherDepartment = await userSession(env.ctx, "department");
  provider = await userSession(env.ctx, "provider");
  await setPool(null, 100_000 * WAN);
  await setPool(BINHAI, 100_000 * WAN);
});

describe("application", () => {
  it("converts 万元 exactly and names the field in Chinese when wrong", async () => {
    const p = await ok<Detail>(
      enterprise,
      "POST",
      "/api/projects",
      application({ totalInvestmentWan: "1500.000001", equipmentInvestmentWan: "0.07" }),
    );
    expect(p.totalInvestmentFen).toBe(1_500_000_001);
    expect(p.equipmentInvestmentFen).toBe(70_000);
    expect(p.status).toBe("draft");
    const bad = await call(
      enterprise,
      "POST",
      "/api/projects",
      application({ totalInvestmentWan: "12.3.4" }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: "totalInvestmentWan" });
    expect(bad.json().message).toContain("项目总投资");
    const over = await call(
      enterprise,
      "POST",
      "/api/projects",
      application({ equipmentInvestmentWan: "1400", softwareInvestmentWan: "100.000001" }),
    );
    expect(over.json()).toMatchObject({
      field: "equipmentInvestmentWan",
      message: "设备投资与软硬件工具投资之和不能超过项目总投资",
    });
    const dates = await call(
      enterprise,
      "POST",
      "/api/projects",
      application({ plannedFinishDate: addDays(today, 10) }),
    );
    expect(dates.json()).toMatchObject({ field: "plannedFinishDate" });
    const noName = await call(enterprise, "POST", "/api/projects", application({ name: "" }));
    expect(noName.statusCode).toBe(400);
    expect(noName.json().message).toContain("项目名称");
  });

  it("an enterprise applies only for itself; district staff only in their district", async () => {
    const own = await ok<Detail & { enterpriseId: string }>(
      enterprise,
      "POST",
      "/api/projects",
      application({ enterpriseId: otherEntId }),
    );
    expect(own.enterpriseId).toBe(entId);
    expect(
      (await call(env.otherDistrict, "POST", "/api/projects", application({ enterpriseId: entId })))
        .statusCode,
    ).toBe(404);
    expect(
      (await call(env.district, "POST", "/api/projects", application({ enterpriseId: entId }))).statusCode,
    ).toBe(201);
    expect(
      (await call(expert1, "POST", "/api/projects", application({ enterpriseId: entId }))).statusCode,
    ).toBe(403);
  });
});

describe("示范 and 再贷款 declarations reach the policy engine", () => {
  type Preview = {
    facts: { fact: string; display: string; source: string }[];
    results: {
      evaluation: {
        policyId: string;
        status: string;
        amountFen: number | null;
        steps: { text: string }[];
        summary: string;
      };
      granted: boolean;
    }[];
  };
  const byId = (p: Preview, id: string) => p.results.find((r) => r.evaluation.policyId === id)!;
  it("a 市级示范 industrial-internet project gets 20 % of the investment capped at 200万元; a re-loan project the interest subsidy", async () => {
    const demo = await ok<Detail & { cityDemonstration: boolean; reloanSupported: boolean }>(
      enterprise,
      "POST",
      "/api/projects",
      application({
        name: "工业互联网平台示范项目",
        type: "industrial_internet",
        totalInvestmentWan: "800",
        equipmentInvestmentWan: "300",
        softwareInvestmentWan: "200",
        cityDemonstration: true,
      }),
    );
    expect(demo).toMatchObject({ cityDemonstration: true, reloanSupported: false });
    const pv = await ok<Preview>(enterprise, "GET", `/api/projects/${demo.id}/subsidy-preview`);
    const d = byId(pv, "tj-city-industrial-internet-demo");
    expect(d.evaluation.status).toBe("eligible");
    expect(d.evaluation.amountFen).toBe(160 * WAN); // 800万 × 20 %
    expect(d.evaluation.steps.map((s) => s.text).join("\n")).toContain("20%");
    expect(pv.facts.find((f) => f.fact === "cityDemonstration")).toMatchObject({
      source: "project",
      sourceText: "项目申报",
    });
    expect(pv.facts.find((f) => f.fact === "districtCode")).toMatchObject({
      source: "registry",
      sourceText: "企业库",
    });
    expect(byId(pv, "national-tech-reloan-interest-subsidy").evaluation.status).toBe("ineligible");

    // Bigger: capped at 200万; and 示范 switched off → ineligible naming the condition.
    const big = await ok<Detail>(enterprise, "PUT", `/api/projects/${demo.id}`, {
      ...application({
        name: "工业互联网平台示范项目",
        type: "industrial_internet",
        totalInvestmentWan: "1500",
        cityDemonstration: true,
      }),
      version: demo.version,
    });
    const capped = byId(
      await ok<Preview>(enterprise, "GET", `/api/projects/${demo.id}/subsidy-preview`),
      "tj-city-industrial-internet-demo",
    );
    expect(capped.evaluation.amountFen).toBe(200 * WAN);
    expect(capped.evaluation.steps.map((s) => s.text)).toContain("超过单个项目最高 200万元，按 200万元 封顶");
    await ok<Detail>(enterprise, "PUT", `/api/projects/${demo.id}`, {
      ...application({ type: "industrial_internet", totalInvestmentWan: "1500", cityDemonstration: false }),
      version: big.version,
    });
    const off = byId(
      await ok<Preview>(enterprise, "GET", `/api/projects/${demo.id}/subsidy-preview`),
      "tj-city-industrial-internet-demo",
    );
    expect(off.evaluation.status).toBe("ineligible");
    expect(off.evaluation.summary).toContain("入选市级示范项目");

    const loan = await ok<Detail & { loanPrincipalFen: number; loanMonths: number }>(
      enterprise,
      "POST",
      "/api/projects",
      application({
        name: "再贷款支持的技改项目",
        loanPrincipalWan: "1000.5",
        loanMonths: 24,
        reloanSupported: true,
      }),
    );
    expect(loan).toMatchObject({ loanPrincipalFen: 1_000_500_000, loanMonths: 24, reloanSupported: true });
    const r = byId(
      await ok<Preview>(enterprise, "GET", `/api/projects/${loan.id}/subsidy-preview`),
      "national-tech-reloan-interest-subsidy",
    );
    expect(r.evaluation.status).toBe("eligible");
    expect(r.evaluation.amountFen).toBe(30_015_000); // 10,005,000 元 × 1.5 % × 24/12 = 300,150 元
    expect(r.evaluation.steps[0]!.text).toContain("× 年贴息 1.5% × 24个月 ÷ 12");

    const noTerm = await call(
      enterprise,
      "POST",
      "/api/projects",
      application({ loanPrincipalWan: "1000", reloanSupported: true }),
    );
    expect(noTerm.statusCode).toBe(400);
    expect(noTerm.json()).toMatchObject({ field: "loanMonths" });
    expect(noTerm.json().message).toContain("贷款期限");
  });
});

describe("the whole cycle", () => {
  it("application → district review → expert review → approval with subsidy → progress → tranches", async () => {
    let p = await ok<Detail>(enterprise, "POST", "/api/projects", application({ name: "全流程项目" }));
    // Attachment by magic bytes.
    const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(64)]);
    const body = multipart({ filename: "可研报告.pdf", content: pdf, contentType: "application/pdf" });
    const up = await call(enterprise, "POST", `/api/projects/${p.id}/attachments`, undefined, body.headers);
    const up2 = await env.ctx.app.inject({
      method: "POST",
      url: `/api/projects/${p.id}/attachments`,
      headers: { ...body.headers, cookie: enterprise.cookie },
      payload: body.payload,
    });
    expect(up.statusCode).toBe(400); // no multipart body
    expect(up2.statusCode).toBe(201);
    const fake = multipart({
      filename: "a.pdf",
      content: Buffer.from("MZ not a pdf"),
      contentType: "application/pdf",
    });
    const bad = await env.ctx.app.inject({
      method: "POST",
      url: `/api/projects/${p.id}/attachments`,
      headers: { ...fake.headers, cookie: enterprise.cookie },
      payload: fake.payload,
    });
    expect(bad.json()).toMatchObject({ code: "INVALID_FILE", field: "file" });
    const att = (up2.json() as { id: string }).id;
    const dl = await call(env.district, "GET", `/api/projects/${p.id}/attachments/${att}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect(
      (await call(env.otherDistrict, "GET", `/api/projects/${p.id}/attachments/${att}`)).statusCode,
    ).toBe(404);

    // Not yet submitted: the district review is a state problem (409), another district cannot see it (404).
    const notSubmitted = await call(env.district, "POST", `/api/projects/${p.id}/district-review`, {
      version: p.version,
      decision: "approve",
      opinion: "x",
    });
    expect(notSubmitted.statusCode).toBe(409);
    expect(notSubmitted.json()).toMatchObject({
      code: "STATE_CONFLICT",
      message: "只有待区级初审的项目可以初审（当前：草稿）",
      params: { entity: "project", status: "draft", step: "districtReview" },
    });
    // The enterprise could never review: 403 with the step's words, whatever the status.
    const notMine = await call(enterprise, "POST", `/api/projects/${p.id}/district-review`, {
      version: p.version,
      decision: "approve",
      opinion: "x",
    });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json()).toMatchObject({ code: "FORBIDDEN", message: "您无权对该项目进行区级初审" });
    p = await ok<Detail>(enterprise, "POST", `/api/projects/${p.id}/submit`, { version: p.version });
    expect(p.status).toBe("district_review");
    expect(
      (await call(enterprise, "PUT", `/api/projects/${p.id}`, { ...application(), version: p.version }))
        .statusCode,
    ).toBe(409);
    expect((await call(env.otherDistrict, "GET", `/api/projects/${p.id}`)).statusCode).toBe(404);
    // Returned for changes, edited, resubmitted.
    p = await ok<Detail>(env.district, "POST", `/api/projects/${p.id}/district-review`, {
      version: p.version,
      decision: "return",
      opinion: "请补充设备清单",
    });
    expect(p.status).toBe("returned");
    p = await ok<Detail>(enterprise, "PUT", `/api/projects/${p.id}`, {
      ...application({ name: "全流程项目" }),
      version: p.version,
    });
    p = await ok<Detail>(enterprise, "POST", `/api/projects/${p.id}/submit`, { version: p.version });
    const stale = await call(env.district, "POST", `/api/projects/${p.id}/district-review`, {
      version: p.version - 1,
      decision: "approve",
      opinion: "同意",
    });
    expect(stale.json()).toMatchObject({ code: "VERSION_CONFLICT" });
    const tooMuch = await call(env.district, "POST", `/api/projects/${p.id}/district-review`, {
      version: p.version,
      decision: "approve",
      opinion: "同意",
      approvedEquipmentWan: "800.01",
    });
    expect(tooMuch.json()).toMatchObject({ field: "approvedEquipmentWan" });
    p = await ok<Detail>(env.district, "POST", `/api/projects/${p.id}/district-review`, {
      version: p.version,
      decision: "approve",
      opinion: "同意报市级评审",
      approvedEquipmentWan: "750",
    });
    expect(p.status).toBe("expert_review");

    // Reviewers: only the city, only expert accounts.
    expect(
      (
        await call(env.district, "PUT", `/api/projects/${p.id}/reviewers`, {
          version: p.version,
          reviewerIds: [expert1.userId],
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(env.city, "PUT", `/api/projects/${p.id}/reviewers`, {
          version: p.version,
          reviewerIds: [provider.userId],
        })
      ).json(),
    ).toMatchObject({ field: "reviewerIds" });
    p = await ok<Detail>(env.city, "PUT", `/api/projects/${p.id}/reviewers`, {
      version: p.version,
      reviewerIds: [expert1.userId, expert2.userId],
    });
    // Experts see only what is assigned to them.
    expect((await call(strangerExpert, "GET", `/api/projects/${p.id}`)).statusCode).toBe(404);
    const mine = await ok<{ items: { id: string }[] }>(expert1, "GET", "/api/projects?toScore=true");
    expect(mine.items.map((i) => i.id)).toContain(p.id);
    expect((await ok<{ total: number }>(strangerExpert, "GET", "/api/projects")).total).toBe(0);
    const wrongSheet = await call(expert1, "POST", `/api/projects/${p.id}/score`, {
      scores: { ...fullSheet(), necessity: 21 },
      opinion: "x",
    });
    expect(wrongSheet.json()).toMatchObject({
      field: "scores.necessity",
      message: "项目必要性与政策符合度：应为 0–20 的整数分",
    });
    await ok(expert1, "POST", `/api/projects/${p.id}/score`, {
      scores: fullSheet(4),
      opinion: "技术方案先进",
    });
    p = await ok<Detail>(env.city, "GET", `/api/projects/${p.id}`);
    const early = await call(env.city, "POST", `/api/projects/${p.id}/decision`, {
      version: p.version,
      decision: "approve",
      opinion: "同意",
    });
    expect(early.json()).toMatchObject({ code: "REVIEW_OPEN", message: "还有 1 位评审专家尚未评分" });
    await ok(expert2, "POST", `/api/projects/${p.id}/score`, {
      scores: fullSheet(5),
      opinion: "效益测算合理",
    });
    p = await ok<Detail>(env.city, "GET", `/api/projects/${p.id}`);
    expect(p.expertScore).toBe("95.5"); // (96 + 95) / 2
    const asExpert = await ok<Detail>(expert1, "GET", `/api/projects/${p.id}`);
    expect(asExpert.reviews.filter((r) => r.stage === "expert").map((r) => r.reviewerId)).toEqual([
      expert1.userId,
    ]);
    const asEnterprise = await ok<Detail>(enterprise, "GET", `/api/projects/${p.id}`);
    expect(asEnterprise.reviews.some((r) => r.stage === "expert")).toBe(false);

    // Subsidy preview: every project policy, with steps; tech upgrade 10 % × (800 + 200) = 100万 beats 设备更新 10 % × 750 = 75万.
    const preview = await ok<{
      defaultPolicyId: string;
      results: {
        evaluation: { policyId: string; status: string; amountFen: number | null; steps: { text: string }[] };
        granted: boolean;
        exclusion?: { text: string };
      }[];
      tranchePlan: { amountFen: number }[];
    }>(enterprise, "GET", `/api/projects/${p.id}/subsidy-preview`);
    expect(preview.results.map((r) => r.evaluation.policyId).sort()).toEqual([
      "national-tech-reloan-interest-subsidy",
      "national-ultra-long-bond-equipment-renewal",
      "tj-city-equipment-renewal",
      "tj-city-industrial-internet-demo",
      "tj-city-tech-upgrade",
    ]);
    const byId = (id: string) => preview.results.find((r) => r.evaluation.policyId === id)!;
    expect(preview.defaultPolicyId).toBe("tj-city-tech-upgrade");
    expect(byId("tj-city-tech-upgrade").evaluation.amountFen).toBe(100 * WAN);
    expect(byId("tj-city-tech-upgrade").evaluation.steps.length).toBeGreaterThan(0);
    expect(byId("tj-city-equipment-renewal").evaluation.amountFen).toBe(75 * WAN);
    expect(byId("tj-city-equipment-renewal").granted).toBe(false);
    expect(byId("tj-city-equipment-renewal").exclusion?.text).toContain("不重复享受");
    expect(byId("national-ultra-long-bond-equipment-renewal").evaluation.status).toBe("ineligible");
    expect(preview.tranchePlan.map((t) => t.amountFen)).toEqual([50 * WAN, 50 * WAN]);

    // Approve: award created and budget reserved from both pools (district 50 %, city the rest).
    const before = await pools();
    p = await ok<Detail>(env.city, "POST", `/api/projects/${p.id}/decision`, {
      version: p.version,
      decision: "approve",
      opinion: "同意立项",
    });
    expect(p.status).toBe("approved");
    expect(p.approvedAmountFen).toBe(100 * WAN);
    const [award] = await env.ctx.handle.db
      .select()
      .from(policyAwards)
      .where(eq(policyAwards.id, p.awardId!));
    expect(award).toMatchObject({
      source: "application",
      projectId: p.id,
      amountFen: 100 * WAN,
      status: "enterprise_confirmed",
      policyId: "tj-city-tech-upgrade",
    });
    const after = await pools();
    const delta = (d: string | null) =>
      after.find((x) => x.districtCode === d && x.year === year)!.reservedFen -
      before.find((x) => x.districtCode === d && x.year === year)!.reservedFen;
    expect(delta(BINHAI)).toBe(50 * WAN);
    expect(delta(null)).toBe(50 * WAN);
    const [audit] = await env.ctx.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "project.decide"), eq(auditLog.entityId, p.id)));
    expect((audit!.after as { formula: string[]; approvedAmountFen: number }).approvedAmountFen).toBe(
      100 * WAN,
    );
    expect((audit!.after as { formula: string[] }).formula.length).toBeGreaterThan(0);
    expect(p.evaluation?.steps.length).toBeGreaterThan(0);

    // Progress: 开工 first; tranche 1 only after it.
    expect(
      (
        await call(enterprise, "POST", `/api/projects/${p.id}/reports`, {
          kind: "progress",
          reportDate: today,
          percent: 10,
        })
      ).statusCode,
    ).toBe(409);
    const notDue = await call(
      env.city,
      "POST",
      `/api/projects/${p.id}/pay`,
      { tranche: 1 },
      { "idempotency-key": `t1-early-${p.id}` },
    );
    expect(notDue.json()).toMatchObject({ code: "TRANCHE_NOT_DUE", message: "第1笔须在项目报告开工后拨付" });
    p = await ok<Detail>(enterprise, "POST", `/api/projects/${p.id}/reports`, {
      kind: "start",
      reportDate: today,
    });
    expect(p.status).toBe("in_construction");
    expect(
      (
        await call(
          enterprise,
          "POST",
          `/api/projects/${p.id}/pay`,
          { tranche: 1 },
          { "idempotency-key": `t1-ent-${p.id}` },
        )
      ).statusCode,
    ).toBe(403);
    const key1 = `t1-${p.id}`;
    const pay1 = await call(
      env.city,
      "POST",
      `/api/projects/${p.id}/pay`,
      { tranche: 1, voucherNo: "凭证-001" },
      { "idempotency-key": key1 },
    );
    expect(pay1.json()).toMatchObject({ created: true, tranche: 1, amountFen: 50 * WAN });
    const retry = await call(
      env.city,
      "POST",
      `/api/projects/${p.id}/pay`,
      { tranche: 1, voucherNo: "凭证-001" },
      { "idempotency-key": key1 },
    );
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ created: false, tranche: 1 });
    const again = await call(
      env.city,
      "POST",
      `/api/projects/${p.id}/pay`,
      { tranche: 1 },
      { "idempotency-key": `t1-other-${p.id}` },
    );
    expect(again.json()).toMatchObject({ code: "TRANCHE_NOT_DUE", message: "第1笔已拨付" });
    expect(
      await env.ctx.handle.db.select().from(awardPayments).where(eq(awardPayments.awardId, p.awardId!)),
    ).toHaveLength(1);

    p = await ok<Detail>(enterprise, "POST", `/api/projects/${p.id}/reports`, {
      kind: "progress",
      reportDate: today,
      percent: 60,
      investmentCompletedWan: "900",
    });
    expect(p).toMatchObject({ percentComplete: 60, investmentCompletedFen: 900 * WAN });
    const down = await call(enterprise, "POST", `/api/projects/${p.id}/reports`, {
      kind: "progress",
      reportDate: today,
      percent: 50,
    });
    expect(down.json()).toMatchObject({ field: "percent" });
    const aboveTotal = await call(enterprise, "POST", `/api/projects/${p.id}/reports`, {
      kind: "progress",
      reportDate: today,
      percent: 70,
      investmentCompletedWan: "1500.000001",
    });
    expect(aboveTotal.json()).toMatchObject({
      field: "investmentCompletedWan",
      message: "累计完成投资不能超过项目总投资",
    });
    p = await ok<Detail>(enterprise, "POST", `/api/projects/${p.id}/reports`, {
      kind: "completion",
      reportDate: today,
      investmentCompletedWan: "1480",
    });
    expect(p.status).toBe("acceptance");
    const t2early = await call(
      env.city,
      "POST",
      `/api/projects/${p.id}/pay`,
      { tranche: 2 },
      { "idempotency-key": `t2-early-${p.id}` },
    );
    expect(t2early.json().message).toBe("第2笔须在项目通过竣工验收后拨付");
    expect(
      (
        await call(enterprise, "POST", `/api/projects/${p.id}/accept`, {
          version: p.version,
          opinion: "自验",
        })
      ).statusCode,
    ).toBe(403);
    // 退回整改: a reason is required; back to 建设中, the enterprise sees why, reports again, re-accepted.
    const noReason = await call(env.district, "POST", `/api/projects/${p.id}/rectify`, {
      version: p.version,
      reason: " ",
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain("整改原因");
    expect(
      (
        await call(enterprise, "POST", `/api/projects/${p.id}/rectify`, {
          version: p.version,
          reason: "自己退回",
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(env.otherDistrict, "POST", `/api/projects/${p.id}/rectify`, {
          version: p.version,
          reason: "别区退回",
        })
      ).statusCode,
    ).toBe(404);
    p = await ok<Detail>(env.district, "POST", `/api/projects/${p.id}/rectify`, {
      version: p.version,
      reason: "消防验收资料不全，请补充后重新报告竣工",
    });
    expect(p.status).toBe("in_construction");
    const seen = await ok<
      Detail & { finishedOn: string | null; reviews: { decision: string | null; opinion: string | null }[] }
    >(enterprise, "GET", `/api/projects/${p.id}`);
    expect(seen.finishedOn).toBeNull();
    expect(seen.reviews.at(-1)).toMatchObject({
      decision: "rectify",
      opinion: "消防验收资料不全，请补充后重新报告竣工",
    });
    const [rectifyAudit] = await env.ctx.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, p.id), eq(auditLog.action, "project.rectify")));
    expect(rectifyAudit).toMatchObject({
      before: { status: "acceptance" },
      after: { status: "in_construction", reason: "消防验收资料不全，请补充后重新报告竣工" },
    });
    // Accepting now is a state conflict (it is under construction again).
    const acceptEarly = await call(env.district, "POST", `/api/projects/${p.id}/accept`, {
      version: p.version,
      opinion: "通过",
    });
    expect(acceptEarly.statusCode).toBe(409);
    expect(acceptEarly.json().message).toContain("只有已报告竣工的项目可以验收");
    p = await ok<Detail>(enterprise, "POST", `/api/projects/${p.id}/reports`, {
      kind: "progress",
      reportDate: today,
      percent: 100,
      note: "已补充消防验收资料",
    });
    expect(p.status).toBe("in_construction");
    p = await ok<Detail>(enterprise, "POST", `/api/projects/${p.id}/reports`, {
      kind: "completion",
      reportDate: today,
      investmentCompletedWan: "1490",
    });
    expect(p.status).toBe("acceptance");
    p = await ok<Detail>(env.district, "POST", `/api/projects/${p.id}/accept`, {
      version: p.version,
      opinion: "通过竣工验收",
    });
    expect(p.status).toBe("completed");
    const pay2 = await ok<{ project: Detail }>(env.city, "POST", `/api/projects/${p.id}/pay`, {
      tranche: 2,
      idempotencyKey: `t2-${p.id}`,
    });
    expect(pay2.project.paidFen).toBe(100 * WAN);
    expect(pay2.project.tranches.every((t) => t.paid)).toBe(true);
    const [paidAward] = await env.ctx.handle.db
      .select()
      .from(policyAwards)
      .where(eq(policyAwards.id, p.awardId!));
    expect(paidAward).toMatchObject({ status: "paid", paidFen: 100 * WAN });
  });
});

describe("export", () => {
  it("the filtered list as one sheet: same headers, labels and 万元 texts; audited with the exporter's district", async () => {
    const p = await ok<Detail & { enterpriseName: string }>(env.district, "POST", "/api/projects", {
      ...application({ name: "导出检查项目", equipmentInvestmentWan: "800.5" }),
      enterpriseId: entId,
    });
    const r = await call(env.district, "GET", `/api/projects/export?q=${encodeURIComponent("导出检查项目")}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-disposition"]).toContain(encodeURIComponent("技改项目.xlsx"));
    const rows = await readSheet(r.rawPayload, "技改项目");
    expect(rows).toEqual([
      [
        "项目名称",
        "企业名称",
        "所属区",
        "项目类型",
        "状态",
        "预警",
        "总投资（万元）",
        "设备投资（万元）",
        "软硬件投资（万元）",
        "计划开工",
        "计划竣工",
        "开工日期",
        "竣工日期",
        "完成进度",
        "累计完成投资（万元）",
        "专家评分",
        "核定补助（万元）",
        "已拨付（万元）",
        "提交时间（北京时间）",
      ],
      [
        "导出检查项目",
        p.enterpriseName,
        "滨海新区",
        "技术改造",
        "草稿",
        "",
        "1,500.00",
        "800.50",
        "200.00",
        addDays(today, 30),
        addDays(today, 400),
        "",
        "",
        "0%",
        "0.00",
        "",
        "",
        "0.00",
      ],
    ]);
    const [audit] = await env.ctx.handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "project.export"))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect(audit).toMatchObject({ districtCode: BINHAI });
    expect(p.status).toBe("draft");
  });
});

describe("scoping", () => {
  it("enterprise only its own; district only its district; department and provider none", async () => {
    const mine = await ok<Detail>(enterprise, "POST", "/api/projects", application({ name: "范围测试项目" }));
    expect((await call(otherEnterprise, "GET", `/api/projects/${mine.id}`)).statusCode).toBe(404);
    const list = await ok<{ items: { enterpriseId: string }[] }>(
      otherEnterprise,
      "GET",
      "/api/projects?pageSize=200",
    );
    expect(list.items.every((i) => i.enterpriseId === otherEntId)).toBe(true);
    expect((await ok<{ total: number }>(env.otherDistrict, "GET", "/api/projects")).total).toBe(0);
    expect((await ok<{ total: number }>(env.district, "GET", "/api/projects")).total).toBeGreaterThan(0);
    expect((await call(department, "GET", "/api/projects")).statusCode).toBe(403);
    expect((await call(provider, "GET", `/api/projects/${mine.id}`)).statusCode).toBe(403);
  });

  it("departments see and answer only the tasks assigned to them", async () => {
    const p = await toExpertReview(enterprise, { name: "协同任务项目" }, false);
    const t = await ok<{ id: string; version: number; departmentName: string }>(
      env.district,
      "POST",
      `/api/projects/${p.id}/tasks`,
      {
        departmentUserId: department.userId,
        kind: "land",
        title: "协调厂区扩建用地指标",
        deadline: addDays(today, -1),
      },
    );
    await ok(env.district, "POST", `/api/projects/${p.id}/tasks`, {
      departmentName: "某规划资源局",
      kind: "eia",
      title: "环评审批",
      deadline: addDays(today, 20),
    });
    const noDept = await call(env.district, "POST", `/api/projects/${p.id}/tasks`, {
      kind: "other",
      title: "无部门",
      deadline: today,
    });
    expect(noDept.json()).toMatchObject({ field: "departmentName" });
    expect(
      (
        await call(env.otherDistrict, "POST", `/api/projects/${p.id}/tasks`, {
          departmentUserId: department.userId,
          kind: "land",
          title: "跨区任务",
          deadline: today,
        })
      ).statusCode,
    ).toBe(404);
    const mine = await ok<{ items: { id: string; overdue: boolean; canAnswer: boolean }[] }>(
      department,
      "GET",
      "/api/coordination-tasks",
    );
    expect(mine.items.map((i) => i.id)).toEqual([t.id]);
    expect(mine.items[0]).toMatchObject({ overdue: true, canAnswer: true });
    expect((await ok<{ total: number }>(otherDepartment, "GET", "/api/coordination-tasks")).total).toBe(0);
    expect(
      (
        await call(otherDepartment, "PATCH", `/api/coordination-tasks/${t.id}`, {
          version: t.version,
          status: "done",
          response: "x",
        })
      ).statusCode,
    ).toBe(404);
    const noResponse = await call(department, "PATCH", `/api/coordination-tasks/${t.id}`, {
      version: t.version,
      status: "done",
    });
    expect(noResponse.json()).toMatchObject({ field: "response" });
    const done = await ok<{ status: string; overdue: boolean }>(
      department,
      "PATCH",
      `/api/coordination-tasks/${t.id}`,
      { version: t.version, status: "done", response: "已纳入年度用地计划" },
    );
    expect(done).toMatchObject({ status: "done", overdue: false });
    expect((await call(enterprise, "GET", "/api/coordination-tasks")).statusCode).toBe(403);
    expect((await ok<{ total: number }>(env.otherDistrict, "GET", "/api/coordination-tasks")).total).toBe(0);
    expect((await ok<{ total: number }>(env.district, "GET", "/api/coordination-tasks")).total).toBe(2);
  });
});

describe("overdue", () => {
  it("flags from Shanghai dates agree with the domain rules and filter the list", async () => {
    const make = async (name: string, set: Partial<typeof projects.$inferInsert>) => {
      const p = await ok<Detail>(
        enterprise,
        "POST",
        "/api/projects",
        application({ name, plannedStartDate: addDays(today, -200), plannedFinishDate: addDays(today, 200) }),
      );
      await env.ctx.handle.db.update(projects).set(set).where(eq(projects.id, p.id));
      return p.id;
    };
    const cases = {
      startLate: await make("逾期未开工", { status: "approved", plannedStartDate: addDays(today, -1) }),
      startToday: await make("今日开工", { status: "approved", plannedStartDate: today }),
      finishLate: await make("逾期未竣工", {
        status: "in_construction",
        startedOn: addDays(today, -100),
        lastReportOn: addDays(today, -5),
        plannedFinishDate: addDays(today, -1),
      }),
      stale: await make("进度滞报", {
        status: "in_construction",
        startedOn: addDays(today, -100),
        lastReportOn: addDays(today, -31),
      }),
      fresh: await make("按时报告", {
        status: "in_construction",
        startedOn: addDays(today, -100),
        lastReportOn: addDays(today, -30),
      }),
      staleNoReport: await make("开工后未报告", {
        status: "in_construction",
        startedOn: addDays(today, -31),
      }),
    };
    const rows = await env.ctx.handle.db
      .select()
      .from(projects)
      .where(inArray(projects.id, Object.values(cases)));
    for (const r of rows) {
      const detail = await ok<Detail>(env.city, "GET", `/api/projects/${r.id}`);
      expect(detail.overdue, r.name).toEqual(
        overdueWarnings(
          {
            status: r.status as ProjectStatus,
            plannedStartDate: r.plannedStartDate,
            plannedFinishDate: r.plannedFinishDate,
            startedOn: r.startedOn,
            lastReportOn: r.lastReportOn,
          },
          today,
        ),
      );
    }
    expect((await ok<Detail>(env.city, "GET", `/api/projects/${cases.startLate}`)).overdue).toEqual([
      "start_late",
    ]);
    expect((await ok<Detail>(env.city, "GET", `/api/projects/${cases.finishLate}`)).overdue).toEqual([
      "finish_late",
    ]);
    expect((await ok<Detail>(env.city, "GET", `/api/projects/${cases.stale}`)).overdue).toEqual([
      "report_stale",
    ]);
    const list = await ok<{ items: { id: string }[] }>(
      env.district,
      "GET",
      "/api/projects?overdue=true&pageSize=200",
    );
    expect(list.items.map((i) => i.id).sort()).toEqual(
      [cases.startLate, cases.finishLate, cases.stale, cases.staleNoReport].sort(),
    );
  });
});

describe("pipeline", () => {
  it("counts and sums by year and status, growth vs 2023 (hand-computed)", async () => {
    const hedong = (await createEnterpriseAs(env.ctx, env.city, { districtCode: HEDONG })).id;
    const rows: [number, ProjectStatus, number, number][] = [
      // year, status, total 万元, completed 万元
      [2023, "completed", 1000, 1000],
      [2023, "in_construction", 600, 200],
      [2024, "approved", 2000, 0],
      [2024, "completed", 500, 480],
      [2024, "draft", 900, 0],
      [2025, "rejected", 300, 0],
    ];
    for (const [y, status, total, done] of rows) {
      const p = await ok<Detail>(
        env.city,
        "POST",
        "/api/projects",
        application({
          enterpriseId: hedong,
          totalInvestmentWan: String(total),
          equipmentInvestmentWan: "0",
          softwareInvestmentWan: "0",
          plannedStartDate: `${y}-03-01`,
          plannedFinishDate: `${y + 1}-03-01`,
        }),
      );
      await env.ctx.handle.db
        .update(projects)
        .set({ status, investmentCompletedFen: done * WAN })
        .where(eq(projects.id, p.id));
    }
    const s = await ok<{
      years: {
        year: number;
        count: number;
        plannedFen: number;
        completedFen: number;
        vsBasePercent: string | null;
      }[];
      cells: { year: number; status: string; count: number; plannedFen: number }[];
      totals: { count: number; plannedFen: number; completedFen: number };
      targetGrowthPercent: number;
    }>(env.city, "GET", `/api/projects/pipeline?districtCode=${HEDONG}`);
    expect(s.totals).toMatchObject({ count: 6, plannedFen: 5300 * WAN, completedFen: 1680 * WAN });
    // Funded only: 2023 = 1600万, 2024 = 2500万 → 156.3 % (2500 / 1600 = 1.5625, half up).
    expect(s.years).toEqual([
      { year: 2023, count: 2, plannedFen: 1600 * WAN, completedFen: 1200 * WAN, vsBasePercent: "100.0" },
      { year: 2024, count: 2, plannedFen: 2500 * WAN, completedFen: 480 * WAN, vsBasePercent: "156.3" },
    ]);
    expect(s.cells.find((c) => c.year === 2024 && c.status === "draft")).toMatchObject({
      count: 1,
      plannedFen: 900 * WAN,
    });
    expect(s.targetGrowthPercent).toBe(25);
    expect(
      (await call(env.district, "GET", `/api/projects/pipeline?districtCode=${HEDONG}`)).statusCode,
    ).toBe(403);
    expect((await call(enterprise, "GET", "/api/projects/pipeline")).statusCode).toBe(403);
  });
});

describe("money integrity", () => {
  it("N parallel approvals against a pool that funds only k: exactly k succeed, the pool never goes negative", async () => {
    const N = 5;
    const k = 2;
    const ps: Detail[] = [];
    for (let i = 0; i < N; i++) ps.push(await toExpertReview(otherEnterprise, { name: `并发立项${i}` }));
    // Each needs 50万 from the district pool: fund exactly k.
    await setPool(BINHAI, k * 50 * WAN);
    await setPool(null, 100_000 * WAN);
    const results = await Promise.all(
      ps.map((p) =>
        call(env.city, "POST", `/api/projects/${p.id}/decision`, {
          version: p.version,
          decision: "approve",
          opinion: "同意",
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(k);
    expect(codes.filter((c) => c === 409)).toHaveLength(N - k);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(r.json().code).toBe("BUDGET_EXCEEDED");
    const pool = (await pools()).find((p) => p.districtCode === BINHAI && p.year === year)!;
    expect(pool.reservedFen + pool.paidFen).toBe(k * 50 * WAN);
    // Refused approvals left nothing behind: still in expert review, no award.
    const refused = ps.filter((_, i) => results[i]!.statusCode === 409).map((p) => p.id);
    const left = await env.ctx.handle.db.select().from(projects).where(inArray(projects.id, refused));
    expect(left.every((r) => r.status === "expert_review" && r.awardId === null)).toBe(true);
    const orphan = await env.ctx.handle.db
      .select()
      .from(policyAwards)
      .where(inArray(policyAwards.projectId, refused));
    expect(orphan).toHaveLength(0);
    await setPool(BINHAI, 100_000 * WAN);
  });

  it("parallel retries with one key pay once; parallel different keys for one tranche pay once", async () => {
    await setPool(BINHAI, 100_000 * WAN);
    let p = await toExpertReview(otherEnterprise, { name: "并发拨付" });
    p = await ok<Detail>(env.city, "POST", `/api/projects/${p.id}/decision`, {
      version: p.version,
      decision: "approve",
      opinion: "同意",
    });
    p = await ok<Detail>(otherEnterprise, "POST", `/api/projects/${p.id}/reports`, {
      kind: "start",
      reportDate: today,
    });
    const key = `parallel-${p.id}`;
    const same = await Promise.all(
      [1, 2, 3, 4].map(() =>
        call(env.city, "POST", `/api/projects/${p.id}/pay`, { tranche: 1 }, { "idempotency-key": key }),
      ),
    );
    expect(same.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    expect(same.filter((r) => r.json().created === true)).toHaveLength(1);
    let paid = await env.ctx.handle.db
      .select()
      .from(awardPayments)
      .where(eq(awardPayments.awardId, p.awardId!));
    expect(paid).toHaveLength(1);
    // Tranche 2 with three different keys at once, after acceptance: exactly one pays.
    p = await ok<Detail>(otherEnterprise, "POST", `/api/projects/${p.id}/reports`, {
      kind: "completion",
      reportDate: today,
    });
    p = await ok<Detail>(env.city, "POST", `/api/projects/${p.id}/accept`, {
      version: p.version,
      opinion: "验收通过",
    });
    const diff = await Promise.all(
      [1, 2, 3].map((i) =>
        call(
          env.city,
          "POST",
          `/api/projects/${p.id}/pay`,
          { tranche: 2 },
          { "idempotency-key": `diff-${i}-${p.id}` },
        ),
      ),
    );
    expect(diff.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(diff.filter((r) => r.statusCode === 409)).toHaveLength(2);
    paid = await env.ctx.handle.db.select().from(awardPayments).where(eq(awardPayments.awardId, p.awardId!));
    expect(paid.map((x) => x.amountFen).reduce((a, b) => a + b, 0)).toBe(100 * WAN);
    const [award] = await env.ctx.handle.db
      .select()
      .from(policyAwards)
      .where(eq(policyAwards.id, p.awardId!));
    expect(award).toMatchObject({ status: "paid", paidFen: 100 * WAN });
    const negative = await env.ctx.handle.db
      .select({ id: budgetPools.id })
      .from(budgetPools)
      .where(sql`${budgetPools.reservedFen} < 0 or ${budgetPools.paidFen} < 0`);
    expect(negative).toHaveLength(0);
  });
});
