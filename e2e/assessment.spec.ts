import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { type InstrumentDef, loginAs, lowestAnswers } from "./fixtures";

test("an enterprise fills the MIIT 2024 self-assessment, submits it with the 真实性承诺 and sees its level", async ({
  page,
}) => {
  await loginAs(page, "enterprise");
  await page.goto("/assessments");
  await page.getByTestId("assessment-new").click();
  await page.locator("#instrumentId").click();
  await page
    .locator(".ant-select-dropdown:visible .ant-select-item-option")
    .filter({ hasText: "中小企业数字化水平评测" })
    .click();
  await page.getByTestId("assessment-create-ok").click();
  await expect(page).toHaveURL(/\/assessments\/[0-9a-f-]{36}$/);
  const id = page.url().split("/").pop()!;

  // Multi choice: "无" (A) excludes the others and the other way round.
  const f1 = page.getByTestId("question-F1");
  await page.getByTestId("option-F1-B").check();
  await page.getByTestId("option-F1-A").check();
  await expect(page.getByTestId("option-F1-B")).not.toBeChecked();
  await page.getByTestId("option-F1-C").check();
  await expect(page.getByTestId("option-F1-A")).not.toBeChecked();
  await expect(f1).toBeVisible();

  // Numeric inputs compute their ratio and band live.
  await page.getByTestId("input-F2-total").fill("20");
  await page.getByTestId("input-F2-digital").fill("7");
  await expect(page.getByTestId("ratio-F2")).toContainText("35.0%");
  await expect(page.getByTestId("ratio-F2")).toContainText("(20%,40%]");
  await expect(page.getByTestId("assessment-save-status")).toHaveAttribute("data-state", "saved", {
    timeout: 15_000,
  });

  // Evidence for F1: a PNG is accepted (checked by its bytes on the server) and listed.
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(200, 1),
  ]);
  await page
    .getByTestId("evidence-F1")
    .locator("input[type=file]")
    .setInputFiles({ name: "网络拓扑图.png", mimeType: "image/png", buffer: png });
  await expect(page.getByTestId("evidence-F1").getByTestId("evidence-file")).toHaveText("网络拓扑图.png");
  await page.screenshot({ path: "test-results/assessment-draft.png" });

  // The rest of the questionnaire is answered through the same API the page uses, keeping F1/F2.
  const detail = (await (await page.request.get(`/api/assessments/${id}`)).json()) as {
    version: number;
    instrumentVersion: string;
    answers: Record<string, unknown>;
  };
  const def = (await (
    await page.request.get(
      `/api/instruments/miit-2024-manufacturing?version=${encodeURIComponent(detail.instrumentVersion)}`,
    )
  ).json()) as InstrumentDef;
  const put = await page.request.put(`/api/assessments/${id}/answers`, {
    data: { answers: { ...lowestAnswers(def), ...detail.answers }, version: detail.version },
  });
  expect(put.status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("assessment-progress")).toHaveAttribute("data-percent", "100");

  await expect(page.getByTestId("assessment-submit")).toBeDisabled();
  await page.getByTestId("assessment-commitment").check();
  await page.getByTestId("assessment-submit").click();
  await page.locator(".ant-modal-confirm .ant-btn-primary").click();

  await expect(page.getByTestId("assessment-level")).toBeVisible();
  await expect(page.getByTestId("assessment-total")).toContainText("/ 100");
  await expect(page.getByTestId("assessment-improvements")).toBeVisible();
  await expect(page.getByTestId("assessment-status")).toContainText("已提交");
  await page.screenshot({ path: "test-results/assessment-result.png", fullPage: true });

  // "一企一策" report: the PDF download is a real PDF with a Chinese file name …
  const levelName = (await page.getByTestId("assessment-level").textContent())?.trim() ?? "";
  expect(levelName).not.toBe("");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("report-pdf").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^一企一策诊断报告-.+-\d{4}-\d{2}-\d{2}\.pdf$/);
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(pdf.length).toBeGreaterThan(10_000);
  // … and the HTML report opens in a new tab and shows the same level.
  const [report] = await Promise.all([page.waitForEvent("popup"), page.getByTestId("report-view").click()]);
  await expect(report.locator("h1")).toHaveText("“一企一策”数字化转型诊断报告");
  await expect(report.locator("[data-level]")).toHaveText(levelName);
  await expect(report.locator('[data-chart="radar"] svg')).toBeVisible();
  await report.screenshot({ path: "test-results/assessment-report.png", fullPage: true });
  await report.close();

  // Submitted answers are immutable.
  const after = (await (await page.request.get(`/api/assessments/${id}`)).json()) as { version: number };
  const change = await page.request.put(`/api/assessments/${id}/answers`, {
    data: { answers: {}, version: after.version },
  });
  expect(change.status()).toBe(409);
});
