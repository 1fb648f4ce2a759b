import { diagnosisTeam, expertDraws, expertPoolSnapshots, projectReviews } from "@dxcenter/db";
import { EXPERT_SCORE_SHEET } from "@dxcenter/domain";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { shanghaiToday } from "../src/modules/policies/policy.repository";
import { BINHAI, bureaus, createEnterpriseAs, type Session, testFile, userSession } from "./helpers";
import { expertWithLogin, inject, ok, plainExperts } from "./providers-fixtures";

const env = testFile(bureaus);

/**
 * The expert draw for a diagnosis team (现场诊断) and a project's city expert review (项目评审):
 * who may draw, where the drawn experts are seated, the enterprise-side avoidance history, the
 * replacement on decline, manual edits that may not drop drawn experts, district scoping of records,
 * and the pool snapshot stored once by content hash.
 */

const today = shanghaiToday();
const plusDays = (n: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

type Draw = {
  id: string;
  purpose: string;
  subjectLabel: string;
  current: {
    selected: { expertId: string; round: number }[];
    excluded: { expertId: string; rules: string[] }[];
    declined: { expertId: string }[];
    round: number;
  };
  pool: { hash: string | null; size: number; intact: boolean };
  assignments: { id: string; expertId: string; status: string; round: number }[];
  historyCounts: { services: number; draws: number };
};
type Assignment = {
  id: string;
  purpose: string;
  subjectId: string;
  status: string;
  answerable: boolean;
  scored: boolean;
  subjectStatus: string | null;
};

/** A project of a fresh enterprise (its own name), pushed to the city expert review. */
async function projectInExpertReview(name: string) {
  const ent = await createEnterpriseAs(env.ctx, env.city, { districtCode: BINHAI, name });
  const owner = await userSession(env.ctx, "enterprise", { enterpriseId: ent.id });
  let p = await ok<{ id: string; version: number; status: string }>(
    inject(env.ctx, owner, "POST", "/api/projects", {
      name: "抽取评审技改项目",
      type: "tech_upgrade",
      totalInvestmentWan: "1500",
      equipmentInvestmentWan: "800",
      softwareInvestmentWan: "200",
      plannedStartDate: plusDays(30),
      plannedFinishDate: plusDays(400),
    }),
    201,
  );
  p = await ok(inject(env.ctx, owner, "POST", `/api/projects/${p.id}/submit`, { version: p.version }));
  p = await ok(
    inject(env.ctx, env.district, "POST", `/api/projects/${p.id}/district-review`, {
      version: p.version,
      decision: "approve",
      opinion: "同意报市级评审",
    }),
  );
  expect(p.status).toBe("expert_review");
  return { project: p, enterprise: ent, owner };
}

const drawFor = (s: Session, purpose: string, subjectId: string, body: Record<string, unknown>) =>
  inject(env.ctx, s, "POST", "/api/experts/draws", { purpose, subjectId, ...body });

const myAssignments = async (s: Session) =>
  (await ok<{ items: Assignment[] }>(inject(env.ctx, s, "GET", "/api/experts/assignments/mine?pageSize=100")))
    .items;

describe("project review draw (项目评审)", () => {
  it("only the city draws; drawn experts become the project's reviewers; avoidance reads the enterprise's history", async () => {
    const { project, enterprise } = await projectInExpertReview("天津抽取评审机械有限公司");
    // The pool for this field: three experts with logins, one of the enterprise's own organisation,
    // and filler without login (never drawn for a project: reviewers score through their account).
    const a = await expertWithLogin(env.ctx, env.city, ["proj-f"]);
    const b = await expertWithLogin(env.ctx, env.city, ["proj-f"]);
    const c = await expertWithLogin(env.ctx, env.city, ["proj-f"]);
    const own = await expertWithLogin(env.ctx, env.city, ["proj-f"], "天津抽取评审机械有限公司");
    const noLogin = await plainExperts(env.ctx, env.city, 3, ["proj-f"]);
    // `a` reviewed an earlier project of the same enterprise: a recent service → avoided.
    const earlier = await projectInExpertReview("天津抽取评审机械有限公司");
    await env.ctx.handle.db.insert(projectReviews).values({
      projectId: earlier.project.id,
      stage: "expert",
      reviewerId: a.session.userId,
      assignedBy: env.city.userId,
    });
    // The earlier project's enterprise is another row with the same name; bind the review to ours.
    await env.ctx.handle.db.execute(
      sql`update projects set enterprise_id = ${enterprise.id} where id = ${earlier.project.id}`,
    );

    // District staff, enterprises, experts cannot draw for a project.
    expect((await drawFor(env.district, "project_review", project.id, { n: 2 })).statusCode).toBe(403);
    expect((await drawFor(a.session, "project_review", project.id, { n: 2 })).statusCode).toBe(403);

    const d = await ok<Draw>(
      drawFor(env.city, "project_review", project.id, { n: 2, fields: ["proj-f"] }),
      201,
    );
    expect(d.purpose).toBe("project_review");
    expect(d.subjectLabel).toContain("天津抽取评审机械有限公司");
    const picked = d.current.selected.map((s) => s.expertId).sort();
    expect(picked).toEqual([b.expertId, c.expertId].sort());
    const why = Object.fromEntries(d.current.excluded.map((x) => [x.expertId, x.rules]));
    expect(why[a.expertId]).toContain("recent_service");
    expect(why[own.expertId]).toContain("same_organization");
    // Experts without a login are not in this draw's pool at all.
    for (const id of noLogin) expect(d.current.selected.map((s) => s.expertId)).not.toContain(id);
    expect(d.historyCounts.services).toBeGreaterThanOrEqual(1);

    // Seated as the project's expert reviewers; the project's version moved.
    const detail = await ok<{
      version: number;
      reviews: { stage: string; reviewerId: string; drawn: boolean }[];
    }>(inject(env.ctx, env.city, "GET", `/api/projects/${project.id}`));
    // Marked as drawn (the district's review row is not).
    expect(detail.reviews.filter((r) => r.stage === "expert").every((r) => r.drawn)).toBe(true);
    expect(detail.reviews.filter((r) => r.stage !== "expert").some((r) => r.drawn)).toBe(false);
    expect(detail.version).toBeGreaterThan(project.version);
    expect(
      detail.reviews
        .filter((r) => r.stage === "expert")
        .map((r) => r.reviewerId)
        .sort(),
    ).toEqual([b.session.userId, c.session.userId].sort());
    // A second draw for the same project is refused.
    expect((await drawFor(env.city, "project_review", project.id, { n: 2 })).json().code).toBe(
      "ALREADY_DRAWN",
    );

    // Manual reviewer edits may add but not drop a drawn expert.
    const drop = await inject(env.ctx, env.city, "PUT", `/api/projects/${project.id}/reviewers`, {
      version: detail.version,
      reviewerIds: [b.session.userId],
    });
    expect(drop.statusCode).toBe(400);
    expect(drop.json().field).toBe("reviewerIds");
    expect(drop.json().message).toContain("随机抽取");
    // 回避 holds for hand-picked reviewers too: `a` reviewed this enterprise's earlier project.
    const conflicted = await inject(env.ctx, env.city, "PUT", `/api/projects/${project.id}/reviewers`, {
      version: detail.version,
      reviewerIds: [b.session.userId, c.session.userId, a.session.userId],
    });
    expect(conflicted.statusCode).toBe(400);
    expect(conflicted.json().field).toBe("reviewerIds");
    expect(conflicted.json().message).toMatch(/按回避规则不能指派：专家\d+（近期服务回避：/);

    // b sees the invitation; scoring the sheet counts as accepting it.
    const invB = (await myAssignments(b.session)).find((x) => x.subjectId === project.id)!;
    expect(invB).toMatchObject({
      purpose: "project_review",
      status: "invited",
      answerable: true,
      scored: false,
    });
    await ok(
      inject(env.ctx, b.session, "POST", `/api/projects/${project.id}/score`, {
        scores: Object.fromEntries(EXPERT_SCORE_SHEET.map((i) => [i.id, i.max])),
        opinion: "方案可行，同意立项。",
      }),
    );
    const afterScore = (await myAssignments(b.session)).find((x) => x.subjectId === project.id)!;
    expect(afterScore).toMatchObject({ status: "accepted", scored: true, answerable: false });
    // Having scored, b can no longer decline (the invitation is answered).
    expect(
      (
        await inject(env.ctx, b.session, "POST", `/api/experts/assignments/${invB.id}/decline`, {
          reason: "时间冲突",
        })
      ).statusCode,
    ).toBe(409);

    // c declines: its review sheet goes, the replacement (none left here) is reported.
    const invC = (await myAssignments(c.session)).find((x) => x.subjectId === project.id)!;
    const dec = await ok<{ replacement: unknown; message: string }>(
      inject(env.ctx, c.session, "POST", `/api/experts/assignments/${invC.id}/decline`, {
        reason: "出差在外",
      }),
    );
    expect(dec.replacement).toBeNull();
    const rows = await env.ctx.handle.db
      .select({ reviewerId: projectReviews.reviewerId })
      .from(projectReviews)
      .where(and(eq(projectReviews.projectId, project.id), eq(projectReviews.stage, "expert")));
    expect(rows.map((r) => r.reviewerId)).toEqual([b.session.userId]);

    // The stored record re-runs identically, replacement included.
    const v = await ok<{ matches: boolean }>(
      inject(env.ctx, env.city, "POST", `/api/experts/draws/${d.id}/verify`),
    );
    expect(v.matches).toBe(true);
  });

  it("refuses a project outside the expert review with a Chinese reason", async () => {
    const ent = await createEnterpriseAs(env.ctx, env.city, { districtCode: BINHAI });
    const owner = await userSession(env.ctx, "enterprise", { enterpriseId: ent.id });
    const p = await ok<{ id: string }>(
      inject(env.ctx, owner, "POST", "/api/projects", {
        name: "草稿项目",
        type: "tech_upgrade",
        totalInvestmentWan: "1500",
        equipmentInvestmentWan: "800",
        softwareInvestmentWan: "0",
        plannedStartDate: plusDays(30),
        plannedFinishDate: plusDays(400),
      }),
      201,
    );
    const r = await drawFor(env.city, "project_review", p.id, { n: 1 });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain("专家评审阶段");
  });
});

describe("diagnosis team draw (现场诊断)", () => {
  it("the diagnosis's district draws; experts join the team, the lead passes on decline; records are district-scoped", async () => {
    const ent = await createEnterpriseAs(env.ctx, env.city, {
      districtCode: BINHAI,
      name: "天津诊断抽取电子有限公司",
    });
    const x = await expertWithLogin(env.ctx, env.city, ["diag-f"]);
    const y = await expertWithLogin(env.ctx, env.city, ["diag-f"]);
    const z = await expertWithLogin(env.ctx, env.city, ["diag-f"]);
    const w = await expertWithLogin(env.ctx, env.city, ["diag-f"]);
    // w sat on an earlier (closed) diagnosis team of this enterprise → recent service, avoided.
    const earlier = await ok<{ id: string }>(
      inject(env.ctx, env.district, "POST", "/api/diagnoses", { enterpriseId: ent.id }),
      201,
    );
    await env.ctx.handle.db
      .insert(diagnosisTeam)
      .values({ diagnosisId: earlier.id, userId: w.session.userId, lead: true, assignedBy: env.city.userId });
    await env.ctx.handle.db.execute(sql`update diagnoses set status = 'closed' where id = ${earlier.id}`);
    const dg = await ok<{ id: string; version: number }>(
      inject(env.ctx, env.district, "POST", "/api/diagnoses", { enterpriseId: ent.id }),
      201,
    );

    // Another district does not find it; enterprise and expert accounts may not draw.
    expect((await drawFor(env.otherDistrict, "diagnosis", dg.id, { n: 2 })).statusCode).toBe(404);
    const owner = await userSession(env.ctx, "enterprise", { enterpriseId: ent.id });
    expect((await drawFor(owner, "diagnosis", dg.id, { n: 2 })).statusCode).toBe(403);
    expect((await drawFor(x.session, "diagnosis", dg.id, { n: 2 })).statusCode).toBe(403);
    // District staff draw only for diagnoses, never a pool review or a project.
    expect((await drawFor(env.district, "pool_review", dg.id, { n: 2 })).statusCode).toBe(403);

    const d = await ok<Draw>(drawFor(env.district, "diagnosis", dg.id, { n: 2, fields: ["diag-f"] }), 201);
    const picked = d.current.selected.map((s) => s.expertId);
    expect(picked).not.toContain(w.expertId);
    expect(Object.fromEntries(d.current.excluded.map((e) => [e.expertId, e.rules]))[w.expertId]).toContain(
      "recent_service",
    );
    const byExpert = { [x.expertId]: x, [y.expertId]: y, [z.expertId]: z };
    const team = async () =>
      (
        await ok<{ team: { userId: string; lead: boolean; drawn: boolean }[]; version: number }>(
          inject(env.ctx, env.district, "GET", `/api/diagnoses/${dg.id}`),
        )
      ).team;
    let members = await team();
    expect(members.every((m) => m.drawn)).toBe(true);
    expect(members.map((m) => m.userId).sort()).toEqual(
      picked.map((id) => byExpert[id]!.session.userId).sort(),
    );
    const lead = members.find((m) => m.lead)!;
    expect(lead.userId).toBe(byExpert[picked[0]!]!.session.userId);

    // Manual team edits may not drop a drawn expert.
    const cur = await ok<{ version: number }>(
      inject(env.ctx, env.district, "GET", `/api/diagnoses/${dg.id}`),
    );
    const drop = await inject(env.ctx, env.district, "PUT", `/api/diagnoses/${dg.id}/team`, {
      version: cur.version,
      members: [{ userId: members.find((m) => !m.lead)!.userId, lead: true }],
    });
    expect(drop.statusCode).toBe(400);
    expect(drop.json().message).toContain("随机抽取");
    // Adding `w` by hand is refused: it sat on this enterprise's earlier diagnosis team.
    const withW = await inject(env.ctx, env.district, "PUT", `/api/diagnoses/${dg.id}/team`, {
      version: cur.version,
      members: [
        ...members.map((m) => ({ userId: m.userId, lead: m.lead })),
        { userId: w.session.userId, lead: false },
      ],
    });
    expect(withW.statusCode).toBe(400);
    expect(withW.json()).toMatchObject({ field: "members" });
    expect(withW.json().message).toContain("近期服务回避");

    // The lead declines: the replacement takes the seat and the lead.
    const leadExpert = byExpert[picked[0]!]!;
    const inv = (await myAssignments(leadExpert.session)).find((a) => a.subjectId === dg.id)!;
    expect(inv).toMatchObject({ purpose: "diagnosis", answerable: true, subjectStatus: "requested" });
    const dec = await ok<{ replacement: { expertId: string } | null }>(
      inject(env.ctx, leadExpert.session, "POST", `/api/experts/assignments/${inv.id}/decline`, {
        reason: "与企业存在业务往来",
      }),
    );
    const third = Object.keys(byExpert).find((id) => !picked.includes(id))!;
    expect(dec.replacement?.expertId).toBe(third);
    members = await team();
    expect(members.map((m) => m.userId)).not.toContain(leadExpert.session.userId);
    expect(members.find((m) => m.lead)?.userId).toBe(byExpert[third]!.session.userId);

    // Records: the district lists and reads its own diagnosis draws; another district and the pool
    // reviews stay out of sight; the city sees everything.
    const mine = await ok<{ items: { id: string; purpose: string }[] }>(
      inject(env.ctx, env.district, "GET", "/api/experts/draws?pageSize=100"),
    );
    expect(mine.items.map((i) => i.id)).toContain(d.id);
    expect(mine.items.every((i) => i.purpose === "diagnosis")).toBe(true);
    expect((await inject(env.ctx, env.district, "GET", `/api/experts/draws/${d.id}`)).statusCode).toBe(200);
    expect((await inject(env.ctx, env.otherDistrict, "GET", `/api/experts/draws/${d.id}`)).statusCode).toBe(
      404,
    );
    const theirs = await ok<{ items: unknown[] }>(
      inject(env.ctx, env.otherDistrict, "GET", "/api/experts/draws"),
    );
    expect(theirs.items).toHaveLength(0);
    expect((await inject(env.ctx, owner, "GET", "/api/experts/draws")).statusCode).toBe(403);
    const all = await ok<{ items: { id: string }[] }>(
      inject(env.ctx, env.city, "GET", "/api/experts/draws?pageSize=100"),
    );
    expect(all.items.map((i) => i.id)).toContain(d.id);
    const v = await ok<{ matches: boolean }>(
      inject(env.ctx, env.district, "POST", `/api/experts/draws/${d.id}/verify`),
    );
    expect(v.matches).toBe(true);

    // 专家评价: the district rates the replacement once it accepted; not before, and not another district.
    const repl = (await myAssignments(byExpert[third]!.session)).find((a) => a.subjectId === dg.id)!;
    const early = await inject(env.ctx, env.district, "PUT", `/api/experts/assignments/${repl.id}/rating`, {
      rating: 5,
    });
    expect(early.statusCode).toBe(409);
    await ok(inject(env.ctx, byExpert[third]!.session, "POST", `/api/experts/assignments/${repl.id}/accept`));
    expect(
      (
        await inject(env.ctx, env.otherDistrict, "PUT", `/api/experts/assignments/${repl.id}/rating`, {
          rating: 5,
        })
      ).statusCode,
    ).toBe(404);
    const outOfRange = await inject(
      env.ctx,
      env.district,
      "PUT",
      `/api/experts/assignments/${repl.id}/rating`,
      {
        rating: 6,
      },
    );
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().message).toContain("评分须为 1–5 的整数");
    await ok(
      inject(env.ctx, env.district, "PUT", `/api/experts/assignments/${repl.id}/rating`, {
        rating: 3,
        comment: "现场问题定位准确",
      }),
    );
    // A second rating replaces the first; the city reads the average in 专家库.
    await ok(
      inject(env.ctx, env.district, "PUT", `/api/experts/assignments/${repl.id}/rating`, { rating: 4 }),
    );
    const rated = await ok<{ rating: number | null; ratingCount: number }>(
      inject(env.ctx, env.city, "GET", `/api/experts/${third}`),
    );
    expect(rated).toMatchObject({ rating: 4, ratingCount: 1 });
    const rec = await ok<{ assignments: { id: string; rating: number | null; canRate: boolean }[] }>(
      inject(env.ctx, env.district, "GET", `/api/experts/draws/${d.id}`),
    );
    expect(rec.assignments.find((a) => a.id === repl.id)).toMatchObject({ rating: 4, canRate: true });
    expect(rec.assignments.find((a) => a.id === inv.id)).toMatchObject({ canRate: false }); // declined

    // Once the on-site assessment is submitted the team is closed: no more draws or answers.
    await env.ctx.handle.db.execute(sql`update diagnoses set status = 'verified' where id = ${dg.id}`);
    const late = (await myAssignments(byExpert[third]!.session)).find((a) => a.subjectId === dg.id)!;
    expect(late.answerable).toBe(false);
    expect(
      (
        await inject(
          env.ctx,
          byExpert[third]!.session,
          "POST",
          `/api/experts/assignments/${late.id}/decline`,
          {
            reason: "已接受后反悔",
          },
        )
      ).statusCode,
    ).toBe(409);
  });
});

describe("pool snapshot stored once by content hash", () => {
  it("two draws over an unchanged pool share one snapshot; a tampered snapshot fails verification", async () => {
    const e1 = await createEnterpriseAs(env.ctx, env.city, { districtCode: BINHAI });
    const e2 = await createEnterpriseAs(env.ctx, env.city, { districtCode: BINHAI });
    const d1 = await ok<{ id: string }>(
      inject(env.ctx, env.district, "POST", "/api/diagnoses", { enterpriseId: e1.id }),
      201,
    );
    const d2 = await ok<{ id: string }>(
      inject(env.ctx, env.district, "POST", "/api/diagnoses", { enterpriseId: e2.id }),
      201,
    );
    await expertWithLogin(env.ctx, env.city, ["snap-f"]);
    await expertWithLogin(env.ctx, env.city, ["snap-f"]);
    const a = await ok<Draw>(drawFor(env.district, "diagnosis", d1.id, { n: 1, fields: ["snap-f"] }), 201);
    const b = await ok<Draw>(
      drawFor(env.district, "diagnosis", d2.id, {
        n: 1,
        fields: ["snap-f"],
        avoidance: { togetherMonths: 0 },
      }),
      201,
    );
    expect(a.pool.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.pool.hash).toBe(a.pool.hash);
    expect(a.pool.intact).toBe(true);
    const snaps = await env.ctx.handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(expertPoolSnapshots)
      .where(eq(expertPoolSnapshots.hash, a.pool.hash!));
    expect(snaps[0]!.n).toBe(1);
    // The row keeps the history packed against the snapshot, not the raw history.
    const [row] = await env.ctx.handle.db
      .select({ request: expertDraws.request, pool: expertDraws.pool, current: expertDraws.current })
      .from(expertDraws)
      .where(eq(expertDraws.id, a.id));
    expect(row!.request).toHaveProperty("historyPacked.v", 1);
    expect(row!.request).not.toHaveProperty("history");
    expect(row!.pool).toBeNull();
    expect(row!.current).toBeNull(); // nobody declined yet

    // Someone edits the stored snapshot: the record no longer checks out.
    await env.ctx.handle.db.execute(
      sql`update expert_pool_snapshots set experts = jsonb_set(experts, '{0,organization}', '"篡改单位"') where hash = ${a.pool.hash}`,
    );
    const v = await ok<{ matches: boolean; message: string }>(
      inject(env.ctx, env.city, "POST", `/api/experts/draws/${a.id}/verify`),
    );
    expect(v.matches).toBe(false);
    expect(v.message).toContain("SHA-256");
    const again = await ok<Draw>(inject(env.ctx, env.city, "GET", `/api/experts/draws/${a.id}`));
    expect(again.pool.intact).toBe(false);
  });
});
