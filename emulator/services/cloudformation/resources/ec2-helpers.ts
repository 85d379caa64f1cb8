// Shared by the AWS::EC2::* modules.
import { allTags } from "./helpers.ts";
import type { ResourceContext } from "./types.ts";

export const tagSpec = (resourceType: string, props: any, ctx: ResourceContext) => [{ ResourceType: resourceType, Tags: allTags(props, ctx) }];

export const ec2Arn = (ctx: ResourceContext, kind: string, id: string) => `arn:aws:ec2:${ctx.region}:${ctx.accountId}:${kind}/${id}`;

/** CloudFormation's flat rule (CidrIp, SourceSecurityGroupId, ...) as an EC2 IpPermission. */
export function ipPermission(rule: any) {
  return {
    IpProtocol: String(rule.IpProtocol),
    FromPort: rule.FromPort === undefined ? undefined : Number(rule.FromPort),
    ToPort: rule.ToPort === undefined ? undefined : Number(rule.ToPort),
    IpRanges: rule.CidrIp ? [{ CidrIp: rule.CidrIp, Description: rule.Description }] : undefined,
    Ipv6Ranges: rule.CidrIpv6 ? [{ CidrIpv6: rule.CidrIpv6, Description: rule.Description }] : undefined,
    UserIdGroupPairs:
      rule.SourceSecurityGroupId || rule.DestinationSecurityGroupId ? [{ GroupId: rule.SourceSecurityGroupId ?? rule.DestinationSecurityGroupId, Description: rule.Description }] : undefined,
  };
}
