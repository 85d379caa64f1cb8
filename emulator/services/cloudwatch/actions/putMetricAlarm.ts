import type { PutMetricAlarmCommandOutput, PutMetricAlarmInput } from "@aws-sdk/client-cloudwatch";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import { COMPARISONS, MISSING_DATA } from "../../../runtime/alarms/evaluate.ts";
import { alarmsIn, type AlarmRecord } from "../store.ts";
import type { CloudWatch } from "../index.ts";
import { invalidParameterCombination, invalidParameterValue, limitExceeded, required } from "../errors.ts";
import { checkStat, isValidPeriod } from "../query.ts";
import { isPercentile, isStatistic } from "../statistics.ts";
import { checkDimensions } from "./listMetrics.ts";
import { checkTags } from "./tagResource.ts";

const MAX_ALARMS = 5000;
const ACTION_ARN = /^arn:aws[a-z-]*:(sns|lambda|autoscaling|ec2|ssm|ssm-incidents|swf|automate):/;

export const alarmArn = (ctx: RequestContext, name: string) => `arn:aws:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:${name}`;

export function putMetricAlarm(cw: CloudWatch, input: PutMetricAlarmInput, ctx: RequestContext) {
  required(input, "AlarmName", "EvaluationPeriods", "ComparisonOperator");
  validate(input);
  const key = scopedKey(ctx, input.AlarmName!);
  const existing = cw.store.alarms.get(key);
  if (!existing && alarmsIn(cw.store, ctx.accountId, ctx.region).length >= MAX_ALARMS) throw limitExceeded(`The maximum number of alarms (${MAX_ALARMS}) has been reached.`);
  const now = new Date();
  // Updating an alarm replaces its configuration but keeps its state.
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
  const alarm: AlarmRecord = {
    AlarmName: input.AlarmName!,
    AlarmArn: alarmArn(ctx, input.AlarmName!),
    AlarmDescription: input.AlarmDescription,
    AlarmConfigurationUpdatedTimestamp: now,
    ActionsEnabled: input.ActionsEnabled ?? true,
    OKActions: input.OKActions ?? [],
    AlarmActions: input.AlarmActions ?? [],
    InsufficientDataActions: input.InsufficientDataActions ?? [],
    StateValue: existing?.StateValue ?? "INSUFFICIENT_DATA",
    StateReason: existing?.StateReason ?? "Unchecked: Initial alarm creation",
    StateReasonData: existing?.StateReasonData,
    StateUpdatedTimestamp: existing?.StateUpdatedTimestamp ?? now,
    StateTransitionedTimestamp: existing?.StateTransitionedTimestamp ?? now,
    MetricName: input.MetricName,
    Namespace: input.Namespace,
    Statistic: input.Statistic,
    ExtendedStatistic: input.ExtendedStatistic,
    Dimensions: input.Dimensions ?? (input.Metrics ? undefined : []),
    Period: input.Period,
    Unit: input.Unit,
    EvaluationPeriods: input.EvaluationPeriods,
    DatapointsToAlarm: input.DatapointsToAlarm,
    Threshold: input.Threshold,
    ComparisonOperator: input.ComparisonOperator,
    TreatMissingData: input.TreatMissingData,
    EvaluateLowSampleCountPercentile: input.EvaluateLowSampleCountPercentile,
    Metrics: input.Metrics,
    Tags: existing?.Tags ?? input.Tags,
  };
  cw.store.alarms.set(key, alarm);
  cw.store.history.add(ctx.accountId, ctx.region, {
    AlarmName: alarm.AlarmName,
    AlarmType: "MetricAlarm",
    Timestamp: now,
    HistoryItemType: "ConfigurationUpdate",
    HistorySummary: `Alarm "${alarm.AlarmName}" ${existing ? "updated" : "created"}`,
    HistoryData: JSON.stringify({ version: "1.0", type: existing ? "Update" : "Create", [existing ? "updatedAlarm" : "createdAlarm"]: configOf(alarm) }),
  });
  cw.evaluator.touch(key);
  return {} satisfies Omit<PutMetricAlarmCommandOutput, "$metadata">;
}

function configOf(a: AlarmRecord) {
  const { StateValue, StateReason, StateReasonData, StateUpdatedTimestamp, StateTransitionedTimestamp, Tags, ...config } = a;
  return config;
}

function validate(input: PutMetricAlarmInput) {
  const name = input.AlarmName!;
  if (name.length > 255 || !/^[\x20-\x7e]+$/.test(name)) throw invalidParameterValue("The parameter AlarmName must contain 1 to 255 printable ASCII characters.");
  if (!COMPARISONS.includes(input.ComparisonOperator as (typeof COMPARISONS)[number])) {
    throw invalidParameterValue(`The value ${input.ComparisonOperator} for parameter ComparisonOperator is not supported here (anomaly-detection bands are not emulated); use ${COMPARISONS.join(", ")}.`);
  }
  if (input.Threshold === undefined) throw invalidParameterCombination("Threshold is required (ThresholdMetricId alarms on anomaly detection are not emulated).");
  const n = input.EvaluationPeriods!;
  if (!Number.isInteger(n) || n < 1) throw invalidParameterValue("The parameter EvaluationPeriods must be at least 1.");
  const m = input.DatapointsToAlarm ?? n;
  if (!Number.isInteger(m) || m < 1 || m > n) throw invalidParameterValue("The parameter DatapointsToAlarm must be between 1 and EvaluationPeriods.");
  if (input.TreatMissingData !== undefined && !MISSING_DATA.includes(input.TreatMissingData as (typeof MISSING_DATA)[number])) {
    throw invalidParameterValue(`The value ${input.TreatMissingData} for parameter TreatMissingData is not valid; use ${MISSING_DATA.join(", ")}.`);
  }
  for (const field of ["AlarmActions", "OKActions", "InsufficientDataActions"] as const) {
    const list = input[field] ?? [];
    if (list.length > 5) throw invalidParameterValue(`The collection ${field} must not have a size greater than 5.`);
    for (const arn of list) if (!ACTION_ARN.test(arn)) throw invalidParameterValue(`Invalid arn syntax: ${arn}`);
  }
  if (input.Tags) checkTags(input.Tags);

  let period: number;
  if (input.Metrics?.length) {
    if (input.MetricName || input.Namespace || input.Statistic || input.ExtendedStatistic || input.Dimensions || input.Period) {
      throw invalidParameterCombination("Metrics cannot be combined with MetricName, Namespace, Statistic, ExtendedStatistic, Dimensions or Period.");
    }
    if (input.Metrics.filter((q) => q.ReturnData !== false).length !== 1) throw invalidParameterValue("Exactly one element of Metrics must have ReturnData set to true.");
    for (const q of input.Metrics) if (q.MetricStat) checkStat(q.MetricStat.Stat ?? "", "Metrics.MetricStat.Stat");
    period = input.Metrics.find((q) => q.MetricStat)?.MetricStat?.Period ?? input.Metrics.find((q) => q.Period)?.Period ?? 0;
  } else {
    required(input, "MetricName", "Namespace", "Period");
    checkDimensions(input.Dimensions, "Dimensions", 30);
    if (input.Statistic && input.ExtendedStatistic) throw invalidParameterCombination("The parameters Statistic and ExtendedStatistic are mutually exclusive and you have specified both.");
    if (!input.Statistic && !input.ExtendedStatistic) throw invalidParameterCombination("Must specify either Statistic or ExtendedStatistic.");
    if (input.Statistic && !isStatistic(input.Statistic)) throw invalidParameterValue(`The value ${input.Statistic} for parameter Statistic is not valid.`);
    if (input.ExtendedStatistic && !isPercentile(input.ExtendedStatistic)) throw invalidParameterValue(`The value ${input.ExtendedStatistic} for parameter ExtendedStatistic is not a valid percentile.`);
    period = input.Period!;
  }
  // High-resolution alarms use 10, 20 or 30 s; others a multiple of 60 s.
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#high-resolution-alarms
  if (!isValidPeriod(period) || period < 10) throw invalidParameterValue("The parameter Period must be 10, 20, 30 or a multiple of 60.");
  const maxSpan = period >= 3600 ? 7 * 86400 : 86400;
  if (period * n > maxSpan) throw invalidParameterValue(`The product of EvaluationPeriods and Period must not exceed ${maxSpan} seconds.`);
}
