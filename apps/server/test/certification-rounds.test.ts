import { auditLog, certificationRounds } from "@dxcenter/db";
import { addDays } from "@dxcenter/domain";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { shanghaiToday } from "../src/lib/dates";
import { BINHAI, bureaus, createEnterpriseAs, HEPING, type Session, testFile, userSession } from "./helpers";

/**
 * 认定批次 on both databases, through to 认定: the city opens a round for 先进级; an enterprise without
 * 基础级 is refused with the exact reason; required form fields; the district recommends within its
 * quota (one over is refused) and another district sees nothing; the city decides (parallel decisions:
 * exactly one wins); 公示 with an anonymous objection, dismissed; 认定 after the notice ends issues a
 * numbered certificate that the public check verifies.
 */

const today = shanghaiToday();
const t = testFile(async (ctx) => {
  const b = await bureaus(ctx);
  const a = await createEnterpriseAs(ctx, b.city, { districtCode: BINHAI, name: "天津先进级申报甲有限公司" });
  const c = await createEnterpriseAs(ctx, b.city, { districtCode: BINHAI, name: "天津先进级申报乙有限公司" });
  const h = await createEnterpriseAs(ctx, b.city, { districtCode: HEPING, name: "天津和平申报丙有限公司" });
  return {
    ...b,
    a,
    c,
    h,
    entA: await userSession(ctx, "enterprise", { enterpriseId: a.id }),
    entC: await userSession(ctx, "enterprise", { enterpriseId: c.id }),
    entH: await userSession(ctx, "enterprise", { enterpriseId: h.id }),
    provider: await userSession(ctx, "provider"),
  };
});

const call = async (s: Session | null, method: "GET" | "POST", url: string, payload?: object) =>
  t.ctx.app.inject({ method, url, headers: s ? { cookie: s.cookie } : {}, ...(payload ? { payload } : {}) });

const FORM = {
  "factory-name": "智能装配车间",
  scope: "车间",
  scenes: "车间智能排产\n在线智能检测",
  investment: 1200,
  results: "人均产值提升30%",
  contact: "张伟 13812345678",
};
const basic = (enterpriseId: string, no: string) =>
  call(t.city, "POST", "/api/certifications", {
    enterpriseId,
    programmeId: "smart-factory",
    levelId: "basic",
    source: "imported",
    validFrom: addDays(today, -60),
    certificateNo: no,
    issuingBody: "天津市工业和信息化局",
  });

let roundId = "";
let appA = "";
let appC = "";
let appH = "";
const round = async () => (await call(t.city, "GET", `/api/certification-rounds/${roundId}`)).json();

describe("a 先进级 round from opening to 认定", () => {
  it("the city opens a round for a level run as rounds; other levels and roles are refused", async () => {
    const body = {
      name: "2026年先进级智能工厂第一批",
      programmeId: "smart-factory",
      levelId: "advanced",
      applyFrom: addDays(today, -1),
      applyTo: addDays(today, 10),
      quotas: { [BINHAI]: 1, [HEPING]: 1 },
    };
    const basicRound = await call(t.city, "POST", "/api/certification-rounds", { ...body, levelId: "basic" });
    expect(basicRound.statusCode).toBe(400);
    expect(basicRound.json().message).toBe("认定等级：智能工厂梯度培育基础级不在本平台开展认定批次");
    expect((await call(t.district, "POST", "/api/certification-rounds", body)).statusCode).toBe(403);
    const res = await call(t.city, "POST", "/api/certification-rounds", body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: "open", levelName: "先进级", noticeDays: 5 });
    roundId = res.json().id;
    const seen = await call(t.entA, "GET", `/api/certification-rounds/${roundId}`);
    expect(seen.json()).toMatchObject({ canApply: true, quotas: [] });
    expect((await call(t.district, "GET", `/api/certification-rounds/${roundId}`)).json().quotas).toEqual([
      { districtCode: BINHAI, districtName: "滨海新区", quota: 1, applied: 0, recommended: 0 },
    ]);
    expect((await call(t.provider, "GET", "/api/certification-rounds")).statusCode).toBe(403);
  });

  it("an enterprise without a valid 基础级 is refused with the exact reason", async () => {
    const res = await call(t.entA, "POST", `/api/certification-rounds/${roundId}/applications`, {
      form: FORM,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: "PREREQUISITES_UNMET",
      message: "不满足智能工厂梯度培育先进级的申报条件：需持有有效的智能工厂梯度培育（基础级）认定",
    });
  });

  it("with 基础级 it applies; required fields are checked; one application per round", async () => {
    expect((await basic(t.a.id, "SF1-T-A")).statusCode).toBe(201);
    expect((await basic(t.c.id, "SF1-T-C")).statusCode).toBe(201);
    expect((await basic(t.h.id, "SF1-T-H")).statusCode).toBe(201);
    const missing = await call(t.entA, "POST", `/api/certification-rounds/${roundId}/applications`, {
      form: { ...FORM, "factory-name": " " },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ message: "工厂（车间）名称：必填", field: "form.factory-name" });
    const res = await call(t.entA, "POST", `/api/certification-rounds/${roundId}/applications`, {
      form: FORM,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: "submitted",
      districtName: "滨海新区",
      enterpriseName: "天津先进级申报甲有限公司",
    });
    // the unconfirmed CMMM self-assessment rule is reported, not refusing
    expect(res.json().findings).toEqual([expect.objectContaining({ confirmed: false, outcome: "fail" })]);
    appA = res.json().id;
    expect(
      (await call(t.entA, "POST", `/api/certification-rounds/${roundId}/applications`, { form: FORM })).json()
        .code,
    ).toBe("DUPLICATE");
    appC = (
      await call(t.entC, "POST", `/api/certification-rounds/${roundId}/applications`, { form: FORM })
    ).json().id;
    appH = (
      await call(t.entH, "POST", `/api/certification-rounds/${roundId}/applications`, { form: FORM })
    ).json().id;
    expect(appC && appH).toBeTruthy();
    expect(
      (await call(t.district, "POST", `/api/certification-rounds/${roundId}/applications`, { form: FORM }))
        .statusCode,
    ).toBe(403);
  });

  it("each role sees its scope of applications", async () => {
    const ids = async (s: Session) =>
      (
        (await call(s, "GET", `/api/certification-applications?round=${roundId}`)).json().items as {
          id: string;
        }[]
      )
        .map((x) => x.id)
        .sort();
    expect(await ids(t.city)).toEqual([appA, appC, appH].sort());
    expect(await ids(t.district)).toEqual([appA, appC].sort());
    expect(await ids(t.entA)).toEqual([appA]);
    expect((await call(t.otherDistrict, "GET", `/api/certification-applications/${appA}`)).statusCode).toBe(
      404,
    );
    expect((await call(t.provider, "GET", "/api/certification-applications")).statusCode).toBe(403);
    const listed = (await call(t.district, "GET", "/api/certification-rounds")).json().items;
    expect(listed.find((r: { id: string }) => r.id === roundId)).toMatchObject({
      applications: 3,
      status: "open",
    });
  });

  it("the district recommends within its quota; one more is refused; another district cannot act", async () => {
    const other = await call(t.otherDistrict, "POST", `/api/certification-applications/${appA}/recommend`, {
      rank: 1,
      version: 1,
    });
    expect(other.statusCode).toBe(404);
    const ok = await call(t.district, "POST", `/api/certification-applications/${appA}/recommend`, {
      rank: 1,
      version: 1,
    });
    expect(ok.json()).toMatchObject({ status: "recommended", districtRank: 1 });
    const over = await call(t.district, "POST", `/api/certification-applications/${appC}/recommend`, {
      rank: 2,
      version: 1,
    });
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({
      code: "QUOTA_EXCEEDED",
      message: "滨海新区推荐2家，超出名额1家（多1家）",
    });
    const ret = await call(t.district, "POST", `/api/certification-applications/${appC}/return`, {
      note: "名额已满",
      version: 1,
    });
    expect(ret.json().status).toBe("returned");
    expect(
      (
        await call(t.otherDistrict, "POST", `/api/certification-applications/${appH}/recommend`, {
          rank: 1,
          version: 1,
        })
      ).json().status,
    ).toBe("recommended");
  });

  it("the city decides only once the round is in review; parallel decisions: exactly one wins", async () => {
    const early = await call(t.city, "POST", `/api/certification-applications/${appA}/approve`, {
      version: 2,
    });
    expect(early.json()).toMatchObject({
      code: "STATE_CONFLICT",
      params: { entity: "certification_application" },
    });
    const r = await round();
    expect(
      (
        await call(t.city, "POST", `/api/certification-rounds/${roundId}/close`, { version: r.version })
      ).json().status,
    ).toBe("reviewing");
    const results = await Promise.all([
      call(t.city, "POST", `/api/certification-applications/${appA}/approve`, { version: 2 }),
      call(t.city, "POST", `/api/certification-applications/${appA}/approve`, { version: 2 }),
      call(t.city, "POST", `/api/certification-applications/${appA}/reject`, {
        reason: "材料不实",
        version: 2,
      }),
    ]);
    const codes = results.map((x) => x.statusCode).sort();
    expect(codes).toEqual([200, 409, 409]);
    const winner = results.find((x) => x.statusCode === 200)!.json();
    expect(["approved", "rejected"]).toContain(winner.status);
    const decisions = await t.ctx.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "certification_application"), eq(auditLog.entityId, appA)));
    expect(
      decisions.filter(
        (d) =>
          d.action === "certification_application.approve" || d.action === "certification_application.reject",
      ),
    ).toHaveLength(1);
    if (winner.status === "rejected") {
      // keep the journey going with 和平区's application instead
      appA = appH;
    } else {
      expect(
        (
          await call(t.city, "POST", `/api/certification-applications/${appH}/reject`, {
            reason: "现场核查未通过",
            version: 2,
          })
        ).statusCode,
      ).toBe(200);
    }
    if (appA === appH)
      expect(
        (await call(t.city, "POST", `/api/certification-applications/${appH}/approve`, { version: 2 }))
          .statusCode,
      ).toBe(200);
  });

  it("公示: the public list names the approved enterprise; an anonymous objection is lodged and dismissed", async () => {
    const r = await round();
    expect(r.permissions.publish).toBe(true);
    const pub = await call(t.city, "POST", `/api/certification-rounds/${roundId}/publish`, {
      version: r.version,
    });
    expect(pub.json()).toMatchObject({ status: "in_notice", noticeFrom: today, noticeTo: addDays(today, 4) });
    const notices = (await call(null, "GET", "/api/public/certification-notices")).json();
    const n = notices.find((x: { roundId: string }) => x.roundId === roundId);
    expect(n).toMatchObject({ status: "in_notice", objectionsOpen: true, levelName: "先进级" });
    expect(n.entries.map((e: { applicationId: string }) => e.applicationId)).toEqual([appA]);
    expect(Object.keys(n.entries[0]).sort()).toEqual([
      "applicationId",
      "certificateNo",
      "districtName",
      "enterpriseName",
    ]);
    const lodged = await call(null, "POST", "/api/public/certification-objections", {
      applicationId: appA,
      name: "王某",
      contact: "13900000000",
      content: "该企业智能排产系统尚未上线",
    });
    expect(lodged.statusCode).toBe(201);
    const notOnList = await call(null, "POST", "/api/public/certification-objections", {
      applicationId: appC,
      name: "王某",
      contact: "13900000000",
      content: "x",
    });
    expect(notOnList.statusCode).toBe(404);
    const detail = (await call(t.city, "GET", `/api/certification-applications/${appA}`)).json();
    expect(detail.objections).toHaveLength(1);
    const entView = await call(t.entA, "GET", `/api/certification-applications/${appA}`);
    if (entView.statusCode === 200) expect(entView.json().objections).toEqual([]);
    // 认定 is not open while the notice runs and an objection is open
    expect(
      (
        await call(t.city, "POST", `/api/certification-rounds/${roundId}/recognise`, {
          version: (await round()).version,
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await call(t.district, "POST", `/api/certification-objections/${lodged.json().id}/handle`, {
          outcome: "dismissed",
          note: "x",
        })
      ).statusCode,
    ).toBe(403);
    const handled = await call(t.city, "POST", `/api/certification-objections/${lodged.json().id}/handle`, {
      outcome: "dismissed",
      note: "经核查，排产系统已于上月上线",
    });
    expect(handled.json()).toMatchObject({ status: "dismissed" });
    expect((await call(t.city, "GET", `/api/certification-applications/${appA}`)).json().status).toBe(
      "approved",
    );
  });

  it("认定 after the notice ends issues a numbered certificate the public check verifies", async () => {
    await t.ctx.handle.db
      .update(certificationRounds)
      .set({ noticeFrom: addDays(today, -6), noticeTo: addDays(today, -1) })
      .where(eq(certificationRounds.id, roundId));
    const r = await round();
    expect(r.permissions.recognise).toBe(true);
    const res = await call(t.city, "POST", `/api/certification-rounds/${roundId}/recognise`, {
      version: r.version,
    });
    expect(res.json().status).toBe("recognised");
    const app = (await call(t.city, "GET", `/api/certification-applications/${appA}`)).json();
    expect(app.status).toBe("recognised");
    expect(app.certificateNo).toBe(`SF2-${today.slice(0, 4)}-0001`);
    const check = await call(null, "GET", `/api/public/certificates/${app.certificateNo}`);
    expect(check.json()).toMatchObject({ levelName: "先进级", state: "valid", validFrom: today });
    const ladder = (await call(t.city, "GET", `/api/enterprises/${app.enterpriseId}/ladder`)).json();
    const sf = ladder.programmes.find((p: { programmeId: string }) => p.programmeId === "smart-factory");
    expect(sf.held).toMatchObject({ levelName: "先进级", certificateNo: app.certificateNo });
    expect(sf.next.levelName).toBe("卓越级");
    const list = (await call(null, "GET", "/api/public/certification-notices")).json();
    expect(list.find((x: { roundId: string }) => x.roundId === roundId).entries[0].certificateNo).toBe(
      app.certificateNo,
    );
  });
});
