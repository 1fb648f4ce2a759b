import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

test("city_admin sees warning counts on the 驾驶舱 and takes a warning through acknowledge → handle → close", async ({
  page,
}) => {
  await loginAs(page, "city_admin");
  await page.goto("/cockpit");
  // The demo evaluated the rules at start: open warnings by level, each a link to the filtered list.
  const card = page.getByTestId("cockpit-warnings");
  await expect(card).toContainText("未关闭预警");
  const counts = (await (await page.request.get("/api/warnings/counts")).json()) as {
    byLevel: Record<"red" | "orange" | "yellow", number>;
  };
  const level = (["red", "orange", "yellow"] as const).find((l) => counts.byLevel[l] > 0);
  expect(level).toBeDefined();
  await expect(page.getByTestId(`cockpit-warnings-${level}`)).toContainText(String(counts.byLevel[level!]));
  await page.getByTestId(`cockpit-warnings-${level}`).click();
  await expect(page).toHaveURL(new RegExp(`/warnings\\?level=${level}&active=true`));
  await expect(page.getByRole("heading", { name: "预警中心" })).toBeVisible();

  // An open warning: the drawer shows its figures and the steps the city may take now.
  await page.goto("/warnings?state=open");
  const table = page.getByTestId("warning-table");
  const first = table.locator("tbody tr").first();
  await expect(first.getByTestId("warning-row-state")).toHaveText("待认领");
  const title = (await first.locator("button").first().innerText()).trim();
  await first.locator("button").first().click();
  const drawer = page.getByTestId("warning-drawer");
  await expect(drawer.getByTestId("warning-title")).toContainText(title);
  await expect(drawer.getByTestId("warning-state")).toHaveText("待认领");

  await drawer.getByTestId("warning-acknowledge").click();
  await expect(drawer.getByTestId("warning-state")).toHaveText("处置中");
  // Handling needs a note.
  await drawer.getByTestId("warning-note").fill("已约谈责任单位，限期整改");
  await drawer.getByTestId("warning-handle").click();
  await expect(drawer.getByTestId("warning-state")).toHaveText("已处置");
  await drawer.getByTestId("warning-note").fill("整改到位");
  await drawer.getByTestId("warning-close").click();
  await expect(drawer.getByTestId("warning-state")).toHaveText("已关闭");
  const history = drawer.getByTestId("warning-history");
  for (const step of ["产生预警", "认领", "处置", "关闭"]) await expect(history).toContainText(step);
  await expect(history).toContainText("已约谈责任单位，限期整改");
});
