import { type Browser, expect, type Page, test } from "@playwright/test";
import { loginAs, pickOption } from "./fixtures";

const ORG = "天津智改数转咨询服务有限公司"; // the demo provider2 account's organisation (registered, not yet applied)
const FIELD = "服务商遴选评审"; // only the demo expert accounts have it

/** YYYY-MM-DD in Asia/Shanghai, `days` from today. */
const day = (days: number) =>
  new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

async function as(browser: Browser, username: string | null): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (username) await loginAs(page, username);
  return page;
}

async function scoreAs(browser: Browser, username: string) {
  const page = await as(browser, username);
  await page.goto("/my-reviews");
  // Other journeys may have left invitations (diagnosis teams, project reviews): take this one.
  const row = page.locator("tr", { hasText: ORG });
  await row.getByTestId("invite-accept").click();
  await expect(row.getByTestId("invite-score")).toBeVisible();
  await row.getByTestId("invite-score").click();
  await expect(page.getByTestId("score-sheet")).toBeVisible();
  const points = { qualification: 13, capability: 21, cases: 20, team: 12, service: 8, price: 8 };
  for (const [k, v] of Object.entries(points)) await page.getByTestId(`score-${k}`).fill(String(v));
  await expect(page.getByTestId("score-total")).toHaveText("82");
  await page.getByTestId("score-comment").fill("资质齐全，案例成效可量化，建议入库。");
  await page.getByTestId("score-submit").click();
  await expect(page.getByText("打分表已提交")).toBeVisible();
  await page.context().close();
}

test("a provider applies, the city draws experts, experts score, the notice is published, the provider is admitted", async ({
  browser,
}) => {
  test.setTimeout(240_000);

  // 1. The provider applies from 我的机构.
  const provider = await as(browser, "provider2");
  await provider.goto("/my-organization");
  await expect(provider.getByText(ORG).first()).toBeVisible();
  await provider.getByTestId("provider-apply").click();
  await pickOption(provider, "category", "系统解决方案");
  await provider.getByTestId("apply-statement").fill("本机构申请加入服务商资源池，承诺所报材料真实有效。");
  await provider.getByTestId("apply-submit").click();
  await expect(provider.getByText("入库申请已提交")).toBeVisible();
  await expect(provider.getByText("待评审")).toBeVisible();

  // 2. The city opens the review and draws two experts with the field.
  const city = await as(browser, "city_admin");
  await city.goto("/pool-review");
  await city.getByTestId("application-link").filter({ hasText: ORG }).first().click();
  await city.getByTestId("open-review").click();
  await expect(city.getByTestId("draw-form")).toBeVisible();
  await city.getByTestId("draw-n").fill("2");
  const fields = city.locator("#fields");
  await fields.click();
  await fields.fill(FIELD);
  await fields.press("Enter");
  await city.keyboard.press("Escape");
  await city.getByTestId("draw-submit").click();
  await expect(city.getByText("已随机抽取专家并发出邀请")).toBeVisible();
  // 评审专家 sat on diagnosis teams with this provider's account: avoided (近期服务回避).
  await expect(city.getByRole("cell", { name: "评审专家二", exact: true })).toBeVisible();
  await expect(city.getByRole("cell", { name: "评审专家三", exact: true })).toBeVisible();
  const applicationUrl = city.url();

  // The draw is recorded with its seed and re-runs identically.
  await city.getByTestId("draw-record-link").first().click();
  await expect(city.getByTestId("draw-seed")).toHaveText(/^[0-9a-f]{32}/);
  await expect(city.getByText("同单位、申报利益冲突一律回避")).toBeVisible();
  await expect(city.getByRole("row").filter({ hasText: "评审专家（天津大学）" })).toContainText(
    "近期服务回避",
  );
  await city.getByTestId("draw-verify").click();
  await expect(city.getByTestId("draw-verify-result")).toContainText("复核一致");

  // 3. Both experts accept and score.
  await scoreAs(browser, "expert2");
  await scoreAs(browser, "expert3");

  // 4. The city decides to admit; the notice is published.
  await city.goto(applicationUrl);
  await expect(city.getByTestId("average-score")).toHaveText("82");
  await city.getByTestId("decision-reason").fill("专家评审平均 82 分，同意拟入库并公示。");
  await city.getByTestId("decision-submit").click();
  await expect(city.getByText("已决定拟入库，公示已发布")).toBeVisible();
  await expect(city.getByText("公示中").first()).toBeVisible();

  // 5. The public sees the notice and files an objection without signing in.
  const visitor = await as(browser, null);
  await visitor.goto("/notices");
  const row = visitor.getByRole("row").filter({ hasText: ORG });
  await expect(row).toBeVisible();
  await row.getByTestId("objection-open").click();
  await visitor.getByTestId("objection-content").fill("该机构所报某案例的客户是否属实，请予核实。");
  await visitor.getByTestId("objection-phone").fill("13800138000");
  await visitor.getByTestId("objection-submit").click();
  await expect(visitor.getByText("异议已提交")).toBeVisible();

  // 6. The city dismisses it; after the notice period (demo clock) admits the provider.
  await city.reload();
  await city.getByTestId("objection-note").fill("经核实案例属实，异议不成立");
  await city.getByTestId("objection-dismiss").click();
  await expect(city.getByText("已驳回异议")).toBeVisible();
  await city.getByTestId("admit").click();
  await expect(city.getByText(/期满后方可认定入库/)).toBeVisible();
  await city.context().setExtraHTTPHeaders({ "x-dxc-today": day(7) });
  await city.reload();
  await city.getByTestId("admit").click();
  await expect(city.getByText("已认定入库")).toBeVisible();
  await expect(city.getByText("已入库").first()).toBeVisible();

  // The provider is in the public pool now.
  await provider.goto("/providers?q=智改数转");
  await expect(provider.getByTestId("provider-link").filter({ hasText: ORG })).toBeVisible();
  await provider.goto("/my-organization");
  await expect(provider.getByText("已入库").first()).toBeVisible();
  // …and on the public pool page (no sign-in).
  await visitor.goto("/provider-pool");
  await visitor.getByTestId("provider-search").locator("input").fill("智改数转");
  await visitor.getByTestId("provider-search").locator("input").press("Enter");
  await expect(visitor.getByRole("cell", { name: ORG })).toBeVisible();
});
