import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, PASSWORD, type TestContext, userSession } from "./helpers";

/**
 * Issue 16 §7: CSRF rested on SameSite=Lax alone — `POST /api/auth/logout` with
 * `Origin: http://evil.example` answered 204. State-changing requests from another site are now
 * refused (Fetch Metadata, then Origin); the session cookie is `__Host-` with Secure over TLS, also
 * behind a load balancer that the app trusts (X-Forwarded-Proto / X-Forwarded-Host).
 */
let direct: TestContext;
let proxied: TestContext;
beforeAll(async () => {
  direct = await createTestContext();
  proxied = await createTestContext({ trustProxy: true });
}, 120_000);
afterAll(async () => {
  await direct?.close();
  await proxied?.close();
});

const HOST = "dxc.example.gov.cn";
const me = (ctx: TestContext, cookie: string) =>
  ctx.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie, host: HOST } });
const logout = (ctx: TestContext, cookie: string, headers: Record<string, string>) =>
  ctx.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie, host: HOST, ...headers } });

describe("cross-site state changes are refused (issue 16 §7)", () => {
  it("the probe's repro: logout from http://evil.example → 403 and the session still works", async () => {
    const s = await userSession(direct, "city_admin");
    const r = await logout(direct, s.cookie, { origin: "http://evil.example" });
    expect(r.statusCode, r.body).toBe(403);
    expect(r.json().message).toContain("跨站");
    expect((await me(direct, s.cookie)).statusCode).toBe(200);
  });

  it.each<{ name: string; headers: Record<string, string>; status: number }>([
    { name: "Sec-Fetch-Site: cross-site", headers: { "sec-fetch-site": "cross-site" }, status: 403 },
    {
      name: "Sec-Fetch-Site: same-site (a sibling subdomain)",
      headers: { "sec-fetch-site": "same-site" },
      status: 403,
    },
    { name: "Origin: null (sandboxed frame)", headers: { origin: "null" }, status: 403 },
    {
      name: "Origin of the same host over another scheme",
      headers: { origin: `https://${HOST}` },
      status: 403,
    },
    { name: "Origin equal to the server's own", headers: { origin: `http://${HOST}` }, status: 204 },
    { name: "Sec-Fetch-Site: same-origin", headers: { "sec-fetch-site": "same-origin" }, status: 204 },
    { name: "no Origin and no Fetch Metadata (curl, scripts)", headers: {}, status: 204 },
  ])("$name → $status", async ({ headers, status }) => {
    const s = await userSession(direct, "city_admin");
    expect((await logout(direct, s.cookie, headers)).statusCode).toBe(status);
  });

  it("reads are not refused: a cross-site GET still answers (SameSite keeps the cookie off it anyway)", async () => {
    const s = await userSession(direct, "city_admin");
    const r = await direct.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { cookie: s.cookie, host: HOST, "sec-fetch-site": "cross-site" },
    });
    expect(r.statusCode).toBe(200);
  });

  it("a cross-site login is refused too (login CSRF)", async () => {
    const r = await direct.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { host: HOST, origin: "http://evil.example" },
      payload: { username: "nobody", password: PASSWORD },
    });
    expect(r.statusCode).toBe(403);
  });
});

describe("behind a trusted TLS load balancer", () => {
  const tls = { host: "10.0.0.5:3000", "x-forwarded-proto": "https", "x-forwarded-host": HOST };

  it("the session cookie is __Host-dxc_sid, Secure, Path=/, no Domain; it signs the user in", async () => {
    const u = await userSession(proxied, "city_admin");
    const username = (
      await proxied.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: u.cookie } })
    ).json().username as string;
    const r = await proxied.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { ...tls, origin: `https://${HOST}` },
      payload: { username, password: PASSWORD },
    });
    expect(r.statusCode, r.body).toBe(200);
    const c = r.cookies.find((x) => x.name === "__Host-dxc_sid");
    expect(c, JSON.stringify(r.cookies)).toBeDefined();
    expect(c).toMatchObject({ secure: true, path: "/", httpOnly: true });
    expect(c?.domain).toBeUndefined();
    expect(r.cookies.find((x) => x.name === "dxc_sid")).toBeUndefined();
    const who = await proxied.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { ...tls, cookie: `__Host-dxc_sid=${c?.value}` },
    });
    expect(who.statusCode).toBe(200);
    // The forwarded origin is the one compared: the balancer's own address would be cross-site.
    const ok = await proxied.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { ...tls, origin: `https://${HOST}`, cookie: `__Host-dxc_sid=${c?.value}` },
    });
    expect(ok.statusCode).toBe(204);
    const viaBalancerAddress = await proxied.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { ...tls, origin: "http://10.0.0.5:3000" },
    });
    expect(viaBalancerAddress.statusCode).toBe(403);
  });
});
