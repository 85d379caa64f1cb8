// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-policy.html
// Inline policy on roles (users and groups are not modelled locally).
import { ignoreNotFound, json } from "./helpers.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";

type Props = { PolicyName: string; PolicyDocument: unknown; Roles?: string[] };

const put = (p: Props, ctx: ResourceContext) => Promise.all((p.Roles ?? []).map((RoleName) => ctx.api.call("iam", "PutRolePolicy", { RoleName, PolicyName: p.PolicyName, PolicyDocument: json(p.PolicyDocument) })));
const remove = (p: Props, ctx: ResourceContext) => Promise.all((p.Roles ?? []).map((RoleName) => ctx.api.call("iam", "DeleteRolePolicy", { RoleName, PolicyName: p.PolicyName }).catch(ignoreNotFound)));

export const iamPolicy: ResourceModule<Props> = {
  type: "AWS::IAM::Policy",
  iam: {},
  properties: ["PolicyName", "PolicyDocument", "Roles"],
  async create(props, ctx) {
    await put(props, ctx);
    return { physicalId: ctx.physicalName({ maxLength: 128 }) };
  },
  async update(_id, props, old, ctx) {
    await remove(old, ctx);
    await put(props, ctx);
    return {};
  },
  async delete(_id, props, ctx) {
    await remove(props, ctx);
  },
};
