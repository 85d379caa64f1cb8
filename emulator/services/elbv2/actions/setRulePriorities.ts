import type { SetRulePrioritiesInput, SetRulePrioritiesOutput } from "@aws-sdk/client-elastic-load-balancing-v2";
import { AwsError } from "../../../core/errors.ts";
import type { ElbDeps } from "../deps.ts";
import { ruleOutput } from "../store.ts";
import { checkPriority } from "../validate.ts";

export const setRulePriorities = ({ store }: ElbDeps) => (input: SetRulePrioritiesInput) => {
  const changes = (input.RulePriorities ?? []).map((p) => ({ rule: store.rule(p.RuleArn ?? ""), priority: checkPriority(p.Priority) }));
  for (const { rule, priority } of changes) {
    const clash = store.rulesOf(rule.ListenerArn).find((r) => r.Priority === priority && !changes.some((c) => c.rule.RuleArn === r.RuleArn));
    if (clash) throw new AwsError("PriorityInUse", `Priority '${priority}' is currently in use`, 400);
  }
  for (const { rule, priority } of changes) store.rules.set(rule.RuleArn, { ...rule, Priority: priority });
  return { Rules: changes.map((c) => ruleOutput(store.rule(c.rule.RuleArn))) } satisfies SetRulePrioritiesOutput;
};
