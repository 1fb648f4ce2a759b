import { type Browser, expect, type Page, test } from "@playwright/test";
import { loginAs } from "./fixtures";

async function as(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginAs(page, username);
  return page;
}
/** YYYY-MM-DD in Asia/Shanghai, `days` from today. */
const day = (days: number) =>
  new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

async function pickDate(page: Page, id: string, value: string) {
  const input = page.locator(`#${id}`);
  await input.click();
  await input.fill(value);
  // Not Enter: inside a form, Enter submits it. Tab commits the typed date and closes the panel.
  await input.press("Tab");
  await expect(input).toHaveValue(value);
}

test("an enterprise applies for a project; district review, expert review, approval with the computed subsidy, 开工 and a tranche paid", async ({
  browser,
}) => {
  test.setTimeout(420_000);
  const name = `智能产线技术改造项目${Date.now() % 100000}`;

  // The enterprise applies in 万元 and submits.
  const ent = await as(browser, "enterprise");
  await ent.getByRole("menuitem", { name: "技改项目库" }).click();
  await expect(ent.getByTestId("project-table")).toBeVisible();
  await ent.getByTestId("project-apply").click();
  await ent.getByTestId("project-name").fill(name);
  await ent.getByTestId("project-total").fill("1500");
  await ent.getByTestId("project-equipment").fill("800");
  await ent.getByTestId("project-software").fill("200");
  await pickDate(ent, "plannedStartDate", day(20));
  await pickDate(ent, "plannedFinishDate", day(380));
  await ent.getByTestId("project-outcomes").fill("关键工序数控化率提升至 90%");
  await ent.getByTestId("project-save").click();
  await expect(ent.getByTestId("project-title")).toHaveText(name);
  await expect(ent.getByTestId("project-total-wan")).toHaveText("1,500.00");
  await ent.getByTestId("project-submit").click();
  await expect(ent.getByTestId("project-status").first()).toHaveText("区级初审");
  const url = ent.url();

  // 滨海新区 approves it to the city.
  const district = await as(browser, "district_admin");
  await district.goto(url);
  await district.getByTestId("project-district-review").click();
  await district.getByTestId("project-district-opinion").fill("材料齐全，同意报市级评审");
  await district.locator("#project-district-ok").click();
  await expect(district.getByTestId("project-status").first()).toHaveText("专家评审");

  // The city draws the reviewer at random (回避 leaves out experts who served this enterprise).
  const city = await as(browser, "city_admin");
  await city.goto(url);
  await city.getByTestId("draw-open").click();
  await city.getByTestId("draw-n").fill("1");
  await city
    .getByTestId("draw-form")
    .getByLabel(/近期同组回避/)
    .fill("0");
  await city.getByTestId("draw-submit").click();
  await expect(city.getByTestId("draw-record-link")).toBeVisible();
  await expect(city.getByTestId("project-reviews")).toContainText("评审专家");
  const projectId = url.split("/").pop()!;
  const drawn = (await (await city.request.get(`/api/projects/${projectId}`)).json()) as {
    reviews: { stage: string; reviewerName: string }[];
  };
  const reviewer = drawn.reviews.find((r) => r.stage === "expert")!.reviewerName;
  const login = { 评审专家: "expert", 评审专家二: "expert2", 评审专家三: "expert3" }[reviewer];
  expect(login, reviewer).toBeDefined();

  // The drawn expert sees it among their reviews and scores it.
  const expert = await as(browser, login!);
  await expert.getByRole("menuitem", { name: "项目评审" }).click();
  await expect(expert.getByTestId("project-table")).toContainText(name);
  await expert.getByRole("link", { name }).click();
  for (const [id, v] of [
    ["necessity", 18],
    ["technology", 22],
    ["feasibility", 18],
    ["benefit", 22],
    ["capability", 9],
  ] as const)
    await expert.getByTestId(`score-${id}`).fill(String(v));
  await expect(expert.getByTestId("project-score-form")).toContainText("合计：89 / 100");
  await expert.getByTestId("score-opinion").fill("技术方案先进，效益测算合理");
  await expert.getByTestId("score-submit").click();
  await expect(expert.getByTestId("project-reviews")).toContainText("89 分");

  // The city sees every project policy with its steps and approves with the computed subsidy.
  await city.reload();
  const techUpgrade = city.getByTestId("subsidy-policy-tj-city-tech-upgrade");
  await expect(techUpgrade).toContainText("享受");
  await expect(techUpgrade).toContainText("100.00 万元");
  await expect(city.getByTestId("subsidy-policy-tj-city-equipment-renewal")).toContainText("不重复享受");
  await city.getByTestId("decision-opinion").fill("同意立项");
  await city.getByTestId("decision-approve").click();
  await expect(city.getByTestId("project-status").first()).toHaveText("已立项");
  await expect(city.getByTestId("project-approved-amount")).toContainText("100.00");
  await expect(city.getByTestId("project-formula")).toContainText("10%");

  // The enterprise reports 开工; the first tranche becomes payable and the city pays it once.
  await ent.reload();
  await ent.getByTestId("report-submit").click();
  await expect(ent.getByTestId("project-status").first()).toHaveText("建设中");
  await ent.getByTestId("report-percent").fill("30");
  await ent.getByTestId("report-invested").fill("450");
  await ent.getByTestId("report-submit").click();
  await expect(ent.getByTestId("project-reports")).toContainText("450.00");
  await city.reload();
  await city.getByTestId("tranche-pay-1").click();
  await expect(city.getByTestId("tranche-paid")).toBeVisible();
  await expect(city.getByTestId("project-tranches")).toContainText("竣工验收后");
  await ent.reload();
  await expect(ent.getByTestId("tranche-paid")).toBeVisible();
});

test("the department sees only its coordination tasks and answers one", async ({ browser }) => {
  const dep = await as(browser, "department");
  await dep.getByRole("menuitem", { name: "协同任务" }).click();
  await expect(dep.getByTestId("task-table")).toContainText("协调新增厂房用地指标");
  await dep.getByTestId("task-answer").first().click();
  await dep.locator(".ant-modal textarea").fill("已纳入年度用地计划，正在办理");
  await dep.getByRole("button", { name: /确\s*定|OK/ }).click();
  await expect(dep.getByTestId("task-table")).toContainText("已纳入年度用地计划");
});

test("竣工验收 sends a project back for rectification with a reason; reported complete again, it is accepted", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const d = await as(browser, "district_admin");
  await d.goto("/projects?status=acceptance");
  await d.getByTestId("project-table").getByRole("link", { name: "工业互联网平台建设项目" }).click();
  await expect(d.getByTestId("project-status").first()).toHaveText("待竣工验收");
  await d.getByTestId("rectify-open").click();
  await d.locator("#project-rectify-ok").click();
  await expect(d.getByText("请填写退回整改的原因")).toBeVisible();
  await d.getByTestId("rectify-reason").fill("消防验收资料不全，请补充后重新报告竣工");
  await d.locator("#project-rectify-ok").click();
  await expect(d.getByTestId("project-status").first()).toHaveText("建设中");
  await expect(d.getByTestId("project-rectify-alert")).toContainText(
    "消防验收资料不全，请补充后重新报告竣工",
  );
  await expect(d.getByTestId("project-reviews")).toContainText("退回整改");

  // Reported complete again (the bureau may report for the enterprise), then accepted.
  await d.getByTestId("project-report-form").locator(".ant-select").first().click();
  await d
    .locator(".ant-select-dropdown:visible .ant-select-item-option")
    .filter({ hasText: /^竣工$/ })
    .click();
  await d.getByTestId("report-invested").fill("550");
  await d.getByTestId("report-submit").click();
  await expect(d.getByTestId("project-status").first()).toHaveText("待竣工验收");
  await expect(d.getByTestId("project-rectify-alert")).toBeHidden();
  await d.getByTestId("accept-submit").click();
  await expect(d.getByTestId("project-status").first()).toHaveText("已竣工验收");
});
