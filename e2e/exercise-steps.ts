import { expect, type Page } from "@playwright/test";

// A step of an exercise page as the learner works it: its Check button, and the verdict.

export const step = (page: Page, id: string) => page.getByTestId(`step-${id}`);
export const checkResult = (page: Page, id: string) => page.getByTestId(`check-result-${id}`);

/** Clicks the step's Check and waits for the verdict. */
export async function check(page: Page, id: string) {
  await step(page, id).getByRole("button", { name: "Check", exact: true }).click();
  await expect(step(page, id).getByRole("button", { name: "Check", exact: true })).toBeEnabled({ timeout: 30_000 });
}

/** Check until it passes: the effect of an action reaches the lab within seconds. */
export async function checkPasses(page: Page, id: string, timeout = 60_000) {
  await expect(async () => {
    await check(page, id);
    await expect(checkResult(page, id)).toHaveAttribute("data-ok", "true", { timeout: 1_000 });
  }).toPass({ timeout, intervals: [1_000, 2_000, 3_000] });
  await expect(checkResult(page, id)).toContainText("✓ Done");
}

/** The check fails before the step's action, and says what is missing. */
export async function failsFirst(page: Page, id: string, missing: RegExp) {
  await check(page, id);
  await expect(checkResult(page, id)).toHaveAttribute("data-ok", "false");
  await expect(checkResult(page, id)).toContainText("✗ Not yet");
  await expect(checkResult(page, id)).toContainText(missing);
}
