import { diagnoses, poolApplications, providerEvaluations, providerRatings } from "@dxcenter/db";
import { gradeProvider } from "@dxcenter/domain";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { BINHAI, cityAdmin, createEnterpriseAs, testFile, userSession } from "./helpers";
import { expertWithLogin, inject, ok, profileInput, providerWithOrg, SHEET_FULL } from "./providers-fixtures";
import { readSheet } from "./xlsx-fixtures";

// The city and 滨海新区's administrator.
const env = testFile(async (ctx) => ({
  ...(await cityAdmin(ctx)),
  district: await userSession(ctx, "district_admin", { districtCode: BINHAI }),
}));

type App = {
  id: string;
  status: string;
  version: number;
  averageScore: number | null;
  panel: { assignmentId: string; expertId: string; status: string }[];
  permissions: Record<string, boolean>;
  objections: { id: string; status: string; anonymous: boolean }[];
};

const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const plusDays = (d: number) =>
  new Date(Date.parse(`${TODAY}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);

/** Applies, opens review, draws `experts` (who accept and score), returns the application under review. */
async function reviewed(field: string) {
  const { session: prov, provider } = await providerWithOrg(env.ctx);
  const panel = [
    await expertWithLogin(env.ctx, env.city, [field], "天津大学"),
    await expertWithLogin(env.ctx, env.city, [field], "南开大学"),
  ];
  let app = await ok<App>(
    inject(env.ctx, prov, "POST", "/api/pool/applications", {
      category: "system_solution",
      materials: [{ name: "营业执照" }, { name: "近三年案例" }],
      statement: "本机构申请加入服务商资源池，承诺材料真实。",
    }),
    201,
  );
  app = await ok<App>(
    inject(env.ctx, env.city, "POST", `/api/pool/applications/${app.id}/review`, { version: app.version }),
  );
  await ok(
    inject(env.ctx, env.city, "POST", "/api/experts/draws", {
      purpose: "pool_review",
      subjectId: app.id,
      n: 2,
      fields: [field],
    }),
    201,
  );
  app = await ok<App>(inject(env.ctx, env.city, "GET", `/api/pool/applications/${app.id}`));
  for (const m of app.panel) {
    const who = panel.find((p) => p.expertId === m.expertId)!;
    await ok(inject(env.ctx, who.session, "POST", `/api/experts/assignments/${m.assignmentId}/accept`));
    await ok(
      inject(env.ctx, who.session, "PUT", `/api/pool/applications/${app.id}/score`, {
        items: SHEET_FULL,
        comment: "材料齐全，案例扎实。",
        recommendation: "admit",
      }),
    );
  }
  app = await ok<App>(inject(env.ctx, env.city, "GET", `/api/pool/applications/${app.id}`));
  return { prov, provider, app, panel };
}

describe("provider profile", () => {
  it("registers with a validated USCC; Chinese errors name the field", async () => {
    const s = await userSession(env.ctx, "provider");
    const bad = await inject(
      env.ctx,
      s,
      "POST",
      "/api/providers/mine",
      profileInput({ uscc: "91120116MA05JXXX01" }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe("uscc");
    expect(bad.json().message).toMatch(/统一社会信用代码|校验/);
    const noCat = await inject(env.ctx, s, "POST", "/api/providers/mine", profileInput({ categories: [] }));
    expect(noCat.statusCode).toBe(400);
    expect(noCat.json().message).toContain("服务类别");
    const badIndustry = await inject(
      env.ctx,
      s,
      "POST",
      "/api/providers/mine",
      profileInput({ industries: ["C99"] }),
    );
    expect(badIndustry.statusCode).toBe(400);
    expect(badIndustry.json().field).toBe("industries");
    const p = await ok<{ id: string; status: string; cases: unknown[]; version: number }>(
      inject(env.ctx, s, "POST", "/api/providers/mine", profileInput()),
      201,
    );
    expect(p.status).toBe("registered");
    expect(p.cases).toHaveLength(1);
    const again = await inject(env.ctx, s, "POST", "/api/providers/mine", profileInput());
    expect(again.statusCode).toBe(409);
    const upd = await ok<{ name: string; version: number }>(
      inject(env.ctx, s, "PUT", "/api/providers/mine", {
        ...profileInput(),
        uscc: undefined,
        name: "天津改名数字科技有限公司",
        version: p.version,
      }),
    );
    expect(upd.name).toBe("天津改名数字科技有限公司");
    const stale = await inject(env.ctx, s, "PUT", "/api/providers/mine", {
      ...profileInput(),
      uscc: undefined,
      version: p.version,
    });
    expect(stale.statusCode).toBe(409);
    // Not admitted: invisible to the public and districts, visible to itself and the city.
    expect((await inject(env.ctx, null, "GET", `/api/providers/${p.id}`)).statusCode).toBe(404);
    expect((await inject(env.ctx, env.district, "GET", `/api/providers/${p.id}`)).statusCode).toBe(404);
    expect((await inject(env.ctx, env.city, "GET", `/api/providers/${p.id}`)).statusCode).toBe(200);
    const mine = await ok<{ id: string }>(inject(env.ctx, s, "GET", "/api/providers/mine"));
    expect(mine.id).toBe(p.id);
  });
});

describe("pool lifecycle", () => {
  it("apply → review → draw → scores → decision → notice (objection dismissed) → admitted", async () => {
    const { prov, provider, app: reviewedApp } = await reviewed("lifecycle-a");
    let app = reviewedApp;
    expect(app.status).toBe("under_review");
    expect(app.averageScore).toBe(80);
    // The provider cannot decide; the district cannot even read it.
    expect(
      (
        await inject(env.ctx, prov, "POST", `/api/pool/applications/${app.id}/decision`, {
          decision: "admit",
          reason: "同意入库",
          noticeEnd: plusDays(6),
          version: app.version,
        })
      ).statusCode,
    ).toBe(403);
    expect((await inject(env.ctx, env.district, "GET", `/api/pool/applications/${app.id}`)).statusCode).toBe(
      403,
    );
    const noEnd = await inject(env.ctx, env.city, "POST", `/api/pool/applications/${app.id}/decision`, {
      decision: "admit",
      reason: "评审通过",
      version: app.version,
    });
    expect(noEnd.statusCode).toBe(400);
    expect(noEnd.json().field).toBe("noticeEnd");
    app = await ok<App>(
      inject(env.ctx, env.city, "POST", `/api/pool/applications/${app.id}/decision`, {
        decision: "admit",
        reason: "评审通过",
        noticeStart: TODAY,
        noticeEnd: plusDays(6),
        version: app.version,
      }),
    );
    expect(app.status).toBe("in_notice");
    // The public sees the notice and may object anonymously.
    const notices = await ok<{ items: { applicationId: string; open: boolean }[] }>(
      inject(env.ctx, null, "GET", "/api/pool/notices"),
    );
    expect(notices.items.find((n) => n.applicationId === app.id)?.open).toBe(true);
    // …and exports the list as xlsx without signing in.
    const xlsx = await inject(env.ctx, null, "GET", "/api/pool/notices/export");
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    const sheet = await readSheet(xlsx.rawPayload);
    expect(sheet[0]).toEqual([
      "机构名称",
      "统一社会信用代码",
      "申请类别",
      "专家平均分",
      "公示开始",
      "公示结束",
      "异议",
      "公示内容",
    ]);
    expect(sheet.some((r) => r[6] === "公示中，可提出异议")).toBe(true);
    const short = await inject(env.ctx, null, "POST", `/api/pool/notices/${app.id}/objections`, {
      content: "短",
      contactPhone: "13800001111",
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toContain("异议内容");
    await ok(
      inject(env.ctx, null, "POST", `/api/pool/notices/${app.id}/objections`, {
        content: "该公司案例中的客户并非其服务对象，请核实。",
        contactPhone: "13800001111",
      }),
      201,
    );
    app = await ok<App>(inject(env.ctx, env.city, "GET", `/api/pool/applications/${app.id}`));
    expect(app.objections).toHaveLength(1);
    expect(app.objections[0]!.anonymous).toBe(true);
    // The provider does not see objections; admitting early is refused.
    const own = await ok<App>(inject(env.ctx, prov, "GET", `/api/pool/applications/${app.id}`));
    expect(own.objections).toHaveLength(0);
    const early = await inject(env.ctx, env.city, "POST", `/api/pool/applications/${app.id}/admit`, {
      version: app.version,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain("期满后");
    app = await ok<App>(
      inject(env.ctx, env.city, "POST", `/api/pool/objections/${app.objections[0]!.id}/handle`, {
        outcome: "dismissed",
        note: "经核实案例属实",
      }),
    );
    expect(app.status).toBe("in_notice");
    // The notice period passes.
    await env.ctx.handle.db
      .update(poolApplications)
      .set({ noticeStart: plusDays(-10), noticeEnd: plusDays(-1) })
      .where(eq(poolApplications.id, app.id));
    const closed = await inject(env.ctx, null, "POST", `/api/pool/notices/${app.id}/objections`, {
      content: "公示结束后才提出的异议内容",
      contactPhone: "13800001111",
    });
    expect(closed.statusCode).toBe(409);
    app = await ok<App>(
      inject(env.ctx, env.city, "POST", `/api/pool/applications/${app.id}/admit`, { version: app.version }),
    );
    expect(app.status).toBe("admitted");
    const pub = await ok<{ status: string; history: unknown[]; applications: unknown[] }>(
      inject(env.ctx, null, "GET", `/api/providers/${provider.id}`),
    );
    expect(pub.status).toBe("admitted");
    expect(pub.applications).toHaveLength(0);
    const mine = await ok<{ history: { toStatus: string }[] }>(
      inject(env.ctx, prov, "GET", "/api/providers/mine"),
    );
    expect(mine.history.map((h) => h.toStatus)).toEqual(["applied", "under_review", "in_notice", "admitted"]);
    const list = await ok<{ items: { id: string }[] }>(
      inject(env.ctx, env.district, "GET", "/api/providers?category=system_solution&pageSize=200"),
    );
    expect(list.items.some((p) => p.id === provider.id)).toBe(true);
  });

  it("an upheld objection rejects; the provider may apply again", async () => {
    const { prov, app: a } = await reviewed("lifecycle-b");
    let app = await ok<App>(
      inject(env.ctx, env.city, "POST", `/api/pool/applications/${a.id}/decision`, {
        decision: "admit",
        reason: "评审通过",
        noticeEnd: plusDays(5),
        version: a.version,
      }),
    );
    await ok(
      inject(env.ctx, prov, "POST", `/api/pool/notices/${app.id}/objections`, {
        content: "该公司存在失信记录，请核实处理。",
        contactName: "李先生",
        contactPhone: "022-23456789",
      }),
      201,
    );
    app = await ok<App>(inject(env.ctx, env.city, "GET", `/api/pool/applications/${app.id}`));
    expect(app.objections[0]!.anonymous).toBe(false);
    app = await ok<App>(
      inject(env.ctx, env.city, "POST", `/api/pool/objections/${app.objections[0]!.id}/handle`, {
        outcome: "upheld",
        note: "经核实存在失信记录",
      }),
    );
    expect(app.status).toBe("rejected");
    const mine = await ok<{ status: string; permissions: { apply: boolean } }>(
      inject(env.ctx, prov, "GET", "/api/providers/mine"),
    );
    expect(mine.status).toBe("registered");
    expect(mine.permissions.apply).toBe(true);
  });

  it("decision rules: scores required, below the pass line cannot be admitted, reject with reason", async () => {
    const { session: prov } = await providerWithOrg(env.ctx);
    let app = await ok<App>(
      inject(env.ctx, prov, "POST", "/api/pool/applications", {
        category: "green_manufacturing",
        materials: [{ name: "营业执照" }],
        statement: "申请加入绿色制造解决方案类别。",
      }),
      201,
    );
    const dup = await inject(env.ctx, prov, "POST", "/api/pool/applications", {
      category: "green_manufacturing",
      materials: [{ name: "营业执照" }],
      statement: "再次申请加入资源池看看。",
    });
    expect(dup.statusCode).toBe(409);
    app = await ok<App>(
      inject(env.ctx, env.city, "POST", `/api/pool/applications/${app.id}/review`, { version: app.version }),
    );
    const none = await inject(env.ctx, env.city, "POST", `/api/pool/applications/${app.id}/decision`, {
      decision: "reject",
      reason: "材料不全",
      version: app.version,
    });
    expect(none.statusCode).toBe(409);
    expect(none.json().message).toContain("尚无专家");
    const e = await expertWithLogin(env.ctx, env.city, ["lifecycle-c"]);
    await ok(
      inject(env.ctx, env.city, "POST", "/api/experts/draws", {
        purpose: "pool_review",
        subjectId: app.id,
        n: 1,
        fields: ["lifecycle-c"],
      }),
      201,
    );
    app = await ok<App>(inject(env.ctx, env.city, "GET", `/api/pool/applications/${app.id}`));
    const sheet = { qualification: 5, capability: 10, cases: 10, team: 5, service: 5, price: 5 };
    const notAccepted = await inject(env.ctx, e.session, "PUT", `/api/pool/applications/${app.id}/score`, {
      items: sheet,
      comment: "案例不足，能力一般。",
      recommendation: "reject",
    });
    expect(notAccepted.statusCode).toBe(409);
    await ok(
      inject(env.ctx, e.session, "POST", `/api/experts/assignments/${app.panel[0]!.assignmentId}/accept`),
    );
    const over = await inject(env.ctx, e.session, "PUT", `/api/pool/applications/${app.id}/score`, {
      items: { ...sheet, price: 11 },
      comment: "案例不足，能力一般。",
      recommendation: "reject",
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().message).toContain("价格与可持续性");
    await ok(
      inject(env.ctx, e.session, "PUT", `/api/pool/applications/${app.id}/score`, {
        items: sheet,
        comment: "案例不足，能力一般。",
        recommendation: "reject",
      }),
    );
    app = await ok<App>(inject(env.ctx, env.city, "GET", `/api/pool/applications/${app.id}`));
    const low = await inject(env.ctx, env.city, "POST", `/api/pool/applications/${app.id}/decision`, {
      decision: "admit",
      reason: "通过",
      noticeEnd: plusDays(5),
      version: app.version,
    });
    expect(low.statusCode).toBe(400);
    expect(low.json().message).toContain("低于入库线");
    app = await ok<App>(
      inject(env.ctx, env.city, "POST", `/api/pool/applications/${app.id}/decision`, {
        decision: "reject",
        reason: "平均分低于入库线",
        version: app.version,
      }),
    );
    expect(app.status).toBe("rejected");
    expect(app.averageScore).toBe(40);
  });
});

describe("ratings and the annual evaluation", () => {
  it("an enterprise rates only providers that served it; grades come from the stored ratings", async () => {
    const { provider, session: prov } = await providerWithOrg(env.ctx);
    const ent = await createEnterpriseAs(env.ctx, env.city, { districtCode: BINHAI });
    const entSession = await userSession(env.ctx, "enterprise", { enterpriseId: ent.id });
    const other = await providerWithOrg(env.ctx);
    // A closed diagnosis of the enterprise with the provider's account on the team.
    const d = await ok<{ id: string; version: number }>(
      inject(env.ctx, env.city, "POST", "/api/diagnoses", { enterpriseId: ent.id }),
      201,
    );
    await ok(
      inject(env.ctx, env.city, "PUT", `/api/diagnoses/${d.id}/team`, {
        members: [{ userId: prov.userId, lead: true }],
        version: d.version,
      }),
    );
    const notDone = await inject(env.ctx, entSession, "POST", `/api/providers/${provider.id}/ratings`, {
      diagnosisId: d.id,
      rating: 5,
    });
    expect(notDone.statusCode).toBe(409);
    await env.ctx.handle.db
      .update(diagnoses)
      .set({ status: "closed", closedAt: new Date() })
      .where(eq(diagnoses.id, d.id));
    const wrong = await inject(env.ctx, entSession, "POST", `/api/providers/${other.provider.id}/ratings`, {
      diagnosisId: d.id,
      rating: 5,
    });
    expect(wrong.statusCode).toBe(403);
    const bad = await inject(env.ctx, entSession, "POST", `/api/providers/${provider.id}/ratings`, {
      diagnosisId: d.id,
      rating: 6,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain("评分");
    const rateable = await ok<{ diagnosisId: string }[]>(
      inject(env.ctx, entSession, "GET", `/api/providers/${provider.id}/rateable`),
    );
    expect(rateable.map((x) => x.diagnosisId)).toEqual([d.id]);
    await ok(
      inject(env.ctx, entSession, "POST", `/api/providers/${provider.id}/ratings`, {
        diagnosisId: d.id,
        rating: 4,
        comment: "响应及时",
      }),
      201,
    );
    expect(
      (
        await inject(env.ctx, entSession, "POST", `/api/providers/${provider.id}/ratings`, {
          diagnosisId: d.id,
          rating: 4,
        })
      ).statusCode,
    ).toBe(409);
    // More rated services (stored directly: each needs its own diagnosis as evidence).
    for (const r of [5, 4, 5, 5]) {
      const dx = await ok<{ id: string }>(
        inject(env.ctx, env.city, "POST", "/api/diagnoses", {
          enterpriseId: (await createEnterpriseAs(env.ctx, env.city)).id,
        }),
        201,
      );
      await env.ctx.handle.db.insert(providerRatings).values({
        providerId: provider.id,
        enterpriseId: ent.id,
        diagnosisId: dx.id,
        rating: r,
        ratedBy: entSession.userId,
      });
    }
    // Admit it (evaluation covers admitted providers).
    await env.ctx.handle.db.execute(
      (await import("drizzle-orm")).sql`update providers set status = 'admitted' where id = ${provider.id}`,
    );
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    expect(
      (await inject(env.ctx, env.district, "POST", "/api/providers/evaluations", { year })).statusCode,
    ).toBe(403);
    const evals = await ok<
      {
        providerId: string;
        grade: string;
        score: number;
        inputs: { ratings: number[]; completedProjects: number };
        reasons: string[];
      }[]
    >(inject(env.ctx, env.city, "POST", "/api/providers/evaluations", { year }));
    const mine = evals.find((e) => e.providerId === provider.id)!;
    expect(mine.inputs.ratings).toEqual([4, 5, 4, 5, 5]);
    expect(mine.inputs.completedProjects).toBe(1);
    const expected = gradeProvider({ ratings: [4, 5, 4, 5, 5], completedProjects: 1 });
    expect(mine.grade).toBe(expected.grade);
    expect(mine.score).toBe(expected.score);
    expect(mine.reasons.at(-1)).toContain("综合得分");
    const rows = await env.ctx.handle.db
      .select()
      .from(providerEvaluations)
      .where(eq(providerEvaluations.providerId, provider.id));
    expect(rows).toHaveLength(1);
    // Re-running the year replaces the row.
    await ok(inject(env.ctx, env.city, "POST", "/api/providers/evaluations", { year }));
    expect(
      await env.ctx.handle.db
        .select()
        .from(providerEvaluations)
        .where(eq(providerEvaluations.providerId, provider.id)),
    ).toHaveLength(1);
    const read = await ok<unknown[]>(
      inject(env.ctx, env.district, "GET", `/api/providers/evaluations?year=${year}`),
    );
    expect(read.length).toBeGreaterThan(0);
  });

  it("a failing provider is exited with its reason; history kept", async () => {
    const { provider, session: prov } = await providerWithOrg(env.ctx);
    await env.ctx.handle.db.execute(
      (await import("drizzle-orm")).sql`update providers set status = 'admitted' where id = ${provider.id}`,
    );
    const cur = await ok<{ version: number }>(
      inject(env.ctx, env.city, "GET", `/api/providers/${provider.id}`),
    );
    expect(
      (
        await inject(env.ctx, env.district, "POST", `/api/providers/${provider.id}/exit`, {
          reason: "年度评价不合格",
          version: cur.version,
        })
      ).statusCode,
    ).toBe(403);
    const out = await ok<{
      status: string;
      exitReason: string;
      history: { toStatus: string; reason: string }[];
    }>(
      inject(env.ctx, env.city, "POST", `/api/providers/${provider.id}/exit`, {
        reason: "年度评价不合格",
        version: cur.version,
      }),
    );
    expect(out.status).toBe("exited");
    expect(out.exitReason).toBe("年度评价不合格");
    expect(out.history.at(-1)).toMatchObject({ toStatus: "exited", reason: "年度评价不合格" });
    expect((await inject(env.ctx, null, "GET", `/api/providers/${provider.id}`)).statusCode).toBe(404);
    const mine = await ok<{ permissions: { apply: boolean; edit: boolean } }>(
      inject(env.ctx, prov, "GET", "/api/providers/mine"),
    );
    expect(mine.permissions).toMatchObject({ apply: true, edit: false });
  });

  it("exports the pool as xlsx", async () => {
    const r = await inject(env.ctx, env.district, "GET", "/api/providers/export?sort=name");
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toContain("spreadsheetml");
    const a = await inject(env.ctx, env.city, "GET", "/api/pool/applications/export");
    expect(a.statusCode).toBe(200);
  });
});
