// Delivers an event to a rule's targets through the other services' operations.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html
import type { Target } from "@aws-sdk/client-eventbridge";
import type { EmulatorApi } from "../../core/service.ts";
import type { DeliveryResult, RuleRecord } from "./store.ts";

export type EventEnvelope = {
  version: "0";
  id: string;
  "detail-type": string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
};

/** The services an ARN may name; anything else is refused at PutTargets. */
export type TargetKind = "lambda" | "sns" | "sqs";

export function parseTargetArn(arn: string): { kind: TargetKind; region: string; accountId: string; resource: string } | undefined {
  const m = /^arn:aws[\w-]*:(lambda|sns|sqs):([a-z0-9-]+):(\d{12}):(.+)$/.exec(arn);
  if (!m) return undefined;
  const [, kind, region, accountId, resource] = m;
  if (kind === "lambda" && !/^function:[\w-]+(:[\w$-]+)?$/.test(resource)) return undefined;
  return { kind: kind as TargetKind, region, accountId, resource };
}

/** AWS's timestamp form in events: second precision, Z suffix. */
export const eventTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** Input, InputPath, InputTransformer or the whole event, as the target receives it. */
export function targetPayload(target: Target, event: EventEnvelope, rule: RuleRecord): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) return JSON.stringify(jsonPath(event, target.InputPath) ?? null);
  const t = target.InputTransformer;
  if (t?.InputTemplate !== undefined) {
    const values: Record<string, unknown> = {
      "aws.events.rule-arn": rule.Arn,
      "aws.events.rule-name": rule.Name,
      "aws.events.event": event,
      "aws.events.event.json": event,
      "aws.events.event.ingestion-time": event.time,
    };
    for (const [name, path] of Object.entries(t.InputPathsMap ?? {})) values[name] = jsonPath(event, path);
    // A placeholder takes the raw text of a string value and the JSON of anything else.
    // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
    return t.InputTemplate.replace(/<([\w.-]+)>/g, (whole, name: string) => {
      if (!(name in values)) return whole;
      const v = values[name];
      return typeof v === "string" ? v : v === undefined ? "null" : JSON.stringify(v);
    });
  }
  return JSON.stringify(event);
}

/** The subset of JSONPath AWS documents for InputPath: `$`, `.name`, `['name']`, `[index]`. */
export function jsonPath(root: unknown, path: string): unknown {
  if (!path.startsWith("$")) return undefined;
  const steps = [...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]|\['([^']+)'\]|\["([^"]+)"\]/g)];
  let cur: any = root;
  for (const s of steps) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = cur[s[1] ?? (s[2] !== undefined ? Number(s[2]) : (s[3] ?? s[4]))];
  }
  return cur;
}

export async function deliver(api: EmulatorApi, rule: RuleRecord, target: Target, event: EventEnvelope): Promise<DeliveryResult> {
  const result: DeliveryResult = { TargetId: target.Id ?? "", Arn: target.Arn ?? "", ok: false };
  const arn = parseTargetArn(result.Arn);
  try {
    if (!arn) throw new Error(`unsupported target ${result.Arn}`);
    const payload = targetPayload(target, event, rule);
    const opts = { accountId: arn.accountId, region: arn.region };
    if (arn.kind === "lambda") {
      const [, name, qualifier] = arn.resource.split(":");
      await api.call("lambda", "Invoke", { FunctionName: name, Qualifier: qualifier, InvocationType: "Event", Payload: new TextEncoder().encode(payload) }, opts);
    } else if (arn.kind === "sns") {
      await api.call("sns", "Publish", { TopicArn: result.Arn, Message: payload }, opts);
    } else {
      const { QueueUrl } = await api.call("sqs", "GetQueueUrl", { QueueName: arn.resource }, opts);
      const fifo = arn.resource.endsWith(".fifo");
      await api.call(
        "sqs",
        "SendMessage",
        {
          QueueUrl,
          MessageBody: payload,
          ...(fifo ? { MessageGroupId: target.SqsParameters?.MessageGroupId, MessageDeduplicationId: event.id } : {}),
        },
        opts,
      );
    }
    result.ok = true;
  } catch (e) {
    result.error = `${(e as Error).name}: ${(e as Error).message}`;
  }
  return result;
}
