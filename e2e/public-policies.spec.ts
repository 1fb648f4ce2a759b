import { expect, test } from "@playwright/test";

test("an anonymous visitor finds a policy in force and reads its conditions and amount", async ({ page }) => {
  await page.goto("/open-policies");
  await expect(page.getByText("惠企政策公开查询")).toBeVisible();
  const table = page.getByTestId("public-policy-table");
  await expect(table.getByText("天津市工业互联网市级示范项目资助")).toBeVisible();
  // Conditions and the amount with its cap are in the list already.
  await expect(table.getByText("入选市级示范项目：是")).toBeVisible();
  await expect(table.getByText("实际投资额 × 20%，单个项目最高 200万元")).toBeVisible();

  // Search and the level filter.
  await page.getByTestId("public-policy-search").locator("input").fill("再贷款");
  await page.getByTestId("public-policy-search").locator("input").press("Enter");
  await expect(table.getByText("天津市工业互联网市级示范项目资助")).toBeHidden();
  await page.getByTestId("public-policy-level").click();
  await page.getByTitle("国家级").click();
  await expect(page).toHaveURL(/level=national/);
  await table.getByRole("link", { name: "科技创新和技术改造再贷款财政贴息" }).click();

  // The detail, still without signing in.
  await expect(page).toHaveURL(/\/open-policies\/national-tech-reloan-interest-subsidy/);
  await expect(page.getByTestId("policy-title")).toHaveText("科技创新和技术改造再贷款财政贴息");
  await expect(page.getByTestId("policy-conditions")).toContainText(
    "贷款纳入科技创新和技术改造再贷款支持范围：是",
  );
  await expect(page.getByText("贷款本金 × 年贴息 1.5% × 期限（月）÷ 12")).toBeVisible();
  await page.getByRole("link", { name: "← 返回政策列表" }).click();
  await expect(page).toHaveURL(/\/open-policies(\?|$)/);
  await expect(page.getByRole("button", { name: /登\s*录/ })).toBeVisible();
});
