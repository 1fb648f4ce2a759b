import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { type InstrumentDef, loginAs, lowestAnswers, pickOption } from "./fixtures";

test.describe("供需对接", () => {
  test("anyone browses the public solution catalogue and filters it by scene", async ({ page }) => {
    await page.goto("/catalogue");
    const rows = page.getByTestId("solution-table").locator("tbody tr.ant-table-row");
    await expect(rows.first()).toBeVisible();
    await page.getByTestId("solution-search").fill("设备");
    await page.getByTestId("solution-search").press("Enter");
    await expect(page).toHaveURL(/q=/);
    await expect(rows.first()).toContainText("设备");
    await rows.first().getByTestId("solution-link").click();
    await expect(page.locator(".ant-drawer")).toContainText("参考案例");
  });

  test("an enterprise posts a demand, sees ranked solutions with reasons and shortlists one", async ({
    page,
  }) => {
    await loginAs(page, "enterprise");
    await page.goto("/demands");
    await page.getByTestId("demand-post").click();
    await page.getByTestId("demand-title").fill("设备联网与预测性维护（e2e）");
    await pickOption(page, "sceneIds", "S08 设备管理", { search: true });
    await pickOption(page, "sceneIds", "S07 质量管理", { search: true });
    await page.keyboard.press("Escape");
    await page.locator("#budgetWan").fill("3.1234567");
    await page.getByTestId("demand-submit").click();
    // Finer than 1 分: a Chinese message naming the field.
    await expect(page.locator(".ant-form-item-explain-error")).toContainText("预算");
    await page.locator("#budgetWan").fill("40");
    await page.getByTestId("demand-submit").click();
    await expect(page).toHaveURL(/\/demands\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("demand-title-text")).toHaveText("设备联网与预测性维护（e2e）");

    const items = page.getByTestId("match-item");
    await expect(items.first()).toBeVisible();
    const first = items.first();
    await expect(first.getByTestId("match-reason").first()).toContainText("覆盖需求场景");
    await expect(first.getByTestId("match-breakdown")).toContainText("行业经验");
    await expect(first.getByTestId("match-breakdown")).toContainText("预算匹配");
    const name = (await first.getByTestId("match-solution-name").textContent())?.trim() ?? "";
    await first.getByTestId("match-shortlist").click();
    await expect(first).toContainText("已加入意向");
    const leads = page.getByTestId("lead-table");
    await expect(leads).toContainText(name);
    await expect(leads).toContainText("已加入意向");

    // The enterprise detail page's 服务对接 tab lists the demand and how far it got.
    await page.getByTestId("user-menu").waitFor();
    await page.goto("/demands");
    await expect(page.getByTestId("demand-table")).toContainText("设备联网与预测性维护（e2e）");
    await expect(page.getByTestId("demand-table")).toContainText("已加入意向");
  });

  test("an enterprise generates a demand from its latest assessment's gap list and sees ranked solutions", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await loginAs(page, "enterprise");
    // A submitted MIIT self-assessment (lowest answers: every scene is a gap).
    const def = JSON.parse(
      readFileSync("packages/db/instruments/miit-2024-manufacturing.json", "utf8"),
    ) as InstrumentDef;
    const created = await page.request.post("/api/assessments", {
      data: { instrumentId: "miit-2024-manufacturing" },
    });
    expect(created.status()).toBe(201);
    const draft = (await created.json()) as { id: string; version: number };
    const saved = await page.request.put(`/api/assessments/${draft.id}/answers`, {
      data: { answers: lowestAnswers(def), version: draft.version },
    });
    expect(saved.status()).toBe(200);
    const submitted = await page.request.post(`/api/assessments/${draft.id}/submit`, {
      data: { commitment: true, version: ((await saved.json()) as { version: number }).version },
    });
    expect(submitted.status()).toBe(200);
    const improvements = (
      (await (await page.request.get(`/api/assessments/${draft.id}`)).json()) as {
        result: { improvements: { title: string; action?: string }[] };
      }
    ).result.improvements;
    expect(improvements.length).toBeGreaterThan(0);

    await page.goto("/demands");
    await page.getByTestId("demand-from-assessment").click();
    await page.locator("#budgetWan").fill("60");
    await page.getByTestId("demand-generate-submit").click();
    await expect(page).toHaveURL(/\/demands\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("demand-title-text")).toContainText("数字化改进需求");
    // The scenes come from the gap list, each with the improvement items that led to it.
    const gaps = page.getByTestId("demand-gap-sources");
    await expect(gaps).toBeVisible();
    const first = improvements[0]!;
    await expect(gaps).toContainText(first.action || first.title);

    // Ranked solutions with reasons: ranks 1, 2, 3… and scores that never go up.
    const items = page.getByTestId("match-item");
    await expect(items.first()).toBeVisible();
    const n = Math.min(await items.count(), 8);
    expect(n).toBeGreaterThan(1);
    const scores: number[] = [];
    for (let i = 0; i < n; i++) {
      const item = items.nth(i);
      await expect(item.locator("h3").first()).toHaveText(String(i + 1));
      // The score circle is the entry's last progress bar (the per-criterion bars come first).
      scores.push(Number((await item.getByRole("progressbar").last().textContent())?.trim()));
    }
    expect(scores.every((x) => x > 0 && x <= 100)).toBe(true);
    for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeLessThanOrEqual(scores[i - 1]!);
    await expect(items.first().getByTestId("match-reason").first()).toContainText("覆盖需求场景");
  });
});
