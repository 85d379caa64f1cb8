// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-logs-loggroup.html
import { allTags, ignoreNotFound, num, tagMap } from "./helpers.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";

async function retention(name: string, days: unknown, ctx: ResourceContext) {
  if (days === undefined) await ctx.api.call("logs", "DeleteRetentionPolicy", { logGroupName: name }).catch(ignoreNotFound);
  else await ctx.api.call("logs", "PutRetentionPolicy", { logGroupName: name, retentionInDays: num(days) });
}

const result = (name: string, ctx: ResourceContext) => {
  const arn = `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`;
  return { physicalId: name, arn, attributes: { Arn: `${arn}:*` } };
};

export const logsLogGroup: ResourceModule = {
  type: "AWS::Logs::LogGroup",
  replaceOn: ["LogGroupName"],
  nameProperty: "LogGroupName",
  properties: ["LogGroupName", "RetentionInDays", "Tags", "LogGroupClass"],
  async create(props, ctx) {
    const name = props.LogGroupName ?? ctx.physicalName({ maxLength: 512 });
    await ctx.api.call("logs", "CreateLogGroup", { logGroupName: name, logGroupClass: props.LogGroupClass, tags: tagMap(allTags(props, ctx)) });
    if (props.RetentionInDays !== undefined) await retention(name, props.RetentionInDays, ctx);
    return result(name, ctx);
  },
  async update(name, props, old, ctx) {
    if (props.RetentionInDays !== old.RetentionInDays) await retention(name, props.RetentionInDays, ctx);
    return result(name, ctx);
  },
  async delete(name, _props, ctx) {
    await ctx.api.call("logs", "DeleteLogGroup", { logGroupName: name }).catch(ignoreNotFound);
  },
};
