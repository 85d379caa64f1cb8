// A long-polling SQS consumer. A message that fails is released at once
// (ChangeMessageVisibility 0) so it is received again immediately; after maxReceiveCount (3)
// receives SQS moves it to the dead-letter queue. Successes are deleted with one
// DeleteMessageBatch per receive.
// A long poll returns as soon as one message is there, so under load every receive would carry
// one message and cost a receive and a delete per message. After a receive that was not full,
// the consumer waits `batchWindowMs` so the next one picks up what arrived meanwhile (the same
// idea as Lambda's MaximumBatchingWindowInSeconds); the first message after a quiet spell is
// still handled at once.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessageBatch.html
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { MAX_RECEIVE_COUNT } from "../../lib/lab/contract.ts";
import { errorFields, type Logger } from "./log.ts";
import { type Segment, type Tracer, traceFromMessage } from "./tracing.ts";

export interface ReceivedMessage {
  messageId: string;
  /** The raw body. */
  body: string;
  /** The body parsed as JSON, or undefined if it is not JSON. */
  json: unknown;
  /** `eventType` from the message attributes (raw delivery), or from the body. */
  eventType: string | undefined;
  attributes: Record<string, MessageAttributeValue>;
  receiveCount: number;
  segment: Segment;
}

export interface ConsumerStats {
  received: number;
  processed: number;
  failed: number;
  receiveErrors: number;
  lastError?: string;
  running: boolean;
}

export interface QueueConsumerOptions {
  sqs: SQSClient;
  queueUrl: string | undefined;
  /** Short name for logs and traces (`order-processing`). */
  queueName: string;
  handle: (message: ReceivedMessage) => Promise<void>;
  log: Logger;
  tracer: Tracer;
  waitTimeSeconds?: number;
  maxMessages?: number;
  /** Pause after a receive that returned fewer than maxMessages (default 100 ms). */
  batchWindowMs?: number;
}

export function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export function eventTypeOf(attributes: Record<string, MessageAttributeValue> | undefined, json: unknown): string | undefined {
  const attr = attributes?.eventType?.StringValue;
  if (attr) return attr;
  const fromBody = (json as { eventType?: unknown } | undefined)?.eventType;
  return typeof fromBody === "string" ? fromBody : undefined;
}

export class QueueConsumer {
  readonly stats: ConsumerStats = { received: 0, processed: 0, failed: 0, receiveErrors: 0, running: false };
  private abort = new AbortController();
  private loop: Promise<void> | undefined;
  private readonly o: Required<Omit<QueueConsumerOptions, "queueUrl">> & { queueUrl: string | undefined };

  constructor(options: QueueConsumerOptions) {
    this.o = { waitTimeSeconds: 20, maxMessages: 10, batchWindowMs: 100, ...options };
  }

  start(): this {
    if (!this.o.queueUrl) {
      this.o.log.warn("no queue configured; consumer not started", { queue: this.o.queueName });
      return this;
    }
    this.stats.running = true;
    this.loop = this.run(this.o.queueUrl);
    return this;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    this.stats.running = false;
  }

  private async run(queueUrl: string) {
    const { sqs, log } = this.o;
    let backoffMs = 1_000;
    while (!this.abort.signal.aborted) {
      let messages: Message[] = [];
      try {
        const out = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: this.o.maxMessages,
            WaitTimeSeconds: this.o.waitTimeSeconds,
            MessageAttributeNames: ["All"],
            MessageSystemAttributeNames: ["ApproximateReceiveCount", "AWSTraceHeader"],
          }),
          { abortSignal: this.abort.signal },
        );
        messages = out.Messages ?? [];
        backoffMs = 1_000;
      } catch (e) {
        if (this.abort.signal.aborted) break;
        this.stats.receiveErrors++;
        this.stats.lastError = (e as Error).message;
        log.warnEvery(`receive-${queueUrl}`, 30_000, "ReceiveMessage failed; retrying", { ...errorFields(e), queue: this.o.queueName, retry_in_ms: backoffMs });
        await new Promise((r) => setTimeout(r, backoffMs).unref());
        backoffMs = Math.min(backoffMs * 2, 15_000);
        continue;
      }
      const done: Message[] = [];
      for (const m of messages) if (await this.process(queueUrl, m)) done.push(m);
      await this.delete(queueUrl, done);
      if (messages.length && messages.length < this.o.maxMessages && this.o.batchWindowMs > 0) {
        await this.pause(this.o.batchWindowMs);
      }
    }
  }

  private pause(ms: number): Promise<void> {
    const signal = this.abort.signal;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
    });
  }

  /** Deletes the processed messages; an entry that fails to delete comes back after its visibility timeout. */
  private async delete(queueUrl: string, done: Message[]) {
    if (!done.length) return;
    const fields = { queue: this.o.queueName };
    try {
      const out = await this.o.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }));
      if (out.Failed?.length) this.o.log.warnEvery("delete", 30_000, "DeleteMessageBatch left messages undeleted", { ...fields, failed: out.Failed.length, code: out.Failed[0].Code });
    } catch (e) {
      this.o.log.warnEvery("delete", 30_000, "DeleteMessageBatch failed", { ...fields, ...errorFields(e) });
    }
  }

  /** Handles one message; true when it succeeded (and is to be deleted). */
  private async process(queueUrl: string, m: Message): Promise<boolean> {
    const { sqs, log, tracer } = this.o;
    this.stats.received++;
    const attributes = m.MessageAttributes ?? {};
    const json = parseBody(m.Body ?? "");
    const receiveCount = Number(m.Attributes?.ApproximateReceiveCount ?? 1);
    const segment = tracer.startSegment(traceFromMessage(attributes, m.Attributes));
    segment.doc.aws = { operation: "ReceiveMessage", queue_url: queueUrl };
    const message: ReceivedMessage = {
      messageId: m.MessageId ?? "",
      body: m.Body ?? "",
      json,
      eventType: eventTypeOf(attributes, json),
      attributes,
      receiveCount,
      segment,
    };
    const fields = { queue: this.o.queueName, message_id: m.MessageId, event_type: message.eventType, receive_count: receiveCount, trace_id: segment.traceId };
    try {
      await this.o.handle(message);
      this.stats.processed++;
      segment.end({ status: 200 });
      log.info("message processed", fields);
      return true;
    } catch (e) {
      this.stats.failed++;
      segment.end({ error: e });
      const toDlq = receiveCount >= MAX_RECEIVE_COUNT;
      log.warn(toDlq ? "message failed; it goes to the DLQ on its next receive" : "message failed; released for another try", {
        ...fields,
        ...errorFields(e),
      });
      // Visibility 0: receivable again at once, so retries (and the DLQ) take seconds, not minutes.
      await sqs
        .send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 }))
        .catch((err) => log.warnEvery("release", 30_000, "ChangeMessageVisibility failed", errorFields(err)));
      return false;
    }
  }
}
