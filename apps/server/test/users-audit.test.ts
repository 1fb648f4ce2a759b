import { auditLog, users } from "@dxcenter/db";
import type { Role } from "@dxcenter/domain";
import { and, count, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BINHAI,
  cityAdmin,
  createEnterpriseAs,
  HEPING,
  login,
  type Session,
  testFile,
  userSession,
} from "./helpers";
import { readSheet, XLSX_MIME } from "./xlsx-fixtures";

const env = testFile(cityAdmin);

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
const call = (s: Session | null, method: Method, url: string, payload?: unknown) =>
  env.ctx.app.inject({
    method,
    url,
    headers: s ? { cookie: s.cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

let n = 0;
const uname = (p = "u") => `${p}_${process.pid}_${++n}`;
const newUser = (extra: Record<string, unknown> = {}) => ({
  username: uname(),
  displayName: "测试用户",
  role: "provider",
  password: "Strong-pass-2026",
  ...extra,
});
const createViaApi = async (body: Record<string, unknown>) => {
  const r = await call(env.city, "POST", "/api/users", body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; username: string; version: number; lockedUntil: string | null };
};
const me = (cookie: string) =>
  env.ctx.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie } });
const tryLogin = (username: string, password: string) =>
  env.ctx.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
/** The city admin's newest audit row of an action. */
const myLatestAudit = (action: string) =>
  env.ctx.handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.actorId, env.city.userId)))
    .orderBy(desc(auditLog.id))
    .limit(1);
const auditCount = async () => (await env.ctx.handle.db.select({ n: count() }).from(auditLog))[0]!.n;

describe("user management by the city bureau", () => {
  it("creates an account of every role with its binding; each can log in and sees its role", async () => {
    const ent = await createEnterpriseAs(env.ctx, env.city, { name: "账号绑定测试有限公司" });
    const cases: [Role, Record<string, unknown>, Record<string, unknown>][] = [
      ["city_admin", {}, { districtCode: null, enterpriseId: null }],
      ["district_admin", { districtCode: HEPING }, { districtCode: HEPING, districtName: "和平区" }],
      [
        "enterprise",
        { enterpriseId: ent.id },
        { enterpriseId: ent.id, enterpriseName: "账号绑定测试有限公司" },
      ],
      ["provider", { organization: "天津某数字化服务商" }, { organization: "天津某数字化服务商" }],
      ["expert", { organization: "天津大学" }, { organization: "天津大学" }],
      ["department", { organization: "市发展改革委" }, { organization: "市发展改革委" }],
    ];
    for (const [role, binding, expected] of cases) {
      const body = newUser({ role, displayName: `新${role}`, ...binding });
      const r = await call(env.city, "POST", "/api/users", body);
      expect(r.statusCode, `${role}: ${r.body}`).toBe(201);
      expect(r.json()).toMatchObject({
        username: body.username,
        role,
        disabled: false,
        isDemo: false,
        version: 1,
        lockedUntil: null,
        ...expected,
      });
      expect(r.body).not.toMatch(/argon2|passwordHash|Strong-pass/);
      const cookie = await login(env.ctx, body.username as string, body.password as string);
      const m = await me(cookie);
      expect(m.statusCode).toBe(200);
      expect(m.json()).toMatchObject({ username: body.username, role });

      const [audit] = await env.ctx.handle.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityId, r.json().id));
      expect(audit).toMatchObject({ action: "user.create", entityType: "user", actorId: env.city.userId });
      expect(audit!.after).toMatchObject({ username: body.username, role });
      expect(JSON.stringify(audit!.after)).not.toMatch(/argon2|Strong-pass/);
    }
  });

  it("drops a binding that does not belong to the role, so a stale form value cannot widen access", async () => {
    const ent = await createEnterpriseAs(env.ctx, env.city);
    const r = await call(
      env.city,
      "POST",
      "/api/users",
      newUser({ role: "provider", districtCode: BINHAI, enterpriseId: ent.id }),
    );
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ districtCode: null, enterpriseId: null });
  });

  it("a district account needs a current district (400 naming districtCode)", async () => {
    const missing = await call(env.city, "POST", "/api/users", newUser({ role: "district_admin" }));
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ field: "districtCode", message: "区工信部门账号必须绑定所属区" });
    const abolished = await call(
      env.city,
      "POST",
      "/api/users",
      newUser({ role: "district_admin", districtCode: "120107" }),
    );
    expect(abolished.statusCode).toBe(400);
    expect(abolished.json().field).toBe("districtCode");
  });

  it("an enterprise account needs an existing enterprise (400 naming enterpriseId)", async () => {
    const missing = await call(env.city, "POST", "/api/users", newUser({ role: "enterprise" }));
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ field: "enterpriseId", message: "企业账号必须绑定一家企业" });
    const unknown = await call(
      env.city,
      "POST",
      "/api/users",
      newUser({ role: "enterprise", enterpriseId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ field: "enterpriseId", message: "所属企业不存在" });
  });

  it("refuses a username that is taken with 409", async () => {
    const body = newUser();
    await createViaApi(body);
    const again = await call(env.city, "POST", "/api/users", { ...body, displayName: "另一个人" });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "DUPLICATE_USERNAME", field: "username" });
    expect(again.json().message).toContain(body.username);
  });

  it("two simultaneous creations of one username: one 201, the other a clean 409", async () => {
    const body = newUser();
    const [a, b] = await Promise.all([
      call(env.city, "POST", "/api/users", body),
      call(env.city, "POST", "/api/users", { ...body, displayName: "同时提交" }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json()).toMatchObject({ code: "DUPLICATE_USERNAME", field: "username" });
  });

  it("refuses weak passwords with a message about 密码", async () => {
    for (const password of ["Ab1", "abcdefghijkl", "1234567890123"]) {
      const r = await call(env.city, "POST", "/api/users", newUser({ password }));
      expect(r.statusCode, password).toBe(400);
      expect(r.json().field).toBe("password");
      expect(r.json().message).toContain("密码");
    }
    const short = await call(env.city, "POST", "/api/users", newUser({ password: "Ab1" }));
    expect(short.json().message).toContain("密码至少12位");
    const guessable = await call(env.city, "POST", "/api/users", newUser({ password: "abcdefghijkl" }));
    expect(guessable.json().message).toContain("过于常见或容易被猜到");
  });

  it("a save with a stale version gets 409 and changes nothing", async () => {
    const u = await createViaApi(newUser({ displayName: "原姓名" }));
    const ok = await call(env.city, "PATCH", `/api/users/${u.id}`, {
      displayName: "新姓名",
      version: u.version,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(u.version + 1);
    const stale = await call(env.city, "PATCH", `/api/users/${u.id}`, {
      displayName: "过期的修改",
      version: u.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: "VERSION_CONFLICT" });
    expect(stale.json().message).toContain("已被他人修改");
    const list = await call(env.city, "GET", `/api/users?q=${u.username}`);
    expect(list.json().items[0]).toMatchObject({ displayName: "新姓名", version: u.version + 1 });
  });

  it("resetting the password clears the lock, ends old sessions and only the new password works", async () => {
    const body = newUser();
    const u = await createViaApi(body);
    const oldSession = await login(env.ctx, body.username, body.password);
    for (let i = 0; i < 5; i++) await tryLogin(body.username, "wrong-password-1");
    // Locked: the right password from a new device gets the same 401 as a wrong one.
    expect((await tryLogin(body.username, body.password)).statusCode).toBe(401);
    const listed = (await call(env.city, "GET", `/api/users?q=${body.username}`)).json().items[0];
    expect(listed.lockedUntil).not.toBeNull();

    const r = await call(env.city, "PATCH", `/api/users/${u.id}`, {
      password: "Reset-pass-2027",
      version: listed.version,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().lockedUntil).toBeNull();
    expect((await me(oldSession)).statusCode).toBe(401);
    const [row] = await env.ctx.handle.db.select().from(users).where(eq(users.id, u.id));
    expect(row!.failedLogins).toBe(0);
    expect((await tryLogin(body.username, "Reset-pass-2027")).statusCode).toBe(200);
    expect((await tryLogin(body.username, body.password)).statusCode).toBe(401);
    const [audit] = await env.ctx.handle.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.entityId} = ${u.id} and ${auditLog.action} = 'user.update'`);
    expect(audit!.after).toMatchObject({ passwordReset: true });
    expect(JSON.stringify(audit!.after)).not.toContain("Reset-pass-2027");
  });

  it("unlock without a password change lets the old password in again", async () => {
    const body = newUser();
    const u = await createViaApi(body);
    for (let i = 0; i < 5; i++) await tryLogin(body.username, "wrong-password-1");
    // Locked: the right password from a new device gets the same 401 as a wrong one.
    expect((await tryLogin(body.username, body.password)).statusCode).toBe(401);
    const r = await call(env.city, "PATCH", `/api/users/${u.id}`, { unlock: true, version: u.version });
    expect(r.statusCode).toBe(200);
    expect(r.json().lockedUntil).toBeNull();
    expect((await tryLogin(body.username, body.password)).statusCode).toBe(200);
  });

  it("the city admin cannot disable their own account", async () => {
    const self = (await call(env.city, "GET", `/api/users?role=city_admin&pageSize=200`))
      .json()
      .items.find((u: { id: string }) => u.id === env.city.userId);
    const r = await call(env.city, "PATCH", `/api/users/${env.city.userId}`, {
      disabled: true,
      version: self.version,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ field: "disabled", message: "不能停用自己的账号" });
  });

  it("lists users filtered by role and district", async () => {
    const d = await createViaApi(newUser({ role: "district_admin", districtCode: BINHAI }));
    const r = await call(
      env.city,
      "GET",
      `/api/users?role=district_admin&districtCode=${BINHAI}&pageSize=200`,
    );
    expect(r.statusCode).toBe(200);
    const items = r.json().items as { id: string; role: string; districtCode: string }[];
    expect(items.map((i) => i.id)).toContain(d.id);
    expect(items.every((i) => i.role === "district_admin" && i.districtCode === BINHAI)).toBe(true);
  });
});

describe("only the city bureau manages users and reads the audit trail", () => {
  const roles: Role[] = ["district_admin", "enterprise", "provider", "expert", "department"];
  for (const role of roles) {
    it(`${role} gets 403 on /api/users and /api/audit`, async () => {
      const binding =
        role === "enterprise"
          ? { enterpriseId: (await createEnterpriseAs(env.ctx, env.city)).id }
          : role === "district_admin"
            ? { districtCode: HEPING }
            : {};
      const s = await userSession(env.ctx, role, binding);
      const target = await createViaApi(newUser());
      const [before] = await env.ctx.handle.db.select({ n: count() }).from(users);
      const attempts: [Method, string, unknown?][] = [
        ["GET", "/api/users"],
        ["POST", "/api/users", newUser({ role: "city_admin" })],
        ["PATCH", `/api/users/${target.id}`, { displayName: "越权修改", version: target.version }],
        ["PATCH", `/api/users/${s.userId}`, { displayName: "改自己", version: 1 }],
        ["GET", "/api/audit"],
        ["GET", "/api/audit/export"],
      ];
      for (const [method, url, body] of attempts) {
        const r = await call(s, method, url, body);
        expect(r.statusCode, `${role} ${method} ${url}`).toBe(403);
        expect(r.json().code).toBe("FORBIDDEN");
      }
      const [after] = await env.ctx.handle.db.select({ n: count() }).from(users);
      expect(after!.n).toBe(before!.n);
      const [t] = await env.ctx.handle.db.select().from(users).where(eq(users.id, target.id));
      expect(t!.displayName).toBe("测试用户");
    });
  }

  it("without a login: 401", async () => {
    for (const [method, url] of [
      ["GET", "/api/users"],
      ["POST", "/api/users"],
      ["GET", "/api/audit"],
      ["GET", "/api/audit/export"],
    ] as [Method, string][]) {
      const r = await call(null, method, url, method === "POST" ? newUser() : undefined);
      expect(r.statusCode, url).toBe(401);
    }
  });
});

describe("audit trail", () => {
  const actor = `auditor_${process.pid}`;
  const at = (iso: string) => new Date(iso);
  beforeAll(async () => {
    // Rows with known times (inserting is the one thing the trail allows).
    await env.ctx.handle.db.insert(auditLog).values([
      {
        at: at("2021-03-01T10:00:00+08:00"),
        actorName: actor,
        actorRole: "city_admin",
        action: "demo.alpha.one",
        entityType: "widget",
        entityId: "w-1",
      },
      {
        at: at("2021-03-05T10:00:00+08:00"),
        actorName: actor,
        actorRole: "city_admin",
        action: "demo.alpha.two",
        entityType: "widget",
        entityId: "w-2",
      },
      {
        at: at("2021-03-10T10:00:00+08:00"),
        actorName: actor,
        actorRole: "district_admin",
        action: "demo.beta",
        entityType: "gadget",
        entityId: "g-1",
        before: { a: 1 },
        after: { a: 2 },
      },
    ]);
  });

  const query = async (q: Record<string, string>) => {
    const r = await call(env.city, "GET", `/api/audit?${new URLSearchParams(q)}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { items: { entityId: string; action: string; at: string }[]; total: number };
  };
  const ids = (r: { items: { entityId: string }[] }) => r.items.map((i) => i.entityId);

  it("filters by actor (part of the name), newest first", async () => {
    const r = await query({ actor });
    expect(ids(r)).toEqual(["g-1", "w-2", "w-1"]);
    expect(r.total).toBe(3);
    expect(ids(await query({ actor: actor.slice(3) }))).toEqual(["g-1", "w-2", "w-1"]);
    expect((await query({ actor: "nobody_at_all" })).total).toBe(0);
  });

  it("filters by action prefix, treating % and _ literally", async () => {
    expect(ids(await query({ actor, action: "demo.alpha" }))).toEqual(["w-2", "w-1"]);
    expect(ids(await query({ actor, action: "demo.alpha.one" }))).toEqual(["w-1"]);
    expect(ids(await query({ actor, action: "demo" }))).toEqual(["g-1", "w-2", "w-1"]);
    expect((await query({ actor, action: "alpha" })).total).toBe(0); // prefix, not substring
    expect((await query({ actor, action: "demo_alpha" })).total).toBe(0);
    expect((await query({ actor, action: "%" })).total).toBe(0);
  });

  it("filters by entity type and entity id", async () => {
    expect(ids(await query({ entityType: "widget" }))).toEqual(["w-2", "w-1"]);
    expect(ids(await query({ entityType: "gadget" }))).toEqual(["g-1"]);
    expect(ids(await query({ entityId: "w-2" }))).toEqual(["w-2"]);
  });

  it("filters by a date range given with a time zone", async () => {
    const r = await query({ actor, from: "2021-03-02T00:00:00+08:00", to: "2021-03-06T00:00:00+08:00" });
    expect(ids(r)).toEqual(["w-2"]);
    expect(ids(await query({ actor, from: "2021-03-05T02:00:00Z" }))).toEqual(["g-1", "w-2"]);
    expect(ids(await query({ actor, to: "2021-03-05T01:59:59Z" }))).toEqual(["w-1"]);
    const bad = await call(env.city, "GET", "/api/audit?from=yesterday");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe("from");
  });

  it("pages with a total", async () => {
    const p1 = await query({ actor, pageSize: "2", page: "1" });
    const p2 = await query({ actor, pageSize: "2", page: "2" });
    expect(p1.total).toBe(3);
    expect(ids(p1)).toEqual(["g-1", "w-2"]);
    expect(ids(p2)).toEqual(["w-1"]);
  });

  it("records real actions newest first, with who did it", async () => {
    const u = await createViaApi(newUser());
    await call(env.city, "PATCH", `/api/users/${u.id}`, { displayName: "改过的姓名", version: u.version });
    const r = await call(env.city, "GET", `/api/audit?entityId=${u.id}`);
    const items = r.json().items as {
      action: string;
      actorId: string;
      actorRole: string;
      before: unknown;
      after: unknown;
    }[];
    expect(items.map((i) => i.action)).toEqual(["user.update", "user.create"]);
    expect(items[0]).toMatchObject({
      actorId: env.city.userId,
      actorRole: "city_admin",
      before: { displayName: "测试用户" },
      after: { displayName: "改过的姓名" },
    });
    const latest = await call(env.city, "GET", "/api/audit?pageSize=5");
    const times = (latest.json().items as { at: string }[]).map((i) => Date.parse(i.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("exports the filtered trail as xlsx", async () => {
    const r = await call(
      env.city,
      "GET",
      `/api/audit/export?${new URLSearchParams({ actor, entityType: "widget" })}`,
    );
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toContain(XLSX_MIME);
    const [header, ...rows] = await readSheet(r.rawPayload);
    expect(header).toEqual([
      "时间（北京时间）",
      "操作人",
      "角色",
      "操作",
      "对象类型",
      "对象ID",
      "区划",
      "IP",
      "变更前",
      "变更后",
    ]);
    expect(rows.map((x) => x[5])).toEqual(["w-2", "w-1"]);
    expect(rows[1]![0]).toBe("2021-03-01 10:00:00"); // Beijing time
    expect(rows.every((x) => x[1] === actor)).toBe(true);
    // Exporting the trail is itself audited, with the filters and the row count.
    const [logged] = await myLatestAudit("audit.export");
    expect(logged).toMatchObject({
      entityType: "audit_log",
      after: { filters: { actor, entityType: "widget" }, rows: 2 },
    });
  });

  it("exports a trail longer than one read batch whole and newest first", async () => {
    const bulkActor = `bulk_${process.pid}`;
    await env.ctx.handle.db.insert(auditLog).values(
      Array.from({ length: 2_345 }, (_, i) => ({
        actorName: bulkActor,
        actorRole: "city_admin",
        action: "demo.bulk",
        entityType: "bulk",
        entityId: `b-${i}`,
      })),
    );
    const r = await call(env.city, "GET", `/api/audit/export?${new URLSearchParams({ actor: bulkActor })}`);
    expect(r.statusCode).toBe(200);
    const [, ...rows] = await readSheet(r.rawPayload);
    expect(rows.map((x) => x[5])).toEqual(Array.from({ length: 2_345 }, (_, i) => `b-${2_344 - i}`));
  });

  it("cannot be changed or deleted, even by raw SQL through the app's own database connection", async () => {
    const before = await auditCount();
    const attempts = [
      sql`delete from audit_log`,
      sql`delete from audit_log where entity_id = 'w-1'`,
      sql`update audit_log set action = 'tampered' where entity_id = 'w-1'`,
      sql`update audit_log set at = now() - interval '10 years'`,
      sql`truncate audit_log`,
    ];
    for (const stmt of attempts) {
      const err = await env.ctx.handle.db.execute(stmt).then(
        () => null,
        (e: unknown) => e as Error & { cause?: Error },
      );
      expect(err, "the statement must fail").not.toBeNull();
      expect(`${err!.message} ${err!.cause?.message ?? ""}`).toContain("审计日志不可修改或删除");
    }
    expect(await auditCount()).toBe(before);
    const [w1] = await env.ctx.handle.db.select().from(auditLog).where(eq(auditLog.entityId, "w-1"));
    expect(w1!.action).toBe("demo.alpha.one");
  });

  it("has no route that deletes, changes or replaces audit rows", async () => {
    const [row] = await env.ctx.handle.db.select().from(auditLog).where(eq(auditLog.entityId, "w-1"));
    const before = await auditCount();
    for (const method of ["DELETE", "PATCH", "PUT"] as Method[]) {
      for (const url of ["/api/audit", `/api/audit/${row!.id}`, "/api/audit/export"]) {
        const r = await call(env.city, method, url, method === "DELETE" ? undefined : { action: "tampered" });
        expect([404, 405], `${method} ${url}`).toContain(r.statusCode);
      }
    }
    expect(await auditCount()).toBe(before);
    const [still] = await env.ctx.handle.db.select().from(auditLog).where(eq(auditLog.id, row!.id));
    expect(still!.action).toBe("demo.alpha.one");
  });
});

describe("OpenAPI document", () => {
  /** Method + path of every route the app really serves, read from Fastify's route tree. */
  function servedRoutes(): { method: string; path: string }[] {
    const out: { method: string; path: string }[] = [];
    const stack: string[] = [];
    for (const line of env.ctx.app.printRoutes({ commonPrefix: false }).split("\n")) {
      const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([^)]*)\))?$/.exec(line);
      if (!m) continue;
      const depth = m[1]!.length / 4;
      stack.length = depth;
      stack.push(m[2]!);
      for (const method of m[3]?.split(", ") ?? []) out.push({ method, path: stack.join("") });
    }
    return out;
  }
  const norm = (p: string) => (p.length > 1 ? p.replace(/\/$/, "") : p).replace(/:(\w+)/g, "{$1}");

  it("lists every /api route, each with a success response schema", async () => {
    const r = await env.ctx.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(r.statusCode).toBe(200);
    const doc = r.json() as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
      >;
    };
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Map<string, (typeof doc.paths)[string]>();
    for (const [p, ops] of Object.entries(doc.paths))
      documented.set(norm(p), { ...documented.get(norm(p)), ...ops });

    const served = servedRoutes().filter(
      (x) => x.path.startsWith("/api/") && !x.path.startsWith("/api/docs") && x.method !== "HEAD",
    );
    const keys = [...new Set(served.map((x) => `${x.method} ${norm(x.path)}`))];
    // Sanity: the tree parser found the routes this suite relies on.
    expect(keys).toEqual(
      expect.arrayContaining([
        "GET /api/enterprises",
        "PATCH /api/enterprises/{id}",
        "POST /api/enterprises/imports",
        "GET /api/enterprises/imports/{id}/report",
        "GET /api/audit/export",
        "PATCH /api/users/{id}",
        "POST /api/auth/login",
      ]),
    );
    expect(keys.length).toBeGreaterThanOrEqual(22);

    const problems: string[] = [];
    for (const key of keys) {
      const [method, path] = key.split(" ") as [string, string];
      const op = documented.get(path)?.[method.toLowerCase()];
      if (!op) {
        problems.push(`${key}: not documented`);
        continue;
      }
      const ok = Object.entries(op.responses ?? {}).find(([code]) => /^2\d\d$/.test(code));
      if (!ok) problems.push(`${key}: no 2xx response`);
      else if (ok[0] !== "204" && !Object.values(ok[1].content ?? {}).some((c) => c.schema !== undefined))
        problems.push(`${key}: ${ok[0]} response has no schema`);
    }
    expect(problems).toEqual([]);

    // …and nothing is documented that is not served.
    for (const [path, ops] of documented) {
      for (const method of Object.keys(ops)) {
        expect(keys, `${method.toUpperCase()} ${path}`).toContain(`${method.toUpperCase()} ${path}`);
      }
    }
  });
});

describe("user list export", () => {
  it("exports the filtered users with Chinese role labels", async () => {
    await userSession(env.ctx, "expert");
    await userSession(env.ctx, "provider");
    const r = await env.ctx.app.inject({
      method: "GET",
      url: "/api/users/export?role=expert",
      headers: { cookie: env.city.cookie },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toBe(XLSX_MIME);
    const [header, ...rows] = await readSheet(r.rawPayload);
    expect(header).toContain("用户名");
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row[2]))).toEqual(new Set(["专家"]));
    const [logged] = await myLatestAudit("user.export");
    expect(logged).toMatchObject({
      entityType: "user",
      after: { filters: { role: "expert" }, rows: rows.length },
    });
  });
});
