// AWS::EC2::SecurityGroupIngress and AWS::EC2::SecurityGroupEgress: one rule each.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-securitygroupingress.html
import { ignoreNotFound } from "./helpers.ts";
import { ipPermission } from "./ec2-helpers.ts";
import type { ResourceModule } from "./types.ts";

const RULE = ["GroupId", "IpProtocol", "FromPort", "ToPort", "CidrIp", "CidrIpv6", "Description"];

function ruleModule(side: "Ingress" | "Egress", peer: string): ResourceModule {
  return {
    type: `AWS::EC2::SecurityGroup${side}`,
    replaceOn: RULE.filter((k) => k !== "Description").concat(peer),
    properties: [...RULE, peer],
    async create(props, ctx) {
      const out = await ctx.api.call("ec2", `AuthorizeSecurityGroup${side}`, { GroupId: props.GroupId, IpPermissions: [ipPermission(props)] });
      const id = `sgr-0${ctx.physicalName().slice(-12).toLowerCase()}`;
      return { physicalId: id, attributes: { Id: id, Return: out.Return } };
    },
    async delete(_id, props, ctx) {
      await ctx.api.call("ec2", `RevokeSecurityGroup${side}`, { GroupId: props.GroupId, IpPermissions: [ipPermission(props)] }).catch(ignoreNotFound);
    },
  };
}

export const ec2SecurityGroupIngress = ruleModule("Ingress", "SourceSecurityGroupId");
export const ec2SecurityGroupEgress = ruleModule("Egress", "DestinationSecurityGroupId");
