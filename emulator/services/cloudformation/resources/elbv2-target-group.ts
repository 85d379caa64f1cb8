// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-targetgroup.html
import * as schemas from "@aws-sdk/client-elastic-load-balancing-v2";
import { toInput } from "./ecs-platform-props.ts";
import { allTags, ignoreNotFound } from "./helpers.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";

const HEALTH = ["HealthCheckEnabled", "HealthCheckIntervalSeconds", "HealthCheckPath", "HealthCheckPort", "HealthCheckProtocol", "HealthCheckTimeoutSeconds", "HealthyThresholdCount", "UnhealthyThresholdCount", "Matcher"];
const IDENTITY = ["Name", "Port", "Protocol", "ProtocolVersion", "TargetType", "VpcId", "IpAddressType"];

const pick = (props: Record<string, any>, keys: string[]) => Object.fromEntries(keys.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]));

async function result(arn: string, ctx: ResourceContext) {
  const tg = (await ctx.api.call("elbv2", "DescribeTargetGroups", { TargetGroupArns: [arn] })).TargetGroups[0];
  return {
    physicalId: arn,
    arn,
    attributes: { TargetGroupArn: arn, TargetGroupFullName: arn.split(":")[5], TargetGroupName: tg.TargetGroupName, LoadBalancerArns: tg.LoadBalancerArns ?? [] },
  };
}

async function extras(arn: string, props: Record<string, any>, old: Record<string, any> | undefined, ctx: ResourceContext) {
  if (props.TargetGroupAttributes?.length) {
    const { Attributes } = toInput(schemas, "ModifyTargetGroupAttributes", { Attributes: props.TargetGroupAttributes });
    await ctx.api.call("elbv2", "ModifyTargetGroupAttributes", { TargetGroupArn: arn, Attributes });
  }
  const key = (t: { Id: string; Port?: number }) => `${t.Id}:${t.Port ?? ""}`;
  const next = (toInput(schemas, "RegisterTargets", { Targets: props.Targets ?? [] }).Targets ?? []) as { Id: string; Port?: number }[];
  const prev = (toInput(schemas, "RegisterTargets", { Targets: old?.Targets ?? [] }).Targets ?? []) as { Id: string; Port?: number }[];
  const gone = prev.filter((t) => !next.some((n) => key(n) === key(t)));
  if (gone.length) await ctx.api.call("elbv2", "DeregisterTargets", { TargetGroupArn: arn, Targets: gone }).catch(() => undefined);
  if (next.length) await ctx.api.call("elbv2", "RegisterTargets", { TargetGroupArn: arn, Targets: next });
}

export const elbv2TargetGroup: ResourceModule = {
  type: "AWS::ElasticLoadBalancingV2::TargetGroup",
  replaceOn: IDENTITY,
  nameProperty: "Name",
  properties: [...IDENTITY, ...HEALTH, "TargetGroupAttributes", "Targets", "Tags"],
  async create(props, ctx) {
    const input = toInput(schemas, "CreateTargetGroup", pick(props, [...IDENTITY, ...HEALTH]));
    input.Name ??= ctx.physicalName({ maxLength: 32 });
    const out = await ctx.api.call("elbv2", "CreateTargetGroup", { ...input, Tags: allTags(props, ctx) });
    const arn = out.TargetGroups[0].TargetGroupArn as string;
    await extras(arn, props, undefined, ctx);
    return result(arn, ctx);
  },
  async update(arn, props, old, ctx) {
    const health = toInput(schemas, "ModifyTargetGroup", pick(props, HEALTH));
    await ctx.api.call("elbv2", "ModifyTargetGroup", { ...health, TargetGroupArn: arn });
    await extras(arn, props, old, ctx);
    await ctx.api.call("elbv2", "AddTags", { ResourceArns: [arn], Tags: allTags(props, ctx) });
    return result(arn, ctx);
  },
  async delete(arn, _props, ctx) {
    await ctx.api.call("elbv2", "DeleteTargetGroup", { TargetGroupArn: arn }).catch(ignoreNotFound);
  },
};
