import type { ListTargetsByRuleRequest, ListTargetsByRuleResponse } from "@aws-sdk/client-eventbridge";
import type { RequestContext } from "../../../core/service.ts";
import type { EventsBackend } from "../backend.ts";
import { validation } from "../errors.ts";
import { EventsStore, paginate } from "../store.ts";
import { validateName } from "./validate.ts";

export function listTargetsByRule(input: ListTargetsByRuleRequest, ctx: RequestContext, be: EventsBackend) {
  validateName(input.Rule, "rule");
  if (input.Limit !== undefined && (input.Limit < 1 || input.Limit > 100)) throw validation("Limit must be between 1 and 100.");
  const rule = be.store.get(ctx, EventsStore.busName(input.EventBusName), input.Rule);
  const { page, next } = paginate(rule.targets, input.Limit, input.NextToken);
  return { Targets: page, NextToken: next } satisfies ListTargetsByRuleResponse;
}
