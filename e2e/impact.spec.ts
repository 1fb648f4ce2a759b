import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

/** The demo city has seeded MIIT self-assessments (T0 about a year ago, T1 recently for most). */
test("city staff open 成效分析: coverage per district against the target, then the cohort tab", async ({
  page,
}) => {
  await loginAs(page, "city_admin");
  await page.getByRole("menuitem", { name: "成效分析" }).click();
  await expect(page).toHaveURL(/\/impact$/);

  // Coverage: the plan from the target file, one row per district, a progress bar each, the city total.
  await expect(page.getByTestId("coverage-plan")).toContainText("2025—2029年");
  const table = page.getByTestId("coverage-table");
  await expect(table.locator("tbody tr.ant-table-row")).toHaveCount(16);
  const binhai = table.locator("tbody tr.ant-table-row", { hasText: "滨海新区" });
  await expect(binhai.getByTestId("coverage-progress")).toBeVisible();
  await expect(table.locator(".ant-table-summary")).toContainText("全市合计");
  const coverage = (await (await page.request.get("/api/impact/coverage")).json()) as {
    city: { diagnosed: number; aboveScale: number };
  };
  expect(coverage.city.diagnosed).toBeGreaterThan(0);
  await expect(table.locator(".ant-table-summary td").nth(3)).toHaveText(String(coverage.city.diagnosed));
  await page.screenshot({ path: "test-results/impact-coverage.png", fullPage: true });

  // An earlier year is before the campaign: no target is due yet.
  await page.getByTestId("coverage-year").click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "2024年" }).click();
  await expect(page).toHaveURL(/year=2024/);
  await expect(table.locator(".ant-table-summary td").nth(5)).toHaveText("0");

  // Cohorts: average change per district, with the chart and the city row.
  await page.getByTestId("impact-tab-cohorts").click();
  await expect(page).toHaveURL(/tab=cohorts/);
  const cohorts = page.getByTestId("cohort-table");
  await expect(cohorts.locator("tbody tr.ant-table-row", { hasText: "滨海新区" })).toBeVisible();
  await expect(page.getByTestId("cohort-overall")).toContainText("全市合计");
  const api = (await (await page.request.get("/api/impact/cohorts")).json()) as {
    overall: { n: number; avgDelta: number };
  };
  expect(api.overall.n).toBeGreaterThan(10);
  await expect(page.getByTestId("cohort-overall").locator("td").nth(1)).toHaveText(String(api.overall.n));
  await expect(page.locator("canvas").first()).toBeVisible();
  await page.screenshot({ path: "test-results/impact-cohorts.png", fullPage: true });

  // By provider: groups named after the provider organisations of verified/closed diagnoses.
  await page.getByTestId("cohort-groupby").getByText("按诊断服务商").click();
  await expect(page).toHaveURL(/groupBy=provider/);
  await expect(cohorts.locator("thead")).toContainText("诊断服务商");
  const byProvider = (await (await page.request.get("/api/impact/cohorts?groupBy=provider")).json()) as {
    groups: { name: string; n: number }[];
  };
  if (byProvider.groups.length > 0)
    await expect(cohorts.locator("tbody tr.ant-table-row").first()).toContainText(byProvider.groups[0]!.name);
  else await expect(page.getByTestId("cohort-chart-empty")).toBeVisible();
  await expect(page.getByTestId("cohort-overall").locator("td").nth(1)).toHaveText(String(api.overall.n));
  await page.screenshot({ path: "test-results/impact-cohorts-provider.png", fullPage: true });
});

test("district staff see only their district; an enterprise's T0 → T1 shows on its 评估诊断 tab", async ({
  page,
}) => {
  await loginAs(page, "district_admin");
  await page.goto("/impact");
  const table = page.getByTestId("coverage-table");
  await expect(table.locator("tbody tr.ant-table-row")).toHaveCount(1);
  await expect(table.locator("tbody tr.ant-table-row")).toContainText("滨海新区");
  await expect(table.locator(".ant-table-summary")).toHaveCount(0);

  // Find a 滨海新区 enterprise with two submitted assessments.
  const list = (await (
    await page.request.get("/api/assessments?status=submitted&pageSize=200&sort=submittedAt&order=asc")
  ).json()) as { items: { enterpriseId: string }[] };
  const counts = new Map<string, number>();
  for (const a of list.items) counts.set(a.enterpriseId, (counts.get(a.enterpriseId) ?? 0) + 1);
  const id = [...counts].find(([, n]) => n >= 2)?.[0];
  expect(id).toBeTruthy();
  const impact = (await (await page.request.get(`/api/impact/enterprises/${id}`)).json()) as {
    comparison: { total: { t0: number; t1: number }; level: { fromName: string; toName: string } };
  };

  await page.goto(`/enterprises/${id}`);
  await page.getByRole("tab", { name: "评估诊断" }).click();
  const card = page.getByTestId("enterprise-impact");
  await expect(card).toBeVisible();
  await expect(card.getByTestId("impact-level")).toContainText(impact.comparison.level.fromName);
  await expect(card.getByTestId("impact-level")).toContainText(impact.comparison.level.toName);
  await expect(card.getByTestId("impact-total")).toContainText(String(impact.comparison.total.t1));
  await expect(card.getByTestId("impact-dimensions").locator("tbody tr")).toHaveCount(4);
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/impact-enterprise.png", fullPage: true });
});
