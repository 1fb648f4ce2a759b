import { expect, test } from "@playwright/test";
import { loginAs, PASSWORD } from "./fixtures";

test("login: a wrong password gets a Chinese message; logging in and out works", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByText("制造业数字化转型促进中心").first()).toBeVisible();
  await page.getByTestId("login-username").fill("expert");
  await page.getByTestId("login-password").fill("not-the-password-1");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toContainText("用户名或密码错误");

  await loginAs(page, "city_admin");
  await expect(page).toHaveURL(/\/cockpit$/);
  await expect(page.getByTestId("cockpit-title")).toHaveText("全市驾驶舱");
  await page.screenshot({ path: "test-results/cockpit.png" });

  await page.getByTestId("lang-switch").click();
  await expect(page.getByRole("menuitem", { name: /Enterprises/ })).toBeVisible();
  await page.getByTestId("lang-switch").click();

  await page.getByTestId("user-menu").click();
  await page.getByTestId("logout").click();
  await expect(page.getByTestId("login-submit")).toBeVisible();
  const me = await page.request.get("/api/auth/me");
  expect(me.status()).toBe(401);
});

test("roles without registry access get their workbench, not the registry", async ({ page }) => {
  await loginAs(page, "provider");
  await expect(page.getByTestId("workbench-role")).toContainText("服务商");
  // Its modules are the ones it works in, each a link (none shown as 建设中 / coming).
  const modules = page.getByTestId("workbench-modules");
  await expect(modules.getByRole("link", { name: /解决方案/ }).first()).toBeVisible();
  await expect(page.getByText("建设中")).toHaveCount(0);
  await modules.getByRole("link", { name: /需求对接/ }).click();
  await expect(page).toHaveURL(/\/demands/);
  await page.goto("/enterprises");
  await expect(page.getByText("无权访问", { exact: true })).toBeVisible();
});

test("too many failed sign-ins from one address: the login page shows the 429 in Chinese and waits out Retry-After", async ({
  page,
}) => {
  // The server's answer as the per-address limit gives it (the limit itself is tested in the API suite).
  await page.route("**/api/auth/login", (route) =>
    route.fulfill({
      status: 429,
      headers: { "retry-after": "120" },
      contentType: "application/json",
      body: JSON.stringify({
        code: "TOO_MANY_ATTEMPTS",
        message: "登录失败次数过多，请 2 分钟后再试",
        params: { retryAfterSeconds: 120, minutes: 2 },
      }),
    }),
  );
  await page.goto("/login");
  await page.getByTestId("login-username").fill("expert");
  await page.getByTestId("login-password").fill("not-the-password-1");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toContainText("登录失败次数过多，请 2 分钟后再试");
  await expect(page.getByTestId("login-submit")).toBeDisabled();
  await expect(page.getByTestId("login-submit")).toContainText(/请 1\d\d 秒后再试/);
});

test("a lock from wrong passwords elsewhere does not stop the owner's browser; the city unlocks on the users page", async ({
  page,
  browser,
}) => {
  // The city creates an account; its owner signs in once in this browser (which becomes a known device).
  await loginAs(page, "city_admin");
  const username = `lock_${Date.now().toString(36)}`;
  const created = await page.request.post("/api/users", {
    data: { username, displayName: "锁定测试", role: "expert", password: PASSWORD },
  });
  expect(created.ok()).toBeTruthy();
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await loginAs(ownerPage, username);
  await ownerPage.getByTestId("user-menu").click();
  await ownerPage.getByTestId("logout").click();
  await expect(ownerPage.getByTestId("login-submit")).toBeVisible();

  // Someone else types five wrong passwords: from their browser even the right one is refused, alike.
  const stranger = await browser.newContext();
  for (let i = 0; i < 5; i++) {
    const r = await stranger.request.post("/api/auth/login", {
      data: { username, password: "wrong-pass-2026" },
    });
    expect(r.status()).toBe(401);
  }
  const strangerPage = await stranger.newPage();
  await strangerPage.goto("/login");
  await strangerPage.getByTestId("login-username").fill(username);
  await strangerPage.getByTestId("login-password").fill(PASSWORD);
  await strangerPage.getByTestId("login-submit").click();
  await expect(strangerPage.getByTestId("login-error")).toContainText("用户名或密码错误");
  await expect(strangerPage.getByTestId("login-error")).toContainText("曾成功登录过的浏览器");

  // The owner's browser still gets in with the right password.
  await loginAs(ownerPage, username);

  // The city sees the lock and ends it; then the stranger's browser gets in with the right password too.
  await page.goto("/users");
  await page.getByPlaceholder("用户名或姓名").fill(username);
  await page.getByTestId("user-unlock").click();
  await page.getByRole("button", { name: "解除锁定" }).last().click();
  await expect(page.getByText("已解除登录锁定")).toBeVisible();
  await expect(page.getByTestId("user-unlock")).toHaveCount(0);
  await loginAs(strangerPage, username);
  await owner.close();
  await stranger.close();
});
