// Reads and changes the lab's messaging tier on the current target, through the SDK and, where
// the target has it, the emulator's inspection API. Server only: the browser gets the shapes in
// lib/data/messaging.ts through app/api/messaging/* and app/messaging/actions.ts.
//
// The tier is found by name (ListTopics, GetQueueUrl, ListSubscriptionsByTopic), not from stack
// outputs, so the page works however the lab was deployed: by the console, `npm run lab`, or by hand.
import {
  GetSubscriptionAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  PublishCommand,
  SNSClient,
  type Subscription,
} from "@aws-sdk/client-sns";
import {
  CancelMessageMoveTaskCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListMessageMoveTasksCommand,
  PurgeQueueCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from "@aws-sdk/client-sqs";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { dlqName } from "../lab/contract.ts";
import { clientFor } from "../aws/clients.ts";
import { capabilities, endpointOf, knownAccountId, type Target, targetKey } from "../aws/target.ts";
import { EVENT_TOPICS, LAB_QUEUES, type PublishInput, type RedriveSpeed } from "../validations/messaging.ts";
import {
  assembleSnapshot,
  type Delivery,
  deliveriesFromLog,
  depthFromAttributes,
  depthsFromInspection,
  type FlowLogEntry,
  flowFromLog,
  type MessageFlow,
  type MessagingTopology,
  type MoveTaskView,
  moveTaskView,
  nameFromArn,
  type PeekView,
  type PublishedMessage,
  peekFromInspection,
  previewDelivery,
  publishRates,
  type QueueDepth,
  type QueuesSnapshot,
  RATE_WINDOW_MS,
  shapeTopology,
  type TopologyInput,
  toMessageAttributes,
} from "./messaging.ts";

const INSPECTION_TIMEOUT_MS = 3_000;
/** How many flow-log entries to read for the publish rate; above ~40 msg/s the rate saturates. */
const FLOW_SAMPLE = 200;

// ---------- discovery ----------

const isMissingQueue = (e: unknown) => {
  const name = (e as { name?: string })?.name ?? "";
  return name === "QueueDoesNotExist" || name.endsWith("NonExistentQueue");
};

async function listAll<T>(page: (token?: string) => Promise<{ items?: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const r = await page(token);
    out.push(...(r.items ?? []));
    token = r.next;
  } while (token);
  return out;
}

// Live reads fail fast: the next poll retries anyway, and a page should not hang on a dead endpoint.
const READ = { fast: true } as const;

async function discover(target: Target): Promise<MessagingTopology> {
  const sns = clientFor(SNSClient, target, READ);
  const sqs = clientFor(SQSClient, target, READ);
  const topicsPromise = listAll(async (NextToken) => {
    const r = await sns.send(new ListTopicsCommand({ NextToken }));
    return { items: (r.Topics ?? []).map((t) => t.TopicArn ?? ""), next: r.NextToken };
  });
  const queueNames = LAB_QUEUES.flatMap((q) => [q, dlqName(q)]);
  const queuesPromise = Promise.all(
    queueNames.map(async (name) => {
      try {
        const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
        if (!QueueUrl) return undefined;
        const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn", "RedrivePolicy"] }));
        return { name, url: QueueUrl, attributes: (Attributes ?? {}) as Record<string, string> };
      } catch (e) {
        if (isMissingQueue(e)) return undefined;
        throw e;
      }
    }),
  );
  // Awaited together, so a failure in one never leaves the other rejecting unobserved.
  const [allTopics, queueResults] = await Promise.all([topicsPromise, queuesPromise]);
  const topicArns = allTopics.filter(Boolean);
  const labTopics = topicArns.filter((arn) => (EVENT_TOPICS as readonly string[]).includes(nameFromArn(arn)));
  const subscriptions = (
    await Promise.all(
      labTopics.map(async (TopicArn) => {
        const subs = await listAll<Subscription>(async (NextToken) => {
          const r = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn, NextToken }));
          return { items: r.Subscriptions, next: r.NextToken };
        });
        return Promise.all(
          subs.map(async (s) => {
            // A pending subscription has no ARN yet, so it has no attributes to read.
            if (!s.SubscriptionArn?.startsWith("arn:")) return { ...s };
            const { Attributes } = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: s.SubscriptionArn }));
            return { ...s, attributes: (Attributes ?? {}) as Record<string, string> };
          }),
        );
      }),
    )
  ).flat();
  const queues: TopologyInput["queues"] = [];
  for (const q of queueResults) if (q) queues.push(q);
  return shapeTopology({ topicArns, subscriptions, queues });
}

const topologyCache = new Map<string, { at: number; value: Promise<MessagingTopology> }>();

/** The messaging tier on `target`; reused for `maxAgeMs` so polling does not rediscover it each second. */
export async function readTopology(target: Target, maxAgeMs = 0): Promise<MessagingTopology> {
  const key = targetKey(target);
  const cached = topologyCache.get(key);
  if (cached && Date.now() - cached.at <= maxAgeMs) return cached.value;
  const value = discover(target);
  topologyCache.set(key, { at: Date.now(), value });
  value.catch(() => topologyCache.delete(key));
  return value;
}

// ---------- the emulator's inspection API ----------

async function inspect(target: Target, path: string): Promise<unknown> {
  const endpoint = endpointOf(target);
  if (!capabilities(target).inspectionApi || !endpoint) throw new Error("This target has no inspection API.");
  const res = await fetch(`${endpoint}/_lab${path}`, { cache: "no-store", signal: AbortSignal.timeout(INSPECTION_TIMEOUT_MS) });
  const json = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error((json as { message?: string })?.message ?? `The emulator answered ${res.status} for /_lab${path}`);
  return json;
}

// ---------- publish rate without the flow log ----------

// What this console published, for targets without a flow log. Kept on globalThis so the route
// handler and the server actions share it whichever bundle loaded this module.
const CONSOLE_DELIVERIES = Symbol.for("cross-service-lab.messaging.deliveries");
type Store = typeof globalThis & { [CONSOLE_DELIVERIES]?: Map<string, Delivery[]> };

function consoleDeliveries(target: Target): Delivery[] {
  const g = globalThis as Store;
  g[CONSOLE_DELIVERIES] ??= new Map();
  const store = g[CONSOLE_DELIVERIES];
  const key = targetKey(target);
  let list = store.get(key);
  if (!list) {
    list = [];
    store.set(key, list);
  }
  const cutoff = Date.now() - RATE_WINDOW_MS * 2;
  while (list.length && list[0].at < cutoff) list.shift();
  return list;
}

// ---------- queue depths ----------

async function moveTasks(sqs: SQSClient, topology: MessagingTopology): Promise<Map<string, MoveTaskView | undefined>> {
  const entries = await Promise.all(
    topology.queues.map(async (q) => {
      if (!q.dlq) return [q.name, undefined] as const;
      try {
        const r = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: q.dlq.arn, MaxResults: 1 }));
        return [q.dlq.name, moveTaskView(r.Results?.[0])] as const;
      } catch {
        return [q.dlq.name, undefined] as const;
      }
    }),
  );
  return new Map(entries);
}

async function depthsViaSdk(sqs: SQSClient, topology: MessagingTopology): Promise<Map<string, QueueDepth>> {
  const urls = topology.queues.flatMap((q) => [[q.name, q.url] as const, ...(q.dlq?.url ? [[q.dlq.name, q.dlq.url] as const] : [])]);
  const depths = await Promise.all(
    urls.map(async ([name, QueueUrl]) => {
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl,
          AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
        }),
      );
      return [name, depthFromAttributes(name, Attributes)] as const;
    }),
  );
  return new Map(depths);
}

/**
 * Depth, in-flight, DLQ depth, publish rate and redrive progress of every lab queue.
 * `inspectionApi` defaults to the target's capability; tests turn it off to run AWS's path.
 */
export async function readQueues(target: Target, { inspectionApi = capabilities(target).inspectionApi } = {}): Promise<QueuesSnapshot> {
  const topology = await readTopology(target, 10_000);
  const sqs = clientFor(SQSClient, target, READ);
  const inspection = inspectionApi;
  const [depths, deliveries, tasks] = await Promise.all([
    inspection ? inspect(target, "/sqs/queues").then((j) => depthsFromInspection(j, target.region)) : depthsViaSdk(sqs, topology),
    inspection
      ? inspect(target, `/flow?limit=${FLOW_SAMPLE}`).then((j) => deliveriesFromLog(((j as { entries?: FlowLogEntry[] }).entries ?? []) as FlowLogEntry[]))
      : Promise.resolve(consoleDeliveries(target)),
    moveTasks(sqs, topology),
  ]);
  const at = Date.now();
  return assembleSnapshot({ at, topology, depths, rates: publishRates(deliveries, at), moveTasks: tasks, rateSource: inspection ? "flow-log" : "console" });
}

// ---------- one message's flow ----------

/** The emulator's record of one published message, or undefined while it has not shown up yet. */
export async function readFlow(target: Target, messageId: string, topic: string): Promise<MessageFlow | undefined> {
  const [log, topology] = await Promise.all([
    inspect(target, `/flow?limit=${FLOW_SAMPLE}&topic=${encodeURIComponent(topic)}`) as Promise<{ entries?: FlowLogEntry[] }>,
    readTopology(target, 30_000),
  ]);
  const entry = log.entries?.find((e) => e.messageId === messageId);
  return entry ? flowFromLog(entry, topology.queues) : undefined;
}

// ---------- peek ----------

/** Messages in a queue without receiving them: only where a peek can't count toward the DLQ. */
export async function peekQueue(target: Target, queue: string): Promise<PeekView> {
  if (!capabilities(target).safePeek) throw new Error("Peeking is not offered on this target: a receive would count toward the DLQ.");
  const json = await inspect(target, `/sqs/peek/${encodeURIComponent(queue)}?region=${encodeURIComponent(target.region)}&limit=20`);
  return peekFromInspection(json);
}

// ---------- changes ----------

export class MessagingError extends Error {}

async function topologyFor(target: Target): Promise<MessagingTopology> {
  return readTopology(target, 5_000);
}

/** Publishes to one of the lab's topics and returns the filter decisions SNS will have made. */
export async function publishEvent(target: Target, input: PublishInput): Promise<PublishedMessage> {
  const topology = await topologyFor(target);
  const topic = topology.topics.find((t) => t.name === input.topic);
  if (!topic) throw new MessagingError(`The topic ${input.topic} does not exist on this target. Deploy the lab from Overview first.`);
  const MessageAttributes = toMessageAttributes(input.attributes);
  const publishedAt = Date.now();
  const r = await clientFor(SNSClient, target).send(
    new PublishCommand({ TopicArn: topic.arn, Message: input.body, ...(Object.keys(MessageAttributes).length ? { MessageAttributes } : {}) }),
  );
  const decisions = previewDelivery(topology.subscriptions, input.topic, { attributes: MessageAttributes, body: input.body });
  consoleDeliveries(target).push({ at: publishedAt, queues: decisions.filter((d) => d.matched && d.protocol === "sqs").map((d) => d.target) });
  return { messageId: r.MessageId ?? "", topic: input.topic, publishedAt, decisions };
}

async function queueUrl(target: Target, name: string): Promise<string> {
  const topology = await topologyFor(target);
  for (const q of topology.queues) {
    if (q.name === name) return q.url;
    if (q.dlq?.name === name && q.dlq.url) return q.dlq.url;
  }
  throw new MessagingError(`The queue ${name} does not exist on this target.`);
}

/** Moves a DLQ's messages back to the queues they failed in. */
export async function startRedrive(target: Target, dlq: string, speed: RedriveSpeed): Promise<{ taskHandle?: string; source: string }> {
  const topology = await topologyFor(target);
  const source = topology.queues.find((q) => q.dlq?.name === dlq);
  if (!source?.dlq) throw new MessagingError(`${dlq} is not the dead-letter queue of any lab queue on this target.`);
  // Without DestinationArn, SQS returns each message to the queue it failed in.
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html
  const r = await clientFor(SQSClient, target).send(
    new StartMessageMoveTaskCommand({ SourceArn: source.dlq.arn, ...(speed === "1" ? { MaxNumberOfMessagesPerSecond: 1 } : {}) }),
  );
  return { taskHandle: r.TaskHandle, source: source.name };
}

export async function cancelRedrive(target: Target, taskHandle: string): Promise<number> {
  const r = await clientFor(SQSClient, target).send(new CancelMessageMoveTaskCommand({ TaskHandle: taskHandle }));
  return r.ApproximateNumberOfMessagesMoved ?? 0;
}

export async function purgeQueue(target: Target, queue: string): Promise<void> {
  await clientFor(SQSClient, target).send(new PurgeQueueCommand({ QueueUrl: await queueUrl(target, queue) }));
}

/** The account a confirmation must name: known for the emulator, asked of STS otherwise. */
export async function accountIdOf(target: Target): Promise<string | undefined> {
  const known = knownAccountId(target);
  if (known) return known;
  const r = await clientFor(STSClient, target, { fast: true }).send(new GetCallerIdentityCommand({}));
  return r.Account;
}
