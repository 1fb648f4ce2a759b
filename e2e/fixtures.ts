import { computeUsccCheckChar } from "@dxcenter/domain";
import { expect, type Page } from "@playwright/test";

export const PASSWORD = "E2e-demo-2026"; // DXC_DEMO_PASSWORD in playwright.config.ts

export async function loginAs(page: Page, username: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("user-menu")).toBeVisible();
}

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
