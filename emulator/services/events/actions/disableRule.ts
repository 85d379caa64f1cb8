import type { DisableRuleRequest } from "@aws-sdk/client-eventbridge";
import type { RequestContext } from "../../../core/service.ts";
import type { EventsBackend } from "../backend.ts";
import { EventsStore } from "../store.ts";
import { validateName } from "./validate.ts";

export function disableRule(input: DisableRuleRequest, ctx: RequestContext, be: EventsBackend) {
  validateName(input.Name, "name");
  const rule = be.store.get(ctx, EventsStore.busName(input.EventBusName), input.Name);
  rule.State = "DISABLED";
  be.store.save(rule);
  be.syncSchedule(rule);
  return {};
}
