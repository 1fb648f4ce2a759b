import { expect, test } from "@playwright/test";
import { breakCheckChar, freshUscc, loginAs, pickOption } from "./fixtures";

test("city staff add an enterprise: a wrong USCC is refused with a Chinese message, a right one is saved", async ({
  page,
}) => {
  await loginAs(page, "city_admin");
  await page.goto("/enterprises");
  await page.getByTestId("enterprise-new").click();
  await expect(page.getByTestId("enterprise-form")).toBeVisible();

  const uscc = freshUscc("120116");
  const name = `天津端到端测试${Date.now() % 100000}智能装备有限公司`;
  await page.locator("#uscc").fill(breakCheckChar(uscc));
  await page.locator("#name").fill(name);
  await pickOption(page, "districtCode", "滨海新区", { search: true });
  await pickOption(page, "industryCode", "C34 通用设备制造业", { search: true });
  await page.getByRole("radio", { name: "是" }).first().check();
  await pickOption(page, "size", "中型");
  await page.getByTestId("enterprise-save").click();
  await expect(page.getByText("统一社会信用代码校验位（第18位）不正确，请核对后重新输入")).toBeVisible();
  await page.screenshot({ path: "test-results/enterprise-create-wrong-uscc.png" });

  // An already registered code passes the check digit but is refused by the server, under the field.
  const existing = await page.request.get("/api/enterprises?pageSize=1");
  const taken = ((await existing.json()) as { items: { uscc: string }[] }).items[0]!.uscc;
  await page.locator("#uscc").fill(taken);
  await page.getByTestId("enterprise-save").click();
  await expect(page.getByText(`统一社会信用代码 ${taken} 已登记，请勿重复添加`)).toBeVisible();

  await page.locator("#uscc").fill(uscc);
  await page.getByTestId("enterprise-save").click();
  await expect(page.getByTestId("enterprise-name")).toHaveText(name);
  await expect(page.getByText(uscc)).toBeVisible();

  // It is in the registry list and can be found by its code.
  await page.goto("/enterprises");
  await page.getByTestId("enterprise-search").fill(uscc);
  await page.getByTestId("enterprise-search").press("Enter");
  await expect(page.getByTestId("enterprise-table").getByText(name)).toBeVisible();
});
