// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html
import { allTags, ignoreNotFound, json, num } from "./helpers.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";

type Policy = { PolicyName: string; PolicyDocument: unknown };

async function attachAll(name: string, props: any, ctx: ResourceContext) {
  for (const p of (props.Policies ?? []) as Policy[]) await ctx.api.call("iam", "PutRolePolicy", { RoleName: name, PolicyName: p.PolicyName, PolicyDocument: json(p.PolicyDocument) });
  for (const arn of props.ManagedPolicyArns ?? []) await ctx.api.call("iam", "AttachRolePolicy", { RoleName: name, PolicyArn: arn });
}

async function detachAll(name: string, props: any, ctx: ResourceContext) {
  for (const p of (props.Policies ?? []) as Policy[]) await ctx.api.call("iam", "DeleteRolePolicy", { RoleName: name, PolicyName: p.PolicyName }).catch(ignoreNotFound);
  for (const arn of props.ManagedPolicyArns ?? []) await ctx.api.call("iam", "DetachRolePolicy", { RoleName: name, PolicyArn: arn }).catch(ignoreNotFound);
}

const result = (role: any) => ({ physicalId: role.RoleName, arn: role.Arn, attributes: { Arn: role.Arn, RoleId: role.RoleId } });

export const iamRole: ResourceModule = {
  type: "AWS::IAM::Role",
  iam: { nameProperty: "RoleName" },
  replaceOn: ["RoleName", "Path"],
  nameProperty: "RoleName",
  properties: ["RoleName", "AssumeRolePolicyDocument", "Description", "ManagedPolicyArns", "MaxSessionDuration", "Path", "PermissionsBoundary", "Policies", "Tags"],
  async create(props, ctx) {
    const RoleName = props.RoleName ?? ctx.physicalName({ maxLength: 64 });
    const { Role } = await ctx.api.call("iam", "CreateRole", {
      RoleName,
      Path: props.Path,
      AssumeRolePolicyDocument: json(props.AssumeRolePolicyDocument),
      Description: props.Description,
      MaxSessionDuration: num(props.MaxSessionDuration),
      Tags: allTags(props, ctx),
    });
    await attachAll(RoleName, props, ctx);
    return result(Role);
  },
  async update(name, props, old, ctx) {
    await detachAll(name, old, ctx);
    await attachAll(name, props, ctx);
    if (JSON.stringify(props.AssumeRolePolicyDocument) !== JSON.stringify(old.AssumeRolePolicyDocument)) return "replace";
    return result((await ctx.api.call("iam", "GetRole", { RoleName: name })).Role);
  },
  async delete(name, _props, ctx) {
    try {
      const inline = await ctx.api.call("iam", "ListRolePolicies", { RoleName: name });
      for (const PolicyName of inline.PolicyNames) await ctx.api.call("iam", "DeleteRolePolicy", { RoleName: name, PolicyName });
      const attached = await ctx.api.call("iam", "ListAttachedRolePolicies", { RoleName: name });
      for (const p of attached.AttachedPolicies) await ctx.api.call("iam", "DetachRolePolicy", { RoleName: name, PolicyArn: p.PolicyArn });
      await ctx.api.call("iam", "DeleteRole", { RoleName: name });
    } catch (e) {
      ignoreNotFound(e);
    }
  },
};
