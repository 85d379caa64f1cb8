import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
  TagQueueCommand,
} from "@aws-sdk/client-sqs";
import { aws, startTestGateway, type TestGateway } from "./harness.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

describe("sqs (fauxqs in-process)", () => {
  let gw: TestGateway;
  let sqs: SQSClient;
  const arnOf = async (QueueUrl: string) => (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }))).Attributes!.QueueArn!;
  const depth = async (QueueUrl: string) => {
    const a = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] }))).Attributes!;
    return { visible: Number(a.ApproximateNumberOfMessages), inFlight: Number(a.ApproximateNumberOfMessagesNotVisible) };
  };

  before(async () => {
    gw = await startTestGateway();
    sqs = new SQSClient({ ...gw.clientConfig, maxAttempts: 1 });
  });
  after(() => gw.stop());

  it("builds queue URLs on the gateway's host:port and ARNs with the local account", async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "orders" }));
    assert.equal(QueueUrl, `${gw.url}/000000000000/orders`);
    assert.equal(await arnOf(QueueUrl!), "arn:aws:sqs:us-east-1:000000000000:orders");
    assert.equal((await sqs.send(new GetQueueUrlCommand({ QueueName: "orders" }))).QueueUrl, QueueUrl);
    const list = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: "ord" }));
    assert.deepEqual(list.QueueUrls, [QueueUrl]);
  });

  it("sets and reads attributes, and tags", async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "attrs", Attributes: { VisibilityTimeout: "5" }, tags: { lab: "cross-service-lab" } }));
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { DelaySeconds: "2" } }));
    const a = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] }))).Attributes!;
    assert.equal(a.VisibilityTimeout, "5");
    assert.equal(a.DelaySeconds, "2");
    await sqs.send(new TagQueueCommand({ QueueUrl, Tags: { team: "orders" } }));
    assert.deepEqual((await sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags, { lab: "cross-service-lab", team: "orders" });
  });

  it("sends, receives, deletes, batches and purges", async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "work" }));
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "one", MessageAttributes: { kind: { DataType: "String", StringValue: "a" } } }));
    assert.ok(sent.MessageId);
    const batch = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: "b1", MessageBody: "two" }, { Id: "b2", MessageBody: "three" }] }));
    assert.equal(batch.Successful?.length, 2);
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ["All"] }));
    assert.deepEqual(got.Messages?.map((m) => m.Body).sort(), ["one", "three", "two"]);
    assert.equal(got.Messages?.find((m) => m.Body === "one")?.MessageAttributes?.kind?.StringValue, "a");
    const [first, ...rest] = got.Messages!;
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.ReceiptHandle }));
    const del = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: rest.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })) }));
    assert.equal(del.Successful?.length, 2);
    assert.deepEqual(await depth(QueueUrl!), { visible: 0, inFlight: 0 });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "x" }));
    await sqs.send(new PurgeQueueCommand({ QueueUrl }));
    assert.deepEqual(await depth(QueueUrl!), { visible: 0, inFlight: 0 });
  });

  it("returns a message whose visibility is changed to 0", async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "vis" }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "v" }));
    const [m] = (await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 60 }))).Messages!;
    assert.deepEqual(await depth(QueueUrl!), { visible: 0, inFlight: 1 });
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 }));
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }));
    assert.equal(again.Messages?.[0].Attributes?.ApproximateReceiveCount, "2");
  });

  it("moves a message to the DLQ after maxReceiveCount receives", async () => {
    const dlq = (await sqs.send(new CreateQueueCommand({ QueueName: "jobs-dlq" }))).QueueUrl!;
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: "jobs", Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await arnOf(dlq), maxReceiveCount: 2 }) } }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify({ poison: true }) }));
    for (let i = 0; i < 2; i++) {
      const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 0 }));
      assert.equal(r.Messages?.length, 1, `receive ${i + 1} gets the message`);
    }
    const third = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    assert.equal(third.Messages, undefined);
    assert.deepEqual(await depth(dlq), { visible: 1, inFlight: 0 });
    const queues = await fetch(`${gw.url}/_lab/sqs/queues`).then((r) => r.json());
    const jobs = queues.queues.find((q: any) => q.name === "jobs");
    assert.deepEqual(jobs.deadLetterQueue, { arn: await arnOf(dlq), name: "jobs-dlq", maxReceiveCount: 2 });
    assert.deepEqual(queues.queues.find((q: any) => q.name === "jobs-dlq").deadLetterSourceQueues, ["jobs"]);
  });

  it("peeks without consuming: ready, in-flight with receive counts, delayed", async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "peeked" }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "a", MessageAttributes: { k: { DataType: "String", StringValue: "v" } } }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "b" }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "later", DelaySeconds: 60 }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1, VisibilityTimeout: 60 }));
    const peek = await fetch(`${gw.url}/_lab/sqs/peek/peeked`).then((r) => r.json());
    assert.equal(peek.total, 3);
    assert.deepEqual(peek.messages.map((m: any) => m.state).sort(), ["delayed", "in-flight", "ready"]);
    assert.equal(peek.messages.find((m: any) => m.state === "in-flight").receiveCount, 1);
    assert.deepEqual({ visible: peek.visible, inFlight: peek.inFlight, delayed: peek.delayed }, { visible: 1, inFlight: 1, delayed: 1 });
    const again = await fetch(`${gw.url}/_lab/sqs/peek/peeked`).then((r) => r.json());
    assert.equal(again.messages.find((m: any) => m.state === "ready").receiveCount, 0, "peeking spends no receive");
    const missing = await fetch(`${gw.url}/_lab/sqs/peek/nope`);
    assert.equal(missing.status, 404);
  });

  it("rejects a message over 1 MiB (1,048,576 bytes) and accepts one at the limit", async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "big" }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "x".repeat(1_048_576) }));
    await assert.rejects(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "x".repeat(1_048_577) })), (e: any) => e.name === "InvalidParameterValue" && /shorter than 1048576/.test(e.message));
  });

  it("answers a missing queue with QueueDoesNotExist", async () => {
    await assert.rejects(sqs.send(new SendMessageCommand({ QueueUrl: `${gw.url}/000000000000/missing`, MessageBody: "x" })), (e: any) => e.name === "QueueDoesNotExist");
  });

  for (const cli of ["v1", "v2"] as const) {
    it(`works with the ${cli} CLI: create-queue, get-queue-attributes, receive-message`, async () => {
      const name = `cli-${cli}`;
      const created = await aws(cli, gw.url, ["sqs", "create-queue", "--queue-name", name]);
      assert.equal(created.code, 0, created.stderr);
      const url = created.json().QueueUrl;
      assert.equal(url, `${gw.url}/000000000000/${name}`);
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: `hello ${cli}`, MessageAttributes: { eventType: { DataType: "String", StringValue: "order_created" } } }));
      const attrs = await aws(cli, gw.url, ["sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "ApproximateNumberOfMessages"]);
      assert.equal(attrs.code, 0, attrs.stderr);
      assert.deepEqual(attrs.json().Attributes, { ApproximateNumberOfMessages: "1" });
      const got = await aws(cli, gw.url, ["sqs", "receive-message", "--queue-url", url, "--message-attribute-names", "All"]);
      assert.equal(got.code, 0, got.stderr);
      const [m] = got.json().Messages;
      assert.equal(m.Body, `hello ${cli}`);
      assert.equal(m.MessageAttributes.eventType.StringValue, "order_created");
    });
  }
});
