// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-subnetroutetableassociation.html
import { ignoreNotFound } from "./helpers.ts";
import type { ResourceModule } from "./types.ts";

export const ec2SubnetRouteTableAssociation: ResourceModule = {
  type: "AWS::EC2::SubnetRouteTableAssociation",
  replaceOn: ["SubnetId", "RouteTableId"],
  properties: ["SubnetId", "RouteTableId"],
  async create(props, ctx) {
    const out = await ctx.api.call("ec2", "AssociateRouteTable", { SubnetId: props.SubnetId, RouteTableId: props.RouteTableId });
    return { physicalId: out.AssociationId, attributes: { Id: out.AssociationId } };
  },
  async delete(id, _props, ctx) {
    await ctx.api.call("ec2", "DisassociateRouteTable", { AssociationId: id }).catch(ignoreNotFound);
  },
};
