import { type Browser, type BrowserContext, expect, test } from "@playwright/test";
import { day, PASSWORD } from "./fixtures";

/** A signed-in browser context (session cookie from the API), optionally in the English UI. */
async function signedIn(browser: Browser, username: string, lang: "zh-CN" | "en"): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript((l) => window.localStorage.setItem("dxc_lang", l), lang);
  const res = await context.request.post("/api/auth/login", { data: { username, password: PASSWORD } });
  expect(res.ok()).toBeTruthy();
  return context;
}

test("a step refused because the record moved on reads in the UI's language: English from the code, Chinese word for word", async ({
  browser,
}) => {
  // The enterprise applies and submits a project: it waits for the district's review.
  const ent = await signedIn(browser, "enterprise", "zh-CN");
  const created = await ent.request.post("/api/projects", {
    data: {
      name: "语言测试项目",
      type: "tech_upgrade",
      totalInvestmentWan: "300",
      plannedStartDate: day(30),
      plannedFinishDate: day(200),
    },
  });
  expect(created.status()).toBe(201);
  const { id, version } = (await created.json()) as { id: string; version: number };
  expect((await ent.request.post(`/api/projects/${id}/submit`, { data: { version } })).ok()).toBeTruthy();

  // Two district officers open it, one in English and one in Chinese, both see the review button.
  const en = await (await signedIn(browser, "district_admin", "en")).newPage();
  const zh = await (await signedIn(browser, "district_admin", "zh-CN")).newPage();
  for (const page of [en, zh]) {
    await page.goto(`/projects/${id}`);
    await expect(page.getByTestId("project-district-review")).toBeVisible();
  }

  // Meanwhile a colleague passes it on to the city's expert review.
  const current = (await (await ent.request.get(`/api/projects/${id}`)).json()) as { version: number };
  const passed = await zh.request.post(`/api/projects/${id}/district-review`, {
    data: { version: current.version, decision: "approve", opinion: "同意推荐" },
  });
  expect(passed.ok()).toBeTruthy();

  // Both stale pages try the review: the server refuses with STATE_CONFLICT {entity, status}.
  for (const page of [en, zh]) {
    await page.getByTestId("project-district-review").click();
    await page.getByTestId("project-district-opinion").fill("同意");
    await page.locator("#project-district-ok").click();
  }
  await expect(en.getByText("This step is not possible while the project is “Expert review”.")).toBeVisible();
  await expect(en.locator(".ant-message")).not.toContainText("当前");
  await expect(zh.locator(".ant-message")).toContainText("（当前：专家评审）");
});
