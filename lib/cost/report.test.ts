// The cost report end to end against a real emulator on port 0: what is not deployed costs
// nothing, a lab stack is read from ListStackResources and priced, an unreachable target is
// "unknown", never a crash.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CloudFormationClient, CreateStackCommand } from "@aws-sdk/client-cloudformation";
import { settled } from "../../emulator/test/cfn-wait.ts";
import { startTestGateway, type TestGateway } from "../../emulator/test/harness.ts";
import type { Target } from "../aws/target.ts";
import { STACKS } from "../lab/contract.ts";
import { costReport } from "./report.ts";

const alarm = (name: string, period: number) => ({
  Type: "AWS::CloudWatch::Alarm",
  Properties: {
    AlarmName: name,
    Namespace: "CrossServiceLab",
    MetricName: "CircuitBreakerState",
    Dimensions: [{ Name: "ServiceName", Value: "user-service" }],
    Statistic: "Maximum",
    Period: period,
    EvaluationPeriods: 1,
    Threshold: 2,
    ComparisonOperator: "GreaterThanOrEqualToThreshold",
  },
});

const TEMPLATE = {
  AWSTemplateFormatVersion: "2010-09-09",
  Resources: {
    Faults: {
      Type: "AWS::DynamoDB::Table",
      Properties: {
        TableName: "lab-faults",
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "service_name", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "service_name", KeyType: "HASH" }],
      },
    },
    FastAlarm: alarm("fast-alarm", 10),
    SlowAlarm: alarm("slow-alarm", 60),
    Dashboard: { Type: "AWS::CloudWatch::Dashboard", Properties: { DashboardName: "cross-service-lab", DashboardBody: '{"widgets":[]}' } },
  },
};

describe("costReport against the emulator", () => {
  let gw: TestGateway;
  let target: Target;

  before(async () => {
    gw = await startTestGateway();
    target = { kind: "local", region: "us-east-1", endpoint: gw.url };
  });
  after(async () => {
    await gw.stop();
  });

  it("costs nothing when nothing is deployed, and still has the seed's table", async () => {
    const r = await costReport(target);
    assert.equal(r.state, "not-deployed");
    assert.equal(r.hourly, 0);
    assert.equal(r.accrued, 0);
    assert.equal(r.billed, false);
    assert.equal(r.seedComparison.seed.statedTotal.toFixed(2), "0.90");
    assert.match(r.pricesReadOn, /verify/);
  });

  it("prices what a lab stack holds: a high-resolution and a standard alarm, a dashboard, a table", async () => {
    const cf = new CloudFormationClient(gw.clientConfig);
    await cf.send(new CreateStackCommand({ StackName: STACKS.resilience, TemplateBody: JSON.stringify(TEMPLATE) }));
    assert.equal((await settled(cf, STACKS.resilience)).StackStatus, "CREATE_COMPLETE");

    const r = await costReport(target);
    assert.equal(r.state, "deployed", r.reason);
    assert.deepEqual(r.warnings, []);
    const line = (id: string) => r.perResource.find((l) => l.id === id);
    assert.equal(line("cloudwatch-alarms-high-res")?.quantity, 1);
    assert.deepEqual(line("cloudwatch-alarms-high-res")?.resources, ["fast-alarm"]);
    assert.equal(line("cloudwatch-alarms")?.quantity, 1);
    assert.equal(line("cloudwatch-dashboard")?.quantity, 1);
    assert.deepEqual(line("dynamodb-reads")?.resources, ["lab-faults"]);
    assert.equal(line("fargate-vcpu"), undefined);
    // $0.30 + $0.10 + $3.00 a month, by the hour; nothing else runs.
    assert.ok(Math.abs(r.hourly - (0.3 + 0.1 + 3) / 730) < 1e-12, String(r.hourly));
    assert.ok(r.accrued >= 0 && r.accrued < r.hourly, "a few seconds of it");
    assert.equal(r.charged, 0, "the emulator charges nothing");
    assert.ok(r.deployedAt);
    assert.equal(r.series.at(-1)?.accrued, r.accrued);
  });

  it("says the cost is unknown when the target does not answer", async () => {
    const r = await costReport({ kind: "local", region: "us-east-1", endpoint: "http://127.0.0.1:9" });
    assert.equal(r.state, "unknown");
    assert.match(r.reason ?? "", /connection refused|no answer/);
    assert.equal(r.hourly, 0);
  });
});
