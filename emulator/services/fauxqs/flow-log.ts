// The message-flow log: every SNS publish with, per subscription, the filter decision (from the
// shared evaluator, with per-key reasons) and what fauxqs actually delivered, plus later
// consumption (deleted / moved to a DLQ) when it is cheap to know.
//
// It is fauxqs's message spy: the stores call addMessage() synchronously. A publish emits its
// "sns published" event and then fans out synchronously, so every "sqs published" event until the
// next microtask belongs to that publish. On the hot path this only records references in a ring
// buffer; filter evaluation happens when /_lab/flow is read.
import { evaluateFilterPolicy, type FilterKeyResult, type FilterPolicyScope } from "../../../lib/messaging/filter-policy.ts";
import type { SnsStore, SnsSubscription, SqsStore } from "./dist.ts";

interface SpyEvent {
  service: "sqs" | "sns" | "s3";
  status: string;
  messageId?: string;
  queueName?: string;
  topicArn?: string;
  topicName?: string;
  body?: string;
  messageAttributes?: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;
  timestamp: number;
}

interface SubscriptionSnapshot {
  arn: string;
  protocol: string;
  endpoint: string;
  confirmed: boolean;
  filterPolicy?: string;
  scope: FilterPolicyScope;
  raw: boolean;
}

interface Delivery {
  queueName: string;
  sqsMessageId: string;
  at: number;
  deletedAt?: number;
  dlqAt?: number;
}

interface FlowEntry {
  seq: number;
  messageId: string;
  topicArn: string;
  topicName: string;
  at: number;
  messageAttributes: SpyEvent["messageAttributes"];
  body: string;
  subscriptions: SubscriptionSnapshot[];
  deliveries: Delivery[];
  /** Bodies above BODY_KEEP are evaluated at publish time and only a preview is kept. */
  eager?: Map<string, ReturnType<typeof evaluateFilterPolicy>>;
  bodyTruncated?: boolean;
}

const BODY_KEEP = 32 * 1024;

export interface FlowQuery {
  limit?: number;
  topic?: string;
}

/** Cumulative per-queue counts behind AWS/SQS NumberOfMessagesSent/Received/Deleted. */
export interface QueueCounts {
  sent: number;
  received: number;
  deleted: number;
}

export class FlowLog {
  /** Since the emulator started (or was reset), per queue name. */
  readonly counts = new Map<string, QueueCounts>();
  /** The message fauxqs is moving to a DLQ: its enqueue there is not a send (as in AWS). */
  private movingToDlq: string | undefined;
  private ring: (FlowEntry | undefined)[];
  private next = 0;
  private seq = 0;
  private current: FlowEntry | undefined;
  private bySqsId = new Map<string, Delivery>();
  private snapshots = new Map<string, { arns: string[]; subs: SubscriptionSnapshot[] }>();
  private sns: SnsStore;
  private sqs: SqsStore;
  /** Called when fauxqs moves a message to a DLQ (redrive remembers the source queue). */
  onDeadLetter?: (sourceQueueName: string, messageId: string) => void;

  constructor(stores: { sns: SnsStore; sqs: SqsStore }, capacity = 1000) {
    this.ring = new Array(capacity);
    this.sns = stores.sns;
    this.sqs = stores.sqs;
  }

  /** MessageSpy.addMessage: called synchronously by the fauxqs stores. */
  addMessage(ev: SpyEvent): void {
    if (ev.service === "sns") {
      this.published(ev);
      return;
    }
    if (ev.service !== "sqs" || !ev.messageId) return;
    if (ev.status === "published") {
      if (this.movingToDlq === ev.messageId) this.movingToDlq = undefined;
      else this.count(ev.queueName, "sent", 1);
      const entry = this.current;
      if (!entry) return;
      const d: Delivery = { queueName: ev.queueName ?? "", sqsMessageId: ev.messageId, at: ev.timestamp };
      entry.deliveries.push(d);
      this.bySqsId.set(ev.messageId, d);
    } else if (ev.status === "consumed") {
      this.count(ev.queueName, "deleted", 1);
      const d = this.bySqsId.get(ev.messageId);
      if (d) d.deletedAt = ev.timestamp;
    } else if (ev.status === "dlq") {
      this.movingToDlq = ev.messageId;
      const d = this.bySqsId.get(ev.messageId);
      if (d) d.dlqAt = ev.timestamp;
      this.onDeadLetter?.(ev.queueName ?? "", ev.messageId);
    }
  }

  /** Called by the dequeue hook (see countReceives) with the number of messages a receive returned. */
  received(queueName: string, n: number): void {
    if (n > 0) this.count(queueName, "received", n);
  }

  private count(queueName: string | undefined, key: keyof QueueCounts, n: number) {
    if (!queueName) return;
    const c = this.counts.get(queueName) ?? { sent: 0, received: 0, deleted: 0 };
    c[key] += n;
    this.counts.set(queueName, c);
  }

  private published(ev: SpyEvent): void {
    const subscriptions = this.snapshot(ev.topicArn ?? "");
    const body = ev.body ?? "";
    const entry: FlowEntry = {
      seq: ++this.seq,
      messageId: ev.messageId ?? "",
      topicArn: ev.topicArn ?? "",
      topicName: ev.topicName ?? "",
      at: ev.timestamp,
      messageAttributes: ev.messageAttributes,
      body,
      subscriptions,
      deliveries: [],
    };
    if (body.length > BODY_KEEP) {
      entry.eager = new Map(subscriptions.map((s) => [s.arn, this.evaluate(entry, s)]));
      entry.body = body.slice(0, BODY_KEEP);
      entry.bodyTruncated = true;
    }
    const old = this.ring[this.next];
    if (old) for (const d of old.deliveries) this.bySqsId.delete(d.sqsMessageId);
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.ring.length;
    this.current = entry;
    queueMicrotask(() => {
      if (this.current === entry) this.current = undefined;
    });
  }

  /** The topic's subscriptions as they are now; reused across publishes while nothing changed. */
  private snapshot(topicArn: string): SubscriptionSnapshot[] {
    const arns = this.sns.getTopic(topicArn)?.subscriptionArns ?? [];
    const cached = this.snapshots.get(topicArn);
    if (cached && cached.arns === arns && cached.subs.length === arns.length && cached.subs.every((s, i) => s.arn === arns[i] && unchanged(s, this.sns.getSubscription(s.arn)))) {
      return cached.subs;
    }
    const subs: SubscriptionSnapshot[] = [];
    for (const arn of arns) {
      const s = this.sns.getSubscription(arn);
      if (!s) continue;
      subs.push({
        arn,
        protocol: s.protocol,
        endpoint: s.endpoint,
        confirmed: s.confirmed,
        filterPolicy: s.attributes.FilterPolicy || undefined,
        scope: s.attributes.FilterPolicyScope === "MessageBody" ? "MessageBody" : "MessageAttributes",
        raw: s.attributes.RawMessageDelivery === "true",
      });
    }
    this.snapshots.set(topicArn, { arns, subs });
    return subs;
  }

  private evaluate(entry: FlowEntry, s: SubscriptionSnapshot) {
    const cached = entry.eager?.get(s.arn);
    if (cached) return cached;
    const input = s.scope === "MessageBody" ? { body: entry.body } : { messageAttributes: entry.messageAttributes ?? {} };
    return evaluateFilterPolicy(s.filterPolicy, input, s.scope);
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.bySqsId.clear();
    this.snapshots.clear();
    this.counts.clear();
    this.current = undefined;
  }

  /** Newest first. */
  list(q: FlowQuery = {}) {
    const limit = Math.max(1, Math.min(q.limit ?? 100, this.ring.length));
    const out: FlowEntry[] = [];
    for (let i = 1; i <= this.ring.length && out.length < limit; i++) {
      const e = this.ring[(this.next - i + this.ring.length) % this.ring.length];
      if (!e) break;
      if (q.topic && e.topicArn !== q.topic && e.topicName !== q.topic) continue;
      out.push(e);
    }
    const queueIndex = new Map<string, Map<string, { state: string; receiveCount: number }>>();
    const inQueue = (queueName: string, id: string) => {
      let idx = queueIndex.get(queueName);
      if (!idx) {
        idx = new Map();
        const m = this.sqs.getQueueByName(queueName)?.inspectMessages();
        for (const msg of m?.ready ?? []) idx.set(msg.messageId, { state: "ready", receiveCount: msg.approximateReceiveCount });
        for (const msg of m?.delayed ?? []) idx.set(msg.messageId, { state: "delayed", receiveCount: msg.approximateReceiveCount });
        for (const f of m?.inflight ?? []) idx.set(f.message.messageId, { state: "in-flight", receiveCount: f.message.approximateReceiveCount });
        queueIndex.set(queueName, idx);
      }
      return idx.get(id);
    };
    return {
      capacity: this.ring.length,
      entries: out.map((e) => ({
        seq: e.seq,
        messageId: e.messageId,
        topicArn: e.topicArn,
        time: new Date(e.at).toISOString(),
        messageAttributes: e.messageAttributes ?? {},
        body: e.body,
        ...(e.bodyTruncated ? { bodyTruncated: true } : {}),
        subscriptions: e.subscriptions.map((s) => {
          const r = this.evaluate(e, s);
          const queueName = s.protocol === "sqs" ? s.endpoint.split(":").pop() : undefined;
          const d = queueName ? e.deliveries.find((x) => x.queueName === queueName) : undefined;
          const consumption = d
            ? d.dlqAt
              ? { state: "moved-to-dlq", at: new Date(d.dlqAt).toISOString() }
              : d.deletedAt
                ? { state: "deleted", at: new Date(d.deletedAt).toISOString() }
                : (inQueue(d.queueName, d.sqsMessageId) ?? { state: "gone" })
            : undefined;
          return {
            subscriptionArn: s.arn,
            protocol: s.protocol,
            endpoint: s.endpoint,
            ...(queueName ? { queueName } : {}),
            rawMessageDelivery: s.raw,
            filterPolicy: s.filterPolicy ? safeParse(s.filterPolicy) : null,
            filterPolicyScope: s.scope,
            matched: r.matched,
            ...(r.decidingKey ? { decidingKey: r.decidingKey } : {}),
            keys: r.keys as FilterKeyResult[],
            delivered: Boolean(d),
            ...(d ? { sqsMessageId: d.sqsMessageId, consumption } : {}),
            ...(note(s, r.matched, Boolean(d), this.sqs) ? { note: note(s, r.matched, Boolean(d), this.sqs) } : {}),
          };
        }),
      })),
    };
  }
}

function unchanged(snap: SubscriptionSnapshot, sub: SnsSubscription | undefined): boolean {
  if (!sub) return false;
  const a = sub.attributes;
  return (
    sub.confirmed === snap.confirmed &&
    (a.FilterPolicy || undefined) === snap.filterPolicy &&
    (a.FilterPolicyScope === "MessageBody") === (snap.scope === "MessageBody") &&
    (a.RawMessageDelivery === "true") === snap.raw
  );
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

function note(s: SubscriptionSnapshot, matched: boolean, delivered: boolean, sqs: SqsStore): string | undefined {
  if (s.protocol !== "sqs") return `${s.protocol} subscriptions are recorded but not delivered by the emulator`;
  if (!s.confirmed) return "subscription is not confirmed";
  if (matched && !delivered && !sqs.getQueueByArn(s.endpoint)) return "the subscribed queue does not exist";
  if (matched !== delivered) return "fauxqs's delivery differs from the AWS filter rules here (see emulator/README.md, SNS filter policies)";
  return undefined;
}
