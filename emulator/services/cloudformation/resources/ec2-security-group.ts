// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-securitygroup.html
import { ignoreNotFound } from "./helpers.ts";
import { ipPermission, tagSpec } from "./ec2-helpers.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";

/** Replaces the group's rules with the template's (egress defaults to allow-all when absent). */
async function setRules(id: string, props: any, old: any, ctx: ResourceContext) {
  const sides = [
    ["SecurityGroupIngress", "Ingress", []],
    ["SecurityGroupEgress", "Egress", [{ IpProtocol: "-1", CidrIp: "0.0.0.0/0" }]],
  ] as const;
  for (const [prop, side, fallback] of sides) {
    const before = (old ? (old[prop] ?? fallback) : fallback).map(ipPermission);
    const after = (props[prop] ?? fallback).map(ipPermission);
    const key = (p: unknown) => JSON.stringify(p);
    const revoke = before.filter((p: unknown) => !after.some((a: unknown) => key(a) === key(p)));
    const add = after.filter((p: unknown) => !before.some((b: unknown) => key(b) === key(p)));
    if (revoke.length) await ctx.api.call("ec2", `RevokeSecurityGroup${side}`, { GroupId: id, IpPermissions: revoke }).catch(ignoreNotFound);
    if (add.length) await ctx.api.call("ec2", `AuthorizeSecurityGroup${side}`, { GroupId: id, IpPermissions: add });
  }
}

export const ec2SecurityGroup: ResourceModule = {
  type: "AWS::EC2::SecurityGroup",
  replaceOn: ["GroupName", "GroupDescription", "VpcId"],
  nameProperty: "GroupName",
  properties: ["GroupName", "GroupDescription", "VpcId", "SecurityGroupIngress", "SecurityGroupEgress", "Tags"],
  async create(props, ctx) {
    const out = await ctx.api.call("ec2", "CreateSecurityGroup", {
      GroupName: props.GroupName ?? ctx.physicalName({ maxLength: 255 }),
      Description: props.GroupDescription,
      VpcId: props.VpcId,
      TagSpecifications: tagSpec("security-group", props, ctx),
    });
    await setRules(out.GroupId, props, undefined, ctx);
    return { physicalId: out.GroupId, arn: out.SecurityGroupArn, attributes: { GroupId: out.GroupId, VpcId: props.VpcId } };
  },
  async update(id, props, old, ctx, attributes) {
    await setRules(id, props, old, ctx);
    return { attributes };
  },
  async delete(id, _props, ctx) {
    await ctx.api.call("ec2", "DeleteSecurityGroup", { GroupId: id }).catch(ignoreNotFound);
  },
};
