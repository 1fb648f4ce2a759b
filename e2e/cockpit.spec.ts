import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

/** Share of a canvas's pixels that are drawn (not transparent, not near-white background). */
function drawnShare(canvas: HTMLCanvasElement): number {
  const ctx = canvas.getContext("2d");
  if (!ctx || canvas.width === 0 || canvas.height === 0) return 0;
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  let drawn = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r = 255, g = 255, b = 255, a = 0] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
    if (a > 0 && (r < 245 || g < 245 || b < 245)) drawn++;
  }
  return drawn / (canvas.width * canvas.height);
}

test("city_admin lands on the 驾驶舱: KPI cards, a drawn district map, a district's view and back to 全市", async ({
  page,
}) => {
  await loginAs(page, "city_admin");
  await expect(page).toHaveURL(/\/cockpit$/);
  await expect(page.getByTestId("cockpit-title")).toHaveText("全市驾驶舱");

  // The cards are the API's indicators, in its order, named in Chinese.
  const api = (await (await page.request.get("/api/cockpit")).json()) as {
    cards: { indicator: { name: string } }[];
  };
  expect(api.cards.length).toBeGreaterThan(5);
  await expect(page.getByTestId("kpi-name")).toHaveText(api.cards.map((c) => c.indicator.name));
  for (const name of await page.getByTestId("kpi-name").allInnerTexts())
    expect(name).toMatch(/[\u4e00-\u9fa5]/);
  await expect(page.getByTestId("kpi-status").first()).toHaveText(/达标|滞后|预警|待设定|暂无数据/);

  // The district map is drawn: a good share of its canvas is coloured tiles, not background.
  const canvas = page.getByTestId("district-map").locator("canvas");
  await expect(canvas).toBeVisible();
  await expect.poll(() => canvas.evaluate(drawnShare), { timeout: 10_000 }).toBeGreaterThan(0.1);

  // A district from the ranking opens its own 驾驶舱, with the city's figures beside its own.
  const link = page.getByTestId("district-ranking").getByTestId("ranking-district").first();
  const district = (await link.innerText()).trim();
  expect(district).toMatch(/[\u4e00-\u9fa5]+区$/);
  await link.click();
  await expect(page).toHaveURL(/district=\d{6}/);
  await expect(page.getByTestId("cockpit-title")).toHaveText(`${district}驾驶舱`);
  await expect(page.getByTestId("cockpit-breadcrumb")).toContainText(district);
  await expect(page.getByTestId("kpi-city").first()).toContainText("全市");
  await expect(page.getByTestId("district-map")).toHaveCount(0);

  // The breadcrumb leads back to 全市.
  await page.getByTestId("cockpit-back-city").click();
  await expect(page).not.toHaveURL(/district=/);
  await expect(page.getByTestId("cockpit-title")).toHaveText("全市驾驶舱");
  await expect(page.getByTestId("district-map")).toBeVisible();
});

test("district_admin lands on its own district's 驾驶舱, with no map of the other districts", async ({
  page,
}) => {
  await loginAs(page, "district_admin");
  await expect(page).toHaveURL(/\/cockpit$/);
  await expect(page.getByTestId("cockpit-title")).toHaveText("滨海新区驾驶舱");
  await expect(page.getByTestId("kpi-card").first()).toBeVisible();
  await expect(page.getByTestId("kpi-city").first()).toContainText("全市");
  await expect(page.getByTestId("district-map")).toHaveCount(0);
  await expect(page.getByTestId("cockpit-breadcrumb")).toHaveCount(0);
});

test("a district's figure drills down to the projects behind it, which open and export", async ({ page }) => {
  await loginAs(page, "city_admin");
  await page.goto("/cockpit?district=120116");
  await expect(page.getByTestId("cockpit-title")).toHaveText("滨海新区驾驶舱");
  const card = page.locator('[data-testid="kpi-card"][data-indicator="projects-in-construction"]');
  await card.getByTestId("kpi-drill").click();

  await expect(page).toHaveURL(/\/cockpit\/drill\?.*indicator=projects-in-construction/);
  await expect(page).toHaveURL(/district=120116/);
  await expect(page.getByRole("heading", { name: "在建技改项目数 · 滨海新区明细名单" })).toBeVisible();
  // The list's rows are the figure's: its count is the table's total, every row in 滨海新区.
  const rows = Number((await page.getByTestId("drill-rows").innerText()).replaceAll(",", ""));
  expect(rows).toBeGreaterThan(0);
  await expect(page.getByTestId("drill-table")).toContainText(`共 ${rows} 条`);
  await expect(page.getByTestId("drill-basis")).toBeVisible();
  const districts = await page.getByTestId("drill-table").locator("tbody tr td:nth-child(3)").allInnerTexts();
  expect(districts.length).toBe(Math.min(rows, 20));
  expect(new Set(districts)).toEqual(new Set(["滨海新区"]));

  const download = page.waitForEvent("download");
  await page.getByTestId("drill-export").click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

  // A row opens its project.
  const first = page.getByTestId("drill-record").first();
  const name = (await first.innerText()).trim();
  await first.click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  await expect(page.getByText(name).first()).toBeVisible();
});
