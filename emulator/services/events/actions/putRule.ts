import type { PutRuleRequest, PutRuleResponse } from "@aws-sdk/client-eventbridge";
import { EventPatternError, parseEventPattern } from "../../../../lib/events/event-pattern.ts";
import type { RequestContext } from "../../../core/service.ts";
import { parseScheduleExpression, ScheduleExpressionError } from "../../../runtime/scheduler/schedule-expression.ts";
import type { EventsBackend } from "../backend.ts";
import { invalidPattern, validation } from "../errors.ts";
import { EventsStore, type RuleRecord } from "../store.ts";
import { validateName } from "./validate.ts";

const STATES = new Set(["ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"]);

// PutRule replaces the whole rule: omitted arguments are not kept, except its targets; tags
// apply only when the rule is created.
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html
export function putRule(input: PutRuleRequest, ctx: RequestContext, be: EventsBackend) {
  validateName(input.Name, "name");
  const bus = EventsStore.busName(input.EventBusName);
  if (!input.EventPattern && !input.ScheduleExpression) throw validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
  if (input.ScheduleExpression) {
    try {
      parseScheduleExpression(input.ScheduleExpression);
    } catch (e) {
      if (e instanceof ScheduleExpressionError) throw validation("Parameter ScheduleExpression is not valid.");
      throw e;
    }
  }
  if (input.EventPattern) {
    try {
      parseEventPattern(input.EventPattern);
    } catch (e) {
      if (e instanceof EventPatternError) throw invalidPattern(e.message);
      throw e;
    }
  }
  if (input.State && !STATES.has(input.State)) {
    throw validation(`1 validation error detected: Value '${input.State}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [${[...STATES].join(", ")}]`);
  }
  if (input.Description && input.Description.length > 512) throw validation("Description must be at most 512 characters.");

  const existing = be.store.find(ctx, bus, input.Name!);
  const rule: RuleRecord = {
    accountId: ctx.accountId,
    region: ctx.region,
    Name: input.Name!,
    Arn: EventsStore.ruleArn(ctx, bus, input.Name!),
    EventBusName: bus,
    Description: input.Description,
    EventPattern: input.EventPattern,
    ScheduleExpression: input.ScheduleExpression,
    State: (input.State as RuleRecord["State"]) ?? "ENABLED",
    RoleArn: input.RoleArn,
    targets: existing?.targets ?? [],
    armedAt: new Date().toISOString(),
    fireCount: existing?.fireCount ?? 0,
    lastFire: existing?.lastFire,
    lastDeliveries: existing?.lastDeliveries,
  };
  be.store.save(rule);
  if (!existing && input.Tags?.length) be.store.tags.set(rule.Arn, input.Tags);
  be.syncSchedule(rule);
  return { RuleArn: rule.Arn } satisfies PutRuleResponse;
}
