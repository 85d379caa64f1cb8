import type { DescribeRulesInput, DescribeRulesOutput } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { ElbDeps } from "../deps.ts";
import { defaultRuleOutput, ruleOutput } from "../store.ts";
import { validation } from "../validate.ts";

// The listener's default action shows up as a rule with Priority "default" and IsDefault true.
export const describeRules = ({ store }: ElbDeps) => (input: DescribeRulesInput) => {
  if (input.RuleArns?.length) {
    return {
      Rules: input.RuleArns.map((arn) => {
        const l = [...store.listeners.values()].find((x) => defaultRuleOutput(x).RuleArn === arn);
        return l ? defaultRuleOutput(l) : ruleOutput(store.rule(arn));
      }),
    } satisfies DescribeRulesOutput;
  }
  if (!input.ListenerArn) throw validation("You must specify either listener ARN or rule ARNs");
  const l = store.listener(input.ListenerArn);
  return { Rules: [...store.rulesOf(l.ListenerArn).map(ruleOutput), defaultRuleOutput(l)] } satisfies DescribeRulesOutput;
};
