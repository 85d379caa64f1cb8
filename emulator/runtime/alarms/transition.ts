// An alarm state change: the guarded transition, its history items and its actions.
// Notifications follow the JSON AWS publishes to SNS for alarm state changes:
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarm-sns-notification
import { scopedKey } from "../../core/state.ts";
import type { EmulatorApi } from "../../core/service.ts";
import type { AlarmRecord, CloudWatchStore } from "../../services/cloudwatch/store.ts";
import { type AlarmState, awsTimestamp } from "./evaluate.ts";

export interface AlarmScope {
  account: string;
  region: string;
}

export interface StateChange {
  state: AlarmState;
  reason: string;
  reasonData?: string;
}

export interface TransitionDeps {
  store: CloudWatchStore;
  api: EmulatorApi;
  log(message: string, extra?: Record<string, unknown>): void;
}

const REGION_NAMES: Record<string, string> = {
  "us-east-1": "US East (N. Virginia)",
  "us-east-2": "US East (Ohio)",
  "us-west-1": "US West (N. California)",
  "us-west-2": "US West (Oregon)",
  "eu-west-1": "EU (Ireland)",
  "eu-west-2": "EU (London)",
  "eu-central-1": "EU (Frankfurt)",
  "ap-southeast-1": "Asia Pacific (Singapore)",
  "ap-southeast-2": "Asia Pacific (Sydney)",
  "ap-northeast-1": "Asia Pacific (Tokyo)",
};
export const regionName = (region: string) => REGION_NAMES[region] ?? region;

/**
 * Moves an alarm to `next.state` if that is a change: updates the record, writes the
 * StateUpdate history item and runs the actions of the new state (when actions are enabled).
 * Returns false when the alarm already was in that state.
 */
export async function transition(deps: TransitionDeps, scope: AlarmScope, alarm: AlarmRecord, next: StateChange, now = new Date()): Promise<boolean> {
  const key = scopedKey({ accountId: scope.account, region: scope.region }, alarm.AlarmName);
  const old = { value: alarm.StateValue ?? "INSUFFICIENT_DATA", reason: alarm.StateReason ?? "" };
  // An alarm deleted or replaced while it was being evaluated is left alone.
  if (old.value === next.state || deps.store.alarms.get(key) !== alarm) return false;
  alarm.StateValue = next.state;
  alarm.StateReason = next.reason;
  alarm.StateReasonData = next.reasonData;
  alarm.StateUpdatedTimestamp = now;
  alarm.StateTransitionedTimestamp = now;
  deps.store.alarms.set(key, alarm);

  const newState: Record<string, unknown> = { stateValue: next.state, stateReason: next.reason };
  if (next.reasonData) newState.stateReasonData = JSON.parse(next.reasonData);
  deps.store.history.add(scope.account, scope.region, {
    AlarmName: alarm.AlarmName,
    AlarmType: "MetricAlarm",
    Timestamp: now,
    HistoryItemType: "StateUpdate",
    HistorySummary: `Alarm updated from ${old.value} to ${next.state}`,
    HistoryData: JSON.stringify({ version: "1.0", oldState: { stateValue: old.value, stateReason: old.reason }, newState }),
  });

  if (alarm.ActionsEnabled !== false) await runActions(deps, scope, alarm, old.value, now);
  return true;
}

function actionsFor(alarm: AlarmRecord): string[] {
  if (alarm.StateValue === "ALARM") return alarm.AlarmActions ?? [];
  if (alarm.StateValue === "OK") return alarm.OKActions ?? [];
  return alarm.InsufficientDataActions ?? [];
}

async function runActions(deps: TransitionDeps, scope: AlarmScope, alarm: AlarmRecord, oldState: string, now: Date) {
  for (const arn of actionsFor(alarm)) {
    let summary: string;
    let data: Record<string, unknown>;
    try {
      if (!arn.startsWith("arn:aws:sns:")) throw new Error("only SNS topic actions are supported by this emulator");
      const { subject, message } = notification(scope, alarm, oldState, now);
      const out = await deps.api.call<{ MessageId?: string }>("sns", "Publish", { TopicArn: arn, Subject: subject, Message: message }, { accountId: scope.account, region: scope.region });
      summary = `Successfully executed action ${arn}`;
      data = { actionState: "Succeeded", stateUpdateTimestamp: now.getTime(), notificationResource: arn, publishedMessage: { messageId: out?.MessageId } };
    } catch (e) {
      const why = (e as Error).message;
      deps.log("alarm action failed", { alarm: alarm.AlarmName, action: arn, error: why });
      summary = `Failed to execute action ${arn}. Received error: "${why}"`;
      data = { actionState: "Failed", stateUpdateTimestamp: now.getTime(), notificationResource: arn, error: why };
    }
    deps.store.history.add(scope.account, scope.region, {
      AlarmName: alarm.AlarmName,
      AlarmType: "MetricAlarm",
      Timestamp: new Date(),
      HistoryItemType: "Action",
      HistorySummary: summary,
      HistoryData: JSON.stringify(data),
    });
  }
}

/** The Subject and Message CloudWatch publishes to SNS for a state change. */
export function notification(scope: AlarmScope, alarm: AlarmRecord, oldState: string, now: Date) {
  const region = regionName(scope.region);
  const subject = `${alarm.StateValue}: "${alarm.AlarmName}" in ${region}`;
  const trigger: Record<string, unknown> = alarm.Metrics
    ? { Metrics: alarm.Metrics }
    : {
        MetricName: alarm.MetricName,
        Namespace: alarm.Namespace,
        StatisticType: alarm.ExtendedStatistic ? "ExtendedStatistic" : "Statistic",
        Statistic: alarm.ExtendedStatistic ?? alarm.Statistic?.toUpperCase(),
        Unit: alarm.Unit ?? null,
        Dimensions: (alarm.Dimensions ?? []).map((d) => ({ value: d.Value, name: d.Name })),
      };
  const message = {
    AlarmName: alarm.AlarmName,
    AlarmDescription: alarm.AlarmDescription ?? null,
    AWSAccountId: scope.account,
    AlarmConfigurationUpdatedTimestamp: alarm.AlarmConfigurationUpdatedTimestamp ? awsTimestamp(alarm.AlarmConfigurationUpdatedTimestamp) : null,
    NewStateValue: alarm.StateValue,
    NewStateReason: alarm.StateReason,
    StateChangeTime: awsTimestamp(now),
    Region: region,
    AlarmArn: alarm.AlarmArn,
    OldStateValue: oldState,
    OKActions: alarm.OKActions ?? [],
    AlarmActions: alarm.AlarmActions ?? [],
    InsufficientDataActions: alarm.InsufficientDataActions ?? [],
    Trigger: {
      ...trigger,
      Period: alarm.Period,
      EvaluationPeriods: alarm.EvaluationPeriods,
      DatapointsToAlarm: alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods,
      ComparisonOperator: alarm.ComparisonOperator,
      Threshold: alarm.Threshold,
      TreatMissingData: alarm.TreatMissingData ?? "missing",
      EvaluateLowSampleCountPercentile: alarm.EvaluateLowSampleCountPercentile ?? "",
    },
  };
  // SNS limits subjects to 100 characters.
  return { subject: subject.length > 100 ? `${subject.slice(0, 97)}...` : subject, message: JSON.stringify(message) };
}
