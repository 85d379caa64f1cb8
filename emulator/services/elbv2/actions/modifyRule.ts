import type { ModifyRuleInput, ModifyRuleOutput } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { RequestContext } from "../../../core/service.ts";
import type { ElbDeps } from "../deps.ts";
import { ruleOutput } from "../store.ts";
import { checkActions, checkConditions } from "../validate.ts";

export const modifyRule = ({ store }: ElbDeps) => (input: ModifyRuleInput, ctx: RequestContext) => {
  const r = store.rule(input.RuleArn ?? "");
  if (input.Conditions) r.Conditions = checkConditions(input.Conditions);
  if (input.Actions) r.Actions = checkActions(store, ctx, input.Actions);
  store.rules.set(r.RuleArn, r);
  return { Rules: [ruleOutput(r)] } satisfies ModifyRuleOutput;
};
