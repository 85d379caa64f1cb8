import path from "node:path";
import { expect, test } from "@playwright/test";
import { checkPasses, checkResult, failsFirst, step } from "./exercise-steps";
import { deployLab } from "./lab-cli";
import { seriousA11yViolations, THEMES, watchErrors } from "./pages";

// The exercises as a learner does them on the test emulator: for one step of each exercise,
// Check fails first and says what is missing, the action in the page does it, and Check
// passes. Progress survives a reload and fills the nav's ring. Cleanup at the end leaves
// nothing behind for later specs.

const OUTPUT = path.join(path.resolve(import.meta.dirname, ".."), "test-results");
const LISTENER_PORT = process.env.E2E_LISTENER_PORT ?? "8767";
const result = checkResult;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await deployLab(LISTENER_PORT);
});

test("one step of each exercise: Check fails, the action in the page, Check passes", async ({ page }) => {
  test.setTimeout(420_000);
  const errors = watchErrors(page);

  // Exercise 1: change the weighted route (UpdateStack of the services stack).
  await page.goto("/exercises/1");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Service mesh communication");
  await failsFirst(page, "1.5", /Missing: weights other than 90\/10/);
  await step(page, "1.5").getByLabel("Inventory v1 weight").fill("60");
  await step(page, "1.5").getByLabel("v2 (canary) weight").fill("40");
  await step(page, "1.5").getByRole("button", { name: "Update the route" }).click();
  await expect(page.getByTestId("action-result-1.5")).toContainText("Done: Updating the services stack", { timeout: 30_000 });
  await checkPasses(page, "1.5", 120_000);
  await expect(result(page, "1.5")).toContainText("40%");
  await expect(page.getByRole("table")).toContainText("Weighted routing");
  await expect(page.getByText("AWS discontinued App Mesh on 2026-09-30")).toBeVisible();

  // Exercise 2: publish order_created and see it reach the three queues.
  await page.goto("/exercises/2");
  await failsFirst(page, "2.1", /No order_created event was published/);
  await step(page, "2.1").getByRole("button", { name: "Publish order_created" }).click();
  await expect(page.getByTestId("action-result-2.1")).toContainText("Done: Published order_created", { timeout: 30_000 });
  await checkPasses(page, "2.1");
  await expect(result(page, "2.1")).toContainText("order-processing, notifications, analytics");

  // Exercise 3: fail user-service.
  await page.goto("/exercises/3");
  await failsFirst(page, "3.2", /Missing: a fault on user-service/);
  await step(page, "3.2").getByRole("button", { name: "Fail user-service" }).click();
  await expect(page.getByTestId("action-result-3.2")).toContainText("Done: user-service now answers 503", { timeout: 30_000 });
  await checkPasses(page, "3.2");
  await step(page, "3.2").getByRole("button", { name: "Recover user-service" }).click();
  await expect(page.getByTestId("action-result-3.2")).toContainText("recovered", { timeout: 30_000 });

  // Exercise 4: a custom alarm that notifies lab-alarms.
  await page.goto("/exercises/4");
  await failsFirst(page, "4.4", /Only the lab's template alarms exist/);
  const form = step(page, "4.4").getByRole("form", { name: "Create a custom alarm" });
  await form.getByLabel("Alarm name").fill("exercise-order-errors");
  await form.getByRole("button", { name: /Create/ }).click();
  await expect(form).toContainText("Created exercise-order-errors", { timeout: 30_000 });
  await checkPasses(page, "4.4");
  await expect(result(page, "4.4")).toContainText("exercise-order-errors");

  // Progress persists: a reload shows the verdicts, and the nav rings are filled.
  await page.reload();
  await expect(step(page, "4.4")).toContainText("✓ Done");
  await expect(result(page, "4.4")).toContainText("exercise-order-errors");
  for (const n of [1, 2, 3, 4]) await expect(page.getByTestId(`nav-ring-${n}`)).not.toHaveAttribute("data-value", "0");
  await expect(page.getByRole("img", { name: "Exercise 3 progress: 25%" })).toBeVisible();
  expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
});

test("exercise pages pass axe in both themes", async ({ page }) => {
  test.setTimeout(180_000);
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    for (const n of [1, 2, 3, 4]) {
      await page.goto(`/exercises/${n}`);
      await expect(page.getByTestId(`step-${n}.1`)).toBeVisible();
      await page.waitForTimeout(1_500);
      expect(await seriousA11yViolations(page), `exercise ${n} ${theme}`).toEqual([]);
      await page.screenshot({ path: path.join(OUTPUT, `exercise-${n}-${theme}.png`), fullPage: true });
    }
  }
});

test("cleanup from Overview leaves nothing behind, and progress starts over", async ({ page, request }) => {
  test.setTimeout(180_000);
  // Later specs expect a learner who has done nothing yet.
  for (const n of [1, 2, 3, 4]) expect((await request.delete(`/api/exercises/progress?exercise=${n}`)).ok()).toBe(true);
  await page.goto("/");
  for (const n of [1, 2, 3, 4]) await expect(page.getByRole("img", { name: `Exercise ${n} progress: 0%` })).toBeVisible();
  await page.getByRole("button", { name: "Clean up", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Delete the lab?" });
  await dialog.getByRole("button", { name: "Delete the lab" }).click();
  await expect(page.getByTestId("nothing-remains")).toContainText("Nothing remains", { timeout: 150_000 });
});
