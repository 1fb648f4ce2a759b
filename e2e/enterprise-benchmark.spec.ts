import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

test("an enterprise opens 本企业 on 我的指标: its own figures against its district and industry", async ({
  page,
}) => {
  await loginAs(page, "enterprise");
  await page.getByRole("menuitem", { name: "本企业" }).click();
  await expect(page).toHaveURL(/\/enterprises\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("tab", { name: "我的指标", selected: true })).toBeVisible();
  const card = page.getByTestId("enterprise-benchmark");
  await expect(card.locator("tbody tr")).toHaveCount(7);
  await expect(card).toContainText("关键工序数控化率");
  // The demo district has hundreds of enterprises: its group is shown, as a percentile.
  await expect(card).toContainText(/高于本区 \d+% 的企业/);
});
