// CloudWatch: metrics, statistics, GetMetricData, alarms that evaluate and notify SNS,
// dashboards. Speaks JSON 1.0 (SDK v3, botocore ≥ 1.37) and awsQuery (older CLIs).
import * as schemas from "@aws-sdk/client-cloudwatch";
import type { Operation, RequestContext, ServiceEnv, ServiceModule } from "../../core/service.ts";
import { AlarmEvaluator } from "../../runtime/alarms/evaluator.ts";
import type { TransitionDeps } from "../../runtime/alarms/transition.ts";
import { SqsMetricsPublisher } from "../../runtime/sqs-metrics/publisher.ts";
import { deleteAlarms } from "./actions/deleteAlarms.ts";
import { deleteDashboards } from "./actions/deleteDashboards.ts";
import { describeAlarmHistory } from "./actions/describeAlarmHistory.ts";
import { describeAlarms } from "./actions/describeAlarms.ts";
import { describeAlarmsForMetric } from "./actions/describeAlarmsForMetric.ts";
import { disableAlarmActions } from "./actions/disableAlarmActions.ts";
import { enableAlarmActions } from "./actions/enableAlarmActions.ts";
import { getDashboard } from "./actions/getDashboard.ts";
import { getMetricData } from "./actions/getMetricData.ts";
import { getMetricStatistics } from "./actions/getMetricStatistics.ts";
import { listDashboards } from "./actions/listDashboards.ts";
import { listMetrics } from "./actions/listMetrics.ts";
import { listTagsForResource } from "./actions/listTagsForResource.ts";
import { putDashboard } from "./actions/putDashboard.ts";
import { putMetricAlarm } from "./actions/putMetricAlarm.ts";
import { putMetricData } from "./actions/putMetricData.ts";
import { setAlarmState } from "./actions/setAlarmState.ts";
import { tagResource } from "./actions/tagResource.ts";
import { untagResource } from "./actions/untagResource.ts";
import { type CloudWatchStore, createStore } from "./store.ts";

/** What every CloudWatch operation receives besides its input. */
export interface CloudWatch {
  store: CloudWatchStore;
  evaluator: AlarmEvaluator;
  transitions: TransitionDeps;
}

export interface CloudWatchOptions {
  /** Seconds between AWS/SQS metric samples (env CLOUDWATCH_SQS_METRICS_INTERVAL, default 5; 0 disables). */
  sqsMetricsIntervalS?: number;
}

export function cloudwatch(env: ServiceEnv, opts: CloudWatchOptions = {}): ServiceModule {
  const store = createStore(env);
  const transitions: TransitionDeps = { store, api: env.api, log: (message, extra) => env.log("cloudwatch", message, extra) };
  const cw: CloudWatch = { store, evaluator: new AlarmEvaluator(transitions), transitions };
  const intervalS = opts.sqsMetricsIntervalS ?? Number(process.env.CLOUDWATCH_SQS_METRICS_INTERVAL ?? 5);
  const sqsMetrics = new SqsMetricsPublisher({ api: env.api, metrics: store.metrics, intervalMs: intervalS * 1000, selfUrl: env.selfUrl, log: transitions.log });

  const bind =
    <I, O>(op: (cw: CloudWatch, input: I, ctx: RequestContext) => O | Promise<O>): Operation<I, O> =>
    (input, ctx) =>
      op(cw, input ?? ({} as I), ctx);

  return {
    name: "cloudwatch",
    signingNames: ["monitoring"],
    targetPrefixes: ["GraniteServiceVersion20100801"],
    protocols: ["json", "query"],
    xmlNamespace: "http://monitoring.amazonaws.com/doc/2010-08-01/",
    schemas,
    operations: {
      PutMetricData: bind(putMetricData),
      GetMetricStatistics: bind(getMetricStatistics),
      GetMetricData: bind(getMetricData),
      ListMetrics: bind(listMetrics),
      PutMetricAlarm: bind(putMetricAlarm),
      DescribeAlarms: bind(describeAlarms),
      DescribeAlarmsForMetric: bind(describeAlarmsForMetric),
      DescribeAlarmHistory: bind(describeAlarmHistory),
      SetAlarmState: bind(setAlarmState),
      DeleteAlarms: bind(deleteAlarms),
      EnableAlarmActions: bind(enableAlarmActions),
      DisableAlarmActions: bind(disableAlarmActions),
      PutDashboard: bind(putDashboard),
      GetDashboard: bind(getDashboard),
      ListDashboards: bind(listDashboards),
      DeleteDashboards: bind(deleteDashboards),
      TagResource: bind(tagResource),
      UntagResource: bind(untagResource),
      ListTagsForResource: bind(listTagsForResource),
    },
    start() {
      store.metrics.start();
      cw.evaluator.start();
      if (intervalS > 0) sqsMetrics.start();
    },
    stop() {
      sqsMetrics.stop();
      cw.evaluator.stop();
      store.metrics.stop();
      store.db.close();
    },
    reset() {
      store.metrics.clear();
      store.history.clear();
      store.alarms.dropAll();
      store.dashboards.dropAll();
      sqsMetrics.reset();
    },
  };
}

export const scopeOf = (ctx: RequestContext) => ({ account: ctx.accountId, region: ctx.region });
