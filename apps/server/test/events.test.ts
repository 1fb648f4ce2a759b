import { matchEvents } from "@dxcenter/db";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { shanghaiToday } from "../src/modules/policies/policy.repository";
import { BINHAI, bureaus, createEnterpriseAs, HEPING, type Session, testFile, userSession } from "./helpers";
import { insertProvider, providerSession } from "./solutions-fixtures";

const env = testFile(bureaus);

let ent: Session;
let prov: Session;
let entId = "";
let provId = "";

async function req(s: Session, method: "GET" | "POST" | "PATCH" | "PUT", url: string, payload?: object) {
  return env.ctx.app.inject({ method, url, headers: { cookie: s.cookie }, ...(payload ? { payload } : {}) });
}

beforeAll(async () => {
  entId = (await createEnterpriseAs(env.ctx, env.city, { districtCode: BINHAI })).id;
  ent = await userSession(env.ctx, "enterprise", { enterpriseId: entId });
  provId = await insertProvider(env.ctx);
  prov = await providerSession(env.ctx, provId);
});

describe("matchmaking events", () => {
  let eventId = "";
  it("district staff create events only in their district", async () => {
    const r = await req(env.district, "POST", "/api/events", {
      districtCode: HEPING, // ignored: district staff organise in their own district
      name: "滨海新区智能制造供需对接会",
      eventDate: "2030-05-20",
      place: "滨海新区会展中心",
      organiser: "滨海新区工信局",
      capacity: 2,
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().districtCode).toBe(BINHAI);
    eventId = r.json().id;
    const bad = await req(env.city, "POST", "/api/events", {
      name: "缺区",
      eventDate: "2030-01-01",
      place: "某地点",
      organiser: "市工信局",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe("districtCode");
    expect((await req(env.otherDistrict, "GET", `/api/events/${eventId}`)).statusCode).toBe(404);
    const list = await req(env.otherDistrict, "GET", "/api/events");
    expect(list.json().items).toHaveLength(0);
    expect(
      (await req(env.otherDistrict, "PATCH", `/api/events/${eventId}`, { status: "cancelled", version: 1 }))
        .statusCode,
    ).toBe(404);
  });

  it("enterprises and providers register; capacity holds; staff mark attendance and record leads", async () => {
    const a = await req(ent, "POST", `/api/events/${eventId}/registrations`, {});
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json().registrationList).toHaveLength(1);
    expect((await req(ent, "POST", `/api/events/${eventId}/registrations`, {})).statusCode).toBe(409);
    const b = await req(prov, "POST", `/api/events/${eventId}/registrations`, {});
    expect(b.statusCode, b.body).toBe(201);
    const other = await createEnterpriseAs(env.ctx, env.city, { districtCode: BINHAI });
    const full = await req(env.district, "POST", `/api/events/${eventId}/registrations`, {
      enterpriseId: other.id,
    });
    expect(full.statusCode).toBe(409);
    expect(full.json().message).toContain("已满");

    const detail = (await req(env.district, "GET", `/api/events/${eventId}`)).json();
    expect(detail.registrationList).toHaveLength(2);
    // A participant sees only its own registration.
    expect((await req(ent, "GET", `/api/events/${eventId}`)).json().registrationList).toHaveLength(1);
    const regId = detail.registrationList[0].id;
    // 签到 only from the event's day on.
    const early = await req(env.district, "PUT", `/api/events/${eventId}/registrations/${regId}/attendance`, {
      attended: true,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: "NOT_YET_HELD", field: "attended" });
    expect(early.json().message).toContain("活动尚未举行（活动日期 2030-05-20）");
    // The day comes.
    await env.ctx.handle.db
      .update(matchEvents)
      .set({ eventDate: shanghaiToday() })
      .where(eq(matchEvents.id, eventId));
    const att = await req(env.district, "PUT", `/api/events/${eventId}/registrations/${regId}/attendance`, {
      attended: true,
    });
    expect(att.statusCode, att.body).toBe(200);
    expect(att.json().attended).toBe(1);
    expect(
      (await req(ent, "PUT", `/api/events/${eventId}/registrations/${regId}/attendance`, { attended: true }))
        .statusCode,
    ).toBe(403);

    const lead = await req(env.district, "POST", `/api/events/${eventId}/leads`, {
      enterpriseId: entId,
      providerId: provId,
      note: "意向建设设备联网",
      followUpDate: "2030-06-01",
    });
    expect(lead.statusCode, lead.body).toBe(201);
    const l = lead.json().leadList[0];
    const conv = await req(env.district, "PATCH", `/api/events/${eventId}/leads/${l.id}`, {
      status: "converted",
      version: l.version,
    });
    expect(conv.statusCode, conv.body).toBe(200);
    expect(conv.json()).toMatchObject({ leads: 1, converted: 1 });
    expect(conv.json().leadList[0].closedAt).toBeTruthy();
  });

  it("exports the event report with registrations, attendance, leads and conversions", async () => {
    const r = await env.ctx.app.inject({
      method: "GET",
      url: `/api/events/${eventId}/report`,
      headers: { cookie: env.district.cookie },
    });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["概况", "报名与签到", "线索与转化"]);
    expect(wb.getWorksheet("报名与签到")!.rowCount).toBe(3);
    expect(wb.getWorksheet("线索与转化")!.getRow(2).getCell(3).value).toBe("已转化");
    expect((await req(ent, "GET", `/api/events/${eventId}/report`)).statusCode).toBe(403);
  });

  it("registering needs 报名中: a finished event refuses with a 409 naming its status", async () => {
    const ev = (await req(env.district, "GET", `/api/events/${eventId}`)).json();
    const fin = await req(env.district, "PATCH", `/api/events/${eventId}`, {
      status: "finished",
      version: ev.version,
    });
    expect(fin.statusCode, fin.body).toBe(200);
    const late = await req(prov, "POST", `/api/events/${eventId}/registrations`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({
      code: "STATE_CONFLICT",
      message: "活动不在报名中，不能报名",
      params: { entity: "event", status: "finished", step: "register" },
    });
    expect(
      (await req(env.otherDistrict, "POST", `/api/events/${eventId}/registrations`, {})).statusCode,
    ).toBe(404);
  });
});
