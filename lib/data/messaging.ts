// The Messaging page's own types, and the pure functions that shape SNS/SQS SDK outputs and the
// emulator's inspection API into them. No I/O here: the browser imports this module for the
// live filter preview; lib/data/messaging-sdk.ts does the reading on the server.
import type { ListMessageMoveTasksResultEntry } from "@aws-sdk/client-sqs";
import { dlqName, LAMBDAS, type OutputKey, outputVar, QUEUES, type QueueName, SERVICES, SUBSCRIPTIONS, TOPICS } from "../lab/contract.ts";
import { evaluateFilterPolicy, type FilterKeyResult, type FilterMessageAttribute, type FilterPolicyScope } from "../messaging/filter-policy.ts";
import { type AttributeRow, type AttributeType, EVENT_TOPICS, LAB_QUEUES } from "../validations/messaging.ts";

// ---------- the tier as deployed ----------

export interface TopicView {
  name: string;
  arn: string;
}

export interface SubscriptionView {
  arn: string;
  /** Topic name, e.g. `order-events`. */
  topic: string;
  protocol: string;
  endpoint: string;
  /** Queue name when the endpoint is an SQS queue. */
  queue?: string;
  rawMessageDelivery: boolean;
  /** Parsed filter policy; undefined when the subscription takes every message. */
  filterPolicy?: Record<string, unknown>;
  filterPolicyScope: FilterPolicyScope;
  pendingConfirmation: boolean;
}

export interface DeadLetterQueueView {
  name: string;
  arn: string;
  url?: string;
  maxReceiveCount?: number;
}

export interface QueueView {
  name: string;
  url: string;
  arn: string;
  dlq?: DeadLetterQueueView;
}

export interface MessagingTopology {
  /** Anything of the messaging tier exists on the target. */
  deployed: boolean;
  topics: TopicView[];
  subscriptions: SubscriptionView[];
  queues: QueueView[];
  /** What the event contract expects and the target lacks, in words ("topic user-events"). */
  missing: string[];
}

/** Who consumes each queue in the lab (ARCHITECTURE.md, "Who calls and consumes what"). */
export const CONSUMERS: Record<QueueName, { name: string; kind: string }> = {
  [QUEUES.orderProcessing]: { name: SERVICES.inventory, kind: "ECS service" },
  [QUEUES.notifications]: { name: SERVICES.notification, kind: "ECS service" },
  [QUEUES.analytics]: { name: LAMBDAS.analyticsConsumer, kind: "Lambda" },
};

export const consumerOf = (queue: string) => CONSUMERS[queue as QueueName];

/** The last segment of an ARN: `arn:aws:sns:us-east-1:000000000000:order-events` → `order-events`. */
export const nameFromArn = (arn: string) => arn.split(":").pop() ?? arn;

function parseJsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export interface TopologyInput {
  /** From ListTopics. */
  topicArns: string[];
  /** From ListSubscriptionsByTopic, each with its GetSubscriptionAttributes. */
  subscriptions: { SubscriptionArn?: string; TopicArn?: string; Protocol?: string; Endpoint?: string; attributes?: Record<string, string> }[];
  /** The lab's queues and DLQs that exist: GetQueueUrl plus GetQueueAttributes (QueueArn, RedrivePolicy). */
  queues: { name: string; url: string; attributes: Record<string, string> }[];
}

const ORDER = <T extends string>(list: readonly T[]) => (name: string) => {
  const i = list.indexOf(name as T);
  return i < 0 ? list.length : i;
};
const topicOrder = ORDER(EVENT_TOPICS);
const queueOrder = ORDER(LAB_QUEUES);

/** SDK outputs → the tier as the page shows it, with what the event contract expects but is missing. */
export function shapeTopology(input: TopologyInput): MessagingTopology {
  const topics = input.topicArns
    .map((arn) => ({ name: nameFromArn(arn), arn }))
    .filter((t) => (EVENT_TOPICS as readonly string[]).includes(t.name))
    .sort((a, b) => topicOrder(a.name) - topicOrder(b.name));
  const topicNames = new Set(topics.map((t) => t.name));

  const subscriptions: SubscriptionView[] = input.subscriptions
    .filter((s) => s.SubscriptionArn && s.TopicArn && topicNames.has(nameFromArn(s.TopicArn)) && s.SubscriptionArn !== "PendingConfirmation")
    .map((s) => {
      const a = s.attributes ?? {};
      const protocol = s.Protocol ?? a.Protocol ?? "";
      const endpoint = s.Endpoint ?? a.Endpoint ?? "";
      return {
        arn: s.SubscriptionArn as string,
        topic: nameFromArn(s.TopicArn as string),
        protocol,
        endpoint,
        ...(protocol === "sqs" ? { queue: nameFromArn(endpoint) } : {}),
        rawMessageDelivery: a.RawMessageDelivery === "true",
        ...(parseJsonObject(a.FilterPolicy) ? { filterPolicy: parseJsonObject(a.FilterPolicy) } : {}),
        filterPolicyScope: a.FilterPolicyScope === "MessageBody" ? "MessageBody" : "MessageAttributes",
        pendingConfirmation: a.PendingConfirmation === "true",
      } satisfies SubscriptionView;
    })
    .sort((a, b) => topicOrder(a.topic) - topicOrder(b.topic) || queueOrder(a.queue ?? a.endpoint) - queueOrder(b.queue ?? b.endpoint));

  const byName = new Map(input.queues.map((q) => [q.name, q]));
  const queues: QueueView[] = [];
  for (const name of LAB_QUEUES) {
    const q = byName.get(name);
    if (!q) continue;
    const redrive = parseJsonObject(q.attributes.RedrivePolicy);
    const dlqArn = typeof redrive?.deadLetterTargetArn === "string" ? redrive.deadLetterTargetArn : undefined;
    const dlq = dlqArn ? byName.get(nameFromArn(dlqArn)) : undefined;
    queues.push({
      name,
      url: q.url,
      arn: q.attributes.QueueArn ?? "",
      ...(dlqArn
        ? {
            dlq: {
              name: nameFromArn(dlqArn),
              arn: dlqArn,
              ...(dlq ? { url: dlq.url } : {}),
              ...(redrive?.maxReceiveCount !== undefined ? { maxReceiveCount: Number(redrive.maxReceiveCount) } : {}),
            },
          }
        : {}),
    });
  }

  const missing: string[] = [];
  for (const t of EVENT_TOPICS) if (!topicNames.has(t)) missing.push(`topic ${t}`);
  for (const name of LAB_QUEUES) {
    if (!byName.has(name)) missing.push(`queue ${name}`);
    if (!byName.has(dlqName(name))) missing.push(`queue ${dlqName(name)}`);
  }
  for (const s of SUBSCRIPTIONS) {
    if (!topicNames.has(s.topic)) continue;
    if (!subscriptions.some((v) => v.topic === s.topic && v.queue === s.queue)) missing.push(`subscription ${s.topic} → ${s.queue}`);
  }
  return { deployed: topics.length > 0 || queues.length > 0, topics, subscriptions, queues, missing };
}

// ---------- queue depths ----------

export interface QueueDepth {
  name: string;
  visible: number;
  inFlight: number;
  delayed: number;
}

export type MoveTaskStatus = "RUNNING" | "COMPLETED" | "CANCELLING" | "CANCELLED" | "FAILED";

export interface MoveTaskView {
  status: MoveTaskStatus;
  /** Only while RUNNING: what CancelMessageMoveTask takes. */
  taskHandle?: string;
  moved: number;
  toMove: number;
  startedAt?: number;
  failureReason?: string;
  /** Queue name the messages go to; undefined means back to their source queues. */
  destination?: string;
}

export interface QueueSample extends QueueDepth {
  /** Messages SNS delivered to the queue per second, over the last RATE_WINDOW_MS. */
  publishRate: number;
  dlq?: QueueDepth & { maxReceiveCount?: number; moveTask?: MoveTaskView };
}

export interface QueuesSnapshot {
  /** Epoch ms when the depths were read. */
  at: number;
  queues: QueueSample[];
  /** Where the publish rate comes from: every publish (the emulator's flow log), or this console's own. */
  rateSource: "flow-log" | "console";
}

const count = (v: unknown) => {
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : 0;
};

/** GetQueueAttributes → depth. */
export function depthFromAttributes(name: string, attributes: Record<string, string> | undefined): QueueDepth {
  return {
    name,
    visible: count(attributes?.ApproximateNumberOfMessages),
    inFlight: count(attributes?.ApproximateNumberOfMessagesNotVisible),
    delayed: count(attributes?.ApproximateNumberOfMessagesDelayed),
  };
}

/** The emulator's `GET /_lab/sqs/queues` → depths by queue name, for one region. */
export function depthsFromInspection(json: unknown, region?: string): Map<string, QueueDepth> {
  const out = new Map<string, QueueDepth>();
  const queues = (json as { queues?: unknown[] } | undefined)?.queues;
  if (!Array.isArray(queues)) return out;
  for (const q of queues as Record<string, unknown>[]) {
    if (typeof q?.name !== "string") continue;
    if (region && typeof q.region === "string" && q.region !== region) continue;
    out.set(q.name, { name: q.name, visible: count(q.visible), inFlight: count(q.inFlight), delayed: count(q.delayed) });
  }
  return out;
}

/** ListMessageMoveTasks' newest entry → the redrive progress the page shows. */
export function moveTaskView(entry: ListMessageMoveTasksResultEntry | undefined): MoveTaskView | undefined {
  if (!entry?.Status) return undefined;
  return {
    status: entry.Status as MoveTaskStatus,
    ...(entry.TaskHandle ? { taskHandle: entry.TaskHandle } : {}),
    moved: count(entry.ApproximateNumberOfMessagesMoved),
    toMove: count(entry.ApproximateNumberOfMessagesToMove),
    ...(entry.StartedTimestamp ? { startedAt: Number(entry.StartedTimestamp) } : {}),
    ...(entry.FailureReason ? { failureReason: entry.FailureReason } : {}),
    ...(entry.DestinationArn ? { destination: nameFromArn(entry.DestinationArn) } : {}),
  };
}

export const RATE_WINDOW_MS = 5_000;

/** One publish and the queues SNS delivered it to. */
export interface Delivery {
  at: number;
  queues: string[];
}

/** Deliveries per second into each queue over the `windowMs` before `now`. */
export function publishRates(deliveries: readonly Delivery[], now: number, windowMs = RATE_WINDOW_MS): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const d of deliveries) {
    if (d.at > now || d.at <= now - windowMs) continue;
    for (const q of d.queues) rates[q] = (rates[q] ?? 0) + 1;
  }
  for (const q of Object.keys(rates)) rates[q] = Math.round((rates[q] / (windowMs / 1000)) * 100) / 100;
  return rates;
}

/** The flow log's entries → what SNS delivered to which queues, and when. */
export function deliveriesFromLog(entries: readonly Pick<FlowLogEntry, "time" | "subscriptions">[]): Delivery[] {
  return entries.map((e) => ({
    at: Date.parse(e.time),
    queues: e.subscriptions.filter((s) => s.delivered && s.queueName).map((s) => s.queueName as string),
  }));
}

/** Depths, rates and redrive tasks → one snapshot per lab queue, in contract order. */
export function assembleSnapshot(input: {
  at: number;
  topology: Pick<MessagingTopology, "queues">;
  depths: Map<string, QueueDepth>;
  rates: Record<string, number>;
  moveTasks: Map<string, MoveTaskView | undefined>;
  rateSource: QueuesSnapshot["rateSource"];
}): QueuesSnapshot {
  const queues = input.topology.queues.map((q): QueueSample => {
    const depth = input.depths.get(q.name) ?? { name: q.name, visible: 0, inFlight: 0, delayed: 0 };
    const dlqDepth = q.dlq ? input.depths.get(q.dlq.name) : undefined;
    const moveTask = q.dlq ? input.moveTasks.get(q.dlq.name) : undefined;
    return {
      ...depth,
      publishRate: input.rates[q.name] ?? 0,
      ...(q.dlq && dlqDepth
        ? {
            dlq: {
              ...dlqDepth,
              ...(q.dlq.maxReceiveCount !== undefined ? { maxReceiveCount: q.dlq.maxReceiveCount } : {}),
              ...(moveTask ? { moveTask } : {}),
            },
          }
        : {}),
    };
  });
  return { at: input.at, queues, rateSource: input.rateSource };
}

// ---------- message attributes ----------

export type SnsMessageAttributes = Record<string, { DataType: AttributeType; StringValue: string }>;

/** Builder rows → Publish's MessageAttributes. Number values are sent trimmed, as typed. */
export function toMessageAttributes(rows: readonly Pick<AttributeRow, "name" | "type" | "value">[]): SnsMessageAttributes {
  const out: SnsMessageAttributes = {};
  for (const r of rows) {
    if (!r.name) continue;
    out[r.name] = { DataType: r.type, StringValue: r.type === "Number" ? r.value.trim() : r.value };
  }
  return out;
}

// ---------- filter preview ----------

export interface DeliveryDecision {
  subscriptionArn: string;
  /** Queue name, or the endpoint for other protocols. */
  target: string;
  protocol: string;
  rawMessageDelivery: boolean;
  matched: boolean;
  /** Why, one sentence per key: the deciding one first when dropped. */
  reasons: string[];
  decidingKey?: string;
  filterPolicy?: Record<string, unknown>;
  /** Set when the subscription is pending confirmation, so nothing is delivered either way. */
  note?: string;
}

const isLiteral = (c: unknown) => typeof c === "string" || typeof c === "number";

function ruleFor(policy: Record<string, unknown> | undefined, key: string): unknown {
  if (!policy) return undefined;
  if (key in policy) return policy[key];
  let node: unknown = policy;
  for (const part of key.split(".")) {
    if (!node || typeof node !== "object" || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

const shown = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/**
 * One key's result in words: `eventType = order_shipped is not in [order_created, order_cancelled]`.
 * Literal lists read as set membership; other operators keep the evaluator's own explanation.
 */
export function keySentence(k: FilterKeyResult, policy: Record<string, unknown> | undefined): string {
  const rule = ruleFor(policy, k.key);
  const conditions = Array.isArray(rule) ? rule : rule === undefined ? undefined : [rule];
  const list = conditions?.every(isLiteral) ? `[${conditions.map(shown).join(", ")}]` : undefined;
  if (k.value === undefined) {
    if (list && !k.matched) return `${k.key} is missing, so it can't be in ${list}`;
    return k.reason;
  }
  if (list) return `${k.key} = ${shown(k.value)} is ${k.matched ? "" : "not "}in ${list}`;
  const prefix = `${k.key}: `;
  return k.reason.startsWith(prefix) ? `${k.key} = ${k.reason.slice(prefix.length)}` : k.reason;
}

/** The reasons to show for one filter result: the deciding key when dropped, every key when matched. */
export function decisionReasons(result: { matched: boolean; keys: FilterKeyResult[]; decidingKey?: string; error?: string }, policy: Record<string, unknown> | undefined): string[] {
  if (result.error) return [result.error];
  if (!policy || Object.keys(policy).length === 0) return ["No filter policy: it takes every event"];
  if (result.matched) return result.keys.filter((k) => k.matched).map((k) => keySentence(k, policy));
  const deciding = result.keys.find((k) => !k.matched && k.key === result.decidingKey) ?? result.keys.find((k) => !k.matched);
  if (!deciding) return [result.decidingKey === "$or" ? "No $or branch matched" : "The filter policy did not match"];
  return [keySentence(deciding, policy)];
}

/** Which subscriptions of `topic` will take this message, and why: the same evaluator the flow log uses. */
export function previewDelivery(
  subscriptions: readonly SubscriptionView[],
  topic: string,
  message: { attributes: Record<string, FilterMessageAttribute>; body: string },
): DeliveryDecision[] {
  return subscriptions
    .filter((s) => s.topic === topic)
    .map((s) => {
      const input = s.filterPolicyScope === "MessageBody" ? { body: message.body } : { messageAttributes: message.attributes };
      const result = evaluateFilterPolicy(s.filterPolicy, input, s.filterPolicyScope);
      return {
        subscriptionArn: s.arn,
        target: s.queue ?? s.endpoint,
        protocol: s.protocol,
        rawMessageDelivery: s.rawMessageDelivery,
        matched: result.matched,
        reasons: decisionReasons(result, s.filterPolicy),
        ...(result.decidingKey ? { decidingKey: result.decidingKey } : {}),
        ...(s.filterPolicy ? { filterPolicy: s.filterPolicy } : {}),
        ...(s.pendingConfirmation ? { note: "This subscription is pending confirmation: SNS delivers nothing to it yet." } : {}),
      };
    });
}

// ---------- message flow ----------

/** Where one delivery of a message ended up. */
export type FlowOutcome =
  | "dropped"
  | "not-delivered"
  | "waiting"
  | "delayed"
  | "in-flight"
  | "deleted"
  | "dead-lettered"
  | "gone"
  /** Coarse view: SNS should have delivered it; the queue's depth is all we can see. */
  | "expected";

export interface FlowBranch extends DeliveryDecision {
  outcome: FlowOutcome;
  consumer?: { name: string; kind: string };
  receiveCount?: number;
  maxReceiveCount?: number;
  dlq?: string;
  /** When the outcome happened, epoch ms. */
  at?: number;
  /** Coarse view: the queue's depth (visible + in flight) when published, and now. */
  depth?: { before: number; now: number };
}

export interface MessageFlow {
  messageId: string;
  topic: string;
  publishedAt: number;
  branches: FlowBranch[];
  /** Nothing more will change: every delivery was dropped, deleted or dead-lettered. */
  settled: boolean;
  /** `exact` follows this one message (emulator flow log); `coarse` infers from the filters and queue depths. */
  precision: "exact" | "coarse";
}

const FINAL: FlowOutcome[] = ["dropped", "not-delivered", "deleted", "dead-lettered", "gone"];
export const isSettled = (branches: readonly FlowBranch[]) => branches.every((b) => FINAL.includes(b.outcome));

/** One entry of the emulator's `GET /_lab/flow`. */
export interface FlowLogEntry {
  seq: number;
  messageId: string;
  topicArn: string;
  time: string;
  messageAttributes?: Record<string, FilterMessageAttribute>;
  body?: string;
  subscriptions: {
    subscriptionArn: string;
    protocol: string;
    endpoint: string;
    queueName?: string;
    rawMessageDelivery: boolean;
    filterPolicy: unknown;
    matched: boolean;
    decidingKey?: string;
    keys: FilterKeyResult[];
    delivered: boolean;
    consumption?: { state: string; at?: string; receiveCount?: number };
    note?: string;
  }[];
}

const CONSUMPTION: Record<string, FlowOutcome> = {
  ready: "waiting",
  delayed: "delayed",
  "in-flight": "in-flight",
  deleted: "deleted",
  "moved-to-dlq": "dead-lettered",
  gone: "gone",
};

/** A flow-log entry → the flow the page draws, with consumers and DLQs from the topology. */
export function flowFromLog(entry: FlowLogEntry, queues: readonly QueueView[] = []): MessageFlow {
  const branches = entry.subscriptions.map((s): FlowBranch => {
    const policy = s.filterPolicy && typeof s.filterPolicy === "object" && !Array.isArray(s.filterPolicy) ? (s.filterPolicy as Record<string, unknown>) : undefined;
    const target = s.queueName ?? s.endpoint;
    const queue = queues.find((q) => q.name === target);
    const outcome: FlowOutcome = !s.matched ? "dropped" : !s.delivered ? "not-delivered" : (CONSUMPTION[s.consumption?.state ?? ""] ?? "waiting");
    return {
      subscriptionArn: s.subscriptionArn,
      target,
      protocol: s.protocol,
      rawMessageDelivery: s.rawMessageDelivery,
      matched: s.matched,
      reasons: decisionReasons(s, policy),
      ...(s.decidingKey ? { decidingKey: s.decidingKey } : {}),
      ...(policy ? { filterPolicy: policy } : {}),
      ...(s.note ? { note: s.note } : {}),
      outcome,
      ...(consumerOf(target) ? { consumer: consumerOf(target) } : {}),
      ...(s.consumption?.receiveCount !== undefined ? { receiveCount: s.consumption.receiveCount } : {}),
      ...(queue?.dlq ? { dlq: queue.dlq.name, ...(queue.dlq.maxReceiveCount !== undefined ? { maxReceiveCount: queue.dlq.maxReceiveCount } : {}) } : {}),
      ...(s.consumption?.at ? { at: Date.parse(s.consumption.at) } : {}),
    };
  });
  return { messageId: entry.messageId, topic: nameFromArn(entry.topicArn), publishedAt: Date.parse(entry.time), branches, settled: isSettled(branches), precision: "exact" };
}

/** What the console knows right after a publish: the message id and the filter decisions. */
export interface PublishedMessage {
  messageId: string;
  topic: string;
  publishedAt: number;
  decisions: DeliveryDecision[];
}

const depthOf = (s: QueueDepth | undefined) => (s ? s.visible + s.inFlight + s.delayed : 0);

/**
 * Without the flow log: the filter decisions, and for each receiving queue how its depth moved
 * since the publish. It can't tell this message from others arriving at the same time.
 */
export function coarseFlow(published: PublishedMessage, baseline: QueuesSnapshot | undefined, latest: QueuesSnapshot | undefined, queues: readonly QueueView[] = []): MessageFlow {
  const branches = published.decisions.map((d): FlowBranch => {
    const queue = queues.find((q) => q.name === d.target);
    const before = baseline?.queues.find((q) => q.name === d.target);
    const now = latest && latest.at >= published.publishedAt ? latest.queues.find((q) => q.name === d.target) : undefined;
    return {
      ...d,
      outcome: d.matched ? "expected" : "dropped",
      ...(consumerOf(d.target) ? { consumer: consumerOf(d.target) } : {}),
      ...(queue?.dlq ? { dlq: queue.dlq.name } : {}),
      ...(d.matched && before && now ? { depth: { before: depthOf(before), now: depthOf(now) } } : {}),
    };
  });
  return { messageId: published.messageId, topic: published.topic, publishedAt: published.publishedAt, branches, settled: false, precision: "coarse" };
}

// ---------- peek ----------

export interface PeekedMessage {
  messageId: string;
  state: "ready" | "in-flight" | "delayed";
  receiveCount: number;
  sentAt?: number;
  /** The body as sent; for an SNS envelope, the inner Message. */
  body: string;
  /** The SNS envelope was unwrapped to show `body`. */
  envelope: boolean;
  attributes: { name: string; type: string; value: string }[];
}

export interface PeekView {
  queue: string;
  total: number;
  messages: PeekedMessage[];
}

/** SNS's JSON wrapper, delivered when RawMessageDelivery is off. */
function unwrapEnvelope(body: string): { body: string; attributes: PeekedMessage["attributes"] } | undefined {
  const parsed = parseJsonObject(body);
  if (parsed?.Type !== "Notification" || typeof parsed.Message !== "string") return undefined;
  const attrs = (parsed.MessageAttributes ?? {}) as Record<string, { Type?: string; Value?: string }>;
  return { body: parsed.Message, attributes: Object.entries(attrs).map(([name, a]) => ({ name, type: a.Type ?? "String", value: a.Value ?? "" })) };
}

/** The emulator's `GET /_lab/sqs/peek/:queue` → messages as the page lists them. */
export function peekFromInspection(json: unknown): PeekView {
  const j = (json ?? {}) as { name?: string; total?: number; messages?: Record<string, any>[] };
  const messages = (j.messages ?? []).map((m): PeekedMessage => {
    const raw = String(m.body ?? "");
    const envelope = unwrapEnvelope(raw);
    const own = Object.entries((m.messageAttributes ?? {}) as Record<string, { DataType?: string; StringValue?: string }>).map(([name, a]) => ({
      name,
      type: a.DataType ?? "String",
      value: a.StringValue ?? "",
    }));
    const state = m.state === "in-flight" || m.state === "delayed" ? m.state : "ready";
    const sent = Number(m.attributes?.SentTimestamp);
    return {
      messageId: String(m.messageId ?? ""),
      state,
      receiveCount: count(m.receiveCount),
      ...(Number.isFinite(sent) && sent > 0 ? { sentAt: sent } : {}),
      body: envelope ? envelope.body : raw,
      envelope: Boolean(envelope),
      attributes: envelope ? [...own, ...envelope.attributes] : own,
    };
  });
  return { queue: String(j.name ?? ""), total: count(j.total ?? messages.length), messages };
}

// ---------- templates ----------

export interface PublishTemplate {
  id: string;
  label: string;
  topic: (typeof EVENT_TOPICS)[number];
  body: Record<string, unknown>;
  attributes: Pick<AttributeRow, "name" | "type" | "value">[];
  /** What the learner should see happen. */
  expect: string;
}

const eventType = (value: string) => ({ name: "eventType", type: "String" as const, value });

export const TEMPLATES: readonly PublishTemplate[] = [
  {
    id: "order_created",
    label: "order_created",
    topic: TOPICS.orderEvents,
    body: { orderId: "ord-1001", userId: "123", status: "created", items: [{ product_id: "prod-123", quantity: 2 }] },
    attributes: [eventType("order_created")],
    expect: "Every queue on order-events takes it.",
  },
  {
    id: "order_shipped",
    label: "order_shipped",
    topic: TOPICS.orderEvents,
    body: { orderId: "ord-1001", userId: "123", status: "shipped", carrier: "UPS" },
    attributes: [eventType("order_shipped")],
    expect: "order-processing drops it: shipping needs no stock reservation.",
  },
  {
    id: "user_registered",
    label: "user_registered",
    topic: TOPICS.userEvents,
    body: { userId: "456", email: "ada@example.com", plan: "free" },
    attributes: [eventType("user_registered")],
    expect: "notifications sends a welcome; analytics counts it.",
  },
  {
    id: "stock_low",
    label: "stock_low",
    topic: TOPICS.inventoryEvents,
    body: { productId: "prod-123", quantity: 4, warehouse: "east-1" },
    attributes: [eventType("stock_low"), { name: "quantity", type: "Number", value: "4" }],
    expect: "notifications takes it only while quantity is below 10.",
  },
  {
    id: "poison",
    label: "poison",
    topic: TOPICS.orderEvents,
    body: { poison: true, orderId: "ord-poison", userId: "123", status: "created" },
    attributes: [eventType("order_created")],
    expect: "It passes the filters, fails every consumer and lands in the DLQs after 3 receives.",
  },
];

export const POISON_TEMPLATE = TEMPLATES.find((t) => t.id === "poison") as PublishTemplate;

const TOPIC_OUTPUTS: Record<string, OutputKey> = {
  [TOPICS.orderEvents]: "OrderEventsTopicArn",
  [TOPICS.userEvents]: "UserEventsTopicArn",
  [TOPICS.inventoryEvents]: "InventoryEventsTopicArn",
};

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The `aws sns publish` command that sends the same message (with `npm run lab -- env` exports). */
export function publishCommand(topic: string, body: string, rows: readonly Pick<AttributeRow, "name" | "type" | "value">[]): string {
  const key = TOPIC_OUTPUTS[topic];
  const arn = key ? `$${outputVar(key)}` : topic;
  let message = body;
  try {
    message = JSON.stringify(JSON.parse(body));
  } catch {}
  const attrs = toMessageAttributes(rows);
  const lines = [`aws sns publish --topic-arn ${arn}`, `  --message ${shellQuote(message)}`];
  if (Object.keys(attrs).length) lines.push(`  --message-attributes ${shellQuote(JSON.stringify(attrs))}`);
  return lines.join(" \\\n");
}
