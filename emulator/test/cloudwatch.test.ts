import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  CloudWatchClient,
  DeleteDashboardsCommand,
  GetDashboardCommand,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListDashboardsCommand,
  ListMetricsCommand,
  PutDashboardCommand,
  PutMetricDataCommand,
} from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { aws, REGION, startTestGateway, type TestGateway, tempDir } from "./harness.ts";

// Sample AWS/SQS metrics every second so the test sees them quickly.
process.env.CLOUDWATCH_SQS_METRICS_INTERVAL = "1";

const minuteAgo = () => new Date(Date.now() - 60_000);
const inAMinute = () => new Date(Date.now() + 60_000);
const rejectsWith = (p: Promise<unknown>, code: string, status = 400) =>
  assert.rejects(p, (e: any) => {
    assert.equal(e.Code ?? e.name, code, e.message);
    assert.equal(e.$metadata.httpStatusCode, status);
    return true;
  });

describe("cloudwatch", () => {
  let gw: TestGateway;
  let cw: CloudWatchClient;
  before(async () => {
    gw = await startTestGateway();
    cw = new CloudWatchClient({ ...gw.clientConfig, maxAttempts: 1 });
  });
  after(() => gw.stop());

  describe("metrics", () => {
    it("aggregates Value, Values/Counts and StatisticValues into statistics and percentiles", async () => {
      const dims = [{ Name: "Service", Value: "stats" }];
      const ts = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 5_000);
      await cw.send(
        new PutMetricDataCommand({
          Namespace: "Test/Stats",
          MetricData: [
            { MetricName: "Latency", Dimensions: dims, Timestamp: ts, Value: 10, Unit: "Milliseconds" },
            { MetricName: "Latency", Dimensions: dims, Timestamp: ts, Values: [20, 30, 1000], Counts: [1, 2, 1], Unit: "Milliseconds" },
            { MetricName: "Latency", Dimensions: dims, Timestamp: ts, StatisticValues: { SampleCount: 2, Sum: 80, Minimum: 40, Maximum: 40 }, Unit: "Milliseconds", StorageResolution: 1 },
          ],
        }),
      );
      const out = await cw.send(
        new GetMetricStatisticsCommand({
          Namespace: "Test/Stats",
          MetricName: "Latency",
          Dimensions: dims,
          StartTime: new Date(ts.getTime() - 60_000),
          EndTime: new Date(ts.getTime() + 60_000),
          Period: 60,
          Statistics: ["SampleCount", "Sum", "Average", "Minimum", "Maximum"],
          ExtendedStatistics: ["p50", "p90", "p99"],
        }),
      );
      assert.equal(out.Label, "Latency");
      assert.equal(out.Datapoints?.length, 1);
      const dp = out.Datapoints![0];
      // Samples: 10, 20, 30, 30, 1000, 40, 40
      assert.equal(dp.SampleCount, 7);
      assert.equal(dp.Sum, 1170);
      assert.equal(dp.Minimum, 10);
      assert.equal(dp.Maximum, 1000);
      assert.ok(Math.abs(dp.Average! - 1170 / 7) < 1e-9);
      assert.equal(dp.Unit, "Milliseconds");
      assert.deepEqual(dp.ExtendedStatistics, { p50: 30, p90: 1000, p99: 1000 });
      assert.equal(dp.Timestamp?.getTime(), ts.getTime() - 5_000);
    });

    it("keeps high-resolution data per second and filters by Unit", async () => {
      const base = Math.floor(Date.now() / 1000) * 1000 - 10_000;
      const data = [0, 1, 2].map((i) => ({ MetricName: "Hi", Timestamp: new Date(base + i * 1000), Value: i + 1, StorageResolution: 1, Unit: "Count" as const }));
      await cw.send(new PutMetricDataCommand({ Namespace: "Test/HighRes", MetricData: data }));
      const q = { Namespace: "Test/HighRes", MetricName: "Hi", StartTime: new Date(base), EndTime: new Date(base + 3000), Statistics: ["Sum" as const] };
      const perSecond = await cw.send(new GetMetricStatisticsCommand({ ...q, Period: 1 }));
      assert.deepEqual(perSecond.Datapoints?.map((d) => d.Sum), [1, 2, 3]);
      const perFive = await cw.send(new GetMetricStatisticsCommand({ ...q, Period: 5 }));
      assert.equal(perFive.Datapoints?.reduce((n, d) => n + d.Sum!, 0), 6);
      const otherUnit = await cw.send(new GetMetricStatisticsCommand({ ...q, Period: 1, Unit: "Seconds" }));
      assert.equal(otherUnit.Datapoints?.length, 0);
    });

    it("answers GetMetricData with labels, percentiles, arithmetic expressions and ScanBy", async () => {
      const base = Math.floor(Date.now() / 60_000) * 60_000 - 120_000;
      await cw.send(
        new PutMetricDataCommand({
          Namespace: "Test/GMD",
          MetricData: [
            { MetricName: "Requests", Timestamp: new Date(base + 1000), Value: 10 },
            { MetricName: "Requests", Timestamp: new Date(base + 61_000), Value: 20 },
            { MetricName: "Errors", Timestamp: new Date(base + 1000), Value: 1 },
            { MetricName: "Errors", Timestamp: new Date(base + 61_000), Value: 5 },
          ],
        }),
      );
      const stat = (name: string) => ({ Metric: { Namespace: "Test/GMD", MetricName: name }, Period: 60, Stat: "Sum" });
      const out = await cw.send(
        new GetMetricDataCommand({
          StartTime: new Date(base),
          EndTime: new Date(base + 120_000),
          ScanBy: "TimestampAscending",
          MetricDataQueries: [
            { Id: "req", MetricStat: stat("Requests"), ReturnData: false },
            { Id: "err", MetricStat: stat("Errors"), Label: "Errors!" },
            { Id: "rate", Expression: "100 * err / req", Label: "ErrorRate" },
          ],
        }),
      );
      assert.deepEqual(
        out.MetricDataResults?.map((r) => r.Id),
        ["err", "rate"],
      );
      const [err, rate] = out.MetricDataResults!;
      assert.equal(err.Label, "Errors!");
      assert.equal(err.StatusCode, "Complete");
      assert.deepEqual(err.Values, [1, 5]);
      assert.deepEqual(rate.Values, [10, 25]);
      assert.deepEqual(
        rate.Timestamps?.map((t) => t.getTime()),
        [base, base + 60_000],
      );
      const desc = await cw.send(new GetMetricDataCommand({ StartTime: new Date(base), EndTime: new Date(base + 120_000), MetricDataQueries: [{ Id: "m1", MetricStat: stat("Requests") }] }));
      assert.deepEqual(desc.MetricDataResults?.[0].Values, [20, 10], "TimestampDescending is the default");
      assert.equal(desc.MetricDataResults?.[0].Label, "Requests");
      await rejectsWith(cw.send(new GetMetricDataCommand({ StartTime: new Date(base), EndTime: new Date(base + 120_000), MetricDataQueries: [{ Id: "m1", MetricStat: stat("Requests") }, { Id: "s", Expression: "SUM(METRICS())" }] })), "ValidationError");
      await rejectsWith(cw.send(new GetMetricDataCommand({ StartTime: new Date(base), EndTime: new Date(base + 120_000), MetricDataQueries: [{ Id: "Bad-Id", MetricStat: stat("Requests") }] })), "ValidationError");
    });

    it("lists metrics filtered by namespace, name and dimensions", async () => {
      await cw.send(
        new PutMetricDataCommand({
          Namespace: "Test/List",
          MetricData: [
            { MetricName: "A", Dimensions: [{ Name: "Service", Value: "x" }], Value: 1 },
            { MetricName: "A", Dimensions: [{ Name: "Service", Value: "y" }], Value: 1 },
            { MetricName: "B", Value: 1 },
          ],
        }),
      );
      const all = await cw.send(new ListMetricsCommand({ Namespace: "Test/List" }));
      assert.equal(all.Metrics?.length, 3);
      const byName = await cw.send(new ListMetricsCommand({ Namespace: "Test/List", MetricName: "A" }));
      assert.equal(byName.Metrics?.length, 2);
      const byDimName = await cw.send(new ListMetricsCommand({ Namespace: "Test/List", Dimensions: [{ Name: "Service" }] }));
      assert.equal(byDimName.Metrics?.length, 2);
      const byDimValue = await cw.send(new ListMetricsCommand({ Namespace: "Test/List", Dimensions: [{ Name: "Service", Value: "y" }] }));
      assert.deepEqual(byDimValue.Metrics, [{ Namespace: "Test/List", MetricName: "A", Dimensions: [{ Name: "Service", Value: "y" }] }]);
      const recent = await cw.send(new ListMetricsCommand({ Namespace: "Test/List", RecentlyActive: "PT3H" }));
      assert.equal(recent.Metrics?.length, 3);
    });

    it("rejects bad metric input with AWS's error codes", async () => {
      await rejectsWith(cw.send(new PutMetricDataCommand({ Namespace: "AWS/EC2", MetricData: [{ MetricName: "x", Value: 1 }] })), "InvalidParameterValue");
      await rejectsWith(
        cw.send(new PutMetricDataCommand({ Namespace: "Test/Bad", MetricData: [{ MetricName: "x", Value: 1, StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1 } }] })),
        "InvalidParameterCombination",
      );
      await rejectsWith(cw.send(new PutMetricDataCommand({ Namespace: "Test/Bad", MetricData: [{ MetricName: "x", Value: 1, Timestamp: new Date(Date.now() - 15 * 86400_000) }] })), "InvalidParameterValue");
      await rejectsWith(cw.send(new PutMetricDataCommand({ Namespace: "Test/Bad", MetricData: [{ MetricName: "x", Value: 1, StorageResolution: 5 }] })), "InvalidParameterValue");
      await rejectsWith(cw.send(new PutMetricDataCommand({ Namespace: "Test/Bad", MetricData: [{ MetricName: "x", Values: [1, 2], Counts: [1] }] })), "InvalidParameterValue");
      const q = { Namespace: "Test/Bad", MetricName: "x", StartTime: new Date(Date.now() - 86400_000), EndTime: new Date() };
      await rejectsWith(cw.send(new GetMetricStatisticsCommand({ ...q, Period: 1, Statistics: ["Sum"] })), "InvalidParameterCombination");
      await rejectsWith(cw.send(new GetMetricStatisticsCommand({ ...q, Period: 60 })), "InvalidParameterCombination");
      await rejectsWith(cw.send(new GetMetricStatisticsCommand({ ...q, Period: 7, Statistics: ["Sum"] })), "InvalidParameterValue");
      await rejectsWith(cw.send(new GetMetricStatisticsCommand({ ...q, Period: 3600, ExtendedStatistics: ["p101"] })), "InvalidParameterValue");
      // Nothing of a rejected request is stored.
      const listed = await cw.send(new ListMetricsCommand({ Namespace: "Test/Bad" }));
      assert.equal(listed.Metrics?.length, 0);
    });

    it("publishes AWS/SQS queue depth metrics", async () => {
      const sqs = new SQSClient(gw.clientConfig);
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "cw-metrics-queue" }));
      for (let i = 0; i < 3; i++) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `m${i}` }));
      const deadline = Date.now() + 15_000;
      let max: number | undefined;
      while (Date.now() < deadline) {
        const out = await cw.send(
          new GetMetricStatisticsCommand({
            Namespace: "AWS/SQS",
            MetricName: "ApproximateNumberOfMessagesVisible",
            Dimensions: [{ Name: "QueueName", Value: "cw-metrics-queue" }],
            StartTime: minuteAgo(),
            EndTime: inAMinute(),
            Period: 60,
            Statistics: ["Maximum"],
          }),
        );
        max = out.Datapoints?.[0]?.Maximum;
        if (max === 3) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      assert.equal(max, 3);
      const listed = await cw.send(new ListMetricsCommand({ Namespace: "AWS/SQS", Dimensions: [{ Name: "QueueName", Value: "cw-metrics-queue" }] }));
      assert.ok(listed.Metrics?.some((m) => m.MetricName === "ApproximateNumberOfMessagesNotVisible"));
    });
  });

  describe("AWS/SQS message counts", () => {
    it("counts sends (SNS deliveries included), receives and deletes, and not the move to a DLQ", async () => {
      const sqs = new SQSClient(gw.clientConfig);
      const sns = new SNSClient(gw.clientConfig);
      const dlq = await sqs.send(new CreateQueueCommand({ QueueName: "cw-counts-dlq" }));
      const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ["QueueArn"] }));
      const { QueueUrl } = await sqs.send(
        new CreateQueueCommand({
          QueueName: "cw-counts",
          Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: 1 }) },
        }),
      );
      const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }))).Attributes?.QueueArn;
      const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "cw-counts-topic" }));
      await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queueArn }));
      for (let i = 0; i < 3; i++) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `direct-${i}` }));
      for (let i = 0; i < 2; i++) await sns.send(new PublishCommand({ TopicArn, Message: `fanned-${i}` }));

      const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
      assert.equal(first.Messages?.length, 5);
      for (const m of first.Messages?.slice(0, 3) ?? []) await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
      // The other two were received once already (maxReceiveCount 1): this receive moves them to the DLQ.
      const second = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
      assert.equal(second.Messages?.length ?? 0, 0);

      const counters = (await (await fetch(`${gw.url}/_lab/sqs/counters`)).json()) as { queues: Record<string, unknown> };
      assert.deepEqual(counters.queues["cw-counts"], { sent: 5, received: 5, deleted: 3 });
      // AWS: a message moved to a dead-letter queue by a failed receive is not counted as sent there.
      assert.equal(counters.queues["cw-counts-dlq"], undefined);

      const sum = async (metric: string) => {
        const out = await cw.send(
          new GetMetricStatisticsCommand({
            Namespace: "AWS/SQS",
            MetricName: metric,
            Dimensions: [{ Name: "QueueName", Value: "cw-counts" }],
            StartTime: minuteAgo(),
            EndTime: inAMinute(),
            Period: 60,
            Statistics: ["Sum"],
          }),
        );
        return (out.Datapoints ?? []).reduce((total, d) => total + (d.Sum ?? 0), 0);
      };
      const want = { NumberOfMessagesSent: 5, NumberOfMessagesReceived: 5, NumberOfMessagesDeleted: 3 };
      const deadline = Date.now() + 15_000;
      let got: Record<string, number> = {};
      while (Date.now() < deadline) {
        got = Object.fromEntries(await Promise.all(Object.keys(want).map(async (m) => [m, await sum(m)] as const)));
        if (JSON.stringify(got) === JSON.stringify(want)) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      assert.deepEqual(got, want);
    });
  });

  describe("dashboards", () => {
    const body = JSON.stringify({ widgets: [{ type: "text", x: 0, y: 0, width: 6, height: 3, properties: { markdown: "# hi" } }] });

    it("puts, gets, lists and deletes dashboards", async () => {
      const put = await cw.send(new PutDashboardCommand({ DashboardName: "lab-one", DashboardBody: body }));
      assert.deepEqual(put.DashboardValidationMessages, []);
      await cw.send(new PutDashboardCommand({ DashboardName: "lab-two", DashboardBody: body }));
      await cw.send(new PutDashboardCommand({ DashboardName: "other", DashboardBody: body }));
      const got = await cw.send(new GetDashboardCommand({ DashboardName: "lab-one" }));
      assert.equal(got.DashboardBody, body);
      assert.equal(got.DashboardArn, "arn:aws:cloudwatch::000000000000:dashboard/lab-one");
      const listed = await cw.send(new ListDashboardsCommand({ DashboardNamePrefix: "lab-" }));
      assert.deepEqual(
        listed.DashboardEntries?.map((d) => d.DashboardName),
        ["lab-one", "lab-two"],
      );
      assert.equal(listed.DashboardEntries?.[0].Size, Buffer.byteLength(body));
      await cw.send(new DeleteDashboardsCommand({ DashboardNames: ["lab-one", "lab-two"] }));
      await rejectsWith(cw.send(new GetDashboardCommand({ DashboardName: "lab-one" })), "ResourceNotFound", 404);
    });

    it("validates dashboard bodies and names", async () => {
      await rejectsWith(cw.send(new PutDashboardCommand({ DashboardName: "bad", DashboardBody: "{not json" })), "InvalidParameterInput");
      await rejectsWith(cw.send(new PutDashboardCommand({ DashboardName: "bad", DashboardBody: '{"widgets": 3}' })), "InvalidParameterInput");
      await rejectsWith(cw.send(new PutDashboardCommand({ DashboardName: "bad", DashboardBody: '{"widgets": [{"x": 1}]}' })), "InvalidParameterInput");
      await rejectsWith(cw.send(new PutDashboardCommand({ DashboardName: "bad name!", DashboardBody: body })), "InvalidParameterInput");
      await rejectsWith(cw.send(new DeleteDashboardsCommand({ DashboardNames: ["other", "missing"] })), "ResourceNotFound", 404);
      // Nothing was deleted by the failed call.
      assert.equal((await cw.send(new GetDashboardCommand({ DashboardName: "other" }))).DashboardName, "other");
    });
  });

  for (const cli of ["v1", "v2"] as const) {
    it(`works with the ${cli} CLI: put-metric-data and get-metric-statistics`, async () => {
      const ns = `Test/Cli${cli}`;
      const put = await aws(cli, gw.url, ["cloudwatch", "put-metric-data", "--namespace", ns, "--metric-name", "Orders", "--dimensions", "Service=order", "--unit", "Count", "--value", "4"]);
      assert.equal(put.code, 0, put.stderr);
      const put2 = await aws(cli, gw.url, ["cloudwatch", "put-metric-data", "--namespace", ns, "--metric-data", JSON.stringify([{ MetricName: "Orders", Dimensions: [{ Name: "Service", Value: "order" }], Unit: "Count", Values: [1, 2], Counts: [1, 3] }])]);
      assert.equal(put2.code, 0, put2.stderr);
      const out = await aws(cli, gw.url, [
        "cloudwatch",
        "get-metric-statistics",
        "--namespace",
        ns,
        "--metric-name",
        "Orders",
        "--dimensions",
        "Name=Service,Value=order",
        "--start-time",
        minuteAgo().toISOString(),
        "--end-time",
        inAMinute().toISOString(),
        "--period",
        "3600",
        "--statistics",
        "Sum",
        "SampleCount",
        "Maximum",
        "--extended-statistics",
        "p50",
      ]);
      assert.equal(out.code, 0, out.stderr);
      const dps = out.json().Datapoints;
      assert.equal(dps.length, 1);
      assert.equal(dps[0].Sum, 4 + 1 + 6);
      assert.equal(dps[0].SampleCount, 5);
      assert.equal(dps[0].Maximum, 4);
      assert.equal(dps[0].ExtendedStatistics.p50, 2);
      assert.equal(dps[0].Unit, "Count");
      const listed = await aws(cli, gw.url, ["cloudwatch", "list-metrics", "--namespace", ns]);
      assert.equal(listed.code, 0, listed.stderr);
      assert.equal(listed.json().Metrics[0].MetricName, "Orders");
      const bad = await aws(cli, gw.url, ["cloudwatch", "put-metric-data", "--namespace", "AWS/Lambda", "--metric-name", "x", "--value", "1"]);
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /InvalidParameterValue/);
    });
  }
});

describe("cloudwatch persistence", () => {
  it("keeps metrics and dashboards across a restart on a data dir", async () => {
    const dataDir = tempDir("cw-persist-");
    const ts = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    let gw = await startTestGateway({ dataDir });
    let cw = new CloudWatchClient(gw.clientConfig);
    await cw.send(new PutMetricDataCommand({ Namespace: "Test/Persist", MetricData: [{ MetricName: "Kept", Timestamp: ts, Values: [1, 2, 3, 100] }] }));
    await cw.send(new PutDashboardCommand({ DashboardName: "kept", DashboardBody: '{"widgets":[]}' }));
    await gw.stop();

    gw = await startTestGateway({ dataDir });
    try {
      cw = new CloudWatchClient(gw.clientConfig);
      const out = await cw.send(
        new GetMetricStatisticsCommand({ Namespace: "Test/Persist", MetricName: "Kept", StartTime: new Date(ts.getTime() - 60_000), EndTime: new Date(ts.getTime() + 60_000), Period: 60, Statistics: ["Sum", "SampleCount"], ExtendedStatistics: ["p99"] }),
      );
      assert.equal(out.Datapoints?.[0]?.Sum, 106);
      assert.equal(out.Datapoints?.[0]?.SampleCount, 4);
      assert.equal(out.Datapoints?.[0]?.ExtendedStatistics?.p99, 100);
      assert.equal((await cw.send(new GetDashboardCommand({ DashboardName: "kept" }))).DashboardBody, '{"widgets":[]}');
    } finally {
      await gw.stop();
    }
  });
});

describe("cloudwatch reset and durability", () => {
  it("/_lab/reset empties metrics, alarms, dashboards and log groups", async () => {
    const gw = await startTestGateway();
    try {
      const cw = new CloudWatchClient(gw.clientConfig);
      const logs = new CloudWatchLogsClient(gw.clientConfig);
      await cw.send(new PutMetricDataCommand({ Namespace: "Test/Reset", MetricData: [{ MetricName: "m", Value: 1 }] }));
      await cw.send(new PutDashboardCommand({ DashboardName: "reset-me", DashboardBody: '{"widgets":[]}' }));
      await logs.send(new CreateLogGroupCommand({ logGroupName: "/reset/me" }));
      const res = await fetch(`${gw.url}/_lab/reset`, { method: "POST" });
      assert.equal(res.status, 200);
      assert.equal((await cw.send(new ListMetricsCommand({ Namespace: "Test/Reset" }))).Metrics?.length, 0);
      assert.equal((await cw.send(new ListDashboardsCommand({}))).DashboardEntries?.length, 0);
      assert.equal((await logs.send(new DescribeLogGroupsCommand({}))).logGroups?.length, 0);
    } finally {
      await gw.stop();
    }
  });

  it("loses at most about a second of metrics on SIGKILL", { timeout: 60_000 }, async () => {
    const dataDir = tempDir("cw-kill-");
    const start = async () => {
      const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", join(import.meta.dirname, "..", "main.ts"), "--port", "0", "--data-dir", dataDir, "--quiet"], { stdio: ["ignore", "pipe", "inherit"] });
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d) => {
          out += d;
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.once("exit", (code) => reject(new Error(`emulator exited with ${code}: ${out}`)));
      });
      return { child, url };
    };
    const client = (url: string) => new CloudWatchClient({ endpoint: url, region: REGION, credentials: { accessKeyId: "test", secretAccessKey: "test" } });
    let emu = await start();
    try {
      await client(emu.url).send(new PutMetricDataCommand({ Namespace: "Test/Kill", MetricData: [{ MetricName: "m", Value: 42 }] }));
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      emu.child.kill("SIGKILL");
      await new Promise((r) => emu.child.once("exit", r));
    }
    emu = await start();
    try {
      const out = await client(emu.url).send(new GetMetricStatisticsCommand({ Namespace: "Test/Kill", MetricName: "m", StartTime: minuteAgo(), EndTime: inAMinute(), Period: 60, Statistics: ["Maximum"] }));
      assert.equal(out.Datapoints?.[0]?.Maximum, 42);
    } finally {
      emu.child.kill("SIGTERM");
      await new Promise((r) => emu.child.once("exit", r));
    }
  });
});
