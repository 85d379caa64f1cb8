// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-vpc.html
import { ignoreNotFound } from "./helpers.ts";
import { ec2Arn, tagSpec } from "./ec2-helpers.ts";
import type { ResourceModule } from "./types.ts";

export const ec2Vpc: ResourceModule = {
  type: "AWS::EC2::VPC",
  replaceOn: ["CidrBlock", "InstanceTenancy"],
  properties: ["CidrBlock", "EnableDnsHostnames", "EnableDnsSupport", "InstanceTenancy", "Tags"],
  async create(props, ctx) {
    const { Vpc } = await ctx.api.call("ec2", "CreateVpc", { CidrBlock: props.CidrBlock, InstanceTenancy: props.InstanceTenancy, TagSpecifications: tagSpec("vpc", props, ctx) });
    const { SecurityGroups } = await ctx.api.call("ec2", "DescribeSecurityGroups", { Filters: [{ Name: "vpc-id", Values: [Vpc.VpcId] }, { Name: "group-name", Values: ["default"] }] });
    return {
      physicalId: Vpc.VpcId,
      arn: ec2Arn(ctx, "vpc", Vpc.VpcId),
      attributes: { VpcId: Vpc.VpcId, CidrBlock: Vpc.CidrBlock, CidrBlockAssociations: [Vpc.CidrBlockAssociationSet[0].AssociationId], DefaultSecurityGroup: SecurityGroups[0]?.GroupId, DefaultNetworkAcl: `acl-0${Vpc.VpcId.slice(5)}`, Ipv6CidrBlocks: [] },
    };
  },
  async update(id, _props, _old, _ctx, attributes) {
    // DNS settings are the only in-place properties; they are recorded, not enforced (no packets flow).
    return { physicalId: id, attributes };
  },
  async delete(id, _props, ctx) {
    await ctx.api.call("ec2", "DeleteVpc", { VpcId: id }).catch(ignoreNotFound);
  },
};
