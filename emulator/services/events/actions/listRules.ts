import type { ListRulesRequest, ListRulesResponse } from "@aws-sdk/client-eventbridge";
import type { RequestContext } from "../../../core/service.ts";
import type { EventsBackend } from "../backend.ts";
import { validation } from "../errors.ts";
import { EventsStore, paginate } from "../store.ts";
import { ruleView } from "./describeRule.ts";

export function listRules(input: ListRulesRequest, ctx: RequestContext, be: EventsBackend) {
  if (input.Limit !== undefined && (input.Limit < 1 || input.Limit > 100)) throw validation("Limit must be between 1 and 100.");
  const rules = be.store.list(ctx, EventsStore.busName(input.EventBusName)).filter((r) => r.Name.startsWith(input.NamePrefix ?? ""));
  const { page, next } = paginate(rules, input.Limit, input.NextToken);
  return { Rules: page.map(ruleView), NextToken: next } satisfies ListRulesResponse;
}
