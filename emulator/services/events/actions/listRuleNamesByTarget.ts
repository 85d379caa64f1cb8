import type { ListRuleNamesByTargetRequest, ListRuleNamesByTargetResponse } from "@aws-sdk/client-eventbridge";
import type { RequestContext } from "../../../core/service.ts";
import type { EventsBackend } from "../backend.ts";
import { validation } from "../errors.ts";
import { EventsStore, paginate } from "../store.ts";

export function listRuleNamesByTarget(input: ListRuleNamesByTargetRequest, ctx: RequestContext, be: EventsBackend) {
  if (!input.TargetArn) throw validation("1 validation error detected: Value null at 'targetArn' failed to satisfy constraint: Member must not be null");
  const names = be.store
    .list(ctx, EventsStore.busName(input.EventBusName))
    .filter((r) => r.targets.some((t) => t.Arn === input.TargetArn))
    .map((r) => r.Name);
  const { page, next } = paginate(names, input.Limit, input.NextToken);
  return { RuleNames: page, NextToken: next } satisfies ListRuleNamesByTargetResponse;
}
