// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-internetgateway.html
import { ignoreNotFound } from "./helpers.ts";
import { ec2Arn, tagSpec } from "./ec2-helpers.ts";
import type { ResourceModule } from "./types.ts";

export const ec2InternetGateway: ResourceModule = {
  type: "AWS::EC2::InternetGateway",
  properties: ["Tags"],
  async create(props, ctx) {
    const { InternetGateway } = await ctx.api.call("ec2", "CreateInternetGateway", { TagSpecifications: tagSpec("internet-gateway", props, ctx) });
    const id = InternetGateway.InternetGatewayId;
    return { physicalId: id, arn: ec2Arn(ctx, "internet-gateway", id), attributes: { InternetGatewayId: id } };
  },
  async update(id, _props, _old, _ctx, attributes) {
    return { physicalId: id, attributes };
  },
  async delete(id, _props, ctx) {
    await ctx.api.call("ec2", "DeleteInternetGateway", { InternetGatewayId: id }).catch(ignoreNotFound);
  },
};
