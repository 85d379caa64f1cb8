import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SUBSCRIPTIONS } from "../lab/contract.ts";
import {
  assembleSnapshot,
  coarseFlow,
  deliveriesFromLog,
  depthFromAttributes,
  depthsFromInspection,
  type FlowLogEntry,
  flowFromLog,
  keySentence,
  moveTaskView,
  peekFromInspection,
  previewDelivery,
  publishCommand,
  publishRates,
  type QueuesSnapshot,
  shapeTopology,
  type TopologyInput,
  TEMPLATES,
  toMessageAttributes,
} from "./messaging.ts";

const ACCOUNT = "000000000000";
const topicArn = (name: string) => `arn:aws:sns:us-east-1:${ACCOUNT}:${name}`;
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;
const queueUrl = (name: string) => `http://127.0.0.1:4566/${ACCOUNT}/${name}`;

/** What ListTopics, ListSubscriptionsByTopic + GetSubscriptionAttributes and GetQueueAttributes return for the deployed lab. */
function deployedLab(): TopologyInput {
  const queue = (name: string, dlq?: string) => ({
    name,
    url: queueUrl(name),
    attributes: {
      QueueArn: queueArn(name),
      ...(dlq ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn(dlq), maxReceiveCount: "3" }) } : {}),
    },
  });
  return {
    // ListTopics lists by ARN, in any order, with topics that are not the lab's.
    topicArns: ["user-events", "lab-alarms", "order-events", "someone-else", "inventory-events"].map(topicArn),
    subscriptions: SUBSCRIPTIONS.map((s, i) => {
      const arn = `${topicArn(s.topic)}:sub-${i}`;
      return {
        SubscriptionArn: arn,
        TopicArn: topicArn(s.topic),
        Protocol: "sqs",
        Endpoint: queueArn(s.queue),
        attributes: {
          SubscriptionArn: arn,
          RawMessageDelivery: String(s.rawMessageDelivery),
          PendingConfirmation: "false",
          ...(s.filterPolicy ? { FilterPolicy: JSON.stringify(s.filterPolicy) } : {}),
        },
      };
    }),
    queues: [
      queue("analytics", "analytics-dlq"),
      queue("analytics-dlq"),
      queue("notifications", "notifications-dlq"),
      queue("notifications-dlq"),
      queue("order-processing", "order-processing-dlq"),
      queue("order-processing-dlq"),
    ],
  };
}

const eventType = (v: string) => ({ eventType: { DataType: "String", StringValue: v } });

describe("the messaging tier, shaped from SDK outputs", () => {
  it("keeps the lab's topics, subscriptions and queues in contract order", () => {
    const t = shapeTopology(deployedLab());
    assert.equal(t.deployed, true);
    assert.deepEqual(t.missing, []);
    assert.deepEqual(
      t.topics.map((x) => x.name),
      ["order-events", "user-events", "inventory-events"],
    );
    assert.deepEqual(
      t.subscriptions.map((s) => `${s.topic}→${s.queue}`),
      ["order-events→order-processing", "order-events→notifications", "order-events→analytics", "user-events→notifications", "user-events→analytics", "inventory-events→notifications", "inventory-events→analytics"],
    );
    const inventory = t.subscriptions.find((s) => s.topic === "inventory-events" && s.queue === "notifications");
    assert.deepEqual(inventory?.filterPolicy, { eventType: ["stock_low"], quantity: [{ numeric: ["<", 10] }] });
    assert.equal(inventory?.rawMessageDelivery, true);
    assert.equal(inventory?.filterPolicyScope, "MessageAttributes");
    const analytics = t.subscriptions.find((s) => s.queue === "analytics");
    assert.equal(analytics?.rawMessageDelivery, false);
    assert.equal(analytics?.filterPolicy, undefined);
    assert.deepEqual(t.queues[0], {
      name: "order-processing",
      url: queueUrl("order-processing"),
      arn: queueArn("order-processing"),
      dlq: { name: "order-processing-dlq", arn: queueArn("order-processing-dlq"), url: queueUrl("order-processing-dlq"), maxReceiveCount: 3 },
    });
  });

  it("is not deployed when none of it exists, and names what a partial tier lacks", () => {
    const none = shapeTopology({ topicArns: [topicArn("lab-alarms")], subscriptions: [], queues: [] });
    assert.equal(none.deployed, false);
    assert.equal(none.missing.length, 3 + 6);

    const lab = deployedLab();
    const partial = shapeTopology({
      ...lab,
      topicArns: lab.topicArns.filter((a) => !a.endsWith(":user-events")),
      subscriptions: lab.subscriptions.filter((s) => !(s.TopicArn?.endsWith(":order-events") && s.Endpoint?.endsWith(":notifications"))),
      queues: lab.queues.filter((q) => q.name !== "analytics-dlq"),
    });
    assert.equal(partial.deployed, true);
    assert.deepEqual(partial.missing, ["topic user-events", "queue analytics-dlq", "subscription order-events → notifications"]);
    assert.equal(partial.queues.find((q) => q.name === "analytics")?.dlq?.url, undefined, "a DLQ named by the redrive policy but gone has no URL");
  });

  it("reads a pending subscription and a body-scoped policy", () => {
    const t = shapeTopology({
      topicArns: [topicArn("order-events")],
      subscriptions: [
        {
          SubscriptionArn: `${topicArn("order-events")}:x`,
          TopicArn: topicArn("order-events"),
          Protocol: "sqs",
          Endpoint: queueArn("mine"),
          attributes: { PendingConfirmation: "true", FilterPolicyScope: "MessageBody", FilterPolicy: '{"status":["shipped"]}' },
        },
        { SubscriptionArn: "PendingConfirmation", TopicArn: topicArn("order-events"), Protocol: "email", Endpoint: "a@b.c" },
      ],
      queues: [],
    });
    assert.equal(t.subscriptions.length, 1, "a subscription still waiting for its ARN has nothing to read");
    assert.equal(t.subscriptions[0].pendingConfirmation, true);
    assert.equal(t.subscriptions[0].filterPolicyScope, "MessageBody");
    assert.equal(t.subscriptions[0].queue, "mine");
  });
});

describe("queue depths", () => {
  it("come from GetQueueAttributes", () => {
    assert.deepEqual(depthFromAttributes("analytics", { ApproximateNumberOfMessages: "3", ApproximateNumberOfMessagesNotVisible: "1", ApproximateNumberOfMessagesDelayed: "0" }), {
      name: "analytics",
      visible: 3,
      inFlight: 1,
      delayed: 0,
    });
    assert.deepEqual(depthFromAttributes("x", undefined), { name: "x", visible: 0, inFlight: 0, delayed: 0 });
  });

  it("or from the emulator's /_lab/sqs/queues, for the target's region only", () => {
    const depths = depthsFromInspection(
      {
        queues: [
          { name: "analytics", region: "us-east-1", visible: 2, inFlight: 1, delayed: 0 },
          { name: "analytics", region: "eu-west-1", visible: 9, inFlight: 9, delayed: 9 },
          { name: "notifications", region: "us-east-1", visible: "nope", inFlight: -1, delayed: 0 },
        ],
      },
      "us-east-1",
    );
    assert.deepEqual(depths.get("analytics"), { name: "analytics", visible: 2, inFlight: 1, delayed: 0 });
    assert.deepEqual(depths.get("notifications"), { name: "notifications", visible: 0, inFlight: 0, delayed: 0 }, "garbage counts read as 0");
    assert.equal(depthsFromInspection(undefined).size, 0);
  });

  it("come with redrive progress from ListMessageMoveTasks", () => {
    assert.deepEqual(
      moveTaskView({
        TaskHandle: "h",
        Status: "RUNNING",
        SourceArn: queueArn("analytics-dlq"),
        ApproximateNumberOfMessagesMoved: 2,
        ApproximateNumberOfMessagesToMove: 5,
        StartedTimestamp: 1_700_000_000_000,
      }),
      { status: "RUNNING", taskHandle: "h", moved: 2, toMove: 5, startedAt: 1_700_000_000_000 },
    );
    assert.deepEqual(moveTaskView({ Status: "FAILED", FailureReason: "AWS.SimpleQueueService.NonExistentQueue", ApproximateNumberOfMessagesMoved: 0 }), {
      status: "FAILED",
      moved: 0,
      toMove: 0,
      failureReason: "AWS.SimpleQueueService.NonExistentQueue",
    });
    assert.equal(moveTaskView(undefined), undefined);
  });

  it("and a publish rate: deliveries per second over the last 5 s", () => {
    const now = 100_000;
    const rates = publishRates(
      [
        { at: now - 6_000, queues: ["analytics"] },
        { at: now - 4_000, queues: ["analytics", "notifications"] },
        { at: now - 1_000, queues: ["analytics"] },
        { at: now, queues: ["analytics"] },
      ],
      now,
    );
    assert.deepEqual(rates, { analytics: 0.6, notifications: 0.2 });
    const fromLog = deliveriesFromLog([
      {
        time: new Date(now).toISOString(),
        subscriptions: [
          { queueName: "order-processing", delivered: false },
          { queueName: "analytics", delivered: true },
        ] as FlowLogEntry["subscriptions"],
      },
    ]);
    assert.deepEqual(fromLog, [{ at: now, queues: ["analytics"] }]);
  });

  it("assemble into one sample per lab queue with its DLQ", () => {
    const topology = shapeTopology(deployedLab());
    const depths = depthsFromInspection({
      queues: ["order-processing", "order-processing-dlq", "notifications", "notifications-dlq", "analytics", "analytics-dlq"].map((name, i) => ({ name, visible: i, inFlight: 0, delayed: 0 })),
    });
    const snap = assembleSnapshot({
      at: 5,
      topology,
      depths,
      rates: { analytics: 0.4 },
      moveTasks: new Map([["analytics-dlq", { status: "COMPLETED" as const, moved: 5, toMove: 5 }]]),
      rateSource: "flow-log",
    });
    assert.deepEqual(
      snap.queues.map((q) => [q.name, q.visible, q.dlq?.name, q.dlq?.visible, q.publishRate]),
      [
        ["order-processing", 0, "order-processing-dlq", 1, 0],
        ["notifications", 2, "notifications-dlq", 3, 0],
        ["analytics", 4, "analytics-dlq", 5, 0.4],
      ],
    );
    assert.equal(snap.queues[2].dlq?.maxReceiveCount, 3);
    assert.equal(snap.queues[2].dlq?.moveTask?.status, "COMPLETED");
  });
});

describe("the filter preview, with the evaluator the flow log uses", () => {
  const subscriptions = shapeTopology(deployedLab()).subscriptions;

  it("order_shipped: order-processing drops it on eventType; notifications and analytics take it", () => {
    const preview = previewDelivery(subscriptions, "order-events", { attributes: eventType("order_shipped"), body: "{}" });
    assert.deepEqual(
      preview.map((d) => [d.target, d.matched, d.decidingKey, d.rawMessageDelivery]),
      [
        ["order-processing", false, "eventType", true],
        ["notifications", true, undefined, true],
        ["analytics", true, undefined, false],
      ],
    );
    assert.deepEqual(preview[0].reasons, ["eventType = order_shipped is not in [order_created, order_cancelled]"]);
    assert.deepEqual(preview[1].reasons, ["eventType = order_shipped is in [order_created, order_shipped]"]);
    assert.deepEqual(preview[2].reasons, ["No filter policy: it takes every event"]);
  });

  it("stock_low: the numeric quantity decides", () => {
    const attrs = (q: string) => ({ ...eventType("stock_low"), quantity: { DataType: "Number", StringValue: q } });
    const plenty = previewDelivery(subscriptions, "inventory-events", { attributes: attrs("50"), body: "{}" });
    assert.equal(plenty[0].target, "notifications");
    assert.equal(plenty[0].matched, false);
    assert.equal(plenty[0].decidingKey, "quantity");
    assert.deepEqual(plenty[0].reasons, ["quantity = 50 is not < 10"]);
    const low = previewDelivery(subscriptions, "inventory-events", { attributes: attrs("4"), body: "{}" });
    assert.deepEqual(low[0].reasons, ["eventType = stock_low is in [stock_low]", "quantity = 4 is < 10"]);
  });

  it("a missing attribute reads as missing", () => {
    const preview = previewDelivery(subscriptions, "user-events", { attributes: {}, body: '{"eventType":"user_registered"}' });
    assert.equal(preview[0].matched, false);
    assert.deepEqual(preview[0].reasons, ["eventType is missing, so it can't be in [user_registered]"]);
  });

  it("keeps the evaluator's words for operators other than a list", () => {
    const k = { key: "region", matched: true, reason: 'region: "eu-west-1" matched prefix "eu-"', value: "eu-west-1" };
    assert.equal(keySentence(k, { region: [{ prefix: "eu-" }] }), 'region = "eu-west-1" matched prefix "eu-"');
  });

  it("every template is valid for its topic and does what it says", () => {
    for (const t of TEMPLATES) {
      const preview = previewDelivery(subscriptions, t.topic, { attributes: toMessageAttributes(t.attributes), body: JSON.stringify(t.body) });
      const receivers = preview.filter((d) => d.matched).map((d) => d.target);
      const expected = { order_created: 3, order_shipped: 2, user_registered: 2, stock_low: 2, poison: 3 }[t.id];
      assert.equal(receivers.length, expected, t.id);
    }
  });
});

describe("a message's flow", () => {
  const topology = shapeTopology(deployedLab());
  // As GET /_lab/flow returns it (emulator/services/fauxqs/flow-log.ts).
  const entry: FlowLogEntry = {
    seq: 7,
    messageId: "m-1",
    topicArn: topicArn("order-events"),
    time: "2026-01-01T00:00:00.000Z",
    messageAttributes: eventType("order_shipped"),
    body: '{"orderId":"1"}',
    subscriptions: [
      {
        subscriptionArn: "s1",
        protocol: "sqs",
        endpoint: queueArn("order-processing"),
        queueName: "order-processing",
        rawMessageDelivery: true,
        filterPolicy: { eventType: ["order_created", "order_cancelled"] },
        matched: false,
        decidingKey: "eventType",
        keys: [{ key: "eventType", matched: false, reason: 'eventType: "order_shipped" not in ["order_created","order_cancelled"]', value: "order_shipped" }],
        delivered: false,
      },
      {
        subscriptionArn: "s2",
        protocol: "sqs",
        endpoint: queueArn("notifications"),
        queueName: "notifications",
        rawMessageDelivery: true,
        filterPolicy: { eventType: ["order_created", "order_shipped"] },
        matched: true,
        keys: [{ key: "eventType", matched: true, reason: "…", value: "order_shipped" }],
        delivered: true,
        consumption: { state: "in-flight", receiveCount: 2 },
      },
      {
        subscriptionArn: "s3",
        protocol: "sqs",
        endpoint: queueArn("analytics"),
        queueName: "analytics",
        rawMessageDelivery: false,
        filterPolicy: null,
        matched: true,
        keys: [],
        delivered: true,
        consumption: { state: "moved-to-dlq", at: "2026-01-01T00:00:03.000Z" },
      },
    ],
  };

  it("follows each delivery to its consumer and outcome", () => {
    const flow = flowFromLog(entry, topology.queues);
    assert.equal(flow.precision, "exact");
    assert.equal(flow.topic, "order-events");
    assert.equal(flow.publishedAt, Date.parse("2026-01-01T00:00:00.000Z"));
    assert.deepEqual(
      flow.branches.map((b) => [b.target, b.outcome, b.consumer?.name, b.receiveCount, b.dlq]),
      [
        ["order-processing", "dropped", "inventory-service", undefined, "order-processing-dlq"],
        ["notifications", "in-flight", "notification-service", 2, "notifications-dlq"],
        ["analytics", "dead-lettered", "analytics-consumer", undefined, "analytics-dlq"],
      ],
    );
    assert.deepEqual(flow.branches[0].reasons, ["eventType = order_shipped is not in [order_created, order_cancelled]"]);
    assert.equal(flow.branches[2].at, Date.parse("2026-01-01T00:00:03.000Z"));
    assert.equal(flow.settled, false, "notifications is still being processed");
  });

  it("is settled once every delivery is deleted or dead-lettered", () => {
    const done = structuredClone(entry);
    done.subscriptions[1].consumption = { state: "deleted", at: "2026-01-01T00:00:01.000Z" };
    assert.equal(flowFromLog(done, topology.queues).settled, true);
  });

  it("without the flow log, falls back to the filter decisions and queue depths", () => {
    const decisions = previewDelivery(topology.subscriptions, "order-events", { attributes: eventType("order_shipped"), body: "{}" });
    const snapshot = (at: number, notifications: number): QueuesSnapshot => ({
      at,
      rateSource: "console",
      queues: [{ name: "notifications", visible: notifications, inFlight: 0, delayed: 0, publishRate: 0 }],
    });
    const flow = coarseFlow({ messageId: "m-2", topic: "order-events", publishedAt: 1_000, decisions }, snapshot(900, 4), snapshot(2_000, 5), topology.queues);
    assert.equal(flow.precision, "coarse");
    assert.deepEqual(
      flow.branches.map((b) => [b.target, b.outcome, b.depth]),
      [
        ["order-processing", "dropped", undefined],
        ["notifications", "expected", { before: 4, now: 5 }],
        ["analytics", "expected", undefined],
      ],
    );
    const stale = coarseFlow({ messageId: "m-2", topic: "order-events", publishedAt: 3_000, decisions }, snapshot(900, 4), snapshot(2_000, 5), topology.queues);
    assert.equal(stale.branches[1].depth, undefined, "a snapshot older than the publish says nothing about it");
  });
});

describe("peek", () => {
  it("unwraps the SNS envelope and lists attributes", () => {
    const view = peekFromInspection({
      name: "analytics",
      total: 2,
      messages: [
        {
          messageId: "a",
          state: "ready",
          receiveCount: 0,
          body: JSON.stringify({ Type: "Notification", Message: '{"orderId":"1"}', MessageAttributes: { eventType: { Type: "String", Value: "order_created" } } }),
          attributes: { SentTimestamp: "1700000000000" },
        },
        { messageId: "b", state: "in-flight", receiveCount: 2, body: '{"poison":true}', messageAttributes: { eventType: { DataType: "String", StringValue: "order_created" } }, attributes: {} },
      ],
    });
    assert.equal(view.queue, "analytics");
    assert.equal(view.total, 2);
    assert.deepEqual(view.messages[0], {
      messageId: "a",
      state: "ready",
      receiveCount: 0,
      sentAt: 1_700_000_000_000,
      body: '{"orderId":"1"}',
      envelope: true,
      attributes: [{ name: "eventType", type: "String", value: "order_created" }],
    });
    assert.equal(view.messages[1].envelope, false);
    assert.equal(view.messages[1].state, "in-flight");
    assert.deepEqual(view.messages[1].attributes, [{ name: "eventType", type: "String", value: "order_created" }]);
  });
});

describe("publishing", () => {
  it("turns builder rows into MessageAttributes", () => {
    assert.deepEqual(
      toMessageAttributes([
        { name: "eventType", type: "String", value: "stock_low" },
        { name: "quantity", type: "Number", value: " 4 " },
        { name: "tags", type: "String.Array", value: '["a"]' },
      ]),
      {
        eventType: { DataType: "String", StringValue: "stock_low" },
        quantity: { DataType: "Number", StringValue: "4" },
        tags: { DataType: "String.Array", StringValue: '["a"]' },
      },
    );
  });

  it("shows the same publish as an aws CLI command", () => {
    assert.equal(
      publishCommand("order-events", '{ "note": "it\'s" }', [{ name: "eventType", type: "String", value: "order_shipped" }]),
      [
        "aws sns publish --topic-arn $ORDER_EVENTS_TOPIC_ARN",
        `  --message '{"note":"it'\\''s"}'`,
        `  --message-attributes '{"eventType":{"DataType":"String","StringValue":"order_shipped"}}'`,
      ].join(" \\\n"),
    );
  });
});
