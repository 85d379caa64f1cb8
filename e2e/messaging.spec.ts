import path from "node:path";
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  ListTopicsCommand,
  SNSClient,
  SubscribeCommand,
} from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { dlqName, MAX_RECEIVE_COUNT, QUEUES, type QueueName, SUBSCRIPTIONS, TOPICS } from "../lib/lab/contract";
import { expectHealthyPage, seriousA11yViolations, watchErrors } from "./pages";

// The full lab deploy is a colleague's work in progress, so this fixture builds the messaging
// tier itself on the test emulator, exactly as lib/lab/contract.ts describes it, and removes
// what it made afterwards (the other specs expect an undeployed lab).
test.describe.configure({ mode: "serial" });

const EMULATOR = `http://127.0.0.1:${process.env.EMULATOR_PORT || 4666}`;
const aws = { region: "us-east-1", endpoint: EMULATOR, credentials: { accessKeyId: "test", secretAccessKey: "test" } };
const sns = new SNSClient(aws);
const sqs = new SQSClient(aws);

const EVENT_TOPICS = [TOPICS.orderEvents, TOPICS.userEvents, TOPICS.inventoryEvents];
const LAB_QUEUES = Object.values(QUEUES) as QueueName[];
const urls: Record<string, string> = {};
const created = { topics: [] as string[], queues: [] as string[] };

async function queueUrl(name: string): Promise<string | undefined> {
  try {
    return (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl;
  } catch {
    return undefined;
  }
}

async function depth(queue: string): Promise<{ visible: number; inFlight: number }> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: urls[queue], AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }),
  );
  return { visible: Number(Attributes?.ApproximateNumberOfMessages), inFlight: Number(Attributes?.ApproximateNumberOfMessagesNotVisible) };
}

test.beforeAll(async () => {
  // Specs share one emulator; start from an empty one so an earlier spec's lab cannot collide.
  const reset = await fetch(`${EMULATOR}/_lab/reset`, { method: "POST" });
  if (!reset.ok) throw new Error(`emulator reset failed: ${reset.status}`);
  const existingTopics = new Set(((await sns.send(new ListTopicsCommand({}))).Topics ?? []).map((t) => t.TopicArn?.split(":").pop()));
  const queueArn = async (url: string) => (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }))).Attributes?.QueueArn as string;
  const arns: Record<string, string> = {};
  for (const queue of LAB_QUEUES) {
    for (const name of [dlqName(queue), queue]) {
      const existing = await queueUrl(name);
      const attributes: Record<string, string> =
        name === queue ? { VisibilityTimeout: "5", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arns[dlqName(queue)], maxReceiveCount: MAX_RECEIVE_COUNT }) } : {};
      urls[name] = existing ?? ((await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl as string);
      if (!existing) created.queues.push(urls[name]);
      arns[name] = await queueArn(urls[name]);
    }
  }
  const topicArns: Record<string, string> = {};
  for (const topic of EVENT_TOPICS) {
    topicArns[topic] = (await sns.send(new CreateTopicCommand({ Name: topic }))).TopicArn as string;
    if (!existingTopics.has(topic)) created.topics.push(topicArns[topic]);
  }
  for (const s of SUBSCRIPTIONS) {
    await sns.send(
      new SubscribeCommand({
        TopicArn: topicArns[s.topic],
        Protocol: "sqs",
        Endpoint: arns[s.queue],
        Attributes: { RawMessageDelivery: String(s.rawMessageDelivery), ...(s.filterPolicy ? { FilterPolicy: JSON.stringify(s.filterPolicy) } : {}) },
      }),
    );
  }
});

test.afterAll(async () => {
  // Deleting a topic deletes its subscriptions.
  for (const TopicArn of created.topics) await sns.send(new DeleteTopicCommand({ TopicArn }));
  for (const QueueUrl of created.queues) await sqs.send(new DeleteQueueCommand({ QueueUrl }));
});

const queueRow = (page: Page, queue: string) => page.locator(`[data-testid="queue-row"][data-queue="${queue}"]`);
const legend = (row: Locator, series: "visible" | "inFlight" | "dlq" | "rate") => row.locator(`[data-series="${series}"]`);
const decision = (page: Page, queue: string) => page.locator(`[data-testid="preview-decision"][data-queue="${queue}"]`);
const branch = (page: Page, queue: string) => page.locator(`[data-testid="flow-branch"][data-queue="${queue}"]`);

async function openMessaging(page: Page) {
  await page.goto("/messaging");
  await expectHealthyPage(page, "Messaging");
  await expect(page.getByTestId("empty-state")).toHaveCount(0);
  // The queue charts have their first sample.
  await expect(legend(queueRow(page, "notifications"), "visible")).toContainText(/\d+ msg/);
}

test("an invalid attribute is explained next to its field, and rows are keyboard-friendly", async ({ page }) => {
  const errors = watchErrors(page);
  await openMessaging(page);
  const rows = page.getByTestId("attribute-row");
  await expect(rows).toHaveCount(1);

  await page.getByRole("button", { name: "Add attribute" }).click();
  const name = page.getByLabel("Name of attribute 2");
  await expect(name, "adding a row moves focus to its name").toBeFocused();
  await name.fill("AWS.trace");
  await page.getByLabel("Type of attribute 2").selectOption("Number");
  await page.getByLabel("Value of attribute 2").fill("ten");
  await page.getByLabel("Value of attribute 2").blur();

  const row = page.getByRole("group", { name: "Attribute 2" });
  await expect(row.locator(".error")).toHaveText(["The prefixes AWS. and Amazon. are reserved.", "Enter a number, like 42, -3.5 or 1e6."]);
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription("The prefixes AWS. and Amazon. are reserved.");
  await expect(page.getByLabel("Value of attribute 2")).toHaveAccessibleDescription("Enter a number, like 42, -3.5 or 1e6.");
  // The preview leaves the broken row out and says so.
  await expect(page.getByTestId("preview-summary")).toContainText("1 attribute with an error is left out.");

  // Sending is refused, and focus goes to the first field to fix.
  await page.getByRole("button", { name: "Publish to order-events" }).click();
  await expect(page.getByRole("status").filter({ hasText: "highlighted" })).toHaveText("Fix the 2 highlighted fields to publish.");
  await expect(name).toBeFocused();

  // A duplicate name is caught as well.
  await name.fill("eventType");
  await expect(row.locator(".error").first()).toHaveText("Attribute 1 has this name; names must be unique.");

  // Remove the row with the keyboard; focus lands on the row before it.
  await page.getByRole("button", { name: "Remove attribute 2 (eventType)" }).focus();
  await page.keyboard.press("Enter");
  await expect(rows).toHaveCount(1);
  await expect(page.getByLabel("Name of attribute 1")).toBeFocused();
  expect(errors).toEqual([]);
});

test("order_shipped: the preview predicts the filters, the flow confirms them, the depth rises", async ({ page }) => {
  const errors = watchErrors(page);
  await openMessaging(page);
  const before = { notifications: await depth("notifications"), analytics: await depth("analytics"), orderProcessing: await depth("order-processing") };
  await expect(legend(queueRow(page, "notifications"), "visible")).toHaveText(`Visible${before.notifications.visible} msg`);

  await page.getByRole("button", { name: "order_shipped" }).click();
  await expect(page.getByLabel("Value of attribute 1")).toHaveValue("order_shipped");

  // Before sending: which subscriptions take it, and the key that decides.
  await expect(page.getByTestId("preview-summary")).toHaveText("2 of 3 subscriptions of order-events will receive this message.");
  await expect(decision(page, "order-processing")).toContainText("Dropped");
  await expect(decision(page, "order-processing")).toContainText("eventType = order_shipped is not in [order_created, order_cancelled]");
  await expect(decision(page, "notifications")).toContainText("Will receive");
  await expect(decision(page, "notifications")).toContainText("eventType = order_shipped is in [order_created, order_shipped]");
  await expect(decision(page, "notifications")).toContainText("raw delivery");
  await expect(decision(page, "analytics")).toContainText("Will receive");
  await expect(decision(page, "analytics")).toContainText("No filter policy: it takes every event");
  await expect(decision(page, "analytics")).toContainText("SNS envelope");

  // The preview follows the attribute as it is typed.
  await page.getByLabel("Value of attribute 1").fill("order_cancelled");
  await expect(decision(page, "order-processing")).toContainText("Will receive");
  await expect(decision(page, "notifications")).toContainText("eventType = order_cancelled is not in [order_created, order_shipped]");
  await page.getByLabel("Value of attribute 1").fill("order_shipped");

  await page.getByRole("button", { name: "Publish to order-events" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Published" })).toContainText(/Published [0-9a-f]{8}… to order-events/);

  // The flow, from the emulator's flow log.
  await expect(branch(page, "order-processing")).toHaveAttribute("data-outcome", "dropped");
  await expect(branch(page, "order-processing")).toContainText("eventType = order_shipped is not in [order_created, order_cancelled]");
  await expect(branch(page, "order-processing").getByTestId("flow-outcome")).toHaveText("Not delivered: the filter dropped it");
  for (const [queue, consumer] of [
    ["notifications", "notification-service (ECS service)"],
    ["analytics", "analytics-consumer (Lambda)"],
  ]) {
    await expect(branch(page, queue)).toHaveAttribute("data-outcome", "waiting");
    await expect(branch(page, queue)).toContainText(consumer);
    await expect(branch(page, queue).getByTestId("flow-outcome")).toHaveText("Waiting in the queue for a consumer");
  }
  await expect(page.getByTestId("flow-status")).toContainText("Following this message");

  // The queues really got it, and the charts rise with them.
  await expect.poll(async () => (await depth("notifications")).visible).toBe(before.notifications.visible + 1);
  expect((await depth("analytics")).visible).toBe(before.analytics.visible + 1);
  expect((await depth("order-processing")).visible).toBe(before.orderProcessing.visible);
  const notifications = queueRow(page, "notifications");
  await expect(legend(notifications, "visible")).toHaveText(`Visible${before.notifications.visible + 1} msg`);
  await expect(legend(queueRow(page, "analytics"), "visible")).toHaveText(`Visible${before.analytics.visible + 1} msg`);
  await expect(legend(queueRow(page, "order-processing"), "visible")).toHaveText(`Visible${before.orderProcessing.visible} msg`);
  // One delivery in the last 5 s: 0.2 msg/s.
  await expect(legend(notifications, "rate")).toHaveText("Published0.2 msg/s");
  await expect(notifications.locator("figcaption")).toContainText(`Visible ${before.notifications.visible + 1} msg`);
  // The area is drawn, and its top sits above the chart's baseline.
  const area = notifications.locator(".recharts-area-area").first();
  await expect(area).toHaveAttribute("d", /\d/);
  const box = await area.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThan(5);
  expect(errors).toEqual([]);
});

test("a poison message fails three receives, lands in the DLQ, and is redriven", async ({ page }) => {
  const errors = watchErrors(page);
  await openMessaging(page);
  const orderProcessing = queueRow(page, "order-processing");
  const dlq = orderProcessing.getByTestId("dlq");
  await expect(dlq).toContainText("Empty");

  await page.getByRole("button", { name: "Send a poison message" }).click();
  // Poison passes every filter: all three queues on order-events take it.
  for (const queue of ["order-processing", "notifications", "analytics"]) await expect(branch(page, queue)).toHaveAttribute("data-outcome", "waiting");
  await expect.poll(async () => (await depth("order-processing")).visible).toBe(1);

  // Play inventory-service failing it: receive without deleting, three times. The next receive
  // finds the receive count above maxReceiveCount and SQS moves the message to the DLQ.
  for (let attempt = 1; attempt <= MAX_RECEIVE_COUNT; attempt++) {
    const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl: urls["order-processing"], VisibilityTimeout: 1, WaitTimeSeconds: 5, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }));
    expect(r.Messages?.length).toBe(1);
    expect(JSON.parse(r.Messages?.[0].Body ?? "{}").poison).toBe(true);
    expect(r.Messages?.[0].Attributes?.ApproximateReceiveCount).toBe(String(attempt));
  }
  await expect
    .poll(async () => {
      await sqs.send(new ReceiveMessageCommand({ QueueUrl: urls["order-processing"], VisibilityTimeout: 1, WaitTimeSeconds: 1 }));
      return (await depth(dlqName(QUEUES.orderProcessing))).visible;
    })
    .toBe(1);

  await expect(branch(page, "order-processing")).toHaveAttribute("data-outcome", "dead-lettered");
  await expect(branch(page, "order-processing").getByTestId("flow-outcome")).toContainText("Failed 3 times: moved to order-processing-dlq");
  await expect(dlq).toContainText("1 message failed 3 times");
  await expect(legend(orderProcessing, "dlq")).toHaveText("DLQ1 msg");
  await expect(legend(orderProcessing, "visible")).toHaveText("Visible0 msg");

  // Peek into the DLQ: the poison body, without receiving it.
  await dlq.getByRole("button", { name: "Peek into order-processing-dlq" }).click();
  const peeked = orderProcessing.getByTestId("peek-message");
  await expect(peeked).toHaveCount(1);
  await expect(peeked).toContainText('"poison":true');
  await expect(peeked).toContainText("eventType = order_created");
  // Three failed receives, and the fourth that moved it.
  await expect(peeked.locator("td").nth(3)).toHaveText(String(MAX_RECEIVE_COUNT + 1));
  expect((await depth(dlqName(QUEUES.orderProcessing))).visible, "peeking received nothing").toBe(1);

  await dlq.getByRole("button", { name: "Redrive 1 to order-processing" }).click();
  await expect(dlq.getByTestId("redrive")).toContainText("Redrive done: moved 1 of 1 to order-processing");
  await expect(dlq).toContainText("Empty");
  await expect(legend(orderProcessing, "dlq")).toHaveText("DLQ0 msg");
  await expect(legend(orderProcessing, "visible")).toHaveText("Visible1 msg");
  await expect(orderProcessing.getByTestId("peek")).toContainText("order-processing-dlq is empty.");
  const back = await sqs.send(new ReceiveMessageCommand({ QueueUrl: urls["order-processing"], VisibilityTimeout: 1, WaitTimeSeconds: 2 }));
  expect(JSON.parse(back.Messages?.[0].Body ?? "{}").poison, "the poison message is back in its source queue").toBe(true);
  expect(errors).toEqual([]);
});

test("purge asks first, naming the queue, its messages and the target", async ({ page }) => {
  await openMessaging(page);
  const notifications = queueRow(page, "notifications");
  const count = (await depth("notifications")).visible;
  expect(count).toBeGreaterThan(0);

  await notifications.getByRole("button", { name: "Purge… notifications" }).click();
  const dialog = page.getByRole("dialog", { name: "Purge notifications?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`This deletes all ${count} messages in notifications on Local emulator · us-east-1.`);
  await dialog.getByRole("button", { name: "Keep the messages" }).click();
  await expect(dialog).toBeHidden();
  expect((await depth("notifications")).visible).toBe(count);

  await notifications.getByRole("button", { name: "Purge… notifications" }).click();
  await dialog.getByRole("button", { name: "Purge notifications" }).click();
  await expect(dialog).toBeHidden();
  await expect(notifications.getByRole("status")).toHaveText("Purged notifications: its messages are deleted.");
  await expect.poll(async () => (await depth("notifications")).visible).toBe(0);
  await expect(legend(notifications, "visible")).toHaveText("Visible0 msg");
});

for (const theme of ["light", "dark"] as const) {
  test(`the bench in the ${theme} theme: screenshot and axe`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: theme });
    const errors = watchErrors(page);
    await openMessaging(page);
    await page.getByRole("button", { name: "stock_low" }).click();
    await page.getByLabel("Value of attribute 2").fill("50");
    await expect(decision(page, "notifications")).toContainText("quantity = 50 is not < 10");
    await page.getByLabel("Value of attribute 2").fill("4");
    await page.getByRole("button", { name: "Publish to inventory-events" }).click();
    await expect(branch(page, "notifications")).toHaveAttribute("data-outcome", "waiting");
    await queueRow(page, "order-processing").getByRole("button", { name: "Peek into order-processing", exact: true }).click();
    await expect(queueRow(page, "order-processing").getByTestId("peek-message")).toHaveCount(1);
    // A few seconds of history on the charts.
    await page.waitForTimeout(3_000);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(testInfo.project.outputDir, "screenshots", `messaging-bench-${theme}.png`), fullPage: true, animations: "disabled" });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
}
