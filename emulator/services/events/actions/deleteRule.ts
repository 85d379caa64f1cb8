import type { DeleteRuleRequest } from "@aws-sdk/client-eventbridge";
import type { RequestContext } from "../../../core/service.ts";
import type { EventsBackend } from "../backend.ts";
import { validation } from "../errors.ts";
import { EventsStore } from "../store.ts";
import { validateName } from "./validate.ts";

// Deleting a missing rule succeeds; a rule with targets must lose them first.
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DeleteRule.html
export function deleteRule(input: DeleteRuleRequest, ctx: RequestContext, be: EventsBackend) {
  validateName(input.Name, "name");
  const rule = be.store.find(ctx, EventsStore.busName(input.EventBusName), input.Name);
  if (!rule) return {};
  if (rule.targets.length > 0) throw validation("Rule can't be deleted since it has targets.");
  be.scheduler.disarm(rule.Arn);
  be.store.delete(rule);
  return {};
}
