import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  DescribeAlarmsForMetricCommand,
  DisableAlarmActionsCommand,
  EnableAlarmActionsCommand,
  ListTagsForResourceCommand,
  type PutMetricAlarmInput,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-cloudwatch";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { type AlarmRule, type Datapoint, evaluateAlarm, type MissingData } from "../runtime/alarms/evaluate.ts";
import { startTestGateway, type TestGateway, tempDir } from "./harness.ts";

const rejectsWith = (p: Promise<unknown>, code: string, status = 400) =>
  assert.rejects(p, (e: any) => {
    assert.equal(e.Code ?? e.name, code, e.message);
    assert.equal(e.$metadata.httpStatusCode, status);
    return true;
  });

const baseAlarm = (name: string, extra: Partial<PutMetricAlarmInput> = {}): PutMetricAlarmInput => ({
  AlarmName: name,
  Namespace: "Test/Alarms",
  MetricName: "Errors",
  Dimensions: [{ Name: "Service", Value: "order" }],
  Statistic: "Sum",
  Period: 60,
  EvaluationPeriods: 1,
  Threshold: 5,
  ComparisonOperator: "GreaterThanOrEqualToThreshold",
  ...extra,
});

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// The tables of https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
// ("How alarm state is evaluated when data is missing"): 0 within threshold, X breaching, - missing.
describe("alarm evaluation rules", () => {
  const range = (s: string): Datapoint[] => s.split(" ").map((c, i) => ({ ts: i * 60, value: c === "-" ? undefined : c === "X" ? 10 : 0 }));
  const verdict = (points: string, m: number, missing: MissingData) => {
    const rule: AlarmRule = { evaluationPeriods: 3, datapointsToAlarm: m, comparison: "GreaterThanThreshold", threshold: 5, missing };
    const s = evaluateAlarm(rule, range(points)).state;
    return s === "RETAIN" ? "Retain" : s === "INSUFFICIENT_DATA" ? "Insufficient" : s;
  };
  const cases: [string, number, string, string, string, string][] = [
    // points, M, MISSING, IGNORE, BREACHING, NOT BREACHING (3 of 3)
    ["0 - X - X", 3, "OK", "OK", "OK", "OK"],
    ["0 - - - -", 3, "OK", "OK", "OK", "OK"],
    ["- - - - -", 3, "Insufficient", "Retain", "ALARM", "OK"],
    ["0 X X - X", 3, "ALARM", "ALARM", "ALARM", "ALARM"],
    ["- - - - X", 3, "Insufficient", "Retain", "ALARM", "OK"],
    // 2 of 3
    ["0 - X - X", 2, "ALARM", "ALARM", "ALARM", "ALARM"],
    ["0 0 X 0 X", 2, "ALARM", "ALARM", "ALARM", "ALARM"],
    ["0 - X - -", 2, "OK", "OK", "ALARM", "OK"],
    ["- - - - 0", 2, "OK", "OK", "ALARM", "OK"],
    ["- - - - X", 2, "Insufficient", "Retain", "ALARM", "OK"],
  ];
  for (const [points, m, missing, ignore, breaching, notBreaching] of cases) {
    it(`${m} of 3 over [${points}]`, () => {
      assert.deepEqual(
        [verdict(points, m, "missing"), verdict(points, m, "ignore"), verdict(points, m, "breaching"), verdict(points, m, "notBreaching")],
        [missing, ignore, breaching, notBreaching],
      );
    });
  }

  it("describes the crossing in the reason as AWS does", () => {
    const v = evaluateAlarm({ evaluationPeriods: 1, datapointsToAlarm: 1, comparison: "GreaterThanThreshold", threshold: 50, missing: "missing" }, [{ ts: 0, value: 100 }]);
    assert.match(v.reason, /^Threshold Crossed: 1 out of the last 1 datapoints \[100\.0 \(01\/01\/70 00:00:00\)\] was greater than the threshold \(50\.0\)/);
  });
});

describe("alarms", () => {
  let gw: TestGateway;
  let cw: CloudWatchClient;
  before(async () => {
    gw = await startTestGateway();
    cw = new CloudWatchClient({ ...gw.clientConfig, maxAttempts: 1 });
  });
  after(() => gw.stop());

  it("creates, describes and filters alarms", async () => {
    await cw.send(new PutMetricAlarmCommand(baseAlarm("orders-errors", { AlarmDescription: "too many errors", Tags: [{ Key: "lab", Value: "cross-service-lab" }] })));
    await cw.send(new PutMetricAlarmCommand(baseAlarm("orders-latency", { MetricName: "Latency", Statistic: undefined, ExtendedStatistic: "p99", Threshold: 500 })));
    await cw.send(new PutMetricAlarmCommand(baseAlarm("users-errors", { Dimensions: [{ Name: "Service", Value: "user" }] })));
    const all = await cw.send(new DescribeAlarmsCommand({}));
    assert.deepEqual(
      all.MetricAlarms?.map((a) => a.AlarmName),
      ["orders-errors", "orders-latency", "users-errors"],
    );
    const a = all.MetricAlarms![0];
    assert.equal(a.StateValue, "INSUFFICIENT_DATA");
    assert.equal(a.StateReason, "Unchecked: Initial alarm creation");
    assert.equal(a.AlarmArn, "arn:aws:cloudwatch:us-east-1:000000000000:alarm:orders-errors");
    assert.equal(a.ActionsEnabled, true);
    assert.equal(a.AlarmDescription, "too many errors");
    assert.ok(a.AlarmConfigurationUpdatedTimestamp instanceof Date);
    const byPrefix = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: "orders-" }));
    assert.equal(byPrefix.MetricAlarms?.length, 2);
    const byName = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ["users-errors", "nope"] }));
    assert.deepEqual(
      byName.MetricAlarms?.map((x) => x.AlarmName),
      ["users-errors"],
    );
    const paged = await cw.send(new DescribeAlarmsCommand({ MaxRecords: 2 }));
    assert.equal(paged.MetricAlarms?.length, 2);
    const rest = await cw.send(new DescribeAlarmsCommand({ MaxRecords: 2, NextToken: paged.NextToken }));
    assert.deepEqual(
      rest.MetricAlarms?.map((x) => x.AlarmName),
      ["users-errors"],
    );
    const forMetric = await cw.send(new DescribeAlarmsForMetricCommand({ Namespace: "Test/Alarms", MetricName: "Errors", Dimensions: [{ Name: "Service", Value: "order" }] }));
    assert.deepEqual(
      forMetric.MetricAlarms?.map((x) => x.AlarmName),
      ["orders-errors"],
    );
    const tags = await cw.send(new ListTagsForResourceCommand({ ResourceARN: a.AlarmArn }));
    assert.deepEqual(tags.Tags, [{ Key: "lab", Value: "cross-service-lab" }]);
    await cw.send(new TagResourceCommand({ ResourceARN: a.AlarmArn, Tags: [{ Key: "team", Value: "a" }] }));
    await cw.send(new UntagResourceCommand({ ResourceARN: a.AlarmArn, TagKeys: ["lab"] }));
    assert.deepEqual((await cw.send(new ListTagsForResourceCommand({ ResourceARN: a.AlarmArn }))).Tags, [{ Key: "team", Value: "a" }]);
  });

  it("rejects invalid alarms with AWS's error codes", async () => {
    await rejectsWith(cw.send(new PutMetricAlarmCommand(baseAlarm("bad", { ExtendedStatistic: "p99" }))), "InvalidParameterCombination");
    await rejectsWith(cw.send(new PutMetricAlarmCommand(baseAlarm("bad", { Statistic: undefined }))), "InvalidParameterCombination");
    await rejectsWith(cw.send(new PutMetricAlarmCommand(baseAlarm("bad", { Period: 15 }))), "InvalidParameterValue");
    await rejectsWith(cw.send(new PutMetricAlarmCommand(baseAlarm("bad", { EvaluationPeriods: 2, DatapointsToAlarm: 3 }))), "InvalidParameterValue");
    await rejectsWith(cw.send(new PutMetricAlarmCommand(baseAlarm("bad", { AlarmActions: ["not-an-arn"] }))), "InvalidParameterValue");
    await rejectsWith(cw.send(new PutMetricAlarmCommand(baseAlarm("bad", { TreatMissingData: "sometimes" }))), "InvalidParameterValue");
    await rejectsWith(cw.send(new PutMetricAlarmCommand(baseAlarm("bad", { MetricName: undefined }))), "MissingParameter");
    await rejectsWith(cw.send(new DescribeAlarmsCommand({ AlarmNames: ["a"], AlarmNamePrefix: "a" })), "InvalidParameterCombination");
    await rejectsWith(cw.send(new DescribeAlarmsCommand({ StateValue: "BROKEN" as never })), "InvalidParameterValue");
    assert.equal((await cw.send(new DescribeAlarmsCommand({ AlarmNames: ["bad"] }))).MetricAlarms?.length, 0);
  });

  it("sets state by hand, records history and toggles actions", async () => {
    await cw.send(new PutMetricAlarmCommand(baseAlarm("manual")));
    await cw.send(new SetAlarmStateCommand({ AlarmName: "manual", StateValue: "ALARM", StateReason: "testing", StateReasonData: '{"why":"test"}' }));
    const [a] = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ["manual"] }))).MetricAlarms!;
    assert.equal(a.StateValue, "ALARM");
    assert.equal(a.StateReason, "testing");
    assert.equal(a.StateReasonData, '{"why":"test"}');
    assert.equal((await cw.send(new DescribeAlarmsCommand({ StateValue: "ALARM" }))).MetricAlarms?.some((x) => x.AlarmName === "manual"), true);
    const history = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: "manual" }));
    const update = history.AlarmHistoryItems?.find((h) => h.HistoryItemType === "StateUpdate");
    assert.ok(update, "a StateUpdate item");
    assert.match(update.HistorySummary ?? "", /^Alarm updated from (INSUFFICIENT_DATA|OK) to ALARM$/);
    const data = JSON.parse(update.HistoryData!);
    assert.equal(data.newState.stateValue, "ALARM");
    assert.deepEqual(data.newState.stateReasonData, { why: "test" });
    const created = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: "manual", HistoryItemType: "ConfigurationUpdate" }));
    assert.equal(created.AlarmHistoryItems?.[0].HistorySummary, 'Alarm "manual" created');
    assert.equal(JSON.parse(created.AlarmHistoryItems![0].HistoryData!).type, "Create");

    await cw.send(new DisableAlarmActionsCommand({ AlarmNames: ["manual"] }));
    assert.equal((await cw.send(new DescribeAlarmsCommand({ AlarmNames: ["manual"] }))).MetricAlarms?.[0].ActionsEnabled, false);
    await cw.send(new EnableAlarmActionsCommand({ AlarmNames: ["manual"] }));
    assert.equal((await cw.send(new DescribeAlarmsCommand({ AlarmNames: ["manual"] }))).MetricAlarms?.[0].ActionsEnabled, true);

    await rejectsWith(cw.send(new SetAlarmStateCommand({ AlarmName: "ghost", StateValue: "OK", StateReason: "x" })), "ResourceNotFound", 404);
    await rejectsWith(cw.send(new SetAlarmStateCommand({ AlarmName: "manual", StateValue: "OK", StateReason: "x", StateReasonData: "{nope" })), "InvalidFormat");
  });

  it("deletes alarms, all or none", async () => {
    await cw.send(new PutMetricAlarmCommand(baseAlarm("doomed")));
    await rejectsWith(cw.send(new DeleteAlarmsCommand({ AlarmNames: ["doomed", "ghost"] })), "ResourceNotFound", 404);
    assert.equal((await cw.send(new DescribeAlarmsCommand({ AlarmNames: ["doomed"] }))).MetricAlarms?.length, 1);
    await cw.send(new DeleteAlarmsCommand({ AlarmNames: ["doomed"] }));
    assert.equal((await cw.send(new DescribeAlarmsCommand({ AlarmNames: ["doomed"] }))).MetricAlarms?.length, 0);
  });

  it("goes OK -> ALARM -> OK from PutMetricData and notifies SNS subscribers", { timeout: 90_000 }, async () => {
    const sns = new SNSClient(gw.clientConfig);
    const sqs = new SQSClient(gw.clientConfig);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "lab-alarms" }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "alarm-inbox" }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: Attributes!.QueueArn }));
    const metric = { Namespace: "CrossServiceLab", MetricName: "Errors", Dimensions: [{ Name: "Service", Value: "e2e" }] };
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: "e2e-errors",
        ...metric,
        Statistic: "Maximum",
        Period: 10,
        EvaluationPeriods: 1,
        Threshold: 50,
        ComparisonOperator: "GreaterThanThreshold",
        TreatMissingData: "notBreaching",
        AlarmActions: [TopicArn!],
        OKActions: [TopicArn!],
      }),
    );
    // A metric-math alarm on the same data: ALARM when twice the maximum exceeds 150.
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: "e2e-math",
        Metrics: [
          { Id: "m1", MetricStat: { Metric: metric, Period: 10, Stat: "Maximum" }, ReturnData: false },
          { Id: "e1", Expression: "m1 * 2", Label: "Doubled", ReturnData: true },
        ],
        EvaluationPeriods: 1,
        Threshold: 150,
        ComparisonOperator: "GreaterThanThreshold",
        TreatMissingData: "notBreaching",
      }),
    );
    const state = async (name = "e2e-errors") => (await cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms![0].StateValue;
    const notifications: any[] = [];
    const nextNotification = () =>
      until("an SNS notification in SQS", async () => {
        const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1, MaxNumberOfMessages: 1 }));
        const m = out.Messages?.[0];
        if (!m) return undefined;
        const envelope = JSON.parse(m.Body!);
        const n = JSON.parse(envelope.Message);
        notifications.push({ subject: envelope.Subject, ...n });
        return notifications[notifications.length - 1];
      });

    // Missing data is not breaching: the first evaluation moves INSUFFICIENT_DATA -> OK.
    await until("OK", async () => ((await state()) === "OK" ? true : undefined));
    const ok1 = await nextNotification();
    assert.equal(ok1.NewStateValue, "OK");
    assert.equal(ok1.OldStateValue, "INSUFFICIENT_DATA");

    const put = (Value: number) => cw.send(new PutMetricDataCommand({ Namespace: metric.Namespace, MetricData: [{ MetricName: metric.MetricName, Dimensions: metric.Dimensions, Value, StorageResolution: 1 }] }));
    await put(100);
    await until("ALARM", async () => ((await state()) === "ALARM" ? true : undefined), 25_000);
    await until("math alarm in ALARM", async () => ((await state("e2e-math")) === "ALARM" ? true : undefined), 5_000);
    const alarm = await nextNotification();
    assert.equal(alarm.AlarmName, "e2e-errors");
    assert.equal(alarm.NewStateValue, "ALARM");
    assert.equal(alarm.OldStateValue, "OK");
    assert.equal(alarm.Region, "US East (N. Virginia)");
    assert.equal(alarm.AWSAccountId, "000000000000");
    assert.equal(alarm.subject, 'ALARM: "e2e-errors" in US East (N. Virginia)');
    assert.match(alarm.NewStateReason, /^Threshold Crossed: 1 out of the last 1 datapoints \[100\.0 .*\] was greater than the threshold \(50\.0\)/);
    assert.match(alarm.StateChangeTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    assert.deepEqual(alarm.Trigger.Dimensions, [{ value: "e2e", name: "Service" }]);
    assert.equal(alarm.Trigger.Period, 10);
    assert.equal(alarm.Trigger.Statistic, "MAXIMUM");
    assert.equal(alarm.Trigger.Threshold, 50);

    await put(1);
    await until("OK again", async () => ((await state()) === "OK" ? true : undefined), 25_000);
    const ok2 = await nextNotification();
    assert.equal(ok2.NewStateValue, "OK");
    assert.equal(ok2.OldStateValue, "ALARM");

    const history = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: "e2e-errors", ScanBy: "TimestampAscending" }));
    const updates = history.AlarmHistoryItems!.filter((h) => h.HistoryItemType === "StateUpdate").map((h) => h.HistorySummary);
    assert.deepEqual(updates, ["Alarm updated from INSUFFICIENT_DATA to OK", "Alarm updated from OK to ALARM", "Alarm updated from ALARM to OK"]);
    const actions = history.AlarmHistoryItems!.filter((h) => h.HistoryItemType === "Action");
    assert.equal(actions.length, 3);
    assert.ok(actions.every((h) => h.HistorySummary === `Successfully executed action ${TopicArn}`));
  });

  it("records a failed action when the topic does not exist, and keeps evaluating", async () => {
    await cw.send(new PutMetricAlarmCommand(baseAlarm("no-topic", { AlarmActions: ["arn:aws:sns:us-east-1:000000000000:does-not-exist"] })));
    await cw.send(new SetAlarmStateCommand({ AlarmName: "no-topic", StateValue: "ALARM", StateReason: "test" }));
    const actions = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: "no-topic", HistoryItemType: "Action" }));
    assert.match(actions.AlarmHistoryItems?.[0]?.HistorySummary ?? "", /^Failed to execute action arn:aws:sns:us-east-1:000000000000:does-not-exist/);
  });
});

describe("alarm persistence", () => {
  it("keeps alarms, their state and history across a restart", async () => {
    const dataDir = tempDir("alarms-persist-");
    let gw = await startTestGateway({ dataDir });
    let cw = new CloudWatchClient(gw.clientConfig);
    await cw.send(new PutMetricAlarmCommand(baseAlarm("kept", { Tags: [{ Key: "k", Value: "v" }] })));
    await cw.send(new SetAlarmStateCommand({ AlarmName: "kept", StateValue: "ALARM", StateReason: "before restart" }));
    await gw.stop();
    gw = await startTestGateway({ dataDir });
    try {
      cw = new CloudWatchClient(gw.clientConfig);
      const [a] = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ["kept"] }))).MetricAlarms!;
      assert.equal(a.Threshold, 5);
      assert.ok(a.StateUpdatedTimestamp instanceof Date);
      assert.ok(["ALARM", "INSUFFICIENT_DATA"].includes(a.StateValue!), "ALARM, or re-evaluated to INSUFFICIENT_DATA");
      const history = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: "kept", HistoryItemType: "StateUpdate", ScanBy: "TimestampAscending" }));
      assert.equal(JSON.parse(history.AlarmHistoryItems![0].HistoryData!).newState.stateReason, "before restart");
      assert.deepEqual((await cw.send(new ListTagsForResourceCommand({ ResourceARN: a.AlarmArn }))).Tags, [{ Key: "k", Value: "v" }]);
    } finally {
      await gw.stop();
    }
  });
});
