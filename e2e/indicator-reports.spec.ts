import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { loginAs, pageAs } from "./fixtures";

const COVERAGE = "规上工业企业数字化改造覆盖率";

/**
 * 指标填报 from the Excel template: 滨海新区 (demo: its 2025 coverage figure still to fill, overdue)
 * downloads the template, fills the value in the workbook, uploads it (submitting the rows that pass),
 * the city approves it, and the 驾驶舱 shows the figure — 滨海新区's own, and the city's average now
 * that every district has reported.
 */
test("a district fills its task from the Excel template, the city approves, the 驾驶舱 shows the figure", async ({
  page,
  browser,
}) => {
  await loginAs(page, "district_admin");
  await page.getByRole("menuitem", { name: "指标填报" }).click();
  await expect(page.getByTestId("report-table")).toBeVisible();
  const row = page
    .getByTestId("report-table")
    .locator("tr", { hasText: COVERAGE })
    .filter({ has: page.getByRole("cell", { name: "2025", exact: true }) });
  await expect(row).toContainText("待填报");
  await expect(row).toContainText("逾期");
  await expect(page.getByTestId("report-overdue-count")).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("report-template").click(),
  ]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(await download.path())) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as string[]).slice(1);
  const line = [...Array(ws.rowCount).keys()]
    .map((i) => ws.getRow(i + 1))
    .find((r) => r.getCell(1).value === COVERAGE)!;
  expect(line.getCell(header.indexOf("单位") + 1).value).toBe("%");
  line.getCell(header.indexOf("填报值") + 1).value = 61.5;
  line.getCell(header.indexOf("说明") + 1).value = "区统计台账";
  const filled = Buffer.from(await wb.xlsx.writeBuffer());

  await page.getByTestId("report-upload").locator("..").locator("input[type=file]").setInputFiles({
    name: "指标填报.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: filled,
  });
  await expect(page.getByTestId("report-upload-result")).toContainText("提交 1 行");
  await expect(row).toContainText("待审核");
  await page.screenshot({ path: "test-results/indicator-reports-district.png", fullPage: true });

  const city = await pageAs(browser, "city_admin");
  await city.goto("/indicator-reports?status=submitted");
  const cityRow = city
    .getByTestId("report-table")
    .locator("tr", { hasText: COVERAGE })
    .filter({ hasText: "滨海新区" });
  await cityRow.getByTestId("report-open").click();
  const drawer = city.getByTestId("report-drawer");
  await expect(drawer).toContainText("61.5 %");
  await drawer.getByTestId("report-approve").click();
  await expect(drawer.getByTestId("report-state")).toHaveText("已通过");
  await city.screenshot({ path: "test-results/indicator-reports-city.png", fullPage: true });

  await city.goto("/cockpit?district=120116");
  const card = city.getByTestId("kpi-card").filter({ hasText: COVERAGE });
  await expect(card.getByTestId("kpi-value")).toContainText("61.5");
  // Every district has reported 2025 now: the city figure is their average (a stored figure).
  const api = (await (await city.request.get("/api/cockpit")).json()) as {
    cards: { indicator: { id: string }; figure: { value: number | null; origin: string } }[];
  };
  const cityFigure = api.cards.find((c) => c.indicator.id === "above-scale-retrofit-coverage")!.figure;
  expect(cityFigure.origin).toBe("snapshot");
  expect(cityFigure.value).not.toBeNull();
  await city.goto("/cockpit");
  await expect(
    city.getByTestId("kpi-card").filter({ hasText: COVERAGE }).getByTestId("kpi-value"),
  ).toContainText(String(cityFigure.value));
});
