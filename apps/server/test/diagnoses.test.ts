import { auditLog } from "@dxcenter/db";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { MIIT, zeroAnswers } from "../../../packages/domain/src/assessment/test-support";
import {
  BINHAI,
  bureaus,
  createEnterpriseAs,
  enterpriseWithLogin,
  HEPING,
  type Session,
  testFile,
  userSession,
} from "./helpers";
import { readSheet } from "./xlsx-fixtures";

const env = testFile(bureaus);

let ent: Session;
let otherEnt: Session;
let provider: Session;
let expert: Session;
let strangerExpert: Session;
let department: Session;
let entId = "";
let entName = "";

beforeAll(async () => {
  const e = await enterpriseWithLogin(env.ctx, env.city, { districtCode: BINHAI });
  ({ id: entId, name: entName, session: ent } = e);
  otherEnt = (await enterpriseWithLogin(env.ctx, env.city, { districtCode: HEPING })).session;
  provider = await userSession(env.ctx, "provider");
  expert = await userSession(env.ctx, "expert");
  strangerExpert = await userSession(env.ctx, "expert");
  department = await userSession(env.ctx, "department");
});

type Method = "GET" | "POST" | "PUT" | "PATCH";
const call = (s: Session | null, method: Method, url: string, payload?: object) =>
  env.ctx.app.inject({
    method,
    url,
    headers: s ? { cookie: s.cookie } : {},
    ...(payload ? { payload } : {}),
  });

interface Detail {
  id: string;
  status: string;
  version: number;
  overdue: boolean;
  planId: string | null;
  visitDate: string | null;
  team: { userId: string; lead: boolean; displayName: string }[];
  onsiteAssessmentId: string | null;
  selfAssessment: { id: string; total: number } | null;
  onsiteAssessment: { id: string; status: string; total: number | null } | null;
  differences: { questionId: string; reported: string; verified: string; delta: number }[];
  conclusion: string | null;
  permissions: Record<string, boolean>;
}

async function ok<T = Detail>(p: ReturnType<typeof call>, status = 200): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body.slice(0, 400)).toBe(status);
  return r.json() as T;
}

/** A submitted MIIT self-assessment with all-lowest answers except F5 = 全覆盖 (10 points). */
async function submittedSelfAssessment(s: Session) {
  const d = await ok<{ id: string; version: number }>(
    call(s, "POST", "/api/assessments", { instrumentId: "miit-2024-manufacturing" }),
    201,
  );
  const answers = { ...zeroAnswers(MIIT), F5: { kind: "single", optionId: "E" } };
  const saved = await ok<{ version: number }>(
    call(s, "PUT", `/api/assessments/${d.id}/answers`, { answers, version: d.version }),
  );
  return ok<{ id: string; total: number }>(
    call(s, "POST", `/api/assessments/${d.id}/submit`, { commitment: true, version: saved.version }),
  );
}

const dateOffset = (days: number) => {
  const d = new Date(Date.now() + 8 * 3600_000 + days * 86_400_000);
  return d.toISOString().slice(0, 10);
};

async function plan(s: Session, body: Record<string, unknown> = {}) {
  return ok<{ id: string; version: number; total: number; visited: number; overdue: number }>(
    call(s, "POST", "/api/diagnoses/plans", {
      name: "2026年第四季度现场诊断",
      startDate: dateOffset(-30),
      endDate: dateOffset(30),
      ...body,
    }),
    201,
  );
}

describe("the diagnosis journey: request → plan → team → on-site → opinion", () => {
  it("runs end to end with the differences between reported and verified answers", async () => {
    const self = await submittedSelfAssessment(ent);
    expect(self.total).toBe(10);

    // 1. The enterprise asks its district for a diagnosis.
    let d = await ok(call(ent, "POST", "/api/diagnoses", { requestNote: "希望诊断生产环节的数据采集" }), 201);
    expect(d).toMatchObject({ status: "requested", planId: null, team: [] });
    expect(d.permissions).toMatchObject({ schedule: false, cancel: true });
    // A second open request for the same enterprise is refused.
    const dup = await call(env.district, "POST", "/api/diagnoses", { enterpriseId: entId });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toContain("已有进行中的诊断服务单");

    // 2. The district puts it into a plan with a visit date.
    const p = await plan(env.district);
    const outside = await call(env.district, "POST", `/api/diagnoses/${d.id}/schedule`, {
      planId: p.id,
      visitDate: dateOffset(60),
      version: d.version,
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json()).toMatchObject({ field: "visitDate" });
    d = await ok(
      call(env.district, "POST", `/api/diagnoses/${d.id}/schedule`, {
        planId: p.id,
        visitDate: dateOffset(7),
        version: d.version,
      }),
    );
    expect(d).toMatchObject({ status: "scheduled", planId: p.id, visitDate: dateOffset(7), overdue: false });
    // Cannot start without a team.
    expect(d.permissions.start).toBe(false);

    // 3. The district assigns a provider and an expert (the expert leads).
    const badTeam = await call(env.district, "PUT", `/api/diagnoses/${d.id}/team`, {
      members: [{ userId: department.userId }],
      version: d.version,
    });
    expect(badTeam.statusCode).toBe(400);
    expect(badTeam.json().message).toContain("服务商或专家");
    d = await ok(
      call(env.district, "PUT", `/api/diagnoses/${d.id}/team`, {
        members: [{ userId: provider.userId }, { userId: expert.userId, lead: true }],
        version: d.version,
      }),
    );
    expect(d.team.map((m) => [m.userId, m.lead])).toEqual([
      [expert.userId, true],
      [provider.userId, false],
    ]);

    // The team now sees it; an expert not on the team does not.
    const mine = await ok<{ items: { id: string }[] }>(call(provider, "GET", "/api/diagnoses"));
    expect(mine.items.map((x) => x.id)).toEqual([d.id]);
    expect((await call(strangerExpert, "GET", `/api/diagnoses/${d.id}`)).statusCode).toBe(404);
    expect((await ok<{ items: unknown[] }>(call(strangerExpert, "GET", "/api/diagnoses"))).items).toEqual([]);

    // 4. The provider starts the on-site assessment: it starts from the self-reported answers.
    const provView = await ok(call(provider, "GET", `/api/diagnoses/${d.id}`));
    expect(provView.permissions).toMatchObject({ start: true, schedule: false, assign: false });
    d = await ok(call(provider, "POST", `/api/diagnoses/${d.id}/start`, { version: d.version }));
    expect(d.status).toBe("in_progress");
    expect(d.selfAssessment?.id).toBe(self.id);
    expect(d.differences).toEqual([]);
    const onsiteId = d.onsiteAssessmentId!;
    // The enterprise does not see the team's draft.
    expect((await call(ent, "GET", `/api/assessments/${onsiteId}`)).statusCode).toBe(404);
    expect((await ok(call(ent, "GET", `/api/diagnoses/${d.id}`))).onsiteAssessment).toBeNull();

    // The team member reads the on-site draft with the reported answers beside it, and the self-assessment.
    const draft = await ok<{
      kind: string;
      version: number;
      answers: Record<string, unknown>;
      reported: { assessmentId: string; answers: Record<string, unknown> } | null;
      permissions: { edit: boolean };
    }>(call(provider, "GET", `/api/assessments/${onsiteId}`));
    expect(draft).toMatchObject({ kind: "onsite", permissions: { edit: true } });
    expect(draft.reported?.assessmentId).toBe(self.id);
    expect(draft.answers.F5).toEqual({ kind: "single", optionId: "E" });
    expect((await call(provider, "GET", `/api/assessments/${self.id}`)).statusCode).toBe(200);
    // …but cannot change the enterprise's own self-assessment, and the enterprise cannot write the on-site one.
    expect((await call(strangerExpert, "GET", `/api/assessments/${onsiteId}`)).statusCode).toBe(404);

    // The team finds F5 only "多个业务环节" and records it.
    const verified = { ...draft.answers, F5: { kind: "single", optionId: "C" } };
    const saved = await ok<{ version: number }>(
      call(expert, "PUT", `/api/assessments/${onsiteId}/answers`, {
        answers: verified,
        version: draft.version,
      }),
    );
    d = await ok(call(env.district, "GET", `/api/diagnoses/${d.id}`));
    expect(d.differences).toEqual([
      expect.objectContaining({
        questionId: "F5",
        reported: "全覆盖",
        verified: "多个业务环节（2个及以上）",
        delta: -5,
      }),
    ]);
    expect(d.onsiteAssessment).toMatchObject({ status: "draft", total: 5 });

    // Closing before the on-site assessment is submitted is a state error, not a rights error.
    const early = await call(expert, "POST", `/api/diagnoses/${d.id}/close`, {
      conclusion: "建议建设生产执行系统，打通设备数据采集。",
      version: d.version,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      code: "STATE_CONFLICT",
      message: "须在现场评定提交后办结（当前：现场评定中）",
      params: { entity: "diagnosis", status: "in_progress", step: "close" },
    });

    // 5. The expert submits the verified answers → the diagnosis waits for the opinion.
    await ok(
      call(expert, "POST", `/api/assessments/${onsiteId}/submit`, {
        commitment: true,
        version: saved.version,
      }),
    );
    d = await ok(call(env.district, "GET", `/api/diagnoses/${d.id}`));
    expect(d).toMatchObject({ status: "verified", onsiteAssessment: { status: "submitted", total: 5 } });
    // Now the enterprise sees the verified result and the differences.
    const entView = await ok(call(ent, "GET", `/api/diagnoses/${d.id}`));
    expect(entView.onsiteAssessment?.total).toBe(5);
    expect(entView.differences).toHaveLength(1);
    expect((await call(ent, "GET", `/api/assessments/${onsiteId}`)).statusCode).toBe(200);

    // 6. The lead writes the opinion and closes.
    const short = await call(expert, "POST", `/api/diagnoses/${d.id}/close`, {
      conclusion: "好",
      version: d.version,
    });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ field: "conclusion" });
    d = await ok(
      call(expert, "POST", `/api/diagnoses/${d.id}/close`, {
        conclusion: "建议建设生产执行系统，打通设备数据采集，优先提升计划排程场景。",
        version: d.version,
      }),
    );
    expect(d).toMatchObject({ status: "closed", conclusion: expect.stringContaining("生产执行系统") });
    expect(Object.values(d.permissions).every((v) => v === false)).toBe(true);

    // The plan shows the progress.
    const plans = await ok<{ items: { id: string; total: number; visited: number; closed: number }[] }>(
      call(env.district, "GET", "/api/diagnoses/plans"),
    );
    expect(plans.items.find((x) => x.id === p.id)).toMatchObject({ total: 1, visited: 1, closed: 1 });

    // Every step is in the audit log, in order.
    const actions = (await env.ctx.handle.db.select().from(auditLog).where(eq(auditLog.entityId, d.id)))
      .map((a) => a.action)
      .filter((a) => a.startsWith("diagnosis."));
    expect(actions).toEqual([
      "diagnosis.request",
      "diagnosis.schedule",
      "diagnosis.team",
      "diagnosis.start",
      "diagnosis.verify",
      "diagnosis.close",
    ]);
  });
});

describe("plans, overdue visits and scoping", () => {
  it("flags a visit whose date has passed and lists it under the overdue filter", async () => {
    const e = await createEnterpriseAs(env.ctx, env.city, { districtCode: BINHAI });
    const past = await plan(env.district, {
      name: "上季度计划",
      startDate: dateOffset(-40),
      endDate: dateOffset(-10),
    });
    let d = await ok(call(env.district, "POST", "/api/diagnoses", { enterpriseId: e.id }), 201);
    d = await ok(
      call(env.district, "POST", `/api/diagnoses/${d.id}/schedule`, {
        planId: past.id,
        visitDate: dateOffset(-20),
        version: d.version,
      }),
    );
    expect(d.overdue).toBe(true);
    const overdue = await ok<{ items: { id: string }[] }>(
      call(env.district, "GET", "/api/diagnoses?overdue=true"),
    );
    expect(overdue.items.map((x) => x.id)).toContain(d.id);
    const notOverdue = await ok<{ items: { id: string }[] }>(
      call(env.district, "GET", "/api/diagnoses?overdue=false"),
    );
    expect(notOverdue.items.map((x) => x.id)).not.toContain(d.id);
    const plans = await ok<{ items: { id: string; overdue: number; total: number }[] }>(
      call(env.city, "GET", "/api/diagnoses/plans"),
    );
    expect(plans.items.find((x) => x.id === past.id)).toMatchObject({ total: 1, overdue: 1 });
    // Shrinking the plan so the visit falls outside is refused.
    const shrink = await call(env.district, "PATCH", `/api/diagnoses/plans/${past.id}`, {
      startDate: dateOffset(-15),
      version: past.version,
    });
    expect(shrink.statusCode).toBe(400);
    expect(shrink.json()).toMatchObject({ field: "startDate" });
    expect(shrink.json().message).toContain("1 家企业");
  });

  it("keeps districts apart: plans, diagnoses, scheduling into another district's plan", async () => {
    const hepingPlan = await plan(env.otherDistrict, { name: "和平区计划" });
    const d = await ok(
      call(env.district, "POST", "/api/diagnoses", {
        enterpriseId: (await createEnterpriseAs(env.ctx, env.city, { districtCode: BINHAI })).id,
      }),
      201,
    );
    // Binhai staff do not see Heping's plan and cannot use it.
    const binhaiPlans = await ok<{ items: { id: string }[] }>(
      call(env.district, "GET", "/api/diagnoses/plans"),
    );
    expect(binhaiPlans.items.map((x) => x.id)).not.toContain(hepingPlan.id);
    const wrong = await call(env.district, "POST", `/api/diagnoses/${d.id}/schedule`, {
      planId: hepingPlan.id,
      visitDate: dateOffset(1),
      version: d.version,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ field: "planId" });
    // Heping staff cannot see or act on the Binhai diagnosis.
    expect((await call(env.otherDistrict, "GET", `/api/diagnoses/${d.id}`)).statusCode).toBe(404);
    expect(
      (
        await call(env.otherDistrict, "POST", `/api/diagnoses/${d.id}/cancel`, {
          reason: "越权",
          version: d.version,
        })
      ).statusCode,
    ).toBe(404);
    const hepingList = await ok<{ items: { districtCode: string }[] }>(
      call(env.otherDistrict, "GET", "/api/diagnoses"),
    );
    expect(hepingList.items.every((x) => x.districtCode === HEPING)).toBe(true);
    // Nor request one for a Binhai enterprise, nor plan for Binhai.
    expect(
      (await call(env.otherDistrict, "POST", "/api/diagnoses", { enterpriseId: entId })).statusCode,
    ).toBe(404);
    const forced = await plan(env.otherDistrict, { districtCode: BINHAI, name: "想为滨海做计划" });
    expect(forced).toMatchObject({ districtCode: HEPING });
    // The city must name the district.
    const noDistrict = await call(env.city, "POST", "/api/diagnoses/plans", {
      name: "全市计划",
      startDate: dateOffset(0),
      endDate: dateOffset(10),
    });
    expect(noDistrict.statusCode).toBe(400);
    expect(noDistrict.json()).toMatchObject({ field: "districtCode" });
    const reversed = await call(env.city, "POST", "/api/diagnoses/plans", {
      districtCode: BINHAI,
      name: "倒序计划",
      startDate: dateOffset(10),
      endDate: dateOffset(0),
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ field: "endDate", message: "结束日期不能早于开始日期" });
  });

  it("lets an enterprise withdraw an unplanned request but not act on the workflow", async () => {
    const d = await ok(call(otherEnt, "POST", "/api/diagnoses", {}), 201);
    const sched = await call(otherEnt, "POST", `/api/diagnoses/${d.id}/schedule`, {
      planId: d.id,
      visitDate: dateOffset(1),
      version: d.version,
    });
    expect(sched.statusCode).toBe(403);
    const team = await call(otherEnt, "PUT", `/api/diagnoses/${d.id}/team`, {
      members: [{ userId: provider.userId }],
      version: d.version,
    });
    expect(team.statusCode).toBe(403);
    const cancelled = await ok(
      call(otherEnt, "POST", `/api/diagnoses/${d.id}/cancel`, { reason: "企业暂不需要", version: d.version }),
    );
    expect(cancelled.status).toBe("cancelled");
    // Withdrawing it again: the enterprise's step, but not in this status.
    const again = await call(otherEnt, "POST", `/api/diagnoses/${d.id}/cancel`, {
      reason: "再次撤回",
      version: cancelled.version,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      message: "该诊断当前状态不能取消（当前：已取消）",
      params: { entity: "diagnosis", status: "cancelled", step: "withdraw" },
    });
    // Another enterprise never sees it.
    expect((await call(ent, "GET", `/api/diagnoses/${d.id}`)).statusCode).toBe(404);
    // A stale version is a conflict.
    const stale = await call(env.city, "POST", `/api/diagnoses/${d.id}/cancel`, {
      reason: "重复",
      version: d.version,
    });
    expect(stale.statusCode).toBe(409);
  });

  it("lists assignees with their open workload, for the bureau only", async () => {
    const list = await ok<{ id: string; role: string; openAssignments: number }[]>(
      call(env.district, "GET", "/api/diagnoses/assignees"),
    );
    expect(list.find((u) => u.id === provider.userId)).toMatchObject({ role: "provider" });
    expect(list.some((u) => u.id === department.userId)).toBe(false);
    expect((await call(provider, "GET", "/api/diagnoses/assignees")).statusCode).toBe(403);
    expect((await call(ent, "GET", "/api/diagnoses/assignees")).statusCode).toBe(403);
  });

  it("exports the filtered list and the plans to Excel in Chinese", async () => {
    const r = await call(env.district, "GET", "/api/diagnoses/export");
    expect(r.statusCode).toBe(200);
    const rows = await readSheet(r.rawPayload);
    expect(rows[0]).toContain("企业名称");
    expect(rows.slice(1).some((row) => row.includes(entName))).toBe(true);
    expect(rows.slice(1).every((row) => row.includes("滨海新区"))).toBe(true);
    const p = await call(env.city, "GET", "/api/diagnoses/plans/export");
    expect(p.statusCode).toBe(200);
    const prow = await readSheet(p.rawPayload);
    expect(prow[0]).toEqual(expect.arrayContaining(["计划名称", "完成率", "逾期未走访"]));
    expect((await call(department, "GET", "/api/diagnoses/export")).statusCode).toBe(403);
  });
});
