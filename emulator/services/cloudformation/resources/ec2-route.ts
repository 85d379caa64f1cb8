// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-route.html
import { ignoreNotFound } from "./helpers.ts";
import type { ResourceModule } from "./types.ts";

export const ec2Route: ResourceModule = {
  type: "AWS::EC2::Route",
  replaceOn: ["RouteTableId", "DestinationCidrBlock", "GatewayId", "NatGatewayId"],
  properties: ["RouteTableId", "DestinationCidrBlock", "GatewayId", "NatGatewayId"],
  async create(props, ctx) {
    await ctx.api.call("ec2", "CreateRoute", { RouteTableId: props.RouteTableId, DestinationCidrBlock: props.DestinationCidrBlock, GatewayId: props.GatewayId, NatGatewayId: props.NatGatewayId });
    return { physicalId: `${props.RouteTableId}|${props.DestinationCidrBlock}` };
  },
  async delete(_id, props, ctx) {
    await ctx.api.call("ec2", "DeleteRoute", { RouteTableId: props.RouteTableId, DestinationCidrBlock: props.DestinationCidrBlock }).catch(ignoreNotFound);
  },
};
