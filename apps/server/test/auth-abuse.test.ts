import { auditLog, loginDevices, users } from "@dxcenter/db";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app";
import { createUser } from "../src/modules/users/user.service";
import { createTestContext, PASSWORD, SYSTEM, type TestApp, type TestContext, userSession } from "./helpers";

/**
 * Issue 16, findings 3 and 4: anyone could lock any account (city_admin included) with five wrong
 * passwords, one address could spray logins without ever getting 429, and a wrong password for an
 * existing account answered differently ("再错 4 次…") from an unknown username.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

let addr = 0;
/** A fresh client address per test, so that tests do not share the per-address window. */
const newAddress = () => `198.51.100.${++addr}`;

interface Attempt {
  username: string;
  password: string;
  from: string;
  device?: string;
}
const attempt = (c: { app: TestApp }, a: Attempt) =>
  c.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username: a.username, password: a.password },
    remoteAddress: a.from,
    headers: a.device ? { cookie: `dxc_dev=${a.device}` } : {},
  });

async function newUser(c: TestContext, role: "city_admin" | "provider" = "provider") {
  const username = `a${Math.random().toString(36).slice(2, 10)}`;
  const u = await createUser(
    c.handle.db,
    {
      username,
      displayName: "测试",
      role,
      districtCode: null,
      enterpriseId: null,
      organization: null,
      password: PASSWORD,
    },
    SYSTEM,
  );
  return { username, id: u.id };
}

/** The owner signs in once from their browser: the answer sets the known-device cookie. */
async function ownerDevice(c: TestContext, username: string, from: string) {
  const res = await attempt(c, { username, password: PASSWORD, from });
  expect(res.statusCode, res.body).toBe(200);
  const dev = res.cookies.find((x) => x.name === "dxc_dev");
  expect(dev).toBeDefined();
  return dev!.value;
}

const auditRows = (action: string, entityId: string) =>
  ctx.handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)));

describe("finding 3: nobody without the owner's device can lock the owner out", () => {
  it("5 wrong passwords from an attacker lock city_admin for new devices only; the owner's known device still signs in", async () => {
    const owner = await newUser(ctx, "city_admin");
    const device = await ownerDevice(ctx, owner.username, newAddress());
    const attacker = newAddress();
    for (let i = 0; i < 5; i++) {
      const r = await attempt(ctx, {
        username: owner.username,
        password: "wrong-password-1",
        from: attacker,
      });
      expect(r.statusCode).toBe(401);
    }
    const [locked] = await ctx.handle.db.select().from(users).where(eq(users.id, owner.id));
    expect(locked!.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    // Even the right password does not pass from a device the account has not seen…
    const stranger = await attempt(ctx, { username: owner.username, password: PASSWORD, from: attacker });
    expect(stranger.statusCode).toBe(401);
    expect(stranger.json()).toMatchObject({ code: "INVALID_CREDENTIALS", message: "用户名或密码错误" });
    // …but the owner's browser does, and the lock stays in place for everybody else.
    const ownerIn = await attempt(ctx, {
      username: owner.username,
      password: PASSWORD,
      from: newAddress(),
      device,
    });
    expect(ownerIn.statusCode, ownerIn.body).toBe(200);
    expect(
      (await attempt(ctx, { username: owner.username, password: PASSWORD, from: attacker })).statusCode,
    ).toBe(401);

    expect(await auditRows("auth.account_locked", owner.id)).toHaveLength(1);
    expect((await auditRows("auth.login_failed", owner.id)).length).toBe(5);
    const refused = await auditRows("auth.login_locked", owner.id);
    expect(refused).toHaveLength(2);
    expect(refused[0]!.ip).toBe(attacker);
    const logins = await auditRows("auth.login", owner.id);
    expect(logins.map((l) => l.after)).toContainEqual({ knownDevice: true, duringLock: true });
  });

  it("the device cookie is HttpOnly, SameSite=Lax, long-lived, scoped to /api/auth and stored only hashed", async () => {
    const owner = await newUser(ctx);
    const res = await attempt(ctx, { username: owner.username, password: PASSWORD, from: newAddress() });
    const dev = res.cookies.find((x) => x.name === "dxc_dev")!;
    expect(dev.httpOnly).toBe(true);
    expect(dev.sameSite).toBe("Lax");
    expect(dev.path).toBe("/api/auth");
    expect(dev.maxAge).toBe(90 * 86_400);
    const rows = await ctx.handle.db.select().from(loginDevices).where(eq(loginDevices.userId, owner.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toBe(dev.value);
    // The same browser signing in again keeps its token (no new device row).
    const again = await attempt(ctx, {
      username: owner.username,
      password: PASSWORD,
      from: newAddress(),
      device: dev.value,
    });
    expect(again.cookies.find((x) => x.name === "dxc_dev")!.value).toBe(dev.value);
    expect(
      await ctx.handle.db.select().from(loginDevices).where(eq(loginDevices.userId, owner.id)),
    ).toHaveLength(1);
  });

  it("a known device that types wrong passwords itself loses its pass; the city's unlock gives it back", async () => {
    const owner = await newUser(ctx);
    const device = await ownerDevice(ctx, owner.username, newAddress());
    const from = newAddress();
    for (let i = 0; i < 5; i++) {
      expect(
        (await attempt(ctx, { username: owner.username, password: "wrong-password-1", from, device }))
          .statusCode,
      ).toBe(401);
    }
    expect(
      (await attempt(ctx, { username: owner.username, password: PASSWORD, from, device })).statusCode,
    ).toBe(401);
    const city = await userSession(ctx, "city_admin");
    const r = await ctx.app.inject({
      method: "POST",
      url: `/api/users/${owner.id}/unlock`,
      headers: { cookie: city.cookie },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(
      (await attempt(ctx, { username: owner.username, password: PASSWORD, from, device })).statusCode,
    ).toBe(200);
  });

  it("the lock grows: each wrong password after the first lock doubles it", async () => {
    const owner = await newUser(ctx);
    const from = newAddress();
    for (let i = 0; i < 5; i++)
      await attempt(ctx, { username: owner.username, password: "wrong-password-1", from });
    // The first lock (15 min) runs out; the next wrong password locks for 30 minutes.
    await ctx.handle.db
      .update(users)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(users.id, owner.id));
    expect(
      (await attempt(ctx, { username: owner.username, password: "wrong-password-1", from })).statusCode,
    ).toBe(401);
    const [u] = await ctx.handle.db.select().from(users).where(eq(users.id, owner.id));
    expect(u!.failedLogins).toBe(6);
    const minutes = (u!.lockedUntil!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30.1);
    const [last] = (await auditRows("auth.account_locked", owner.id)).sort((a, b) => b.id - a.id);
    expect(last!.after).toMatchObject({ failedLogins: 6, lockMinutes: 30 });
  });

  it("the city unlocks an account (audited with the state it ended); the right password then passes from anywhere", async () => {
    const owner = await newUser(ctx);
    const from = newAddress();
    for (let i = 0; i < 5; i++)
      await attempt(ctx, { username: owner.username, password: "wrong-password-1", from });
    const city = await userSession(ctx, "city_admin");
    const list = await ctx.app.inject({
      method: "GET",
      url: `/api/users?q=${owner.username}`,
      headers: { cookie: city.cookie },
    });
    expect(list.json().items[0].lockedUntil).not.toBeNull();
    const r = await ctx.app.inject({
      method: "POST",
      url: `/api/users/${owner.id}/unlock`,
      headers: { cookie: city.cookie },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ id: owner.id, lockedUntil: null });
    const [row] = await auditRows("user.unlock", owner.id);
    expect(row).toMatchObject({ actorId: city.userId, actorRole: "city_admin" });
    expect(row!.before).toMatchObject({ failedLogins: 5 });
    expect(row!.after).toEqual({ failedLogins: 0, lockedUntil: null });
    expect((await attempt(ctx, { username: owner.username, password: PASSWORD, from })).statusCode).toBe(200);
    const missing = await ctx.app.inject({
      method: "POST",
      url: "/api/users/00000000-0000-4000-8000-000000000000/unlock",
      headers: { cookie: city.cookie },
    });
    expect(missing.statusCode).toBe(404);
  });

  it("a password change forgets the account's other known devices", async () => {
    const owner = await newUser(ctx);
    const other = await ownerDevice(ctx, owner.username, newAddress());
    const mine = await attempt(ctx, { username: owner.username, password: PASSWORD, from: newAddress() });
    const sid = mine.cookies.find((x) => x.name === "dxc_sid")!.value;
    const dev = mine.cookies.find((x) => x.name === "dxc_dev")!.value;
    expect(dev).not.toBe(other);
    const r = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers: { cookie: `dxc_sid=${sid}; dxc_dev=${dev}` },
      payload: { oldPassword: PASSWORD, newPassword: "Another-pass-2027" },
    });
    expect(r.statusCode, r.body).toBe(204);
    const rows = await ctx.handle.db.select().from(loginDevices).where(eq(loginDevices.userId, owner.id));
    expect(rows).toHaveLength(1);
  });
});

describe("finding 3: per-address throttling", () => {
  it("40 sprayed logins from one address: after 20 failures the rest get 429 with Retry-After and a Chinese message, audited once", async () => {
    const targets = await Promise.all(Array.from({ length: 4 }, () => newUser(ctx)));
    const from = newAddress();
    const names = Array.from({ length: 40 }, (_, i) =>
      i % 2 ? targets[i % 4]!.username : `nobody_${i}_${Math.random().toString(36).slice(2, 8)}`,
    );
    const answers = await Promise.all(
      names.map((username) => attempt(ctx, { username, password: "Spray-pass-2026", from })),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    const limited = answers.find((a) => a.statusCode === 429)!;
    const retryAfter = Number(limited.headers["retry-after"]);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(limited.json()).toMatchObject({
      code: "TOO_MANY_ATTEMPTS",
      params: { retryAfterSeconds: retryAfter },
    });
    expect(limited.json().message).toMatch(/^登录失败次数过多，请 \d+ 分钟后再试$/);
    // The right password from the same address waits too; another address is not affected.
    expect(
      (await attempt(ctx, { username: targets[0]!.username, password: PASSWORD, from })).statusCode,
    ).toBe(429);
    expect(
      (await attempt(ctx, { username: targets[0]!.username, password: PASSWORD, from: newAddress() }))
        .statusCode,
    ).toBe(200);
    const throttled = await auditRows("auth.login_throttled", from);
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({ entityType: "login_address", ip: from });
    expect(throttled[0]!.after).toMatchObject({ address: from, failures: 20, windowMinutes: 10 });
  });

  it("successful logins do not count against the address; a known device is not held back by it", async () => {
    // Limits are configuration: a second app node on the same database with a limit of 3.
    const small = {
      app: await buildApp(ctx.handle, {
        ...ctx.config,
        login: { ...ctx.config.login, addressMaxFailures: 3 },
      }),
    };
    try {
      const owner = await newUser(ctx);
      const from = newAddress();
      let device = "";
      for (let i = 0; i < 8; i++) {
        const r = await attempt(small, { username: owner.username, password: PASSWORD, from });
        expect(r.statusCode).toBe(200);
        device = r.cookies.find((x) => x.name === "dxc_dev")!.value;
      }
      for (let i = 0; i < 3; i++) {
        const r = await attempt(small, { username: `nobody${i}`, password: "x-wrong-1", from });
        expect(r.statusCode).toBe(401);
      }
      const fourth = await attempt(small, { username: owner.username, password: PASSWORD, from });
      expect(fourth.statusCode).toBe(429);
      const known = await attempt(small, { username: owner.username, password: PASSWORD, from, device });
      expect(known.statusCode).toBe(200);
    } finally {
      await small.app.close();
    }
  });

  it("limits hold in the database: a second app on the same database sees the same window", async () => {
    const from = newAddress();
    for (let i = 0; i < 20; i++) await attempt(ctx, { username: `ghost${i}`, password: "x-wrong-1", from });
    const second = await buildApp(ctx.handle, ctx.config);
    try {
      await second.ready();
      const r = await second.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "ghost", password: "x-wrong-1" },
        remoteAddress: from,
      });
      expect(r.statusCode).toBe(429);
    } finally {
      await second.close();
    }
  });
  it("the address is request.ip: X-Forwarded-For counts only behind a trusted proxy (DXC_TRUST_PROXY)", async () => {
    const proxy = newAddress();
    const spoof = (c: { app: TestApp }, xff: string) =>
      c.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "ghost", password: "x-wrong-1" },
        remoteAddress: proxy,
        headers: { "x-forwarded-for": xff },
      });
    // Not trusted: a made-up X-Forwarded-For per request does not escape the limit of the real address.
    const answers = [];
    for (let i = 0; i < 21; i++) answers.push((await spoof(ctx, `203.0.113.${i}`)).statusCode);
    expect(answers.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(answers[20]).toBe(429);
    // Behind a trusted proxy each client behind it has its own window.
    const behind = { app: await buildApp(ctx.handle, { ...ctx.config, trustProxy: true }) };
    try {
      for (let i = 0; i < 20; i++) expect((await spoof(behind, "203.0.113.200")).statusCode).toBe(401);
      expect((await spoof(behind, "203.0.113.200")).statusCode).toBe(429);
      expect((await spoof(behind, "203.0.113.201")).statusCode).toBe(401);
    } finally {
      await behind.app.close();
    }
  });
});

describe("finding 4: no username enumeration", () => {
  it("wrong password, unknown user and a locked account get the identical answer (status, code, message, body)", async () => {
    const owner = await newUser(ctx);
    const locked = await newUser(ctx);
    const from = newAddress();
    for (let i = 0; i < 5; i++)
      await attempt(ctx, { username: locked.username, password: "wrong-password-1", from });
    const answers = [
      await attempt(ctx, { username: owner.username, password: "wrong-password-1", from: newAddress() }),
      await attempt(ctx, { username: "no_such_user_x", password: "wrong-password-1", from: newAddress() }),
      await attempt(ctx, { username: locked.username, password: "wrong-password-1", from: newAddress() }),
      await attempt(ctx, { username: locked.username, password: PASSWORD, from: newAddress() }),
    ];
    for (const a of answers) {
      expect(a.statusCode).toBe(401);
      expect(a.json()).toEqual({ code: "INVALID_CREDENTIALS", message: "用户名或密码错误" });
      expect(a.cookies).toEqual([]);
    }
  });

  it("an unknown username costs an argon2 verification like a wrong password does", async () => {
    const owner = await newUser(ctx);
    const time = async (username: string) => {
      const t0 = performance.now();
      await attempt(ctx, { username, password: "wrong-password-1", from: newAddress() });
      return performance.now() - t0;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time(owner.username));
      unknown.push(await time(`nobody_${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Without the dummy verification an unknown name answers ~10× faster; loose bound for a busy CI.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
  });
});
