import type { DescribeAlarmsForMetricInput, DescribeAlarmsForMetricOutput } from "@aws-sdk/client-cloudwatch";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudWatch } from "../index.ts";
import { required } from "../errors.ts";
import { seriesKey } from "../metrics.ts";
import { alarmsIn } from "../store.ts";
import { alarmView } from "./describeAlarms.ts";

export function describeAlarmsForMetric(cw: CloudWatch, input: DescribeAlarmsForMetricInput, ctx: RequestContext) {
  required(input, "MetricName", "Namespace");
  const key = seriesKey("", "", { ...input, Dimensions: input.Dimensions ?? [] });
  const alarms = alarmsIn(cw.store, ctx.accountId, ctx.region).filter(
    (a) =>
      a.MetricName === input.MetricName &&
      a.Namespace === input.Namespace &&
      (!input.Dimensions || seriesKey("", "", a) === key) &&
      (!input.Statistic || a.Statistic === input.Statistic) &&
      (!input.ExtendedStatistic || a.ExtendedStatistic === input.ExtendedStatistic) &&
      (!input.Period || a.Period === input.Period) &&
      (!input.Unit || a.Unit === input.Unit),
  );
  return { MetricAlarms: alarms.map(alarmView) } satisfies DescribeAlarmsForMetricOutput;
}
