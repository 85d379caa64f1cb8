// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudwatch-dashboard.html
import { ignoreNotFound, json } from "./helpers.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";

async function put(name: string, props: any, ctx: ResourceContext) {
  await ctx.api.call("cloudwatch", "PutDashboard", { DashboardName: name, DashboardBody: json(props.DashboardBody) });
  const arn = `arn:aws:cloudwatch::${ctx.accountId}:dashboard/${name}`;
  return { physicalId: name, attributes: { Arn: arn } };
}

export const cloudwatchDashboard: ResourceModule = {
  type: "AWS::CloudWatch::Dashboard",
  replaceOn: ["DashboardName"],
  nameProperty: "DashboardName",
  properties: ["DashboardName", "DashboardBody"],
  create: (props, ctx) => put(props.DashboardName ?? ctx.physicalName({ maxLength: 255 }), props, ctx),
  update: (name, props, _old, ctx) => put(name, props, ctx),
  async delete(name, _props, ctx) {
    await ctx.api.call("cloudwatch", "DeleteDashboards", { DashboardNames: [name] }).catch(ignoreNotFound);
  },
};
