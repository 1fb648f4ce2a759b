import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

test("a district administrator exports the district's 一企一策 reports as one zip", async ({ page }) => {
  // The demo district's submitted MIIT self-assessments are rendered one after another.
  test.setTimeout(300_000);
  await loginAs(page, "district_admin");
  await page.goto("/assessments");
  await page.getByTestId("batch-report-open").click();
  const dialog = page.locator(".ant-modal:visible");
  await expect(dialog).toContainText("导出范围：滨海新区");
  await page.getByTestId("batch-report-instrument").click();
  const option = page
    .locator(".ant-select-dropdown:visible .ant-select-item-option")
    .filter({ hasText: "中小企业数字化水平评测" });
  await option.click();
  // On a loaded machine the list can stay open over the start button (the click landed while it
  // was still opening): pick again until it is closed with the instrument chosen.
  await expect(async () => {
    if (await option.isVisible()) await option.click({ timeout: 2_000 });
    await expect(page.locator(".ant-select-dropdown:visible")).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("batch-report-instrument")).toContainText("中小企业数字化水平评测");
  await page.getByTestId("batch-report-start").click();

  const job = page.getByTestId("batch-report-job");
  await expect(job).toBeVisible();
  await expect(page.getByTestId("batch-report-progress")).toBeVisible();
  await page.screenshot({ path: "test-results/report-batch-running.png" });
  await expect(job).toHaveAttribute("data-status", "done", { timeout: 280_000 });
  await expect(page.getByTestId("batch-report-progress")).toHaveAttribute("aria-valuenow", "100");
  await expect(dialog).toContainText(/已生成 \d+ 份报告/);
  await page.screenshot({ path: "test-results/report-batch-done.png" });

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("batch-report-download").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^一企一策诊断报告-滨海新区-.+\.zip$/);
  const zip = readFileSync((await download.path())!);
  expect(zip.subarray(0, 2).toString("latin1")).toBe("PK");
});
