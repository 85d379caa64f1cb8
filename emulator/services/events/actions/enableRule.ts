import type { EnableRuleRequest } from "@aws-sdk/client-eventbridge";
import type { RequestContext } from "../../../core/service.ts";
import type { EventsBackend } from "../backend.ts";
import { EventsStore } from "../store.ts";
import { validateName } from "./validate.ts";

export function enableRule(input: EnableRuleRequest, ctx: RequestContext, be: EventsBackend) {
  validateName(input.Name, "name");
  const rule = be.store.get(ctx, EventsStore.busName(input.EventBusName), input.Name);
  if (rule.State === "DISABLED") {
    rule.State = "ENABLED";
    rule.armedAt = new Date().toISOString();
    be.store.save(rule);
    be.syncSchedule(rule);
  }
  return {};
}
