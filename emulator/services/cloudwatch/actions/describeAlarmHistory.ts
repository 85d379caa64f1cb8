import type { DescribeAlarmHistoryInput, DescribeAlarmHistoryOutput } from "@aws-sdk/client-cloudwatch";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudWatch } from "../index.ts";
import { invalidParameterValue, page } from "../errors.ts";

const ITEM_TYPES = ["ConfigurationUpdate", "StateUpdate", "Action", "AlarmContributorStateUpdate", "AlarmContributorAction"];

export function describeAlarmHistory(cw: CloudWatch, input: DescribeAlarmHistoryInput, ctx: RequestContext) {
  if (input.HistoryItemType && !ITEM_TYPES.includes(input.HistoryItemType)) throw invalidParameterValue(`The value ${input.HistoryItemType} for parameter HistoryItemType is not valid.`);
  const max = input.MaxRecords ?? 100;
  if (max < 1 || max > 100) throw invalidParameterValue("The parameter MaxRecords must be between 1 and 100.");
  if (input.AlarmTypes?.length && !input.AlarmTypes.includes("MetricAlarm")) return { AlarmHistoryItems: [] } satisfies DescribeAlarmHistoryOutput;
  const items = cw.store.history.query(ctx.accountId, ctx.region, {
    alarm: input.AlarmName,
    type: input.HistoryItemType,
    start: input.StartDate?.getTime(),
    end: input.EndDate?.getTime(),
    descending: input.ScanBy !== "TimestampAscending",
  });
  const { items: pageItems, next } = page(items, max, input.NextToken);
  return { AlarmHistoryItems: pageItems, NextToken: next } satisfies DescribeAlarmHistoryOutput;
}
