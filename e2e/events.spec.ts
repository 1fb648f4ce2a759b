import { type Browser, expect, test } from "@playwright/test";
import { day, pageAs } from "./fixtures";

const as = (browser: Browser, username: string) => pageAs(browser, username, { acceptDownloads: true });

test("供需对接活动: a district creates an event, an enterprise and a provider register, attendance, a lead converts, the report is exported", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const name = `滨海新区智能制造供需对接会${Date.now() % 100000}`;

  // The district creates the event (its own district is implied).
  const district = await as(browser, "district_admin");
  await district.goto("/events");
  await district.getByTestId("event-create").click();
  const dialog = district.getByRole("dialog");
  await dialog.locator("#name").fill(name);
  const date = dialog.locator("#eventDate");
  await date.click();
  await date.fill(day(0)); // held today: attendance can be marked
  await date.press("Tab");
  await dialog.locator("#place").fill("滨海新区智能制造产业园会议中心");
  await dialog.locator(".ant-modal-footer .ant-btn-primary").click();
  await expect(district).toHaveURL(/\/events\/[0-9a-f-]{36}$/);
  await expect(district.getByRole("heading", { name })).toBeVisible();
  const url = district.url();

  // An enterprise and a provider sign up.
  for (const who of ["enterprise", "provider"]) {
    const page = await as(browser, who);
    await page.goto(url);
    await page.getByTestId("event-register").click();
    await expect(page.getByText("已报名")).toBeVisible();
    await page.context().close();
  }

  // The district marks both as attended and records a lead between them, which converts.
  await district.reload();
  const regs = district.locator(".ant-card", { hasText: "报名时间" });
  await expect(regs.locator("tbody tr")).toHaveCount(2);
  for (const sw of await regs.getByRole("switch").all()) {
    await sw.click();
    await expect(sw).toHaveAttribute("aria-checked", "true");
  }
  await district.getByRole("button", { name: "登记线索" }).click();
  const lead = district.getByRole("dialog");
  // Each select offers the registered parties of its kind; the opened list's first option is active.
  for (const id of ["enterpriseId", "providerId"]) {
    await lead.locator(`#${id}`).click();
    await district.keyboard.press("Enter");
    await expect(
      lead.locator(`#${id}`).locator("xpath=ancestor::div[contains(@class,'ant-select')][1]"),
    ).toContainText(/有限公司|集团|厂/);
  }
  await lead.locator("#note").fill("企业有意引入 MES，约定两周内上门调研");
  await lead.locator(".ant-modal-footer .ant-btn-primary").click();
  const leads = district.locator(".ant-card", { hasText: "登记线索" });
  await expect(leads.getByText("跟进中")).toBeVisible();
  await leads.getByRole("button", { name: "已转化" }).click();
  await expect(leads.locator("tbody").getByText("已转化")).toBeVisible();
  const stats = district.locator(".ant-descriptions");
  await expect(stats).toContainText("2 / 2");
  await expect(stats).toContainText("1 / 1");
  await district.screenshot({ path: "test-results/event-detail.png", fullPage: true });

  // The event report downloads as an xlsx.
  const [download] = await Promise.all([
    district.waitForEvent("download"),
    district.getByTestId("event-report").click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${name}-活动报告.xlsx`);
  const file = await download.path();
  const { readFileSync } = await import("node:fs");
  expect(readFileSync(file).subarray(0, 2).toString()).toBe("PK");
});
