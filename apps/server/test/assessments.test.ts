import { assessments, auditLog } from "@dxcenter/db";
import { listQuestions } from "@dxcenter/domain";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { MIIT, zeroAnswers } from "../../../packages/domain/src/assessment/test-support";
import {
  BINHAI,
  cityAdmin,
  createEnterpriseAs,
  HEPING,
  type Session,
  testFile,
  userSession,
} from "./helpers";
import { multipart, readSheet } from "./xlsx-fixtures";

const env = testFile(cityAdmin);

let ent: Session;
let entId = "";
beforeAll(async () => {
  entId = (await createEnterpriseAs(env.ctx, env.city, { districtCode: BINHAI })).id;
  ent = await userSession(env.ctx, "enterprise", { enterpriseId: entId });
});

type Detail = {
  id: string;
  status: string;
  version: number;
  progress: number;
  total: number | null;
  level: number | null;
  levelName: string | null;
  result: {
    total: number;
    complete: boolean;
    level: number;
    questions: { questionId: string; explanation: string }[];
  };
  permissions: { edit: boolean; submit: boolean };
};

const call = (s: Session | null, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
  env.ctx.app.inject({
    method,
    url,
    headers: s ? { cookie: s.cookie } : {},
    ...(payload ? { payload } : {}),
  });

async function newDraft(s: Session = ent, body: object = { instrumentId: "miit-2024-manufacturing" }) {
  const r = await call(s, "POST", "/api/assessments", body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as Detail;
}

const firstMulti = listQuestions(MIIT).find((q) => q.question.kind === "multi")!.question as unknown as {
  id: string;
  options: { id: string; exclusive?: boolean }[];
};

describe("enterprise self-assessment (MIIT 2024)", () => {
  it("creates a draft of the current instrument version for the enterprise itself", async () => {
    const d = await newDraft();
    expect(d).toMatchObject({
      status: "draft",
      progress: 0,
      total: null,
      permissions: { edit: true, submit: true },
    });
    expect(d.result.complete).toBe(false);
    expect(d.result.total).toBe(0);
  });

  it("autosaves partial answers, shows a live score, and refuses a stale save", async () => {
    const d = await newDraft();
    const some = Object.fromEntries(Object.entries(zeroAnswers(MIIT)).slice(0, 5));
    const nonNone = firstMulti.options.filter((o) => !o.exclusive).map((o) => o.id);
    some[firstMulti.id] = { kind: "multi", optionIds: nonNone.slice(0, 2) };
    const saved = await call(ent, "PUT", `/api/assessments/${d.id}/answers`, {
      answers: some,
      version: d.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const s = saved.json() as Detail;
    expect(s.version).toBe(d.version + 1);
    expect(s.progress).toBeGreaterThan(0);
    expect(s.result.total).toBeGreaterThan(0);
    expect(s.result.questions.find((q) => q.questionId === firstMulti.id)?.explanation).toMatch(/分/);

    const stale = await call(ent, "PUT", `/api/assessments/${d.id}/answers`, {
      answers: some,
      version: d.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe("VERSION_CONFLICT");
  });

  it("rejects “无” ticked together with other options, naming the question", async () => {
    const d = await newDraft();
    const all = firstMulti.options.map((o) => o.id);
    const r = await call(ent, "PUT", `/api/assessments/${d.id}/answers`, {
      answers: { [firstMulti.id]: { kind: "multi", optionIds: all } },
      version: d.version,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: "INVALID_ANSWER", field: firstMulti.id });
    expect(r.json().message).toContain("无");
  });

  it("submits only complete answers with the 真实性承诺, then freezes the record", async () => {
    const d = await newDraft();
    const incomplete = await call(ent, "POST", `/api/assessments/${d.id}/submit`, {
      commitment: true,
      version: d.version,
    });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().code).toBe("INCOMPLETE");
    expect(incomplete.json().field).toBe(listQuestions(MIIT)[0]!.question.id);

    const saved = (
      await call(ent, "PUT", `/api/assessments/${d.id}/answers`, {
        answers: zeroAnswers(MIIT),
        version: d.version,
      })
    ).json() as Detail;
    expect(saved.progress).toBe(100);
    const noCommitment = await call(ent, "POST", `/api/assessments/${d.id}/submit`, {
      commitment: false,
      version: saved.version,
    });
    expect(noCommitment.statusCode).toBe(400);
    expect(noCommitment.json().message).toContain("真实性承诺");

    const ok = await call(ent, "POST", `/api/assessments/${d.id}/submit`, {
      commitment: true,
      version: saved.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const sub = ok.json() as Detail;
    expect(sub).toMatchObject({
      status: "submitted",
      total: 0,
      level: 0,
      permissions: { edit: false, submit: false },
    });
    expect(sub.result.complete).toBe(true);
    // The compact per-dimension column that cohort statistics read is written with the snapshot.
    const [stored] = await env.ctx.handle.db
      .select({ dimensionPoints: assessments.dimensionPoints })
      .from(assessments)
      .where(eq(assessments.id, d.id));
    expect(stored?.dimensionPoints).toEqual({ foundation: 0, operation: 0, management: 0, results: 0 });

    const after = await call(ent, "PUT", `/api/assessments/${d.id}/answers`, {
      answers: zeroAnswers(MIIT),
      version: sub.version,
    });
    expect(after.statusCode).toBe(409);
    expect(after.json().code).toBe("ASSESSMENT_SUBMITTED");
    const audits = await env.ctx.handle.db.select().from(auditLog).where(eq(auditLog.entityId, d.id));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(["assessment.create", "assessment.save", "assessment.submit"]),
    );
  });
});

describe("who sees which assessments", () => {
  it("scopes lists and details by enterprise and district; other roles are refused", async () => {
    const d = await newDraft();
    const other = await userSession(env.ctx, "enterprise", {
      enterpriseId: (await createEnterpriseAs(env.ctx, env.city, { districtCode: HEPING })).id,
    });
    const binhai = await userSession(env.ctx, "district_admin", { districtCode: BINHAI });
    const heping = await userSession(env.ctx, "district_admin", { districtCode: HEPING });
    const provider = await userSession(env.ctx, "provider");

    expect((await call(other, "GET", `/api/assessments/${d.id}`)).statusCode).toBe(404);
    expect((await call(heping, "GET", `/api/assessments/${d.id}`)).statusCode).toBe(404);
    expect((await call(binhai, "GET", `/api/assessments/${d.id}`)).statusCode).toBe(200);
    expect((await call(env.city, "GET", `/api/assessments/${d.id}`)).statusCode).toBe(200);
    expect((await call(provider, "GET", `/api/assessments/${d.id}`)).statusCode).toBe(404);
    expect((await call(provider, "GET", "/api/assessments")).statusCode).toBe(403);

    const ids = (s: Session) =>
      call(s, "GET", "/api/assessments?pageSize=200").then((r) =>
        (r.json() as { items: { id: string }[] }).items.map((i) => i.id),
      );
    expect(await ids(binhai)).toContain(d.id);
    expect(await ids(heping)).not.toContain(d.id);
    expect(await ids(other)).not.toContain(d.id);

    // A district may not start an assessment for an enterprise outside its district.
    const r = await call(heping, "POST", "/api/assessments", {
      instrumentId: "miit-2024-manufacturing",
      enterpriseId: entId,
    });
    expect(r.statusCode).toBe(404);
  });

  it("bureau staff can start one for an enterprise they cover and export the list", async () => {
    const binhai = await userSession(env.ctx, "district_admin", { districtCode: BINHAI });
    const d = await newDraft(binhai, { instrumentId: "cmmm-gbt39116", enterpriseId: entId });
    expect(d.status).toBe("draft");
    const x = await call(binhai, "GET", "/api/assessments/export?instrumentId=cmmm-gbt39116");
    expect(x.statusCode).toBe(200);
    const [header, ...rows] = await readSheet(x.rawPayload);
    expect(header).toContain("企业名称");
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set(["2020.1-draft"]));
  });

  it("an unknown instrument is refused in Chinese naming the field", async () => {
    const r = await call(ent, "POST", "/api/assessments", { instrumentId: "nope" });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ field: "instrumentId" });
  });
});

describe("evidence files (佐证材料)", () => {
  const PNG = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(64, 7),
  ]);
  const upload = (s: Session, id: string, q: string, content: Buffer, filename = "网络拓扑图.png") => {
    const body = multipart({ filename, content, contentType: "image/png" });
    return env.ctx.app.inject({
      method: "POST",
      url: `/api/assessments/${id}/evidence?questionId=${q}`,
      headers: { ...body.headers, cookie: s.cookie },
      payload: body.payload,
    });
  };

  it("uploads, lists, downloads and deletes evidence on a draft, checking the real file type", async () => {
    const d = await newDraft();
    const up = await upload(ent, d.id, "F1", PNG);
    expect(up.statusCode, up.body).toBe(201);
    const ev = up.json() as { id: string; mime: string; filename: string; size: number };
    expect(ev).toMatchObject({ mime: "image/png", filename: "网络拓扑图.png", size: PNG.length });

    const detail = (await call(ent, "GET", `/api/assessments/${d.id}`)).json() as {
      evidence: { id: string }[];
    };
    expect(detail.evidence.map((e) => e.id)).toEqual([ev.id]);
    const dl = await call(ent, "GET", `/api/assessments/${d.id}/evidence/${ev.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers["content-type"]).toBe("image/png");
    expect(dl.rawPayload.equals(PNG)).toBe(true);

    const fake = await upload(ent, d.id, "F1", Buffer.from("MZ this is not a pdf"), "报告.pdf");
    expect(fake.statusCode).toBe(400);
    expect(fake.json()).toMatchObject({ code: "INVALID_FILE", field: "file" });
    const badQ = await upload(ent, d.id, "NOPE", PNG);
    expect(badQ.statusCode).toBe(400);
    expect(badQ.json().field).toBe("questionId");

    const del = await env.ctx.app.inject({
      method: "DELETE",
      url: `/api/assessments/${d.id}/evidence/${ev.id}`,
      headers: { cookie: ent.cookie },
    });
    expect(del.statusCode).toBe(204);
    expect((await call(ent, "GET", `/api/assessments/${d.id}/evidence/${ev.id}`)).statusCode).toBe(404);
  });

  it("refuses files over 10 MB, other enterprises, and submitted assessments", async () => {
    const d = await newDraft();
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await upload(ent, d.id, "F1", big);
    expect(tooBig.statusCode).toBe(413);

    const up = (await upload(ent, d.id, "F1", PNG)).json() as { id: string };
    const stranger = await userSession(env.ctx, "enterprise", {
      enterpriseId: (await createEnterpriseAs(env.ctx, env.city, { districtCode: HEPING })).id,
    });
    expect((await call(stranger, "GET", `/api/assessments/${d.id}/evidence/${up.id}`)).statusCode).toBe(404);
    expect((await upload(stranger, d.id, "F1", PNG)).statusCode).toBe(404);

    const saved = (
      await call(ent, "PUT", `/api/assessments/${d.id}/answers`, {
        answers: zeroAnswers(MIIT),
        version: d.version,
      })
    ).json() as Detail;
    expect(
      (
        await call(ent, "POST", `/api/assessments/${d.id}/submit`, {
          commitment: true,
          version: saved.version,
        })
      ).statusCode,
    ).toBe(200);
    const late = await upload(ent, d.id, "F1", PNG);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("ASSESSMENT_SUBMITTED");
    // Evidence of a submitted assessment stays readable.
    expect((await call(ent, "GET", `/api/assessments/${d.id}/evidence/${up.id}`)).statusCode).toBe(200);
  });
});
