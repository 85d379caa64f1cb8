import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { SERVICES } from "../lib/lab/contract.ts";
import { cleanup, clients, fireAlarm, putLabMetrics, putThreeHopTrace, putUserServiceLogs, SEEDED } from "./observability-fixture.ts";
import { expectHealthyPage, seriousA11yViolations, THEMES, watchErrors } from "./pages";

// The Observability page reads what the lab's services write to CloudWatch, X-Ray and Logs. The
// fixture writes those signals straight to the test emulator, so the page is tested without a
// deployed lab; it removes what it can afterwards (metrics and traces cannot be deleted). The
// tests only read what beforeAll wrote, or clean up what they add, so each stands alone.

const EMULATOR = `http://127.0.0.1:${process.env.EMULATOR_PORT || 4666}`;
const aws = clients(EMULATOR);
const made: { topicArn?: string; alarms: string[] } = { alarms: [SEEDED.alarm] };
const CUSTOM_ALARM = "e2e-custom-latency";
let traceId = "";

test.beforeAll(async () => {
  // Specs share one emulator; start from an empty one so an earlier spec's lab cannot collide.
  const reset = await fetch(`${EMULATOR}/_lab/reset`, { method: "POST" });
  if (!reset.ok) throw new Error(`emulator reset failed: ${reset.status}`);
  traceId = await putThreeHopTrace(aws);
  await putUserServiceLogs(aws);
  const fired = await fireAlarm(aws);
  if (fired.createdTopic) made.topicArn = fired.topicArn;
});

test.afterAll(async () => {
  await cleanup(aws, made);
});

async function openObservability(page: Page) {
  await page.goto("/observability");
  await expectHealthyPage(page, "Observability");
}

const panel = (page: Page, title: string) => page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: title, exact: true }) });

test("the charts show the lab's metrics, each with a text summary of its latest values", async ({ page }) => {
  const errors = watchErrors(page);
  await putLabMetrics(aws);
  await openObservability(page);
  await page.getByRole("radio", { name: "1 m (1 minute)" }).check();
  const metrics = panel(page, "Metrics");
  const caption = (id: string) => metrics.getByTestId(`chart-${id}`).locator("figcaption");
  // Sums per 5 s period become rates: 12 requests → 2.4 req/s.
  await expect(caption("requests")).toContainText(`${SERVICES.order} 2.4 req/s`);
  await expect(caption("requests")).toContainText(`${SERVICES.user} 1.2 req/s`);
  await expect(caption("errors")).toContainText(`${SERVICES.order} 0.6 errors/s`);
  // Latency was written as raw values 20, 40, 80 ms, so CloudWatch has percentiles.
  await expect(caption("latency")).toContainText("p50 40 ms");
  await expect(caption("latency")).toContainText("p99 80 ms");
  await expect(caption("breakers")).toContainText(`${SERVICES.user} OPEN`);
  await expect(caption("breakers")).toContainText(`${SERVICES.inventory} CLOSED`);
  await expect(caption("breakers").getByText("OPEN", { exact: true })).toBeVisible();
  await expect(caption("events")).toContainText("order_created 0.8 events/s");

  // The lab dashboard is not deployed here: the page says so and what creates it.
  await metrics.getByRole("button", { name: "Dashboard cross-service-lab" }).click();
  await expect(metrics).toContainText("The dashboard cross-service-lab does not exist on this target");
  expect(errors).toEqual([]);
});

test("an alarm in ALARM shows its reason and reaches the inbox", async ({ page }) => {
  await openObservability(page);
  const row = panel(page, "Alarms").getByTestId("alarm-row").filter({ hasText: SEEDED.alarm });
  await expect(row).toContainText("ALARM");
  await expect(row).toContainText(SEEDED.alarmReason);
  await expect(row).toContainText("notifies lab-alarms");
  await expect(row.getByText(/^changed/)).toContainText(/ago|now/);
  await expect(row.locator("time").first()).toHaveAttribute("title", /\d/);
  await expect(row.getByRole("img")).toHaveAttribute("aria-label", /ALARM/);

  const inbox = panel(page, "Alarm inbox").getByTestId("inbox-item").filter({ hasText: `ALARM: "${SEEDED.alarm}" in us-east-1` });
  await expect(inbox).toHaveCount(1);
  await expect(inbox).toContainText(`INSUFFICIENT DATA → ALARM: ${SEEDED.alarmReason}`);
});

test("the log tail shows the service's lines, and the filter narrows them", async ({ page }) => {
  await openObservability(page);
  const logs = panel(page, "Logs");
  await logs.getByLabel("Log group").selectOption(SEEDED.logGroup);
  const lines = logs.getByTestId("log-lines");
  for (const text of SEEDED.logLines) await expect(lines).toContainText(text);
  // JSON lines compactly: the level word, the message, then key=value.
  await expect(lines.getByRole("listitem").filter({ hasText: "database timeout" })).toContainText(/ERROR\s*database timeout\s*userId=456\s*ms=5003/);

  await logs.getByLabel("Filter pattern").fill("timeout");
  await logs.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(lines).toContainText("database timeout");
  await expect(lines).not.toContainText("user fetched");

  await logs.getByRole("button", { name: "Pause" }).click();
  await expect(logs.getByRole("button", { name: "Resume" })).toHaveAttribute("aria-pressed", "true");
  await expect(logs.getByTestId("log-status")).toContainText("Paused");
  await logs.getByRole("button", { name: "Resume" }).click();
  await expect(logs.getByTestId("log-status")).toContainText("Live");

  await logs.getByRole("button", { name: "Clear filter" }).click();
  await expect(lines).toContainText("user fetched");
});

test("the service map shows order-service → user-service with its stats; selecting it opens the percentiles and traces", async ({ page }) => {
  await openObservability(page);
  const map = panel(page, "Service map");
  const edge = map.getByTestId(`edge-${SERVICES.order}->${SERVICES.user}`);
  // Colour is never alone: the numbers are written on the edge and in its name.
  await expect(edge.locator("text")).toContainText(/\/s · 0% err/);
  await expect(edge).toHaveAttribute("aria-label", /order-service to user-service, HTTP: [\d.]+ req\/s, 0% errors \(healthy\), p99 40 ms/);

  // Keyboard: the busiest edge is the map's tab stop; Enter opens it.
  await edge.focus();
  await page.keyboard.press("Enter");
  const details = map.getByTestId("edge-details");
  await expect(details.getByRole("heading", { level: 3 })).toHaveText("order-service → user-service");
  for (const p of ["p50", "p90", "p99"]) await expect(details.locator("dl > div").filter({ hasText: p })).toContainText(`${SEEDED.userCallMs} ms`);
  await expect(details.getByRole("list", { name: "Recent traces across this edge" })).toContainText("POST /orders");
  await page.keyboard.press("Escape");
  await expect(details).toHaveCount(0);

  // Mouse: a click on the edge opens it too.
  await edge.locator("text").click();
  await expect(map.getByTestId("edge-details")).toBeVisible();
});

test("a trace opens as a waterfall across its 3 hops: entry, HTTP, SNS → SQS", async ({ page }) => {
  await openObservability(page);
  const traces = panel(page, "Traces");
  const row = traces.locator(`[data-trace-id="${traceId}"]`);
  await expect(row).toContainText("POST /orders");
  await expect(row).toContainText("order-service, user-service, inventory-service");
  await row.getByRole("button").click();
  await expect(traces.getByRole("heading", { name: `Trace ${traceId}` })).toBeVisible();
  await expect(traces.getByTestId("trace-hops")).toHaveText(/order-service\s*entry.*user-service\s*via HTTP.*inventory-service\s*via SNS → SQS/);
  const segments = traces.getByTestId("waterfall-segment");
  await expect(segments).toHaveCount(3);
  await expect(segments.nth(0)).toContainText("order-service");
  await expect(segments.nth(1)).toContainText("user-service");
  await expect(segments.nth(2)).toContainText("inventory-service");
  await expect(traces.getByTestId("waterfall-subsegment").filter({ hasText: "Publish order-events" })).toBeVisible();
});

test("a custom alarm: errors next to the field, then created, listed and deleted", async ({ page }) => {
  const errors = watchErrors(page);
  await openObservability(page);
  const form = page.getByRole("form", { name: "Create a custom alarm" });
  await form.getByLabel("Alarm name").fill(CUSTOM_ALARM);
  await form.getByLabel("Metric").selectOption("CrossServiceLab/Latency/Service=order-service");
  await form.getByLabel("Statistic").selectOption("p99");
  await form.getByLabel("Comparison").selectOption("GreaterThanThreshold");
  await form.getByLabel("Threshold").fill("lots");
  await form.getByLabel("30 s").check();
  await form.getByRole("button", { name: "Create alarm" }).click();
  const threshold = form.getByLabel("Threshold");
  await expect(threshold).toHaveAttribute("aria-invalid", "true");
  await expect(threshold).toHaveAccessibleDescription("Enter a number, such as 5 or 0.5.");
  await expect(form.getByRole("status")).toHaveText("Fix the highlighted field and create again.");
  // The form is rebuilt from the submitted values and focus moves to the bad field: wait for that.
  await expect(threshold).toBeFocused();

  await threshold.fill("500");
  await expect(threshold).toHaveValue("500");
  await form.getByRole("button", { name: "Create alarm" }).click();
  await expect(form.getByRole("status")).toHaveText(`Created ${CUSTOM_ALARM}; it notifies lab-alarms.`);
  made.alarms.push(CUSTOM_ALARM);
  const row = panel(page, "Alarms").getByTestId("alarm-row").filter({ hasText: CUSTOM_ALARM });
  await expect(row).toContainText("CrossServiceLab Latency (Service order-service) p99 > 500 for 1 × 30 s");

  // The same name again is refused, instead of PutMetricAlarm silently replacing it.
  await form.getByLabel("Alarm name").fill(CUSTOM_ALARM);
  await form.getByRole("button", { name: "Create alarm" }).click();
  await expect(form.getByLabel("Alarm name")).toHaveAccessibleDescription(`An alarm named ${CUSTOM_ALARM} exists already; choose another name.`);

  await row.getByRole("button", { name: `Delete alarm ${CUSTOM_ALARM}` }).click();
  await expect(row).toContainText(`Delete ${CUSTOM_ALARM} in us-east-1?`);
  await row.getByRole("button", { name: "Delete alarm", exact: true }).click();
  await expect(row).toHaveCount(0);
  made.alarms = made.alarms.filter((a) => a !== CUSTOM_ALARM);
  expect(errors).toEqual([]);
});

for (const theme of THEMES) {
  test.describe(`${theme} theme`, () => {
    test.use({ colorScheme: theme });

    test("with data, the page passes axe and is captured", async ({ page }, testInfo) => {
      const errors = watchErrors(page);
      await putLabMetrics(aws);
      await openObservability(page);
      await page.getByRole("radio", { name: "1 m (1 minute)" }).check();
      await expect(panel(page, "Metrics").getByTestId("chart-requests").locator("figcaption")).toContainText("2.4 req/s");
      await panel(page, "Logs").getByLabel("Log group").selectOption(SEEDED.logGroup);
      await expect(panel(page, "Logs").getByTestId("log-lines")).toContainText("database timeout");
      await panel(page, "Service map").getByTestId(`edge-${SERVICES.order}->${SERVICES.user}`).locator("text").click();
      await expect(panel(page, "Service map").getByTestId("edge-details")).toContainText("POST /orders");
      await panel(page, "Traces").locator(`[data-trace-id="${traceId}"]`).getByRole("button").click();
      await expect(panel(page, "Traces").getByTestId("waterfall-segment")).toHaveCount(3);
      await page.evaluate(() => window.scrollTo(0, 0));

      await page.screenshot({
        path: path.join(testInfo.project.outputDir, "screenshots", `observability-data-${theme}.png`),
        fullPage: true,
        animations: "disabled",
      });
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  });
}
