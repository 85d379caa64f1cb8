import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  InvalidParameterValueException,
  LambdaClient,
  ListEventSourceMappingsCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  UpdateEventSourceMappingCommand,
} from "@aws-sdk/client-lambda";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { writeZip } from "../services/lambda/zip.ts";
import { startTestGateway, type TestGateway, tempDir } from "./harness.ts";

const ROLE = "arn:aws:iam::000000000000:role/lab-lambda";
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

/**
 * Appends every record it receives to $OUT_FILE; throws on a `"poison": true` body, or, with
 * REPORT_FAILURES set, lists poison records in batchItemFailures instead.
 */
const CONSUMER = `
const fs = require("node:fs");
exports.handler = async (event) => {
  const failures = [];
  for (const r of event.Records) {
    fs.appendFileSync(process.env.OUT_FILE, JSON.stringify(r) + "\\n");
    if (JSON.parse(r.body).poison) {
      if (!process.env.REPORT_FAILURES) throw new Error("poison message " + r.messageId);
      failures.push({ itemIdentifier: r.messageId });
    }
  }
  return process.env.REPORT_FAILURES ? { batchItemFailures: failures } : undefined;
};`;

const records = (file: string): Record<string, any>[] =>
  existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("lambda SQS event source mappings", () => {
  let gw: TestGateway;
  let lambda: LambdaClient;
  let sqs: SQSClient;

  const fn = async (name: string, env: Record<string, string>, Timeout = 1) => {
    const out = tempDir();
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: "nodejs22.x",
        Role: ROLE,
        Handler: "index.handler",
        Timeout,
        Code: { ZipFile: writeZip({ "index.js": CONSUMER }) },
        Environment: { Variables: { OUT_FILE: join(out, "records.jsonl"), ...env } },
      }),
    );
    return join(out, "records.jsonl");
  };
  const queue = async (name: string, attrs: Record<string, string> = {}) => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: "1", ...attrs } }));
    return QueueUrl!;
  };
  const counts = async (QueueUrl: string) => {
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
    return Number(Attributes?.ApproximateNumberOfMessages) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible);
  };

  before(async () => {
    gw = await startTestGateway();
    lambda = new LambdaClient({ ...gw.clientConfig, maxAttempts: 1 });
    sqs = new SQSClient(gw.clientConfig);
  });
  after(() => gw.stop());

  it("creates, gets, lists, updates and deletes a mapping with AWS's states", async () => {
    await fn("crud-fn", {});
    await queue("crud-q");
    const created = await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: "crud-fn", EventSourceArn: queueArn("crud-q"), Enabled: false }));
    assert.equal(created.$metadata.httpStatusCode, 202);
    assert.equal(created.State, "Creating");
    assert.equal(created.BatchSize, 10);
    assert.equal(created.FunctionArn, "arn:aws:lambda:us-east-1:000000000000:function:crud-fn");
    assert.equal(created.EventSourceMappingArn, `arn:aws:lambda:us-east-1:000000000000:event-source-mapping:${created.UUID}`);
    assert.ok(created.LastModified instanceof Date);
    const got = await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
    assert.equal(got.State, "Disabled");
    const listed = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: "crud-fn" }));
    assert.deepEqual(
      listed.EventSourceMappings?.map((m) => m.UUID),
      [created.UUID],
    );
    const updated = await lambda.send(new UpdateEventSourceMappingCommand({ UUID: created.UUID, BatchSize: 5, Enabled: true }));
    assert.equal(updated.State, "Enabling");
    assert.equal(updated.BatchSize, 5);
    assert.equal((await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }))).State, "Enabled");
    const deleted = await lambda.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID }));
    assert.equal(deleted.State, "Deleting");
    await assert.rejects(lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID })), ResourceNotFoundException);
  });

  it("rejects bad mappings the way AWS does", async () => {
    await fn("strict-fn", {}, 5);
    await queue("strict-q", { VisibilityTimeout: "10" });
    await queue("short-visibility-q", { VisibilityTimeout: "2" });
    const create = (FunctionName: string, name: string, extra = {}) => lambda.send(new CreateEventSourceMappingCommand({ FunctionName, EventSourceArn: queueArn(name), ...extra }));
    await assert.rejects(create("no-such-fn", "strict-q"), ResourceNotFoundException);
    await assert.rejects(create("strict-fn", "no-such-q"), InvalidParameterValueException);
    await assert.rejects(create("strict-fn", "short-visibility-q"), (e: unknown) => e instanceof InvalidParameterValueException && /visibility timeout: 2 seconds is less than Function timeout: 5 seconds/.test(e.message));
    await assert.rejects(create("strict-fn", "strict-q", { BatchSize: 11 }), InvalidParameterValueException);
    const ok = await create("strict-fn", "strict-q", { Enabled: false });
    await assert.rejects(create("strict-fn", "strict-q"), (e: unknown) => e instanceof ResourceConflictException && e.message.includes(ok.UUID!));
    await assert.rejects(lambda.send(new GetEventSourceMappingCommand({ UUID: "00000000-0000-0000-0000-000000000000" })), ResourceNotFoundException);
  });

  it("delivers messages in the AWS SQS event shape and deletes them on success", async () => {
    const out = await fn("consumer", {});
    const url = await queue("analytics");
    await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: "consumer", EventSourceArn: queueArn("analytics"), BatchSize: 10 }));
    for (let i = 0; i < 3; i++) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: JSON.stringify({ orderId: `o-${i}` }),
          MessageAttributes: { eventType: { DataType: "String", StringValue: "order_created" } },
        }),
      );
    }
    const got = await waitFor("3 records", () => (records(out).length >= 3 ? records(out) : undefined));
    assert.deepEqual(got.map((r) => JSON.parse(r.body).orderId).sort(), ["o-0", "o-1", "o-2"]);
    const r = got[0];
    assert.equal(r.eventSource, "aws:sqs");
    assert.equal(r.eventSourceARN, queueArn("analytics"));
    assert.equal(r.awsRegion, "us-east-1");
    assert.match(r.messageId, /\S+/);
    assert.match(r.receiptHandle, /\S+/);
    assert.equal(r.attributes.ApproximateReceiveCount, "1");
    assert.match(r.attributes.SentTimestamp, /^\d+$/);
    assert.deepEqual(r.messageAttributes.eventType, { stringValue: "order_created", stringListValues: [], binaryListValues: [], dataType: "String" });
    assert.match(r.md5OfBody, /^[0-9a-f]{32}$/);
    await waitFor("the queue to be empty", async () => (await counts(url)) === 0);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(records(out).length, 3, "no message is delivered twice");
  });

  it("leaves failed batches on the queue; after maxReceiveCount they land in the DLQ", async () => {
    const out = await fn("failing", {});
    const dlqUrl = await queue("orders-dlq");
    const url = await queue("orders", { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn("orders-dlq"), maxReceiveCount: 2 }) });
    await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: "failing", EventSourceArn: queueArn("orders") }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify({ poison: true }) }));
    const dead = await waitFor("the DLQ", async () => (await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, WaitTimeSeconds: 1 }))).Messages?.[0]);
    assert.deepEqual(JSON.parse(dead.Body!), { poison: true });
    assert.deepEqual(
      records(out).map((r) => r.attributes.ApproximateReceiveCount),
      ["1", "2"],
    );
    assert.equal(await counts(url), 0);
  });

  it("with ReportBatchItemFailures deletes the good records and retries only the failed ones", async () => {
    const out = await fn("partial", { REPORT_FAILURES: "1" });
    const dlqUrl = await queue("partial-dlq");
    const url = await queue("partial", { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn("partial-dlq"), maxReceiveCount: 2 }) });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify({ good: 1 }) }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify({ poison: true }) }));
    await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: "partial", EventSourceArn: queueArn("partial"), FunctionResponseTypes: ["ReportBatchItemFailures"] }));
    const dead = await waitFor("the DLQ", async () => (await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, WaitTimeSeconds: 1 }))).Messages?.[0]);
    assert.deepEqual(JSON.parse(dead.Body!), { poison: true });
    const bodies = records(out).map((r) => r.body);
    assert.equal(bodies.filter((b) => b.includes("good")).length, 1);
    assert.equal(bodies.filter((b) => b.includes("poison")).length, 2);
  });

  it("a disabled mapping leaves messages alone, and reset stops every poller", async () => {
    const out = await fn("paused", {});
    const url = await queue("paused-q");
    const m = await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: "paused", EventSourceArn: queueArn("paused-q") }));
    await lambda.send(new UpdateEventSourceMappingCommand({ UUID: m.UUID, Enabled: false }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "{}" }));
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(records(out).length, 0);
    assert.equal(await counts(url), 1);
    await gw.reset();
    assert.deepEqual((await lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings, []);
  });
});

describe("lambda SQS event source mappings across a restart", () => {
  it("resumes polling for enabled mappings when the gateway starts again", async () => {
    const dataDir = tempDir();
    const out = join(tempDir(), "records.jsonl");
    let gw = await startTestGateway({ dataDir });
    const setup = new LambdaClient(gw.clientConfig);
    await new SQSClient(gw.clientConfig).send(new CreateQueueCommand({ QueueName: "analytics", Attributes: { VisibilityTimeout: "5" } }));
    await setup.send(
      new CreateFunctionCommand({
        FunctionName: "analytics-consumer",
        Runtime: "nodejs22.x",
        Role: ROLE,
        Handler: "index.handler",
        Code: { ZipFile: writeZip({ "index.js": CONSUMER }) },
        Environment: { Variables: { OUT_FILE: out } },
      }),
    );
    await setup.send(new CreateEventSourceMappingCommand({ FunctionName: "analytics-consumer", EventSourceArn: queueArn("analytics") }));
    await gw.stop();

    gw = await startTestGateway({ dataDir });
    try {
      const sqs = new SQSClient(gw.clientConfig);
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "analytics", Attributes: { VisibilityTimeout: "5" } }));
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify({ after: "restart" }) }));
      const got = await waitFor("the record", () => records(out)[0]);
      assert.deepEqual(JSON.parse(got.body), { after: "restart" });
    } finally {
      await gw.stop();
    }
  });
});
