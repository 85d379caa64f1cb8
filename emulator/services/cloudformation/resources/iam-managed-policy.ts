// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-managedpolicy.html
import { ignoreNotFound, json } from "./helpers.ts";
import type { ResourceModule } from "./types.ts";

export const iamManagedPolicy: ResourceModule = {
  type: "AWS::IAM::ManagedPolicy",
  iam: { nameProperty: "ManagedPolicyName" },
  properties: ["ManagedPolicyName", "PolicyDocument", "Description", "Path", "Roles"],
  async create(props, ctx) {
    const { Policy } = await ctx.api.call("iam", "CreatePolicy", {
      PolicyName: props.ManagedPolicyName ?? ctx.physicalName({ maxLength: 128 }),
      PolicyDocument: json(props.PolicyDocument),
      Description: props.Description,
      Path: props.Path,
    });
    for (const RoleName of props.Roles ?? []) await ctx.api.call("iam", "AttachRolePolicy", { RoleName, PolicyArn: Policy.Arn });
    return { physicalId: Policy.Arn, arn: Policy.Arn, attributes: { PolicyArn: Policy.Arn, PolicyId: Policy.PolicyId } };
  },
  async delete(arn, props, ctx) {
    for (const RoleName of props.Roles ?? []) await ctx.api.call("iam", "DetachRolePolicy", { RoleName, PolicyArn: arn }).catch(ignoreNotFound);
    await ctx.api.call("iam", "DeletePolicy", { PolicyArn: arn }).catch(ignoreNotFound);
  },
};
