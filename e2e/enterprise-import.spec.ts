import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { COLUMNS } from "../apps/server/src/modules/enterprises/enterprise-excel";
import { breakCheckChar, freshUscc, loginAs } from "./fixtures";

async function workbook(rows: Record<string, string | number>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("企业信息");
  ws.addRow(COLUMNS.map((c) => c.header));
  for (const r of rows) ws.addRow(COLUMNS.map((c) => r[c.key] ?? ""));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test("district staff import an xlsx with good and bad rows, see progress, the report and the list", async ({
  page,
}) => {
  const stamp = Date.now() % 100000;
  const good = [
    { uscc: freshUscc("120116"), name: `天津导入甲${stamp}科技有限公司` },
    { uscc: freshUscc("120116"), name: `天津导入乙${stamp}机械有限公司` },
  ];
  const base = {
    district: "滨海新区",
    industry: "C34",
    aboveScale: "是",
    size: "小型",
    year: 2025,
    revenueWan: 1234.5,
  };
  const file = await workbook([
    { ...base, ...good[0]! },
    { ...base, uscc: breakCheckChar(freshUscc("120116")), name: `天津导入坏码${stamp}有限公司` },
    { ...base, ...good[1]! },
    { ...base, uscc: freshUscc("120101"), name: `天津导入外区${stamp}有限公司`, district: "和平区" },
  ]);

  await loginAs(page, "district_admin");
  await page.goto("/import");
  await page.getByTestId("import-upload").locator("input[type=file]").setInputFiles({
    name: "企业导入.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: file,
  });
  const progress = page.locator("[data-testid=import-progress]");
  await expect(progress).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  await expect(progress).toHaveAttribute("data-progress", "100");
  await expect(page.locator(".ant-progress")).toBeVisible();

  const summary = page.getByTestId("import-summary");
  await expect(summary).toContainText("新增");
  await expect(summary).toContainText("2");
  const errors = page.getByTestId("import-errors");
  await expect(errors).toContainText("统一社会信用代码校验位");
  await expect(errors).toContainText("不在您管辖的区");
  await page.screenshot({ path: "test-results/enterprise-import-done.png", fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("import-report-download").click(),
  ]);
  const report = new ExcelJS.Workbook();
  await report.xlsx.load((await readFile(await download.path())) as unknown as ExcelJS.Buffer);
  const sheet = report.getWorksheet("错误明细")!;
  const rows = sheet.getSheetValues().slice(2) as unknown[][];
  expect(rows.map((r) => r[1])).toEqual([3, 5]); // spreadsheet row numbers (header is row 1)

  await page.goto(`/enterprises?q=${encodeURIComponent(`${stamp}`)}`);
  for (const g of good) await expect(page.getByTestId("enterprise-table").getByText(g.name)).toBeVisible();
  await expect(page.getByTestId("enterprise-table").getByText(`天津导入外区${stamp}有限公司`)).toHaveCount(0);
});
