import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CreateTopicCommand, ListSubscriptionsByTopicCommand, PublishBatchCommand, PublishCommand, SetSubscriptionAttributesCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, type Message, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { aws, startTestGateway, type TestGateway } from "./harness.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

describe("sns (fauxqs in-process)", () => {
  let gw: TestGateway;
  let sns: SNSClient;
  let sqs: SQSClient;

  async function queue(name: string) {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }))).Attributes!.QueueArn!;
    return { url: QueueUrl!, arn };
  }
  async function drain(url: string): Promise<Message[]> {
    const out: Message[] = [];
    for (;;) {
      const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ["All"] }));
      if (!r.Messages?.length) return out;
      out.push(...r.Messages);
    }
  }

  before(async () => {
    gw = await startTestGateway();
    sns = new SNSClient({ ...gw.clientConfig, maxAttempts: 1 });
    sqs = new SQSClient({ ...gw.clientConfig, maxAttempts: 1 });
  });
  after(() => gw.stop());

  it("fans out to filtered, raw and enveloped SQS subscriptions", async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "order-events" }));
    assert.equal(TopicArn, "arn:aws:sns:us-east-1:000000000000:order-events");
    const processing = await queue("order-processing");
    const notifications = await queue("notifications");
    const analytics = await queue("analytics");
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: processing.arn, Attributes: { FilterPolicy: '{"eventType":["order_created","order_cancelled"]}', RawMessageDelivery: "true" } }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: notifications.arn, Attributes: { FilterPolicy: '{"eventType":["order_created","order_shipped"]}', RawMessageDelivery: "true" } }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: analytics.arn }));
    const subs = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    assert.equal(subs.Subscriptions?.length, 3);

    for (const eventType of ["order_created", "order_shipped", "order_cancelled", "order_created"]) {
      await sns.send(
        new PublishCommand({
          TopicArn,
          Message: JSON.stringify({ orderId: "o1", eventType }),
          MessageAttributes: {
            eventType: { DataType: "String", StringValue: eventType },
            quantity: { DataType: "Number", StringValue: "3" },
            tags: { DataType: "String.Array", StringValue: '["gift","priority"]' },
          },
        }),
      );
    }
    const p = await drain(processing.url);
    const n = await drain(notifications.url);
    const a = await drain(analytics.url);
    assert.equal(p.length, 3, "order-processing gets created x2 + cancelled");
    assert.equal(n.length, 3, "notifications gets created x2 + shipped");
    assert.equal(a.length, 4, "analytics gets everything");
    // raw delivery: the body is the message and attributes arrive as SQS message attributes
    assert.equal(JSON.parse(p[0].Body!).orderId, "o1");
    assert.equal(p[0].MessageAttributes?.quantity?.DataType, "Number");
    assert.equal(p[0].MessageAttributes?.tags?.StringValue, '["gift","priority"]');
    // no raw delivery: the SNS envelope
    const env = JSON.parse(a[0].Body!);
    assert.equal(env.Type, "Notification");
    assert.equal(env.TopicArn, TopicArn);
    assert.equal(env.MessageAttributes.eventType.Value, "order_created");
  });

  it("filters on Number attributes (the lab's inventory policy)", async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "inventory-events" }));
    const q = await queue("inventory-low");
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: q.arn, Attributes: { FilterPolicy: '{"eventType":["stock_low"],"quantity":[{"numeric":["<",10]}]}', RawMessageDelivery: "true" } }));
    for (const qty of ["3", "50", "9.5"]) {
      await sns.send(new PublishCommand({ TopicArn, Message: qty, MessageAttributes: { eventType: { DataType: "String", StringValue: "stock_low" }, quantity: { DataType: "Number", StringValue: qty } } }));
    }
    assert.deepEqual((await drain(q.url)).map((m) => m.Body).sort(), ["3", "9.5"]);
  });

  it("publishes a batch and fans out each entry", async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "batch-topic" }));
    const q = await queue("batch-queue");
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: q.arn, Attributes: { RawMessageDelivery: "true" } }));
    const r = await sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [1, 2, 3].map((i) => ({ Id: `m${i}`, Message: `msg ${i}` })) }));
    assert.equal(r.Successful?.length, 3);
    assert.deepEqual((await drain(q.url)).map((m) => m.Body).sort(), ["msg 1", "msg 2", "msg 3"]);
  });

  it("caps Publish at 256 KB including attributes, and PublishBatch in total", async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "size-topic" }));
    await sns.send(new PublishCommand({ TopicArn, Message: "x".repeat(262_144) }));
    await assert.rejects(sns.send(new PublishCommand({ TopicArn, Message: "x".repeat(262_145) })), (e: any) => e.name === "InvalidParameterException" || e.Code === "InvalidParameter");
    await assert.rejects(
      sns.send(new PublishCommand({ TopicArn, Message: "x".repeat(262_100), MessageAttributes: { big: { DataType: "String", StringValue: "y".repeat(100) } } })),
      (e: any) => e.Code === "InvalidParameter",
    );
    const entries = [1, 2].map((i) => ({ Id: `e${i}`, Message: "z".repeat(140_000) }));
    await assert.rejects(sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: entries })), (e: any) => e.name === "BatchRequestTooLongException" || e.Code === "BatchRequestTooLong");
  });

  it("rejects invalid filter policies the way AWS does", async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "policy-topic" }));
    const q = await queue("policy-queue");
    await assert.rejects(
      sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: q.arn, Attributes: { FilterPolicy: '{"eventType":[{"prefx":"order"}]}' } })),
      (e: any) => e.Code === "InvalidParameter" && /Unrecognized match type prefx/.test(e.message),
    );
    await assert.rejects(
      sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: q.arn, Attributes: { FilterPolicy: JSON.stringify({ a: ["1"], b: ["1"], c: ["1"], d: ["1"], e: ["1"], f: ["1"] }) } })),
      (e: any) => e.Code === "InvalidParameter" && /more than 5 keys/.test(e.message),
    );
    const { SubscriptionArn } = await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: q.arn }));
    await assert.rejects(
      sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: "FilterPolicy", AttributeValue: '{"q":[{"numeric":["<","10"]}]}' })),
      (e: any) => e.Code === "InvalidParameter" && /Value of < must be numeric/.test(e.message),
    );
  });

  for (const cli of ["v1", "v2"] as const) {
    it(`works with the ${cli} CLI: create-topic, subscribe with a filter policy, publish`, async () => {
      const topic = await aws(cli, gw.url, ["sns", "create-topic", "--name", `cli-topic-${cli}`]);
      assert.equal(topic.code, 0, topic.stderr);
      const topicArn = topic.json().TopicArn;
      const q = await queue(`cli-queue-${cli}`);
      const sub = await aws(cli, gw.url, [
        "sns",
        "subscribe",
        "--topic-arn",
        topicArn,
        "--protocol",
        "sqs",
        "--notification-endpoint",
        q.arn,
        "--attributes",
        '{"FilterPolicy":"{\\"eventType\\":[\\"order_created\\"]}","RawMessageDelivery":"true"}',
      ]);
      assert.equal(sub.code, 0, sub.stderr);
      assert.match(sub.json().SubscriptionArn, /^arn:aws:sns:us-east-1:000000000000:cli-topic-/);
      for (const eventType of ["order_created", "order_shipped"]) {
        const pub = await aws(cli, gw.url, ["sns", "publish", "--topic-arn", topicArn, "--message", `{"e":"${eventType}"}`, "--message-attributes", `eventType={DataType=String,StringValue=${eventType}}`]);
        assert.equal(pub.code, 0, pub.stderr);
        assert.ok(pub.json().MessageId);
      }
      const depth = await aws(cli, gw.url, ["sqs", "get-queue-attributes", "--queue-url", q.url, "--attribute-names", "ApproximateNumberOfMessages"]);
      assert.equal(depth.json().Attributes.ApproximateNumberOfMessages, "1", "only order_created passes the filter");
      const got = await aws(cli, gw.url, ["sqs", "receive-message", "--queue-url", q.url, "--message-attribute-names", "All"]);
      assert.equal(got.code, 0, got.stderr);
      assert.equal(got.json().Messages[0].Body, '{"e":"order_created"}');
      assert.equal(got.json().Messages[0].MessageAttributes.eventType.StringValue, "order_created");
    });
  }
});
