import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  assessments,
  auditLog,
  diagnoses,
  diagnosisTeam,
  instruments,
  providerMembers,
  submittedScoreColumns,
  users,
} from "@dxcenter/db";
import { type AnswerValue, type DiagnosisStatus, scoreAssessment } from "@dxcenter/domain";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CMMM, MIIT, zeroAnswers } from "../../../packages/domain/src/assessment/test-support";
import { readCoverageTarget, TargetFileError } from "../src/modules/impact/coverage-target";
import { createUser } from "../src/modules/users/user.service";
import { seedDemo } from "../src/seed/demo";
import { seedDemoAssessments } from "../src/seed/demo-assessments";
import {
  BINHAI,
  createEnterpriseAs,
  createTestContext,
  HEPING,
  PASSWORD,
  type Session,
  SYSTEM,
  type TestContext,
  userSession,
} from "./helpers";
import { insertProvider } from "./solutions-fixtures";
import { readSheet } from "./xlsx-fixtures";

/**
 * Hand-built MIIT answer sets (points typed by hand from the MIIT 2024 table):
 *   Z = nothing                                                     →  0 分, 无等级
 *   C = F5 E 10                                                     → 10 分, 无等级 (基础 10)
 *   A = F1 B+C 4 · F5 D 7.5 · M1 D 4.5 · R1 B 3.5 · R2 B 3.5        → 23 分, 一级 (基础 11.5 · 管理 4.5 · 成效 7)
 *   B = F1 B–E 8 · F5 E 10 · M1 F 7.5 · M2 B+C 3.75 · R1 C 7 · R2 C 7 · R3 B 1.5
 *                                                                   → 44.75 分, 二级 (基础 18 · 管理 11.25 · 成效 15.5)
 * (A and B also put six constrained scenes at 一级 / 二级.)
 */
const multi = (...optionIds: string[]): AnswerValue => ({ kind: "multi", optionIds });
const single = (optionId: string): AnswerValue => ({ kind: "single", optionId });
const scenes = (level: number) =>
  Object.fromEntries(
    ["S01", "S03", "S06", "S07", "S08", "S09"].map((id) => [id, { kind: "scene", level } as AnswerValue]),
  );
const SETS = {
  Z: {},
  C: { F5: single("E") },
  A: {
    F1: multi("B", "C"),
    F5: single("D"),
    M1: single("D"),
    R1: single("B"),
    R2: single("B"),
    ...scenes(1),
  },
  B: {
    F1: multi("B", "C", "D", "E"),
    F5: single("E"),
    M1: single("F"),
    M2: multi("B", "C"),
    R1: single("C"),
    R2: single("C"),
    R3: single("B"),
    ...scenes(2),
  },
} satisfies Record<string, Record<string, AnswerValue>>;

let ctx: TestContext;
let city: Session;
let binhaiAdmin: Session;
let hepingAdmin: Session;
let entSession: Session;
let provider: Session;
const E: Record<string, string> = {};
const A: Record<string, string> = {};
let miitVersion = "";
const orgIds = { org1: "", org2: "" };
const org1Id = () => orgIds.org1;
const org2Id = () => orgIds.org2;

/** Assessments stored without dimension_points (the cohort statement falls back to the snapshot). */
const LEGACY = new Set(["E1a", "H1b"]);

async function submitted(
  key: string,
  enterprise: string,
  set: keyof typeof SETS,
  at: string,
  kind: "self" | "onsite" = "self",
) {
  const answers = { ...zeroAnswers(MIIT), ...SETS[set] };
  const out = scoreAssessment(MIIT, answers);
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  const r = out.result;
  const [row] = await ctx.handle.db
    .insert(assessments)
    .values({
      enterpriseId: E[enterprise]!,
      instrumentId: MIIT.id,
      instrumentVersion: miitVersion,
      kind,
      status: "submitted",
      answers,
      progress: 100,
      ...submittedScoreColumns(r),
      // Rows submitted before migration 0009 may lack the compact column: cohorts read the snapshot.
      ...(LEGACY.has(key) ? { dimensionPoints: null } : {}),
      commitmentAt: new Date(at),
      submittedAt: new Date(at),
      submittedBy: city.userId,
      createdBy: city.userId,
    })
    .returning({ id: assessments.id });
  A[key] = row!.id;
}

async function diagnosis(enterprise: string, status: DiagnosisStatus, team: string[], closedAt?: string) {
  const [d] = await ctx.handle.db
    .insert(diagnoses)
    .values({
      enterpriseId: E[enterprise]!,
      instrumentId: MIIT.id,
      status,
      source: "district",
      requestedBy: binhaiAdmin.userId,
      ...(closedAt
        ? { closedAt: new Date(closedAt), closedBy: binhaiAdmin.userId, conclusion: "诊断意见" }
        : {}),
    })
    .returning({ id: diagnoses.id });
  await ctx.handle.db.insert(diagnosisTeam).values(
    team.map((userId, i) => ({
      diagnosisId: d!.id,
      userId,
      lead: i === 0,
      assignedBy: binhaiAdmin.userId,
    })),
  );
}

beforeAll(async () => {
  ctx = await createTestContext();
  city = await userSession(ctx, "city_admin");
  binhaiAdmin = await userSession(ctx, "district_admin", { districtCode: BINHAI });
  hepingAdmin = await userSession(ctx, "district_admin", { districtCode: HEPING });
  const [v] = await ctx.handle.db
    .select({ version: instruments.version })
    .from(instruments)
    .where(and(eq(instruments.id, MIIT.id), eq(instruments.current, true)));
  miitVersion = v!.version;

  for (const k of ["E1", "E2", "E3", "E4", "E5", "E7"])
    E[k] = (await createEnterpriseAs(ctx, city, { districtCode: BINHAI })).id;
  E.E6 = (await createEnterpriseAs(ctx, city, { districtCode: BINHAI, aboveScale: false, size: "micro" })).id;
  E.H1 = (await createEnterpriseAs(ctx, city, { districtCode: HEPING })).id;
  E.H2 = (await createEnterpriseAs(ctx, city, { districtCode: HEPING })).id;
  entSession = await userSession(ctx, "enterprise", { enterpriseId: E.E1 });
  provider = await userSession(ctx, "provider");

  // 滨海新区
  await submitted("E1a", "E1", "A", "2025-03-01T02:00:00Z");
  await submitted("E1z", "E1", "Z", "2025-06-01T02:00:00Z");
  await submitted("E1b", "E1", "B", "2025-12-31T17:00:00Z"); // 2026-01-01 01:00 in Shanghai
  await submitted("E2c", "E2", "C", "2025-04-01T02:00:00Z");
  await submitted("E2a", "E2", "A", "2025-12-01T02:00:00Z", "onsite");
  await submitted("E3a", "E3", "A", "2025-05-01T02:00:00Z"); // one assessment only: not in a cohort
  await submitted("E5z", "E5", "Z", "2025-12-31T17:00:00Z"); // diagnosed in 2026 (Shanghai), not 2025
  await submitted("E6a", "E6", "A", "2025-05-01T02:00:00Z"); // 规下: not in coverage
  await submitted("E7a", "E7", "A", "2024-06-01T02:00:00Z"); // before the campaign: baseline
  // 和平区
  await submitted("H1b", "H1", "B", "2025-02-01T02:00:00Z");
  await submitted("H1a", "H1", "A", "2025-09-01T02:00:00Z");
  await submitted("H2z", "H2", "Z", "2025-01-15T02:00:00Z");
  await submitted("H2z2", "H2", "Z", "2025-10-01T02:00:00Z");

  // Providers: accounts linked to their organisations through provider_members (what the cohort
  // reads — not users.organization, which for p1 is a stale free-text name), and one account
  // linked to no organisation (not attributed).
  const p2 = await createUser(
    ctx.handle.db,
    {
      username: "impact_p2",
      displayName: "李工程师",
      role: "provider",
      districtCode: null,
      enterpriseId: null,
      organization: null,
      password: PASSWORD,
    },
    SYSTEM,
  );
  const p1 = await createUser(
    ctx.handle.db,
    {
      username: "impact_p1",
      displayName: "王经理",
      role: "provider",
      districtCode: null,
      enterpriseId: null,
      organization: "数智诊断（旧名）",
      password: PASSWORD,
    },
    SYSTEM,
  );
  const p3 = await createUser(
    ctx.handle.db,
    {
      username: "impact_p3",
      displayName: "赵顾问",
      role: "provider",
      districtCode: null,
      enterpriseId: null,
      organization: "未登记机构",
      password: PASSWORD,
    },
    SYSTEM,
  );
  const org1 = await insertProvider(ctx, { name: "天津数智诊断服务有限公司" });
  const org2 = await insertProvider(ctx, { name: "河北李氏工程咨询有限公司" });
  orgIds.org1 = org1;
  orgIds.org2 = org2;
  await ctx.handle.db.insert(providerMembers).values([
    { providerId: org1, userId: p1.id },
    { providerId: org2, userId: p2.id },
  ]);
  const expert = await userSession(ctx, "expert");
  await diagnosis("E1", "closed", [p1.id, expert.userId], "2025-07-01T02:00:00Z");
  await diagnosis("E2", "verified", [p1.id, p2.id, p3.id]);
  await diagnosis("H1", "in_progress", [p2.id]); // not verified yet: not attributed
  await diagnosis("H2", "closed", [p2.id], "2025-11-01T02:00:00Z");
  await diagnosis("E4", "closed", [p1.id], "2025-08-01T02:00:00Z"); // diagnosed without an assessment
});
afterAll(() => ctx.close());

const get = (s: Session | null, url: string) =>
  ctx.app.inject({ method: "GET", url, headers: s ? { cookie: s.cookie } : {} });

type Group = {
  key: string | null;
  name: string;
  n: number;
  avgT0: number;
  avgT1: number;
  avgDelta: number;
  leveledUp: number;
  leveledDown: number;
  leveledUpShare: number;
  dimensions: { id: string; avgDelta: number }[];
};
type Cohorts = { groups: Group[]; overall: Group; dimensions: { id: string; name: string }[] };
const dims = (g: Group) => Object.fromEntries(g.dimensions.map((d) => [d.id, d.avgDelta]));

describe("T0/T1 of one enterprise", () => {
  it("lists the submitted assessments in time order and compares the first with the latest", async () => {
    const r = await get(city, `/api/impact/enterprises/${E.E1}`);
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json();
    expect(b.instrumentId).toBe(MIIT.id);
    expect(b.instruments).toEqual([{ instrumentId: MIIT.id, instrumentName: MIIT.name, submitted: 3 }]);
    expect(b.assessments.map((a: { id: string; total: number }) => [a.id, a.total])).toEqual([
      [A.E1a, 23],
      [A.E1z, 0],
      [A.E1b, 44.75],
    ]);
    expect([b.t0Id, b.t1Id]).toEqual([A.E1a, A.E1b]);
    expect(b.comparison.total).toEqual({ t0: 23, t1: 44.75, delta: 21.75, max: 100 });
    expect(b.comparison.level).toMatchObject({ fromName: "一级", toName: "二级", direction: "up", steps: 1 });
    expect(b.comparison.dimensions.map((d: { name: string; delta: number }) => [d.name, d.delta])).toEqual([
      ["数字化基础", 6.5],
      ["数字化经营", 0],
      ["数字化管理", 6.75],
      ["数字化成效", 8.5],
    ]);
    expect(b.comparison.scenes.improved).toHaveLength(6);
  });

  it("compares the two assessments picked with a and b", async () => {
    const b = (await get(city, `/api/impact/enterprises/${E.E1}?a=${A.E1z}`)).json();
    expect([b.t0Id, b.t1Id]).toEqual([A.E1z, A.E1b]);
    expect(b.comparison.total.delta).toBe(44.75);
    expect(b.comparison.level).toMatchObject({ from: 0, to: 2, direction: "up" });
    const down = (await get(city, `/api/impact/enterprises/${E.E1}?a=${A.E1a}&b=${A.E1z}`)).json();
    expect(down.comparison.total.delta).toBe(-23);
    expect(down.comparison.level.direction).toBe("down");
  });

  it("shows on-site assessments with their kind", async () => {
    const b = (await get(city, `/api/impact/enterprises/${E.E2}`)).json();
    expect(b.assessments.map((a: { kind: string }) => a.kind)).toEqual(["self", "onsite"]);
    expect(b.comparison.total.delta).toBe(13);
  });

  it("refuses an assessment of another enterprise as T0, naming the field", async () => {
    const r = await get(city, `/api/impact/enterprises/${E.E1}?a=${A.E2c}`);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: "VALIDATION", field: "a" });
    expect(r.json().message).toMatch(/T0/);
    const same = await get(city, `/api/impact/enterprises/${E.E1}?a=${A.E1a}&b=${A.E1a}`);
    expect(same.statusCode).toBe(400);
    const badId = await get(city, `/api/impact/enterprises/${E.E1}?a=not-a-uuid`);
    expect(badId.statusCode).toBe(400);
    expect(badId.json().message).toContain("对比评估 T0");
  });

  it("has no comparison with fewer than two assessments", async () => {
    const one = (await get(city, `/api/impact/enterprises/${E.E3}`)).json();
    expect(one.assessments).toHaveLength(1);
    expect(one.comparison).toBeNull();
    const none = (await get(city, `/api/impact/enterprises/${E.E4}`)).json();
    expect(none).toMatchObject({ instrumentId: null, instruments: [], assessments: [], comparison: null });
  });

  it("defaults to the most recently used instrument and lists every instrument with its count", async () => {
    const [cmmm] = await ctx.handle.db
      .select({ version: instruments.version })
      .from(instruments)
      .where(and(eq(instruments.id, CMMM.id), eq(instruments.current, true)));
    const answers = zeroAnswers(CMMM);
    const out = scoreAssessment(CMMM, answers, { improvements: false });
    if (!out.ok) throw new Error("CMMM zero answers rejected");
    await ctx.handle.db.insert(assessments).values({
      enterpriseId: E.E3!,
      instrumentId: CMMM.id,
      instrumentVersion: cmmm!.version,
      status: "submitted",
      answers,
      progress: 100,
      total: String(out.result.total),
      maxTotal: String(out.result.maxTotal),
      level: out.result.level,
      levelName: out.result.levelName,
      result: out.result,
      submittedAt: new Date("2026-02-01T02:00:00Z"),
      createdBy: city.userId,
    });
    const b = (await get(city, `/api/impact/enterprises/${E.E3}`)).json();
    expect(b.instrumentId).toBe(CMMM.id);
    expect(
      b.instruments.map((i: { instrumentId: string; submitted: number }) => [i.instrumentId, i.submitted]),
    ).toEqual([
      [CMMM.id, 1],
      [MIIT.id, 1],
    ]);
    const miit = (await get(city, `/api/impact/enterprises/${E.E3}?instrumentId=${MIIT.id}`)).json();
    expect(miit.assessments.map((a: { id: string }) => a.id)).toEqual([A.E3a]);
    const unknown = await get(city, `/api/impact/enterprises/${E.E3}?instrumentId=no-such`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().field).toBe("instrumentId");
  });

  it("is scoped: district staff only their district, an enterprise only itself, providers not at all", async () => {
    expect((await get(binhaiAdmin, `/api/impact/enterprises/${E.E1}`)).statusCode).toBe(200);
    const other = await get(binhaiAdmin, `/api/impact/enterprises/${E.H1}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().message).toContain("不存在或您无权查看");
    expect((await get(hepingAdmin, `/api/impact/enterprises/${E.E1}`)).statusCode).toBe(404);
    expect((await get(entSession, `/api/impact/enterprises/${E.E1}`)).statusCode).toBe(200);
    expect((await get(entSession, `/api/impact/enterprises/${E.E2}`)).statusCode).toBe(404);
    expect((await get(provider, `/api/impact/enterprises/${E.E1}`)).statusCode).toBe(403);
    expect((await get(null, `/api/impact/enterprises/${E.E1}`)).statusCode).toBe(401);
  });
});

describe("cohorts", () => {
  it("by district: averages exactly the hand-computed T0/T1 of each district and of the city", async () => {
    const r = await get(city, `/api/impact/cohorts?instrumentId=${MIIT.id}&groupBy=district`);
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json() as Cohorts;
    expect(b.dimensions.map((d) => d.name)).toEqual(["数字化基础", "数字化经营", "数字化管理", "数字化成效"]);
    expect(b.groups.map((g) => g.name)).toEqual(["和平区", "滨海新区"]); // district order (GB/T 2260 codes)
    const binhai = b.groups.find((g) => g.key === BINHAI)!;
    // E1 23 → 44.75 (一级 → 二级), E2 10 → 23 (无等级 → 一级); E3 has one assessment only.
    expect(binhai).toMatchObject({
      name: "滨海新区",
      n: 2,
      avgT0: 16.5,
      avgT1: 33.875,
      avgDelta: 17.375,
      leveledUp: 2,
      leveledDown: 0,
      leveledUpShare: 1,
    });
    expect(dims(binhai)).toEqual({ foundation: 4, operation: 0, management: 5.625, results: 7.75 });
    // H1 44.75 → 23 (down), H2 0 → 0.
    const heping = b.groups.find((g) => g.key === HEPING)!;
    expect(heping).toMatchObject({ n: 2, avgT0: 22.375, avgT1: 11.5, avgDelta: -10.875, leveledDown: 1 });
    expect(dims(heping)).toEqual({ foundation: -3.25, operation: 0, management: -3.375, results: -4.25 });
    // City: (23+10+44.75+0)/4 = 19.4375 → 19.438, (44.75+23+23+0)/4 = 22.6875 → 22.688, Δ 13/4.
    expect(b.overall).toMatchObject({
      key: null,
      name: "全市合计",
      n: 4,
      avgT0: 19.438,
      avgT1: 22.688,
      avgDelta: 3.25,
      leveledUp: 2,
      leveledUpShare: 0.5,
    });
  });

  it("takes T0/T1 inside the window of Shanghai calendar days", async () => {
    // 2025-12-31T17:00Z is 1 January 2026 in Shanghai: E1's T1 becomes the 0-point assessment of June.
    const b = (
      await get(city, `/api/impact/cohorts?instrumentId=${MIIT.id}&from=2025-01-01&to=2025-12-31`)
    ).json() as Cohorts;
    const binhai = b.groups.find((g) => g.key === BINHAI)!;
    expect(binhai).toMatchObject({
      n: 2,
      avgT0: 16.5,
      avgT1: 11.5,
      avgDelta: -5,
      leveledUp: 1,
      leveledDown: 1,
    });
    const late = (
      await get(city, `/api/impact/cohorts?instrumentId=${MIIT.id}&from=2025-06-01&to=2026-12-31`)
    ).json() as Cohorts;
    // From June: E1 has Z (June) and B; E2 only its December one; 和平区 H1/H2 one each.
    expect(late.overall).toMatchObject({ n: 1, avgT0: 0, avgT1: 44.75 });
    const bad = await get(city, `/api/impact/cohorts?from=2025-12-01&to=2025-01-01`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain("开始日期不能晚于结束日期");
  });

  it("by provider: the organisation (provider_members) of team members of verified/closed diagnoses", async () => {
    const b = (
      await get(city, `/api/impact/cohorts?instrumentId=${MIIT.id}&groupBy=provider`)
    ).json() as Cohorts;
    expect(b.groups.map((g) => [g.name, g.n, g.avgDelta])).toEqual([
      // E2 (13) and H2 (0); H1's diagnosis is still in progress, so H1 is not attributed.
      ["河北李氏工程咨询有限公司", 2, 6.5],
      // E1 (21.75) and E2 (13): an enterprise counts for every provider of its team.
      ["天津数智诊断服务有限公司", 2, 17.375],
    ]);
    expect(b.overall.n).toBe(4); // every enterprise once, also those without a provider
    expect(b.groups.map((g) => g.key)).toEqual([org2Id(), org1Id()]);
    // p3 sat on E2's team but belongs to no organisation: no group of its own.
    expect(b.groups.some((g) => g.name === "未登记机构" || g.name === "赵顾问")).toBe(false);
    const sorted = (
      await get(
        city,
        `/api/impact/cohorts?groupBy=provider&sort=avgDelta&order=desc&q=${encodeURIComponent("数智")}`,
      )
    ).json() as Cohorts;
    expect(sorted.groups.map((g) => g.name)).toEqual(["天津数智诊断服务有限公司"]);
  });

  it("district staff see only their district, also by provider; enterprises and providers are refused", async () => {
    const mine = (await get(binhaiAdmin, `/api/impact/cohorts?groupBy=district`)).json() as Cohorts;
    expect(mine.groups.map((g) => g.key)).toEqual([BINHAI]);
    expect(mine.overall).toMatchObject({ name: "本区合计", n: 2, avgDelta: 17.375 });
    const theirs = (await get(hepingAdmin, `/api/impact/cohorts`)).json() as Cohorts;
    expect(theirs.groups.map((g) => g.key)).toEqual([HEPING]);
    expect(theirs.overall.avgDelta).toBe(-10.875);
    const byProvider = (await get(binhaiAdmin, `/api/impact/cohorts?groupBy=provider`)).json() as Cohorts;
    expect(byProvider.groups.map((g) => [g.name, g.n, g.avgDelta])).toEqual([
      ["河北李氏工程咨询有限公司", 1, 13],
      ["天津数智诊断服务有限公司", 2, 17.375],
    ]);
    for (const s of [entSession, provider]) {
      const r = await get(s, `/api/impact/cohorts`);
      expect(r.statusCode).toBe(403);
      expect(r.json().message).toMatch(/无权/);
    }
  });

  it("names a wrong instrument or grouping in Chinese", async () => {
    const r = await get(city, `/api/impact/cohorts?instrumentId=no-such`);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ field: "instrumentId" });
    expect(r.json().message).toContain("不存在");
    const g = await get(city, `/api/impact/cohorts?groupBy=industry`);
    expect(g.statusCode).toBe(400);
    expect(g.json().message).toContain("分组方式");
  });

  it("exports the cohort table with the overall row, audited; district staff get only their district", async () => {
    const r = await get(city, `/api/impact/cohorts/export?groupBy=district`);
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-disposition"]).toContain(encodeURIComponent("成效队列"));
    const [header, ...rows] = await readSheet(r.rawPayload);
    expect(header!.slice(0, 5)).toEqual(["所属区", "复评企业数", "T0平均分", "T1平均分", "平均变化"]);
    expect(header).toContain("数字化管理平均变化");
    expect(rows.map((x) => [x[0], x[1], x[4]])).toEqual([
      ["和平区", "2", "-10.875"],
      ["滨海新区", "2", "17.375"],
      ["全市合计", "4", "3.25"],
    ]);
    const d = await get(binhaiAdmin, `/api/impact/cohorts/export`);
    const [, ...drows] = await readSheet(d.rawPayload);
    expect(drows.map((x) => x[0])).toEqual(["滨海新区", "本区合计"]);
    const audits = await ctx.handle.db
      .select({ actorId: auditLog.actorId })
      .from(auditLog)
      .where(eq(auditLog.action, "impact.cohort_export"));
    expect(audits.map((a) => a.actorId).sort()).toEqual([city.userId, binhaiAdmin.userId].sort());
  });
});

type Coverage = {
  year: number;
  plan: { startYear: number; years: number; endYear: number; source: string };
  rows: {
    districtCode: string;
    districtName: string;
    aboveScale: number;
    baseline: number;
    diagnosed: number;
    diagnosedInYear: number;
    target: number;
    rate: number;
    targetRate: number;
    gap: number;
    onTrack: boolean;
  }[];
  city: Coverage["rows"][number] | null;
};

describe("coverage of 规上 enterprises against the target", () => {
  it("counts 规上 enterprises with a submitted assessment or a closed diagnosis, against the yearly target", async () => {
    const r = await get(city, `/api/impact/coverage?year=2025`);
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json() as Coverage;
    expect(b.plan).toMatchObject({ startYear: 2025, years: 5, endYear: 2029 });
    expect(b.rows).toHaveLength(16); // every current district of Tianjin, also those without enterprises
    const binhai = b.rows.find((x) => x.districtCode === BINHAI)!;
    // 规上: E1 E2 E3 E4 E5 E7 (E6 is 规下). Diagnosed by the end of 2025: E7 (2024, baseline), E1, E2, E3
    // (assessments), E4 (closed diagnosis); E5's assessment is on 1 January 2026 in Shanghai.
    // Target 2025 = baseline 1 + ⌈(6 − 1) × 1/5⌉ = 2.
    expect(binhai).toEqual({
      districtCode: BINHAI,
      districtName: "滨海新区",
      aboveScale: 6,
      baseline: 1,
      diagnosed: 5,
      diagnosedInYear: 4,
      target: 2,
      rate: 0.8333,
      targetRate: 0.3333,
      gap: 0,
      onTrack: true,
    });
    const heping = b.rows.find((x) => x.districtCode === HEPING)!;
    expect(heping).toMatchObject({ aboveScale: 2, diagnosed: 2, target: 1, rate: 1, onTrack: true });
    expect(b.city).toMatchObject({ districtName: "全市", aboveScale: 8, diagnosed: 7, target: 3, gap: 0 });
  });

  it("follows the plan over the years: nothing due before it starts, everyone by its last year", async () => {
    const y2024 = (await get(city, `/api/impact/coverage?year=2024`)).json() as Coverage;
    expect(y2024.rows.find((x) => x.districtCode === BINHAI)).toMatchObject({
      diagnosed: 1,
      diagnosedInYear: 1,
      target: 0,
      onTrack: true,
    });
    const y2026 = (await get(city, `/api/impact/coverage?year=2026`)).json() as Coverage;
    expect(y2026.rows.find((x) => x.districtCode === BINHAI)).toMatchObject({
      diagnosed: 6,
      diagnosedInYear: 1,
      target: 3, // 1 + ⌈5 × 2/5⌉
    });
    const y2029 = (await get(city, `/api/impact/coverage?year=2029`)).json() as Coverage;
    expect(y2029.rows.find((x) => x.districtCode === BINHAI)).toMatchObject({
      target: 6,
      gap: 0,
      onTrack: true,
    });
    expect(y2029.rows.find((x) => x.districtCode === "120102")).toMatchObject({ aboveScale: 0, target: 0 });
    const bad = await get(city, `/api/impact/coverage?year=19`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain("年度");
  });

  it("sorts and searches the district rows", async () => {
    const b = (
      await get(city, `/api/impact/coverage?year=2025&sort=aboveScale&order=desc`)
    ).json() as Coverage;
    expect(b.rows.slice(0, 2).map((x) => x.districtCode)).toEqual([BINHAI, HEPING]);
    const q = (
      await get(city, `/api/impact/coverage?year=2025&q=${encodeURIComponent("和平")}`)
    ).json() as Coverage;
    expect(q.rows.map((x) => x.districtName)).toEqual(["和平区"]);
  });

  it("district staff see only their district row and no city total; others are refused", async () => {
    const mine = (await get(binhaiAdmin, `/api/impact/coverage?year=2025`)).json() as Coverage;
    expect(mine.rows.map((x) => x.districtCode)).toEqual([BINHAI]);
    expect(mine.rows[0]!.diagnosed).toBe(5);
    expect(mine.city).toBeNull();
    const theirs = (await get(hepingAdmin, `/api/impact/coverage?year=2025`)).json() as Coverage;
    expect(theirs.rows.map((x) => [x.districtCode, x.aboveScale])).toEqual([[HEPING, 2]]);
    for (const s of [entSession, provider])
      expect((await get(s, `/api/impact/coverage`)).statusCode).toBe(403);
  });

  it("exports the coverage table with the city row, audited", async () => {
    const r = await get(city, `/api/impact/coverage/export?year=2025`);
    expect(r.statusCode).toBe(200);
    const [header, ...rows] = await readSheet(r.rawPayload);
    expect(header).toEqual([
      "所属区",
      "规上企业数",
      "2025年前已诊断",
      "累计已诊断",
      "本年新增诊断",
      "累计目标",
      "覆盖率（%）",
      "目标覆盖率（%）",
      "距目标差额",
      "是否达到进度",
    ]);
    expect(rows.find((x) => x[0] === "滨海新区")).toEqual([
      "滨海新区",
      "6",
      "1",
      "5",
      "4",
      "2",
      "83.3",
      "33.3",
      "0",
      "是",
    ]);
    expect(rows.at(-1)![0]).toBe("全市");
    const d = await get(hepingAdmin, `/api/impact/coverage/export?year=2025`);
    const [, ...drows] = await readSheet(d.rawPayload);
    expect(drows.map((x) => x[0])).toEqual(["和平区"]);
    const [audit] = await ctx.handle.db
      .select({ districtCode: auditLog.districtCode })
      .from(auditLog)
      .where(and(eq(auditLog.action, "impact.coverage_export"), eq(auditLog.actorId, hepingAdmin.userId)));
    expect(audit?.districtCode).toBe(HEPING);
  });
});

describe("coverage target file", () => {
  it("the shipped file validates and states the 2024 Tianjin goal", () => {
    const t = readCoverageTarget();
    expect(t).toMatchObject({ startYear: 2025, years: 5, scope: "aboveScale" });
    expect(t.source).toContain("力争5年对全市6000余家规上工业企业全覆盖诊断");
  });

  it("a wrong file is refused with a Chinese message naming the field", () => {
    const dir = mkdtempSync(join(tmpdir(), "dxc-target-"));
    const file = join(dir, "t.json");
    writeFileSync(file, JSON.stringify({ startYear: 2025, years: 0, scope: "aboveScale", source: "x" }));
    expect(() => readCoverageTarget(file)).toThrow(TargetFileError);
    expect(() => readCoverageTarget(file)).toThrow(/years.*至少 1 年/);
    writeFileSync(file, "{");
    expect(() => readCoverageTarget(file)).toThrow(/不是有效的 JSON/);
  });
});

describe("demo re-assessments (seedDemoAssessments)", () => {
  it("gives about a third of the demo enterprises a T0 a year ago and most of them a recent T1, once", async () => {
    const demo = await createTestContext();
    try {
      await seedDemo(demo.handle.db, "Demo-pass-2026");
      const now = new Date("2026-06-01T00:00:00Z");
      const first = await seedDemoAssessments(demo.handle.db, { now });
      expect(first).not.toBeNull();
      // About a third of the 640 demo enterprises, two thirds of them re-assessed.
      expect(first!.enterprises).toBeGreaterThan(150);
      expect(first!.enterprises).toBeLessThan(300);
      expect(first!.assessments - first!.enterprises).toBeGreaterThan(first!.enterprises * 0.5);
      expect(await seedDemoAssessments(demo.handle.db, { now })).toBeNull(); // idempotent

      const rows = await demo.handle.db
        .select({ enterpriseId: assessments.enterpriseId, submittedAt: assessments.submittedAt })
        .from(assessments)
        .where(eq(assessments.status, "submitted"));
      expect(rows).toHaveLength(first!.assessments);
      const days = rows.map((r) => (now.getTime() - r.submittedAt!.getTime()) / 86_400_000);
      expect(days.every((d) => (d >= 3 && d < 63) || (d >= 330 && d < 400))).toBe(true);
      const [account] = await demo.handle.db
        .select({ enterpriseId: users.enterpriseId })
        .from(users)
        .where(eq(users.username, "enterprise"));
      expect(rows.some((r) => r.enterpriseId === account!.enterpriseId)).toBe(false);

      const cityAdmin = await userSession(demo, "city_admin");
      const c = await demo.app.inject({
        method: "GET",
        url: "/api/impact/cohorts",
        headers: { cookie: cityAdmin.cookie },
      });
      const body = c.json() as Cohorts;
      expect(body.overall.n).toBe(first!.assessments - first!.enterprises);
      expect(body.overall.avgDelta).toBeGreaterThan(0); // mostly better the second time
      expect(body.overall.leveledDown).toBeGreaterThan(0); // but not always
    } finally {
      await demo.close();
    }
  }, 120_000);
});
