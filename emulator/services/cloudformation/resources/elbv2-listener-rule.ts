// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-listenerrule.html
import * as schemas from "@aws-sdk/client-elastic-load-balancing-v2";
import { toInput } from "./ecs-platform-props.ts";
import { ignoreNotFound } from "./helpers.ts";
import type { ResourceModule } from "./types.ts";

export const elbv2ListenerRule: ResourceModule = {
  type: "AWS::ElasticLoadBalancingV2::ListenerRule",
  replaceOn: ["ListenerArn"],
  properties: ["ListenerArn", "Priority", "Conditions", "Actions"],
  async create(props, ctx) {
    const out = await ctx.api.call("elbv2", "CreateRule", toInput(schemas, "CreateRule", props));
    const arn = out.Rules[0].RuleArn as string;
    return { physicalId: arn, arn, attributes: { RuleArn: arn, IsDefault: false } };
  },
  async update(arn, props, old, ctx) {
    const { Conditions, Actions } = toInput(schemas, "ModifyRule", { Conditions: props.Conditions, Actions: props.Actions });
    await ctx.api.call("elbv2", "ModifyRule", { RuleArn: arn, Conditions, Actions });
    if (String(props.Priority) !== String(old.Priority)) {
      await ctx.api.call("elbv2", "SetRulePriorities", { RulePriorities: [{ RuleArn: arn, Priority: Number(props.Priority) }] });
    }
    return { arn, attributes: { RuleArn: arn, IsDefault: false } };
  },
  async delete(arn, _props, ctx) {
    await ctx.api.call("elbv2", "DeleteRule", { RuleArn: arn }).catch(ignoreNotFound);
  },
};
