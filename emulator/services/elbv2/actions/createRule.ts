import type { CreateRuleInput, CreateRuleOutput } from "@aws-sdk/client-elastic-load-balancing-v2";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import type { ElbDeps } from "../deps.ts";
import { hex16, ruleOutput } from "../store.ts";
import { checkActions, checkConditions, checkPriority } from "../validate.ts";

export const createRule = ({ store, alb }: ElbDeps) => (input: CreateRuleInput, ctx: RequestContext) => {
  const l = store.listener(input.ListenerArn ?? "");
  const priority = checkPriority(input.Priority);
  if (store.rulesOf(l.ListenerArn).some((r) => r.Priority === priority)) throw new AwsError("PriorityInUse", `Priority '${priority}' is currently in use`, 400);
  const conditions = checkConditions(input.Conditions);
  const actions = checkActions(store, ctx, input.Actions);
  const arn = `${l.ListenerArn.replace(":listener/", ":listener-rule/")}/${hex16()}`;
  const rule = store.rules.set(arn, { accountId: ctx.accountId, region: ctx.region, RuleArn: arn, ListenerArn: l.ListenerArn, Priority: priority, Conditions: conditions, Actions: actions, Tags: input.Tags ?? [] });
  for (const a of actions) if (a.TargetGroupArn) alb.syncTargets(store.targetGroup(a.TargetGroupArn));
  return { Rules: [ruleOutput(rule)] } satisfies CreateRuleOutput;
};
