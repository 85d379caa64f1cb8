// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudwatch-alarm.html
import { allTags, bool, ignoreNotFound, num } from "./helpers.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";

const NUMBERS = ["Threshold", "Period", "EvaluationPeriods", "DatapointsToAlarm"];

async function put(name: string, props: any, ctx: ResourceContext) {
  const input: Record<string, unknown> = { ...props, AlarmName: name, ActionsEnabled: bool(props.ActionsEnabled) };
  for (const k of NUMBERS) if (props[k] !== undefined) input[k] = num(props[k]);
  if (props.Metrics) input.Metrics = props.Metrics.map((m: any) => ({ ...m, Period: num(m.Period), ReturnData: bool(m.ReturnData), MetricStat: m.MetricStat && { ...m.MetricStat, Period: num(m.MetricStat.Period) } }));
  input.Tags = allTags(props, ctx);
  await ctx.api.call("cloudwatch", "PutMetricAlarm", input);
  const arn = `arn:aws:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:${name}`;
  return { physicalId: name, arn, attributes: { Arn: arn } };
}

export const cloudwatchAlarm: ResourceModule = {
  type: "AWS::CloudWatch::Alarm",
  replaceOn: ["AlarmName"],
  nameProperty: "AlarmName",
  properties: ["AlarmName", "AlarmDescription", "ActionsEnabled", "AlarmActions", "OKActions", "InsufficientDataActions", "MetricName", "Namespace", "Statistic", "ExtendedStatistic", "Dimensions", "Period", "Unit", "EvaluationPeriods", "DatapointsToAlarm", "Threshold", "ThresholdMetricId", "ComparisonOperator", "TreatMissingData", "EvaluateLowSampleCountPercentile", "Metrics", "Tags"],
  create: (props, ctx) => put(props.AlarmName ?? ctx.physicalName({ maxLength: 255 }), props, ctx),
  update: (name, props, _old, ctx) => put(name, props, ctx),
  async delete(name, _props, ctx) {
    await ctx.api.call("cloudwatch", "DeleteAlarms", { AlarmNames: [name] }).catch(ignoreNotFound);
  },
};
