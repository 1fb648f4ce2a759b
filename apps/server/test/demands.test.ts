import { assessments, auditLog, diagnoses, diagnosisTeam } from "@dxcenter/db";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { MIIT, zeroAnswers } from "../../../packages/domain/src/assessment/test-support";
import { BINHAI, bureaus, createEnterpriseAs, HEPING, type Session, testFile, userSession } from "./helpers";
import { addCases, insertProvider, providerSession, publishSolution } from "./solutions-fixtures";

const env = testFile(bureaus);

let ent: Session;
let entId = "";
let hepingEntId = "";
let provA: string;
let provB: string;
let provC: string;
let provAUser: Session;
let provBUser: Session;
let provCUser: Session;
const sol: Record<string, string> = {};

async function req(s: Session | null, method: "GET" | "POST" | "PATCH", url: string, payload?: object) {
  return env.ctx.app.inject({
    method,
    url,
    headers: s ? { cookie: s.cookie } : {},
    ...(payload ? { payload } : {}),
  });
}

beforeAll(async () => {
  const e = await createEnterpriseAs(env.ctx, env.city, { districtCode: BINHAI, industryCode: "C34" });
  entId = e.id;
  hepingEntId = (await createEnterpriseAs(env.ctx, env.city, { districtCode: HEPING })).id;
  ent = await userSession(env.ctx, "enterprise", { enterpriseId: entId });
  provA = await insertProvider(env.ctx, { name: "甲设备智能科技有限公司" });
  provB = await insertProvider(env.ctx, { name: "乙工业软件有限公司" });
  provC = await insertProvider(env.ctx, { name: "丙云服务有限公司" });
  await addCases(env.ctx, provA, 5);
  provAUser = await providerSession(env.ctx, provA);
  provBUser = await providerSession(env.ctx, provB);
  provCUser = await providerSession(env.ctx, provC);
  sol.A = (
    await publishSolution(env.ctx, provAUser, { name: "设备预测性维护", sceneIds: ["S08", "S07"] })
  ).id;
  sol.B = (
    await publishSolution(env.ctx, provBUser, {
      name: "生产执行全家桶",
      sceneIds: ["op-production"],
      priceMinWan: "80",
      priceMaxWan: "120",
    })
  ).id;
  // Cheapest, best record — but for a scene nobody in the demand asked for.
  sol.Z = (
    await publishSolution(env.ctx, provCUser, {
      name: "财务云",
      sceneIds: ["S13"],
      priceMinWan: "1",
      priceMaxWan: "2",
    })
  ).id;
});

let demandId = "";

describe("demands and matching", () => {
  it("posts a demand with the budget in 万元 converted exactly to 分", async () => {
    const r = await req(ent, "POST", "/api/demands", {
      title: "设备联网与质量追溯",
      sceneIds: ["S08", "S07"],
      budgetWan: "40.05",
      description: "希望半年内上线",
    });
    expect(r.statusCode, r.body).toBe(201);
    const d = r.json();
    expect(d.budgetFen).toBe(40_050_000);
    expect(d.sceneNames).toEqual(["设备管理", "质量管理"]);
    expect(d.source).toBe("posted");
    demandId = d.id;
    const audit = await env.ctx.handle.db.select().from(auditLog).where(eq(auditLog.entityId, demandId));
    expect(audit.map((a) => a.action)).toContain("demand.create");
  });

  it("refuses bad input with a Chinese message naming the field", async () => {
    const r = await req(ent, "POST", "/api/demands", {
      title: "预算错误",
      sceneIds: ["S08"],
      budgetWan: "3.1234567",
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ field: "budgetWan" });
    expect(r.json().message).toContain("预算");
    const noScene = await req(ent, "POST", "/api/demands", { title: "无场景", sceneIds: [] });
    expect(noScene.statusCode).toBe(400);
    expect(noScene.json().message).toContain("场景");
    const unknown = await req(ent, "POST", "/api/demands", { title: "未知场景", sceneIds: ["X99"] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().field).toBe("sceneIds");
  });

  it("ranks deterministically with reasons; zero scene coverage never outranks coverage", async () => {
    const a = await req(ent, "GET", `/api/demands/${demandId}/matches`);
    expect(a.statusCode, a.body).toBe(200);
    const m = a.json();
    const ids = m.solutions.map((s: { solution: { id: string } }) => s.solution.id);
    expect(ids).toContain(sol.A);
    expect(ids).toContain(sol.B); // tagged with the sub-domain of both scenes
    expect(ids).not.toContain(sol.Z); // covers nothing asked for: prefiltered, ranked after all anyway
    expect(ids[0]).toBe(sol.A);
    const top = m.solutions[0];
    expect(top.reasons).toHaveLength(6);
    expect(top.reasons[0]).toContain("覆盖需求场景 2/2");
    expect(top.reasons[1]).toContain("5 个案例");
    expect(top.breakdown.map((b: { label: string }) => b.label)).toEqual([
      "场景匹配",
      "行业经验",
      "实测成效",
      "企业评价",
      "服务区域",
      "预算匹配",
    ]);
    expect(m.providers[0].providerId).toBe(provA);
    const b = await req(ent, "GET", `/api/demands/${demandId}/matches`);
    expect(b.json().solutions).toEqual(m.solutions);
  });

  it("the enterprise shortlists; the provider sees only demands matched to it and marks contacted", async () => {
    const r = await req(ent, "POST", `/api/demands/${demandId}/leads`, { solutionId: sol.A });
    expect(r.statusCode, r.body).toBe(201);
    const d = r.json();
    expect(d.status).toBe("matched");
    expect(d.leads[0]).toMatchObject({ solutionId: sol.A, status: "shortlisted" });
    const dup = await req(ent, "POST", `/api/demands/${demandId}/leads`, { solutionId: sol.A });
    expect(dup.statusCode).toBe(409);

    const listA = await req(provAUser, "GET", "/api/demands");
    expect(listA.json().items.map((x: { id: string }) => x.id)).toContain(demandId);
    const listC = await req(provCUser, "GET", "/api/demands");
    expect(listC.json().items.map((x: { id: string }) => x.id)).not.toContain(demandId);
    expect((await req(provCUser, "GET", `/api/demands/${demandId}`)).statusCode).toBe(404);
    // A provider does not see the full ranking of competitors.
    expect((await req(provAUser, "GET", `/api/demands/${demandId}/matches`)).statusCode).toBe(403);

    const lead = d.leads[0];
    const contract = await req(provAUser, "POST", `/api/demands/${demandId}/leads/${lead.id}`, {
      status: "contracted",
      version: lead.version,
    });
    expect(contract.statusCode).toBe(403);
    const contacted = await req(provAUser, "POST", `/api/demands/${demandId}/leads/${lead.id}`, {
      status: "contacted",
      version: lead.version,
    });
    expect(contacted.statusCode, contacted.body).toBe(200);
    expect(contacted.json().leads[0].status).toBe("contacted");
    const l2 = contacted.json().leads[0];
    const done = await req(ent, "POST", `/api/demands/${demandId}/leads/${lead.id}`, {
      status: "contracted",
      version: l2.version,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().leads[0]).toMatchObject({ status: "contracted" });
    expect(done.json().leads[0].contractedAt).toBeTruthy();
    // Contracted is final: a 409 that names the lead's status and the step (LEAD_WORKFLOW).
    const again = await req(ent, "POST", `/api/demands/${demandId}/leads/${lead.id}`, {
      status: "declined",
      version: done.json().leads[0].version,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: "STATE_CONFLICT",
      message: "对接线索不能从“已签约”改为“已放弃”",
      params: { entity: "lead", status: "contracted", step: "decline" },
    });
  });

  it("district scoping and funnel counts", async () => {
    const h = await req(env.city, "POST", "/api/demands", {
      enterpriseId: hepingEntId,
      title: "和平区需求",
      sceneIds: ["S13"],
    });
    expect(h.statusCode, h.body).toBe(201);
    const mine = await req(env.district, "GET", "/api/demands");
    const ids = mine.json().items.map((x: { id: string }) => x.id);
    expect(ids).toContain(demandId);
    expect(ids).not.toContain(h.json().id);
    expect((await req(env.otherDistrict, "GET", `/api/demands/${demandId}`)).statusCode).toBe(404);
    expect(
      (
        await req(env.district, "POST", "/api/demands", {
          enterpriseId: hepingEntId,
          title: "越权",
          sceneIds: ["S08"],
        })
      ).statusCode,
    ).toBe(404);

    const f = (await req(env.city, "GET", "/api/demands/funnel")).json();
    const binhai = f.rows.find((r: { districtCode: string }) => r.districtCode === BINHAI);
    expect(binhai).toMatchObject({ demands: 1, shortlisted: 1, contacted: 1, contracted: 1 });
    const heping = f.rows.find((r: { districtCode: string }) => r.districtCode === HEPING);
    expect(heping).toMatchObject({ demands: 1, shortlisted: 0, contacted: 0, contracted: 0 });
    expect(f.total.demands).toBe(2);
    const fd = (await req(env.district, "GET", "/api/demands/funnel")).json();
    expect(fd.rows.map((r: { districtCode: string }) => r.districtCode)).toEqual([BINHAI]);
    expect((await req(ent, "GET", "/api/demands/funnel")).statusCode).toBe(403);
  });

  it("generates a demand from the latest submitted assessment's gap list", async () => {
    const none = await req(ent, "POST", "/api/demands/from-assessment", {});
    expect(none.statusCode).toBe(409);
    const a = await req(ent, "POST", "/api/assessments", { instrumentId: MIIT.id });
    const draft = a.json();
    const saved = await req(ent, "PUT" as "POST", `/api/assessments/${draft.id}/answers`, {
      answers: zeroAnswers(MIIT),
      version: draft.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const sub = await req(ent, "POST", `/api/assessments/${draft.id}/submit`, {
      commitment: true,
      version: saved.json().version,
    });
    expect(sub.statusCode, sub.body).toBe(200);
    const r = await req(ent, "POST", "/api/demands/from-assessment", { budgetWan: "50" });
    expect(r.statusCode, r.body).toBe(201);
    const d = r.json();
    expect(d.source).toBe("assessment");
    expect(d.assessmentId).toBe(draft.id);
    expect(d.sceneIds.length).toBeGreaterThan(0);
    expect(d.sceneIds.length).toBeLessThanOrEqual(5);
    expect(d.gapSources.map((g: { sceneId: string }) => g.sceneId)).toEqual(d.sceneIds);
    for (const g of d.gapSources) {
      expect(g.improvementIds.length).toBeGreaterThan(0);
      expect(g.improvementTitles.length).toBe(g.improvementIds.length);
    }
    // The scenes are the gap list's, in its priority order (domain demandFromGaps).
    const snap = (await req(ent, "GET", `/api/assessments/${draft.id}`)).json();
    const imp = snap.result?.improvements as
      | { questionId: string; kind: string; subDimensionId: string }[]
      | undefined;
    if (imp) {
      const expected: string[] = [];
      for (const i of imp) {
        const s = i.kind === "scene" ? i.questionId : i.subDimensionId;
        if (!expected.includes(s) && expected.length < 5) expected.push(s);
      }
      expect(d.sceneIds).toEqual(expected);
    }
  });

  it("measured outcomes: a provider whose served enterprise improved between assessments says so", async () => {
    // The enterprise has one submitted assessment (previous test); a diagnosis by provider A's team
    // and a later, better assessment make a T0 → T1 change for provider A.
    const [d] = await env.ctx.handle.db
      .insert(diagnoses)
      .values({
        enterpriseId: entId,
        instrumentId: MIIT.id,
        status: "closed",
        source: "district",
        requestedBy: env.city.userId,
      })
      .returning({ id: diagnoses.id });
    await env.ctx.handle.db
      .insert(diagnosisTeam)
      .values({ diagnosisId: d!.id, userId: provAUser.userId, lead: true, assignedBy: env.city.userId });
    const [t0] = await env.ctx.handle.db
      .select({ total: assessments.total })
      .from(assessments)
      .where(eq(assessments.enterpriseId, entId));
    await env.ctx.handle.db.insert(assessments).values({
      enterpriseId: entId,
      instrumentId: MIIT.id,
      instrumentVersion: MIIT.version,
      status: "submitted",
      total: String(Number(t0!.total) + 12.5),
      submittedAt: new Date(Date.now() + 60_000),
      createdBy: env.city.userId,
    });
    const m = (await req(ent, "GET", `/api/demands/${demandId}/matches`)).json();
    const a = m.solutions.find((x: { solution: { id: string } }) => x.solution.id === sol.A);
    expect(a.reasons[2]).toBe("服务企业评估平均提升 +12.5 分（1 家）");
    expect(a.breakdown[2].value).toBeGreaterThan(0);
    const b = m.solutions.find((x: { solution: { id: string } }) => x.solution.id === sol.B);
    expect(b.reasons[2]).toBe("暂无服务企业前后评估对比");
  });
});
