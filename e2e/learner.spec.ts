import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { check, checkPasses, checkResult, failsFirst, step } from "./exercise-steps";
import { EMULATOR } from "./lab-cli";
import { badgeSettled, expectHealthyPage, PAGES, seriousA11yViolations, THEMES, watchErrors } from "./pages";

// The whole lab as a learner does it, in the browser only, on the local target: deploy from the
// Overview; every step of exercises 1-4, where the step's Check runs once before its action and
// fails saying what is missing, then the action in the page, then the Check passes; a publish with
// the filter-policy preview on Messaging; a fault on Resilience and the breaker opening on the
// chart; recovery; every page in both themes through axe; cleanup from the Overview and a
// leftover check that lists nothing. It prints two numbers: the time from the Deploy click to a
// usable lab, and the delay between the breaker opening (DynamoDB's opened_at, read through the
// console's API) and the page showing it.

const SHOTS = path.join(path.resolve(import.meta.dirname, ".."), "test-results", "screenshots");
const card = (page: Page, service: string) => page.getByTestId(`breaker-card-${service}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ request }) => {
  // A learner who has done nothing, on an empty emulator.
  expect((await request.post(`${EMULATOR}/_lab/reset`)).ok()).toBe(true);
  for (const n of [1, 2, 3, 4]) expect((await request.delete(`/api/exercises/progress?exercise=${n}`)).ok()).toBe(true);
});

// Later specs expect a learner who has done nothing yet, even when a test here failed midway.
test.afterAll(async ({ request }) => {
  for (const n of [1, 2, 3, 4]) await request.delete(`/api/exercises/progress?exercise=${n}`);
});

/** Reset between exercises, from the Resilience page: faults, breakers, queues and stock. */
async function resetBench(page: Page) {
  await page.goto("/resilience");
  await page.getByRole("checkbox", { name: /queued messages are deleted/ }).check();
  await page.getByRole("button", { name: "Reset the lab" }).click();
  await expect(page.getByTestId("reset-result")).toContainText("Breakers reset to CLOSED", { timeout: 30_000 });
  await expect(page.getByTestId("reset-result")).not.toContainText("failed");
}

/** Runs a step's action button and waits for its report. */
async function act(page: Page, id: string, button: string, done: RegExp | string) {
  await step(page, id).getByRole("button", { name: button, exact: true }).click();
  await expect(page.getByTestId(`action-result-${id}`)).toContainText(done, { timeout: 60_000 });
}

test("the whole lab in the browser: deploy, every exercise step, messaging, resilience", async ({ page, request }) => {
  test.setTimeout(900_000);
  const errors = watchErrors(page);

  // ── Exercise 1, steps 1 and 2, before anything exists ────────────────────────────────────────
  await page.goto("/exercises/1");
  await expectHealthyPage(page, "Service mesh communication");
  await failsFirst(page, "1.1", /Missing: stack cross-service-lab-bootstrap \(CREATE_COMPLETE\)/);
  await expect(checkResult(page, "1.1")).toContainText("0 of 5 stacks are deployed");
  await failsFirst(page, "1.2", /Missing: stack cross-service-lab-bootstrap/);
  // The other steps need the running lab; their Check says so instead of running.
  await expect(step(page, "1.3").getByRole("button", { name: "Check", exact: true })).toBeDisabled();

  // ── Deploy from the Overview (step 1.1's action) ─────────────────────────────────────────────
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Overview" }).click();
  await expectHealthyPage(page, "Overview");
  await expect(page.getByTestId("lab-status")).toHaveText("Not deployed");
  await expect(page.getByRole("radio", { name: /^App Mesh/ })).toBeChecked();
  const deployClicked = Date.now();
  await page.getByRole("button", { name: "Deploy the lab" }).click();
  await expect(page.getByTestId("job-progress")).toBeVisible();
  // A reload mid-deploy renders the running job on the server: it must hydrate without a mismatch.
  await page.reload();
  await expect(page.getByTestId("lab-status")).toHaveText(/Deploying|Running/);
  await expect(page.getByTestId("lab-status")).toHaveText("Running", { timeout: 300_000 });
  await expect(page.getByTestId("job-success")).toContainText("targets healthy", { timeout: 60_000 });
  const runningMs = Date.now() - deployClicked;
  await page.screenshot({ path: path.join(SHOTS, "docs-overview-light.png"), animations: "disabled" });
  // Usable: the live instruments have their first reading (the breaker cards on Resilience).
  await page.goto("/resilience");
  await expect(card(page, "user-service").getByTestId("breaker-state")).toHaveText("CLOSED", { timeout: 30_000 });
  const usableMs = Date.now() - deployClicked;
  console.log(`Deploy click → Overview "Running" with targets healthy: ${seconds(runningMs)}; → Resilience breaker cards live: ${seconds(usableMs)}`);

  // ── Exercise 1: service mesh ────────────────────────────────────────────────────────────────
  await page.goto("/exercises/1");
  await checkPasses(page, "1.1");
  await expect(checkResult(page, "1.1")).toContainText("All five stacks are deployed, the services with App Mesh");
  await checkPasses(page, "1.2");
  await expect(checkResult(page, "1.2")).toContainText("virtual services");
  // 1.3 and 1.4 count only what happened since the step started: a trace of an order.
  await failsFirst(page, "1.3", /Missing: a traced call order-service → user-service/);
  await act(page, "1.3", "Send POST /orders", /POST \/orders answered 201/);
  await checkPasses(page, "1.3");
  await failsFirst(page, "1.4", /Missing: an X-Ray trace of an order/);
  await act(page, "1.4", "Send POST /orders", /POST \/orders answered 201/);
  await checkPasses(page, "1.4");
  await expect(checkResult(page, "1.4")).toContainText("through order-service");
  await failsFirst(page, "1.5", /Missing: weights other than 90\/10/);
  await step(page, "1.5").getByLabel("Inventory v1 weight").fill("70");
  await step(page, "1.5").getByLabel("v2 (canary) weight").fill("30");
  await act(page, "1.5", "Update the route", "Done: Updating the services stack");
  await checkPasses(page, "1.5", 120_000);
  await expect(checkResult(page, "1.5")).toContainText("30%");
  await expect(page.getByText("AWS discontinued App Mesh on 2026-09-30")).toBeVisible();
  await expect(page.getByRole("img", { name: "Exercise 1 progress: 100%" })).toBeVisible();

  // ── Exercise 2: messaging ───────────────────────────────────────────────────────────────────
  await page.goto("/exercises/2");
  await failsFirst(page, "2.1", /Missing: an order_created event on order-events/);
  await act(page, "2.1", "Publish order_created", "Done: Published order_created");
  await checkPasses(page, "2.1");
  await expect(checkResult(page, "2.1")).toContainText("order-processing, notifications, analytics");
  await failsFirst(page, "2.2", /Missing: a message received and deleted from order-processing/);
  await act(page, "2.2", "Publish order_created", "Done: Published order_created");
  await checkPasses(page, "2.2");
  await failsFirst(page, "2.3", /Missing: an order_shipped event on order-events/);
  await act(page, "2.3", "Publish order_shipped", "Done: Published order_shipped");
  await checkPasses(page, "2.3");
  await expect(checkResult(page, "2.3")).toContainText("the order-processing filter dropped it");
  await failsFirst(page, "2.4", /Missing: a poison message in order-processing-dlq/);
  await act(page, "2.4", "Send a poison message", "Done: Published a poison order_created");
  // Three failed receives, each after a short visibility timeout.
  await checkPasses(page, "2.4", 120_000);
  await expect(checkResult(page, "2.4")).toContainText("order-processing-dlq");
  await expect(page.getByRole("img", { name: "Exercise 2 progress: 100%" })).toBeVisible();

  // ── Exercise 3: circuit breaker, from a clean bench ─────────────────────────────────────────
  await resetBench(page);
  await page.goto("/exercises/3");
  await failsFirst(page, "3.1", /Missing: a run of /);
  await act(page, "3.1", "Run the health checker", /The health checker probed .*user-service healthy/);
  await checkPasses(page, "3.1");
  await failsFirst(page, "3.2", /Missing: a fault on user-service/);
  await act(page, "3.2", "Fail user-service", "Done: user-service now answers 503");
  await checkPasses(page, "3.2");
  await failsFirst(page, "3.3", /Missing: the user-service breaker OPEN/);
  await expect(checkResult(page, "3.3")).toContainText("The user-service breaker is CLOSED");
  await act(page, "3.3", "Send 7 orders", /Sent 7 orders while user-service fails: /);
  await checkPasses(page, "3.3");
  await failsFirst(page, "3.4", /Missing: an order placed while user-service fails/);
  await act(page, "3.4", "Place an order", "verification deferred (the fallback)");
  await checkPasses(page, "3.4");
  // The step ends with the recovery.
  await act(page, "3.2", "Recover user-service", "recovered");
  await expect(page.getByRole("img", { name: "Exercise 3 progress: 100%" })).toBeVisible();

  // ── Messaging: the filter-policy preview before sending, the flow after ──────────────────────
  // Here, between exercises 3 and 4: it sends no HTTP request, and the services publish their
  // request counts every 5 s, so exercise 3's last orders are counted before step 4.1 starts.
  await page.goto("/messaging");
  await expectHealthyPage(page, "Messaging");
  await page.getByRole("button", { name: "order_created" }).click();
  await page.getByLabel("Value of attribute 1").fill("order_cancelled");
  const decision = (queue: string) => page.locator(`[data-testid="preview-decision"][data-queue="${queue}"]`);
  await expect(page.getByTestId("preview-summary")).toHaveText("2 of 3 subscriptions of order-events will receive this message.");
  await expect(decision("order-processing")).toContainText("eventType = order_cancelled is in [order_created, order_cancelled]");
  await expect(decision("notifications")).toContainText("Dropped");
  await expect(decision("notifications")).toContainText("eventType = order_cancelled is not in [order_created, order_shipped]");
  await expect(decision("analytics")).toContainText("No filter policy: it takes every event");
  await page.getByRole("button", { name: "Publish to order-events" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Published" })).toContainText(/Published [0-9a-f]{8}… to order-events/);
  const branch = (queue: string) => page.locator(`[data-testid="flow-branch"][data-queue="${queue}"]`);
  await expect(branch("notifications")).toHaveAttribute("data-outcome", "dropped");
  await expect(branch("order-processing")).not.toHaveAttribute("data-outcome", "dropped");
  await expect(branch("analytics")).not.toHaveAttribute("data-outcome", "dropped");

  // ── Exercise 4: observability, from a clean bench (the breaker CLOSED again) ───────────────
  await resetBench(page);
  await page.goto("/exercises/4");
  await failsFirst(page, "4.1", /Missing: (requests counted since the step started|the \w+ metric)/);
  await act(page, "4.1", "Send 5 orders", /Sent 5 orders: /);
  // The services publish their request counts every 5 s.
  await checkPasses(page, "4.1");
  await failsFirst(page, "4.2", /Missing: an X-Ray trace \(send a request\)/);
  await act(page, "4.2", "Send POST /orders", /POST \/orders answered 20[12]/);
  await checkPasses(page, "4.2");
  await failsFirst(page, "4.3", /Missing: a breaker transition recorded in CircuitBreakerState/);
  await act(page, "4.3", "Force OPEN", "user-service breaker is now OPEN");
  await checkPasses(page, "4.3");
  await act(page, "4.3", "Force CLOSED", "user-service breaker is now CLOSED");
  await failsFirst(page, "4.4", /Missing: an alarm you created yourself/);
  const alarm = step(page, "4.4").getByRole("form", { name: "Create a custom alarm" });
  await alarm.getByLabel("Alarm name").fill("learner-order-errors");
  await alarm.getByRole("button", { name: /Create/ }).click();
  await expect(alarm).toContainText("Created learner-order-errors", { timeout: 30_000 });
  await checkPasses(page, "4.4");
  await expect(checkResult(page, "4.4")).toContainText("notifies lab-alarms");
  for (const n of [1, 2, 3, 4]) await expect(page.getByRole("img", { name: `Exercise ${n} progress: 100%` })).toBeVisible();

  // Progress is saved on the server: a reload shows every verdict.
  await page.reload();
  await expect(step(page, "4.4")).toContainText("✓ Done");

  // ── Resilience: inject a fault, watch the breaker open on the chart, recover ───────────────
  await resetBench(page);
  const user = card(page, "user-service");
  await expect(user.getByTestId("breaker-state")).toHaveText("CLOSED");
  // The moment the card's state word and the timeline's event list first show the opening, from
  // the page itself (a MutationObserver), so Playwright's own polling adds nothing.
  await page.evaluate(() => {
    const shown: { card?: number; timeline?: number } = {};
    (window as unknown as { breakerShown: typeof shown }).breakerShown = shown;
    const opened = () => [...document.querySelectorAll('[data-testid="timeline-events"] li')].filter((li) => li.textContent?.includes("user-service breaker CLOSED → OPEN")).length;
    const before = opened();
    new MutationObserver(() => {
      const word = document.querySelector('[data-testid="breaker-card-user-service"] [data-testid="breaker-state"]')?.textContent;
      if (!shown.card && word === "OPEN") shown.card = Date.now();
      if (!shown.timeline && opened() > before) shown.timeline = Date.now();
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const faults = page.getByRole("form", { name: "Inject a fault" });
  await faults.getByLabel("Service").selectOption("user-service");
  await faults.getByRole("radio", { name: "Fail" }).check();
  const injectedAt = Date.now();
  await faults.getByRole("button", { name: "Inject fault" }).click();
  await expect(page.getByTestId("fault-table").locator('tr[data-service="user-service"]')).toContainText("fail", { timeout: 10_000 });
  const load = page.getByRole("form", { name: "Generate load" });
  await load.getByLabel("Rate (requests/s)").fill("10");
  await load.getByLabel("Duration (s)").fill("30");
  await load.getByLabel("Requests", { exact: true }).selectOption("orders");
  await load.getByRole("button", { name: "Start load" }).click();
  await expect(page.getByTestId("load-run")).toBeVisible({ timeout: 10_000 });

  // The breaker opens in DynamoDB: its opened_at, read through the console's API.
  let openedAt = 0;
  await expect(async () => {
    const snapshot = (await (await request.get("/api/resilience/state")).json()) as { circuits: { service: string; breaker: { state: string; openedAt: number | null } }[] };
    const b = snapshot.circuits.find((c) => c.service === "user-service")?.breaker;
    expect(b?.state).toBe("OPEN");
    expect(b?.openedAt ?? 0).toBeGreaterThan(injectedAt);
    openedAt = b?.openedAt ?? 0;
  }).toPass({ timeout: 60_000, intervals: [250] });
  await expect(user.getByTestId("breaker-state")).toHaveText("OPEN", { timeout: 30_000 });
  await expect(page.getByTestId("timeline-events")).toContainText("user-service breaker CLOSED → OPEN");
  await expect(page.getByTestId("breaker-timeline").locator(".recharts-reference-line")).not.toHaveCount(0);
  await expect(page.getByTestId("timeline-events")).toContainText("fault fail injected into user-service");
  const shown = await page.evaluate(() => (window as unknown as { breakerShown: { card?: number; timeline?: number } }).breakerShown);
  expect(shown.card).toBeDefined();
  expect(shown.timeline).toBeDefined();
  console.log(
    `Breaker opened (DynamoDB opened_at) ${seconds(openedAt - injectedAt)} after the fault; shown on the card ${seconds((shown.card ?? 0) - openedAt)} later, on the timeline ${seconds((shown.timeline ?? 0) - openedAt)} later`,
  );
  // The picture that explains the breaker, at the size the README shows it.
  await page.emulateMedia({ colorScheme: "dark" });
  const cardTop = await user.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  await page.evaluate((y) => window.scrollTo(0, y), cardTop - 72);
  await page.screenshot({ path: path.join(SHOTS, "docs-resilience-open-dark.png"), animations: "disabled" });
  await page.emulateMedia({ colorScheme: "light" });

  // Recover: stop the load, clear the fault, and once the retry time has passed let the health
  // checker take the breaker through HALF_OPEN to CLOSED.
  await load.getByRole("button", { name: "Stop load" }).click();
  await page.getByRole("button", { name: "Recover user-service" }).click();
  await expect(page.getByTestId("fault-table").locator('tr[data-service="user-service"]')).toContainText("none", { timeout: 10_000 });
  await expect(user).toContainText(/Retry time passed/, { timeout: 60_000 });
  await page.getByRole("button", { name: "Run health check now" }).click();
  await expect(page.getByTestId("health-check-result")).toContainText(/user-service healthy .*OPEN → HALF_OPEN → CLOSED/, { timeout: 30_000 });
  await expect(user.getByTestId("breaker-state")).toHaveText("CLOSED", { timeout: 10_000 });
  await expect(page.getByTestId("timeline-events")).toContainText("user-service breaker HALF_OPEN → CLOSED");
  expect(errors).toEqual([]);
});

test("every page, with the lab running, passes axe in both themes", async ({ page }) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    for (const { name, path: url, heading } of PAGES) {
      await page.goto(url);
      await expectHealthyPage(page, heading);
      await expect(page.getByTestId("lab-status")).toHaveText("Running");
      await badgeSettled(page);
      await expect(page.getByTestId("empty-state")).toHaveCount(0);
      // The live panels have their first reading: no skeleton is left.
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
      await page.waitForTimeout(1_000); // the charts draw after their first reading
      await page.screenshot({ path: path.join(SHOTS, `running-${name}-${theme}.png`), fullPage: true, animations: "disabled" });
      expect(await seriousA11yViolations(page), `${name} in ${theme}`).toEqual([]);
    }
  }
  expect(errors).toEqual([]);
});

test("cleanup from the Overview, and the leftover check lists nothing", async ({ page, request }) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  await page.goto("/");
  await page.getByRole("button", { name: "Clean up", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Delete the lab?" });
  await expect(dialog).toContainText("cross-service-lab-services-appmesh");
  await dialog.getByRole("button", { name: "Delete the lab" }).click();
  await expect(page.getByTestId("nothing-remains")).toContainText("Nothing remains", { timeout: 240_000 });
  await expect(page.getByTestId("leftovers")).toHaveCount(0);
  await expect(page.getByTestId("lab-status")).toHaveText("Not deployed");
  // The exercises see it too: step 1.1's check fails again.
  await page.goto("/exercises/1");
  await check(page, "1.1");
  await expect(checkResult(page, "1.1")).toHaveAttribute("data-ok", "false");
  // Starting over: the progress can be forgotten, and the rings show it.
  for (const n of [1, 2, 3, 4]) expect((await request.delete(`/api/exercises/progress?exercise=${n}`)).ok()).toBe(true);
  await page.reload();
  for (const n of [1, 2, 3, 4]) await expect(page.getByRole("img", { name: `Exercise ${n} progress: 0%` })).toBeVisible();
  expect(errors).toEqual([]);
});
