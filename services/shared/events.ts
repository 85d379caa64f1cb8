// Publishing the lab's events to SNS with the attributes its subscriptions filter on
// (`eventType`, and for stock_low a Number `quantity`) and the trace header.
// https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html
import { type MessageAttributeValue, PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import type { EventType } from "../../lib/lab/contract.ts";
import { errorFields, type Logger } from "./log.ts";
import { type Segment, traceAttribute } from "./tracing.ts";

export interface LabEvent {
  eventType: EventType;
  [key: string]: unknown;
}

export type EventAttributes = Record<string, string | number>;

/** SNS message attributes: strings as String, numbers as Number (numeric filters need it), plus eventType. */
export function messageAttributes(eventType: string, extra: EventAttributes = {}, traceHeader?: string): Record<string, MessageAttributeValue> {
  const attrs: Record<string, MessageAttributeValue> = { eventType: { DataType: "String", StringValue: eventType } };
  for (const [k, v] of Object.entries(extra)) {
    attrs[k] = typeof v === "number" ? { DataType: "Number", StringValue: String(v) } : { DataType: "String", StringValue: v };
  }
  return traceHeader ? { ...attrs, ...traceAttribute(traceHeader) } : attrs;
}

export interface PublishResult {
  published: boolean;
  messageId?: string;
  error?: string;
}

/** Publishes and never throws: a service keeps answering when SNS is unreachable, and logs it. */
export async function publishEvent(options: {
  sns: SNSClient;
  topicArn: string | undefined;
  event: LabEvent;
  attributes?: EventAttributes;
  segment?: Segment;
  log: Logger;
}): Promise<PublishResult> {
  const { sns, topicArn, event, log } = options;
  if (!topicArn) {
    log.warnEvery(`no-topic-${event.eventType}`, 60_000, "no topic configured; event not published", { event_type: event.eventType });
    return { published: false, error: "no topic configured" };
  }
  const sub = options.segment?.subsegment("SNS", "aws", { aws: { operation: "Publish", topic_arn: topicArn } });
  try {
    const out = await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Message: JSON.stringify(event),
        MessageAttributes: messageAttributes(event.eventType, options.attributes, sub?.header()),
      }),
    );
    sub?.end({ status: 200 });
    log.info("event published", { event_type: event.eventType, message_id: out.MessageId, topic_arn: topicArn, trace_id: options.segment?.traceId });
    return { published: true, messageId: out.MessageId };
  } catch (e) {
    sub?.end({ error: true });
    log.warnEvery(`publish-${topicArn}`, 30_000, "publish failed; event dropped", { ...errorFields(e), event_type: event.eventType, topic_arn: topicArn });
    return { published: false, error: (e as Error).message };
  }
}

/** A poison message (`"poison": true` in the body) always fails processing. */
export const isPoison = (body: unknown): boolean => typeof body === "object" && body !== null && (body as { poison?: unknown }).poison === true;

export class PoisonMessageError extends Error {
  name = "PoisonMessageError";
  constructor() {
    super('poison message ("poison": true): processing always fails');
  }
}
