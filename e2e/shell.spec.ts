import path from "node:path";
import { expect, test } from "@playwright/test";
import {
  backgroundLuminance,
  badgeSettled,
  expectHealthyPage,
  PAGES,
  seriousA11yViolations,
  THEMES,
  watchErrors,
} from "./pages";

// The top bar shows the lab's real state, and other specs deploy the lab: start from an empty
// emulator so "Not deployed" and the empty states are what these pages show.
test.beforeAll(async ({ request }) => {
  expect((await request.post(`http://127.0.0.1:${Number(process.env.EMULATOR_PORT || 4666)}/_lab/reset`)).ok()).toBe(true);
});

for (const theme of THEMES) {
  test.describe(`${theme} theme`, () => {
    test.use({ colorScheme: theme });

    for (const { name, path: url, heading } of PAGES) {
      test(`${name} renders cleanly and passes axe`, async ({ page }, testInfo) => {
        const errors = watchErrors(page);
        await page.goto(url);
        await expectHealthyPage(page, heading);
        await expect(page.getByTestId("lab-status")).toHaveText("Not deployed");
        await expect(page.getByTestId("cost-meter")).toHaveText("$0.00 so far · $0.00/h");
        await badgeSettled(page);

        const luminance = await backgroundLuminance(page);
        if (theme === "dark") expect(luminance).toBeLessThan(0.05);
        else expect(luminance).toBeGreaterThan(0.8);

        await page.screenshot({
          path: path.join(testInfo.project.outputDir, "screenshots", `${name}-${theme}.png`),
          fullPage: true,
          animations: "disabled",
        });

        expect(await seriousA11yViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
      });
    }
  });
}

test("pages other than Overview offer to deploy from Overview", async ({ page }) => {
  for (const { path: url } of PAGES.filter((p) => p.name !== "overview" && p.name !== "settings")) {
    await page.goto(url);
    const empty = page.getByTestId("empty-state").first();
    await expect(empty).toContainText("Not deployed yet — Deploy the lab");
    await expect(empty.getByRole("link", { name: "Deploy the lab" })).toHaveAttribute("href", "/");
  }
  await page.goto("/");
  await expect(page.getByTestId("empty-state")).toContainText("Not deployed yet — Deploy the lab");
  await expect(page.getByRole("button", { name: "Deploy the lab" })).toBeEnabled();
});

test("an exercise shows the seed's steps, each with a command to copy and a check", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/exercises/2");
  const steps = page.getByRole("list", { name: "Steps of exercise 2" }).getByRole("listitem");
  await expect(steps).toHaveCount(4);
  await expect(steps.first().getByRole("heading")).toHaveText("Step 1: Publish events to SNS topics");
  await expect(steps.first().locator("pre")).toContainText("aws sns publish --topic-arn $ORDER_EVENTS_TOPIC_ARN");
  await expect(steps.first().getByRole("button", { name: "Check" })).toBeDisabled();

  await steps.first().getByRole("button", { name: "Copy the command for step 1" }).click();
  await expect(steps.first().getByRole("button", { name: "Copy the command for step 1" })).toContainText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await steps.first().locator("pre").textContent());

  await page.getByRole("link", { name: /Next.*3\. Circuit breaker patterns/ }).click();
  await expect(page).toHaveURL(/\/exercises\/3$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Circuit breaker patterns");
});

test("an unknown exercise is a 404 page, not a crash", async ({ page }) => {
  const response = await page.goto("/exercises/9");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
});

test("the navigation marks the current page and shows each exercise's progress", async ({ page }) => {
  await page.goto("/resilience");
  const nav = page.getByRole("navigation", { name: "Console" });
  await expect(nav.getByRole("link", { name: "Resilience" })).toHaveAttribute("aria-current", "page");
  await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
  for (const n of [1, 2, 3, 4]) {
    await expect(nav.getByRole("img", { name: `Exercise ${n} progress: 0%` })).toBeVisible();
  }
  await nav.getByRole("link", { name: "Messaging", exact: true }).click();
  await expect(page).toHaveURL(/\/messaging$/);
  await expect(nav.getByRole("link", { name: "Messaging", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Resilience" })).not.toHaveAttribute("aria-current", "page");
});

test("the keyboard reaches the skip link first and it jumps to the content", async ({ page }) => {
  await page.goto("/messaging");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  await page.keyboard.press("Tab");
  const focusedOutline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(focusedOutline).not.toBe("none");
});
