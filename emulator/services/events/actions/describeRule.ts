import type { DescribeRuleRequest, DescribeRuleResponse } from "@aws-sdk/client-eventbridge";
import type { RequestContext } from "../../../core/service.ts";
import type { EventsBackend } from "../backend.ts";
import { EventsStore, type RuleRecord } from "../store.ts";
import { validateName } from "./validate.ts";

export function describeRule(input: DescribeRuleRequest, ctx: RequestContext, be: EventsBackend) {
  validateName(input.Name, "name");
  const rule = be.store.get(ctx, EventsStore.busName(input.EventBusName), input.Name);
  return { ...ruleView(rule), CreatedBy: rule.accountId } satisfies DescribeRuleResponse;
}

export function ruleView(rule: RuleRecord) {
  return {
    Name: rule.Name,
    Arn: rule.Arn,
    EventPattern: rule.EventPattern,
    ScheduleExpression: rule.ScheduleExpression,
    State: rule.State,
    Description: rule.Description,
    RoleArn: rule.RoleArn,
    EventBusName: rule.EventBusName,
  };
}
