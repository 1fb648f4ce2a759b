import { demands, poolApplications } from "@dxcenter/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createEnterpriseAs,
  createTestContext,
  type Session,
  type TestContext,
  userSession,
} from "./helpers";
import { expertWithLogin, inject, ok, providerWithOrg, SHEET_FULL } from "./providers-fixtures";
import { insertProvider, providerSession, publishSolution } from "./solutions-fixtures";

/** 南开区: no other test data in this file's district, so the funnel is exactly what is posted here. */
const NANKAI = "120104";
const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const plusDays = (d: number) =>
  new Date(Date.parse(`${TODAY}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);

let ctx: TestContext;
let city: Session;
let district: Session;
let entId = "";

beforeAll(async () => {
  ctx = await createTestContext();
  city = await userSession(ctx, "city_admin");
  district = await userSession(ctx, "district_admin", { districtCode: NANKAI });
  entId = (await createEnterpriseAs(ctx, city, { districtCode: NANKAI, industryCode: "C34" })).id;
});
afterAll(() => ctx.close());

type Lead = { id: string; solutionId: string; status: string; version: number };
type Detail = { id: string; furthestLead: string | null; leads: Lead[] };

async function post(title: string, sceneIds: string[]) {
  return ok<Detail>(
    inject(ctx, district, "POST", "/api/demands", { enterpriseId: entId, title, sceneIds }),
    201,
  );
}
async function shortlist(demandId: string, solutionId: string) {
  const d = await ok<Detail>(
    inject(ctx, district, "POST", `/api/demands/${demandId}/leads`, { solutionId }),
    201,
  );
  return d.leads.find((l) => l.solutionId === solutionId)!;
}
async function step(demandId: string, lead: Lead, status: string) {
  const d = await ok<Detail>(
    inject(ctx, district, "POST", `/api/demands/${demandId}/leads/${lead.id}`, {
      status,
      version: lead.version,
    }),
  );
  return d.leads.find((l) => l.id === lead.id)!;
}
async function visibleTo(s: Session) {
  const r = await ok<{ items: { id: string }[] }>(inject(ctx, s, "GET", "/api/demands?pageSize=100"));
  return r.items.map((x) => x.id);
}

describe("对接漏斗: declined leads count for no step", () => {
  it("matches a hand-computed funnel", async () => {
    const p1 = await providerSession(ctx, await insertProvider(ctx, { name: "南开漏斗甲科技有限公司" }));
    const p2 = await providerSession(ctx, await insertProvider(ctx, { name: "南开漏斗乙科技有限公司" }));
    const a = (await publishSolution(ctx, p1, { name: "漏斗设备方案甲", sceneIds: ["S08"] })).id;
    const b = (await publishSolution(ctx, p2, { name: "漏斗设备方案乙", sceneIds: ["S08"] })).id;

    // D1 no lead · D2 declined from 已加入意向 · D3 contacted, then declined · D4 one declined and
    // one open · D5 contacted · D6 contracted.
    await post("漏斗D1", ["S08"]);
    const d2 = await post("漏斗D2", ["S08"]);
    await step(d2.id, await shortlist(d2.id, a), "declined");
    const d3 = await post("漏斗D3", ["S08"]);
    await step(d3.id, await step(d3.id, await shortlist(d3.id, a), "contacted"), "declined");
    const d4 = await post("漏斗D4", ["S08"]);
    await step(d4.id, await shortlist(d4.id, a), "declined");
    await shortlist(d4.id, b);
    const d5 = await post("漏斗D5", ["S08"]);
    await step(d5.id, await shortlist(d5.id, a), "contacted");
    const d6 = await post("漏斗D6", ["S08"]);
    await step(d6.id, await shortlist(d6.id, b), "contracted");

    // By hand: 6 posted; open leads on D4, D5, D6; contacted or further D5, D6; contracted D6.
    const expected = { demands: 6, shortlisted: 3, contacted: 2, contracted: 1 };
    const f = await ok<{ rows: { districtCode: string }[]; total: object }>(
      inject(ctx, district, "GET", "/api/demands/funnel"),
    );
    expect(f.rows).toEqual([expect.objectContaining({ districtCode: NANKAI, ...expected })]);
    expect(f.total).toMatchObject(expected);
    const cityView = await ok<{ rows: { districtCode: string }[] }>(
      inject(ctx, city, "GET", `/api/demands/funnel?districtCode=${NANKAI}`),
    );
    expect(cityView.rows[0]).toMatchObject(expected);

    // The list agrees: the declined-only demands show 已放弃, not 已加入意向.
    const list = await ok<{ items: { title: string; furthestLead: string | null }[] }>(
      inject(ctx, district, "GET", "/api/demands?q=漏斗&pageSize=100"),
    );
    const furthest = Object.fromEntries(list.items.map((i) => [i.title, i.furthestLead]));
    expect(furthest).toEqual({
      漏斗D1: null,
      漏斗D2: "declined",
      漏斗D3: "declined",
      漏斗D4: "shortlisted",
      漏斗D5: "contacted",
      漏斗D6: "contracted",
    });
    // Close the funnel demands so they do not crowd the visibility tests below.
    for (const id of [d2.id, d3.id, d4.id, d5.id, d6.id])
      await ctx.handle.db.update(demands).set({ status: "closed" }).where(eq(demands.id, id));
  });
});

describe("provider demand visibility follows the market, without anyone opening the matches", () => {
  it("a provider admitted after the demand was posted sees it; withdrawn, republished, exited", async () => {
    // A demand for 能源管理 (S10) that nobody in the pool covers yet.
    const demand = await post("能耗在线监测与碳排放核算", ["S10"]);

    // A provider registers, drafts and publishes a solution for S10, then goes through the pool.
    const { session: prov, provider } = await providerWithOrg(ctx, { sceneIds: ["S10"] });
    await publishSolution(ctx, prov, { name: "能源管理系统", sceneIds: ["S10"] });
    expect(await visibleTo(prov)).not.toContain(demand.id); // not admitted: not in any ranking

    const field = "能耗评审";
    const panel = [
      await expertWithLogin(ctx, city, [field], "天津大学"),
      await expertWithLogin(ctx, city, [field], "南开大学"),
    ];
    type App = { id: string; version: number; panel: { assignmentId: string; expertId: string }[] };
    let app = await ok<App>(
      inject(ctx, prov, "POST", "/api/pool/applications", {
        category: "green_manufacturing",
        materials: [{ name: "营业执照" }],
        statement: "本机构申请加入服务商资源池，承诺材料真实。",
      }),
      201,
    );
    app = await ok<App>(
      inject(ctx, city, "POST", `/api/pool/applications/${app.id}/review`, { version: app.version }),
    );
    await ok(
      inject(ctx, city, "POST", "/api/experts/draws", {
        purpose: "pool_review",
        subjectId: app.id,
        n: 2,
        fields: [field],
      }),
      201,
    );
    app = await ok<App>(inject(ctx, city, "GET", `/api/pool/applications/${app.id}`));
    for (const m of app.panel) {
      const who = panel.find((p) => p.expertId === m.expertId)!;
      await ok(inject(ctx, who.session, "POST", `/api/experts/assignments/${m.assignmentId}/accept`));
      await ok(
        inject(ctx, who.session, "PUT", `/api/pool/applications/${app.id}/score`, {
          items: SHEET_FULL,
          comment: "材料齐全。",
          recommendation: "admit",
        }),
      );
    }
    app = await ok<App>(inject(ctx, city, "GET", `/api/pool/applications/${app.id}`));
    app = await ok<App>(
      inject(ctx, city, "POST", `/api/pool/applications/${app.id}/decision`, {
        decision: "admit",
        reason: "评审通过",
        noticeStart: TODAY,
        noticeEnd: plusDays(6),
        version: app.version,
      }),
    );
    await ctx.handle.db
      .update(poolApplications)
      .set({ noticeStart: plusDays(-10), noticeEnd: plusDays(-1) })
      .where(eq(poolApplications.id, app.id));
    expect(await visibleTo(prov)).not.toContain(demand.id); // in notice: still not admitted
    await ok(inject(ctx, city, "POST", `/api/pool/applications/${app.id}/admit`, { version: app.version }));

    // Admitted: the demand is visible at once (nobody opened its matches since it was posted).
    expect(await visibleTo(prov)).toContain(demand.id);
    expect((await inject(ctx, prov, "GET", `/api/demands/${demand.id}`)).statusCode).toBe(200);

    // Withdrawing its only matching solution hides the demand again; publishing a new one shows it.
    const mine = await ok<{ items: { id: string; version: number; status: string }[] }>(
      inject(ctx, prov, "GET", "/api/solutions/mine"),
    );
    const listed = mine.items.find((s) => s.status === "published")!;
    await ok(
      inject(ctx, prov, "PATCH", `/api/solutions/${listed.id}`, {
        status: "withdrawn",
        version: listed.version,
      }),
    );
    expect(await visibleTo(prov)).not.toContain(demand.id);
    const other = await publishSolution(ctx, prov, { name: "碳排放核算平台", sceneIds: ["op-lifecycle"] });
    expect(await visibleTo(prov)).not.toContain(demand.id); // covers nothing asked for
    // Re-tagging it with the sub-domain of 能源管理 (a change of a listed entry) brings the demand back.
    const subDomain = await subDomainOf("S10");
    await ok(
      inject(ctx, prov, "PATCH", `/api/solutions/${other.id}`, {
        sceneIds: [subDomain],
        version: other.version,
      }),
    );
    expect(await visibleTo(prov)).toContain(demand.id);

    // Exit from the pool: no longer visible.
    const p = await ok<{ version: number }>(inject(ctx, city, "GET", `/api/providers/${provider.id}`));
    await ok(
      inject(ctx, city, "POST", `/api/providers/${provider.id}/exit`, {
        reason: "年度评价不合格，退出资源池",
        version: p.version,
      }),
    );
    expect(await visibleTo(prov)).not.toContain(demand.id);
    const [row] = await ctx.handle.db.select().from(demands).where(eq(demands.id, demand.id));
    expect(row!.matchedProviderIds).not.toContain(provider.id);
  });
});

async function subDomainOf(scene: string): Promise<string> {
  const r = await ok<
    { id: string; groupId: string | null }[] | { items: { id: string; groupId: string | null }[] }
  >(inject(ctx, null, "GET", "/api/solutions/scenes"));
  const list = Array.isArray(r) ? r : r.items;
  return list.find((s) => s.id === scene)!.groupId!;
}
