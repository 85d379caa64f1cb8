import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { startTestGateway, type TestGateway } from "../../emulator/test/harness.ts";
import type { Target } from "../aws/target.ts";
import { dlqName, MAX_RECEIVE_COUNT, QUEUES, SUBSCRIPTIONS, TOPICS } from "../lab/contract.ts";
import { peekQueue, publishEvent, readFlow, readQueues, readTopology, startRedrive } from "./messaging-sdk.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

// The server side of the Messaging page against a real emulator: discovery by name, both ways of
// reading depths (the inspection API locally, GetQueueAttributes as on AWS), the flow log, peek
// and redrive.
describe("the messaging tier through the SDK", () => {
  let gw: TestGateway;
  let target: Target;
  let sqs: SQSClient;
  const urls: Record<string, string> = {};

  before(async () => {
    gw = await startTestGateway();
    target = { kind: "local", endpoint: gw.url, region: "us-east-1" };
    sqs = new SQSClient(gw.clientConfig);
    const sns = new SNSClient(gw.clientConfig);
    const arn = async (QueueUrl: string) => (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }))).Attributes?.QueueArn as string;
    const arns: Record<string, string> = {};
    for (const q of Object.values(QUEUES)) {
      urls[dlqName(q)] = (await sqs.send(new CreateQueueCommand({ QueueName: dlqName(q) }))).QueueUrl as string;
      arns[dlqName(q)] = await arn(urls[dlqName(q)]);
      const RedrivePolicy = JSON.stringify({ deadLetterTargetArn: arns[dlqName(q)], maxReceiveCount: MAX_RECEIVE_COUNT });
      urls[q] = (await sqs.send(new CreateQueueCommand({ QueueName: q, Attributes: { RedrivePolicy } }))).QueueUrl as string;
      arns[q] = await arn(urls[q]);
    }
    const topics: Record<string, string> = {};
    for (const t of [TOPICS.orderEvents, TOPICS.userEvents, TOPICS.inventoryEvents]) topics[t] = (await sns.send(new CreateTopicCommand({ Name: t }))).TopicArn as string;
    for (const s of SUBSCRIPTIONS) {
      const Attributes = { RawMessageDelivery: String(s.rawMessageDelivery), ...(s.filterPolicy ? { FilterPolicy: JSON.stringify(s.filterPolicy) } : {}) };
      await sns.send(new SubscribeCommand({ TopicArn: topics[s.topic], Protocol: "sqs", Endpoint: arns[s.queue], Attributes }));
    }
  });
  after(() => gw.stop());

  it("finds the tier by name, with filter policies and delivery modes", async () => {
    const t = await readTopology(target);
    assert.equal(t.deployed, true);
    assert.deepEqual(t.missing, []);
    assert.equal(t.subscriptions.length, SUBSCRIPTIONS.length);
    const shipped = t.subscriptions.find((s) => s.topic === "order-events" && s.queue === "notifications");
    assert.deepEqual(shipped?.filterPolicy, { eventType: ["order_created", "order_shipped"] });
    assert.equal(t.subscriptions.find((s) => s.queue === "analytics")?.rawMessageDelivery, false);
    assert.deepEqual(t.queues.map((q) => [q.name, q.dlq?.name, q.dlq?.maxReceiveCount]), [
      ["order-processing", "order-processing-dlq", 3],
      ["notifications", "notifications-dlq", 3],
      ["analytics", "analytics-dlq", 3],
    ]);
  });

  it("publishes, and the flow log, the inspection API and GetQueueAttributes agree", async () => {
    const attributes = [{ id: "a", name: "eventType", type: "String" as const, value: "order_shipped" }];
    const published = await publishEvent(target, { topic: "order-events", body: '{"orderId":"1"}', attributes });
    assert.deepEqual(published.decisions.map((d) => [d.target, d.matched]), [["order-processing", false], ["notifications", true], ["analytics", true]]);

    const flow = await readFlow(target, published.messageId, "order-events");
    assert.deepEqual(flow?.branches.map((b) => [b.target, b.outcome]), [["order-processing", "dropped"], ["notifications", "waiting"], ["analytics", "waiting"]]);

    const viaInspection = await readQueues(target);
    const viaSdk = await readQueues(target, { inspectionApi: false });
    const depths = (s: typeof viaSdk) => s.queues.map((q) => [q.name, q.visible, q.inFlight, q.dlq?.visible]);
    assert.deepEqual(depths(viaInspection), [["order-processing", 0, 0, 0], ["notifications", 1, 0, 0], ["analytics", 1, 0, 0]]);
    assert.deepEqual(depths(viaSdk), depths(viaInspection));
    assert.equal(viaInspection.rateSource, "flow-log");
    assert.equal(viaSdk.rateSource, "console");
    // Both count the delivery just made: the flow log saw it, and so did this console.
    assert.equal(viaInspection.queues[1].publishRate, 0.2);
    assert.equal(viaSdk.queues[1].publishRate, 0.2);
  });

  it("follows a poison message to the DLQ, peeks at it without receiving, and redrives it", async () => {
    const attributes = [{ id: "a", name: "eventType", type: "String" as const, value: "order_created" }];
    const poison = await publishEvent(target, { topic: "order-events", body: '{"poison":true}', attributes });
    for (let i = 0; i <= MAX_RECEIVE_COUNT; i++) await sqs.send(new ReceiveMessageCommand({ QueueUrl: urls["order-processing"], VisibilityTimeout: 0 }));
    const flow = await readFlow(target, poison.messageId, "order-events");
    const orderProcessing = flow?.branches.find((b) => b.target === "order-processing");
    assert.equal(orderProcessing?.outcome, "dead-lettered");
    assert.equal(orderProcessing?.dlq, "order-processing-dlq");

    const peeked = await peekQueue(target, "order-processing-dlq");
    assert.equal(peeked.total, 1);
    assert.equal(peeked.messages[0].body, '{"poison":true}');
    assert.equal((await peekQueue(target, "order-processing-dlq")).messages[0].receiveCount, peeked.messages[0].receiveCount, "a peek is not a receive");

    assert.equal((await startRedrive(target, "order-processing-dlq", "auto")).source, "order-processing");
    let snapshot = await readQueues(target);
    for (let i = 0; i < 50 && snapshot.queues[0].dlq?.moveTask?.status !== "COMPLETED"; i++) {
      await sleep(100);
      snapshot = await readQueues(target);
    }
    assert.deepEqual(snapshot.queues[0].dlq?.moveTask && { status: snapshot.queues[0].dlq.moveTask.status, moved: snapshot.queues[0].dlq.moveTask.moved }, { status: "COMPLETED", moved: 1 });
    assert.equal(snapshot.queues[0].visible, 1);
    assert.equal(snapshot.queues[0].dlq?.visible, 0);
  });
});
