// Deploy and cleanup against an in-process emulator, through the same code as the console.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { freePort } from "../../scripts/test-support/free-port.ts";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { CloudFormationClient, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient, UntagResourcesCommand } from "@aws-sdk/client-resource-groups-tagging-api";
import { ListBucketsCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateQueueCommand, DeleteQueueCommand, GetQueueUrlCommand, SQSClient } from "@aws-sdk/client-sqs";
import { startTestGateway, type TestGateway } from "../../emulator/test/harness.ts";
import { clientFor } from "../aws/clients.ts";
import { type Target, targetFrom } from "../aws/target.ts";
import { cleanupLab, LabCleanupError } from "./cleanup.ts";
import { removeLeftoversAndCheck } from "./leftovers.ts";
import { artifactsBucketName, LAB_NAME, LAB_TAG, OUTPUT_KEYS, STACKS, stackOrder } from "./contract.ts";
import { deployLab, LabDeployError } from "./deploy.ts";
import { applyProgress, jobCount, type LabProgress, newJob } from "./progress.ts";
import { listLiveStacks } from "./stacks.ts";

let gw: TestGateway;
let target: Target;

before(async () => {
  gw = await startTestGateway();
  target = targetFrom({ kind: "local", region: "us-east-1" }, { emulatorPort: gw.port });
});
after(async () => {
  await gw.stop();
});

/** Collects progress and folds it the way the console's job does. */
function recorder(kind: "deploy" | "cleanup") {
  const seen: LabProgress[] = [];
  let job = newJob("test", kind, "test");
  return {
    seen,
    listener: (p: LabProgress) => {
      seen.push(p);
      job = applyProgress(job, p);
    },
    count: () => jobCount(job),
    job: () => job,
  };
}

async function whatRemains() {
  const tagged = await clientFor(ResourceGroupsTaggingAPIClient, target).send(new GetResourcesCommand({ TagFilters: [{ Key: LAB_TAG.Key, Values: [LAB_TAG.Value] }] }));
  const stacks = await listLiveStacks({ cfn: clientFor(CloudFormationClient, target) }, LAB_NAME);
  return { tagged: (tagged.ResourceTagMappingList ?? []).map((m) => m.ResourceARN), stacks: stacks.map((s) => s.StackName) };
}


describe("deployLab and cleanupLab on the emulator", () => {
  it("deploys the whole lab (Service Connect), its load balancer answers, and cleanup leaves nothing", { timeout: 240_000 }, async () => {
    const listenerPort = await freePort();
    const progress = recorder("deploy");
    const result = await deployLab({ variant: "connect", target, params: { listenerPort }, workDir: mkdtempSync(path.join(tmpdir(), "lab-bundles-")), onProgress: progress.listener });
    const plan = progress.seen.find((p) => p.kind === "plan");
    assert.deepEqual(plan?.kind === "plan" && plan.stacks.map((s) => s.name), stackOrder("connect"));
    const { done, total } = progress.count();
    assert.equal(done, total);
    assert.ok(total > 80, `the lab holds ${total} resources`);
    assert.deepEqual(result.unhealthy, [], "every target group has healthy targets");
    assert.deepEqual(result.timings.map((t) => t.label), ["stacks complete", "targets healthy"]);
    for (const key of OUTPUT_KEYS) assert.ok(result.outputs[key], `output ${key}`);
    assert.ok(progress.seen.some((p) => p.kind === "step" && /Uploaded 4 of 4 Lambda bundles/.test(p.message)));

    const user = await fetch(`http://127.0.0.1:${listenerPort}/users/123`);
    assert.equal(user.status, 200);

    const cleanup = recorder("cleanup");
    const cleaned = await cleanupLab({ target, onProgress: cleanup.listener });
    assert.deepEqual(cleaned.deleted, [...stackOrder("connect")].reverse());
    assert.deepEqual(cleaned.leftovers, []);
    assert.ok(cleanup.seen.some((p) => p.kind === "step" && /Emptied bucket cross-service-lab-artifacts-/.test(p.message)));
    assert.deepEqual(await whatRemains(), { tagged: [], stacks: [] });
    await assert.rejects(fetch(`http://127.0.0.1:${listenerPort}/users/123`, { signal: AbortSignal.timeout(2_000) }), "the listener is gone");
  });

  it("deploys the messaging stack, reporting every resource, then cleans up to nothing", async () => {
    const progress = recorder("deploy");
    const result = await deployLab({ variant: "connect", target, only: [STACKS.messaging], onProgress: progress.listener });

    const plan = progress.seen.find((p) => p.kind === "plan");
    assert.ok(plan && plan.kind === "plan");
    assert.deepEqual(plan.stacks.map((s) => s.name), [STACKS.messaging]);
    const { done, total } = progress.count();
    assert.ok(total >= 20, `the messaging template holds at least 20 resources, got ${total}`);
    assert.equal(done, total, "every resource counted as done");
    const created = progress.seen.filter((p) => p.kind === "resource" && p.event.status === "CREATE_COMPLETE" && p.event.type !== "AWS::CloudFormation::Stack");
    assert.equal(created.length, total, "one CREATE_COMPLETE event per resource");
    assert.match(result.outputs.OrderEventsTopicArn, /^arn:aws:sns:us-east-1:000000000000:order-events$/);
    assert.match(result.outputs.OrderProcessingQueueUrl, /order-processing$/);
    assert.ok(result.timings.some((t) => t.label === "stacks complete"));

    // A second deploy has nothing to change and says so.
    const again = recorder("deploy");
    await deployLab({ variant: "connect", target, only: [STACKS.messaging], onProgress: again.listener });
    assert.ok(again.seen.some((p) => p.kind === "stack" && p.unchanged));
    assert.deepEqual(again.count(), { done: total, total });

    const tagged = await whatRemains();
    assert.ok(tagged.tagged.length >= 10, "the stack tag reached the resources");

    const cleanup = recorder("cleanup");
    const cleaned = await cleanupLab({ target, onProgress: cleanup.listener });
    assert.deepEqual(cleaned.deleted, [STACKS.messaging]);
    assert.deepEqual(cleaned.leftovers, []);
    assert.deepEqual(cleanup.count(), { done: total, total });
    assert.deepEqual(await whatRemains(), { tagged: [], stacks: [] });
  });

  it("explains a DELETE_FAILED, deletes the stack keeping what failed, and removes that as a leftover", async () => {
    await deployLab({ variant: "connect", target, only: [STACKS.bootstrap, STACKS.network], workDir: mkdtempSync(path.join(tmpdir(), "lab-bundles-")) });
    const s3 = clientFor(S3Client, target);
    const bucket = artifactsBucketName("000000000000", "us-east-1");
    // Something writes to the bucket after cleanup emptied it: CloudFormation cannot delete it.
    const refill = (p: LabProgress) => {
      if (p.kind === "step" && p.message.startsWith("Emptied bucket")) void s3.send(new PutObjectCommand({ Bucket: bucket, Key: "late.txt", Body: "x" }));
    };
    const first = await cleanupLab({ target, onProgress: refill }).then(
      () => assert.fail("cleanup should stop at the bucket"),
      (e: unknown) => e,
    );
    assert.ok(first instanceof LabCleanupError, String(first));
    assert.equal(first.stackName, STACKS.bootstrap);
    assert.deepEqual(first.failures.map((f) => f.logicalId), ["ArtifactsBucket"]);
    assert.match(first.failures[0].reason ?? "", /not empty/i);

    // Keeping the bucket deletes the stack; the bucket stays tagged and shows up as a leftover.
    const kept = await cleanupLab({ target, retainFailed: true });
    assert.deepEqual(kept.deleted, [STACKS.bootstrap]);
    assert.deepEqual(kept.leftovers.map((l) => [l.type, l.name, l.removable]), [["s3", bucket, true]]);
    assert.deepEqual(await removeLeftoversAndCheck(target, () => {}), []);
    assert.equal((await clientFor(S3Client, target).send(new ListBucketsCommand({}))).Buckets?.some((b) => b.Name === bucket), false, "the bucket is gone");
    // The emulator's tag index keeps the ARN of a bucket deleted outside CloudFormation (AWS's
    // lags too); removeLeftoversAndCheck does not report what it just deleted. Clear it for the next test.
    const remains = await whatRemains();
    assert.deepEqual(remains, { tagged: [`arn:aws:s3:::${bucket}`], stacks: [] });
    await clientFor(ResourceGroupsTaggingAPIClient, target).send(new UntagResourcesCommand({ ResourceARNList: remains.tagged as string[], TagKeys: [LAB_TAG.Key] }));
  });

  it("refuses the App Mesh variant where the target cannot create it, before calling anything", async () => {
    const aws = targetFrom({ kind: "aws", region: "eu-west-1", profile: "no-such-profile" }, { emulatorPort: 1 });
    await assert.rejects(deployLab({ variant: "appmesh", target: aws }), (e: Error) => e instanceof LabDeployError && /AWS App Mesh was discontinued on 2026-09-30/.test(e.message));
  });

  it("stops on a failed resource, names the root cause, and lets CloudFormation roll back", async () => {
    // A queue of the same name with other attributes: SQS refuses to create the lab's.
    const sqs = clientFor(SQSClient, target);
    await sqs.send(new CreateQueueCommand({ QueueName: "notifications", Attributes: { VisibilityTimeout: "300", DelaySeconds: "7" } }));
    try {
      const progress = recorder("deploy");
      const error = await deployLab({ variant: "connect", target, only: [STACKS.messaging], onProgress: progress.listener }).then(
        () => assert.fail("the deploy should fail"),
        (e: unknown) => e,
      );
      assert.ok(error instanceof LabDeployError, String(error));
      assert.equal(error.stackName, STACKS.messaging);
      assert.equal(error.stackStatus, "ROLLBACK_COMPLETE");
      assert.equal(error.rootCause?.logicalId, "NotificationsQueue");
      assert.equal(error.rootCause?.status, "CREATE_FAILED");
      assert.doesNotMatch(error.rootCause?.reason ?? "", /cancelled/i);
      const failure = progress.job().failure;
      assert.equal(failure?.rootCause?.logicalId, "NotificationsQueue");
      // Rolled back: nothing created remains, and the stack is left ROLLBACK_COMPLETE.
      const rolledBack = progress.seen.filter((p) => p.kind === "resource" && p.event.status === "DELETE_COMPLETE");
      assert.ok(rolledBack.length > 0, "rollback deleted what had been created");
      const stack = await clientFor(CloudFormationClient, target).send(new DescribeStacksCommand({ StackName: STACKS.messaging }));
      assert.equal(stack.Stacks?.[0].StackStatus, "ROLLBACK_COMPLETE");
    } finally {
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: "notifications" }));
      await sqs.send(new DeleteQueueCommand({ QueueUrl }));
    }
    // The failed stack is removed by cleanup like any other.
    const cleaned = await cleanupLab({ target });
    assert.deepEqual(cleaned.deleted, [STACKS.messaging]);
    assert.deepEqual(await whatRemains(), { tagged: [], stacks: [] });
  });
});
