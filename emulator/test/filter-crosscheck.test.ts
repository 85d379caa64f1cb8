// Cross-checks the shared filter-policy evaluator (lib/messaging/filter-policy.ts) against what
// really gets delivered: by fauxqs behind the gateway, and by moto server. `expected` is the
// behaviour the AWS docs describe; every case asserts the evaluator gives it. Where fauxqs or
// moto deviates from the docs the case says so (`fauxqs` / `moto` fields) and that engine's
// answer is recorded as a diagnostic instead of failing; emulator/README.md lists these.
// Docs: https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CreateTopicCommand, type MessageAttributeValue, PublishCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { type MotoProcess, startMoto } from "../../scripts/test-support/moto-process.ts";
import { evaluateFilterPolicy, type FilterPolicyScope } from "../../lib/messaging/filter-policy.ts";
import { startTestGateway, type TestGateway } from "./harness.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

interface Case {
  name: string;
  policy: object;
  attrs?: Record<string, MessageAttributeValue>;
  body?: object;
  scope?: FilterPolicyScope;
  /** What AWS documents. */
  expected: boolean;
  /** Set when fauxqs 2.4.1 is known to deliver otherwise (why). */
  fauxqs?: string;
  /** Set when moto is known to deliver otherwise, or to reject the policy (why). */
  moto?: string;
}

const S = (v: string): MessageAttributeValue => ({ DataType: "String", StringValue: v });
const N = (v: string): MessageAttributeValue => ({ DataType: "Number", StringValue: v });
const A = (v: unknown[]): MessageAttributeValue => ({ DataType: "String.Array", StringValue: JSON.stringify(v) });

const CASES: Case[] = [
  { name: "exact string hit", policy: { eventType: ["order_created", "order_cancelled"] }, attrs: { eventType: S("order_created") }, expected: true },
  { name: "exact string miss", policy: { eventType: ["order_created", "order_cancelled"] }, attrs: { eventType: S("order_shipped") }, expected: false },
  { name: "case-sensitive", policy: { eventType: ["Order"] }, attrs: { eventType: S("order") }, expected: false },
  { name: "missing key", policy: { eventType: ["order_created"] }, attrs: { other: S("x") }, expected: false },
  { name: "AND: both keys match", policy: { a: ["1"], b: ["2"] }, attrs: { a: S("1"), b: S("2") }, expected: true },
  { name: "AND: one key fails", policy: { a: ["1"], b: ["2"] }, attrs: { a: S("1"), b: S("3") }, expected: false },
  { name: "lab inventory policy hit", policy: { eventType: ["stock_low"], quantity: [{ numeric: ["<", 10] }] }, attrs: { eventType: S("stock_low"), quantity: N("3") }, expected: true },
  { name: "lab inventory policy miss on quantity", policy: { eventType: ["stock_low"], quantity: [{ numeric: ["<", 10] }] }, attrs: { eventType: S("stock_low"), quantity: N("50") }, expected: false },
  { name: "numeric range inside", policy: { p: [{ numeric: [">", 0, "<=", 150] }] }, attrs: { p: N("150") }, expected: true },
  { name: "numeric range outside", policy: { p: [{ numeric: [">", 0, "<=", 150] }] }, attrs: { p: N("0") }, expected: false },
  { name: "numeric = with exponent", policy: { p: [{ numeric: ["=", 301.5] }] }, attrs: { p: N("3.015e2") }, expected: true },
  { name: "numeric literal on Number", policy: { p: [100] }, attrs: { p: N("100") }, expected: true },
  { name: "numeric literal miss", policy: { p: [100] }, attrs: { p: N("101") }, expected: false },
  {
    name: "numeric operator on a String attribute",
    policy: { q: [{ numeric: ["<", 10] }] },
    attrs: { q: S("5") },
    expected: false,
    fauxqs: "fauxqs parses String attributes as numbers; AWS compares numeric conditions only with Number attributes",
  },
  { name: "prefix hit", policy: { e: [{ prefix: "order_" }] }, attrs: { e: S("order_created") }, expected: true },
  { name: "prefix miss", policy: { e: [{ prefix: "user_" }] }, attrs: { e: S("order_created") }, expected: false },
  { name: "suffix hit", policy: { e: [{ suffix: "_created" }] }, attrs: { e: S("order_created") }, expected: true },
  { name: "anything-but string allowed", policy: { e: [{ "anything-but": "order_cancelled" }] }, attrs: { e: S("order_created") }, expected: true },
  { name: "anything-but string excluded", policy: { e: [{ "anything-but": "order_cancelled" }] }, attrs: { e: S("order_cancelled") }, expected: false },
  { name: "anything-but list excluded", policy: { e: [{ "anything-but": ["a", "b"] }] }, attrs: { e: S("b") }, expected: false },
  { name: "anything-but numbers allowed", policy: { p: [{ "anything-but": [100, 500] }] }, attrs: { p: N("101") }, expected: true },
  { name: "anything-but numbers excluded", policy: { p: [{ "anything-but": [100, 500] }] }, attrs: { p: N("100") }, expected: false },
  { name: "anything-but prefix allowed", policy: { e: [{ "anything-but": { prefix: "test_" } }] }, attrs: { e: S("prod_1") }, expected: true },
  { name: "anything-but prefix excluded", policy: { e: [{ "anything-but": { prefix: "test_" } }] }, attrs: { e: S("test_1") }, expected: false },
  { name: "anything-but needs the key", policy: { e: [{ "anything-but": "x" }] }, attrs: { other: S("y") }, expected: false },
  { name: "exists true", policy: { store: [{ exists: true }] }, attrs: { store: S("x") }, expected: true },
  { name: "exists true on missing key", policy: { store: [{ exists: true }] }, attrs: { other: S("x") }, expected: false },
  { name: "exists false on missing key", policy: { store: [{ exists: false }] }, attrs: { other: S("x") }, expected: true },
  { name: "exists false on present key", policy: { store: [{ exists: false }] }, attrs: { store: S("x") }, expected: false },
  {
    name: "literal or exists:false on a missing key",
    policy: { e: ["a", { exists: false }] },
    attrs: { other: S("x") },
    expected: true,
    moto: "moto stops at the first string condition when the key is missing and never tries exists:false",
  },
  {
    name: "String.Array: any element matches",
    policy: { interests: ["rugby", "tennis"] },
    attrs: { interests: A(["soccer", "rugby"]) },
    expected: true,
    fauxqs: "fauxqs compares the whole String.Array JSON text instead of its elements",
  },
  { name: "String.Array: no element matches", policy: { interests: ["rugby"] }, attrs: { interests: A(["soccer", "hockey"]) }, expected: false },
  {
    name: "String.Array anything-but: one element allowed (AWS doc example)",
    policy: { i: [{ "anything-but": ["rugby", "tennis"] }] },
    attrs: { i: A(["rugby", "baseball"]) },
    expected: true,
  },
  {
    name: "String.Array anything-but: all elements excluded",
    policy: { i: [{ "anything-but": ["rugby", "tennis"] }] },
    attrs: { i: A(["rugby"]) },
    expected: false,
    fauxqs: "fauxqs compares the whole String.Array JSON text, which is never an excluded value",
    moto: "moto iterates the characters of the String.Array JSON text for anything-but, so nothing is ever excluded",
  },
  { name: "equals-ignore-case", policy: { e: [{ "equals-ignore-case": "order_created" }] }, attrs: { e: S("ORDER_Created") }, expected: true },
  {
    name: "equals-ignore-case with an upper-case pattern",
    policy: { e: [{ "equals-ignore-case": "ORDER_CREATED" }] },
    attrs: { e: S("order_created") },
    expected: true,
    moto: "moto lower-cases the message value but not the pattern",
  },
  { name: "$or: second branch", policy: { $or: [{ a: ["1"] }, { b: ["2"] }] }, attrs: { b: S("2") }, expected: true },
  { name: "$or: no branch", policy: { $or: [{ a: ["1"] }, { b: ["2"] }] }, attrs: { b: S("3") }, expected: false },
  { name: "cidr inside", policy: { ip: [{ cidr: "10.0.0.0/24" }] }, attrs: { ip: S("10.0.0.7") }, expected: true, moto: "moto does not know the cidr operator" },
  { name: "body: top-level key", policy: { eventType: ["order_created"] }, body: { eventType: "order_created" }, scope: "MessageBody", expected: true },
  { name: "body: nested key", policy: { order: { status: ["shipped"] } }, body: { order: { status: "shipped" } }, scope: "MessageBody", expected: true },
  { name: "body: nested numeric miss", policy: { order: { quantity: [{ numeric: ["<", 10] }] } }, body: { order: { quantity: 50 } }, scope: "MessageBody", expected: false },
];

/** Runs every case against one SNS/SQS endpoint; returns delivered (true/false) or "rejected" per case. */
async function runCases(endpoint: string, tag: string): Promise<(boolean | string | undefined)[]> {
  const cfg = { endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" }, maxAttempts: 1 };
  const sns = new SNSClient(cfg);
  const sqs = new SQSClient(cfg);
  const setups = await Promise.all(
    CASES.map(async (c, i) => {
      const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: `xc-${tag}-${i}` }));
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `xc-${tag}-${i}` }));
      const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }))).Attributes!.QueueArn!;
      try {
        await sns.send(
          new SubscribeCommand({
            TopicArn,
            Protocol: "sqs",
            Endpoint: arn,
            Attributes: { FilterPolicy: JSON.stringify(c.policy), RawMessageDelivery: "true", ...(c.scope ? { FilterPolicyScope: c.scope } : {}) },
          }),
        );
      } catch (e) {
        return { rejected: `rejected: ${(e as Error).message}` };
      }
      await sns.send(new PublishCommand({ TopicArn, Message: c.body ? JSON.stringify(c.body) : "payload", ...(c.attrs ? { MessageAttributes: c.attrs } : {}) }));
      return { QueueUrl: QueueUrl! };
    }),
  );
  return Promise.all(
    setups.map(async (s) => {
      if ("rejected" in s) return s.rejected;
      const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl: s.QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
      return (r.Messages?.length ?? 0) > 0;
    }),
  );
}

describe("filter policy cross-check: evaluator vs fauxqs vs moto", () => {
  let gw: TestGateway;
  let moto: MotoProcess | undefined;
  let fauxqsResults: (boolean | string | undefined)[] = [];
  let motoResults: (boolean | string | undefined)[] | undefined;

  before(async () => {
    gw = await startTestGateway();
    fauxqsResults = await runCases(gw.url, "g");
    moto = await startMoto();
    motoResults = await runCases(moto.url, "m");
  });
  after(async () => {
    await moto?.stop();
    await gw.stop();
  });

  it(`has at least 30 cases (${CASES.length})`, () => assert.ok(CASES.length >= 30));

  for (const [i, c] of CASES.entries()) {
    it(c.name, (t) => {
      const input = c.scope === "MessageBody" ? { body: JSON.stringify(c.body) } : { messageAttributes: (c.attrs ?? {}) as Record<string, { DataType: string; StringValue?: string }> };
      const evaluated = evaluateFilterPolicy(c.policy, input, c.scope ?? "MessageAttributes");
      assert.equal(evaluated.matched, c.expected, `evaluator vs AWS docs: ${JSON.stringify(evaluated.keys)}`);

      const f = fauxqsResults[i];
      if (c.fauxqs) t.diagnostic(`fauxqs (documented deviation: ${c.fauxqs}) delivered=${f}`);
      else assert.equal(f, evaluated.matched, "fauxqs delivery agrees with the evaluator");

      const m = motoResults?.[i];
      if (c.moto) t.diagnostic(`moto (documented deviation: ${c.moto}) delivered=${m}`);
      else assert.equal(m, evaluated.matched, "moto delivery agrees with the evaluator");
    });
  }
});
