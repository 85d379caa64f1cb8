// The SQS side of an event source mapping: long-poll the queue, invoke the function with a
// batch, delete what succeeded. A failed batch is left alone: its messages come back after
// the queue's visibility timeout and reach the DLQ through the queue's redrive policy.
// https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
import type { Message, ReceiveMessageResult } from "@aws-sdk/client-sqs";
import type { EmulatorApi } from "../../core/service.ts";

export interface SqsMapping {
  accountId: string;
  region: string;
  EventSourceArn: string;
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  FunctionResponseTypes?: string[];
  State?: string;
}

export interface SqsPollerDeps {
  api: EmulatorApi;
  /** The mapping as stored now; undefined once deleted. */
  mapping(): SqsMapping | undefined;
  functionExists(): boolean;
  invoke(event: SqsEvent): Promise<{ payload: string; functionError?: string }>;
  /** LastProcessingResult, reported when it changes. */
  report(result: string): void;
}

export interface SqsEvent {
  Records: Record<string, unknown>[];
}

/** Long-poll wait per ReceiveMessage: low latency, and stop() is never kept waiting long. */
const WAIT_SECONDS = 1;

export class SqsPoller {
  private stopped = false;
  private wake: (() => void) | undefined;
  private lastResult = "";
  private readonly deps: SqsPollerDeps;
  private readonly loop: Promise<void>;

  constructor(deps: SqsPollerDeps) {
    this.deps = deps;
    this.loop = this.run();
  }

  get running() {
    return !this.stopped;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await Promise.race([this.loop, new Promise((r) => setTimeout(r, (WAIT_SECONDS + 0.5) * 1000).unref())]);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  private report(result: string) {
    if (result === this.lastResult) return;
    this.lastResult = result;
    this.deps.report(result);
  }

  private async run(): Promise<void> {
    let queueUrl: string | undefined;
    while (!this.stopped) {
      const m = this.deps.mapping();
      if (m?.State !== "Enabled") return;
      if (!this.deps.functionExists()) {
        this.report("PROBLEM: Function does not exist");
        await this.sleep(1000);
        continue;
      }
      const sqs = <O>(op: string, input: unknown) => this.deps.api.call<O>("sqs", op, input, { accountId: m.accountId, region: m.region });
      try {
        if (!queueUrl) {
          const [, , , , account, name] = m.EventSourceArn.split(":");
          queueUrl = (await sqs<{ QueueUrl: string }>("GetQueueUrl", { QueueName: name, QueueOwnerAWSAccountId: account })).QueueUrl;
        }
        const messages = await this.receive(m, queueUrl, sqs);
        if (messages.length === 0) continue;
        const outcome = await this.deps.invoke({ Records: messages.map((msg) => toRecord(msg, m)) });
        const failed = failedIds(outcome, m, messages);
        const done = messages.filter((msg) => !failed.has(msg.MessageId!));
        for (let i = 0; i < done.length; i += 10) {
          const Entries = done.slice(i, i + 10).map((msg, j) => ({ Id: String(j), ReceiptHandle: msg.ReceiptHandle }));
          await sqs("DeleteMessageBatch", { QueueUrl: queueUrl, Entries });
        }
        this.report(failed.size ? "PROBLEM: Function call failed" : "OK");
      } catch (e) {
        if (this.stopped) return;
        queueUrl = undefined;
        this.report(`PROBLEM: ${(e as Error).message}`);
        await this.sleep(2000);
      }
    }
  }

  private async receive(m: SqsMapping, QueueUrl: string, sqs: <O>(op: string, input: unknown) => Promise<O>): Promise<Message[]> {
    const batchSize = m.BatchSize ?? 10;
    const deadline = Date.now() + (m.MaximumBatchingWindowInSeconds ?? 0) * 1000;
    const out: Message[] = [];
    do {
      const res = await sqs<ReceiveMessageResult>("ReceiveMessage", {
        QueueUrl,
        MaxNumberOfMessages: Math.min(10, batchSize - out.length),
        WaitTimeSeconds: out.length ? Math.max(0, Math.min(WAIT_SECONDS, Math.ceil((deadline - Date.now()) / 1000))) : WAIT_SECONDS,
        AttributeNames: ["All"],
        MessageSystemAttributeNames: ["All"],
        MessageAttributeNames: ["All"],
      });
      out.push(...(res.Messages ?? []));
      if (!res.Messages?.length && out.length) break;
    } while (!this.stopped && out.length > 0 && out.length < batchSize && Date.now() < deadline);
    return out;
  }
}

/** The record shape Lambda gives SQS-triggered functions. */
function toRecord(msg: Message, m: SqsMapping): Record<string, unknown> {
  const messageAttributes: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(msg.MessageAttributes ?? {})) {
    messageAttributes[name] = {
      stringValue: a.StringValue,
      binaryValue: a.BinaryValue ? Buffer.from(a.BinaryValue).toString("base64") : undefined,
      stringListValues: a.StringListValues ?? [],
      binaryListValues: (a.BinaryListValues ?? []).map((b) => Buffer.from(b).toString("base64")),
      dataType: a.DataType,
    };
  }
  return {
    messageId: msg.MessageId,
    receiptHandle: msg.ReceiptHandle,
    body: msg.Body,
    attributes: msg.Attributes ?? {},
    messageAttributes,
    md5OfMessageAttributes: msg.MD5OfMessageAttributes,
    md5OfBody: msg.MD5OfBody,
    eventSource: "aws:sqs",
    eventSourceARN: m.EventSourceArn,
    awsRegion: m.region,
  };
}

/**
 * Message ids to leave on the queue. With ReportBatchItemFailures only the listed ones fail;
 * a malformed response fails the whole batch.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting
 */
function failedIds(outcome: { payload: string; functionError?: string }, m: SqsMapping, messages: Message[]): Set<string> {
  const all = new Set(messages.map((msg) => msg.MessageId!));
  if (outcome.functionError) return all;
  if (!m.FunctionResponseTypes?.includes("ReportBatchItemFailures")) return new Set();
  let response: unknown;
  try {
    response = JSON.parse(outcome.payload);
  } catch {
    return all;
  }
  const failures = (response as { batchItemFailures?: unknown } | null)?.batchItemFailures;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return all;
  const ids = new Set<string>();
  for (const f of failures) {
    const id = (f as { itemIdentifier?: unknown })?.itemIdentifier;
    if (typeof id !== "string" || !all.has(id)) return all;
    ids.add(id);
  }
  return ids;
}
