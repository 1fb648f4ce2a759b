import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { day, freshUscc, type InstrumentDef, lowestAnswers, pageAs, pickOption } from "./fixtures";

test("a district schedules an on-site diagnosis, the expert records verified answers beside the self-reported ones and closes it", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const def = JSON.parse(
    readFileSync("packages/db/instruments/miit-2024-manufacturing.json", "utf8"),
  ) as InstrumentDef;

  // The enterprise has a submitted self-assessment claiming 全覆盖 (10 points) for F5.
  const ent = await pageAs(browser, "enterprise");
  const created = await ent.request.post("/api/assessments", {
    data: { instrumentId: "miit-2024-manufacturing" },
  });
  expect(created.status()).toBe(201);
  const draft = (await created.json()) as { id: string; version: number };
  const saved = await ent.request.put(`/api/assessments/${draft.id}/answers`, {
    data: {
      answers: { ...lowestAnswers(def), F5: { kind: "single", optionId: "E" } },
      version: draft.version,
    },
  });
  expect(saved.status()).toBe(200);
  const submitted = await ent.request.post(`/api/assessments/${draft.id}/submit`, {
    data: { commitment: true, version: ((await saved.json()) as { version: number }).version },
  });
  expect(submitted.status()).toBe(200);

  // 1. The enterprise asks its district for a diagnosis.
  await ent.goto("/diagnoses");
  await ent.getByTestId("diagnosis-request").click();
  await ent.getByTestId("diagnosis-request-note").fill("希望诊断信息系统覆盖情况");
  await ent.getByTestId("diagnosis-request-ok").click();
  await expect(ent).toHaveURL(/\/diagnoses\/[0-9a-f-]{36}$/);
  const diagnosisUrl = new URL(ent.url()).pathname;
  await expect(ent.getByTestId("diagnosis-status")).toHaveText("待纳入计划");
  const enterpriseName = (await ent.getByTestId("diagnosis-enterprise").textContent())!.trim();

  // 2. The district creates a plan, schedules the visit and assigns the expert.
  const district = await pageAs(browser, "district_admin");
  await district.goto("/diagnoses?tab=plans");
  await district.getByTestId("plan-new").click();
  await district.getByTestId("plan-name").fill("E2E 第四季度现场诊断");
  await district.locator("#period").click();
  await district.locator("#period").fill(day(-5));
  await district.locator(".ant-picker-range input").nth(1).fill(day(30));
  await district.locator(".ant-picker-range input").nth(1).press("Enter");
  await district.getByTestId("plan-save").click();
  await expect(district.getByTestId("plans-tab")).toContainText("E2E 第四季度现场诊断");

  await district.goto(diagnosisUrl);
  await expect(district.getByTestId("diagnosis-status")).toHaveText("待纳入计划");
  await district.getByTestId("action-schedule").click();
  await pickOption(district, "planId", `E2E 第四季度现场诊断（${day(-5)} 至 ${day(30)}）`);
  await district.locator("#visitDate").fill(day(3));
  // Tab, not Enter: inside the form Enter can submit before the typed date is committed.
  await district.locator("#visitDate").press("Tab");
  await expect(district.locator("#visitDate")).toHaveValue(day(3));
  await district.getByTestId("schedule-ok").click();
  await expect(district.getByTestId("diagnosis-status")).toHaveText("已排期");
  await expect(district.getByTestId("diagnosis-visit-date")).toHaveText(day(3));

  await district.getByTestId("action-assign").click();
  const members = district.getByTestId("team-members");
  // Pick again if a click landed while the list was still opening (a loaded CI machine); a pick that
  // did take is not clicked again (that would take it back out of the multiple select).
  await expect(async () => {
    if ((await members.textContent())?.includes("评审专家")) return;
    await members.click();
    await district
      // The demo `expert` account (评审专家二/三 are other pool members).
      .locator('.ant-select-dropdown:visible .ant-select-item-option[title="评审专家（天津大学）"]')
      .click({ timeout: 5_000 });
    await expect(members).toContainText("评审专家", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await district.keyboard.press("Escape");
  await district.getByTestId("team-ok").click();
  await expect(district.getByTestId("diagnosis-team")).toContainText("评审专家");

  // 3. The expert sees the assignment, starts the on-site assessment and finds F5 is only 单个业务环节.
  const expert = await pageAs(browser, "expert");
  await expert.goto("/diagnoses");
  await expert.getByTestId("diagnosis-link").filter({ hasText: enterpriseName }).click();
  await expect(expert).toHaveURL(new RegExp(`${diagnosisUrl}$`));
  await expert.getByTestId("action-start").click();
  await expert.locator(".ant-modal-confirm .ant-btn-primary").click();
  await expect(expert).toHaveURL(/\/assessments\/[0-9a-f-]{36}$/);
  await expect(expert.getByTestId("assessment-kind")).toHaveText("现场评定");
  const f5 = expert.getByTestId("question-F5");
  await expect(expert.getByTestId("reported-F5")).toContainText("企业自评：全覆盖");
  await expect(f5).toHaveAttribute("data-differs", "false");
  await expert.getByTestId("option-F5-B").check();
  await expect(f5).toHaveAttribute("data-differs", "true");
  await expect(expert.getByTestId("reported-F5")).toContainText("与自评不一致");
  await expect(expert.getByTestId("assessment-save-status")).toHaveAttribute("data-state", "saved");
  await expert.getByTestId("assessment-commitment").check();
  await expert.getByTestId("assessment-submit").click();
  await expert.locator(".ant-modal-confirm .ant-btn-primary").click();
  await expect(expert.getByTestId("assessment-status")).toHaveText("已提交");

  // 4. The diagnosis shows the difference; the expert writes the opinion and closes it.
  await expert.getByTestId("assessment-diagnosis-link").click();
  await expect(expert.getByTestId("diagnosis-status")).toHaveText("待出具意见");
  const diff = expert.getByTestId("diagnosis-differences");
  await expect(diff).toContainText("F5");
  await expect(diff).toContainText("全覆盖");
  await expect(diff).toContainText("单个业务环节");
  await expect(diff).toContainText("-7.5");
  await expert.getByTestId("action-close").click();
  await expert
    .getByTestId("close-conclusion")
    .fill("信息系统仅覆盖单个业务环节，建议优先部署ERP并打通生产数据。");
  await expert.getByTestId("close-ok").click();
  await expect(expert.getByTestId("diagnosis-status")).toHaveText("已办结");

  // 5. The enterprise sees the verified score and the opinion.
  await ent.reload();
  await expect(ent.getByTestId("diagnosis-status")).toHaveText("已办结");
  await expect(ent.getByTestId("diagnosis-conclusion")).toContainText("建议优先部署ERP");
  await expect(ent.getByTestId("diagnosis-onsite-total")).toHaveText("2.5 / 100 分");
  await expect(ent.getByTestId("diagnosis-self-total")).toHaveText("10 / 100 分");

  // 6. The plan shows the progress to the district.
  await district.goto("/diagnoses?tab=plans");
  await expect(
    district.getByRole("row").filter({ hasText: "E2E 第四季度现场诊断" }).getByTestId("plan-progress"),
  ).toContainText("1/1");
});

test("district staff ask for a diagnosis from the enterprise's 评估诊断 tab and then see it there", async ({
  browser,
}) => {
  const page = await pageAs(browser, "district_admin");
  const created = await page.request.post("/api/enterprises", {
    data: {
      uscc: freshUscc("120116"),
      name: `天津申请诊断${Date.now() % 100000}号机械有限公司`,
      districtCode: "120116",
      industryCode: "C34",
      aboveScale: true,
      size: "medium",
      srdiTier: "none",
      annual: [],
      tags: [],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const e = (await created.json()) as { id: string; name: string };

  await page.goto(`/enterprises/${e.id}`);
  await page.getByRole("tab", { name: "评估诊断" }).click();
  await expect(page).toHaveURL(/\?tab=assessment$/);
  await expect(page.getByTestId("enterprise-open-diagnosis")).toHaveCount(0);
  await page.getByTestId("enterprise-diagnosis-request").click();
  // The enterprise is the one on the page: no picker.
  await expect(page.getByTestId("diagnosis-enterprise-picker")).toHaveCount(0);
  await page.getByTestId("diagnosis-request-note").fill("企业来电希望诊断设备联网");
  await page.getByTestId("diagnosis-request-ok").click();
  await expect(page).toHaveURL(/\/diagnoses\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("diagnosis-enterprise")).toHaveText(e.name);
  await expect(page.getByTestId("diagnosis-status")).toHaveText("待纳入计划");

  // The tab is in the URL: opening the link lands on it directly.
  await page.goto(`/enterprises/${e.id}?tab=assessment`);
  await expect(page.getByRole("tab", { name: "评估诊断" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("enterprise-open-diagnosis")).toContainText("待纳入计划");
  await expect(page.getByTestId("enterprise-diagnosis-request")).toHaveCount(0);
  await expect(page.getByTestId("diagnosis-link")).toHaveCount(1);
});
