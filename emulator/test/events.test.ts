import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import {
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListRuleNamesByTargetCommand,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TagResourceCommand,
  TestEventPatternCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-eventbridge";
import { CreateFunctionCommand, GetFunctionConfigurationCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { writeZip } from "../services/lambda/zip.ts";
import { ACCOUNT, aws, REGION, startTestGateway, type TestGateway, tempDir } from "./harness.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

const rejectsWith = (p: Promise<unknown>, code: string) => assert.rejects(p, (e: any) => e.name === code && e.$metadata?.httpStatusCode === 400);

async function queue(sqs: SQSClient, name: string) {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  return { url: QueueUrl!, arn: attrs.Attributes!.QueueArn! };
}

async function receive(sqs: SQSClient, url: string, waitSeconds = 2) {
  const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: waitSeconds, MaxNumberOfMessages: 10 }));
  return (out.Messages ?? []).map((m) => JSON.parse(m.Body!));
}

async function lab(gw: TestGateway, method: string, path: string) {
  const res = await fetch(`${gw.url}/_lab${path}`, { method });
  return { status: res.status, body: (await res.json()) as any };
}

describe("EventBridge", () => {
  let gw: TestGateway;
  let eb: EventBridgeClient;
  let sqs: SQSClient;
  before(async () => {
    gw = await startTestGateway();
    eb = new EventBridgeClient({ ...gw.clientConfig, maxAttempts: 1 });
    sqs = new SQSClient(gw.clientConfig);
  });
  after(() => gw.stop());

  it("puts, describes, lists, disables and enables a scheduled rule", async () => {
    const put = await eb.send(new PutRuleCommand({ Name: "health-check", ScheduleExpression: "rate(1 minute)", Description: "probe", Tags: [{ Key: "lab", Value: "cross-service-lab" }] }));
    assert.equal(put.RuleArn, `arn:aws:events:${REGION}:${ACCOUNT}:rule/health-check`);
    await eb.send(new PutRuleCommand({ Name: "nightly", ScheduleExpression: "cron(0 3 * * ? *)", State: "DISABLED" }));

    const d = await eb.send(new DescribeRuleCommand({ Name: "health-check" }));
    assert.equal(d.ScheduleExpression, "rate(1 minute)");
    assert.equal(d.State, "ENABLED");
    assert.equal(d.Description, "probe");
    assert.equal(d.EventBusName, "default");
    assert.equal(d.CreatedBy, ACCOUNT);

    const all = await eb.send(new ListRulesCommand({}));
    assert.deepEqual(all.Rules?.map((r) => r.Name).filter((n) => n === "health-check" || n === "nightly"), ["health-check", "nightly"]);
    const prefixed = await eb.send(new ListRulesCommand({ NamePrefix: "nig" }));
    assert.deepEqual(prefixed.Rules?.map((r) => [r.Name, r.State]), [["nightly", "DISABLED"]]);
    const page = await eb.send(new ListRulesCommand({ Limit: 1 }));
    assert.equal(page.Rules?.length, 1);
    assert.ok(page.NextToken);

    let rules = (await lab(gw, "GET", "/events/rules")).body.rules as any[];
    const nextFire = rules.find((r) => r.Name === "health-check").nextFire;
    assert.ok(Date.parse(nextFire) - Date.now() > 50_000 && Date.parse(nextFire) - Date.now() <= 60_000, nextFire);
    assert.equal(rules.find((r) => r.Name === "nightly").nextFire, undefined, "disabled rules are not armed");

    await eb.send(new DisableRuleCommand({ Name: "health-check" }));
    await eb.send(new EnableRuleCommand({ Name: "nightly" }));
    assert.equal((await eb.send(new DescribeRuleCommand({ Name: "health-check" }))).State, "DISABLED");
    rules = (await lab(gw, "GET", "/events/rules")).body.rules;
    assert.equal(rules.find((r) => r.Name === "health-check").nextFire, undefined);
    assert.match(rules.find((r) => r.Name === "nightly").nextFire, /T03:00:00\.000Z$/);
  });

  it("rejects bad rules with AWS's error codes", async () => {
    await rejectsWith(eb.send(new PutRuleCommand({ Name: "r", ScheduleExpression: "rate(1 minutes)" })), "ValidationException");
    await rejectsWith(eb.send(new PutRuleCommand({ Name: "r", ScheduleExpression: "cron(0 12 * * * *)" })), "ValidationException");
    await rejectsWith(eb.send(new PutRuleCommand({ Name: "r", EventPattern: '{"source": "lab"}' })), "InvalidEventPatternException");
    await rejectsWith(eb.send(new PutRuleCommand({ Name: "r", EventPattern: "{not json" })), "InvalidEventPatternException");
    await rejectsWith(eb.send(new PutRuleCommand({ Name: "r" })), "ValidationException");
    await rejectsWith(eb.send(new PutRuleCommand({ Name: "bad name!", ScheduleExpression: "rate(5 minutes)" })), "ValidationException");
    await rejectsWith(eb.send(new PutRuleCommand({ Name: "r", ScheduleExpression: "rate(5 minutes)", State: "PAUSED" as any })), "ValidationException");
    await rejectsWith(eb.send(new PutRuleCommand({ Name: "r", ScheduleExpression: "rate(5 minutes)", EventBusName: "nope" })), "ResourceNotFoundException");
    await rejectsWith(eb.send(new DescribeRuleCommand({ Name: "missing" })), "ResourceNotFoundException");
    await rejectsWith(eb.send(new EnableRuleCommand({ Name: "missing" })), "ResourceNotFoundException");
    await rejectsWith(eb.send(new DisableRuleCommand({ Name: "missing" })), "ResourceNotFoundException");
    await rejectsWith(eb.send(new ListTargetsByRuleCommand({ Rule: "missing" })), "ResourceNotFoundException");
    const names = (await eb.send(new ListRulesCommand({}))).Rules?.map((r) => r.Name) ?? [];
    assert.ok(!names.includes("r"), "no failed PutRule left a rule behind");
  });

  it("manages targets: put, list, replace, fail per entry, remove, and guards DeleteRule", async () => {
    const q = await queue(sqs, "events-targets");
    await eb.send(new PutRuleCommand({ Name: "with-targets", ScheduleExpression: "rate(5 minutes)" }));
    const put = await eb.send(
      new PutTargetsCommand({
        Rule: "with-targets",
        Targets: [
          { Id: "q", Arn: q.arn, Input: '{"a":1}' },
          { Id: "fn", Arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:health-checker` },
          { Id: "sfn", Arn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:x` },
        ],
      }),
    );
    assert.equal(put.FailedEntryCount, 1);
    assert.equal(put.FailedEntries?.[0].TargetId, "sfn");
    assert.equal(put.FailedEntries?.[0].ErrorCode, "ValidationException");
    await eb.send(new PutTargetsCommand({ Rule: "with-targets", Targets: [{ Id: "q", Arn: q.arn, InputPath: "$.detail" }] }));
    const listed = await eb.send(new ListTargetsByRuleCommand({ Rule: "with-targets" }));
    assert.deepEqual(
      listed.Targets?.map((t) => [t.Id, t.InputPath ?? t.Input ?? null]),
      [
        ["q", "$.detail"],
        ["fn", null],
      ],
    );
    const byTarget = await eb.send(new ListRuleNamesByTargetCommand({ TargetArn: q.arn }));
    assert.deepEqual(byTarget.RuleNames, ["with-targets"]);

    await rejectsWith(eb.send(new PutTargetsCommand({ Rule: "with-targets", Targets: [{ Id: "x", Arn: "not-an-arn" }] })), "ValidationException");
    await rejectsWith(eb.send(new PutTargetsCommand({ Rule: "with-targets", Targets: [{ Id: "x", Arn: q.arn, Input: "{}", InputPath: "$" }] })), "ValidationException");
    await rejectsWith(eb.send(new PutTargetsCommand({ Rule: "with-targets", Targets: [{ Id: "x", Arn: q.arn, Input: "{nope" }] })), "ValidationException");
    await rejectsWith(eb.send(new PutTargetsCommand({ Rule: "missing", Targets: [{ Id: "x", Arn: q.arn }] })), "ResourceNotFoundException");
    const many = [1, 2, 3, 4].map((i) => ({ Id: `extra${i}`, Arn: q.arn }));
    await rejectsWith(eb.send(new PutTargetsCommand({ Rule: "with-targets", Targets: many })), "LimitExceededException");

    await rejectsWith(eb.send(new DeleteRuleCommand({ Name: "with-targets" })), "ValidationException");
    const removed = await eb.send(new RemoveTargetsCommand({ Rule: "with-targets", Ids: ["q", "fn"] }));
    assert.equal(removed.FailedEntryCount, 0);
    assert.deepEqual((await eb.send(new ListTargetsByRuleCommand({ Rule: "with-targets" }))).Targets, []);
    await eb.send(new DeleteRuleCommand({ Name: "with-targets" }));
    await eb.send(new DeleteRuleCommand({ Name: "with-targets" })); // deleting twice succeeds, as in AWS
    await rejectsWith(eb.send(new DescribeRuleCommand({ Name: "with-targets" })), "ResourceNotFoundException");
  });

  it("tags rules and the default bus", async () => {
    const { RuleArn } = await eb.send(new PutRuleCommand({ Name: "tagged", ScheduleExpression: "rate(1 hour)", Tags: [{ Key: "lab", Value: "cross-service-lab" }] }));
    await eb.send(new TagResourceCommand({ ResourceARN: RuleArn, Tags: [{ Key: "team", Value: "sre" }, { Key: "lab", Value: "v2" }] }));
    let tags = (await eb.send(new ListTagsForResourceCommand({ ResourceARN: RuleArn }))).Tags;
    assert.deepEqual(Object.fromEntries(tags!.map((t) => [t.Key, t.Value])), { lab: "v2", team: "sre" });
    await eb.send(new UntagResourceCommand({ ResourceARN: RuleArn, TagKeys: ["team"] }));
    tags = (await eb.send(new ListTagsForResourceCommand({ ResourceARN: RuleArn }))).Tags;
    assert.deepEqual(tags, [{ Key: "lab", Value: "v2" }]);
    const busArn = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default`;
    await eb.send(new TagResourceCommand({ ResourceARN: busArn, Tags: [{ Key: "k", Value: "v" }] }));
    assert.equal((await eb.send(new ListTagsForResourceCommand({ ResourceARN: busArn }))).Tags?.[0].Value, "v");
    await rejectsWith(eb.send(new ListTagsForResourceCommand({ ResourceARN: `arn:aws:events:${REGION}:${ACCOUNT}:rule/nope` })), "ResourceNotFoundException");
  });

  it("lists and describes the default event bus only", async () => {
    const buses = await eb.send(new ListEventBusesCommand({}));
    assert.deepEqual(buses.EventBuses?.map((b) => [b.Name, b.Arn]), [["default", `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default`]]);
    assert.equal((await eb.send(new ListEventBusesCommand({ NamePrefix: "x" }))).EventBuses?.length, 0);
    assert.equal((await eb.send(new DescribeEventBusCommand({}))).Name, "default");
    await rejectsWith(eb.send(new DescribeEventBusCommand({ Name: "custom" })), "ResourceNotFoundException");
  });

  it("fires a rate(1 minute) rule through /_lab and the scheduled event reaches SQS", async () => {
    const q = await queue(sqs, "scheduled-events");
    const { RuleArn } = await eb.send(new PutRuleCommand({ Name: "every-minute", ScheduleExpression: "rate(1 minute)" }));
    await eb.send(new PutTargetsCommand({ Rule: "every-minute", Targets: [{ Id: "queue", Arn: q.arn }] }));
    const fired = await lab(gw, "POST", "/events/rules/every-minute/fire");
    assert.equal(fired.status, 200);
    assert.equal(fired.body.error, undefined);
    assert.deepEqual(fired.body.deliveries, [{ TargetId: "queue", Arn: q.arn, ok: true }]);

    const [event] = await receive(sqs, q.url);
    assert.equal(event["detail-type"], "Scheduled Event");
    assert.equal(event.source, "aws.events");
    assert.equal(event.version, "0");
    assert.equal(event.account, ACCOUNT);
    assert.equal(event.region, REGION);
    assert.deepEqual(event.resources, [RuleArn]);
    assert.deepEqual(event.detail, {});
    assert.equal(event.id, fired.body.event.id);
    assert.match(event.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const rule = (await lab(gw, "GET", "/events/rules")).body.rules.find((r: any) => r.Name === "every-minute");
    assert.equal(rule.fireCount, 1);
    assert.ok(rule.lastFire);
    assert.equal((await lab(gw, "POST", "/events/rules/nope/fire")).status, 404);
  });

  it("reports a failed delivery from /_lab fire without crashing", async () => {
    await eb.send(new PutRuleCommand({ Name: "to-missing-queue", ScheduleExpression: "rate(5 minutes)" }));
    await eb.send(new PutTargetsCommand({ Rule: "to-missing-queue", Targets: [{ Id: "gone", Arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:no-such-queue` }] }));
    const fired = await lab(gw, "POST", "/events/rules/to-missing-queue/fire");
    assert.equal(fired.status, 200);
    assert.equal(fired.body.deliveries[0].ok, false);
    assert.match(fired.body.error, /^gone: /);
  });

  it("delivers PutEvents to the targets of matching, enabled rules", async () => {
    const orders = await queue(sqs, "pattern-orders");
    const disabledQ = await queue(sqs, "pattern-disabled");
    const pattern = { source: ["lab.orders"], "detail-type": ["Order Created"], detail: { total: [{ numeric: [">", 10] }] } };
    await eb.send(new PutRuleCommand({ Name: "big-orders", EventPattern: JSON.stringify(pattern) }));
    await eb.send(
      new PutTargetsCommand({
        Rule: "big-orders",
        Targets: [
          { Id: "detail-only", Arn: orders.arn, InputPath: "$.detail" },
          { Id: "templated", Arn: orders.arn, InputTransformer: { InputPathsMap: { id: "$.detail.orderId" }, InputTemplate: '{"order": "<id>", "rule": "<aws.events.rule-name>"}' } },
        ],
      }),
    );
    await eb.send(new PutRuleCommand({ Name: "disabled-orders", EventPattern: JSON.stringify(pattern), State: "DISABLED" }));
    await eb.send(new PutTargetsCommand({ Rule: "disabled-orders", Targets: [{ Id: "q", Arn: disabledQ.arn }] }));

    const out = await eb.send(
      new PutEventsCommand({
        Entries: [
          { Source: "lab.orders", DetailType: "Order Created", Detail: JSON.stringify({ orderId: "o-1", total: 42 }) },
          { Source: "lab.orders", DetailType: "Order Created", Detail: JSON.stringify({ orderId: "o-2", total: 5 }) },
          { Source: "lab.users", DetailType: "Order Created", Detail: JSON.stringify({ orderId: "o-3", total: 99 }) },
          { Source: "lab.orders", DetailType: "Order Created" },
          { Source: "lab.orders", DetailType: "Order Created", Detail: "{oops" },
          { Source: "aws.ec2", DetailType: "x", Detail: "{}" },
        ],
      }),
    );
    assert.equal(out.FailedEntryCount, 3);
    assert.ok(out.Entries?.slice(0, 3).every((e) => /^[0-9a-f-]{36}$/.test(e.EventId ?? "")));
    assert.deepEqual(
      out.Entries?.slice(3).map((e) => e.ErrorCode),
      ["InvalidArgument", "MalformedDetail", "NotAuthorizedForSourceException"],
    );

    const bodies: any[] = [];
    for (let i = 0; i < 3 && bodies.length < 2; i++) bodies.push(...(await receive(sqs, orders.url, 1)));
    bodies.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    assert.deepEqual(bodies, [{ order: "o-1", rule: "big-orders" }, { orderId: "o-1", total: 42 }]);
    assert.deepEqual(await receive(sqs, disabledQ.url, 1), [], "disabled rules get nothing");
    const log = (await lab(gw, "GET", "/events/deliveries")).body.deliveries as any[];
    assert.ok(log.some((e) => e.reason === "pattern" && e.rule.endsWith("/big-orders") && e.deliveries.every((d: any) => d.ok)));
  });

  it("delivers to an SNS topic target", async () => {
    const sns = new SNSClient(gw.clientConfig);
    const q = await queue(sqs, "via-sns");
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "events-topic" }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: q.arn, Attributes: { RawMessageDelivery: "true" } }));
    await eb.send(new PutRuleCommand({ Name: "to-topic", EventPattern: JSON.stringify({ source: ["lab.inventory"], detail: { quantity: [{ numeric: ["<", 10] }] } }) }));
    await eb.send(new PutTargetsCommand({ Rule: "to-topic", Targets: [{ Id: "topic", Arn: TopicArn }] }));
    const out = await eb.send(new PutEventsCommand({ Entries: [{ Source: "lab.inventory", DetailType: "Stock Low", Detail: '{"sku":"prod-1","quantity":3}' }] }));
    assert.equal(out.FailedEntryCount, 0);
    const [event] = await receive(sqs, q.url);
    assert.equal(event.id, out.Entries?.[0].EventId);
    assert.equal(event["detail-type"], "Stock Low");
    assert.deepEqual(event.detail, { sku: "prod-1", quantity: 3 });
  });

  it("tests event patterns", async () => {
    const event = JSON.stringify({ id: "1", source: "lab.orders", "detail-type": "x", account: ACCOUNT, time: "2026-01-01T00:00:00Z", region: REGION, resources: [], detail: { status: "CREATED" } });
    assert.equal((await eb.send(new TestEventPatternCommand({ EventPattern: '{"detail":{"status":[{"prefix":"CRE"}]}}', Event: event }))).Result, true);
    assert.equal((await eb.send(new TestEventPatternCommand({ EventPattern: '{"source":["other"]}', Event: event }))).Result, false);
    await rejectsWith(eb.send(new TestEventPatternCommand({ EventPattern: '{"source":"x"}', Event: event })), "InvalidEventPatternException");
  });

  it("works with both CLIs: put-rule, put-targets, list-rules", async () => {
    await Promise.all(
      (["v1", "v2"] as const).map(async (cli) => {
        const q = await queue(sqs, `cli-${cli}`);
        const name = `cli-rule-${cli}`;
        const put = await aws(cli, gw.url, ["events", "put-rule", "--name", name, "--schedule-expression", "rate(1 minute)"]);
        assert.equal(put.code, 0, put.stderr);
        assert.equal(put.json().RuleArn, `arn:aws:events:${REGION}:${ACCOUNT}:rule/${name}`);
        const targets = await aws(cli, gw.url, ["events", "put-targets", "--rule", name, "--targets", `Id=1,Arn=${q.arn}`]);
        assert.equal(targets.code, 0, targets.stderr);
        assert.equal(targets.json().FailedEntryCount, 0);
        const list = await aws(cli, gw.url, ["events", "list-rules", "--name-prefix", name]);
        assert.equal(list.code, 0, list.stderr);
        assert.deepEqual(
          list.json().Rules.map((r: any) => [r.Name, r.ScheduleExpression, r.State]),
          [[name, "rate(1 minute)", "ENABLED"]],
        );
        const bad = await aws(cli, gw.url, ["events", "put-rule", "--name", "x", "--schedule-expression", "rate(1 minutes)"]);
        assert.notEqual(bad.code, 0, `${cli} accepted a bad schedule`);
        assert.match(bad.stderr, /ValidationException/);
      }),
    );
  });
});

describe("EventBridge schedules really fire", () => {
  let gw: TestGateway;
  const dataDir = tempDir("events-test-");
  before(async () => {
    // rate(1 minute) fires every 300 ms in this gateway.
    process.env.EMULATOR_EVENTS_RATE_SCALE = "0.005";
    gw = await startTestGateway({ dataDir });
  });
  after(async () => {
    await gw.stop();
    delete process.env.EMULATOR_EVENTS_RATE_SCALE;
  });

  it("delivers on the timer, and re-arms persisted rules after a restart", async () => {
    const eb = new EventBridgeClient(gw.clientConfig);
    const sqs = new SQSClient(gw.clientConfig);
    const q = await queue(sqs, "ticks");
    await eb.send(new PutRuleCommand({ Name: "tick", ScheduleExpression: "rate(1 minute)" }));
    await eb.send(new PutTargetsCommand({ Rule: "tick", Targets: [{ Id: "q", Arn: q.arn }] }));
    const got = await receive(sqs, q.url, 3);
    assert.ok(got.length >= 1, "a scheduled event arrived within 3 s");
    assert.equal(got[0]["detail-type"], "Scheduled Event");

    await gw.stop();
    gw = await startTestGateway({ dataDir });
    let rule = (await lab(gw, "GET", "/events/rules")).body.rules.find((r: any) => r.Name === "tick");
    assert.ok(rule, "the rule survived the restart");
    assert.ok(rule.nextFire, "and is armed again");
    const before = rule.fireCount;
    await new Promise((r) => setTimeout(r, 800));
    rule = (await lab(gw, "GET", "/events/rules")).body.rules.find((r: any) => r.Name === "tick");
    assert.ok(rule.fireCount > before, `fired after restart (${before} -> ${rule.fireCount})`);
  });
});

describe("EventBridge schedule invokes a Lambda", () => {
  let gw: TestGateway;
  before(async () => {
    gw = await startTestGateway();
  });
  after(() => gw.stop());

  it("a rate() rule fired now runs the function with the scheduled event", async (t) => {
    // The function's side effect: it POSTs the event it received to this server.
    const hits: any[] = [];
    const hook = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        hits.push(JSON.parse(body));
        res.end("ok");
      });
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
    t.after(() => new Promise<void>((r) => hook.close(() => r())));
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hit`;

    const lambda = new LambdaClient(gw.clientConfig);
    const code = "export const handler = async (event) => { await fetch(process.env.HOOK_URL, { method: 'POST', body: JSON.stringify(event) }); return 'ok'; };";
    const fn = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: "health-checker",
        Runtime: "nodejs22.x",
        Handler: "index.handler",
        Role: `arn:aws:iam::${ACCOUNT}:role/lab-lambda`,
        Code: { ZipFile: writeZip({ "index.mjs": code }) },
        Environment: { Variables: { HOOK_URL: hookUrl } },
      }),
    );
    for (let i = 0; i < 50; i++) {
      const c = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "health-checker" }));
      if (c.State !== "Pending") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const eb = new EventBridgeClient(gw.clientConfig);
    const { RuleArn } = await eb.send(new PutRuleCommand({ Name: "health-check-schedule", ScheduleExpression: "rate(1 minute)" }));
    await eb.send(new PutTargetsCommand({ Rule: "health-check-schedule", Targets: [{ Id: "fn", Arn: fn.FunctionArn }] }));

    const fired = await lab(gw, "POST", "/events/rules/health-check-schedule/fire");
    assert.deepEqual(fired.body.deliveries.map((d: any) => [d.TargetId, d.ok, d.error]), [["fn", true, undefined]]);
    for (let i = 0; i < 100 && hits.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(hits.length, 1, "the function ran once");
    assert.equal(hits[0]["detail-type"], "Scheduled Event");
    assert.deepEqual(hits[0].resources, [RuleArn]);
  });
});
