// The lab's messaging tier built exactly from the event contract, a deterministic event stream
// over it, the deliveries the contract promises for that stream (from the shared filter-policy
// evaluator), and draining consumers that count what really arrived.
import { CreateTopicCommand, type MessageAttributeValue, type SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { dlqName, EVENT_TYPES, MAX_RECEIVE_COUNT, QUEUES, type QueueName, SUBSCRIPTIONS, TOPICS, type TopicName } from "../../../lib/lab/contract.ts";
import { evaluateFilterPolicy } from "../../../lib/messaging/filter-policy.ts";

/** cloudformation/messaging.yaml's default. */
export const VISIBILITY_TIMEOUT = 5;
export const CONTRACT_TOPICS: TopicName[] = [TOPICS.orderEvents, TOPICS.userEvents, TOPICS.inventoryEvents];
export const CONTRACT_QUEUES: QueueName[] = [QUEUES.orderProcessing, QUEUES.notifications, QUEUES.analytics];

export interface Tier {
  topicArn: Record<string, string>;
  queueUrl: Record<string, string>;
}

/** Topics, queues with DLQs (maxReceiveCount 3) and the SUBSCRIPTIONS of lib/lab/contract.ts. */
export async function createMessagingTier(sns: SNSClient, sqs: SQSClient): Promise<Tier> {
  const tier: Tier = { topicArn: {}, queueUrl: {} };
  const arnOf = async (url: string) => (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }))).Attributes!.QueueArn!;
  const queueArn: Record<string, string> = {};
  for (const q of CONTRACT_QUEUES) {
    const dlq = (await sqs.send(new CreateQueueCommand({ QueueName: dlqName(q) }))).QueueUrl!;
    const url = (await sqs.send(
      new CreateQueueCommand({
        QueueName: q,
        Attributes: { VisibilityTimeout: String(VISIBILITY_TIMEOUT), RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await arnOf(dlq), maxReceiveCount: MAX_RECEIVE_COUNT }) },
      }),
    )).QueueUrl!;
    tier.queueUrl[q] = url;
    queueArn[q] = await arnOf(url);
  }
  for (const t of CONTRACT_TOPICS) tier.topicArn[t] = (await sns.send(new CreateTopicCommand({ Name: t }))).TopicArn!;
  for (const s of SUBSCRIPTIONS) {
    const Attributes: Record<string, string> = { RawMessageDelivery: String(s.rawMessageDelivery) };
    if (s.filterPolicy) Attributes.FilterPolicy = JSON.stringify(s.filterPolicy);
    await sns.send(new SubscribeCommand({ TopicArn: tier.topicArn[s.topic], Protocol: "sqs", Endpoint: queueArn[s.queue], Attributes }));
  }
  return tier;
}

export interface LabEvent {
  id: string;
  topic: TopicName;
  attributes: Record<string, MessageAttributeValue>;
  body: string;
}

const QUANTITIES = [undefined, 3, 9, 10, 42];

/** Event i: topics, event types and quantities rotate so every combination occurs. */
export function labEvent(i: number, runId: string): LabEvent {
  const topic = CONTRACT_TOPICS[i % 3];
  const eventType = EVENT_TYPES[Math.floor(i / 3) % EVENT_TYPES.length];
  const quantity = QUANTITIES[Math.floor(i / 15) % QUANTITIES.length];
  const id = `${runId}-${i}`;
  const attributes: Record<string, MessageAttributeValue> = { eventType: { DataType: "String", StringValue: eventType } };
  if (quantity !== undefined) attributes.quantity = { DataType: "Number", StringValue: String(quantity) };
  return { id, topic, attributes, body: JSON.stringify({ id, eventType, quantity, product_id: `prod-${i % 7}` }) };
}

/** `queue|id` for every delivery the contract promises. */
export function expectedDeliveries(events: LabEvent[]): Set<string> {
  const out = new Set<string>();
  for (const e of events) {
    for (const s of SUBSCRIPTIONS) {
      if (s.topic !== e.topic) continue;
      if (!s.filterPolicy || evaluateFilterPolicy(s.filterPolicy, { messageAttributes: e.attributes as never }).matched) out.add(`${s.queue}|${e.id}`);
    }
  }
  return out;
}

export interface Received {
  /** `queue|id` → times received. */
  counts: Map<string, number>;
  receives: number;
  errors: number;
  /** The queues were still not empty at the deadline. */
  timedOut: boolean;
}

/** The event id in a received body: raw delivery carries the event, the SNS envelope carries it in Message. */
export function eventIdOf(body: string): string {
  const outer = JSON.parse(body);
  return outer.Type === "Notification" ? JSON.parse(outer.Message).id : outer.id;
}

/**
 * Receives (10 at a time) and batch-deletes from every queue with `perQueue` consumers each, until
 * `done()` is true and every queue is empty (visible, in flight and delayed). Errors (a killed
 * emulator) are counted and retried.
 */
export async function drain(sqs: SQSClient, tier: Tier, opts: { perQueue: number; done: () => boolean; timeoutMs: number }): Promise<Received> {
  const r: Received = { counts: new Map(), receives: 0, errors: 0, timedOut: true };
  const deadline = Date.now() + opts.timeoutMs;
  let empty = false;
  const consumer = async (queue: QueueName) => {
    const url = tier.queueUrl[queue];
    while (!empty && Date.now() < deadline) {
      try {
        const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ["All"] }));
        const msgs = out.Messages ?? [];
        if (!msgs.length) continue;
        r.receives += msgs.length;
        for (const m of msgs) {
          const key = `${queue}|${eventIdOf(m.Body!)}`;
          r.counts.set(key, (r.counts.get(key) ?? 0) + 1);
        }
        await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: msgs.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
      } catch {
        r.errors++;
        await new Promise((res) => setTimeout(res, 100));
      }
    }
  };
  const watcher = async () => {
    while (Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 500));
      if (!opts.done()) continue;
      try {
        let total = 0;
        for (const q of CONTRACT_QUEUES) {
          const a = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: tier.queueUrl[q], AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"] }))).Attributes!;
          total += Number(a.ApproximateNumberOfMessages) + Number(a.ApproximateNumberOfMessagesNotVisible) + Number(a.ApproximateNumberOfMessagesDelayed);
        }
        if (total === 0) {
          r.timedOut = false;
          break;
        }
      } catch {
        r.errors++;
      }
    }
    empty = true;
  };
  await Promise.all([watcher(), ...CONTRACT_QUEUES.flatMap((q) => Array.from({ length: opts.perQueue }, () => consumer(q)))]);
  return r;
}

export interface Tally {
  expected: number;
  received: number;
  lost: string[];
  unexpected: string[];
  duplicates: number;
}

export function tally(expected: Set<string>, r: Received): Tally {
  const lost = [...expected].filter((k) => !r.counts.has(k));
  const unexpected = [...r.counts.keys()].filter((k) => !expected.has(k));
  let duplicates = 0;
  for (const n of r.counts.values()) duplicates += n - 1;
  return { expected: expected.size, received: r.receives, lost, unexpected, duplicates };
}
