import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

test("login: a wrong password gets a Chinese message; logging in and out works", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByText("制造业数字化转型促进中心").first()).toBeVisible();
  await page.getByTestId("login-username").fill("expert");
  await page.getByTestId("login-password").fill("not-the-password-1");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toContainText("用户名或密码错误");

  await loginAs(page, "city_admin");
  await expect(page.getByText("企业总数")).toBeVisible();
  await page.screenshot({ path: "test-results/dashboard.png" });

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
  await page.goto("/enterprises");
  await expect(page.getByText("无权访问", { exact: true })).toBeVisible();
});
