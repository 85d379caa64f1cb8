import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateTopicCommand, GetSubscriptionAttributesCommand, ListSubscriptionsCommand, ListTopicsCommand, PublishCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { ChangeMessageVisibilityCommand, CreateQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand, ListQueueTagsCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient, TagQueueCommand } from "@aws-sdk/client-sqs";
import { startTestGateway, tempDir } from "./harness.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

const counts = async (sqs: SQSClient, QueueUrl: string) => {
  const a = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] }))).Attributes!;
  return { visible: Number(a.ApproximateNumberOfMessages), inFlight: Number(a.ApproximateNumberOfMessagesNotVisible) };
};

describe("sqs/sns/s3 persistence (fauxqs's SQLite under <dataDir>/fauxqs)", () => {
  it("keeps queues, messages, tags, topics, subscriptions and objects across a restart", async () => {
    const dataDir = tempDir();
    const gw1 = await startTestGateway({ dataDir });
    const sqs1 = new SQSClient(gw1.clientConfig);
    const sns1 = new SNSClient(gw1.clientConfig);
    const { QueueUrl } = await sqs1.send(new CreateQueueCommand({ QueueName: "notifications", Attributes: { VisibilityTimeout: "300" } }));
    const queueArn = (await sqs1.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }))).Attributes!.QueueArn!;
    const { TopicArn } = await sns1.send(new CreateTopicCommand({ Name: "user-events" }));
    await sns1.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queueArn, Attributes: { FilterPolicy: '{"eventType":["user_registered"]}', RawMessageDelivery: "true" } }));
    await sqs1.send(new SendMessageCommand({ QueueUrl, MessageBody: "direct" }));
    await sns1.send(new PublishCommand({ TopicArn, Message: "registered", MessageAttributes: { eventType: { DataType: "String", StringValue: "user_registered" } } }));
    await sqs1.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1 }));
    // TagQueue re-persists the queue row; the messages must survive that too.
    await sqs1.send(new TagQueueCommand({ QueueUrl, Tags: { lab: "cross-service-lab" } }));
    const s3a = new S3Client(gw1.clientConfig);
    await s3a.send(new CreateBucketCommand({ Bucket: "lab-artifacts" }));
    await s3a.send(new PutObjectCommand({ Bucket: "lab-artifacts", Key: "fn.zip", Body: new Uint8Array([1, 2, 3]) }));
    assert.deepEqual(await counts(sqs1, QueueUrl!), { visible: 1, inFlight: 1 });
    await gw1.stop();

    const gw2 = await startTestGateway({ dataDir });
    try {
      const sqs2 = new SQSClient(gw2.clientConfig);
      const sns2 = new SNSClient(gw2.clientConfig);
      const url2 = (await sqs2.send(new GetQueueUrlCommand({ QueueName: "notifications" }))).QueueUrl!;
      assert.deepEqual(await counts(sqs2, url2), { visible: 1, inFlight: 1 }, "the in-flight message stays in flight until its visibility timeout");
      assert.equal((await sqs2.send(new GetQueueAttributesCommand({ QueueUrl: url2, AttributeNames: ["VisibilityTimeout"] }))).Attributes!.VisibilityTimeout, "300");
      assert.deepEqual((await sqs2.send(new ListQueueTagsCommand({ QueueUrl: url2 }))).Tags, { lab: "cross-service-lab" });
      assert.deepEqual((await sns2.send(new ListTopicsCommand({}))).Topics?.map((t) => t.TopicArn), [TopicArn]);
      const [sub] = (await sns2.send(new ListSubscriptionsCommand({}))).Subscriptions!;
      const attrs = (await sns2.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: sub.SubscriptionArn }))).Attributes!;
      assert.equal(attrs.FilterPolicy, '{"eventType":["user_registered"]}');
      assert.equal(attrs.RawMessageDelivery, "true");
      // the restored subscription still filters and delivers
      await sns2.send(new PublishCommand({ TopicArn, Message: "ignored", MessageAttributes: { eventType: { DataType: "String", StringValue: "other" } } }));
      await sns2.send(new PublishCommand({ TopicArn, Message: "again", MessageAttributes: { eventType: { DataType: "String", StringValue: "user_registered" } } }));
      assert.deepEqual(await counts(sqs2, url2), { visible: 2, inFlight: 1 });
      const obj = await new S3Client(gw2.clientConfig).send(new GetObjectCommand({ Bucket: "lab-artifacts", Key: "fn.zip" }));
      assert.deepEqual([...(await obj.Body!.transformToByteArray())], [1, 2, 3]);
    } finally {
      await gw2.stop();
    }
  });

  it("loses nothing acknowledged when the emulator process is SIGKILLed", async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", join(import.meta.dirname, "..", "main.ts"), "--port", "0", "--data-dir", dataDir, "--quiet"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d) => {
          out += d;
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.once("exit", (code) => reject(new Error(`emulator exited early (${code}): ${out}`)));
        setTimeout(() => reject(new Error(`emulator did not start: ${out}`)), 30_000).unref();
      });
      const cfg = { endpoint: url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } };
      const sqs = new SQSClient(cfg);
      const sns = new SNSClient(cfg);
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "analytics" }));
      const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }))).Attributes!.QueueArn!;
      const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "order-events" }));
      await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queueArn }));
      for (let i = 0; i < 3; i++) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `m${i}` }));
      await sns.send(new PublishCommand({ TopicArn, Message: "fanned out" }));
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    const gw = await startTestGateway({ dataDir });
    try {
      const sqs = new SQSClient(gw.clientConfig);
      const url = (await sqs.send(new GetQueueUrlCommand({ QueueName: "analytics" }))).QueueUrl!;
      assert.deepEqual(await counts(sqs, url), { visible: 4, inFlight: 0 });
      const subs = (await new SNSClient(gw.clientConfig).send(new ListSubscriptionsCommand({}))).Subscriptions!;
      assert.equal(subs.length, 1);
    } finally {
      await gw.stop();
    }
  });

  it("a message released with visibility 0 stays in the queue, keeps its receive count and reaches the DLQ after maxReceiveCount", async () => {
    const dataDir = tempDir();
    let gw = await startTestGateway({ dataDir });
    try {
      let sqs = new SQSClient(gw.clientConfig);
      const dlq = await sqs.send(new CreateQueueCommand({ QueueName: "order-processing-dlq" }));
      const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ["QueueArn"] }))).Attributes!.QueueArn!;
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "order-processing", Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }) } }));
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"poison": true}' }));
      const release = async () => {
        const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }));
        const m = got.Messages?.[0];
        assert.ok(m, "the released message can be received again");
        await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 }));
        return Number(m.Attributes?.ApproximateReceiveCount);
      };
      assert.equal(await release(), 1);
      assert.equal(await release(), 2);
      // The count is persisted too: a restart keeps it.
      await gw.stop();
      gw = await startTestGateway({ dataDir });
      sqs = new SQSClient(gw.clientConfig);
      assert.equal(await release(), 3);
      const fourth = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0 }));
      assert.equal(fourth.Messages, undefined, "the 4th receive moves it to the DLQ instead");
      assert.deepEqual(await counts(sqs, dlq.QueueUrl!), { visible: 1, inFlight: 0 });
    } finally {
      await gw.stop();
    }
  });
});
