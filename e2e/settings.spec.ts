import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { expectHealthyPage, seriousA11yViolations, watchErrors } from "./pages";

// These tests change the saved target, so they run in order and end on Local.
test.describe.configure({ mode: "serial" });

const badge = (page: Page) => page.getByTestId("target-badge");

async function saveTarget(page: Page, fields: { kind: "Local emulator" | "AWS account"; profile?: string; region: string }) {
  await page.getByRole("radio", { name: new RegExp(fields.kind) }).check();
  if (fields.profile !== undefined) await page.getByLabel("AWS profile").fill(fields.profile);
  await page.getByLabel("Region").fill(fields.region);
  await page.getByRole("button", { name: "Save target" }).click();
}

test("the badge starts on the local emulator and finds it", async ({ page }) => {
  await page.goto("/settings");
  await expect(badge(page)).toHaveAttribute("data-state", "reachable");
  await expect(badge(page)).toContainText("Local emulator · 000000000000 · us-east-1");
  await expect(badge(page)).toHaveAttribute("data-tone", "calm");
});

test("switching to AWS with a profile that does not exist says so in the badge", async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  await page.goto("/settings");
  await saveTarget(page, { kind: "AWS account", profile: "lab-e2e-ghost", region: "eu-west-1" });
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  // The form keeps showing what was saved.
  await expect(page.getByRole("radio", { name: /AWS account/ })).toBeChecked();
  await expect(page.getByLabel("AWS profile")).toHaveValue("lab-e2e-ghost");
  await expect(page.getByLabel("AWS profile")).toBeEnabled();

  await expect(badge(page)).toHaveAttribute("data-tone", "warning");
  await expect(badge(page)).toHaveAttribute("data-state", "unreachable");
  await expect(badge(page)).toContainText("AWS · profile lab-e2e-ghost · eu-west-1");
  await expect(badge(page)).toContainText("unreachable");
  await expect(badge(page)).toContainText("could not load credentials for profile 'lab-e2e-ghost'");
  await expect(badge(page)).toHaveAttribute("title", /could not load credentials for profile 'lab-e2e-ghost'/);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({
      path: path.join(testInfo.project.outputDir, "screenshots", `settings-aws-unreachable-${colorScheme}.png`),
      animations: "disabled",
    });
    // The warning colours and the error text keep AA contrast in both themes.
    expect(await seriousA11yViolations(page)).toEqual([]);
  }

  // The choice is stored on the server, not in the browser.
  await page.context().clearCookies();
  await page.reload();
  await expect(page.getByRole("radio", { name: /AWS account/ })).toBeChecked();
  await expect(page.getByLabel("AWS profile")).toHaveValue("lab-e2e-ghost");
  await expect(page.getByLabel("Region")).toHaveValue("eu-west-1");
  await expect(badge(page)).toContainText("AWS · profile lab-e2e-ghost · eu-west-1");
  expect(errors).toEqual([]);
});

test("the target API never sends more than the target's public description", async ({ request }) => {
  const response = await request.get("/api/target");
  expect(response.ok()).toBe(true);
  expect(response.headers()["cache-control"]).toContain("no-store");
  const body = await response.json();
  const allowed = ["kind", "label", "tone", "region", "endpoint", "profile", "accountId", "reachable", "reason"];
  expect(Object.keys(body).filter((key) => !allowed.includes(key))).toEqual([]);
  expect(JSON.stringify(body)).not.toMatch(/secret|accessKeyId|sessionToken/i);
  expect(body).toMatchObject({ kind: "aws", region: "eu-west-1", profile: "lab-e2e-ghost", reachable: false });
});

test("an invalid region is refused with the reason next to the field", async ({ page }) => {
  await page.goto("/settings");
  await saveTarget(page, { kind: "Local emulator", region: "moon-base-1" });
  const region = page.getByLabel("Region");
  await expect(region).toHaveAttribute("aria-invalid", "true");
  await expect(region).toHaveAccessibleDescription(/Enter an AWS region code such as us-east-1/);
  await expect(page.locator("#region-error")).toBeVisible();
  await expect(region).toHaveValue("moon-base-1");
  await expect(page.getByRole("radio", { name: /Local emulator/ })).toBeChecked();
  await expect(page.getByLabel("AWS profile")).toBeDisabled();
  await expect(page.getByRole("status").filter({ hasText: "Fix the highlighted field" })).toBeVisible();
  // Nothing was saved: the badge still shows the AWS target.
  await page.reload();
  await expect(badge(page)).toContainText("AWS · profile lab-e2e-ghost · eu-west-1");
});

test("an invalid profile name is refused next to its field", async ({ page }) => {
  await page.goto("/settings");
  await saveTarget(page, { kind: "AWS account", profile: "has spaces/and slashes", region: "eu-west-1" });
  const profile = page.getByLabel("AWS profile");
  await expect(profile).toHaveAttribute("aria-invalid", "true");
  await expect(profile).toHaveAccessibleDescription(/Use 1–64 letters, digits/);
  await expect(page.getByLabel("Region")).not.toHaveAttribute("aria-invalid", "true");
});

test("switching back to the local emulator finds account 000000000000 again", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("/settings");
  await saveTarget(page, { kind: "Local emulator", region: "us-east-1" });
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await expect(badge(page)).toHaveAttribute("data-state", "reachable");
  await expect(badge(page)).toContainText("Local emulator · 000000000000 · us-east-1");
  await expect(badge(page)).toContainText("reachable");
  await expect(badge(page)).not.toContainText("unreachable");
  await expect(badge(page)).toHaveAttribute("data-tone", "calm");
  await expect(page.getByLabel("AWS profile")).toBeDisabled();
  await expectHealthyPage(page, "Settings");
  expect(errors).toEqual([]);
});
