import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import {
  CancelMessageMoveTaskCommand,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from "@aws-sdk/client-sqs";
import { aws, startTestGateway, type TestGateway } from "./harness.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

describe("sqs DLQ redrive (message move tasks)", () => {
  let gw: TestGateway;
  let sqs: SQSClient;

  const arnOf = async (QueueUrl: string) => (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }))).Attributes!.QueueArn!;
  const visible = async (QueueUrl: string) => Number((await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }))).Attributes!.ApproximateNumberOfMessages);

  /** A source queue with maxReceiveCount 1 and `n` poison messages already in its DLQ. */
  async function poisoned(name: string, n: number) {
    const dlq = (await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }))).QueueUrl!;
    const dlqArn = await arnOf(dlq);
    const src = (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) } }))).QueueUrl!;
    for (let i = 0; i < n; i++) await sqs.send(new SendMessageCommand({ QueueUrl: src, MessageBody: JSON.stringify({ poison: true, i }), MessageAttributes: { i: { DataType: "Number", StringValue: String(i) } } }));
    // first receive spends the one allowed receive; the next receive moves them to the DLQ
    for (let i = 0; i < n; i += 10) await sqs.send(new ReceiveMessageCommand({ QueueUrl: src, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
    while ((await visible(dlq)) < n) await sqs.send(new ReceiveMessageCommand({ QueueUrl: src, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
    return { src, dlq, srcArn: await arnOf(src), dlqArn };
  }

  async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await fn();
      if (ok(v) || Date.now() > end) return v;
      await sleep(100);
    }
  }

  before(async () => {
    gw = await startTestGateway();
    sqs = new SQSClient({ ...gw.clientConfig, maxAttempts: 1 });
  });
  after(() => gw.stop());

  it("lists dead-letter source queues", async () => {
    const { src, dlq } = await poisoned("ldsq", 0);
    const r = await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }));
    assert.deepEqual(r.queueUrls, [src]);
    await assert.rejects(sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: `${gw.url}/000000000000/none` })), (e: any) => e.name === "QueueDoesNotExist");
  });

  it("moves poison messages from the DLQ back to their source queue, keeping attributes", async () => {
    const { src, dlq, dlqArn, srcArn } = await poisoned("orders-rd", 5);
    assert.equal(await visible(dlq), 5);
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    assert.ok(TaskHandle);
    const [done] = (await waitFor(() => sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn })), (r) => r.Results?.[0]?.Status === "COMPLETED")).Results!;
    assert.equal(done.Status, "COMPLETED");
    assert.equal(done.ApproximateNumberOfMessagesMoved, 5);
    assert.equal(done.ApproximateNumberOfMessagesToMove, 5);
    assert.equal(done.SourceArn, dlqArn);
    assert.equal(done.TaskHandle, undefined, "only running tasks show their handle");
    assert.equal(await visible(dlq), 0);
    assert.equal(await visible(src), 5);
    const back = await sqs.send(new ReceiveMessageCommand({ QueueUrl: src, MaxNumberOfMessages: 10, MessageAttributeNames: ["All"] }));
    assert.ok(back.Messages?.every((m) => JSON.parse(m.Body!).poison === true && m.MessageAttributes?.i?.DataType === "Number"));
    assert.ok(srcArn);
  });

  it("honours the rate limit, reports progress, and can be cancelled", async () => {
    const { src, dlqArn } = await poisoned("slow-rd", 6);
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn, MaxNumberOfMessagesPerSecond: 2 }));
    await assert.rejects(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn })), (e: any) => e.name === "UnsupportedOperation", "one active task per source");
    const running = await waitFor(() => sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn })), (r) => (r.Results?.[0]?.ApproximateNumberOfMessagesMoved ?? 0) >= 1);
    const r0 = running.Results![0];
    assert.equal(r0.Status, "RUNNING");
    assert.equal(r0.TaskHandle, TaskHandle);
    assert.equal(r0.MaxNumberOfMessagesPerSecond, 2);
    assert.ok(r0.ApproximateNumberOfMessagesMoved! < 6, "2 msg/s cannot have moved all 6 yet");
    const cancelled = await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
    assert.ok(cancelled.ApproximateNumberOfMessagesMoved! >= 1);
    const final = (await waitFor(() => sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn })), (r) => r.Results?.[0]?.Status === "CANCELLED")).Results![0];
    assert.equal(final.Status, "CANCELLED");
    const movedAtCancel = final.ApproximateNumberOfMessagesMoved!;
    await sleep(1200);
    assert.equal(await visible(src), movedAtCancel, "nothing moves after cancel");
    assert.ok(movedAtCancel < 6);
    await assert.rejects(sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle })), (e: any) => e.name === "UnsupportedOperation");
  });

  it("moves to an explicit DestinationArn and lists up to MaxResults tasks, newest first", async () => {
    const { dlqArn } = await poisoned("dest-rd", 2);
    const other = (await sqs.send(new CreateQueueCommand({ QueueName: "dest-rd-other" }))).QueueUrl!;
    await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn, DestinationArn: await arnOf(other) }));
    await waitFor(() => visible(other), (n) => n === 2);
    assert.equal(await visible(other), 2);
    await sleep(300);
    await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    const list = await waitFor(() => sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn, MaxResults: 10 })), (r) => r.Results?.[0]?.Status === "COMPLETED");
    assert.equal(list.Results?.length, 2);
    assert.equal(list.Results?.[1].DestinationArn, await arnOf(other));
    assert.equal(list.Results?.[0].ApproximateNumberOfMessagesToMove, 0);
  });

  it("rejects bad requests with AWS's errors", async () => {
    const plain = (await sqs.send(new CreateQueueCommand({ QueueName: "not-a-dlq" }))).QueueUrl!;
    await assert.rejects(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: await arnOf(plain) })), (e: any) => e.name === "InvalidParameterValue" || /Dead Letter Queue/.test(e.message));
    await assert.rejects(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: "arn:aws:sqs:us-east-1:000000000000:nope" })), (e: any) => e.name === "ResourceNotFoundException");
    await assert.rejects(sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: "bm9wZQ==" })), (e: any) => e.name === "ResourceNotFoundException");
    const { dlqArn } = await poisoned("rate-rd", 0);
    await assert.rejects(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn, MaxNumberOfMessagesPerSecond: 501 })), (e: any) => /MaxNumberOfMessagesPerSecond/.test(e.message));
  });

  it("answers ListDeadLetterSourceQueues over the query protocol (awscli 2.9)", async () => {
    const { src, dlq } = await poisoned("query-rd", 0);
    const out = await aws("v2", gw.url, ["sqs", "list-dead-letter-source-queues", "--queue-url", dlq]);
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual(out.json().queueUrls, [src]);
  });
});
