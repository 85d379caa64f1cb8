// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-vpcgatewayattachment.html
import { ignoreNotFound } from "./helpers.ts";
import type { ResourceModule } from "./types.ts";

export const ec2VpcGatewayAttachment: ResourceModule = {
  type: "AWS::EC2::VPCGatewayAttachment",
  replaceOn: ["VpcId", "InternetGatewayId"],
  properties: ["VpcId", "InternetGatewayId"],
  async create(props, ctx) {
    await ctx.api.call("ec2", "AttachInternetGateway", { VpcId: props.VpcId, InternetGatewayId: props.InternetGatewayId });
    // AWS's physical id for this type is "IGW|<vpc id>".
    return { physicalId: `IGW|${props.VpcId}` };
  },
  async delete(_id, props, ctx) {
    await ctx.api.call("ec2", "DetachInternetGateway", { VpcId: props.VpcId, InternetGatewayId: props.InternetGatewayId }).catch((e: { name?: string }) => (e?.name === "Gateway.NotAttached" ? undefined : ignoreNotFound(e)));
  },
};
