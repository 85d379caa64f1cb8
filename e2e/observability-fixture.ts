// Signals for the Observability page, written straight to the test emulator through the SDK as
// the lab's services would write them: metrics, a 3-hop trace, a log group, an alarm that fires.
// Nothing here needs the lab deployed; what it creates (except metrics and traces, which
// CloudWatch and X-Ray cannot delete) is removed by `cleanup`.
import { CloudWatchClient, DeleteAlarmsCommand, PutMetricAlarmCommand, PutMetricDataCommand, SetAlarmStateCommand } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, DeleteLogGroupCommand, PutLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateTopicCommand, DeleteTopicCommand, ListTopicsCommand, SNSClient } from "@aws-sdk/client-sns";
import { PutTraceSegmentsCommand, XRayClient } from "@aws-sdk/client-xray";
import { randomBytes } from "node:crypto";
import { logGroupFor, METRICS, SERVICES, TOPICS } from "../lib/lab/contract.ts";

export const SEEDED = {
  alarm: "e2e-notification-errors",
  alarmReason: "e2e: notification-service answered 3 errors in 10 s",
  logGroup: logGroupFor(SERVICES.user),
  logLines: ["user fetched", "database timeout"],
  /** The user-service hop of the trace takes 40 ms: p50 = p90 = p99 on its edge. */
  userCallMs: 40,
} as const;

export function clients(endpoint: string) {
  const aws = { region: "us-east-1", endpoint, credentials: { accessKeyId: "test", secretAccessKey: "test" } };
  return { cw: new CloudWatchClient(aws), logs: new CloudWatchLogsClient(aws), sns: new SNSClient(aws), xray: new XRayClient(aws) };
}
type Clients = ReturnType<typeof clients>;

/** Requests, Errors, Latency (raw values, so percentiles exist), a breaker OPEN and events, all "now". */
export async function putLabMetrics({ cw }: Clients) {
  const Timestamp = new Date();
  const dim = (Name: string, Value: string) => [{ Name, Value }];
  const common = { Timestamp, StorageResolution: 1 };
  await cw.send(
    new PutMetricDataCommand({
      Namespace: METRICS.namespace,
      MetricData: [
        { ...common, MetricName: METRICS.requests, Dimensions: dim("Service", SERVICES.order), Unit: "Count", Value: 12 },
        { ...common, MetricName: METRICS.requests, Dimensions: dim("Service", SERVICES.user), Unit: "Count", Value: 6 },
        { ...common, MetricName: METRICS.errors, Dimensions: dim("Service", SERVICES.order), Unit: "Count", Value: 3 },
        { ...common, MetricName: METRICS.latency, Dimensions: dim("Service", SERVICES.order), Unit: "Milliseconds", Values: [20, 40, 80], Counts: [1, 1, 1] },
        { ...common, MetricName: METRICS.circuitBreakerState, Dimensions: dim("ServiceName", SERVICES.user), Unit: "None", Value: 2 },
        { ...common, MetricName: METRICS.circuitBreakerState, Dimensions: dim("ServiceName", SERVICES.inventory), Unit: "None", Value: 0 },
        { ...common, MetricName: METRICS.eventsProcessed, Dimensions: dim("EventType", "order_created"), Unit: "Count", Value: 4 },
      ],
    }),
  );
}

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

/** order-service (POST /orders) → user-service over HTTP → inventory-service through SNS/SQS. */
export async function putThreeHopTrace({ xray }: Clients): Promise<string> {
  const t0 = Date.now() / 1000 - 1;
  const traceId = `1-${Math.floor(t0).toString(16).padStart(8, "0")}-${hex(12)}`;
  const ids = { order: hex(8), userCall: hex(8), publish: hex(8), user: hex(8), inventory: hex(8) };
  const ms = SEEDED.userCallMs / 1000;
  const order = {
    name: SERVICES.order,
    id: ids.order,
    trace_id: traceId,
    start_time: t0,
    end_time: t0 + 0.2,
    http: { request: { method: "POST", url: "http://127.0.0.1:8080/orders" }, response: { status: 201 } },
    subsegments: [
      { name: SERVICES.user, id: ids.userCall, namespace: "remote", start_time: t0 + 0.01, end_time: t0 + 0.02 + ms, http: { request: { method: "GET", url: "http://user-service.cross-service.local/users/123" }, response: { status: 200 } } },
      { name: "SNS", id: ids.publish, namespace: "aws", start_time: t0 + 0.1, end_time: t0 + 0.12, aws: { operation: "Publish", topic_arn: "arn:aws:sns:us-east-1:000000000000:order-events" } },
    ],
  };
  const user = { name: SERVICES.user, id: ids.user, trace_id: traceId, parent_id: ids.userCall, start_time: t0 + 0.015, end_time: t0 + 0.015 + ms, http: { request: { method: "GET", url: "/users/123" }, response: { status: 200 } } };
  const inventory = { name: SERVICES.inventory, id: ids.inventory, trace_id: traceId, parent_id: ids.publish, start_time: t0 + 0.3, end_time: t0 + 0.34 };
  const out = await xray.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: [order, user, inventory].map((d) => JSON.stringify(d)) }));
  if (out.UnprocessedTraceSegments?.length) throw new Error(`X-Ray rejected segments: ${JSON.stringify(out.UnprocessedTraceSegments)}`);
  return traceId;
}

export async function putUserServiceLogs({ logs }: Clients) {
  await logs.send(new CreateLogGroupCommand({ logGroupName: SEEDED.logGroup })).catch((e) => {
    if (e.name !== "ResourceAlreadyExistsException") throw e;
  });
  const logStreamName = `ecs/user-service/${hex(8)}`;
  await logs.send(new CreateLogStreamCommand({ logGroupName: SEEDED.logGroup, logStreamName }));
  const now = Date.now();
  await logs.send(
    new PutLogEventsCommand({
      logGroupName: SEEDED.logGroup,
      logStreamName,
      logEvents: [
        { timestamp: now - 2000, message: JSON.stringify({ time: new Date(now - 2000).toISOString(), level: "info", service: "user-service", msg: SEEDED.logLines[0], userId: "123" }) },
        { timestamp: now - 1000, message: JSON.stringify({ time: new Date(now - 1000).toISOString(), level: "error", service: "user-service", msg: SEEDED.logLines[1], userId: "456", ms: 5003 }) },
      ],
    }),
  );
}

/** The lab-alarms topic (created when missing) and an alarm that notifies it, set to ALARM. */
export async function fireAlarm({ cw, sns }: Clients): Promise<{ topicArn: string; createdTopic: boolean }> {
  const existing = (await sns.send(new ListTopicsCommand({}))).Topics?.find((t) => t.TopicArn?.endsWith(`:${TOPICS.labAlarms}`))?.TopicArn;
  const topicArn = existing ?? ((await sns.send(new CreateTopicCommand({ Name: TOPICS.labAlarms }))).TopicArn as string);
  await cw.send(
    new PutMetricAlarmCommand({
      AlarmName: SEEDED.alarm,
      Namespace: METRICS.namespace,
      MetricName: METRICS.errors,
      // A metric nothing else writes, and `ignore`: the state set below holds until the test ends.
      Dimensions: [{ Name: "Service", Value: SERVICES.notification }],
      Statistic: "Sum",
      Period: 10,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      TreatMissingData: "ignore",
      AlarmActions: [topicArn],
      OKActions: [topicArn],
    }),
  );
  await cw.send(new SetAlarmStateCommand({ AlarmName: SEEDED.alarm, StateValue: "ALARM", StateReason: SEEDED.alarmReason }));
  return { topicArn, createdTopic: !existing };
}

export async function cleanup({ cw, logs, sns }: Clients, made: { topicArn?: string; alarms: string[] }) {
  // DeleteAlarms fails as a whole on a name that is gone (a test may have deleted it already).
  for (const name of made.alarms) {
    await cw.send(new DeleteAlarmsCommand({ AlarmNames: [name] })).catch((e) => {
      if (e.name !== "ResourceNotFound") throw e;
    });
  }
  await logs.send(new DeleteLogGroupCommand({ logGroupName: SEEDED.logGroup })).catch(() => undefined);
  if (made.topicArn) await sns.send(new DeleteTopicCommand({ TopicArn: made.topicArn }));
}

// `node e2e/observability-fixture.ts <endpoint>` seeds a running emulator by hand, to look at the page.
if (import.meta.url === `file://${process.argv[1]}`) {
  const c = clients(process.argv[2] ?? "http://127.0.0.1:4566");
  await putLabMetrics(c);
  console.log("trace", await putThreeHopTrace(c));
  await putUserServiceLogs(c);
  console.log(await fireAlarm(c));
}
