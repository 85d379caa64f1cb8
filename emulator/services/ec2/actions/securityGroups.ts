import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import { applyFilters, dependencyViolation, type Ec2Store, ec2Id, getRecord, putRecord, records, specTags, view } from "../store.ts";

type Permission = Record<string, unknown>;

export function createSecurityGroup(input: any, ctx: RequestContext, store: Ec2Store) {
  if (!input.GroupName || !input.Description) throw new AwsError("MissingParameter", "The request must contain the parameter groupName and groupDescription");
  const vpc = getRecord(store, ctx, "vpc", input.VpcId);
  if (records(store, ctx, "sg").some((g) => g.VpcId === vpc.id && g.GroupName === input.GroupName)) {
    throw new AwsError("InvalidGroup.Duplicate", `The security group '${input.GroupName}' already exists for VPC '${vpc.id}'`);
  }
  const id = ec2Id("sg");
  putRecord(store, ctx, {
    id,
    kind: "sg",
    GroupId: id,
    GroupName: input.GroupName,
    Description: input.Description,
    VpcId: vpc.id,
    OwnerId: ctx.accountId,
    IpPermissions: [],
    IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
    Tags: specTags(input),
  });
  return { GroupId: id, SecurityGroupArn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:security-group/${id}` };
}

export function deleteSecurityGroup(input: any, ctx: RequestContext, store: Ec2Store) {
  const g = getRecord(store, ctx, "sg", input.GroupId);
  if (g.isDefault) throw new AwsError("CannotDelete", `the specified group: "${g.id}" name: "default" cannot be deleted by a user`);
  const referenced = records(store, ctx, "sg").some((o) => o.id !== g.id && JSON.stringify([o.IpPermissions, o.IpPermissionsEgress]).includes(`"${g.id}"`));
  if (referenced) throw dependencyViolation("security group", g.id);
  store.delete(scopedKey(ctx, g.id));
  return {};
}

export function describeSecurityGroups(input: any, ctx: RequestContext, store: Ec2Store) {
  for (const id of input.GroupIds ?? []) getRecord(store, ctx, "sg", id);
  return { SecurityGroups: applyFilters(records(store, ctx, "sg"), input.GroupIds, input.Filters).map(({ isDefault: _d, ...g }) => view(g as never)) };
}

const same = (a: Permission, b: Permission) => JSON.stringify(a) === JSON.stringify(b);

/** Authorize/Revoke for ingress ("IpPermissions") and egress ("IpPermissionsEgress"). */
function changeRules(field: "IpPermissions" | "IpPermissionsEgress", add: boolean) {
  return (input: any, ctx: RequestContext, store: Ec2Store) => {
    const g = getRecord(store, ctx, "sg", input.GroupId);
    const rules = g[field] as Permission[];
    for (const p of input.IpPermissions ?? []) {
      const exists = rules.some((r) => same(r, p));
      if (add && exists) throw new AwsError("InvalidPermission.Duplicate", `the specified rule "${JSON.stringify(p)}" already exists`);
      if (!add && !exists) throw new AwsError("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
      g[field] = add ? [...(g[field] as Permission[]), p] : (g[field] as Permission[]).filter((r) => !same(r, p));
    }
    putRecord(store, ctx, g);
    return { Return: true };
  };
}

export const authorizeSecurityGroupIngress = changeRules("IpPermissions", true);
export const revokeSecurityGroupIngress = changeRules("IpPermissions", false);
export const authorizeSecurityGroupEgress = changeRules("IpPermissionsEgress", true);
export const revokeSecurityGroupEgress = changeRules("IpPermissionsEgress", false);
