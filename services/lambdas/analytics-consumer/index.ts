// analytics-consumer: the SQS event source on `analytics` delivers batches of SNS envelopes
// (no raw delivery here, so the event's attributes are in the envelope's MessageAttributes as
// {Type, Value}). It counts events per eventType into CloudWatch (EventsProcessed, dimension
// EventType) and reports poison messages as batch item failures, so only they return to the
// queue and, after three receives, land in analytics-dlq.
// https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting
import { eventTypeOf } from "../../shared/consumer.ts";
import { isPoison } from "../../shared/events.ts";
import { errorFields } from "../../shared/log.ts";
import { cloudWatchSender, eventsProcessedDatums, type MetricDatum } from "../../shared/metrics.ts";
import { lambdaLogger } from "../lambda-log.ts";

const log = lambdaLogger("analytics-consumer");

/** The parts of Lambda's SQS event this function reads. */
export interface SqsRecord {
  messageId: string;
  body: string;
  messageAttributes?: Record<string, { stringValue?: string; dataType?: string }>;
  attributes?: Record<string, string>;
}
export interface SqsEvent {
  Records: SqsRecord[];
}

export interface ParsedEvent {
  eventType: string;
  message: unknown;
  topicArn?: string;
  traceHeader?: string;
}

const parse = (text: unknown) => {
  if (typeof text !== "string") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Unwraps the SNS envelope when there is one; a raw message is taken as it is. */
export function parseRecord(record: SqsRecord): ParsedEvent {
  const outer = parse(record.body);
  if (outer && outer.Type === "Notification" && typeof outer.Message === "string") {
    const attrs = (outer.MessageAttributes ?? {}) as Record<string, { Type?: string; Value?: string }>;
    const message = parse(outer.Message) ?? outer.Message;
    const fromAttrs = attrs.eventType?.Value;
    return {
      eventType: fromAttrs ?? eventTypeOf(undefined, message) ?? "unknown",
      message,
      topicArn: outer.TopicArn,
      traceHeader: attrs["X-Amzn-Trace-Id"]?.Value,
    };
  }
  const attrs = record.messageAttributes ?? {};
  return {
    eventType: attrs.eventType?.stringValue ?? eventTypeOf(undefined, outer) ?? "unknown",
    message: outer ?? record.body,
    traceHeader: attrs["X-Amzn-Trace-Id"]?.stringValue ?? record.attributes?.AWSTraceHeader,
  };
}

let send: (data: MetricDatum[]) => Promise<void> = (data) => {
  send = cloudWatchSender();
  return send(data);
};

/** For tests: where the metrics go. */
export function configure(d: { send: (data: MetricDatum[]) => Promise<void> }) {
  send = d.send;
}

export async function handler(event: SqsEvent) {
  const counts: Record<string, number> = {};
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records ?? []) {
    const parsed = parseRecord(record);
    if (isPoison(parsed.message)) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
      log.warn("poison message; returned to the queue", {
        message_id: record.messageId,
        event_type: parsed.eventType,
        receive_count: Number(record.attributes?.ApproximateReceiveCount ?? 1),
      });
      continue;
    }
    counts[parsed.eventType] = (counts[parsed.eventType] ?? 0) + 1;
  }
  if (Object.keys(counts).length) {
    try {
      await send(eventsProcessedDatums(counts, new Date()));
    } catch (e) {
      // Counting is best effort: the events were processed, so they are not retried for it.
      log.warn("PutMetricData failed", errorFields(e));
    }
  }
  log.info("batch processed", { records: event.Records?.length ?? 0, counts, failed: batchItemFailures.length });
  return { batchItemFailures };
}
