// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-loadbalancer.html
// DNSName is "localhost": listeners answer on 127.0.0.1 at their port.
import * as schemas from "@aws-sdk/client-elastic-load-balancing-v2";
import { toInput } from "./ecs-platform-props.ts";
import { allTags, ignoreNotFound } from "./helpers.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";

async function result(arn: string, ctx: ResourceContext) {
  const lb = (await ctx.api.call("elbv2", "DescribeLoadBalancers", { LoadBalancerArns: [arn] })).LoadBalancers[0];
  return {
    physicalId: arn,
    arn,
    attributes: {
      LoadBalancerArn: arn,
      DNSName: lb.DNSName,
      CanonicalHostedZoneID: lb.CanonicalHostedZoneId,
      LoadBalancerFullName: arn.split(":loadbalancer/")[1],
      LoadBalancerName: lb.LoadBalancerName,
      SecurityGroups: lb.SecurityGroups ?? [],
    },
  };
}

async function attributes(arn: string, props: Record<string, any>, ctx: ResourceContext) {
  if (!props.LoadBalancerAttributes?.length) return;
  const { Attributes } = toInput(schemas, "ModifyLoadBalancerAttributes", { Attributes: props.LoadBalancerAttributes });
  await ctx.api.call("elbv2", "ModifyLoadBalancerAttributes", { LoadBalancerArn: arn, Attributes });
}

export const elbv2LoadBalancer: ResourceModule = {
  type: "AWS::ElasticLoadBalancingV2::LoadBalancer",
  replaceOn: ["Name", "Scheme", "Type"],
  nameProperty: "Name",
  properties: ["Name", "Scheme", "Type", "Subnets", "SubnetMappings", "SecurityGroups", "IpAddressType", "LoadBalancerAttributes", "Tags"],
  async create(props, ctx) {
    const { LoadBalancerAttributes: _a, Tags: _t, ...rest } = props;
    const input = toInput(schemas, "CreateLoadBalancer", rest);
    input.Name ??= ctx.physicalName({ maxLength: 32 });
    const out = await ctx.api.call("elbv2", "CreateLoadBalancer", { ...input, Tags: allTags(props, ctx) });
    const arn = out.LoadBalancers[0].LoadBalancerArn as string;
    await attributes(arn, props, ctx);
    return result(arn, ctx);
  },
  async update(arn, props, _old, ctx) {
    await attributes(arn, props, ctx);
    await ctx.api.call("elbv2", "AddTags", { ResourceArns: [arn], Tags: allTags(props, ctx) });
    return result(arn, ctx);
  },
  async delete(arn, _props, ctx) {
    await ctx.api.call("elbv2", "DeleteLoadBalancer", { LoadBalancerArn: arn }).catch(ignoreNotFound);
  },
};
