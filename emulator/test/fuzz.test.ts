// Fuzzing the gateway: garbage in every protocol must come back as an AWS-style 4xx error in the
// caller's protocol (a 501 only for a real AWS operation the emulator has not built), never a 5xx,
// a hang-up or a stack trace; and none of it may touch resources created before.
import assert from "node:assert/strict";
import { appendFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import * as cfnSchemas from "@aws-sdk/client-cloudformation";
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, GetLogEventsCommand, PutLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import * as cwSchemas from "@aws-sdk/client-cloudwatch";
import * as logsSchemas from "@aws-sdk/client-cloudwatch-logs";
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import * as ddbSchemas from "@aws-sdk/client-dynamodb";
import * as ecsSchemas from "@aws-sdk/client-ecs";
import * as elbSchemas from "@aws-sdk/client-elastic-load-balancing-v2";
import * as eventsSchemas from "@aws-sdk/client-eventbridge";
import * as iamSchemas from "@aws-sdk/client-iam";
import { CreateTopicCommand, GetSubscriptionAttributesCommand, PublishCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import * as snsSchemas from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import * as sqsSchemas from "@aws-sdk/client-sqs";
import * as stsSchemas from "@aws-sdk/client-sts";
import fc from "fast-check";
import { validateFilterPolicy } from "../../lib/messaging/filter-policy.ts";
import { operationShape, type SchemaModule } from "../protocols/shape.ts";
import { startTestGateway, type TestGateway } from "./harness.ts";
import { awsErrorCode, form, type RawRequest, type RawResponse, rawRequest, sigv4, type Wire } from "./support/wire.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

const ACCOUNT = "000000000000";
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/** JSON-protocol services: X-Amz-Target prefix → SDK schemas and signing name. */
const JSON_SERVICES: { prefix: string; signing: string; schemas: SchemaModule; contentType?: string }[] = [
  { prefix: "AmazonSQS", signing: "sqs", schemas: sqsSchemas, contentType: "application/x-amz-json-1.0" },
  { prefix: "DynamoDB_20120810", signing: "dynamodb", schemas: ddbSchemas, contentType: "application/x-amz-json-1.0" },
  { prefix: "Logs_20140328", signing: "logs", schemas: logsSchemas },
  { prefix: "GraniteServiceVersion20100801", signing: "monitoring", schemas: cwSchemas },
  { prefix: "AWSEvents", signing: "events", schemas: eventsSchemas },
  { prefix: "AmazonEC2ContainerServiceV20141113", signing: "ecs", schemas: ecsSchemas },
];

/** Query-protocol services: signing name → SDK schemas and API version. */
const QUERY_SERVICES: { signing: string; version: string; schemas: SchemaModule }[] = [
  { signing: "sns", version: "2010-03-31", schemas: snsSchemas },
  { signing: "sqs", version: "2012-11-05", schemas: sqsSchemas },
  { signing: "monitoring", version: "2010-08-01", schemas: cwSchemas },
  { signing: "cloudformation", version: "2010-05-15", schemas: cfnSchemas },
  { signing: "elasticloadbalancing", version: "2015-12-01", schemas: elbSchemas },
  { signing: "sts", version: "2011-06-15", schemas: stsSchemas },
  { signing: "iam", version: "2010-05-08", schemas: iamSchemas },
];

const SIGNING_NAMES = ["sts", "sqs", "sns", "s3", "dynamodb", "lambda", "monitoring", "logs", "events", "xray", "iam", "ec2", "ecr", "tagging", "servicediscovery", "appmesh", "elasticloadbalancing", "ecs", "cloudformation"];

const CONTENT_TYPES = [
  "application/x-amz-json-1.0",
  "application/x-amz-json-1.1",
  "application/json",
  "application/x-www-form-urlencoded",
  "application/x-www-form-urlencoded; charset=utf-8",
  "text/xml",
  "application/xml",
  "text/plain",
  "application/octet-stream",
  "multipart/form-data; boundary=xyz",
];

const realOps = (schemas: SchemaModule) => Object.keys(schemas).filter((k) => k.endsWith("$") && operationShape(schemas, k.slice(0, -1))).map((k) => k.slice(0, -1));
const isRealOp = (schemas: SchemaModule, name: string) => Boolean(operationShape(schemas, name));

const arbContentType = fc.option(fc.oneof(fc.constantFrom(...CONTENT_TYPES), fc.stringMatching(/^[a-z]{1,12}\/[a-z0-9.+-]{1,20}$/)), { nil: undefined });
/** Bytes that are not a JSON object (so no JSON service could read them as a valid input). */
const arbGarbage = fc.uint8Array({ minLength: 1, maxLength: 2048 }).filter((b) => {
  try {
    const v = JSON.parse(Buffer.from(b).toString("utf8"));
    return typeof v !== "object" || v === null || Array.isArray(v);
  } catch {
    return true;
  }
});
const arbOpName = fc.oneof(fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,40}$/), fc.string({ maxLength: 30 }));
const headerSafe = (s: string) => /^[\x20-\x7e]*$/.test(s);

describe("fuzz: every bad request gets an AWS-style 4xx", () => {
  let gw: TestGateway;
  let sns: SNSClient;
  let sqs: SQSClient;
  let ddb: DynamoDBClient;
  let cw: CloudWatchClient;
  let logs: CloudWatchLogsClient;
  let baseline: unknown;
  /** A topic with a raw-delivery queue that every invalid publish targets: it must stay empty. */
  const target = { topicArn: "", queueUrl: "", queueArn: "", subscriptionArn: "" };
  const stats = { requests: 0, byCategory: new Map<string, number>(), codes: new Map<string, number>(), notImplemented: new Set<string>() };
  const failures: string[] = [];

  /** Sends a request that must be rejected, and checks the answer. Returns the error code. */
  async function expectError(category: string, req: RawRequest, wire: Wire, allowed?: { status?: number[]; codes?: string[] }): Promise<string | undefined> {
    stats.requests++;
    stats.byCategory.set(category, (stats.byCategory.get(category) ?? 0) + 1);
    const what = `${category}: ${req.method ?? "POST"} ${req.path ?? "/"} ${JSON.stringify({ ...req.headers, authorization: req.headers?.authorization ? "(sigv4)" : undefined })} body=${JSON.stringify(String(typeof req.body === "string" ? req.body : Buffer.from(req.body ?? []).toString("latin1")).slice(0, 160))}`;
    let res: RawResponse;
    try {
      res = await rawRequest(gw.url, req);
    } catch (e) {
      failures.push(`${what}\n  -> socket error: ${(e as Error).message}`);
      return undefined;
    }
    const fail = (why: string) => {
      failures.push(`${what}\n  -> ${res.status}: ${why}: ${res.body.slice(0, 300)}`);
      return undefined;
    };
    const shape = awsErrorCode(res, wire);
    if (!shape.ok) return fail(shape.problem!);
    stats.codes.set(shape.code!, (stats.codes.get(shape.code!) ?? 0) + 1);
    if (res.status === 501) {
      // Only a real AWS operation may be "not implemented": find it in its service's SDK schemas.
      const m = /(\w+)\.(\w+) is a real AWS operation/.exec(res.body);
      const svc = m && gw.services.find((s) => s.name === m[1]);
      if (!m || !svc?.schemas || !isRealOp(svc.schemas, m[2])) return fail("501 for an operation that is not in the SDK schemas");
      stats.notImplemented.add(`${m[1]}.${m[2]}`);
      return shape.code;
    }
    if (res.status < 400 || res.status > 499) return fail("status is not 4xx");
    if (allowed?.status && !allowed.status.includes(res.status)) return fail(`status not in ${allowed.status}`);
    if (allowed?.codes && !allowed.codes.includes(shape.code!)) return fail(`code ${shape.code} not in ${allowed.codes}`);
    return shape.code;
  }

  const query = (signing: string, params: Record<string, string | number | undefined>, path = "/") => ({
    path,
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8", authorization: sigv4(signing) },
    body: form(params),
  });
  const json = (prefix: string, signing: string, op: string, body: unknown, contentType = JSON_SERVICES.find((s) => s.prefix === prefix)?.contentType ?? "application/x-amz-json-1.1") => ({
    headers: { "content-type": contentType, "x-amz-target": `${prefix}.${op}`, authorization: sigv4(signing) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

  async function snapshot() {
    const peek = async (name: string) => {
      const r = await (await fetch(`${gw.url}/_lab/sqs/peek/${name}`)).json();
      return r.messages.map((m: any) => ({ id: m.messageId, body: m.body, attrs: m.messageAttributes, state: m.state, receives: m.receiveCount }));
    };
    const alarm = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ["fuzz-baseline-alarm"] }))).MetricAlarms;
    const item = (await ddb.send(new GetItemCommand({ TableName: "fuzz-baseline", Key: { pk: { S: "k1" } }, ConsistentRead: true }))).Item;
    const events = (await logs.send(new GetLogEventsCommand({ logGroupName: "/fuzz/baseline", logStreamName: "s1", startFromHead: true }))).events?.map((e) => ({ t: e.timestamp, m: e.message }));
    return { queue: await peek("fuzz-baseline-q"), alarm, item, events };
  }

  before(async () => {
    gw = await startTestGateway();
    sns = new SNSClient({ ...gw.clientConfig, maxAttempts: 1 });
    sqs = new SQSClient({ ...gw.clientConfig, maxAttempts: 1 });
    ddb = new DynamoDBClient({ ...gw.clientConfig, maxAttempts: 1 });
    cw = new CloudWatchClient({ ...gw.clientConfig, maxAttempts: 1 });
    logs = new CloudWatchLogsClient({ ...gw.clientConfig, maxAttempts: 1 });
    const queue = async (name: string) => {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
      const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }))).Attributes!.QueueArn!;
      return { url: QueueUrl!, arn };
    };
    // Resources that must survive the fuzzing unchanged.
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "fuzz-baseline" }));
    const q = await queue("fuzz-baseline-q");
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: q.arn, Attributes: { RawMessageDelivery: "true" } }));
    for (let i = 0; i < 5; i++) {
      await sns.send(new PublishCommand({ TopicArn, Message: JSON.stringify({ n: i }), MessageAttributes: { eventType: { DataType: "String", StringValue: "order_created" } } }));
    }
    await ddb.send(new CreateTableCommand({ TableName: "fuzz-baseline", KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }], AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }], BillingMode: "PAY_PER_REQUEST" }));
    await ddb.send(new PutItemCommand({ TableName: "fuzz-baseline", Item: { pk: { S: "k1" }, n: { N: "42" }, tags: { SS: ["a", "b"] } } }));
    await cw.send(new PutMetricAlarmCommand({ AlarmName: "fuzz-baseline-alarm", Namespace: "Fuzz", MetricName: "M", Statistic: "Sum", Period: 60, EvaluationPeriods: 1, Threshold: 5, ComparisonOperator: "GreaterThanThreshold" }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/fuzz/baseline" }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: "/fuzz/baseline", logStreamName: "s1" }));
    await logs.send(new PutLogEventsCommand({ logGroupName: "/fuzz/baseline", logStreamName: "s1", logEvents: [{ timestamp: Date.now(), message: "before the fuzz" }] }));
    baseline = await snapshot();
    assert.equal((baseline as any).queue.length, 5);

    // The target every invalid publish / send aims at.
    target.topicArn = (await sns.send(new CreateTopicCommand({ Name: "fuzz-target" }))).TopicArn!;
    const t = await queue("fuzz-target-q");
    target.queueUrl = t.url;
    target.queueArn = t.arn;
    target.subscriptionArn = (await sns.send(new SubscribeCommand({ TopicArn: target.topicArn, Protocol: "sqs", Endpoint: t.arn, ReturnSubscriptionArn: true, Attributes: { RawMessageDelivery: "true", FilterPolicy: '{"eventType":["order_created"]}' } }))).SubscriptionArn!;
    console.log(`# fuzz seed ${SEED} (FUZZ_SEED=${SEED} reproduces)`);
  });

  after(async () => {
    await gw?.stop();
  });

  const assertNoFailures = () => {
    const list = failures.splice(0);
    if (process.env.FUZZ_REPORT && list.length) appendFileSync(process.env.FUZZ_REPORT, `${list.join("\n")}\n`);
    assert.equal(list.length, 0, `${list.length} bad answers:\n${list.slice(0, 25).join("\n")}`);
  };
  const run = (prop: fc.IAsyncProperty<any>, numRuns: number) => fc.assert(prop, { numRuns, seed: SEED, endOnFailure: true });

  it("random bytes with random or no content-type, without credentials", async () => {
    const paths = ["/", "/x", "/000000000000/fuzz-baseline-q", "/2015-03-31/functions", "/2015-03-31/functions/nope/invocations", "/TraceSegments", "/v20190125/meshes", "/_lab"];
    await run(
      fc.asyncProperty(fc.record({ body: fc.uint8Array({ maxLength: 4096 }), ct: arbContentType, path: fc.constantFrom(...paths), method: fc.constantFrom("POST", "PUT") }), async ({ body, ct, path, method }) => {
        await expectError("random bytes", { method, path, headers: { "content-type": ct }, body }, "any");
      }),
      150,
    );
    assertNoFailures();
  });

  it("SigV4 Authorization naming each service, with garbage bodies", async () => {
    await run(
      fc.asyncProperty(fc.record({ svc: fc.constantFrom(...SIGNING_NAMES), body: arbGarbage, ct: arbContentType }), async ({ svc, body, ct }) => {
        const wire: Wire = ct?.startsWith("application/x-www-form-urlencoded") && ["sts", "sns", "iam", "ec2", "elasticloadbalancing", "cloudformation", "sqs"].includes(svc) ? "xml" : svc === "s3" ? "xml" : "any";
        await expectError(`sigv4 ${svc}`, { method: "POST", path: "/", headers: { "content-type": ct, authorization: sigv4(svc) }, body }, wire);
      }),
      SIGNING_NAMES.length * 12,
    );
    assertNoFailures();
  });

  it("wrong or missing X-Amz-Target for each JSON service", async () => {
    const prefixes = JSON_SERVICES.map((s) => s.prefix);
    await run(
      fc.asyncProperty(
        fc.record({
          svc: fc.constantFrom(...JSON_SERVICES),
          prefix: fc.oneof(fc.constantFrom(...prefixes), fc.stringMatching(/^[A-Za-z0-9_]{0,30}$/)),
          op: arbOpName,
          sep: fc.constantFrom(".", "", "..", "#"),
          signed: fc.boolean(),
        }).filter((x) => headerSafe(x.op) && !isRealOp(x.svc.schemas, x.op)),
        async ({ svc, prefix, op, sep, signed }) => {
          await expectError("bad X-Amz-Target", { headers: { "content-type": svc.contentType ?? "application/x-amz-json-1.1", "x-amz-target": `${prefix}${sep}${op}`, authorization: signed ? sigv4(svc.signing) : undefined }, body: "{}" }, "json");
        },
      ),
      300,
    );
    // Real operations with bodies that are not a JSON object, and no target at all.
    for (const s of JSON_SERVICES) {
      for (const body of ["", "[]", "null", '"x"', "{", "{}}", "\x00\x01"]) {
        await expectError("no X-Amz-Target", { headers: { "content-type": "application/x-amz-json-1.0", authorization: sigv4(s.signing) }, body }, "any");
      }
      for (const op of realOps(s.schemas).slice(0, 25)) {
        for (const body of ["[]", "null", "{", "7"]) await expectError("real op, non-object body", json(s.prefix, s.signing, op, body), "json");
      }
    }
    assertNoFailures();
  });

  it("truncated and invalid JSON, form and XML bodies", async () => {
    const jsonBodies = [
      { s: JSON_SERVICES[0], op: "SendMessage", body: { QueueUrl: `http://127.0.0.1/${ACCOUNT}/no-such-queue`, MessageBody: "hello", MessageAttributes: { a: { DataType: "String", StringValue: "b" } } } },
      { s: JSON_SERVICES[1], op: "PutItem", body: { TableName: "no-such-table", Item: { pk: { S: "x" }, n: { N: "1" } } } },
      { s: JSON_SERVICES[2], op: "PutLogEvents", body: { logGroupName: "/no/such", logStreamName: "s", logEvents: [{ timestamp: 1, message: "m" }] } },
      { s: JSON_SERVICES[3], op: "PutMetricAlarm", body: { AlarmName: "x", Namespace: "N", MetricName: "M", Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: "Bogus", Statistic: "Sum" } },
      { s: JSON_SERVICES[4], op: "PutTargets", body: { Rule: "no-such-rule", Targets: [{ Id: "1", Arn: "arn:aws:sqs:us-east-1:000000000000:q" }] } },
      { s: JSON_SERVICES[5], op: "CreateService", body: { cluster: "no-such-cluster", serviceName: "s", taskDefinition: "td", desiredCount: 1 } },
    ];
    await run(
      fc.asyncProperty(fc.constantFrom(...jsonBodies), fc.double({ min: 0, max: 1, noNaN: true }), async ({ s, op, body }, f) => {
        const text = JSON.stringify(body);
        const cut = 1 + Math.floor(f * (text.length - 2));
        await expectError("truncated JSON", json(s.prefix, s.signing, op, text.slice(0, cut)), "json");
      }),
      120,
    );
    // Whole and truncated query requests that name things that do not exist: every prefix is an error.
    const forms = [
      { signing: "sns", p: { Action: "Publish", TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:no-such-topic`, Message: "hello" } },
      { signing: "sqs", p: { Action: "SendMessage", QueueUrl: `http://127.0.0.1/${ACCOUNT}/no-such-queue`, MessageBody: "hello" } },
      { signing: "monitoring", p: { Action: "SetAlarmState", AlarmName: "no-such-alarm", StateValue: "ALARM", StateReason: "r" } },
      { signing: "cloudformation", p: { Action: "DescribeStackEvents", StackName: "no-such-stack" } },
      { signing: "elasticloadbalancing", p: { Action: "DescribeTargetHealth", TargetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/none/0123456789abcdef` } },
    ];
    await run(
      fc.asyncProperty(fc.constantFrom(...forms), fc.double({ min: 0, max: 1, noNaN: true }), async ({ signing, p }, f) => {
        const text = form({ ...p, Version: QUERY_SERVICES.find((q) => q.signing === signing)!.version });
        const cut = Math.floor(f * text.length);
        await expectError("truncated form", { ...query(signing, {}), body: text.slice(0, cut) }, "xml");
      }),
      120,
    );
    // Broken form encodings.
    for (const { signing } of QUERY_SERVICES) {
      for (const body of ["Action", "Action=%ZZ", "=&=&&", "Action=Publish%", "Action=%E0%A4%A", "Action=Describe%00Stacks", "Action[]=x", `Action=${"A".repeat(5000)}`]) {
        await expectError("invalid form", { ...query(signing, {}), body }, "xml");
      }
    }
    // XML where JSON or a form is expected, and broken XML to S3.
    const xmls = ['<?xml version="1.0"?><CreateBucketConfiguration><LocationConstraint>eu-west-1', "<a><b></a>", "<Delete><Object><Key>k</Key></Object>", "<<>>", '<?xml version="1.0"?>'];
    for (const body of xmls) {
      for (const s of JSON_SERVICES) await expectError("XML to a JSON service", json(s.prefix, s.signing, "Nope", body, "text/xml"), "json");
      for (const q of QUERY_SERVICES) await expectError("XML to a query service", { headers: { "content-type": "text/xml", authorization: sigv4(q.signing) }, body }, "any");
      await expectError("broken XML to S3", { method: "POST", path: "/no-such-bucket?delete", headers: { "content-type": "application/xml", authorization: sigv4("s3") }, body }, "xml");
    }
    assertNoFailures();
  });

  it("query Actions that do not exist, and real ones with missing or invalid parameters", async () => {
    await run(
      fc.asyncProperty(fc.constantFrom(...QUERY_SERVICES), arbOpName, async (svc, action) => {
        fc.pre(!isRealOp(svc.schemas, action));
        const code = await expectError(`unknown Action (${svc.signing})`, query(svc.signing, { Action: action, Version: svc.version }), "xml");
        if (code && action && !["InvalidAction", "MissingAction"].includes(code)) failures.push(`unknown Action ${JSON.stringify(action)} on ${svc.signing} answered ${code}`);
      }),
      200,
    );
    const topic = target.topicArn;
    const qurl = target.queueUrl;
    const cases: [string, Record<string, string | number>][] = [
      ["sns", { Action: "Publish", Message: "no target" }],
      ["sns", { Action: "Publish", TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:nope`, Message: "x" }],
      ["sns", { Action: "Publish", TopicArn: "not-an-arn", Message: "x" }],
      ["sns", { Action: "Publish", TopicArn: topic }],
      ["sns", { Action: "Publish", TopicArn: topic, Message: "" }],
      ["sns", { Action: "Publish", TopicArn: topic, Message: "x", MessageStructure: "json" }],
      ["sns", { Action: "Publish", TopicArn: topic, Message: '{"default":1}', MessageStructure: "json" }],
      ["sns", { Action: "CreateTopic" }],
      ["sns", { Action: "CreateTopic", Name: "bad name!" }],
      ["sns", { Action: "CreateTopic", Name: "x".repeat(257) }],
      ["sns", { Action: "Subscribe", TopicArn: topic }],
      ["sns", { Action: "Subscribe", TopicArn: topic, Protocol: "carrier-pigeon", Endpoint: "x" }],
      ["sns", { Action: "Subscribe", TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:nope`, Protocol: "sqs", Endpoint: target.queueArn }],
      ["sns", { Action: "Unsubscribe", SubscriptionArn: "garbage" }],
      ["sns", { Action: "GetTopicAttributes", TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:nope` }],
      ["sns", { Action: "SetTopicAttributes", TopicArn: topic, AttributeName: "NoSuchAttribute", AttributeValue: "x" }],
      ["sns", { Action: "GetSubscriptionAttributes", SubscriptionArn: `${topic}:00000000-0000-0000-0000-000000000000` }],
      ["sns", { Action: "PublishBatch", TopicArn: topic }],
      ["sns", { Action: "PublishBatch", TopicArn: topic, "PublishBatchRequestEntries.member.1.Id": "a", "PublishBatchRequestEntries.member.1.Message": "m", "PublishBatchRequestEntries.member.2.Id": "a", "PublishBatchRequestEntries.member.2.Message": "m" }],
      ["sns", { Action: "PublishBatch", TopicArn: topic, ...Object.fromEntries(Array.from({ length: 11 }, (_, i) => [[`PublishBatchRequestEntries.member.${i + 1}.Id`, `i${i}`], [`PublishBatchRequestEntries.member.${i + 1}.Message`, "m"]]).flat()) }],
      ["sqs", { Action: "CreateQueue" }],
      ["sqs", { Action: "CreateQueue", QueueName: "bad name" }],
      ["sqs", { Action: "CreateQueue", QueueName: "vt", "Attribute.1.Name": "VisibilityTimeout", "Attribute.1.Value": "-1" }],
      ["sqs", { Action: "CreateQueue", QueueName: "vt", "Attribute.1.Name": "MessageRetentionPeriod", "Attribute.1.Value": "abc" }],
      ["sqs", { Action: "SendMessage", MessageBody: "x" }],
      ["sqs", { Action: "SendMessage", QueueUrl: `http://127.0.0.1/${ACCOUNT}/nope`, MessageBody: "x" }],
      ["sqs", { Action: "SendMessage", QueueUrl: qurl }],
      ["sqs", { Action: "SendMessage", QueueUrl: qurl, MessageBody: "x", DelaySeconds: 901 }],
      ["sqs", { Action: "SendMessage", QueueUrl: qurl, MessageBody: "x", DelaySeconds: "soon" }],
      ["sqs", { Action: "SendMessage", QueueUrl: qurl, MessageBody: "\u0001" }],
      ["sqs", { Action: "ReceiveMessage", QueueUrl: qurl, MaxNumberOfMessages: 11 }],
      ["sqs", { Action: "ReceiveMessage", QueueUrl: qurl, MaxNumberOfMessages: 0 }],
      ["sqs", { Action: "ReceiveMessage", QueueUrl: qurl, WaitTimeSeconds: 21 }],
      ["sqs", { Action: "DeleteMessage", QueueUrl: qurl, ReceiptHandle: "garbage" }],
      ["sqs", { Action: "DeleteMessage", QueueUrl: qurl }],
      ["sqs", { Action: "ChangeMessageVisibility", QueueUrl: qurl, ReceiptHandle: "garbage", VisibilityTimeout: 5 }],
      ["sqs", { Action: "GetQueueAttributes", QueueUrl: `http://127.0.0.1/${ACCOUNT}/nope` }],
      ["sqs", { Action: "GetQueueUrl", QueueName: "nope" }],
      ["sqs", { Action: "PurgeQueue", QueueUrl: `http://127.0.0.1/${ACCOUNT}/nope` }],
      ["sqs", { Action: "SendMessageBatch", QueueUrl: qurl }],
      ["sqs", { Action: "SendMessageBatch", QueueUrl: qurl, ...Object.fromEntries(Array.from({ length: 11 }, (_, i) => [[`SendMessageBatchRequestEntry.${i + 1}.Id`, `i${i}`], [`SendMessageBatchRequestEntry.${i + 1}.MessageBody`, "m"]]).flat()) }],
      ["sqs", { Action: "SendMessageBatch", QueueUrl: qurl, "SendMessageBatchRequestEntry.1.Id": "a", "SendMessageBatchRequestEntry.1.MessageBody": "m", "SendMessageBatchRequestEntry.2.Id": "a", "SendMessageBatchRequestEntry.2.MessageBody": "m" }],
      ["sqs", { Action: "SendMessageBatch", QueueUrl: qurl, "SendMessageBatchRequestEntry.1.Id": "bad id!", "SendMessageBatchRequestEntry.1.MessageBody": "m" }],
      ["sqs", { Action: "DeleteMessageBatch", QueueUrl: qurl }],
      ["monitoring", { Action: "PutMetricData", "MetricData.member.1.MetricName": "M", "MetricData.member.1.Value": 1 }],
      ["monitoring", { Action: "PutMetricData", Namespace: "Fuzz", "MetricData.member.1.MetricName": "M", "MetricData.member.1.Value": "abc" }],
      ["monitoring", { Action: "PutMetricData", Namespace: "AWS/EC2", "MetricData.member.1.MetricName": "M", "MetricData.member.1.Value": 1 }],
      ["monitoring", { Action: "PutMetricData", Namespace: "Fuzz" }],
      ["monitoring", { Action: "PutMetricAlarm", Namespace: "N", MetricName: "M", Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: "GreaterThanThreshold", Statistic: "Sum" }],
      ["monitoring", { Action: "PutMetricAlarm", AlarmName: "bad-op", Namespace: "N", MetricName: "M", Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: "Bigger", Statistic: "Sum" }],
      ["monitoring", { Action: "PutMetricAlarm", AlarmName: "bad-period", Namespace: "N", MetricName: "M", Period: 7, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: "GreaterThanThreshold", Statistic: "Sum" }],
      ["monitoring", { Action: "PutMetricAlarm", AlarmName: "bad-stat", Namespace: "N", MetricName: "M", Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: "GreaterThanThreshold", Statistic: "Median" }],
      ["monitoring", { Action: "GetMetricStatistics", Namespace: "N", MetricName: "M", Period: 60, "Statistics.member.1": "Sum" }],
      ["monitoring", { Action: "GetMetricStatistics", Namespace: "N", MetricName: "M", Period: 60, "Statistics.member.1": "Sum", StartTime: "yesterday", EndTime: "now" }],
      ["monitoring", { Action: "SetAlarmState", AlarmName: "no-such-alarm", StateValue: "ALARM", StateReason: "r" }],
      ["monitoring", { Action: "SetAlarmState", AlarmName: "fuzz-baseline-alarm", StateValue: "PANIC", StateReason: "r" }],
      ["monitoring", { Action: "GetDashboard", DashboardName: "no-such-dashboard" }],
      ["monitoring", { Action: "PutDashboard", DashboardName: "d", DashboardBody: "{not json" }],
      ["cloudformation", { Action: "CreateStack", TemplateBody: "{}" }],
      ["cloudformation", { Action: "CreateStack", StackName: "no-template" }],
      ["cloudformation", { Action: "CreateStack", StackName: "1-starts-with-digit", TemplateBody: '{"Resources":{"T":{"Type":"AWS::SNS::Topic"}}}' }],
      ["cloudformation", { Action: "DescribeStacks", StackName: "no-such-stack" }],
      ["cloudformation", { Action: "UpdateStack", StackName: "no-such-stack", UsePreviousTemplate: "true" }],
      ["cloudformation", { Action: "GetTemplate", StackName: "no-such-stack" }],
      ["cloudformation", { Action: "DescribeStackResource", StackName: "no-such-stack", LogicalResourceId: "X" }],
      ["cloudformation", { Action: "ValidateTemplate" }],
      ["cloudformation", { Action: "DescribeChangeSet", ChangeSetName: "cs", StackName: "no-such-stack" }],
      ["elasticloadbalancing", { Action: "CreateLoadBalancer" }],
      ["elasticloadbalancing", { Action: "CreateLoadBalancer", Name: "-bad-", "Subnets.member.1": "subnet-a" }],
      ["elasticloadbalancing", { Action: "CreateTargetGroup", Name: "tg", Protocol: "CARRIER", Port: 80, VpcId: "vpc-1" }],
      ["elasticloadbalancing", { Action: "CreateTargetGroup", Name: "tg", Protocol: "HTTP", Port: 70000, VpcId: "vpc-1" }],
      ["elasticloadbalancing", { Action: "DescribeLoadBalancers", "LoadBalancerArns.member.1": `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/none/0123456789abcdef` }],
      ["elasticloadbalancing", { Action: "CreateListener", LoadBalancerArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/none/0123456789abcdef`, Port: 1, Protocol: "HTTP" }],
      ["elasticloadbalancing", { Action: "DescribeTargetHealth", TargetGroupArn: "garbage" }],
      ["elasticloadbalancing", { Action: "RegisterTargets", TargetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/none/0123456789abcdef`, "Targets.member.1.Id": "127.0.0.1" }],
      ["elasticloadbalancing", { Action: "DeleteRule", RuleArn: "garbage" }],
      ["sts", { Action: "GetCallerIdentity", Version: "1999-01-01", Extra: "%%%" }],
      ["sts", { Action: "AssumeRole" }],
    ];
    for (const [signing, params] of cases) {
      const version = QUERY_SERVICES.find((q) => q.signing === signing)!.version;
      const p = { Version: version, ...params };
      if (signing === "sts" && params.Action === "GetCallerIdentity") continue; // sts ignores extra params like AWS: not an error
      await expectError(`invalid params (${signing} ${params.Action})`, query(signing, p), "xml");
    }
    // The same kind of mistakes in the JSON protocols.
    const jsonCases: [number, string, unknown][] = [
      [0, "SendMessage", {}],
      [0, "SendMessage", { QueueUrl: qurl }],
      [0, "SendMessage", { QueueUrl: qurl, MessageBody: { nested: true } }],
      [0, "SendMessage", { QueueUrl: qurl, MessageBody: "x", DelaySeconds: "soon" }],
      [0, "ReceiveMessage", { QueueUrl: qurl, MaxNumberOfMessages: "ten" }],
      [0, "ReceiveMessage", { QueueUrl: qurl, MaxNumberOfMessages: 11 }],
      [0, "CreateQueue", {}],
      [0, "GetQueueUrl", { QueueName: "nope" }],
      [0, "DeleteMessage", { QueueUrl: qurl, ReceiptHandle: "garbage" }],
      [1, "PutItem", {}],
      [1, "PutItem", { TableName: "fuzz-baseline", Item: { pk: { N: "not-a-number" } } }],
      [1, "PutItem", { TableName: "fuzz-baseline", Item: { other: { S: "no key" } } }],
      [1, "GetItem", { TableName: "nope", Key: { pk: { S: "x" } } }],
      [1, "CreateTable", {}],
      [1, "Query", { TableName: "fuzz-baseline" }],
      [1, "UpdateItem", { TableName: "fuzz-baseline", Key: { pk: { S: "k1" } }, UpdateExpression: "SET n = n +" }],
      [1, "DeleteItem", { TableName: "fuzz-baseline", Key: { pk: { S: "k1" } }, ConditionExpression: "attribute_not_exists(pk)" }],
      [2, "PutLogEvents", {}],
      [2, "PutLogEvents", { logGroupName: "/fuzz/baseline", logStreamName: "nope", logEvents: [{ timestamp: Date.now(), message: "x" }] }],
      [2, "PutLogEvents", { logGroupName: "/fuzz/baseline", logStreamName: "s1", logEvents: [] }],
      [2, "PutLogEvents", { logGroupName: "/fuzz/baseline", logStreamName: "s1", logEvents: [{ timestamp: "when", message: "x" }] }],
      [2, "CreateLogGroup", {}],
      [2, "CreateLogGroup", { logGroupName: "bad name*" }],
      [2, "CreateLogGroup", { logGroupName: "/fuzz/baseline" }],
      [2, "GetLogEvents", { logGroupName: "nope", logStreamName: "x" }],
      [2, "DescribeLogStreams", { logGroupName: 5 }],
      [2, "FilterLogEvents", { logGroupName: "/fuzz/baseline", limit: "x" }],
      [3, "PutMetricData", {}],
      [3, "PutMetricData", { Namespace: "Fuzz", MetricData: "notalist" }],
      [3, "GetMetricData", {}],
      [3, "DeleteAlarms", { AlarmNames: "fuzz-baseline-alarm" }],
      [4, "PutRule", {}],
      [4, "PutRule", { Name: "r", ScheduleExpression: "rate(banana)" }],
      [4, "PutRule", { Name: "r", EventPattern: "{not json" }],
      [4, "PutTargets", { Rule: "nope", Targets: [{ Id: "1", Arn: target.queueArn }] }],
      [4, "PutEvents", {}],
      [4, "PutEvents", { Entries: "x" }],
      [4, "DescribeRule", { Name: "nope" }],
      [5, "CreateService", {}],
      [5, "DescribeServices", { cluster: "nope", services: ["x"] }],
      [5, "RegisterTaskDefinition", {}],
      [5, "RegisterTaskDefinition", { family: "f", containerDefinitions: "x" }],
      [5, "RunTask", { cluster: "nope", taskDefinition: "x" }],
      [5, "UpdateService", { cluster: "nope", service: "x", desiredCount: "two" }],
    ];
    for (const [i, op, body] of jsonCases) {
      const s = JSON_SERVICES[i];
      await expectError(`invalid params (${s.prefix} ${op})`, json(s.prefix, s.signing, op, body), "json");
    }
    assertNoFailures();
  });

  it("oversized messages: SNS Publish over 256 KiB, SQS SendMessage over 1 MiB (JSON and query)", async () => {
    const big = (n: number) => "x".repeat(n);
    const snsV = "2010-03-31";
    await expectError("oversized", query("sns", { Action: "Publish", Version: snsV, TopicArn: target.topicArn, Message: big(262_145) }), "xml");
    await expectError("oversized", query("sns", { Action: "Publish", Version: snsV, TopicArn: target.topicArn, Message: big(262_000), "MessageAttributes.entry.1.Name": "eventType", "MessageAttributes.entry.1.Value.DataType": "String", "MessageAttributes.entry.1.Value.StringValue": big(1000) }), "xml");
    await expectError("oversized", query("sns", { Action: "Publish", Version: snsV, TopicArn: target.topicArn, Message: big(3 * 1024 * 1024) }), "xml");
    await expectError("oversized", query("sns", { Action: "PublishBatch", Version: snsV, TopicArn: target.topicArn, "PublishBatchRequestEntries.member.1.Id": "a", "PublishBatchRequestEntries.member.1.Message": big(150_000), "PublishBatchRequestEntries.member.2.Id": "b", "PublishBatchRequestEntries.member.2.Message": big(150_000) }), "xml");
    const mib = 1024 * 1024;
    await expectError("oversized", json("AmazonSQS", "sqs", "SendMessage", { QueueUrl: target.queueUrl, MessageBody: big(mib + 1) }, "application/x-amz-json-1.0"), "json");
    await expectError("oversized", json("AmazonSQS", "sqs", "SendMessage", { QueueUrl: target.queueUrl, MessageBody: big(mib - 10), MessageAttributes: { a: { DataType: "String", StringValue: big(100) } } }, "application/x-amz-json-1.0"), "json");
    await expectError("oversized", json("AmazonSQS", "sqs", "SendMessageBatch", { QueueUrl: target.queueUrl, Entries: [{ Id: "a", MessageBody: big(600_000) }, { Id: "b", MessageBody: big(600_000) }] }, "application/x-amz-json-1.0"), "json");
    await expectError("oversized", query("sqs", { Action: "SendMessage", Version: "2012-11-05", QueueUrl: target.queueUrl, MessageBody: big(mib + 1) }), "xml");
    await expectError("oversized", query("sqs", { Action: "SendMessage", Version: "2012-11-05", QueueUrl: target.queueUrl, MessageBody: big(12 * mib) }), "xml");
    await expectError("oversized", query("sqs", { Action: "SendMessageBatch", Version: "2012-11-05", QueueUrl: target.queueUrl, "SendMessageBatchRequestEntry.1.Id": "a", "SendMessageBatchRequestEntry.1.MessageBody": big(600_000), "SendMessageBatchRequestEntry.2.Id": "b", "SendMessageBatchRequestEntry.2.MessageBody": big(600_000) }), "xml");
    await expectError("oversized", json("Logs_20140328", "logs", "PutLogEvents", { logGroupName: "/fuzz/baseline", logStreamName: "s1", logEvents: [{ timestamp: Date.now(), message: big(mib + 1) }] }), "json");
    assertNoFailures();
  });

  it("invalid filter policies on Subscribe and SetSubscriptionAttributes", async () => {
    const invalid = [
      "{",
      "[]",
      '"eventType"',
      "null",
      "42",
      "{}x",
      '{"eventType": "order_created"}',
      '{"eventType": []}',
      '{"eventType": [{"numeric": [">", "ten"]}]}',
      '{"eventType": [{"numeric": ["<"]}]}',
      '{"eventType": [{"numeric": ["=>", 1]}]}',
      '{"eventType": [{"numeric": [">", 5, "<", 1]}]}',
      '{"eventType": [{"prefix": 1}]}',
      '{"eventType": [{"unknown-operator": 1}]}',
      '{"eventType": [{"exists": "yes"}]}',
      '{"eventType": [{"anything-but": {}}]}',
      '{"eventType": [{"cidr": "not-a-cidr"}]}',
      '{"eventType": [{"prefix": "a", "suffix": "b"}]}',
      '{"eventType": [{"a": [1]}]}',
      JSON.stringify({ a: Array.from({ length: 20 }, (_, i) => `v${i}`), b: Array.from({ length: 10 }, (_, i) => `w${i}`) }),
      JSON.stringify({ a: ["1"], b: ["1"], c: ["1"], d: ["1"], e: ["1"], f: ["1"] }),
      JSON.stringify({ $or: [] }),
      JSON.stringify({ $or: [{ a: ["x"] }] }),
    ];
    const scopeInvalid = ['{"a": {"b": "not an array"}}', '{"a": [{"numeric": ["<", "x"]}]}'];
    const policies = [...invalid.map((p) => ({ p, scope: "MessageAttributes" })), ...scopeInvalid.map((p) => ({ p, scope: "MessageBody" }))];
    const checked = policies.filter(({ p, scope }) => {
      const v = validateFilterPolicy(p, scope as "MessageAttributes" | "MessageBody");
      if (v.valid) failures.push(`test data: the shared validator accepts ${p} (${scope})`);
      return !v.valid;
    });
    // Random policies the shared validator rejects.
    const randomPolicies = fc.sample(
      fc.oneof(fc.string({ maxLength: 40 }), fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v))).filter((p) => p.trim() !== "" && !validateFilterPolicy(p, "MessageAttributes").valid), // "" removes a policy
      { numRuns: 80, seed: SEED },
    );
    const all = [...checked, ...randomPolicies.map((p) => ({ p, scope: "MessageAttributes" }))];
    for (const { p, scope } of all) {
      await expectError(
        "invalid filter policy (Subscribe)",
        query("sns", { Action: "Subscribe", Version: "2010-03-31", TopicArn: target.topicArn, Protocol: "sqs", Endpoint: target.queueArn, "Attributes.entry.1.key": "FilterPolicy", "Attributes.entry.1.value": p, "Attributes.entry.2.key": "FilterPolicyScope", "Attributes.entry.2.value": scope }),
        "xml",
        { codes: ["InvalidParameter"] },
      );
      await expectError(
        "invalid filter policy (SetSubscriptionAttributes)",
        query("sns", { Action: "SetSubscriptionAttributes", Version: "2010-03-31", SubscriptionArn: target.subscriptionArn, AttributeName: "FilterPolicy", AttributeValue: p }),
        "xml",
        { codes: ["InvalidParameter"] },
      );
    }
    await expectError("invalid filter policy scope", query("sns", { Action: "SetSubscriptionAttributes", Version: "2010-03-31", SubscriptionArn: target.subscriptionArn, AttributeName: "FilterPolicyScope", AttributeValue: "Everything" }), "xml", { codes: ["InvalidParameter"] });
    const attrs = (await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: target.subscriptionArn }))).Attributes!;
    assert.equal(attrs.FilterPolicy, '{"eventType":["order_created"]}', "rejected SetSubscriptionAttributes left the policy alone");
    assertNoFailures();
  });

  it("invalid message attribute types and values (SNS Publish, SQS SendMessage)", async () => {
    const bad: { name: string; type?: string; value?: string; binary?: string }[] = [
      { name: "a", type: "Foo", value: "x" },
      { name: "a", type: "Number", value: "abc" },
      { name: "a", type: "Number", value: "" },
      { name: "a", type: "Number", value: "1e400" },
      { name: "a", type: "String", value: "" },
      { name: "a", value: "no type" },
      { name: "a", type: "String" },
      { name: "a", type: "Binary", value: "not binary" },
      { name: "a", type: "String.Array", value: "[not json" },
      { name: "bad name!", type: "String", value: "x" },
      { name: "AWS.reserved", type: "String", value: "x" },
      { name: "x".repeat(257), type: "String", value: "x" },
      { name: "", type: "String", value: "x" },
      { name: "a..b", type: "String", value: "x" },
      { name: "Amazon.reserved", type: "Number", value: "1" },
      { name: ".dot", type: "String", value: "x" },
    ];
    const snsOnly = new Set(["String.Array"]);
    for (const b of bad) {
      const snsAttr = { "MessageAttributes.entry.1.Name": b.name, "MessageAttributes.entry.1.Value.DataType": b.type, "MessageAttributes.entry.1.Value.StringValue": b.value, "MessageAttributes.entry.1.Value.BinaryValue": b.binary };
      await expectError(`invalid attribute (sns ${b.type} ${b.name.slice(0, 12)})`, query("sns", { Action: "Publish", Version: "2010-03-31", TopicArn: target.topicArn, Message: "m", ...snsAttr }), "xml");
      if (snsOnly.has(b.type ?? "")) continue;
      const sqsAttr = { "MessageAttribute.1.Name": b.name, "MessageAttribute.1.Value.DataType": b.type, "MessageAttribute.1.Value.StringValue": b.value };
      await expectError(`invalid attribute (sqs query ${b.type} ${b.name.slice(0, 12)})`, query("sqs", { Action: "SendMessage", Version: "2012-11-05", QueueUrl: target.queueUrl, MessageBody: "m", ...sqsAttr }), "xml");
      const value: Record<string, string> = {};
      if (b.type !== undefined) value.DataType = b.type;
      if (b.value !== undefined) value.StringValue = b.value;
      await expectError(`invalid attribute (sqs json ${b.type} ${b.name.slice(0, 12)})`, json("AmazonSQS", "sqs", "SendMessage", { QueueUrl: target.queueUrl, MessageBody: "m", MessageAttributes: { [b.name]: value } }, "application/x-amz-json-1.0"), "json");
    }
    // More than 10 attributes.
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, { DataType: "String", StringValue: "v" }]));
    await expectError("too many attributes (sqs json)", json("AmazonSQS", "sqs", "SendMessage", { QueueUrl: target.queueUrl, MessageBody: "m", MessageAttributes: eleven }, "application/x-amz-json-1.0"), "json");
    assertNoFailures();
  });

  it("CloudFormation templates: cycles, unknown references, bad parameters, invalid YAML/JSON, unknown intrinsics", async () => {
    const topic = (extra: Record<string, unknown> = {}) => ({ Type: "AWS::SNS::Topic", ...extra });
    const r = (resources: unknown, rest: Record<string, unknown> = {}) => JSON.stringify({ ...rest, Resources: resources });
    const templates: { name: string; body: string; params?: Record<string, string> }[] = [
      { name: "cycle-dependson", body: r({ A: topic({ DependsOn: "B" }), B: topic({ DependsOn: "A" }) }) },
      { name: "cycle-ref", body: r({ A: topic({ Properties: { TopicName: { Ref: "B" } } }), B: topic({ Properties: { TopicName: { "Fn::GetAtt": ["A", "TopicName"] } } }) }) },
      { name: "self-ref", body: r({ A: topic({ Properties: { TopicName: { Ref: "A" } } }) }) },
      { name: "unknown-ref", body: r({ A: topic({ Properties: { TopicName: { Ref: "Nope" } } }) }) },
      { name: "unknown-getatt", body: r({ A: topic({ Properties: { TopicName: { "Fn::GetAtt": ["Nope", "Arn"] } } }) }) },
      { name: "unknown-dependson", body: r({ A: topic({ DependsOn: ["Nope"] }) }) },
      { name: "unknown-sub", body: r({ A: topic({ Properties: { TopicName: { "Fn::Sub": ["$", "{Nope}-x"].join("") } } }) }) },
      { name: "unknown-intrinsic", body: r({ A: topic({ Properties: { TopicName: { "Fn::Explode": "x" } } }) }) },
      { name: "unknown-intrinsic-yaml", body: "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Explode x\n" },
      { name: "bad-condition", body: r({ A: topic({ Condition: "Nope" }) }) },
      { name: "bad-findinmap", body: r({ A: topic({ Properties: { TopicName: { "Fn::FindInMap": ["NoMap", "a", "b"] } } }) }) },
      { name: "param-missing", body: r({ A: topic({ Properties: { TopicName: { Ref: "P" } } }) }, { Parameters: { P: { Type: "String" } } }) },
      { name: "param-allowed", body: r({ A: topic() }, { Parameters: { P: { Type: "String", AllowedValues: ["a", "b"] } } }), params: { P: "c" } },
      { name: "param-pattern", body: r({ A: topic() }, { Parameters: { P: { Type: "String", AllowedPattern: "^[a-z]+$" } } }), params: { P: "ABC" } },
      { name: "param-number", body: r({ A: topic() }, { Parameters: { P: { Type: "Number" } } }), params: { P: "abc" } },
      { name: "param-minmax", body: r({ A: topic() }, { Parameters: { P: { Type: "Number", MinValue: 1, MaxValue: 5 } } }), params: { P: "9" } },
      { name: "param-length", body: r({ A: topic() }, { Parameters: { P: { Type: "String", MaxLength: 2 } } }), params: { P: "abc" } },
      { name: "param-unknown", body: r({ A: topic() }), params: { Nope: "x" } },
      { name: "param-bad-type", body: r({ A: topic() }, { Parameters: { P: { Type: "Banana" } } }), params: { P: "x" } },
      { name: "no-resources", body: JSON.stringify({ Outputs: {} }) },
      { name: "empty-resources", body: r({}) },
      { name: "resources-not-object", body: JSON.stringify({ Resources: ["A"] }) },
      { name: "resource-no-type", body: r({ A: { Properties: {} } }) },
      { name: "bad-output-ref", body: r({ A: topic() }, { Outputs: { O: { Value: { Ref: "Nope" } } } }) },
      { name: "json-truncated", body: r({ A: topic() }).slice(0, 20) },
      { name: "json-trailing-comma", body: '{"Resources": {"A": {"Type": "AWS::SNS::Topic"},}}' },
      { name: "yaml-unclosed", body: "Resources: [unclosed" },
      { name: "yaml-tabs", body: "Resources:\n\tA:\n\t\tType: AWS::SNS::Topic\n" },
      { name: "yaml-bad-indent", body: "Resources:\n  A:\n    Type: AWS::SNS::Topic\n   Properties: {}\n" },
      { name: "yaml-scalar", body: "just a string" },
      { name: "empty", body: " " },
    ];
    let i = 0;
    for (const tpl of templates) {
      const params: Record<string, string> = {};
      Object.entries(tpl.params ?? {}).forEach(([k, v], j) => {
        params[`Parameters.member.${j + 1}.ParameterKey`] = k;
        params[`Parameters.member.${j + 1}.ParameterValue`] = v;
      });
      await expectError(`cfn ${tpl.name} (CreateStack)`, query("cloudformation", { Action: "CreateStack", Version: "2010-05-15", StackName: `fuzz-${tpl.name}`, TemplateBody: tpl.body, ...params }), "xml", { codes: ["ValidationError"] });
      // Parameter values are checked only when a stack is made; ValidateTemplate sees just the template.
      if (!tpl.name.startsWith("param-") || tpl.name === "param-bad-type") await expectError(`cfn ${tpl.name} (ValidateTemplate)`, query("cloudformation", { Action: "ValidateTemplate", Version: "2010-05-15", TemplateBody: tpl.body }), "xml", { codes: ["ValidationError"] });
      i++;
    }
    // Random bodies that are not templates.
    await run(
      fc.asyncProperty(fc.oneof(fc.string({ minLength: 1, maxLength: 200 }), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v))), async (body) => {
        fc.pre(!/Resources/.test(body));
        await expectError("cfn random template", query("cloudformation", { Action: "CreateStack", Version: "2010-05-15", StackName: `fuzz-random-${i++}`, TemplateBody: body }), "xml", { codes: ["ValidationError"] });
      }),
      80,
    );
    assertNoFailures();
    const listed = await rawRequest(gw.url, query("cloudformation", { Action: "ListStacks", Version: "2010-05-15" }));
    assert.equal(listed.status, 200);
    assert.doesNotMatch(listed.body, /<StackName>fuzz-/, "no rejected template left a stack behind");
  });

  it("afterwards: the gateway is healthy and the resources created before are unchanged", async () => {
    const health = await fetch(`${gw.url}/_lab/health`);
    assert.equal(health.status, 200);
    assert.equal((await health.json()).status, "ok");
    assert.deepEqual(await snapshot(), baseline);
    const targetQueue = await (await fetch(`${gw.url}/_lab/sqs/peek/fuzz-target-q`)).json();
    assert.equal(targetQueue.total, 0, "no rejected publish or send reached the target queue");
    const top = [...stats.codes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([c, n]) => `${c} ${n}`).join(", ");
    console.log(`# fuzz: ${stats.requests} requests, every one answered with an AWS-style error`);
    console.log(`# fuzz categories: ${[...new Set([...stats.byCategory.keys()].map((k) => k.replace(/ \(.*/, "")))].length}; top codes: ${top}`);
    if (stats.notImplemented.size) console.log(`# fuzz: 501 NotImplemented (real AWS operations) for ${[...stats.notImplemented].join(", ")}`);
    assert.ok(stats.requests >= 1000, `${stats.requests} requests`);
  });
});
