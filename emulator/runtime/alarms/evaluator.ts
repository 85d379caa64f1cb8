// The alarm evaluation loop. It ticks every second; each alarm is evaluated once per
// evaluation interval (10 s for high-resolution periods under a minute, 60 s otherwise),
// one second after the interval boundary, over the periods completed by then. An alarm seen
// for the first time (created, updated, or after a restart) is evaluated on the next tick.
// A SetAlarmState therefore holds until the next evaluation, as in AWS.
import type { MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { MetricId } from "../../services/cloudwatch/metrics.ts";
import { runQueries, statSeries } from "../../services/cloudwatch/query.ts";
import type { AlarmRecord } from "../../services/cloudwatch/store.ts";
import { type AlarmRule, awsTimestamp, type Comparison, type Datapoint, evaluateAlarm, type MissingData } from "./evaluate.ts";
import { type AlarmScope, type TransitionDeps, transition } from "./transition.ts";

const TICK_MS = 1000;

export class AlarmEvaluator {
  private deps: TransitionDeps;
  private timer: NodeJS.Timeout | undefined;
  /** Alarm key → evaluation slot last evaluated. */
  private lastSlot = new Map<string, number>();
  private running = false;

  constructor(deps: TransitionDeps) {
    this.deps = deps;
  }

  start() {
    this.timer ??= setInterval(() => void this.tick(), TICK_MS).unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.lastSlot.clear();
  }

  /** Evaluate this alarm on the next tick (after it was created or reconfigured). */
  touch(key: string) {
    this.lastSlot.delete(key);
  }

  async tick(now = Date.now()) {
    if (this.running) return;
    this.running = true;
    try {
      const nowS = Math.floor(now / 1000);
      for (const [key, alarm] of [...this.deps.store.alarms.entries()]) {
        const interval = alarmPeriod(alarm) < 60 ? 10 : 60;
        const slot = Math.floor((nowS - 1) / interval);
        if (this.lastSlot.get(key) === slot) continue;
        this.lastSlot.set(key, slot);
        const [account, region] = key.split("/", 2);
        try {
          await this.evaluate({ account, region }, alarm, now);
        } catch (e) {
          this.deps.log("alarm evaluation failed", { alarm: alarm.AlarmName, error: (e as Error).message });
        }
      }
    } finally {
      this.running = false;
    }
  }

  async evaluate(scope: AlarmScope, alarm: AlarmRecord, now: number) {
    const period = alarmPeriod(alarm);
    const n = alarm.EvaluationPeriods ?? 1;
    const rangeSize = n + 2;
    const end = Math.floor(now / 1000 / period) * period;
    const start = end - rangeSize * period;
    const values = alarmSeries(this.deps, scope, alarm, start, end, period);
    const range: Datapoint[] = [];
    for (let ts = start; ts < end; ts += period) range.push({ ts, value: values.get(ts) });
    const rule: AlarmRule = {
      evaluationPeriods: n,
      datapointsToAlarm: alarm.DatapointsToAlarm ?? n,
      comparison: alarm.ComparisonOperator as Comparison,
      threshold: alarm.Threshold ?? 0,
      missing: (alarm.TreatMissingData ?? "missing") as MissingData,
    };
    const verdict = evaluateAlarm(rule, range);
    if (verdict.state === "RETAIN") return;
    const reasonData = {
      version: "1.0",
      queryDate: awsTimestamp(new Date(now)),
      startDate: awsTimestamp(new Date(start * 1000)),
      ...(alarm.Metrics ? {} : alarm.ExtendedStatistic ? { unit: alarm.Unit, extendedStatistic: alarm.ExtendedStatistic } : { unit: alarm.Unit, statistic: alarm.Statistic }),
      period,
      recentDatapoints: verdict.evaluated.map((d) => d.value),
      threshold: rule.threshold,
      evaluatedDatapoints: verdict.evaluated.map((d) => ({ timestamp: awsTimestamp(new Date(d.ts * 1000)), value: d.value })),
    };
    await transition(this.deps, scope, alarm, { state: verdict.state, reason: verdict.reason, reasonData: JSON.stringify(reasonData) }, new Date(now));
  }
}

export function alarmPeriod(alarm: AlarmRecord): number {
  if (alarm.Period) return alarm.Period;
  const withStat = alarm.Metrics?.find((m) => m.MetricStat?.Period);
  return withStat?.MetricStat?.Period ?? alarm.Metrics?.find((m) => m.Period)?.Period ?? 60;
}

/** The value per period of what the alarm watches: its metric, or the query with ReturnData. */
function alarmSeries(deps: TransitionDeps, scope: AlarmScope, alarm: AlarmRecord, start: number, end: number, period: number): Map<number, number> {
  const stat = alarm.ExtendedStatistic ?? alarm.Statistic;
  if (!alarm.Metrics) {
    const metric: MetricId = { Namespace: alarm.Namespace!, MetricName: alarm.MetricName!, Dimensions: alarm.Dimensions ?? [] };
    return statSeries(deps.store.metrics, scope, metric, start, end, period, stat!, alarm.Unit);
  }
  const queries = alarm.Metrics.map((q): MetricDataQuery => (q.MetricStat ? { ...q, MetricStat: { ...q.MetricStat, Period: q.MetricStat.Period ?? period } } : q));
  const results = runQueries(deps.store.metrics, scope, queries, start, end);
  return results.find((r) => r.returnData)?.points ?? new Map();
}
