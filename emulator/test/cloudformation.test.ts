import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackResourceCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  GetTemplateSummaryCommand,
  ListExportsCommand,
  ListImportsCommand,
  ListStackResourcesCommand,
  ListStacksCommand,
  UpdateStackCommand,
} from "@aws-sdk/client-cloudformation";
import { CreateBucketCommand, HeadBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { StateDb } from "../core/state.ts";
import { events, output, settled } from "./cfn-wait.ts";
import { aws, startTestGateway, type TestGateway, tempDir } from "./harness.ts";

const QUEUES_V1 = `
Description: lifecycle
Parameters:
  Visibility: { Type: Number, Default: 30 }
  Secret: { Type: String, NoEcho: true, Default: hunter2 }
Resources:
  Dlq:
    Type: AWS::SQS::Queue
    Properties: { QueueName: life-dlq }
  Work:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: life-work
      VisibilityTimeout: !Ref Visibility
      RedrivePolicy: { deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 3 }
  Extra:
    Type: AWS::SQS::Queue
    Properties: { QueueName: life-extra }
Outputs:
  WorkUrl: { Value: !Ref Work, Export: { Name: !Sub "\${AWS::StackName}-WorkUrl" } }
  DlqArn: { Value: !GetAtt Dlq.Arn, Description: the dlq }
`;

describe("cloudformation", () => {
  let gw: TestGateway;
  let cf: CloudFormationClient;
  let sqs: SQSClient;
  let s3: S3Client;
  const queueNames = async (prefix: string) => ((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }))).QueueUrls ?? []).map((u) => u.split("/").pop()!).sort();

  before(async () => {
    gw = await startTestGateway();
    cf = new CloudFormationClient(gw.clientConfig);
    sqs = new SQSClient(gw.clientConfig);
    s3 = new S3Client(gw.clientConfig);
  });
  after(() => gw.stop());

  it("creates, describes, updates and deletes a stack", async () => {
    const { StackId } = await cf.send(new CreateStackCommand({ StackName: "life", TemplateBody: QUEUES_V1, Tags: [{ Key: "lab", Value: "cross-service-lab" }] }));
    assert.match(StackId!, /^arn:aws:cloudformation:us-east-1:000000000000:stack\/life\/[0-9a-f-]{36}$/);
    let s = await settled(cf, "life");
    assert.equal(s.StackStatus, "CREATE_COMPLETE", s.StackStatusReason);
    assert.equal(s.Description, "lifecycle");
    assert.deepEqual(s.Tags, [{ Key: "lab", Value: "cross-service-lab" }]);
    assert.deepEqual(
      s.Parameters!.map((p) => [p.ParameterKey, p.ParameterValue]).sort(),
      [["Secret", "****"], ["Visibility", "30"]],
    );
    const workUrl = output(s, "WorkUrl")!;
    assert.match(workUrl, /\/000000000000\/life-work$/);
    assert.equal(output(s, "DlqArn"), "arn:aws:sqs:us-east-1:000000000000:life-dlq");
    assert.deepEqual(await queueNames("life-"), ["life-dlq", "life-extra", "life-work"]);
    const attrs = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: workUrl, AttributeNames: ["All"] }))).Attributes!;
    assert.equal(attrs.VisibilityTimeout, "30");
    assert.deepEqual(JSON.parse(attrs.RedrivePolicy!), { deadLetterTargetArn: "arn:aws:sqs:us-east-1:000000000000:life-dlq", maxReceiveCount: 3 });

    const exports = (await cf.send(new ListExportsCommand({}))).Exports!;
    assert.deepEqual(exports.find((e) => e.Name === "life-WorkUrl"), { ExportingStackId: StackId, Name: "life-WorkUrl", Value: workUrl });

    const resources = (await cf.send(new DescribeStackResourcesCommand({ StackName: "life" }))).StackResources!;
    assert.deepEqual(resources.map((r) => [r.LogicalResourceId, r.ResourceType, r.ResourceStatus]).sort(), [
      ["Dlq", "AWS::SQS::Queue", "CREATE_COMPLETE"],
      ["Extra", "AWS::SQS::Queue", "CREATE_COMPLETE"],
      ["Work", "AWS::SQS::Queue", "CREATE_COMPLETE"],
    ]);
    const one = (await cf.send(new DescribeStackResourceCommand({ StackName: "life", LogicalResourceId: "Work" }))).StackResourceDetail!;
    assert.equal(one.PhysicalResourceId, workUrl);
    assert.equal((await cf.send(new GetTemplateCommand({ StackName: "life" }))).TemplateBody, QUEUES_V1);
    const summary = await cf.send(new GetTemplateSummaryCommand({ StackName: "life" }));
    assert.deepEqual(summary.ResourceTypes, ["AWS::SQS::Queue"]);

    // Dlq is created before Work (Work depends on it); the stack's own events frame the resources.
    const ev = await events(cf, "life");
    const order = ev.map((e) => `${e.LogicalResourceId}:${e.ResourceStatus}`);
    assert.equal(order[0], "life:CREATE_IN_PROGRESS");
    assert.equal(order.at(-1), "life:CREATE_COMPLETE");
    assert.ok(order.indexOf("Dlq:CREATE_COMPLETE") < order.indexOf("Work:CREATE_IN_PROGRESS"));

    // No change -> AWS's ValidationError.
    await assert.rejects(cf.send(new UpdateStackCommand({ StackName: "life", UsePreviousTemplate: true, Parameters: [{ ParameterKey: "Visibility", UsePreviousValue: true }, { ParameterKey: "Secret", UsePreviousValue: true }] })), {
      name: "ValidationError",
      message: "No updates are to be performed.",
    });

    // Update: change an attribute in place, remove Extra, add Added.
    const v2 = QUEUES_V1.replace(/ {2}Extra:\n.*\n.*\n/, "  Added:\n    Type: AWS::SQS::Queue\n    Properties: { QueueName: life-added }\n");
    await cf.send(new UpdateStackCommand({ StackName: "life", TemplateBody: v2, Parameters: [{ ParameterKey: "Visibility", ParameterValue: "45" }] }));
    s = await settled(cf, "life");
    assert.equal(s.StackStatus, "UPDATE_COMPLETE", s.StackStatusReason);
    assert.equal(output(s, "WorkUrl"), workUrl, "an in-place update keeps the physical id");
    assert.equal((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: workUrl, AttributeNames: ["VisibilityTimeout"] }))).Attributes!.VisibilityTimeout, "45");
    assert.deepEqual(await queueNames("life-"), ["life-added", "life-dlq", "life-work"]);
    const statuses = (await events(cf, "life")).map((e) => `${e.LogicalResourceId}:${e.ResourceStatus}`);
    for (const want of ["life:UPDATE_IN_PROGRESS", "Work:UPDATE_COMPLETE", "Added:CREATE_COMPLETE", "life:UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "Extra:DELETE_COMPLETE", "life:UPDATE_COMPLETE"]) {
      assert.ok(statuses.includes(want), `missing event ${want}`);
    }
    const listed = (await cf.send(new ListStackResourcesCommand({ StackName: "life" }))).StackResourceSummaries!;
    assert.deepEqual(listed.map((r) => r.LogicalResourceId).sort(), ["Added", "Dlq", "Work"]);

    await cf.send(new DeleteStackCommand({ StackName: "life" }));
    const gone = await settled(cf, StackId!);
    assert.equal(gone.StackStatus, "DELETE_COMPLETE");
    assert.deepEqual(await queueNames("life-"), []);
    assert.equal((await cf.send(new ListExportsCommand({}))).Exports!.find((e) => e.Name === "life-WorkUrl"), undefined);
    await assert.rejects(cf.send(new DescribeStacksCommand({ StackName: "life" })), { name: "ValidationError", message: "Stack with id life does not exist" });
    const summaries = (await cf.send(new ListStacksCommand({ StackStatusFilter: ["DELETE_COMPLETE"] }))).StackSummaries!;
    assert.ok(summaries.some((x) => x.StackId === StackId && x.DeletionTime instanceof Date));
  });

  it("rolls back a failing resource, keeping the service's error as the reason and leaving nothing", async () => {
    const body = `
Resources:
  Good1: { Type: AWS::SQS::Queue, Properties: { QueueName: rb-good1 } }
  Good2: { Type: AWS::SQS::Queue, Properties: { QueueName: rb-good2 } }
  Bad:
    Type: AWS::SQS::Queue
    DependsOn: Good1
    Properties: { QueueName: rb-bad, VisibilityTimeout: 999999 }
  After: { Type: AWS::SQS::Queue, DependsOn: Bad, Properties: { QueueName: rb-after } }
`;
    await cf.send(new CreateStackCommand({ StackName: "rb", TemplateBody: body }));
    const s = await settled(cf, "rb");
    assert.equal(s.StackStatus, "ROLLBACK_COMPLETE");
    assert.equal(s.StackStatusReason, undefined);
    const ev = await events(cf, "rb");
    const failed = ev.find((e) => e.LogicalResourceId === "Bad" && e.ResourceStatus === "CREATE_FAILED")!;
    assert.match(failed.ResourceStatusReason!, /Resource handler returned message: ".*VisibilityTimeout.*\(Service: SQS, Status Code: 400, Error Code: [A-Za-z.]+\)"/);
    const rollback = ev.find((e) => e.LogicalResourceId === "rb" && e.ResourceStatus === "ROLLBACK_IN_PROGRESS")!;
    assert.equal(rollback.ResourceStatusReason, "The following resource(s) failed to create: [Bad]. Rollback requested by user.");
    assert.ok(!ev.some((e) => e.LogicalResourceId === "After"), "a resource after the failure never starts");
    for (const id of ["Good1", "Good2"]) assert.ok(ev.some((e) => e.LogicalResourceId === id && e.ResourceStatus === "DELETE_COMPLETE"), `${id} deleted`);
    assert.deepEqual(await queueNames("rb-"), []);
    // A stack in ROLLBACK_COMPLETE can only be deleted.
    await assert.rejects(cf.send(new UpdateStackCommand({ StackName: "rb", UsePreviousTemplate: true })), /is in ROLLBACK_COMPLETE state and can not be updated/);
    await assert.rejects(cf.send(new CreateStackCommand({ StackName: "rb", TemplateBody: body })), { name: "AlreadyExistsException", message: "Stack [rb] already exists" });
    await cf.send(new DeleteStackCommand({ StackName: "rb" }));
    assert.equal((await settled(cf, s.StackId!)).StackStatus, "DELETE_COMPLETE");
  });

  it("fails an unsupported resource type by name and rolls back", async () => {
    const body = `Resources:\n  Q: { Type: AWS::SQS::Queue, Properties: { QueueName: unsup-q } }\n  Odd: { Type: AWS::Kinesis::Stream, Properties: { ShardCount: 1 } }\n`;
    await cf.send(new CreateStackCommand({ StackName: "unsup", TemplateBody: body }));
    const s = await settled(cf, "unsup");
    assert.equal(s.StackStatus, "ROLLBACK_COMPLETE");
    const failed = (await events(cf, "unsup")).find((e) => e.ResourceStatus === "CREATE_FAILED" && e.LogicalResourceId === "Odd")!;
    assert.equal(failed.ResourceStatusReason, "Resource type AWS::Kinesis::Stream is not supported by the local emulator");
    assert.deepEqual(await queueNames("unsup-"), []);
  });

  it("keeps DeletionPolicy: Retain resources", async () => {
    const body = `Resources:\n  Kept: { Type: AWS::SQS::Queue, DeletionPolicy: Retain, Properties: { QueueName: retain-kept } }\n  Gone: { Type: AWS::SQS::Queue, Properties: { QueueName: retain-gone } }\n`;
    await cf.send(new CreateStackCommand({ StackName: "retain", TemplateBody: body }));
    await settled(cf, "retain");
    await cf.send(new DeleteStackCommand({ StackName: "retain" }));
    const s = await settled(cf, (await cf.send(new ListStacksCommand({}))).StackSummaries!.find((x) => x.StackName === "retain")!.StackId!);
    assert.equal(s.StackStatus, "DELETE_COMPLETE");
    assert.deepEqual(await queueNames("retain-"), ["retain-kept"]);
    assert.ok((await events(cf, s.StackId!)).some((e) => e.LogicalResourceId === "Kept" && e.ResourceStatus === "DELETE_SKIPPED"));
  });

  it("imports values across stacks and refuses to delete an export in use", async () => {
    const producer = `Resources:\n  Q: { Type: AWS::SQS::Queue, Properties: { QueueName: prod-q } }\nOutputs:\n  Arn: { Value: !GetAtt Q.Arn, Export: { Name: shared-arn } }\n`;
    const consumer = `Resources:\n  Dlq: { Type: AWS::SQS::Queue, Properties: { QueueName: cons-q, RedrivePolicy: { deadLetterTargetArn: !ImportValue shared-arn, maxReceiveCount: 2 } } }\nOutputs:\n  Seen: { Value: !ImportValue shared-arn }\n`;
    await cf.send(new CreateStackCommand({ StackName: "producer", TemplateBody: producer }));
    assert.equal((await settled(cf, "producer")).StackStatus, "CREATE_COMPLETE");
    // A second stack exporting the same name fails and rolls back.
    await cf.send(new CreateStackCommand({ StackName: "producer2", TemplateBody: producer.replace("prod-q", "prod-q2") }));
    const dup = await settled(cf, "producer2");
    assert.equal(dup.StackStatus, "ROLLBACK_COMPLETE");
    const dupEvent = (await events(cf, "producer2")).find((e) => e.ResourceStatus === "ROLLBACK_IN_PROGRESS")!;
    assert.match(dupEvent.ResourceStatusReason!, /Export with name shared-arn is already exported by stack producer/);

    await cf.send(new CreateStackCommand({ StackName: "consumer", TemplateBody: consumer }));
    const c = await settled(cf, "consumer");
    assert.equal(c.StackStatus, "CREATE_COMPLETE", c.StackStatusReason);
    assert.equal(output(c, "Seen"), "arn:aws:sqs:us-east-1:000000000000:prod-q");
    assert.deepEqual((await cf.send(new ListImportsCommand({ ExportName: "shared-arn" }))).Imports, ["consumer"]);

    await cf.send(new DeleteStackCommand({ StackName: "producer" }));
    const blocked = await settled(cf, "producer");
    assert.equal(blocked.StackStatus, "DELETE_FAILED");
    assert.equal(blocked.StackStatusReason, "Export shared-arn cannot be deleted as it is in use by consumer");
    assert.deepEqual(await queueNames("prod-q"), ["prod-q"]);

    await cf.send(new DeleteStackCommand({ StackName: "consumer" }));
    await settled(cf, c.StackId!);
    await cf.send(new DeleteStackCommand({ StackName: "producer" }));
    assert.equal((await settled(cf, blocked.StackId!)).StackStatus, "DELETE_COMPLETE");
    await assert.rejects(cf.send(new CreateStackCommand({ StackName: "consumer2", TemplateBody: consumer })), { name: "ValidationError", message: "No export named shared-arn found." });
  });

  it("ends DELETE_FAILED on a non-empty bucket and retries with RetainResources", async () => {
    const body = `Resources:\n  B: { Type: AWS::S3::Bucket, Properties: { BucketName: cfn-full-bucket } }\n  Q: { Type: AWS::SQS::Queue, Properties: { QueueName: df-q } }\n`;
    await cf.send(new CreateStackCommand({ StackName: "df", TemplateBody: body }));
    assert.equal((await settled(cf, "df")).StackStatus, "CREATE_COMPLETE");
    await s3.send(new PutObjectCommand({ Bucket: "cfn-full-bucket", Key: "k", Body: "x" }));
    await assert.rejects(cf.send(new DeleteStackCommand({ StackName: "df", RetainResources: ["B"] })), /RetainResources can only be specified when the stack is in DELETE_FAILED state/);
    await cf.send(new DeleteStackCommand({ StackName: "df" }));
    const failed = await settled(cf, "df");
    assert.equal(failed.StackStatus, "DELETE_FAILED");
    assert.equal(failed.StackStatusReason, "The following resource(s) failed to delete: [B]. ");
    const reason = (await events(cf, "df")).find((e) => e.LogicalResourceId === "B" && e.ResourceStatus === "DELETE_FAILED")!.ResourceStatusReason!;
    assert.match(reason, /BucketNotEmpty/);
    assert.deepEqual(await queueNames("df-"), []);
    await cf.send(new DeleteStackCommand({ StackName: "df", RetainResources: ["B"] }));
    assert.equal((await settled(cf, failed.StackId!)).StackStatus, "DELETE_COMPLETE");
    await s3.send(new HeadBucketCommand({ Bucket: "cfn-full-bucket" }));
  });

  it("reads TemplateURL from the emulator's S3 and answers the usual errors", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: "templates" }));
    await s3.send(new PutObjectCommand({ Bucket: "templates", Key: "q.yaml", Body: `Resources:\n  Q: { Type: AWS::SQS::Queue, Properties: { QueueName: url-q } }\n` }));
    await cf.send(new CreateStackCommand({ StackName: "fromurl", TemplateURL: `${gw.url}/templates/q.yaml` }));
    assert.equal((await settled(cf, "fromurl")).StackStatus, "CREATE_COMPLETE");
    assert.deepEqual(await queueNames("url-"), ["url-q"]);
    await assert.rejects(cf.send(new CreateStackCommand({ StackName: "fromurl2", TemplateURL: `${gw.url}/templates/missing.yaml` })), { name: "ValidationError" });
    await assert.rejects(cf.send(new CreateStackCommand({ StackName: "fromurl", TemplateURL: `${gw.url}/templates/q.yaml` })), { name: "AlreadyExistsException" });
    await assert.rejects(cf.send(new CreateStackCommand({ StackName: "no-template" })), { name: "ValidationError", message: "Either Template URL or Template Body must be specified." });
    await assert.rejects(cf.send(new CreateStackCommand({ StackName: "1bad", TemplateBody: "{}" })), /failed to satisfy constraint/);
    await assert.rejects(cf.send(new DescribeStacksCommand({ StackName: "nope" })), { name: "ValidationError", message: "Stack with id nope does not exist" });
    await cf.send(new DeleteStackCommand({ StackName: "never-existed" }));
  });

  it("requires CAPABILITY_IAM for IAM resources", async () => {
    const body = `Resources:\n  R: { Type: AWS::IAM::Role, Properties: { RoleName: capped, AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [] } } }\n`;
    await assert.rejects(cf.send(new CreateStackCommand({ StackName: "caps", TemplateBody: body })), { name: "InsufficientCapabilitiesException", message: "Requires capabilities : [CAPABILITY_NAMED_IAM]" });
    await cf.send(new CreateStackCommand({ StackName: "caps", TemplateBody: body, Capabilities: ["CAPABILITY_NAMED_IAM"] }));
    assert.equal((await settled(cf, "caps")).StackStatus, "CREATE_COMPLETE");
  });

  it("creates and executes change sets", async () => {
    const v1 = `Resources:\n  A: { Type: AWS::SQS::Queue, Properties: { QueueName: cs-a } }\n`;
    const cs = await cf.send(new CreateChangeSetCommand({ StackName: "cs", ChangeSetName: "first", ChangeSetType: "CREATE", TemplateBody: v1 }));
    assert.equal((await cf.send(new DescribeStacksCommand({ StackName: "cs" }))).Stacks![0].StackStatus, "REVIEW_IN_PROGRESS");
    const d = await cf.send(new DescribeChangeSetCommand({ ChangeSetName: cs.Id }));
    assert.equal(d.Status, "CREATE_COMPLETE");
    assert.deepEqual(d.Changes!.map((c) => [c.ResourceChange!.Action, c.ResourceChange!.LogicalResourceId]), [["Add", "A"]]);
    await cf.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
    assert.equal((await settled(cf, "cs")).StackStatus, "CREATE_COMPLETE");

    const v2 = `Resources:\n  A: { Type: AWS::SQS::Queue, Properties: { QueueName: cs-a, DelaySeconds: 2 } }\n  B: { Type: AWS::SQS::Queue, Properties: { QueueName: cs-b } }\n`;
    await cf.send(new CreateChangeSetCommand({ StackName: "cs", ChangeSetName: "second", TemplateBody: v2 }));
    const d2 = await cf.send(new DescribeChangeSetCommand({ StackName: "cs", ChangeSetName: "second" }));
    assert.deepEqual(d2.Changes!.map((c) => [c.ResourceChange!.Action, c.ResourceChange!.LogicalResourceId, c.ResourceChange!.Replacement]), [["Modify", "A", "False"], ["Add", "B", undefined]]);
    await cf.send(new ExecuteChangeSetCommand({ StackName: "cs", ChangeSetName: "second" }));
    assert.equal((await settled(cf, "cs")).StackStatus, "UPDATE_COMPLETE");
    assert.deepEqual(await queueNames("cs-"), ["cs-a", "cs-b"]);
  });

  it("rolls an update back when a new resource fails", async () => {
    const v1 = `Resources:\n  A: { Type: AWS::SQS::Queue, Properties: { QueueName: ur-a, DelaySeconds: 1 } }\n`;
    await cf.send(new CreateStackCommand({ StackName: "ur", TemplateBody: v1 }));
    await settled(cf, "ur");
    const v2 = `Resources:\n  A: { Type: AWS::SQS::Queue, Properties: { QueueName: ur-a, DelaySeconds: 4 } }\n  B: { Type: AWS::SQS::Queue, DependsOn: A, Properties: { QueueName: ur-b, MaximumMessageSize: 1 } }\n`;
    await cf.send(new UpdateStackCommand({ StackName: "ur", TemplateBody: v2 }));
    const s = await settled(cf, "ur");
    assert.equal(s.StackStatus, "UPDATE_ROLLBACK_COMPLETE");
    const url = (await cf.send(new DescribeStackResourceCommand({ StackName: "ur", LogicalResourceId: "A" }))).StackResourceDetail!.PhysicalResourceId!;
    assert.equal((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["DelaySeconds"] }))).Attributes!.DelaySeconds, "1");
    assert.deepEqual(await queueNames("ur-"), ["ur-a"]);
    assert.equal((await cf.send(new GetTemplateCommand({ StackName: "ur" }))).TemplateBody, v1);
  });

  it("creates 50 independent queues in parallel", async () => {
    const resources = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`Q${i}`, { Type: "AWS::SQS::Queue" }]));
    const t0 = performance.now();
    await cf.send(new CreateStackCommand({ StackName: "fifty", TemplateBody: JSON.stringify({ Resources: resources }) }));
    const s = await settled(cf, "fifty", 60_000);
    const ms = performance.now() - t0;
    assert.equal(s.StackStatus, "CREATE_COMPLETE");
    assert.equal((await queueNames("fifty-")).length, 50);
    console.log(`# 50 independent SQS queues reached CREATE_COMPLETE in ${ms.toFixed(0)} ms`);
    // Parallel: a queue's create starts before the first one completes.
    const order = (await events(cf, "fifty")).map((e) => e.ResourceStatus);
    assert.ok(order.indexOf("CREATE_COMPLETE") > 2, "several creates were in flight at once");
  });

  for (const cli of ["v1", "v2"] as const) {
    it(`works with the ${cli} CLI: validate-template, create-stack, describe-stack-events, delete-stack`, async () => {
      const dir = tempDir();
      const file = join(dir, "t.yaml");
      writeFileSync(file, `Description: from the cli\nParameters:\n  N: { Type: String, Default: x }\nResources:\n  Q: { Type: AWS::SQS::Queue, Properties: { QueueName: !Sub "cli-${cli}-\${N}" } }\n`);
      const v = await aws(cli, gw.url, ["cloudformation", "validate-template", "--template-body", `file://${file}`]);
      assert.equal(v.code, 0, v.stderr);
      assert.equal(v.json().Description, "from the cli");
      assert.equal(v.json().Parameters[0].ParameterKey, "N");
      const name = `cli-${cli}`;
      const c = await aws(cli, gw.url, ["cloudformation", "create-stack", "--stack-name", name, "--template-body", `file://${file}`, "--tags", "Key=lab,Value=cross-service-lab"]);
      assert.equal(c.code, 0, c.stderr);
      assert.match(c.json().StackId, /:stack\/cli-/);
      assert.equal((await settled(cf, name)).StackStatus, "CREATE_COMPLETE");
      const e = await aws(cli, gw.url, ["cloudformation", "describe-stack-events", "--stack-name", name]);
      assert.equal(e.code, 0, e.stderr);
      assert.equal(e.json().StackEvents[0].ResourceStatus, "CREATE_COMPLETE");
      assert.ok(e.json().StackEvents.some((x: any) => x.LogicalResourceId === "Q" && x.ResourceStatus === "CREATE_COMPLETE"));
      const d = await aws(cli, gw.url, ["cloudformation", "delete-stack", "--stack-name", name]);
      assert.equal(d.code, 0, d.stderr);
      assert.equal((await settled(cf, c.json().StackId)).StackStatus, "DELETE_COMPLETE");
      assert.deepEqual(await queueNames(`cli-${cli}`), []);
      const bad = await aws(cli, gw.url, ["cloudformation", "describe-stacks", "--stack-name", name]);
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /ValidationError.*Stack with id cli-v\d does not exist/);
    });
  }
});

describe("cloudformation persistence", () => {
  it("keeps stacks across a restart and rolls back one left CREATE_IN_PROGRESS", async () => {
    const dataDir = tempDir();
    let gw = await startTestGateway({ dataDir });
    let cf = new CloudFormationClient(gw.clientConfig);
    await cf.send(new CreateStackCommand({ StackName: "kept", TemplateBody: QUEUES_V1.replace(/life-/g, "kept-") }));
    const before = await settled(cf, "kept");
    assert.equal(before.StackStatus, "CREATE_COMPLETE");
    await cf.send(new CreateStackCommand({ StackName: "crashed", TemplateBody: `Resources:\n  Q: { Type: AWS::SQS::Queue, Properties: { QueueName: crashed-q } }\n` }));
    const crashed = await settled(cf, "crashed");
    await gw.stop();

    // Simulate a crash mid-create: the persisted record says CREATE_IN_PROGRESS.
    const db = new StateDb(join(dataDir, "emulator", "state.sqlite"));
    const stacks = db.map<any>("cloudformation.stacks");
    const rec = stacks.get(crashed.StackId!);
    rec.StackStatus = "CREATE_IN_PROGRESS";
    stacks.set(rec.StackId, rec);
    db.close();

    gw = await startTestGateway({ dataDir });
    cf = new CloudFormationClient(gw.clientConfig);
    try {
      const after = (await cf.send(new DescribeStacksCommand({ StackName: "kept" }))).Stacks![0];
      assert.equal(after.StackStatus, "CREATE_COMPLETE");
      assert.deepEqual(after.Outputs, before.Outputs);
      assert.ok((await events(cf, "kept")).length >= 8);
      assert.ok((await cf.send(new ListExportsCommand({}))).Exports!.some((e) => e.Name === "kept-WorkUrl"));
      const recovered = await settled(cf, "crashed");
      assert.equal(recovered.StackStatus, "ROLLBACK_COMPLETE");
      const reason = (await events(cf, "crashed")).find((e) => e.ResourceStatus === "ROLLBACK_IN_PROGRESS")!.ResourceStatusReason;
      assert.equal(reason, "The local emulator restarted while the stack was CREATE_IN_PROGRESS.");
      const sqs = new SQSClient(gw.clientConfig);
      assert.deepEqual((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: "crashed-" }))).QueueUrls ?? [], []);
    } finally {
      await gw.stop();
    }
  });
});
