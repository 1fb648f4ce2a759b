import { expect, type Page, test } from "@playwright/test";
import { pageAs } from "./fixtures";

/** The demo experts with a login (the others in the pool have none and are never drawn here). */
const EXPERT_LOGINS: Record<string, string> = {
  评审专家: "expert",
  评审专家二: "expert2",
  评审专家三: "expert3",
};

async function drawOne(page: Page) {
  await page.getByTestId("draw-open").click();
  const form = page.getByTestId("draw-form");
  await expect(form).toBeVisible();
  await form.getByTestId("draw-n").fill("1");
  // The demo pool reviews put the demo experts on panels together: switch that rule off here.
  await form.getByLabel(/近期同组回避/).fill("0");
  await form.getByTestId("draw-submit").click();
  await expect(page.getByText("已随机抽取专家并发出邀请")).toBeVisible();
}

test("a district draws a diagnosis expert at random; the expert sees the invitation and declines; the record re-runs", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const district = await pageAs(browser, "district_admin");
  // A fresh diagnosis for a 滨海新区 enterprise without an open one (set up through the API).
  const ents = (await (await district.request.get("/api/enterprises?pageSize=100")).json()) as {
    items: { id: string }[];
  };
  let diagnosisId = "";
  for (const e of ents.items) {
    const r = await district.request.post("/api/diagnoses", { data: { enterpriseId: e.id } });
    if (r.status() === 201) {
      diagnosisId = ((await r.json()) as { id: string }).id;
      break;
    }
  }
  expect(diagnosisId).not.toBe("");
  await district.goto(`/diagnoses/${diagnosisId}`);
  await drawOne(district);
  const team = district.getByTestId("diagnosis-team");
  await expect(team).toContainText("评审专家");
  await expect(team.getByTestId("team-drawn")).toHaveText("已随机抽取");
  const drawn = (await team.innerText()).match(/评审专家[二三]?/)![0];

  // The stored record: purpose, subject, pool snapshot checksum, and an identical re-run.
  await district.getByTestId("draw-record-link").click();
  await expect(district.getByTestId("draw-subject-link")).toContainText("现场诊断");
  await expect(district.getByText("校验一致")).toBeVisible();
  await district.getByTestId("draw-verify").click();
  await expect(district.getByTestId("draw-verify-result")).toContainText("复核一致");
  await district.screenshot({ path: "test-results/expert-draw-record.png", fullPage: true });

  // The drawn expert finds it among their review tasks and declines; a replacement is drawn or the
  // lack of one is reported.
  const expert = await pageAs(browser, EXPERT_LOGINS[drawn]!);
  await expert.goto("/my-reviews");
  const row = expert
    .locator("tr", { hasText: "现场诊断" })
    .filter({ has: expert.getByTestId("invite-decline") });
  await expect(row.first()).toBeVisible();
  await row.first().getByTestId("invite-decline").click();
  await expert.getByPlaceholder(/谢绝原因/).fill("与该企业存在业务往来");
  await expert.getByRole("button", { name: "确认谢绝" }).click();
  await expect(expert.getByText(/已谢绝|补抽/).first()).toBeVisible();

  await district.goto(`/diagnoses/${diagnosisId}`);
  await expect(district.getByTestId("diagnosis-team")).not.toContainText(new RegExp(`${drawn}(?![二三])`));
});

test("the city draws a project's reviewers at random; the drawn expert scores it from 我的评审任务", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  // A demo project waiting for the district is approved to the city expert review (API set-up).
  const district = await pageAs(browser, "district_admin");
  const list = (await (
    await district.request.get("/api/projects?status=district_review&pageSize=20")
  ).json()) as { items: { id: string; version: number }[] };
  expect(list.items.length).toBeGreaterThan(0);
  const p = list.items[0]!;
  const moved = await district.request.post(`/api/projects/${p.id}/district-review`, {
    data: { version: p.version, decision: "approve", opinion: "同意报市级评审" },
  });
  expect(moved.status()).toBe(200);

  const city = await pageAs(browser, "city_admin");
  await city.goto(`/projects/${p.id}`);
  await expect(city.getByTestId("project-status").first()).toHaveText("专家评审");
  await drawOne(city);
  await expect(city.getByTestId("draw-record-link")).toBeVisible();
  await expect(city.getByTestId("draw-open")).toHaveCount(0);
  await expect(city.getByTestId("review-drawn")).toHaveText("已随机抽取");
  await city.screenshot({ path: "test-results/expert-draw-project.png", fullPage: true });
  const detail = (await (await city.request.get(`/api/projects/${p.id}`)).json()) as {
    reviews: { stage: string; reviewerName: string }[];
  };
  const reviewer = detail.reviews.find((r) => r.stage === "expert")!.reviewerName;
  await city.getByTestId("draw-record-link").click();
  await expect(city.getByTestId("draw-subject-link")).toContainText("项目评审");

  const expert = await pageAs(browser, EXPERT_LOGINS[reviewer]!);
  await expert.goto("/my-reviews");
  const row = expert.locator("tr", { hasText: "项目评审" }).first();
  await expect(row).toBeVisible();
  await row.getByTestId("invite-accept").click();
  await expect(expert.getByText("已接受邀请")).toBeVisible();
  await row.getByTestId("invite-open").click();
  await expect(expert).toHaveURL(new RegExp(`/projects/${p.id}$`));

  // The city rates the expert's work on the draw record; 专家库 shows the average.
  await city.reload();
  await city.getByTestId("rate-open").click();
  await city.getByTestId("rate-stars").locator(".ant-rate-star").nth(3).click();
  await city.getByTestId("rate-comment").fill("评审意见具体，按时完成");
  await city.locator("#rate-ok").click();
  await expect(city.getByText("已提交评价")).toBeVisible();
  await expect(city.getByTestId("rate-open")).toHaveText("修改评价");
  await city.goto("/experts");
  const search = city.getByPlaceholder("姓名、单位、职称");
  await search.fill(reviewer);
  await search.press("Enter");
  await expect(city.locator("tbody tr", { hasText: reviewer }).first()).toContainText("4.0（1 次）");
});
