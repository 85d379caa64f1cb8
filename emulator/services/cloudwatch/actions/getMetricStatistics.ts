import type { Datapoint, GetMetricStatisticsInput, GetMetricStatisticsOutput, StandardUnit } from "@aws-sdk/client-cloudwatch";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudWatch } from "../index.ts";
import { invalidParameterCombination, invalidParameterValue, required } from "../errors.ts";
import { aggregate, isValidPeriod } from "../query.ts";
import { isPercentile, isStatistic, type Statistic, statisticValue } from "../statistics.ts";
import { checkDimensions } from "./listMetrics.ts";

const MAX_DATAPOINTS = 1440;

export function getMetricStatistics(cw: CloudWatch, input: GetMetricStatisticsInput, ctx: RequestContext) {
  required(input, "Namespace", "MetricName", "StartTime", "EndTime", "Period");
  checkDimensions(input.Dimensions, "Dimensions", 30);
  const stats = input.Statistics ?? [];
  const extended = input.ExtendedStatistics ?? [];
  if (!stats.length && !extended.length) throw invalidParameterCombination("Must specify either Statistics or ExtendedStatistics.");
  if (stats.length > 5) throw invalidParameterValue("The collection Statistics must not have a size greater than 5.");
  if (extended.length > 10) throw invalidParameterValue("The collection ExtendedStatistics must not have a size greater than 10.");
  for (const s of stats) if (!isStatistic(s)) throw invalidParameterValue(`The value ${s} for parameter Statistics is not valid.`);
  for (const s of extended) if (!isPercentile(s)) throw invalidParameterValue(`The value ${s} for parameter ExtendedStatistics is not a valid percentile such as p99.`);
  const period = input.Period!;
  if (!isValidPeriod(period)) throw invalidParameterValue("The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60.");
  const start = Math.floor(input.StartTime!.getTime() / 1000);
  const end = Math.ceil(input.EndTime!.getTime() / 1000);
  if (start >= end) throw invalidParameterValue("The parameter StartTime must be less than the parameter EndTime.");
  const requested = Math.ceil((end - start) / period);
  if (requested > MAX_DATAPOINTS) {
    throw invalidParameterCombination(`You have requested up to ${requested.toLocaleString("en-US")} datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`);
  }
  const metric = { Namespace: input.Namespace, MetricName: input.MetricName, Dimensions: input.Dimensions ?? [] };
  const agg = aggregate(cw.store.metrics, { account: ctx.accountId, region: ctx.region }, metric, start, end, period, input.Unit);
  const Datapoints: Datapoint[] = [...agg.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([ts, b]) => {
      const dp: Datapoint = { Timestamp: new Date(ts * 1000), Unit: b.unit as StandardUnit };
      for (const s of stats) (dp as Record<Statistic, number | undefined>)[s as Statistic] = statisticValue(b, s);
      if (extended.length) {
        dp.ExtendedStatistics = {};
        for (const s of extended) {
          const v = statisticValue(b, s);
          if (v !== undefined) dp.ExtendedStatistics[s] = v;
        }
      }
      return dp;
    });
  return { Label: input.MetricName, Datapoints } satisfies GetMetricStatisticsOutput;
}
