import { expect, test } from "@playwright/test";
import { pageAs, pickOption } from "./fixtures";

test("an enterprise sees why it is not eligible for 技改 and the amount with steps for 设备更新", async ({
  browser,
}) => {
  const page = await pageAs(browser, "enterprise");
  await page.getByRole("menuitem", { name: "政策计算器" }).click();
  await pickOption(page, "projectType", "技术改造");
  await page.getByTestId("fact-totalInvestmentWan").fill("900");
  await page.getByTestId("fact-equipmentInvestmentWan").fill("600");
  await page.getByTestId("fact-softwareInvestmentWan").fill("100");
  await page.getByTestId("fact-approvedEquipmentInvestmentWan").fill("600");
  await page.getByTestId("calc-run").click();
  await expect(page.getByTestId("calc-reason-tj-city-tech-upgrade")).toHaveText(
    "不符合原因：项目总投资 900万元，低于 1,000万元门槛（需 ≥ 1,000万元）",
  );
  await expect(page.getByTestId("calc-amount-tj-city-equipment-renewal")).toHaveText("60万元");
  await expect(page.getByTestId("calc-steps-tj-city-equipment-renewal")).toContainText(
    "核定设备投资 600万元 × 10% = 60万元",
  );
  // 上云 is in the registry for this company; the 上云 spend is not, so the city policy waits for it.
  await expect(page.getByTestId("calc-missing")).toContainText("天津市工业企业上云资金支持");
  await page.context().close();
});

test("免申即享: the district sweeps and confirms, the enterprise confirms intent, the city pays", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const district = await pageAs(browser, "district_admin");
  const me = await district.request.get("/api/auth/me");
  expect(me.ok()).toBe(true);
  const ent = await pageAs(browser, "enterprise");
  const entMe = (await (await ent.request.get("/api/auth/me")).json()) as {
    enterpriseId: string;
    enterpriseName: string;
  };
  // Before the district confirms, the enterprise's 政策兑现 tab is empty.
  await ent.goto(`/enterprises/${entMe.enterpriseId}`);
  await ent.getByRole("tab", { name: "政策兑现" }).click();
  await expect(ent.getByTestId("policy-tab-empty")).toBeVisible();

  await district.goto("/policy-awards?policyId=demo-tj-cloud-award");
  await district.getByTestId("sweep-run").click();
  await expect(district.getByTestId("sweep-result")).toContainText("符合");
  await expect(district.getByTestId("pools")).toContainText("滨海新区数字化转型奖励资金");
  await district.getByTestId("award-search").locator("input").fill(entMe.enterpriseName);
  await district.getByTestId("award-search").locator("input").press("Enter");
  const row = district.getByTestId("award-table").locator("tbody tr", { hasText: entMe.enterpriseName });
  await expect(row).toHaveCount(1);
  await row.getByRole("button", { name: "区级确认" }).click();
  await district
    .locator(".ant-popconfirm:visible")
    .getByRole("button", { name: /确\s*定|OK/ })
    .click();
  await expect(row).toContainText("区级已确认，待企业确认");

  await ent.reload();
  await ent.getByRole("tab", { name: "政策兑现" }).click();
  const item = ent.getByTestId("policy-tab").locator(".ant-list-item").first();
  await expect(item).toContainText("（演示）天津市规上工业企业上云奖励");
  await expect(item).toContainText("5.00 万元");
  await item.getByRole("button", { name: "确认申领" }).click();
  await ent
    .locator(".ant-popconfirm:visible")
    .getByRole("button", { name: /确\s*定|OK/ })
    .click();
  await expect(item).toContainText("企业已确认，待拨付");

  const city = await pageAs(browser, "city_admin");
  await city.goto("/policy-awards?policyId=demo-tj-cloud-award&status=enterprise_confirmed");
  await city.getByTestId("award-search").locator("input").fill(entMe.enterpriseName);
  await city.getByTestId("award-search").locator("input").press("Enter");
  const cityTable = city.getByTestId("award-table");
  // The search refetches the list: wait until only the searched enterprise's award is left, so the click
  // lands on a row that will not be re-rendered away with its dialog.
  await expect(cityTable.locator("tbody tr.ant-table-row")).toHaveCount(1);
  const cityRow = cityTable.locator("tbody tr", { hasText: entMe.enterpriseName });
  await cityRow.getByRole("button", { name: "登记拨付" }).click();
  await city.locator("#voucherNo").fill("E2E-拨付-001");
  const payment = city.waitForResponse(
    (r) =>
      r.url().includes("/api/policy-awards/") &&
      r.url().endsWith("/payments") &&
      r.request().method() === "POST",
  );
  await city.locator("#pay-submit").click();
  expect((await payment).status(), "登记拨付请求应成功").toBe(201);
  await expect(city.getByText("已登记拨付")).toBeVisible();
  await city.goto("/policy-awards?policyId=demo-tj-cloud-award&status=paid");
  await expect(city.getByTestId("award-table")).toContainText(entMe.enterpriseName);
});
