import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { startTestGateway, type TestGateway } from "./harness.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

describe("message-flow log (/_lab/flow)", () => {
  let gw: TestGateway;
  let sns: SNSClient;
  let sqs: SQSClient;
  let topicArn: string;
  const urls: Record<string, string> = {};
  const flow = (q = "") => fetch(`${gw.url}/_lab/flow${q}`).then((r) => r.json());

  before(async () => {
    gw = await startTestGateway();
    sns = new SNSClient(gw.clientConfig);
    sqs = new SQSClient(gw.clientConfig);
    topicArn = (await sns.send(new CreateTopicCommand({ Name: "inventory-events" }))).TopicArn!;
    const dlq = (await sqs.send(new CreateQueueCommand({ QueueName: "notifications-dlq" }))).QueueUrl!;
    const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ["QueueArn"] }))).Attributes!.QueueArn!;
    for (const [name, policy] of [
      ["notifications", '{"eventType":["stock_low"],"quantity":[{"numeric":["<",10]}]}'],
      ["order-processing", '{"eventType":["order_created","order_cancelled"]}'],
      ["analytics", undefined],
    ] as const) {
      const attrs: Record<string, string> = name === "notifications" ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) } : {};
      urls[name] = (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attrs }))).QueueUrl!;
      const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: urls[name], AttributeNames: ["QueueArn"] }))).Attributes!.QueueArn!;
      await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "sqs", Endpoint: arn, Attributes: { ...(policy ? { FilterPolicy: policy } : {}), RawMessageDelivery: name === "analytics" ? "false" : "true" } }));
    }
  });
  after(() => gw.stop());

  it("records each publish with per-subscription decisions, reasons and deliveries", async () => {
    const attrs = (eventType: string, quantity: string) => ({ eventType: { DataType: "String", StringValue: eventType }, quantity: { DataType: "Number", StringValue: quantity } });
    const low = await sns.send(new PublishCommand({ TopicArn: topicArn, Message: "low", MessageAttributes: attrs("stock_low", "3") }));
    const plenty = await sns.send(new PublishCommand({ TopicArn: topicArn, Message: "plenty", MessageAttributes: attrs("stock_low", "50") }));
    const { entries } = await flow("?limit=2");
    assert.equal(entries.length, 2);
    assert.deepEqual(
      entries.map((e: any) => e.messageId),
      [plenty.MessageId, low.MessageId],
      "newest first",
    );
    const byQueue = (e: any) => Object.fromEntries(e.subscriptions.map((s: any) => [s.queueName, s]));
    const p = byQueue(entries[0]);
    assert.equal(p.notifications.matched, false);
    assert.equal(p.notifications.delivered, false);
    assert.equal(p.notifications.decidingKey, "quantity");
    assert.deepEqual(
      p.notifications.keys.map((k: any) => k.reason),
      ['eventType: "stock_low" is in ["stock_low"]', "quantity: 50 is not < 10"],
    );
    assert.equal(p["order-processing"].keys[0].reason, 'eventType: "stock_low" not in ["order_created","order_cancelled"]');
    assert.equal(p.analytics.matched, true);
    assert.equal(p.analytics.delivered, true);
    assert.equal(p.analytics.rawMessageDelivery, false);
    const l = byQueue(entries[1]);
    assert.equal(l.notifications.matched, true);
    assert.equal(l.notifications.delivered, true);
    assert.equal(l.notifications.consumption.state, "ready");
    assert.deepEqual(l.notifications.filterPolicy, { eventType: ["stock_low"], quantity: [{ numeric: ["<", 10] }] });
    assert.equal(entries[1].messageAttributes.quantity.StringValue, "3");
  });

  it("follows consumption: in flight, deleted, moved to the DLQ", async () => {
    const a = await sqs.send(new ReceiveMessageCommand({ QueueUrl: urls.analytics, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }));
    await sqs.send(new DeleteMessageCommand({ QueueUrl: urls.analytics, ReceiptHandle: a.Messages![0].ReceiptHandle }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: urls.notifications, VisibilityTimeout: 0 }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: urls.notifications }));
    const { entries } = await flow();
    const states = entries.map((e: any) => Object.fromEntries(e.subscriptions.filter((s: any) => s.delivered).map((s: any) => [s.queueName, s.consumption.state])));
    assert.deepEqual(states[1], { notifications: "moved-to-dlq", analytics: "deleted" });
    assert.deepEqual(states[0], { analytics: "in-flight" });
  });

  it("filters by topic and empties on reset", async () => {
    const other = (await sns.send(new CreateTopicCommand({ Name: "user-events" }))).TopicArn!;
    await sns.send(new PublishCommand({ TopicArn: other, Message: "x" }));
    assert.equal((await flow("?topic=user-events")).entries.length, 1);
    assert.equal((await flow(`?topic=${encodeURIComponent(topicArn)}`)).entries.length, 2);
    assert.equal((await fetch(`${gw.url}/_lab/reset`, { method: "POST" })).status, 200);
    assert.equal((await flow()).entries.length, 0);
    const queues = await fetch(`${gw.url}/_lab/sqs/queues`).then((r) => r.json());
    assert.deepEqual(queues.queues, [], "reset purges queues too");
  });
});
