// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-subnet.html
import { ignoreNotFound } from "./helpers.ts";
import { ec2Arn, tagSpec } from "./ec2-helpers.ts";
import type { ResourceModule } from "./types.ts";

export const ec2Subnet: ResourceModule = {
  type: "AWS::EC2::Subnet",
  replaceOn: ["VpcId", "CidrBlock", "AvailabilityZone"],
  properties: ["VpcId", "CidrBlock", "AvailabilityZone", "MapPublicIpOnLaunch", "Tags"],
  async create(props, ctx) {
    const { Subnet } = await ctx.api.call("ec2", "CreateSubnet", { VpcId: props.VpcId, CidrBlock: props.CidrBlock, AvailabilityZone: props.AvailabilityZone, TagSpecifications: tagSpec("subnet", props, ctx) });
    if (props.MapPublicIpOnLaunch !== undefined) await ctx.api.call("ec2", "ModifySubnetAttribute", { SubnetId: Subnet.SubnetId, MapPublicIpOnLaunch: { Value: props.MapPublicIpOnLaunch === true || props.MapPublicIpOnLaunch === "true" } });
    return {
      physicalId: Subnet.SubnetId,
      arn: ec2Arn(ctx, "subnet", Subnet.SubnetId),
      attributes: { SubnetId: Subnet.SubnetId, VpcId: Subnet.VpcId, AvailabilityZone: Subnet.AvailabilityZone, CidrBlock: Subnet.CidrBlock, NetworkAclAssociationId: `aclassoc-0${Subnet.SubnetId.slice(8)}` },
    };
  },
  async update(id, props, _old, ctx, attributes) {
    await ctx.api.call("ec2", "ModifySubnetAttribute", { SubnetId: id, MapPublicIpOnLaunch: { Value: props.MapPublicIpOnLaunch === true || props.MapPublicIpOnLaunch === "true" } });
    return { attributes };
  },
  async delete(id, _props, ctx) {
    await ctx.api.call("ec2", "DeleteSubnet", { SubnetId: id }).catch(ignoreNotFound);
  },
};
