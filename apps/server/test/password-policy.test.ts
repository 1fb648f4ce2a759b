import { describe, expect, it } from "vitest";
import { passwordWeakness } from "../src/lib/password-policy";
import { cityAdmin, login, testFile, userSession } from "./helpers";

/**
 * Issue 16 §4 (ASVS 4.0.3 V2.1): the probe created accounts with `password123`, `1234567890a` and
 * `dxcenter2026`, and changed a password to itself. A new password now has at least 12 characters,
 * is not common or guessable, not built from the account's or the platform's name, and not the
 * current password or one of the last four — on create, on the city's reset and on the user's change.
 */
const file = testFile(cityAdmin);

const change = (cookie: string, oldPassword: string, newPassword: string) =>
  file.ctx.app.inject({
    method: "POST",
    url: "/api/auth/password",
    headers: { cookie },
    payload: { oldPassword, newPassword },
  });

describe("passwordWeakness", () => {
  it.each([["password123"], ["1234567890ab"], ["qwertyuiop12"], ["dxcenter2026!"], ["zhangsan2026x"]])(
    "refuses %s",
    (p) => {
      expect(passwordWeakness(p, { username: "zhangsan", displayName: "张三" })).not.toBeNull();
    },
  );

  it.each([["Test-password-2026"], ["correct horse battery"], ["Pk8#vL2qWz9!"]])("accepts %s", (p) => {
    expect(passwordWeakness(p, { username: "zhangsan", displayName: "张三" })).toBeNull();
  });
});

describe("new passwords through the API (issue 16 §4)", () => {
  it.each([
    ["password123", "密码至少12位"],
    ["1234567890a", "密码至少12位"],
    ["dxcenter2026", "平台名称"],
    ["password1234", "过于常见"],
  ])("the city cannot create an account with %s", async (password, message) => {
    const r = await file.ctx.app.inject({
      method: "POST",
      url: "/api/users",
      headers: { cookie: file.city.cookie },
      payload: {
        username: `weak${Math.random().toString(36).slice(2, 8)}`,
        displayName: "测试",
        role: "city_admin",
        password,
      },
    });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().field).toBe("password");
    expect(r.json().message).toContain(message);
  });

  it("a user cannot change to a password holding the username, nor reuse the current or the last four", async () => {
    const s = await userSession(file.ctx, "expert");
    const me = (
      await file.ctx.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: s.cookie } })
    ).json();
    const withName = await change(s.cookie, "Test-password-2026", `${me.username}-Secure-77`);
    expect(withName.statusCode).toBe(400);
    expect(withName.json()).toMatchObject({ field: "newPassword" });

    const same = await change(s.cookie, "Test-password-2026", "Test-password-2026");
    expect(same.statusCode).toBe(400);
    expect(same.json().message).toContain("最近4次");

    // Five changes: P0 (the first) → P1 … P5. P1–P4 and the current P5 stay refused; P0 has left the window.
    const chain = [
      "Test-password-2026",
      "Heron-lake-7431",
      "Quartz-maple-2916",
      "Violet-ridge-5520",
      "Copper-fjord-8847",
      "Amber-cliff-3062",
    ];
    let cookie = s.cookie;
    for (let i = 1; i < chain.length; i++) {
      const r = await change(cookie, chain[i - 1]!, chain[i]!);
      expect(r.statusCode, r.body).toBe(204);
      cookie = await login(file.ctx, me.username, chain[i]);
    }
    for (const old of chain.slice(1)) {
      const r = await change(cookie, chain[5]!, old);
      expect(r.statusCode, old).toBe(400);
    }
    const oldest = await change(cookie, chain[5]!, chain[0]!);
    expect(oldest.statusCode, oldest.body).toBe(204);
  });

  it("the city's reset refuses the account's current password", async () => {
    const s = await userSession(file.ctx, "provider");
    const r = await file.ctx.app.inject({
      method: "PATCH",
      url: `/api/users/${s.userId}`,
      headers: { cookie: file.city.cookie },
      payload: { password: "Test-password-2026", version: 1 },
    });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json()).toMatchObject({ field: "password" });
  });
});
