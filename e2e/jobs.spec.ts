import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

test("city_admin opens 定时任务, runs a job now and sees the run in its history", async ({ page }) => {
  await loginAs(page, "city_admin");
  await page.getByRole("menuitem", { name: "定时任务" }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  const table = page.getByTestId("jobs-table");
  const row = table.locator("tr").filter({ hasText: "清理中断的企业导入任务" });
  // Every 5 minutes: the e2e server's own scheduler may already have run it on schedule.
  await expect(row).toContainText("每 5 分钟");
  // The code of the job is never shown, only its name.
  await expect(table).not.toContainText("expire-stale-imports");

  await page.getByTestId("job-run-expire-stale-imports").click();
  await page.locator("#job-run-confirm").click();
  await expect(page.getByText("已开始运行“清理中断的企业导入任务”")).toBeVisible();
  await expect(row.getByTestId("job-result")).toHaveText("成功", { timeout: 15_000 });

  await page.screenshot({ path: "test-results/jobs-list.png" });
  await page.getByTestId("job-history-expire-stale-imports").click();
  const drawer = page.locator(".ant-drawer:visible");
  await expect(drawer).toContainText("运行记录：清理中断的企业导入任务");
  const runs = drawer.getByTestId("job-runs");
  const manual = runs.locator("tbody tr.ant-table-row").filter({ hasText: /立即运行（.+）/ });
  await expect(manual).toHaveCount(1);
  await expect(manual).toContainText("成功");
  await expect(manual).toContainText("没有中断的导入任务");
  await page.screenshot({ path: "test-results/jobs-history.png" });
});
