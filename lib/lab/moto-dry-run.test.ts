// A second implementation as a dry run: the messaging and resilience stacks (with the
// bootstrap stack they import from) deploy to moto server and are deleted again through the
// console's own deploy and cleanup code, on the AWS target's code path. Only the endpoint
// differs (`withEndpointOverride`); capabilities, credentials (the default chain, here
// environment keys) and the S3 addressing are the AWS target's.
// Where moto differs from AWS the test asserts what moto does and names the entry in
// docs/moto-deviations.md, so a moto that changes shows up here.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { CloudFormationClient, ListStackResourcesCommand } from "@aws-sdk/client-cloudformation";
import { CloudWatchClient, DescribeAlarmsCommand, ListDashboardsCommand } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DescribeRepositoriesCommand, ECRClient } from "@aws-sdk/client-ecr";
import { EventBridgeClient, ListRulesCommand } from "@aws-sdk/client-eventbridge";
import { LambdaClient, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { ListSubscriptionsCommand, ListTopicsCommand, SNSClient } from "@aws-sdk/client-sns";
import { ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { loadTemplate } from "../../cloudformation/template.ts";
import { type MotoProcess, motoUnavailable, startMoto } from "../../scripts/test-support/moto-process.ts";
import { clientFor } from "../aws/clients.ts";
import { capabilities, endpointOf, type Target, targetFrom, withEndpointOverride } from "../aws/target.ts";
import { cleanupLab } from "./cleanup.ts";
import { LAB_NAME, STACKS, TOPICS } from "./contract.ts";
import { deployLab } from "./deploy.ts";
import { removeLeftoversAndCheck } from "./leftovers.ts";
import { listLiveStacks } from "./stacks.ts";

/** docs/moto-deviations.md, deviation 1: moto 5.2.1 has no CloudFormation support for these. */
const MOTO_UNSUPPORTED_TYPES = ["AWS::CloudWatch::Alarm", "AWS::S3::BucketPolicy", "AWS::SNS::Subscription", "AWS::SQS::QueuePolicy"];
const DRY_RUN_STACKS = [STACKS.bootstrap, STACKS.messaging, STACKS.resilience];
const ENV_KEYS = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_EC2_METADATA_DISABLED"];
const skip = motoUnavailable();

/** Names of everything of the lab's that each service still lists. */
async function whatRemains(target: Target) {
  const sns = clientFor(SNSClient, target);
  const lab = (name: string | undefined) => !!name && (name.includes(LAB_NAME) || /order-|notifications|analytics|circuit-breaker|health-checker|lab-faults|user-events|inventory-events|lab-alarms/.test(name));
  const [stacks, topics, subscriptions, queues, tables, functions, buckets, repositories, rules, alarms, dashboards, logGroups] = await Promise.all([
    listLiveStacks({ cfn: clientFor(CloudFormationClient, target) }, LAB_NAME).then((s) => s.map((x) => x.StackName)),
    sns.send(new ListTopicsCommand({})).then((o) => (o.Topics ?? []).map((t) => t.TopicArn?.split(":").at(-1))),
    sns.send(new ListSubscriptionsCommand({})).then((o) => (o.Subscriptions ?? []).map((s) => s.SubscriptionArn)),
    clientFor(SQSClient, target).send(new ListQueuesCommand({})).then((o) => (o.QueueUrls ?? []).map((u) => u.split("/").at(-1))),
    clientFor(DynamoDBClient, target).send(new ListTablesCommand({})).then((o) => o.TableNames ?? []),
    clientFor(LambdaClient, target).send(new ListFunctionsCommand({})).then((o) => (o.Functions ?? []).map((f) => f.FunctionName)),
    clientFor(S3Client, target).send(new ListBucketsCommand({})).then((o) => (o.Buckets ?? []).map((b) => b.Name)),
    clientFor(ECRClient, target).send(new DescribeRepositoriesCommand({})).then((o) => (o.repositories ?? []).map((r) => r.repositoryName)),
    clientFor(EventBridgeClient, target).send(new ListRulesCommand({})).then((o) => (o.Rules ?? []).map((r) => r.Name)),
    clientFor(CloudWatchClient, target).send(new DescribeAlarmsCommand({})).then((o) => (o.MetricAlarms ?? []).map((a) => a.AlarmName)),
    clientFor(CloudWatchClient, target).send(new ListDashboardsCommand({})).then((o) => (o.DashboardEntries ?? []).map((d) => d.DashboardName)),
    clientFor(CloudWatchLogsClient, target).send(new DescribeLogGroupsCommand({})).then((o) => (o.logGroups ?? []).map((g) => g.logGroupName)),
  ]);
  const only = (names: (string | undefined)[]) => names.filter(lab).sort() as string[];
  return {
    stacks: only(stacks),
    topics: only(topics),
    subscriptions: subscriptions.length,
    queues: only(queues),
    tables: only(tables),
    functions: only(functions),
    buckets: only(buckets),
    repositories: only(repositories),
    rules: only(rules),
    alarms: only(alarms),
    dashboards: only(dashboards),
    logGroups: only(logGroups),
  };
}

describe("moto dry run: the AWS target's code path against moto server", { skip, timeout: 240_000 }, () => {
  let moto: MotoProcess;
  let target: Target;
  let workDir: string;
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

  before(async () => {
    moto = await startMoto();
    // The default credential chain, as on AWS with no profile: here, environment keys.
    process.env.AWS_ACCESS_KEY_ID = "testing";
    process.env.AWS_SECRET_ACCESS_KEY = "testing";
    process.env.AWS_EC2_METADATA_DISABLED = "true";
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    const aws = targetFrom({ kind: "aws", region: "us-east-1" }, { emulatorPort: 0 });
    target = withEndpointOverride(aws as Extract<Target, { kind: "aws" }>, moto.url);
    workDir = mkdtempSync(path.join(tmpdir(), "lab-moto-lambdas-"));
  });

  after(async () => {
    await moto?.stop();
    rmSync(workDir, { recursive: true, force: true });
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it("is the AWS target with nothing changed but the endpoint", () => {
    assert.equal(target.kind, "aws");
    assert.equal(endpointOf(target), moto.url);
    const caps = capabilities(target);
    assert.equal(caps.confirmation, "type-account-id");
    assert.equal(caps.inspectionApi, false);
    assert.equal(caps.s3PathStyle, false, "virtual-hosted S3 addressing, as on AWS (the SDK falls back to path style for an IP endpoint)");
  });

  it("deploys the bootstrap, messaging and resilience stacks with the console's deploy", async () => {
    const statuses: Record<string, string> = {};
    const result = await deployLab({
      variant: "connect",
      target,
      only: DRY_RUN_STACKS,
      workDir,
      onProgress: (e) => {
        if (e.kind === "stack") statuses[e.stack] = e.status;
      },
    });
    assert.deepEqual(statuses, Object.fromEntries(DRY_RUN_STACKS.map((s) => [s, "CREATE_COMPLETE"])));
    for (const key of ["ArtifactsBucketName", "OrderEventsTopicArn", "AnalyticsQueueUrl", "CircuitBreakerTableName", "CircuitBreakerManagerArn"]) {
      assert.ok(result.outputs[key], `output ${key}`);
    }
    const made = await whatRemains(target);
    assert.deepEqual(made.stacks, [...DRY_RUN_STACKS].sort());
    assert.deepEqual(made.topics, Object.values(TOPICS).sort());
    assert.equal(made.queues.length, 6);
    assert.deepEqual(made.tables, ["circuit-breaker-state", "lab-faults"]);
    assert.deepEqual(made.functions, ["analytics-consumer", "circuit-breaker-manager", "health-checker"]);
    assert.equal(made.repositories.length, 5);
    assert.deepEqual(made.rules, ["cross-service-lab-health-check"]);
    assert.deepEqual(made.dashboards, ["cross-service-lab"]);
  });

  it("skips the resource types it does not support and still completes the stack (deviation 1)", async () => {
    const cfn = clientFor(CloudFormationClient, target);
    const listed = (
      await Promise.all(DRY_RUN_STACKS.map((s) => cfn.send(new ListStackResourcesCommand({ StackName: s })).then((o) => o.StackResourceSummaries ?? [])))
    ).flat();
    const declared = ["bootstrap.yaml", "messaging.yaml", "resilience.yaml"].flatMap((f) => Object.values(loadTemplate(f).Resources).map((r) => r.Type));
    const count = (types: string[], type: string) => types.filter((t) => t === type).length;
    const listedTypes = listed.map((r) => r.ResourceType ?? "");
    const skipped = [...new Set(declared)].filter((t) => count(listedTypes, t) < count(declared, t)).sort();
    assert.deepEqual(skipped, MOTO_UNSUPPORTED_TYPES, "the types moto skipped are exactly those docs/moto-deviations.md lists");
    assert.equal(count(declared, "AWS::SNS::Subscription"), 7);
    const made = await whatRemains(target);
    assert.equal(made.subscriptions, 0, "moto created none of the seven subscriptions");
    assert.deepEqual(made.alarms, [], "moto created neither alarm");
  });

  it("updates a stack whose template did not change (deviation 4: AWS refuses with 'No updates are to be performed')", async () => {
    const events: { stack: string; status: string; unchanged?: boolean }[] = [];
    await deployLab({ variant: "connect", target, only: [STACKS.messaging], workDir, onProgress: (e) => e.kind === "stack" && events.push(e) });
    // On AWS the console reports the stack as unchanged (deploy.ts, NO_UPDATES); moto runs an update.
    const last = events.at(-1);
    assert.equal(last?.status, "UPDATE_COMPLETE");
    assert.equal(last?.unchanged, undefined);
  });

  it("cleans up with the console's cleanup and leftover removal until nothing of the lab remains", async () => {
    const result = await cleanupLab({ target });
    assert.deepEqual(result.deleted, [...DRY_RUN_STACKS].reverse());
    // Deviation 2: DescribeStacks on a deleted stack's id re-creates what its Outputs name,
    // and the console's wait polls exactly that. The tag sweep finds them…
    const swept = result.leftovers.map((l) => l.name).sort();
    assert.ok(swept.includes("circuit-breaker-state") && swept.includes("order-processing"), `leftovers: ${swept.join(", ")}`);
    // …and the console's "remove leftovers" removes them.
    const remaining = await removeLeftoversAndCheck(target, () => {});
    assert.deepEqual(remaining, []);

    const after = await whatRemains(target);
    // Deviation 3: moto's topics carry no tags from CloudFormation, so no tag sweep can
    // find the re-created ones; on AWS the stack tag is on every topic.
    assert.deepEqual(after.topics, Object.values(TOPICS).sort(), "only the re-created, untagged topics remain (docs/moto-deviations.md, 2 and 3)");
    assert.deepEqual({ ...after, topics: [] }, {
      stacks: [],
      topics: [],
      subscriptions: 0,
      queues: [],
      tables: [],
      functions: [],
      buckets: [],
      repositories: [],
      rules: [],
      alarms: [],
      dashboards: [],
      logGroups: [],
    });
  });
});
