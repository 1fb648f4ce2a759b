import { auditLog, diagnosisTeam, expertAssignments, expertDraws } from "@dxcenter/db";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { BINHAI, cityAdmin, createEnterpriseAs, testFile, userSession } from "./helpers";
import { expertWithLogin, inject, ok, plainExperts, providerWithOrg } from "./providers-fixtures";

const env = testFile(cityAdmin);

type Draw = {
  id: string;
  seed: string;
  algorithm: string;
  current: {
    selected: { expertId: string; round: number }[];
    excluded: { expertId: string; rules: string[]; reasons: string[] }[];
    declined: { expertId: string }[];
    round: number;
  };
  result: { selected: { expertId: string }[] };
  assignments: { id: string; expertId: string; status: string; round: number }[];
  historyCounts: { services: number; draws: number };
};

/** An application of a fresh provider, under review. */
async function underReview(providerOverrides: Record<string, unknown> = {}) {
  const { session, provider } = await providerWithOrg(env.ctx, providerOverrides);
  let app = await ok<{ id: string; version: number }>(
    inject(env.ctx, session, "POST", "/api/pool/applications", {
      category: "consulting_diagnosis",
      materials: [{ name: "营业执照" }],
      statement: "申请加入咨询诊断服务类别。",
    }),
    201,
  );
  app = await ok(
    inject(env.ctx, env.city, "POST", `/api/pool/applications/${app.id}/review`, { version: app.version }),
  );
  return { app, provider, session };
}

const draw = (subjectId: string, body: Record<string, unknown>) =>
  inject(env.ctx, env.city, "POST", "/api/experts/draws", { purpose: "pool_review", subjectId, ...body });

describe("expert pool CRUD", () => {
  it("city creates, lists with filters/sort/search, updates with version, exports; others are refused", async () => {
    const e = await ok<{ id: string; version: number }>(
      inject(env.ctx, env.city, "POST", "/api/experts", {
        name: "张建国",
        organization: "天津大学",
        title: "教授",
        fields: ["crud-f", "MES"],
        availability: [{ from: "2026-01-01", to: "2030-12-31" }],
      }),
      201,
    );
    const noField = await inject(env.ctx, env.city, "POST", "/api/experts", {
      name: "李四",
      organization: "天津大学",
      fields: [],
    });
    expect(noField.statusCode).toBe(400);
    expect(noField.json().message).toContain("专业领域");
    const list = await ok<{ items: { id: string; workload: number }[]; total: number }>(
      inject(env.ctx, env.city, "GET", "/api/experts?field=crud-f&q=建国&sort=workload&order=desc"),
    );
    expect(list.items.map((x) => x.id)).toEqual([e.id]);
    expect(list.items[0]!.workload).toBe(0);
    const upd = await ok<{ title: string; version: number }>(
      inject(env.ctx, env.city, "PUT", `/api/experts/${e.id}`, {
        name: "张建国",
        organization: "天津大学",
        title: "正高级工程师",
        fields: ["crud-f"],
        version: e.version,
      }),
    );
    expect(upd.title).toBe("正高级工程师");
    expect(
      (
        await inject(env.ctx, env.city, "PUT", `/api/experts/${e.id}`, {
          name: "张建国",
          organization: "天津大学",
          fields: ["crud-f"],
          version: e.version,
        })
      ).statusCode,
    ).toBe(409);
    const x = await inject(env.ctx, env.city, "GET", "/api/experts/export?field=crud-f");
    expect(x.statusCode).toBe(200);
    const district = await userSession(env.ctx, "district_admin", { districtCode: BINHAI });
    expect((await inject(env.ctx, district, "GET", "/api/experts")).statusCode).toBe(403);
  });
});

describe("availability (可用时间)", () => {
  it("city and the expert keep date ranges: start ≤ end, no overlaps, Chinese errors naming the field", async () => {
    const overlap = await inject(env.ctx, env.city, "POST", "/api/experts", {
      name: "王可用",
      organization: "南开大学",
      fields: ["avail-f"],
      availability: [
        { from: "2026-03-01", to: "2026-03-31" },
        { from: "2026-03-31", to: "2026-04-15" },
      ],
    });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json()).toMatchObject({ field: "availability.1.from" });
    expect(overlap.json().message).toContain("可用时间第 2 段");
    expect(overlap.json().message).toContain("重叠");

    const { session: me, expertId } = await expertWithLogin(env.ctx, env.city, ["avail-f"]);
    const mine = await ok<{ id: string; availability: unknown[]; version: number }>(
      inject(env.ctx, me, "GET", "/api/experts/me"),
    );
    expect(mine).toMatchObject({ id: expertId, availability: [] });
    const reversed = await inject(env.ctx, me, "PUT", "/api/experts/me/availability", {
      availability: [{ from: "2026-05-10", to: "2026-05-01" }],
      version: mine.version,
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().message).toContain("可用时间");
    const twice = await inject(env.ctx, me, "PUT", "/api/experts/me/availability", {
      availability: [
        { from: "2026-06-01", to: "2026-06-30" },
        { from: "2026-06-15", to: "2026-07-15" },
      ],
      version: mine.version,
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().field).toBe("availability.1.from");
    const saved = await ok<{ availability: { from: string }[]; version: number }>(
      inject(env.ctx, me, "PUT", "/api/experts/me/availability", {
        availability: [
          { from: "2026-09-01", to: "2026-09-30" },
          { from: "2026-06-01", to: "2026-06-30" },
        ],
        version: mine.version,
      }),
    );
    expect(saved.availability.map((w) => w.from)).toEqual(["2026-06-01", "2026-09-01"]); // kept in date order
    const stale = await inject(env.ctx, me, "PUT", "/api/experts/me/availability", {
      availability: [],
      version: mine.version,
    });
    expect(stale.statusCode).toBe(409);
    // The city sees the change; it was audited.
    const e = await ok<{ availability: unknown[] }>(
      inject(env.ctx, env.city, "GET", `/api/experts/${expertId}`),
    );
    expect(e.availability).toHaveLength(2);
    const [row] = await env.ctx.handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "expert.availability_update"));
    expect(row).toMatchObject({ entityId: expertId, entityType: "expert" });
    // An expert account without a pool profile has nothing to edit.
    const stranger = await userSession(env.ctx, "expert");
    expect((await inject(env.ctx, stranger, "GET", "/api/experts/me")).statusCode).toBe(404);
  });
});

describe("draw", () => {
  it("stores seed, algorithm, request, pool and result; re-run is identical", async () => {
    const { app } = await underReview();
    await plainExperts(env.ctx, env.city, 6, ["draw-a"]);
    const d = await ok<Draw>(draw(app.id, { n: 3, fields: ["draw-a"] }), 201);
    expect(d.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(d.algorithm).toBe("cyrb128-sfc32-v1/draw-v1");
    expect(d.current.selected).toHaveLength(3);
    expect(d.assignments).toHaveLength(3);
    // Every other expert in the pool is listed as excluded with a reason (field mismatch here).
    expect(d.current.excluded.length).toBeGreaterThan(0);
    expect(d.current.excluded.every((x) => x.reasons.length > 0)).toBe(true);
    const v = await ok<{ matches: boolean; message: string }>(
      inject(env.ctx, env.city, "POST", `/api/experts/draws/${d.id}/verify`),
    );
    expect(v.matches).toBe(true);
    expect(v.message).toContain("复核一致");
    // A tampered record is detected.
    const [row] = await env.ctx.handle.db.select().from(expertDraws).where(eq(expertDraws.id, d.id));
    await env.ctx.handle.db
      .update(expertDraws)
      .set({ seed: `${row!.seed}0` })
      .where(eq(expertDraws.id, d.id));
    const bad = await ok<{ matches: boolean }>(
      inject(env.ctx, env.city, "POST", `/api/experts/draws/${d.id}/verify`),
    );
    expect(bad.matches).toBe(false);
    await env.ctx.handle.db.update(expertDraws).set({ seed: row!.seed }).where(eq(expertDraws.id, d.id));
    // A second draw for the same subject is refused while the panel stands.
    const again = await draw(app.id, { n: 3, fields: ["draw-a"] });
    expect(again.statusCode).toBe(409);
    const list = await ok<{ items: { id: string; seed: string }[] }>(
      inject(env.ctx, env.city, "GET", `/api/experts/draws?subjectId=${app.id}`),
    );
    expect(list.items.map((x) => x.seed)).toEqual([d.seed]);
  });

  it("avoidance holds against the database history", async () => {
    const F = "draw-avoid";
    const { app, provider } = await underReview({ name: "天津回避测试数字科技有限公司" });
    const sameOrg = (await plainExperts(env.ctx, env.city, 1, [F], "天津回避测试数字科技有限公司"))[0]!;
    const conflicted = await ok<{ id: string }>(
      inject(env.ctx, env.city, "POST", "/api/experts", {
        name: "冲突专家",
        organization: "天津理工大学",
        fields: [F],
        conflicts: [{ organization: "天津回避测试数字科技有限公司", note: "亲属任职" }],
      }),
      201,
    );
    // Served the applicant recently: sat on a diagnosis team together with the provider's account.
    const served = await expertWithLogin(env.ctx, env.city, [F], "天津工业大学");
    const members = await ok<{ id: string }>(
      inject(env.ctx, env.city, "GET", `/api/providers/${provider.id}`),
    );
    expect(members.id).toBe(provider.id);
    const ent = await createEnterpriseAs(env.ctx, env.city);
    const dg = await ok<{ id: string; version: number }>(
      inject(env.ctx, env.city, "POST", "/api/diagnoses", { enterpriseId: ent.id }),
      201,
    );
    const provSession = (await env.ctx.handle.db.execute<{ user_id: string }>(
      (
        await import("drizzle-orm")
      ).sql`select user_id from provider_members where provider_id = ${provider.id}`,
    )) as unknown as { rows?: { user_id: string }[] } & { user_id: string }[];
    const provUser = (provSession.rows ?? provSession)[0]!.user_id;
    await env.ctx.handle.db.insert(diagnosisTeam).values([
      { diagnosisId: dg.id, userId: provUser, lead: true, assignedBy: env.city.userId },
      { diagnosisId: dg.id, userId: served.session.userId, lead: false, assignedBy: env.city.userId },
    ]);
    // Drawn together recently: two experts on an earlier panel.
    const [p1, p2] = await plainExperts(env.ctx, env.city, 2, [F], "天津科技大学");
    const other = await underReview();
    await env.ctx.handle.db.insert(expertDraws).values({
      purpose: "pool_review",
      subjectId: other.app.id,
      subjectLabel: "历史评审",
      drawDate: new Date(Date.now() + 8 * 3_600_000 - 30 * 86_400_000).toISOString().slice(0, 10),
      seed: "history",
      algorithm: "cyrb128-sfc32-v1/draw-v1",
      request: {},
      pool: [],
      result: {},
      current: {},
      selectedIds: [p1!, p2!],
      drawnBy: env.city.userId,
    });
    const clean = await plainExperts(env.ctx, env.city, 1, [F], "天津中德应用技术大学");
    const d = await ok<Draw>(draw(app.id, { n: 2, fields: [F] }), 201);
    const sel = d.current.selected.map((s) => s.expertId);
    const rulesOf = (id: string) => d.current.excluded.find((x) => x.expertId === id)?.rules ?? [];
    expect(sel).not.toContain(sameOrg);
    expect(rulesOf(sameOrg)).toContain("same_organization");
    expect(sel).not.toContain(conflicted.id);
    expect(rulesOf(conflicted.id)).toContain("declared_conflict");
    expect(sel).not.toContain(served.expertId);
    expect(rulesOf(served.expertId)).toContain("recent_service");
    expect(d.historyCounts.services).toBeGreaterThanOrEqual(1);
    // Never both p1 and p2 on the panel; eligible were p1, p2 and clean → the panel is {p, clean}.
    expect(sel.includes(p1!) && sel.includes(p2!)).toBe(false);
    expect(sel).toContain(clean[0]!);
    const v = await ok<{ matches: boolean }>(
      inject(env.ctx, env.city, "POST", `/api/experts/draws/${d.id}/verify`),
    );
    expect(v.matches).toBe(true);
  });

  it("decline → replacement from the seed; never re-picks a decliner; experts see only their own", async () => {
    const F = "draw-decline";
    const { app } = await underReview();
    const a = await expertWithLogin(env.ctx, env.city, [F], "天津大学");
    const b = await expertWithLogin(env.ctx, env.city, [F], "南开大学");
    const c = await expertWithLogin(env.ctx, env.city, [F], "河北工业大学");
    const d = await ok<Draw>(draw(app.id, { n: 2, fields: [F] }), 201);
    const people = [a, b, c];
    const onPanel = people.filter((p) => d.current.selected.some((s) => s.expertId === p.expertId));
    const off = people.find((p) => !onPanel.includes(p))!;
    expect(onPanel).toHaveLength(2);
    // The expert not drawn sees no invitation; a drawn one cannot answer someone else's.
    expect(
      (await ok<{ total: number }>(inject(env.ctx, off.session, "GET", "/api/experts/assignments/mine")))
        .total,
    ).toBe(0);
    const first = onPanel[0]!;
    const mine = await ok<{ items: { id: string; subjectLabel: string }[] }>(
      inject(env.ctx, first.session, "GET", "/api/experts/assignments/mine"),
    );
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]!.subjectLabel).toContain("入库评审");
    const secondsInv = d.assignments.find((x) => x.expertId === onPanel[1]!.expertId)!;
    expect(
      (await inject(env.ctx, first.session, "POST", `/api/experts/assignments/${secondsInv.id}/accept`))
        .statusCode,
    ).toBe(404);
    const declined = await ok<{ replacement: { expertId: string } | null; message: string }>(
      inject(env.ctx, first.session, "POST", `/api/experts/assignments/${mine.items[0]!.id}/decline`, {
        reason: "时间冲突",
      }),
    );
    expect(declined.replacement?.expertId).toBe(off.expertId);
    const after = await ok<Draw>(inject(env.ctx, env.city, "GET", `/api/experts/draws/${d.id}`));
    expect(after.current.round).toBe(1);
    expect(after.current.selected.map((s) => s.expertId)).not.toContain(first.expertId);
    expect(after.current.declined.map((x) => x.expertId)).toEqual([first.expertId]);
    expect(after.assignments.find((x) => x.expertId === off.expertId)?.round).toBe(1);
    // The replacement declines too: nobody is left (the first decliner is never re-picked).
    const offInv = await ok<{ items: { id: string }[] }>(
      inject(env.ctx, off.session, "GET", "/api/experts/assignments/mine"),
    );
    const second = await ok<{ replacement: unknown; message: string }>(
      inject(env.ctx, off.session, "POST", `/api/experts/assignments/${offInv.items[0]!.id}/decline`, {
        reason: "出差",
      }),
    );
    expect(second.replacement).toBeNull();
    expect(second.message).toContain("不足");
    const v = await ok<{ matches: boolean; replacementsReplayed: number }>(
      inject(env.ctx, env.city, "POST", `/api/experts/draws/${d.id}/verify`),
    );
    expect(v).toMatchObject({ matches: true, replacementsReplayed: 2 });
    const rows = await env.ctx.handle.db
      .select()
      .from(expertAssignments)
      .where(eq(expertAssignments.drawId, d.id));
    expect(rows.filter((r) => r.status === "declined")).toHaveLength(2);
    // Workload: the panel members' current draws count.
    const item = await ok<{ workload: number; declined: number }>(
      inject(env.ctx, env.city, "GET", `/api/experts/${first.expertId}`),
    );
    expect(item, JSON.stringify(item)).toMatchObject({ workload: 0, declined: 1 });
    const kept = await ok<{ workload: number }>(
      inject(env.ctx, env.city, "GET", `/api/experts/${onPanel[1]!.expertId}`),
    );
    expect(kept.workload).toBe(1);
  });

  it("insufficient pool → clear Chinese error, nothing stored", async () => {
    const { app } = await underReview();
    await plainExperts(env.ctx, env.city, 1, ["draw-scarce"]);
    const r = await draw(app.id, { n: 3, fields: ["draw-scarce"] });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toMatch(/符合条件的专家不足：需 3 名，仅抽到 1 名/);
    const list = await ok<{ total: number }>(
      inject(env.ctx, env.city, "GET", `/api/experts/draws?subjectId=${app.id}`),
    );
    expect(list.total).toBe(0);
    // A subject id of another purpose is not a diagnosis.
    const wrongKind = await inject(env.ctx, env.city, "POST", "/api/experts/draws", {
      purpose: "diagnosis",
      subjectId: app.id,
      n: 1,
    });
    expect(wrongKind.statusCode).toBe(404);
    expect(wrongKind.json().message).toContain("诊断");
  });
});
