import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

/** The PDF's document title (Chromium writes it as UTF-16BE hex: /Title <FEFF…>). */
function pdfTitle(pdf: Buffer): string {
  const m = /\/Title\s*(?:<FEFF([0-9A-Fa-f]*)>|\(([^)]*)\))/.exec(pdf.toString("latin1"));
  if (!m) return "";
  if (m[2] !== undefined) return m[2];
  return Buffer.from(m[1]!, "hex").swap16().toString("utf16le");
}

test("city_admin generates the monthly briefing, previews it and downloads the PDF as issued", async ({
  page,
}) => {
  await loginAs(page, "city_admin");
  await page.goto("/briefings");
  await expect(page.getByRole("heading", { name: "月度工作简报" })).toBeVisible();

  // The newest closed month is offered first (the demo has a year of snapshots).
  const periods = (await (await page.request.get("/api/briefings/periods")).json()) as { period: string }[];
  expect(periods.length).toBeGreaterThanOrEqual(12);
  const period = periods[0]!.period;
  await expect(page.getByTestId("briefing-period")).toContainText(period);

  await page.getByTestId("briefing-generate").click();
  // While it runs the page says so; then the issued version opens in the page.
  const frame = page.frameLocator('[data-testid="briefing-frame"]');
  const [y, m] = period.split("-");
  await expect(frame.locator("h1")).toHaveText(`${y}年${Number(m)}月数字化转型监测工作简报`, {
    timeout: 45_000,
  });
  await expect(frame.getByText("主要指标完成情况")).toBeVisible();
  // The warnings centre is plugged in: the section counts the month's warnings (none is invented).
  await expect(frame.getByText(/本月新发预警：红色 \d+ 条/)).toBeVisible();
  await expect(frame.getByText("预警模块未启用，本期简报不含预警统计。")).toHaveCount(0);
  await expect(frame.locator("svg").first()).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("briefing-preview-pdf").click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${y}年${Number(m)}月数字化转型监测工作简报-第1版.pdf`);
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(pdfTitle(pdf)).toContain(period);
  expect(pdfTitle(pdf)).toContain("数字化转型监测工作简报");

  // The list shows the issued version 1 of the month, newest first.
  await page.keyboard.press("Escape");
  const row = page.getByTestId("briefing-table").locator("tr", { hasText: period }).first();
  await expect(row).toContainText("第 1 版");
  await expect(row.getByTestId("briefing-status")).toHaveText("已印发");
});
