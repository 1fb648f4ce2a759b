import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

test("a district user sees only its own district and cannot open another district's enterprise", async ({
  browser,
}) => {
  // City staff look up an enterprise of 和平区 (120101).
  const city = await browser.newPage();
  await loginAs(city, "city_admin");
  const res = await city.request.get("/api/enterprises?districtCode=120101&pageSize=1");
  const other = ((await res.json()) as { items: { id: string; name: string }[] }).items[0]!;
  const cityTotal = ((await (await city.request.get("/api/enterprises/stats")).json()) as { total: number })
    .total;
  await city.close();

  const page = await browser.newPage();
  await loginAs(page, "district_admin");
  await page.goto("/enterprises");
  const table = page.getByTestId("enterprise-table");
  await expect(table.locator("tbody tr.ant-table-row").first()).toBeVisible();
  const districts = await table.locator("tbody tr.ant-table-row td:nth-child(3)").allInnerTexts();
  expect(districts.length).toBeGreaterThan(5);
  expect(new Set(districts.map((d) => d.trim()))).toEqual(new Set(["滨海新区"]));

  // Searching another district's enterprise by name finds nothing.
  await page.getByTestId("enterprise-search").fill(other.name);
  await page.getByTestId("enterprise-search").press("Enter");
  await expect(table.getByText(other.name)).toHaveCount(0);

  // Opening it by address shows a Chinese "not found or not allowed" message, not its data.
  await page.goto(`/enterprises/${other.id}`);
  await expect(page.getByText("企业不存在或您无权查看")).toBeVisible();
  await expect(page.getByText(other.name)).toHaveCount(0);

  // The dashboard counts only the district too.
  const stats = (await (await page.request.get("/api/enterprises/stats")).json()) as {
    total: number;
    byDistrict: { districtCode: string }[];
  };
  expect(stats.total).toBeLessThan(cityTotal);
  expect(stats.byDistrict.map((d) => d.districtCode)).toEqual(["120116"]);
  await page.screenshot({ path: "test-results/district-isolation.png" });
});
