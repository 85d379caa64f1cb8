import path from "node:path";
import { CreateQueueCommand, DeleteQueueCommand, GetQueueUrlCommand, SQSClient } from "@aws-sdk/client-sqs";
import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { expectHealthyPage, seriousA11yViolations, watchErrors } from "./pages";

// One learner's session on the local emulator: deploy the real lab from the Overview,
// watch it come up, use it, clean up, and see that nothing remains.
test.describe.configure({ mode: "serial" });

const shot = (page: Page, testInfo: TestInfo, name: string) =>
  page.screenshot({ path: path.join(testInfo.project.outputDir, "screenshots", `${name}.png`), animations: "disabled" });

async function inBothThemes(page: Page, testInfo: TestInfo, name: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await shot(page, testInfo, `${name}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

// Playwright empties test-results/ (and so the lab's data) before a run; a run with another
// --output keeps the emulator's state, so start from an empty emulator either way.
const EMULATOR = `http://127.0.0.1:${Number(process.env.EMULATOR_PORT || 4666)}`;
test.beforeAll(async ({ request }) => {
  expect((await request.post(`${EMULATOR}/_lab/reset`)).ok()).toBe(true);
});

test("deploy the lab from the Overview, use it, clean up, and nothing remains", async ({ page, request }, testInfo) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await page.goto("/");
  await expectHealthyPage(page, "Overview");
  const status = page.getByTestId("lab-status");
  await expect(status).toHaveText("Not deployed");
  await expect(page.getByTestId("empty-state")).toContainText("Not deployed yet — Deploy the lab");

  // Locally both variants are offered; App Mesh is the seed's.
  const appMesh = page.getByRole("radio", { name: /^App Mesh/ });
  await expect(appMesh).toBeEnabled();
  await expect(appMesh).toBeChecked();
  await expect(page.getByRole("radio", { name: /^ECS Service Connect/ })).toBeEnabled();
  // The TTL (4 h by default) and what the same lab costs per hour on AWS.
  await expect(page.getByLabel("Remove the lab after")).toHaveValue("4");
  await expect(page.getByTestId("projected-cost")).toHaveText(/^Free here on the local emulator; on AWS \(us-east-1\) the same lab costs about \$0\.\d\d\/h\.$/);
  await inBothThemes(page, testInfo, "overview-not-deployed");
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Keyboard: the variant, the TTL and the button are reachable and work without a mouse.
  await appMesh.focus();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Remove the lab after")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Deploy the lab" })).toBeFocused();
  const deployedFrom = Date.now();
  await page.keyboard.press("Enter");

  // Progress: "Deploying n/m" in the Overview and in the top bar, events as they happen.
  await expect(page.getByTestId("job-progress")).toBeVisible();
  await expect(page.getByTestId("job-progress")).toContainText(/Deploying (\d+\/\d+|…)/);
  await expect(status).toHaveText(/Deploying \d+\/\d+|Running/);
  await shot(page, testInfo, "overview-deploying-light");

  await expect(status).toHaveText("Running", { timeout: 180_000 });
  const deployMs = Date.now() - deployedFrom;
  await expect(page.getByTestId("job-success")).toContainText("Deployed");
  await expect(page.getByTestId("job-success")).toContainText("targets healthy");
  await expect(page.getByTestId("lab-running")).toContainText("App Mesh");
  // The TTL stack's countdown: 4 h from the deploy, to the minute.
  await expect(page.getByTestId("lab-ttl")).toHaveText(/removes itself in (3 h 5\d min|4 h 0 min)/);
  for (const stack of ["bootstrap", "ttl", "network", "messaging", "resilience", "services-appmesh"]) {
    await expect(page.getByTestId(`stack-cross-service-lab-${stack}`)).toContainText("CREATE_COMPLETE");
  }
  const events = page.getByRole("region", { name: "Events of cross-service-lab-messaging" });
  await expect(events.getByText("OrderEventsTopic", { exact: true })).toBeVisible();
  const outputs = page.getByTestId("outputs-table");
  await expect(outputs).toContainText("ORDER_EVENTS_TOPIC_ARN");
  await expect(outputs).toContainText("arn:aws:sns:us-east-1:000000000000:order-events");
  await expect(outputs).toContainText("ALB_DNS_NAME");
  await inBothThemes(page, testInfo, "overview-running");
  expect(await seriousA11yViolations(page)).toEqual([]);

  // The lab is real: the load balancer answers through the mesh.
  const lab = await (await request.get("/api/lab/status")).json();
  const alb = `http://127.0.0.1:${lab.outputs.ListenerPort}`;
  const user = await request.get(`${alb}/users/123`);
  expect(user.status()).toBe(200);
  const order = await request.post(`${alb}/orders`, { data: { user_id: 123, items: [{ product_id: "prod-123", quantity: 2 }] } });
  expect(order.status()).toBe(201);

  // A page reload keeps the report of the last job.
  await page.reload();
  await expect(page.getByTestId("job-success")).toContainText("Deployed");

  // Cleanup: one confirmation locally, naming what goes and where.
  await page.getByRole("button", { name: "Clean up", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Delete the lab?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Local emulator · 000000000000 · us-east-1");
  await expect(dialog).toContainText("cross-service-lab-services-appmesh");
  await expect(dialog).toContainText("cross-service-lab-bootstrap");
  await inBothThemes(page, testInfo, "overview-cleanup-dialog");
  // Escape closes without deleting.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(status).toHaveText("Running");

  await page.getByRole("button", { name: "Clean up", exact: true }).click();
  const cleanedFrom = Date.now();
  await dialog.getByRole("button", { name: "Delete the lab" }).click();
  await expect(page.getByTestId("nothing-remains")).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId("nothing-remains")).toContainText("Nothing remains");
  const cleanupMs = Date.now() - cleanedFrom;
  await expect(status).toHaveText("Not deployed");
  await expect(page.getByTestId("job-success")).toContainText("Cleaned up");
  await expect(page.getByTestId("stack-cross-service-lab-bootstrap")).toContainText("Not deployed");
  await inBothThemes(page, testInfo, "overview-cleaned-up");
  expect(await seriousA11yViolations(page)).toEqual([]);
  // The ALB is gone with its stack.
  await expect(request.get(`${alb}/users/123`, { timeout: 3_000 })).rejects.toThrow();

  testInfo.annotations.push({ type: "timing", description: `deploy to Running ${(deployMs / 1000).toFixed(1)} s; cleanup to Nothing remains ${(cleanupMs / 1000).toFixed(1)} s (browser clock)` });
  console.log(`deploy to Running: ${(deployMs / 1000).toFixed(1)} s; cleanup to "Nothing remains": ${(cleanupMs / 1000).toFixed(1)} s`);
  expect(errors).toEqual([]);
});

test("when the target does not answer, the Overview says why and what to do", async ({ page }, testInfo) => {
  // An AWS profile that does not exist: nothing leaves the machine.
  await page.goto("/settings");
  await page.getByRole("radio", { name: /AWS account/ }).check();
  await page.getByLabel("AWS profile").fill("lab-e2e-ghost");
  await page.getByLabel("Region").fill("eu-west-1");
  await page.getByRole("button", { name: "Save target" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  try {
    await page.goto("/");
    await expect(page.getByTestId("lab-status")).toHaveText("Status unknown");
    const alert = page.getByRole("alert").filter({ hasText: "The lab's state cannot be read" });
    await expect(alert).toContainText("could not load credentials for profile 'lab-e2e-ghost'");
    await expect(alert.getByRole("link", { name: "Settings" })).toHaveAttribute("href", "/settings");
    await expect(page.getByRole("button", { name: "Deploy the lab" })).toHaveCount(0);
    await inBothThemes(page, testInfo, "overview-unreachable");
    expect(await seriousA11yViolations(page)).toEqual([]);
  } finally {
    await page.goto("/settings");
    await page.getByRole("radio", { name: /Local emulator/ }).check();
    await page.getByLabel("Region").fill("us-east-1");
    await page.getByRole("button", { name: "Save target" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  }
});

test("a failed deploy names the resource that failed first, in full, and the rollback; cleanup still leaves nothing", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  // A queue named like the lab's, with other attributes: SQS refuses to create the lab's own.
  const sqs = new SQSClient({ endpoint: EMULATOR, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
  await sqs.send(new CreateQueueCommand({ QueueName: "notifications", Attributes: { DelaySeconds: "7" } }));
  try {
    await page.goto("/");
    await page.getByRole("radio", { name: /^ECS Service Connect/ }).check();
    await page.getByRole("button", { name: "Deploy the lab" }).click();
    const failure = page.getByTestId("job-failure");
    await expect(failure).toBeVisible({ timeout: 120_000 });
    await expect(failure).toContainText("Deploy failed at cross-service-lab-messaging");
    await expect(failure).toContainText("Root cause");
    await expect(failure).toContainText("NotificationsQueue");
    await expect(failure).toContainText("CREATE_FAILED");
    await expect(failure).toContainText("ROLLBACK_COMPLETE");
    await expect(failure).not.toContainText("Resource creation cancelled");
    // The reason in the timeline is CloudFormation's own, in full.
    const full = (await failure.getByTestId("root-cause-reason").textContent()) ?? "";
    expect(full).toMatch(/exists/i);
    const reason = page.getByTestId("resource-failure").first();
    await expect(reason).toContainText("CREATE_FAILED: ResourceStatusReason");
    await expect(reason).toContainText(full.trim());
    await expect(page.getByTestId("lab-status")).toHaveText("Failed");
    await expect(page.getByTestId("stack-cross-service-lab-messaging")).toContainText("ROLLBACK_COMPLETE");
    await inBothThemes(page, testInfo, "overview-failed");
    expect(await seriousA11yViolations(page)).toEqual([]);
  } finally {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: "notifications" }));
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
  }
  await page.getByRole("button", { name: "Clean up", exact: true }).click();
  await page.getByRole("dialog", { name: "Delete the lab?" }).getByRole("button", { name: "Delete the lab" }).click();
  await expect(page.getByTestId("nothing-remains")).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId("lab-status")).toHaveText("Not deployed");
});
