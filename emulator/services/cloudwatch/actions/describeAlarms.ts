import type { DescribeAlarmsInput, DescribeAlarmsOutput, MetricAlarm } from "@aws-sdk/client-cloudwatch";
import type { RequestContext } from "../../../core/service.ts";
import { ALARM_STATES } from "../../../runtime/alarms/evaluate.ts";
import type { CloudWatch } from "../index.ts";
import { invalidParameterCombination, invalidParameterValue, page } from "../errors.ts";
import { type AlarmRecord, alarmsIn } from "../store.ts";

/** The record as DescribeAlarms shows it (tags are only visible through ListTagsForResource). */
export const alarmView = ({ Tags, ...a }: AlarmRecord): MetricAlarm => a;

export function checkStateValue(v: string | undefined, where = "StateValue") {
  if (v !== undefined && !ALARM_STATES.includes(v as (typeof ALARM_STATES)[number])) {
    throw invalidParameterValue(`The value ${v} for parameter ${where} must be one of ${ALARM_STATES.join(", ")}.`);
  }
}

export function describeAlarms(cw: CloudWatch, input: DescribeAlarmsInput, ctx: RequestContext) {
  if (input.AlarmNames?.length && input.AlarmNamePrefix) throw invalidParameterCombination("AlarmNames and AlarmNamePrefix are mutually exclusive.");
  if ((input.AlarmNames?.length ?? 0) > 100) throw invalidParameterValue("The collection AlarmNames must not have a size greater than 100.");
  checkStateValue(input.StateValue);
  const max = input.MaxRecords ?? 50;
  if (max < 1 || max > 100) throw invalidParameterValue("The parameter MaxRecords must be between 1 and 100.");
  const names = input.AlarmNames?.length ? new Set(input.AlarmNames) : undefined;
  const wantsMetric = !input.AlarmTypes?.length || input.AlarmTypes.includes("MetricAlarm");
  const matches = wantsMetric
    ? alarmsIn(cw.store, ctx.accountId, ctx.region).filter(
        (a) =>
          (!names || names.has(a.AlarmName)) &&
          (!input.AlarmNamePrefix || a.AlarmName.startsWith(input.AlarmNamePrefix)) &&
          (!input.StateValue || a.StateValue === input.StateValue) &&
          (!input.ActionPrefix || [...(a.AlarmActions ?? []), ...(a.OKActions ?? []), ...(a.InsufficientDataActions ?? [])].some((x) => x.startsWith(input.ActionPrefix!))),
      )
    : [];
  const { items, next } = page(matches, max, input.NextToken);
  return { MetricAlarms: items.map(alarmView), CompositeAlarms: [], NextToken: next } satisfies DescribeAlarmsOutput;
}
