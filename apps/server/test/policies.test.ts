import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { auditLog, awardPayments, budgetPools, enterprises, policyAwards, policySweeps } from "@dxcenter/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shanghaiToday, yearOf } from "../src/lib/dates";
import {
  DEFAULT_POLICIES_DIR,
  DEMO_POLICIES_DIR,
  PolicyFileError,
  readPolicyFiles,
  syncPolicies,
} from "../src/modules/policies/policy-loader";
import {
  BINHAI,
  createEnterpriseAs,
  createTestContext,
  HEPING,
  type Session,
  type TestContext,
  userSession,
} from "./helpers";
import { readSheet } from "./xlsx-fixtures";

const YEAR = yearOf(shanghaiToday());
const DEMO = "demo-tj-cloud-award";

// biome-ignore lint/suspicious/noExplicitAny: JSON answers of many shapes, checked by the assertions
type Json = Record<string, any>;
async function call(
  ctx: TestContext,
  s: Session | null,
  method: "GET" | "POST" | "PATCH",
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) {
  const res = await ctx.app.inject({
    method,
    url,
    headers: { ...(s ? { cookie: s.cookie } : {}), ...headers },
    ...(payload ? { payload } : {}),
  });
  return {
    status: res.statusCode,
    body: (res.headers["content-type"]?.toString().includes("json") ? res.json() : res.body) as Json,
  };
}

async function sweepAndWait(ctx: TestContext, s: Session, policyId: string, body: object = {}) {
  const r = await call(ctx, s, "POST", `/api/policies/${policyId}/sweep`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  for (let i = 0; i < 200; i++) {
    const j = await call(ctx, s, "GET", `/api/policy-sweeps/${r.body.id}`);
    if (j.body.status === "done" || j.body.status === "failed") return j.body;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error("sweep did not finish");
}

async function pool(
  ctx: TestContext,
  city: Session,
  payer: "city" | "district",
  totalWan: string,
  districtCode?: string,
) {
  const r = await call(ctx, city, "POST", "/api/budget-pools", {
    code: "demo-dx-award",
    name: `${payer}池`,
    payer,
    year: YEAR,
    totalWan,
    ...(districtCode ? { districtCode } : {}),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

const cloudEnterprise = { aboveScale: true, cloudAdopted: true };

describe("policy files", () => {
  it("refuses a changed definition under an old version, naming the file and the version field", async () => {
    const ctx = await createTestContext();
    try {
      const dir = mkdtempSync(join(tmpdir(), "dxc-pol-"));
      const src = JSON.parse(readFileSync(join(DEMO_POLICIES_DIR, `${DEMO}.json`), "utf8"));
      writeFileSync(join(dir, `${DEMO}.json`), JSON.stringify(src));
      await syncPolicies(ctx.handle.db, [DEFAULT_POLICIES_DIR, dir]);
      src.parameters[0].value = 6_000_000;
      writeFileSync(join(dir, `${DEMO}.json`), JSON.stringify(src));
      await expect(syncPolicies(ctx.handle.db, [DEFAULT_POLICIES_DIR, dir])).rejects.toThrow(
        /demo-tj-cloud-award 版本 2026\.1-demo（demo-tj-cloud-award\.json）的内容已改变但版本号 version 未变/,
      );
      src.version = "2026.2-demo";
      writeFileSync(join(dir, `${DEMO}.json`), JSON.stringify(src));
      const r = await syncPolicies(ctx.handle.db, [DEFAULT_POLICIES_DIR, dir]);
      expect(r.loaded).toEqual(["demo-tj-cloud-award@2026.2-demo"]);
      const detail = await call(ctx, null, "GET", `/api/policies/${DEMO}`);
      expect(detail.body.version).toBe("2026.2-demo");
      expect(detail.body.otherVersions).toEqual(["2026.1-demo"]);
    } finally {
      await ctx.close();
    }
  }, 180_000);

  it("a wrong file names the file and the field in Chinese", () => {
    const dir = mkdtempSync(join(tmpdir(), "dxc-pol-"));
    const src = JSON.parse(readFileSync(join(DEMO_POLICIES_DIR, `${DEMO}.json`), "utf8"));
    src.conditions.of[0].fact = "noSuchFact";
    writeFileSync(join(dir, "bad.json"), JSON.stringify(src));
    expect(() => readPolicyFiles([dir])).toThrow(PolicyFileError);
    expect(() => readPolicyFiles([dir])).toThrow(/政策文件 bad\.json 校验未通过：\n {2}conditions\.of\.0/);
  });
});

describe("policies API: catalogue and calculator", () => {
  let ctx: TestContext;
  let city: Session;
  let district: Session;
  let other: Session;
  let ent: Session;
  let entId = "";
  beforeAll(async () => {
    ctx = await createTestContext();
    city = await userSession(ctx, "city_admin");
    district = await userSession(ctx, "district_admin", { districtCode: BINHAI });
    other = await userSession(ctx, "district_admin", { districtCode: HEPING });
    entId = (await createEnterpriseAs(ctx, city, { districtCode: BINHAI })).id;
    ent = await userSession(ctx, "enterprise", { enterpriseId: entId });
  }, 180_000);
  afterAll(() => ctx.close());

  it("lists the shipped policies publicly with filters, sort and pagination", async () => {
    const all = await call(ctx, null, "GET", "/api/policies?pageSize=50");
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(8);
    const national = await call(ctx, null, "GET", "/api/policies?level=national");
    expect(national.body.items.map((p: Json) => p.id).sort()).toEqual([
      "national-tech-reloan-interest-subsidy",
      "national-ultra-long-bond-equipment-renewal",
    ]);
    const ent = await call(ctx, null, "GET", "/api/policies?beneficiary=enterprise&sort=name&order=desc");
    expect(ent.body.total).toBe(3);
    const q = await call(ctx, null, "GET", `/api/policies?q=${encodeURIComponent("上云")}`);
    expect(q.body.items.map((p: Json) => p.id)).toEqual(["tj-city-cloud-adoption"]);
    const page = await call(ctx, null, "GET", "/api/policies?pageSize=3&page=3");
    expect(page.body.items).toHaveLength(2);
    const expired = await call(ctx, null, "GET", "/api/policies?validToday=false");
    expect(expired.body.items.every((p: Json) => p.validToday === false)).toBe(true);
  });

  it("shows a policy with its source clause, setByCity parameters and unconfirmed notes", async () => {
    const r = await call(ctx, null, "GET", "/api/policies/tj-city-tech-upgrade");
    expect(r.status).toBe(200);
    expect(r.body.definition.source.clause).toContain("總投資1000萬元以上");
    expect(r.body.definition.parameters[0]).toMatchObject({ id: "districtShare", setByCity: true });
    expect(r.body.unconfirmed).toBeGreaterThan(0);
    expect(r.body.formulaText).toBe("先进设备及软硬件工具投资 × 10%");
    expect(r.body.conditionTexts).toContain("项目总投资 ≥ 1,000万元");
    expect((await call(ctx, null, "GET", "/api/policies/no-such-policy")).status).toBe(404);
  });

  const project = (totalWan: string) => ({
    projectType: "tech_upgrade",
    totalInvestmentWan: totalWan,
    equipmentInvestmentWan: "600",
    softwareInvestmentWan: "100",
    approvedEquipmentInvestmentWan: "600",
  });
  const byId = (body: Json, id: string) => body.results.find((r: Json) => r.evaluation.policyId === id);

  it("calculator: 900万元 is below the 1000万元 threshold, with the exact reason; 设备更新 eligible with steps", async () => {
    const r = await call(ctx, ent, "POST", "/api/policy-calculator", { facts: project("900") });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const tech = byId(r.body, "tj-city-tech-upgrade");
    expect(tech.evaluation.status).toBe("ineligible");
    expect(tech.reason).toBe("项目总投资 900万元，低于 1,000万元门槛（需 ≥ 1,000万元）");
    const renewal = byId(r.body, "tj-city-equipment-renewal");
    expect(renewal.evaluation.status).toBe("eligible");
    expect(renewal.evaluation.amountFen).toBe(60_000_000);
    expect(renewal.evaluation.steps.map((s: Json) => s.text)).toEqual([
      "核定设备投资 600万元 × 10% = 60万元",
      "由市级财政全额承担 60万元",
    ]);
    expect(renewal.granted).toBe(true);
    // The registry has no 上云 answer for this enterprise: unknown, never "no".
    const cloud = byId(r.body, "tj-city-cloud-adoption");
    expect(cloud.evaluation.status).toBe("missing");
    expect(cloud.evaluation.missing.map((m: Json) => m.fact)).toContain("cloudAdopted");
    expect(r.body.facts.find((f: Json) => f.fact === "totalInvestmentFen")).toMatchObject({
      display: "900万元",
      source: "input",
    });
    expect(r.body.facts.find((f: Json) => f.fact === "districtCode")).toMatchObject({ source: "registry" });
  });

  it("calculator boundary: exactly 1000万元 qualifies, one fen less does not; non-cumulation picks the higher", async () => {
    const at = await call(ctx, ent, "POST", "/api/policy-calculator", { facts: project("1000") });
    const tech = byId(at.body, "tj-city-tech-upgrade");
    expect(tech.evaluation.status).toBe("eligible");
    expect(tech.evaluation.amountFen).toBe(70_000_000);
    expect(tech.granted).toBe(true);
    const renewal = byId(at.body, "tj-city-equipment-renewal");
    expect(renewal.granted).toBe(false);
    expect(renewal.exclusion.text).toContain("不重复享受");
    const below = await call(ctx, ent, "POST", "/api/policy-calculator", { facts: project("999.999999") });
    expect(byId(below.body, "tj-city-tech-upgrade").reason).toBe(
      "项目总投资 9,999,999.99元，低于 1,000万元门槛（需 ≥ 1,000万元）",
    );
  });

  it("calculator refuses a malformed amount naming the field", async () => {
    const r = await call(ctx, ent, "POST", "/api/policy-calculator", {
      facts: { totalInvestmentWan: "九百" },
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ field: "facts.totalInvestmentWan" });
    expect(r.body.message).toMatch(/^项目总投资：/);
    const frac = await call(ctx, ent, "POST", "/api/policy-calculator", {
      facts: { totalInvestmentWan: "1.0000001" },
    });
    expect(frac.status).toBe(400);
  });

  it("calculator scope: the district for its enterprises only; other roles refused", async () => {
    expect(
      (await call(ctx, district, "POST", "/api/policy-calculator", { enterpriseId: entId, facts: {} }))
        .status,
    ).toBe(200);
    expect(
      (await call(ctx, city, "POST", "/api/policy-calculator", { enterpriseId: entId, facts: {} })).status,
    ).toBe(200);
    expect(
      (await call(ctx, other, "POST", "/api/policy-calculator", { enterpriseId: entId, facts: {} })).status,
    ).toBe(404);
    const provider = await userSession(ctx, "provider");
    expect(
      (await call(ctx, provider, "POST", "/api/policy-calculator", { enterpriseId: entId })).status,
    ).toBe(403);
    expect((await call(ctx, null, "POST", "/api/policy-calculator", { enterpriseId: entId })).status).toBe(
      401,
    );
    expect((await call(ctx, city, "POST", "/api/policy-calculator", { facts: {} })).status).toBe(400);
  });
});

describe("免申即享: sweep → district confirm → enterprise intent → payment", () => {
  let ctx: TestContext;
  let city: Session;
  let district: Session;
  let other: Session;
  const binhai: string[] = [];
  let heping = "";
  beforeAll(async () => {
    ctx = await createTestContext();
    await syncPolicies(ctx.handle.db, [DEFAULT_POLICIES_DIR, DEMO_POLICIES_DIR]);
    city = await userSession(ctx, "city_admin");
    district = await userSession(ctx, "district_admin", { districtCode: BINHAI });
    other = await userSession(ctx, "district_admin", { districtCode: HEPING });
    for (let i = 0; i < 3; i++)
      binhai.push((await createEnterpriseAs(ctx, city, { districtCode: BINHAI, ...cloudEnterprise })).id);
    heping = (await createEnterpriseAs(ctx, city, { districtCode: HEPING, ...cloudEnterprise })).id;
    await createEnterpriseAs(ctx, city, { districtCode: BINHAI, aboveScale: true }); // 上云 unknown → missing
    await createEnterpriseAs(ctx, city, { districtCode: BINHAI, aboveScale: true, cloudAdopted: false });
    await pool(ctx, city, "city", "500");
    await pool(ctx, city, "district", "50", BINHAI);
  }, 180_000);
  afterAll(() => ctx.close());

  it("a district sweep identifies its eligible enterprises only, and a re-run adds nothing", async () => {
    const s = await sweepAndWait(ctx, district, DEMO);
    expect(s).toMatchObject({
      status: "done",
      districtCode: BINHAI,
      total: 5,
      eligible: 3,
      identified: 3,
      existing: 0,
      missing: 1,
      ineligible: 1,
      identifiedFen: 15_000_000,
      progress: 100,
    });
    const again = await sweepAndWait(ctx, district, DEMO);
    expect(again).toMatchObject({ identified: 0, existing: 3 });
    const list = await call(ctx, district, "GET", `/api/policy-awards?policyId=${DEMO}`);
    expect(list.body.total).toBe(3);
    expect(list.body.items.every((a: Json) => a.status === "identified" && a.amountFen === 5_000_000)).toBe(
      true,
    );
    expect((await call(ctx, other, "GET", "/api/policy-awards")).body.total).toBe(0);
    // Project policies are not swept.
    expect((await call(ctx, city, "POST", "/api/policies/tj-city-tech-upgrade/sweep", {})).status).toBe(409);
    // Other district's sweep result cannot be read by someone else.
    const s2 = await call(ctx, city, "POST", `/api/policies/${DEMO}/sweep`, { districtCode: HEPING });
    expect((await call(ctx, district, "GET", `/api/policy-sweeps/${s2.body.id}`)).status).toBe(404);
    await new Promise((r) => setTimeout(r, 300));
  });

  it("walks one award through every step with budget moving reserved → paid, audited", async () => {
    const ent = await userSession(ctx, "enterprise", { enterpriseId: binhai[0]! });
    const [award] = (await call(ctx, district, "GET", `/api/policy-awards?enterpriseId=${binhai[0]}`)).body
      .items;
    // Before the district confirms, the enterprise does not see the screening result.
    expect((await call(ctx, ent, "GET", "/api/policy-awards")).body.total).toBe(0);
    expect(
      (
        await call(ctx, ent, "POST", `/api/policy-awards/${award.id}/enterprise-confirm`, {
          version: award.version,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(ctx, other, "POST", `/api/policy-awards/${award.id}/district-confirm`, {
          version: award.version,
        })
      ).status,
    ).toBe(404);
    const stale = await call(ctx, district, "POST", `/api/policy-awards/${award.id}/district-confirm`, {
      version: award.version + 5,
    });
    expect(stale.status).toBe(409);
    const confirmed = await call(ctx, district, "POST", `/api/policy-awards/${award.id}/district-confirm`, {
      version: award.version,
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.status).toBe("district_confirmed");
    expect(confirmed.body.reservations.map((r: Json) => r.amountFen).sort()).toEqual([2_500_000, 2_500_000]);
    const pools = (await call(ctx, city, "GET", `/api/budget-pools?year=${YEAR}`)).body;
    expect(pools.map((p: Json) => [p.payer, p.reservedFen])).toEqual(
      expect.arrayContaining([
        ["city", 2_500_000],
        ["district", 2_500_000],
      ]),
    );
    // Payment before the enterprise's intent: refused by state.
    const early = await call(
      ctx,
      city,
      "POST",
      `/api/policy-awards/${award.id}/payments`,
      {},
      { "idempotency-key": "early-key-0001" },
    );
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: "STATE_CONFLICT",
      message: "当前状态为“区级已确认，待企业确认”，只有企业已确认意愿的记录可以登记拨付",
      params: { entity: "award", status: "district_confirmed", step: "pay" },
    });
    const mine = await call(ctx, ent, "GET", "/api/policy-awards");
    expect(mine.body.items[0].permissions).toMatchObject({
      enterpriseConfirm: true,
      decline: true,
      pay: false,
    });
    const intent = await call(ctx, ent, "POST", `/api/policy-awards/${award.id}/enterprise-confirm`, {
      version: confirmed.body.version,
    });
    expect(intent.body.status).toBe("enterprise_confirmed");
    expect(
      (
        await call(
          ctx,
          district,
          "POST",
          `/api/policy-awards/${award.id}/payments`,
          {},
          { "idempotency-key": "district-key-01" },
        )
      ).status,
    ).toBe(403);
    expect((await call(ctx, city, "POST", `/api/policy-awards/${award.id}/payments`, {})).status).toBe(400);
    const paid = await call(
      ctx,
      city,
      "POST",
      `/api/policy-awards/${award.id}/payments`,
      { voucherNo: "财拨-1" },
      { "idempotency-key": "pay-award-0001" },
    );
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect(paid.body.award).toMatchObject({ status: "paid", paidFen: 5_000_000 });
    const retry = await call(
      ctx,
      city,
      "POST",
      `/api/policy-awards/${award.id}/payments`,
      { voucherNo: "财拨-1" },
      { "idempotency-key": "pay-award-0001" },
    );
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ created: false, payment: { id: paid.body.payment.id } });
    const after = (await call(ctx, city, "GET", `/api/budget-pools?year=${YEAR}`)).body;
    expect(after.map((p: Json) => [p.payer, p.reservedFen, p.paidFen])).toEqual(
      expect.arrayContaining([
        ["city", 0, 2_500_000],
        ["district", 0, 2_500_000],
      ]),
    );
    const audit = await call(ctx, city, "GET", `/api/audit?entityId=${award.id}&pageSize=50`);
    const actions = (audit.body.items as Json[]).map((x) => x.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "policy_award.identify",
        "policy_award.district_confirm",
        "policy_award.enterprise_confirm",
        "policy_award.pay",
      ]),
    );
    const confirmRow = (audit.body.items as Json[]).find(
      (x) => x.action === "policy_award.district_confirm",
    )!;
    expect(confirmRow.after).toMatchObject({
      amountFen: 5_000_000,
      formula: [
        "定额奖补 5万元",
        "每家企业累计最高 5万元，未超过",
        "区级财政承担 50% = 2.5万元",
        "市级财政承担其余部分 = 2.5万元",
      ],
    });
  });

  it("a decline releases the reservation; a withdrawn award can be identified again", async () => {
    const ent = await userSession(ctx, "enterprise", { enterpriseId: binhai[1]! });
    const [award] = (await call(ctx, district, "GET", `/api/policy-awards?enterpriseId=${binhai[1]}`)).body
      .items;
    const c = await call(ctx, district, "POST", `/api/policy-awards/${award.id}/district-confirm`, {
      version: award.version,
    });
    const d = await call(ctx, ent, "POST", `/api/policy-awards/${award.id}/decline`, {
      version: c.body.version,
      reason: "暂不需要",
    });
    expect(d.body.status).toBe("declined");
    const pools = (await call(ctx, city, "GET", `/api/budget-pools?year=${YEAR}`)).body;
    expect(pools.every((p: Json) => p.reservedFen === 0)).toBe(true);
    const [third] = (await call(ctx, district, "GET", `/api/policy-awards?enterpriseId=${binhai[2]}`)).body
      .items;
    const w = await call(ctx, district, "POST", `/api/policy-awards/${third.id}/withdraw`, {
      version: third.version,
      reason: "信息有误",
    });
    expect(w.body.status).toBe("withdrawn");
    const s = await sweepAndWait(ctx, district, DEMO);
    expect(s).toMatchObject({ identified: 1, existing: 2 });
  });

  it("refuses to reserve beyond the pool, showing what is left", async () => {
    const [award] = (await call(ctx, city, "GET", `/api/policy-awards?enterpriseId=${heping}`)).body.items;
    // 和平区 has no district pool yet.
    const none = await call(ctx, city, "POST", `/api/policy-awards/${award.id}/district-confirm`, {
      version: award.version,
    });
    expect(none.status).toBe(409);
    expect(none.body.message).toContain(`${YEAR}年度尚未设立“demo-dx-award”和平区预算池`);
    await pool(ctx, city, "district", "1", HEPING);
    const short = await call(ctx, city, "POST", `/api/policy-awards/${award.id}/district-confirm`, {
      version: award.version,
    });
    expect(short.status).toBe(409);
    expect(short.body).toMatchObject({
      code: "BUDGET_EXCEEDED",
      message: "预算池“district池”剩余可用 1万元，不足以预留本笔 2.5万元",
    });
    // Nothing half-written: the city pool's reservation was rolled back too.
    const pools = (await call(ctx, city, "GET", `/api/budget-pools?year=${YEAR}`)).body;
    expect(pools.every((p: Json) => p.reservedFen === 0)).toBe(true);
    const [hp] = pools.filter((p: Json) => p.districtCode === HEPING);
    const below = await call(ctx, city, "PATCH", `/api/budget-pools/${hp.id}`, {
      version: hp.version,
      totalWan: "2.5",
    });
    expect(below.status).toBe(200);
    expect(
      (
        await call(ctx, city, "POST", `/api/policy-awards/${award.id}/district-confirm`, {
          version: award.version,
        })
      ).status,
    ).toBe(200);
    const [hp2] = (await call(ctx, city, "GET", `/api/budget-pools?year=${YEAR}`)).body.filter(
      (p: Json) => p.districtCode === HEPING,
    );
    const shrink = await call(ctx, city, "PATCH", `/api/budget-pools/${hp2.id}`, {
      version: hp2.version,
      totalWan: "2",
    });
    expect(shrink.status).toBe(409);
    expect(shrink.body.message).toBe("预算总额不能低于已预留与已拨付合计 2.5万元");
  });

  it("exports the award list as xlsx", async () => {
    const r = await ctx.app.inject({
      method: "GET",
      url: "/api/policy-awards/export",
      headers: { cookie: district.cookie },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toContain("spreadsheetml");
    expect(r.headers["content-disposition"]).toContain(encodeURIComponent("政策兑现清单.xlsx"));
    const awards = await readSheet(r.rawPayload, "政策兑现");
    expect(awards[0]).toEqual([
      "企业名称",
      "所属区",
      "政策",
      "政策版本",
      "状态",
      "金额（万元）",
      "已拨付（万元）",
      "资金分担",
      "识别时间",
      "区级确认时间",
      "企业确认时间",
      "拨付完成时间",
      "放弃/撤销原因",
    ]);
    const paidRow = awards.find((row) => row[4] === "已拨付")!;
    expect(paidRow.slice(1, 8)).toEqual([
      "滨海新区",
      "（演示）天津市规上工业企业上云奖励",
      paidRow[3],
      "已拨付",
      "5.000000",
      "5.000000",
      "区级财政 2.500000万元；市级财政 2.500000万元",
    ]);
    expect(paidRow[11]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(awards.find((row) => row[4] === "企业已放弃")![12]).toBe("暂不需要");
    const p = await ctx.app.inject({
      method: "GET",
      url: "/api/policies/export",
      headers: { cookie: city.cookie },
    });
    expect(p.statusCode).toBe(200);
    expect(p.headers["content-disposition"]).toContain(encodeURIComponent("政策库.xlsx"));
    const policies = await readSheet(p.rawPayload, "政策库");
    expect(policies[0]).toEqual([
      "政策编号",
      "版本",
      "政策名称",
      "层级",
      "适用地区",
      "支持对象",
      "计算方法",
      "生效日期",
      "截止日期",
      "今日有效",
      "待市里设定的参数",
      "待确认事项",
      "来源文件",
    ]);
    const tech = policies.find((row) => row[0] === "tj-city-tech-upgrade")!;
    expect(tech.slice(3, 6)).toEqual(["市级", "天津市", "项目"]);
    expect(tech[9]).toMatch(/^[是否]$/);
    const audit = await call(ctx, city, "GET", "/api/audit?action=policy_award.export&pageSize=5");
    expect(audit.body.items[0]).toMatchObject({ districtCode: BINHAI, after: { rows: awards.length - 1 } });
    expect((await call(ctx, district, "GET", "/api/policies/export")).status).toBe(200);
    expect((await call(ctx, await userSession(ctx, "provider"), "GET", "/api/policies/export")).status).toBe(
      403,
    );
  });
});

describe("money integrity under concurrency", () => {
  let ctx: TestContext;
  let city: Session;
  let district: Session;
  const ents: string[] = [];
  beforeAll(async () => {
    ctx = await createTestContext();
    await syncPolicies(ctx.handle.db, [DEFAULT_POLICIES_DIR, DEMO_POLICIES_DIR]);
    city = await userSession(ctx, "city_admin");
    district = await userSession(ctx, "district_admin", { districtCode: BINHAI });
    for (let i = 0; i < 6; i++)
      ents.push((await createEnterpriseAs(ctx, city, { districtCode: BINHAI, ...cloudEnterprise })).id);
    await pool(ctx, city, "city", "500");
    // The district pool funds exactly two district shares of 2.5万元.
    await pool(ctx, city, "district", "5", BINHAI);
    await sweepAndWait(ctx, district, DEMO);
  }, 180_000);
  afterAll(() => ctx.close());

  it("N parallel confirmations against a pool for k of them: exactly k succeed, never over total", async () => {
    const awards = (await call(ctx, district, "GET", `/api/policy-awards?policyId=${DEMO}`)).body
      .items as Json[];
    expect(awards).toHaveLength(6);
    const results = await Promise.all(
      awards.map((a) =>
        call(ctx, district, "POST", `/api/policy-awards/${a.id}/district-confirm`, { version: a.version }),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 409);
    expect(ok).toHaveLength(2);
    expect(refused).toHaveLength(4);
    for (const r of refused) expect(r.body.code).toBe("BUDGET_EXCEEDED");
    const rows = await ctx.handle.db.select().from(budgetPools);
    for (const p of rows) expect(p.reservedFen + p.paidFen).toBeLessThanOrEqual(p.totalFen);
    expect(rows.find((p) => p.districtCode === BINHAI)!.reservedFen).toBe(5_000_000);
    expect(rows.find((p) => p.districtCode === null)!.reservedFen).toBe(5_000_000);
    const confirmed = await ctx.handle.db
      .select()
      .from(policyAwards)
      .where(eq(policyAwards.status, "district_confirmed"));
    expect(confirmed).toHaveLength(2);
  });

  it("the same idempotency key, in parallel and again later, pays exactly once", async () => {
    const confirmed = (await call(ctx, city, "GET", "/api/policy-awards?status=district_confirmed")).body
      .items as Json[];
    const a = confirmed[0]!;
    const ent = await userSession(ctx, "enterprise", { enterpriseId: a.enterpriseId });
    const intent = await call(ctx, ent, "POST", `/api/policy-awards/${a.id}/enterprise-confirm`, {
      version: a.version,
    });
    expect(intent.status).toBe(200);
    const key = { "idempotency-key": "parallel-payment-key-1" };
    const body = { amountWan: "2" };
    const parallel = await Promise.all(
      [1, 2, 3].map(() => call(ctx, city, "POST", `/api/policy-awards/${a.id}/payments`, body, key)),
    );
    expect(parallel.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(parallel.map((r) => r.body.payment.id)).size).toBe(1);
    const later = await call(ctx, city, "POST", `/api/policy-awards/${a.id}/payments`, {
      amountWan: "2",
      idempotencyKey: "parallel-payment-key-1",
    });
    expect(later).toMatchObject({ status: 200, body: { created: false } });
    const payments = await ctx.handle.db.select().from(awardPayments).where(eq(awardPayments.awardId, a.id));
    expect(payments).toHaveLength(1);
    expect(payments[0]!.amountFen).toBe(2_000_000);
    // The second tranche pays the rest and closes the award.
    const rest = await call(
      ctx,
      city,
      "POST",
      `/api/policy-awards/${a.id}/payments`,
      {},
      { "idempotency-key": "parallel-payment-key-2" },
    );
    expect(rest.body.award).toMatchObject({ status: "paid", paidFen: 5_000_000 });
    expect(rest.body.payment.tranche).toBe(2);
    // A key already used for this award cannot be used for another.
    const b = confirmed[1]!;
    const entB = await userSession(ctx, "enterprise", { enterpriseId: b.enterpriseId });
    await call(ctx, entB, "POST", `/api/policy-awards/${b.id}/enterprise-confirm`, { version: b.version });
    const reused = await call(ctx, city, "POST", `/api/policy-awards/${b.id}/payments`, {}, key);
    expect(reused.status).toBe(409);
    const rows = await ctx.handle.db.select().from(budgetPools);
    const total = rows.reduce((s, p) => s + p.paidFen, 0);
    expect(total).toBe(5_000_000);
  });
});

describe("non-cumulation at confirmation", () => {
  it("an enterprise cannot hold two granted awards of one group", async () => {
    const ctx = await createTestContext();
    try {
      const dir = mkdtempSync(join(tmpdir(), "dxc-pol-"));
      const src = JSON.parse(readFileSync(join(DEMO_POLICIES_DIR, `${DEMO}.json`), "utf8"));
      for (const id of ["test-group-a", "test-group-b"]) {
        writeFileSync(
          join(dir, `${id}.json`),
          JSON.stringify({
            ...src,
            id,
            name: `测试政策${id}`,
            nonCumulation: { group: "test-group", note: "测试：同组不重复享受" },
          }),
        );
      }
      await syncPolicies(ctx.handle.db, [DEFAULT_POLICIES_DIR, dir]);
      const city = await userSession(ctx, "city_admin");
      const e = await createEnterpriseAs(ctx, city, { districtCode: BINHAI, ...cloudEnterprise });
      await pool(ctx, city, "city", "100");
      await pool(ctx, city, "district", "100", BINHAI);
      await sweepAndWait(ctx, city, "test-group-a");
      await sweepAndWait(ctx, city, "test-group-b");
      const awards = (
        await call(ctx, city, "GET", `/api/policy-awards?enterpriseId=${e.id}&sort=enterpriseName`)
      ).body.items as Json[];
      expect(awards).toHaveLength(2);
      const a = awards.find((x) => x.policyId === "test-group-a")!;
      const b = awards.find((x) => x.policyId === "test-group-b")!;
      expect(
        (await call(ctx, city, "POST", `/api/policy-awards/${a.id}/district-confirm`, { version: a.version }))
          .status,
      ).toBe(200);
      const second = await call(ctx, city, "POST", `/api/policy-awards/${b.id}/district-confirm`, {
        version: b.version,
      });
      expect(second.status).toBe(409);
      expect(second.body.code).toBe("NON_CUMULATIVE");
      expect(second.body.message).toContain("与“测试政策test-group-b”不重复享受");
    } finally {
      await ctx.close();
    }
  }, 180_000);
});

describe("免申即享 awards are recomputed at confirmation (current facts, current version)", () => {
  let ctx: TestContext;
  let city: Session;
  let district: Session;
  const ents: string[] = [];
  let dir = "";
  let src: Json = {};
  beforeAll(async () => {
    ctx = await createTestContext();
    dir = mkdtempSync(join(tmpdir(), "dxc-recompute-"));
    src = JSON.parse(readFileSync(join(DEMO_POLICIES_DIR, `${DEMO}.json`), "utf8"));
    writeFileSync(join(dir, `${DEMO}.json`), JSON.stringify(src));
    await syncPolicies(ctx.handle.db, [DEFAULT_POLICIES_DIR, dir]);
    city = await userSession(ctx, "city_admin");
    district = await userSession(ctx, "district_admin", { districtCode: BINHAI });
    for (let i = 0; i < 3; i++)
      ents.push((await createEnterpriseAs(ctx, city, { districtCode: BINHAI, ...cloudEnterprise })).id);
    await pool(ctx, city, "city", "500");
    await pool(ctx, city, "district", "50", BINHAI);
    await sweepAndWait(ctx, district, DEMO);
  }, 180_000);
  afterAll(() => ctx.close());

  const awardOf = async (enterpriseId: string) =>
    (await call(ctx, district, "GET", `/api/policy-awards?enterpriseId=${enterpriseId}`)).body
      .items[0] as Json;
  const pools = async () =>
    (await ctx.handle.db.select().from(budgetPools).where(eq(budgetPools.code, "demo-dx-award")))
      .map((p) => p.reservedFen)
      .reduce((s, x) => s + x, 0);
  const audits = async (id: string) =>
    ctx.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "policy_award.recompute")));

  it("no longer eligible at the district's confirmation: refused with the failed condition in Chinese, nothing reserved", async () => {
    const a = await awardOf(ents[0]!);
    await ctx.handle.db.update(enterprises).set({ cloudAdopted: false }).where(eq(enterprises.id, ents[0]!));
    const before = await pools();
    const r = await call(ctx, district, "POST", `/api/policy-awards/${a.id}/district-confirm`, {
      version: a.version,
    });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe("NO_LONGER_ELIGIBLE");
    expect(r.body.message).toBe(
      "按现行政策和企业最新信息重新核算：不符合“（演示）天津市规上工业企业上云奖励”：已上云：否（需为“是”）",
    );
    expect(await pools()).toBe(before);
    expect((await awardOf(ents[0]!)).status).toBe("identified");
  });

  it("unchanged: confirmed at the identified amount, no recompute audit", async () => {
    const a = await awardOf(ents[1]!);
    const r = await call(ctx, district, "POST", `/api/policy-awards/${a.id}/district-confirm`, {
      version: a.version,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.amountFen).toBe(5_000_000);
    expect(await audits(a.id)).toHaveLength(0);
  });

  it("a new policy version (8万元): the district confirmation stores and reserves the new amount, audited with before/after", async () => {
    // A version of its own (definitions are cached per id + version in the process).
    // Enterprise 1 is already district-confirmed at 5万; enterprise 2 is still identified.
    src.version = "2026.3-recompute";
    src.parameters[0].value = 8_000_000;
    src.amount.caps.perEnterpriseFen = 8_000_000;
    writeFileSync(join(dir, `${DEMO}.json`), JSON.stringify(src));
    await syncPolicies(ctx.handle.db, [DEFAULT_POLICIES_DIR, dir]);
    const a = await awardOf(ents[2]!);
    expect(a.amountFen).toBe(5_000_000);
    const before = await pools();
    const r = await call(ctx, district, "POST", `/api/policy-awards/${a.id}/district-confirm`, {
      version: a.version,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ amountFen: 8_000_000, policyVersion: "2026.3-recompute" });
    expect(await pools()).toBe(before + 8_000_000);
    const [log] = await audits(a.id);
    expect(log).toMatchObject({
      before: { stage: "district_confirm", amountFen: 5_000_000, policyVersion: "2026.1-demo" },
      after: { stage: "district_confirm", amountFen: 8_000_000, policyVersion: "2026.3-recompute" },
    });
    expect((log!.after as Json).formula.join("")).toContain("8万元");
    expect((log!.after as Json).facts).toMatchObject({ aboveScale: true, cloudAdopted: true });
  });

  it("the enterprise's confirmation recomputes too: reservation moved from 5万 to 8万; no longer eligible → refused", async () => {
    const ent = await userSession(ctx, "enterprise", { enterpriseId: ents[1]! });
    const a = await awardOf(ents[1]!);
    expect(a).toMatchObject({ status: "district_confirmed", amountFen: 5_000_000 });
    const before = await pools();
    const r = await call(ctx, ent, "POST", `/api/policy-awards/${a.id}/enterprise-confirm`, {
      version: a.version,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: "enterprise_confirmed", amountFen: 8_000_000 });
    expect(r.body.reservations.map((x: Json) => x.amountFen).sort()).toEqual([4_000_000, 4_000_000]);
    expect(await pools()).toBe(before + 3_000_000);
    const [log] = await audits(a.id);
    expect(log).toMatchObject({
      before: { stage: "enterprise_confirm", amountFen: 5_000_000 },
      after: { stage: "enterprise_confirm", amountFen: 8_000_000 },
    });

    // Enterprise 2 (district-confirmed at 8万) stops being 规上 before confirming its intent.
    const ent2 = await userSession(ctx, "enterprise", { enterpriseId: ents[2]! });
    const b = await awardOf(ents[2]!);
    await ctx.handle.db.update(enterprises).set({ aboveScale: false }).where(eq(enterprises.id, ents[2]!));
    const refused = await call(ctx, ent2, "POST", `/api/policy-awards/${b.id}/enterprise-confirm`, {
      version: b.version,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(
      "按现行政策和企业最新信息重新核算：不符合“（演示）天津市规上工业企业上云奖励”：规上企业：否（需为“是”）",
    );
    expect((await awardOf(ents[2]!)).status).toBe("district_confirmed");
  });
  it("sweep lease: a running sweep whose node died is taken over by the next request; a live one is returned as is", async () => {
    const [stale] = await ctx.handle.db
      .insert(policySweeps)
      .values({
        policyId: DEMO,
        policyVersion: "2026.1-demo",
        districtCode: BINHAI,
        userId: district.userId,
        status: "running",
        total: 10,
        done: 3,
        heartbeatAt: new Date(Date.now() - 10 * 60_000),
      })
      .returning();
    const taken = await sweepAndWait(ctx, district, DEMO);
    expect(taken.id).not.toBe(stale!.id);
    expect(taken.status).toBe("done");
    const [old] = await ctx.handle.db.select().from(policySweeps).where(eq(policySweeps.id, stale!.id));
    expect(old).toMatchObject({ status: "failed" });
    expect(old!.errorMessage).toBe("执行中断：已 10 分钟未更新进度（租约 2 分钟已过期），已由新的筛查接管");
    const [log] = await ctx.handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "policy.sweep_takeover"));
    expect(log).toMatchObject({
      before: { sweepId: stale!.id, status: "running", done: 3, total: 10 },
      after: { sweepId: stale!.id, status: "failed", takenOverBy: taken.id },
    });
    // Readers see the takeover (a node that wakes up later is refused by its next lease renewal).
    const seen = await call(ctx, district, "GET", `/api/policy-sweeps/${stale!.id}`);
    expect(seen.body).toMatchObject({ status: "failed", errorMessage: old!.errorMessage });

    // A live lease: the request returns the running sweep instead of starting a second one.
    const [live] = await ctx.handle.db
      .insert(policySweeps)
      .values({
        policyId: DEMO,
        policyVersion: "2026.1-demo",
        districtCode: BINHAI,
        userId: district.userId,
        status: "running",
      })
      .returning();
    const again = await call(ctx, district, "POST", `/api/policies/${DEMO}/sweep`, {});
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(live!.id);
    const running = await ctx.handle.db
      .select()
      .from(policySweeps)
      .where(and(eq(policySweeps.policyId, DEMO), eq(policySweeps.status, "running")));
    expect(running.map((r) => r.id)).toEqual([live!.id]);
    // Another scope (the whole city) is a different job.
    const cityWide = await sweepAndWait(ctx, city, DEMO);
    expect(cityWide.id).not.toBe(live!.id);
    await ctx.handle.db.update(policySweeps).set({ status: "failed" }).where(eq(policySweeps.id, live!.id));
  });
});
