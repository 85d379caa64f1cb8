import type { PutTargetsRequest, PutTargetsResponse, PutTargetsResultEntry } from "@aws-sdk/client-eventbridge";
import type { RequestContext } from "../../../core/service.ts";
import type { EventsBackend } from "../backend.ts";
import { parseTargetArn } from "../delivery.ts";
import { limitExceeded, validation } from "../errors.ts";
import { EventsStore } from "../store.ts";
import { validateName } from "./validate.ts";

/** AWS's quota: five targets per rule. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html */
const MAX_TARGETS = 5;

export function putTargets(input: PutTargetsRequest, ctx: RequestContext, be: EventsBackend) {
  validateName(input.Rule, "rule");
  const targets = input.Targets ?? [];
  if (targets.length < 1 || targets.length > 10) {
    throw validation("1 validation error detected: Value at 'targets' failed to satisfy constraint: Member must have length between 1 and 10");
  }
  for (const t of targets) {
    validateName(t.Id, "targets.member.id");
    if (!t.Arn || !/^arn:[\w-]+:[\w-]+:[\w-]*:\d*:.+/.test(t.Arn)) throw validation(`Parameter ${t.Arn} is not valid. Reason: Provided Arn is not in correct format.`);
    if ([t.Input, t.InputPath, t.InputTransformer].filter((x) => x !== undefined).length > 1) {
      throw validation(`Only one of Input, InputPath, or InputTransformer must be provided for target ${t.Id}.`);
    }
    if (t.Input !== undefined && !isJson(t.Input)) throw validation(`Input for target ${t.Id} is not valid JSON.`);
    if (t.InputPath !== undefined && !t.InputPath.startsWith("$")) throw validation(`InputPath for target ${t.Id} is not a valid JSON path.`);
    if (t.Arn.includes(":sqs:") && t.Arn.endsWith(".fifo") && !t.SqsParameters?.MessageGroupId) {
      throw validation(`Parameter(s) SqsParameters must be specified for target: ${t.Id}.`);
    }
  }
  const rule = be.store.get(ctx, EventsStore.busName(input.EventBusName), input.Rule);
  const failed: PutTargetsResultEntry[] = [];
  const byId = new Map(rule.targets.map((t) => [t.Id, t]));
  for (const t of targets) {
    if (!parseTargetArn(t.Arn!)) {
      // A real AWS target type this emulator cannot deliver to (Step Functions, Kinesis, ...).
      failed.push({ TargetId: t.Id, ErrorCode: "ValidationException", ErrorMessage: `Target ${t.Arn} is not a Lambda function, SNS topic or SQS queue; the emulator delivers only to those.` });
      continue;
    }
    if (!byId.has(t.Id) && byId.size >= MAX_TARGETS) {
      throw limitExceeded(`The requested resource exceeds the maximum number allowed (${MAX_TARGETS} targets per rule).`);
    }
    byId.set(t.Id, t);
  }
  rule.targets = [...byId.values()];
  be.store.save(rule);
  return { FailedEntryCount: failed.length, FailedEntries: failed } satisfies PutTargetsResponse;
}

function isJson(s: string) {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}
