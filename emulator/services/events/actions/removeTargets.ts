import type { RemoveTargetsRequest, RemoveTargetsResponse } from "@aws-sdk/client-eventbridge";
import type { RequestContext } from "../../../core/service.ts";
import type { EventsBackend } from "../backend.ts";
import { validation } from "../errors.ts";
import { EventsStore } from "../store.ts";
import { validateName } from "./validate.ts";

export function removeTargets(input: RemoveTargetsRequest, ctx: RequestContext, be: EventsBackend) {
  validateName(input.Rule, "rule");
  const ids = input.Ids ?? [];
  if (ids.length < 1 || ids.length > 100) throw validation("1 validation error detected: Value at 'ids' failed to satisfy constraint: Member must have length between 1 and 100");
  const rule = be.store.get(ctx, EventsStore.busName(input.EventBusName), input.Rule);
  const remove = new Set(ids);
  rule.targets = rule.targets.filter((t) => !remove.has(t.Id ?? ""));
  be.store.save(rule);
  return { FailedEntryCount: 0, FailedEntries: [] } satisfies RemoveTargetsResponse;
}
