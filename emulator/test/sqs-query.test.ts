import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { aws, startTestGateway, type TestGateway } from "./harness.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

// The SQS query protocol (form-encoded Action=...), spoken by Debian's awscli 2.9 and older SDKs.
describe("sqs query protocol", () => {
  let gw: TestGateway;
  let sqs: SQSClient;
  let url: string;
  const auth = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=x";
  const post = (body: string) => fetch(gw.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", authorization: auth }, body }).then(async (r) => ({ status: r.status, text: await r.text() }));

  before(async () => {
    gw = await startTestGateway();
    sqs = new SQSClient(gw.clientConfig);
    url = (await sqs.send(new CreateQueueCommand({ QueueName: "query-q" }))).QueueUrl!;
  });
  after(() => gw.stop());

  it("send-message and delete-message with awscli 2.9", async () => {
    const sent = await aws("v2", gw.url, ["sqs", "send-message", "--queue-url", url, "--message-body", "via query", "--message-attributes", '{"n":{"DataType":"Number","StringValue":"7"}}']);
    assert.equal(sent.code, 0, sent.stderr);
    assert.match(sent.json().MessageId, /^[0-9a-f-]{36}$/);
    assert.equal(sent.json().MD5OfMessageBody, createHash("md5").update("via query").digest("hex"));
    const got = await aws("v2", gw.url, ["sqs", "receive-message", "--queue-url", url, "--message-attribute-names", "All", "--attribute-names", "All"]);
    const [m] = got.json().Messages;
    assert.equal(m.Body, "via query");
    assert.equal(m.MessageAttributes.n.StringValue, "7");
    assert.equal(m.Attributes.ApproximateReceiveCount, "1");
    const del = await aws("v2", gw.url, ["sqs", "delete-message", "--queue-url", url, "--receipt-handle", m.ReceiptHandle]);
    assert.equal(del.code, 0, del.stderr);
    const left = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }));
    assert.equal(left.Attributes?.ApproximateNumberOfMessages, "0");
    assert.equal(left.Attributes?.ApproximateNumberOfMessagesNotVisible, "0");
  });

  it("send-message-batch, list-queues and set/get attributes with awscli 2.9", async () => {
    const batch = await aws("v2", gw.url, ["sqs", "send-message-batch", "--queue-url", url, "--entries", "Id=a,MessageBody=one", "Id=b,MessageBody=two"]);
    assert.equal(batch.code, 0, batch.stderr);
    assert.equal(batch.json().Successful.length, 2);
    const list = await aws("v2", gw.url, ["sqs", "list-queues"]);
    assert.ok(list.json().QueueUrls.includes(url));
    const set = await aws("v2", gw.url, ["sqs", "set-queue-attributes", "--queue-url", url, "--attributes", "VisibilityTimeout=12"]);
    assert.equal(set.code, 0, set.stderr);
    const get = await aws("v2", gw.url, ["sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "VisibilityTimeout", "ApproximateNumberOfMessages"]);
    assert.deepEqual(get.json().Attributes, { VisibilityTimeout: "12", ApproximateNumberOfMessages: "2" });
    const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    assert.deepEqual(r.Messages?.map((m) => m.Body).sort(), ["one", "two"]);
  });

  it("answers legacy error codes in XML", async () => {
    const missing = await post(`Action=GetQueueAttributes&Version=2012-11-05&QueueUrl=${encodeURIComponent(`${gw.url}/000000000000/missing`)}`);
    assert.equal(missing.status, 400);
    assert.match(missing.text, /<Code>AWS\.SimpleQueueService\.NonExistentQueue<\/Code>/);
    assert.match(missing.text, /<Type>Sender<\/Type>/);
    const bad = await post(`Action=SendMessage&Version=2012-11-05&QueueUrl=${encodeURIComponent(url)}&MessageBody=${"x".repeat(1_048_577)}`);
    assert.equal(bad.status, 400);
    assert.match(bad.text, /<Code>InvalidParameterValue<\/Code>/);
    const unknown = await post("Action=Frobnicate&Version=2012-11-05");
    assert.equal(unknown.status, 400);
    assert.match(unknown.text, /<Code>InvalidAction<\/Code>/);
    const none = await post("Version=2012-11-05");
    assert.match(none.text, /<Code>MissingAction<\/Code>/);
    const cli = await aws("v2", gw.url, ["sqs", "get-queue-url", "--queue-name", "nope"]);
    assert.notEqual(cli.code, 0);
    assert.match(cli.stderr, /NonExistentQueue/);
  });

  it("serializes the legacy flattened XML shapes", async () => {
    await post(`Action=SendMessage&Version=2012-11-05&QueueUrl=${encodeURIComponent(url)}&MessageBody=xml&MessageAttribute.1.Name=k&MessageAttribute.1.Value.DataType=String&MessageAttribute.1.Value.StringValue=v`);
    const r = await post(`Action=ReceiveMessage&Version=2012-11-05&QueueUrl=${encodeURIComponent(url)}&AttributeName.1=All&MessageAttributeName.1=All&MaxNumberOfMessages=10`);
    assert.equal(r.status, 200);
    assert.match(r.text, /^<\?xml version="1.0" encoding="UTF-8"\?><ReceiveMessageResponse xmlns="http:\/\/queue\.amazonaws\.com\/doc\/2012-11-05\/">/);
    assert.match(r.text, /<Message><MessageId>/);
    assert.match(r.text, /<Attribute><Name>SentTimestamp<\/Name><Value>\d+<\/Value><\/Attribute>/);
    const attr = /<MessageAttribute><Name>k<\/Name><Value>(.*?)<\/Value><\/MessageAttribute>/.exec(r.text)?.[1] ?? "";
    assert.match(attr, /<StringValue>v<\/StringValue>/);
    assert.match(attr, /<DataType>String<\/DataType>/);
  });
});
