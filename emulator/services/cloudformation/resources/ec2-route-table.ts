// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-routetable.html
import { ignoreNotFound } from "./helpers.ts";
import { ec2Arn, tagSpec } from "./ec2-helpers.ts";
import type { ResourceModule } from "./types.ts";

export const ec2RouteTable: ResourceModule = {
  type: "AWS::EC2::RouteTable",
  replaceOn: ["VpcId"],
  properties: ["VpcId", "Tags"],
  async create(props, ctx) {
    const { RouteTable } = await ctx.api.call("ec2", "CreateRouteTable", { VpcId: props.VpcId, TagSpecifications: tagSpec("route-table", props, ctx) });
    const id = RouteTable.RouteTableId;
    return { physicalId: id, arn: ec2Arn(ctx, "route-table", id), attributes: { RouteTableId: id } };
  },
  async update(id, _props, _old, _ctx, attributes) {
    return { physicalId: id, attributes };
  },
  async delete(id, _props, ctx) {
    await ctx.api.call("ec2", "DeleteRouteTable", { RouteTableId: id }).catch(ignoreNotFound);
  },
};
