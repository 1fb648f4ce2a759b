import { sessions, users } from "@dxcenter/db";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../src/modules/users/user.service";
import { createTestContext, login, PASSWORD, SYSTEM, type TestContext, userSession } from "./helpers";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const me = (cookie?: string) =>
  ctx.app.inject({ method: "GET", url: "/api/auth/me", headers: cookie ? { cookie } : {} });
const tryLogin = (
  username: string,
  password: string,
  headers: Record<string, string> = {},
  opts: { remoteAddress?: string } = {},
) =>
  ctx.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password },
    headers,
    ...opts,
  });

async function newUser(extra: { isDemo?: boolean } = {}) {
  const username = `u${Math.random().toString(36).slice(2, 10)}`;
  await createUser(
    ctx.handle.db,
    {
      username,
      displayName: "测试",
      role: "provider",
      districtCode: null,
      enterpriseId: null,
      organization: null,
      password: PASSWORD,
    },
    SYSTEM,
    extra,
  );
  return username;
}

describe("login and session", () => {
  it("sets an HttpOnly SameSite session cookie, not Secure over plain http", async () => {
    const username = await newUser();
    const res = await tryLogin(username, PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username, role: "provider" });
    const c = res.cookies.find((x) => x.name === "dxc_sid")!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe("Lax");
    expect(c.secure).toBeFalsy();
    expect(c.maxAge).toBe(12 * 3600);
    expect((await me(`dxc_sid=${c.value}`)).statusCode).toBe(200);
  });

  it("stores only a hash of the token", async () => {
    const username = await newUser();
    const cookie = await login(ctx, username);
    const token = cookie.split("=")[1]!;
    const rows = await ctx.handle.db.select().from(sessions).where(eq(sessions.tokenHash, token));
    expect(rows).toHaveLength(0);
  });

  it("wrong password and unknown user get the same answer, with no count of attempts left", async () => {
    const username = await newUser();
    const wrong = await tryLogin(username, "nope-nope-1");
    const unknown = await tryLogin("no_such_user_x", "nope-nope-1");
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ code: "INVALID_CREDENTIALS", message: "用户名或密码错误" });
    expect(unknown.json()).toEqual(wrong.json());
  });

  it("5 wrong passwords lock the account for new devices, with the same answer, until the lock ends", async () => {
    const username = await newUser();
    const from = { remoteAddress: "192.0.2.10" };
    for (let i = 1; i <= 5; i++) {
      const r = await tryLogin(username, "wrong-password-1", {}, from);
      expect(r.statusCode).toBe(401);
      expect(r.json().message).toBe("用户名或密码错误");
    }
    const right = await tryLogin(username, PASSWORD, {}, from);
    expect(right.statusCode).toBe(401);
    expect(right.json()).toEqual({ code: "INVALID_CREDENTIALS", message: "用户名或密码错误" });
    // The lock ends by itself after its time.
    await ctx.handle.db
      .update(users)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(users.username, username));
    expect((await tryLogin(username, PASSWORD, {}, from)).statusCode).toBe(200);
  });

  it("a parallel burst of wrong passwords cannot exceed the limit", async () => {
    const username = await newUser();
    const from = { remoteAddress: "192.0.2.11" };
    await Promise.all(Array.from({ length: 12 }, () => tryLogin(username, "wrong-password-1", {}, from)));
    const [u] = await ctx.handle.db.select().from(users).where(eq(users.username, username));
    expect(u!.lockedUntil).not.toBeNull();
    expect((await tryLogin(username, PASSWORD, {}, from)).statusCode).toBe(401);
  });

  it("logout invalidates the session on the server", async () => {
    const username = await newUser();
    const cookie = await login(ctx, username);
    const out = await ctx.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it("expires after 30 idle minutes", async () => {
    const username = await newUser();
    const cookie = await login(ctx, username);
    await ctx.handle.db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '31 minutes'` })
      .where(sql`${sessions.userId} = (select id from users where username = ${username})`);
    const r = await me(cookie);
    expect(r.statusCode).toBe(401);
    expect(r.json().message).toBe("请先登录");
  });

  it("activity keeps the session alive but not beyond 12 hours", async () => {
    const username = await newUser();
    const cookie = await login(ctx, username);
    const where = sql`${sessions.userId} = (select id from users where username = ${username})`;
    await ctx.handle.db.update(sessions).set({ lastSeenAt: sql`now() - interval '29 minutes'` }).where(where);
    expect((await me(cookie)).statusCode).toBe(200);
    const [s] = await ctx.handle.db.select().from(sessions).where(where);
    expect(Date.now() - s!.lastSeenAt.getTime()).toBeLessThan(60_000); // slid forward
    await ctx.handle.db.update(sessions).set({ expiresAt: sql`now() - interval '1 second'` }).where(where);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it("a disabled account cannot log in and its sessions end", async () => {
    const admin = await userSession(ctx, "city_admin");
    const username = await newUser();
    const cookie = await login(ctx, username);
    const list = await ctx.app.inject({
      method: "GET",
      url: `/api/users?q=${username}`,
      headers: { cookie: admin.cookie },
    });
    const target = list.json().items[0];
    const dis = await ctx.app.inject({
      method: "PATCH",
      url: `/api/users/${target.id}`,
      headers: { cookie: admin.cookie },
      payload: { disabled: true, version: target.version },
    });
    expect(dis.statusCode).toBe(200);
    expect((await me(cookie)).statusCode).toBe(401);
    const r = await tryLogin(username, PASSWORD);
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toContain("停用");
  });

  it("demo accounts are refused in production mode", async () => {
    const username = await newUser({ isDemo: true });
    const r = await tryLogin(username, PASSWORD);
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe("DEMO_ACCOUNT");
  });

  it("marks the cookie Secure when served over HTTPS behind a trusted proxy", async () => {
    const secureCtx = await createTestContext({ trustProxy: true });
    try {
      const username = `s${Math.random().toString(36).slice(2, 10)}`;
      await createUser(
        secureCtx.handle.db,
        {
          username,
          displayName: "测试",
          role: "expert",
          districtCode: null,
          enterpriseId: null,
          organization: null,
          password: PASSWORD,
        },
        SYSTEM,
      );
      const res = await secureCtx.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username, password: PASSWORD },
        headers: { "x-forwarded-proto": "https" },
      });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === "__Host-dxc_sid")!.secure).toBe(true); // __Host- over TLS (issue 16 §7)
    } finally {
      await secureCtx.close();
    }
  });

  it("changing the password ends the other sessions and keeps this one", async () => {
    const username = await newUser();
    const a = await login(ctx, username);
    const b = await login(ctx, username);
    const bad = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers: { cookie: a },
      payload: { oldPassword: "wrong", newPassword: "New-password-2026" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: "oldPassword", message: "原密码不正确" });
    const ok = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers: { cookie: a },
      payload: { oldPassword: PASSWORD, newPassword: "New-password-2026" },
    });
    expect(ok.statusCode).toBe(204);
    expect((await me(a)).statusCode).toBe(200);
    expect((await me(b)).statusCode).toBe(401);
    expect((await tryLogin(username, "New-password-2026")).statusCode).toBe(200);
  });

  it("validation errors name the field in Chinese", async () => {
    const r = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "", password: "x" },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: "VALIDATION", field: "username" });
    expect(r.json().message).toMatch(/请输入用户名/);
  });
});
