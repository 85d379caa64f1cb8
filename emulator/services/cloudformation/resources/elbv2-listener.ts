// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-listener.html
// The listener opens its port on 127.0.0.1; a port held by another process fails the
// resource with a message naming the port, and the stack rolls back.
import * as schemas from "@aws-sdk/client-elastic-load-balancing-v2";
import { toInput } from "./ecs-platform-props.ts";
import { ignoreNotFound } from "./helpers.ts";
import type { ResourceModule } from "./types.ts";

const PROPS = ["LoadBalancerArn", "Port", "Protocol", "DefaultActions", "Certificates", "SslPolicy", "AlpnPolicy"];

export const elbv2Listener: ResourceModule = {
  type: "AWS::ElasticLoadBalancingV2::Listener",
  replaceOn: ["LoadBalancerArn"],
  properties: PROPS,
  async create(props, ctx) {
    const out = await ctx.api.call("elbv2", "CreateListener", toInput(schemas, "CreateListener", props));
    const arn = out.Listeners[0].ListenerArn as string;
    return { physicalId: arn, arn, attributes: { ListenerArn: arn } };
  },
  async update(arn, props, _old, ctx) {
    const { LoadBalancerArn: _lb, ...rest } = props;
    await ctx.api.call("elbv2", "ModifyListener", { ...toInput(schemas, "ModifyListener", rest), ListenerArn: arn });
    return { arn, attributes: { ListenerArn: arn } };
  },
  async delete(arn, _props, ctx) {
    await ctx.api.call("elbv2", "DeleteListener", { ListenerArn: arn }).catch(ignoreNotFound);
  },
};
