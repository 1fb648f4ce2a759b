import { beforeAll, describe, expect, it } from "vitest";
import { cityAdmin, type Session, testFile } from "./helpers";
import { insertProvider, providerSession, publishSolution, solutionInput } from "./solutions-fixtures";
import { readSheet } from "./xlsx-fixtures";

const env = testFile(cityAdmin);

let provA: Session;
let provB: Session;
let providerA = "";
let pendingProvider = "";
let pending: Session;

beforeAll(async () => {
  providerA = await insertProvider(env.ctx, { name: "甲智能科技有限公司", serviceDistricts: ["120116"] });
  provA = await providerSession(env.ctx, providerA);
  provB = await providerSession(env.ctx, await insertProvider(env.ctx));
  pendingProvider = await insertProvider(env.ctx, { status: "applied" });
  pending = await providerSession(env.ctx, pendingProvider);
});

const get = (url: string, s?: Session) =>
  env.ctx.app.inject({ method: "GET", url, headers: s ? { cookie: s.cookie } : {} });

describe("solution catalogue", () => {
  let draftId = "";
  let pubId = "";
  it("a provider creates a draft for its own organisation; money in 万元 is stored exactly in 分", async () => {
    const r = await env.ctx.app.inject({
      method: "POST",
      url: "/api/solutions",
      headers: { cookie: provA.cookie },
      payload: solutionInput({
        name: "云MES轻量版",
        kind: "industrial_software",
        firstEdition: true,
        priceMinWan: "12.345678",
        priceMaxWan: "20",
        subsidyWan: "5",
      }),
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      status: "draft",
      priceMinFen: 12_345_678,
      subsidyFen: 5_000_000,
      firstEdition: true,
      providerId: providerA,
    });
    draftId = r.json().id;
    const bad = await env.ctx.app.inject({
      method: "POST",
      url: "/api/solutions",
      headers: { cookie: provA.cookie },
      payload: solutionInput({ sceneIds: [] }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain("场景");
    const none = await env.ctx.app.inject({
      method: "POST",
      url: "/api/solutions",
      headers: { cookie: env.city.cookie },
      payload: solutionInput(),
    });
    expect(none.statusCode).toBe(403);
  });

  it("only published entries of admitted providers are public; anonymous may browse", async () => {
    expect((await get(`/api/solutions/${draftId}`)).statusCode).toBe(404);
    expect((await get(`/api/solutions/${draftId}`, provB)).statusCode).toBe(404);
    expect((await get(`/api/solutions/${draftId}`, provA)).statusCode).toBe(200);
    pubId = (
      await publishSolution(env.ctx, provA, {
        name: "设备联网采集盒",
        sceneIds: ["S08", "data-collection"],
        deployment: "hybrid",
      })
    ).id;
    await publishSolution(env.ctx, pending, { name: "未入库服务商的方案" });
    const list = (await get("/api/solutions?pageSize=100")).json();
    const names = list.items.map((s: { name: string }) => s.name);
    expect(names).toContain("设备联网采集盒");
    expect(names).not.toContain("云MES轻量版");
    expect(names).not.toContain("未入库服务商的方案");
    expect((await get(`/api/solutions/${pubId}`)).json().sceneNames).toEqual(["设备管理", "数据采集"]);
  });

  it("filters: scene, kind, deployment, district served, price, q; sort", async () => {
    const ids = async (qs: string) =>
      ((await get(`/api/solutions?${qs}`)).json().items as { id: string }[]).map((x) => x.id);
    expect(await ids("sceneId=S08")).toContain(pubId);
    expect(await ids("sceneId=S13")).not.toContain(pubId);
    expect(await ids("deployment=hybrid")).toEqual([pubId]);
    expect(await ids("districtCode=120116")).toContain(pubId);
    expect(await ids("districtCode=120101")).not.toContain(pubId);
    expect(await ids("priceMaxWan=9")).not.toContain(pubId);
    expect(await ids("priceMaxWan=10")).toContain(pubId);
    expect(await ids(`q=${encodeURIComponent("采集盒")}`)).toEqual([pubId]);
    const bad = await get("/api/solutions?priceMaxWan=abc");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe("priceMaxWan");
  });

  it("another organisation cannot change it; version is checked; withdraw hides it", async () => {
    const cur = (await get(`/api/solutions/${pubId}`, provA)).json();
    const other = await env.ctx.app.inject({
      method: "PATCH",
      url: `/api/solutions/${pubId}`,
      headers: { cookie: provB.cookie },
      payload: { name: "改名", version: cur.version },
    });
    expect(other.statusCode).toBe(403);
    const stale = await env.ctx.app.inject({
      method: "PATCH",
      url: `/api/solutions/${pubId}`,
      headers: { cookie: provA.cookie },
      payload: { name: "改名", version: cur.version - 1 },
    });
    expect(stale.statusCode).toBe(409);
    const w = await env.ctx.app.inject({
      method: "PATCH",
      url: `/api/solutions/${pubId}`,
      headers: { cookie: provA.cookie },
      payload: { status: "withdrawn", version: cur.version },
    });
    expect(w.statusCode, w.body).toBe(200);
    expect((await get(`/api/solutions/${pubId}`)).statusCode).toBe(404);
    // A draft is published before it can be withdrawn: a 409 naming the status and the step.
    const bad = await env.ctx.app.inject({
      method: "PATCH",
      url: `/api/solutions/${draftId}`,
      headers: { cookie: provA.cookie },
      payload: {
        status: "withdrawn",
        version: (await get(`/api/solutions/${draftId}`, provA)).json().version,
      },
    });
    expect(bad.statusCode).toBe(409);
    expect(bad.json()).toMatchObject({
      code: "STATE_CONFLICT",
      message: "不能从“草稿”改为“已下架”",
      params: { entity: "solution", status: "draft", step: "withdraw" },
    });
    const mine = (await get("/api/solutions/mine", provA)).json();
    expect(mine.items.map((s: { status: string }) => s.status).sort()).toEqual(["draft", "withdrawn"]);
    const exp = await get("/api/solutions/export", env.city);
    expect(exp.statusCode).toBe(200);
    // Anyone exports the public catalogue; staff also get drafts and withdrawn entries.
    const staffRows = await readSheet(exp.rawPayload);
    for (const who of [provA, null]) {
      const pub = await get("/api/solutions/export", who ?? undefined);
      expect(pub.statusCode).toBe(200);
      const rows = await readSheet(pub.rawPayload);
      expect(rows.length).toBeLessThan(staffRows.length);
      expect(rows.flat().join("|")).not.toContain("草稿");
    }
  });
});
