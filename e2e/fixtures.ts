import { computeUsccCheckChar } from "@dxcenter/domain";
import { type Browser, type BrowserContextOptions, expect, type Page } from "@playwright/test";

export const PASSWORD = "E2e-demo-2026"; // DXC_DEMO_PASSWORD in playwright.config.ts

export async function loginAs(page: Page, username: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("user-menu")).toBeVisible();
}

/** A page in a browser context of its own, signed in as `username`: one actor of a journey with several. */
export async function pageAs(
  browser: Browser,
  username: string,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await loginAs(page, username);
  return page;
}

/** YYYY-MM-DD in Asia/Shanghai, `days` from today. */
export const day = (days: number) =>
  new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

let n = 0;
/** A valid, run-unique USCC registered in `district` (positions 3–8). */
export function freshUscc(district = "120116"): string {
  n++;
  const body = `91${district}${String(Date.now() % 1e6).padStart(6, "0")}${String(n).padStart(3, "0")}`.slice(
    0,
    17,
  );
  return body + computeUsccCheckChar(body);
}

/** Same code with a wrong check character. */
export function breakCheckChar(uscc: string): string {
  const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const i = alphabet.indexOf(uscc.charAt(17));
  return uscc.slice(0, 17) + alphabet.charAt((i + 1) % alphabet.length);
}

/**
 * Picks an option in an antd Select. Long lists are virtualised (only visible options exist in the
 * page), so searchable selects are filtered by typing first.
 */
export async function pickOption(
  page: Page,
  fieldId: string,
  label: string,
  opts: { search?: boolean } = {},
) {
  const input = page.locator(`#${fieldId}`);
  const select = page.locator(".ant-select").filter({ has: input });
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // On a loaded machine a click can land while the list is still opening or closing and select
  // nothing: check that the select shows the label, and pick again if it does not.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await input.click();
      if (opts.search) await input.fill(label);
      // Bounded: a list that closed under the pointer would otherwise be waited for until the test ends.
      await page
        .locator(".ant-select-dropdown:visible .ant-select-item-option")
        .filter({ hasText: new RegExp(`^${escaped}$`) })
        .click({ timeout: 5_000 });
      await expect(select).toContainText(label, { timeout: 2_000 });
      return;
    } catch {
      // not taken (or the list closed first): close what is open and try again
      await page.keyboard.press("Escape");
    }
  }
  await expect(select).toContainText(label);
}

/** A question of an instrument definition (packages/db/instruments/*.json), as far as the journeys read it. */
interface Question {
  id: string;
  kind: "single" | "multi" | "numeric" | "scene" | "rated";
  options?: { id: string; points: number; exclusive?: boolean }[];
  formula?: { numerator: string; denominator: string };
}
export type InstrumentDef = { dimensions: { subDimensions: { questions: Question[] }[] }[] };

/** The lowest valid answer to every question: a complete self-assessment with the lowest score (a long gap list). */
export function lowestAnswers(def: InstrumentDef) {
  const out: Record<string, unknown> = {};
  for (const d of def.dimensions)
    for (const s of d.subDimensions)
      for (const q of s.questions) {
        if (q.kind === "single")
          out[q.id] = {
            kind: "single",
            optionId: [...q.options!].sort((a, b) => a.points - b.points)[0]!.id,
          };
        if (q.kind === "multi")
          out[q.id] = { kind: "multi", optionIds: q.options!.filter((o) => o.exclusive).map((o) => o.id) };
        if (q.kind === "numeric")
          out[q.id] = {
            kind: "numeric",
            inputs: { [q.formula!.numerator]: 0, [q.formula!.denominator]: 10 },
          };
        if (q.kind === "scene") out[q.id] = { kind: "scene", level: 0 };
        if (q.kind === "rated") out[q.id] = { kind: "rated", rating: 0 };
      }
  return out;
}
