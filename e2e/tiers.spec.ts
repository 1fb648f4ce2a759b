import { expect, test } from "@playwright/test";
import { day, pageAs } from "./fixtures";

/**
 * 梯度培育 in Chromium: the city opens a 先进级 round, the demo enterprise (holding 基础级 from the
 * demo's historical list) applies with the level's form, 滨海新区 recommends it, the city closes the
 * round, approves and publishes the 公示; anyone lodges an objection on the public page, the city
 * dismisses it. 认定 needs the notice to have ended (days later), so the certificate checked on the
 * public page is one the demo's recognised round issued.
 */
test("a 先进级 round: apply, recommend, decide, 公示 with an objection, and a certificate verified", async ({
  browser,
}) => {
  // Four actors and a dozen steps: more than the default minute on a loaded machine.
  test.setTimeout(180_000);
  const city = await pageAs(browser, "city_admin");
  const name = `E2E先进级智能工厂认定${Date.now() % 100000}`;
  const created = await city.request.post("/api/certification-rounds", {
    data: {
      name,
      programmeId: "smart-factory",
      levelId: "advanced",
      applyFrom: day(-1),
      applyTo: day(10),
      quotas: { "120116": 2 },
    },
  });
  expect(created.status()).toBe(201);
  const roundId = ((await created.json()) as { id: string }).id;
  await city.goto("/certification-rounds");
  await expect(city.getByTestId("round-table")).toContainText(name);

  // The enterprise applies with the level's form.
  const ent = await pageAs(browser, "enterprise");
  await ent.goto(`/certification-rounds/${roundId}`);
  await ent.getByTestId("round-apply").click();
  await ent.getByTestId("apply-factory-name").fill("智能装配车间");
  await ent.getByTestId("apply-scope").click();
  await ent.getByTitle("车间", { exact: true }).click();
  await ent.getByTestId("apply-scenes").fill("车间智能排产\n在线智能检测");
  await ent.getByTestId("apply-investment").fill("1200");
  await ent.getByTestId("apply-results").fill("人均产值提升30%");
  await ent.getByTestId("apply-contact").fill("张伟 13812345678");
  await ent.getByRole("button", { name: /确\s*定|OK/ }).click();
  await expect(ent.getByText("已提交申报")).toBeVisible();
  const rows = ent.getByTestId("round-applications");
  await expect(rows).toContainText("待区级推荐");

  // 滨海新区 recommends it (rank 1 of its quota).
  const district = await pageAs(browser, "district_admin");
  await district.goto(`/certification-rounds/${roundId}`);
  await district
    .getByTestId("round-applications")
    .locator("tbody tr")
    .first()
    .locator("button")
    .first()
    .click();
  await district.getByTestId("app-recommend").click();
  await district.getByRole("button", { name: /确\s*定|OK/ }).click();
  await expect(district.getByTestId("application-status")).toHaveText("已推荐");

  // The city closes applications, approves and publishes the 公示.
  await city.goto(`/certification-rounds/${roundId}`);
  await city.getByTestId("round-close").click();
  await expect(city.getByTestId("round-status")).toHaveText("评审中");
  await city.getByTestId("round-applications").locator("tbody tr").first().locator("button").first().click();
  await city.getByTestId("app-approve").click();
  await expect(city.getByTestId("application-status")).toHaveText("拟认定");
  await city.keyboard.press("Escape");
  await city.getByTestId("round-publish").click();
  await expect(city.getByTestId("round-status")).toHaveText("公示中");

  // Anyone objects on the public 公示 page; the city dismisses the objection.
  const anon = await (await browser.newContext()).newPage();
  await anon.goto("/open-tiers");
  const notice = anon.getByTestId("public-notice").filter({ hasText: name });
  await expect(notice).toContainText("公示中");
  await notice.getByTestId("public-object").first().click();
  await anon.getByTestId("objection-name").fill("王某");
  await anon.getByTestId("objection-contact").fill("13900000000");
  await anon.getByTestId("objection-content").fill("智能排产系统尚未上线");
  await anon.getByRole("button", { name: /确\s*定|OK/ }).click();
  await expect(anon.getByText("异议已提交")).toBeVisible();
  await city.reload();
  await city.getByTestId("round-applications").locator("tbody tr").first().locator("button").first().click();
  await city.getByTestId("objection-dismiss").click();
  await city.getByTestId("app-note").fill("经核查，排产系统已上线运行");
  await city.getByRole("button", { name: /确\s*定|OK/ }).click();
  await expect(city.getByText("异议不成立")).toBeVisible();

  // A certificate of the demo's recognised round verifies on the public page.
  const list = (await (await anon.request.get("/api/public/certification-notices")).json()) as {
    status: string;
    entries: { certificateNo: string | null }[];
  }[];
  const no = list.find((n) => n.status === "recognised")?.entries[0]?.certificateNo;
  expect(no).toBeTruthy();
  await anon.goto("/open-tiers/verify");
  await anon.getByTestId("verify-input").fill(no ?? "");
  await anon.getByTestId("verify-button").click();
  await expect(anon.getByTestId("verify-result")).toContainText("先进级");
  await expect(anon.getByTestId("verify-state")).toHaveText("有效");
  await anon.goto("/open-tiers/verify?no=NO-SUCH-0001");
  await expect(anon.getByTestId("verify-not-found")).toBeVisible();
});
