// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html
import { ignoreNotFound } from "./helpers.ts";
import type { ResourceModule } from "./types.ts";

export const lambdaPermission: ResourceModule = {
  type: "AWS::Lambda::Permission",
  // Every property of a permission is create-only.
  properties: ["Action", "FunctionName", "Principal", "SourceArn", "SourceAccount", "EventSourceToken", "FunctionUrlAuthType", "PrincipalOrgID"],
  async create(props, ctx) {
    const StatementId = ctx.physicalName({ maxLength: 100 });
    await ctx.api.call("lambda", "AddPermission", { StatementId, ...props });
    return { physicalId: StatementId };
  },
  async delete(id, props, ctx) {
    await ctx.api.call("lambda", "RemovePermission", { FunctionName: props.FunctionName, StatementId: id }).catch(ignoreNotFound);
  },
};
