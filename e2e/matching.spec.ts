import { expect, test } from "@playwright/test";
import { loginAs, pickOption } from "./fixtures";

test.describe("供需对接", () => {
  test("anyone browses the public solution catalogue and filters it by scene", async ({ page }) => {
    await page.goto("/catalogue");
    const rows = page.getByTestId("solution-table").locator("tbody tr.ant-table-row");
    await expect(rows.first()).toBeVisible();
    await page.getByTestId("solution-search").fill("设备");
    await page.getByTestId("solution-search").press("Enter");
    await expect(page).toHaveURL(/q=/);
    await expect(rows.first()).toContainText("设备");
    await rows.first().getByTestId("solution-link").click();
    await expect(page.locator(".ant-drawer")).toContainText("参考案例");
  });

  test("an enterprise posts a demand, sees ranked solutions with reasons and shortlists one", async ({
    page,
  }) => {
    await loginAs(page, "enterprise");
    await page.goto("/demands");
    await page.getByTestId("demand-post").click();
    await page.getByTestId("demand-title").fill("设备联网与预测性维护（e2e）");
    await pickOption(page, "sceneIds", "S08 设备管理", { search: true });
    await pickOption(page, "sceneIds", "S07 质量管理", { search: true });
    await page.keyboard.press("Escape");
    await page.locator("#budgetWan").fill("3.1234567");
    await page.getByTestId("demand-submit").click();
    // Finer than 1 分: a Chinese message naming the field.
    await expect(page.locator(".ant-form-item-explain-error")).toContainText("预算");
    await page.locator("#budgetWan").fill("40");
    await page.getByTestId("demand-submit").click();
    await expect(page).toHaveURL(/\/demands\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("demand-title-text")).toHaveText("设备联网与预测性维护（e2e）");

    const items = page.getByTestId("match-item");
    await expect(items.first()).toBeVisible();
    const first = items.first();
    await expect(first.getByTestId("match-reason").first()).toContainText("覆盖需求场景");
    await expect(first.getByTestId("match-breakdown")).toContainText("行业经验");
    await expect(first.getByTestId("match-breakdown")).toContainText("预算匹配");
    const name = (await first.getByTestId("match-solution-name").textContent())?.trim() ?? "";
    await first.getByTestId("match-shortlist").click();
    await expect(first).toContainText("已加入意向");
    const leads = page.getByTestId("lead-table");
    await expect(leads).toContainText(name);
    await expect(leads).toContainText("已加入意向");

    // The enterprise detail page's 服务对接 tab lists the demand and how far it got.
    await page.getByTestId("user-menu").waitFor();
    await page.goto("/demands");
    await expect(page.getByTestId("demand-table")).toContainText("设备联网与预测性维护（e2e）");
    await expect(page.getByTestId("demand-table")).toContainText("已加入意向");
  });
});
