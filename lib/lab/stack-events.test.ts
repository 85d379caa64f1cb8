import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { countDone, deleteFailures, deployOutcome, explainDeleteFailure, foldLatest, type LabStackEvent, rootCause, STACK_TYPE } from "./stack-events.ts";

let seq = 0;
const ev = (logicalId: string, status: string, reason?: string, type = "AWS::SQS::Queue"): LabStackEvent => ({
  id: String(++seq),
  stack: "s",
  logicalId,
  type,
  status,
  reason,
  timestamp: new Date(1_700_000_000_000 + seq).toISOString(),
});

describe("rootCause", () => {
  it("skips resources cancelled because another failed, even when they come first", () => {
    const events = [
      ev("s", "CREATE_IN_PROGRESS", "User Initiated", STACK_TYPE),
      ev("TopicA", "CREATE_FAILED", "Resource creation cancelled"),
      ev("QueueB", "CREATE_FAILED", "Resource handler returned message: \"queue exists\" (HandlerErrorCode: AlreadyExists)"),
      ev("QueueC", "CREATE_FAILED", "Resource handler returned message: \"later\""),
      ev("s", "ROLLBACK_IN_PROGRESS", "The following resource(s) failed to create: [QueueB]. Rollback requested by user.", STACK_TYPE),
    ];
    assert.equal(rootCause(events)?.logicalId, "QueueB");
  });

  it("falls back to a cancelled resource, then to the stack's own reason", () => {
    assert.equal(rootCause([ev("A", "CREATE_FAILED", "Resource creation cancelled")])?.logicalId, "A");
    const onlyStack = [ev("s", "ROLLBACK_IN_PROGRESS", "Parameter validation failed", STACK_TYPE)];
    assert.equal(rootCause(onlyStack)?.reason, "Parameter validation failed");
    assert.equal(rootCause([ev("A", "CREATE_COMPLETE")]), undefined);
  });

  it("treats update failures the same way", () => {
    const events = [ev("A", "UPDATE_FAILED", "Resource update cancelled"), ev("B", "UPDATE_FAILED", "Invalid value")];
    assert.equal(rootCause(events)?.logicalId, "B");
  });
});

describe("deleteFailures", () => {
  it("lists the resources whose latest status is DELETE_FAILED, with the reason", () => {
    const events = [ev("Bucket", "DELETE_FAILED", "The bucket you tried to delete is not empty"), ev("Queue", "DELETE_FAILED", "x"), ev("Queue", "DELETE_COMPLETE")];
    assert.deepEqual(deleteFailures(events).map((e) => [e.logicalId, e.reason]), [["Bucket", "The bucket you tried to delete is not empty"]]);
  });
});

describe("counting", () => {
  it("counts created resources for a deploy and deleted ones for a cleanup; the stack is not a resource", () => {
    const latest = foldLatest({}, [ev("s", "CREATE_IN_PROGRESS", undefined, STACK_TYPE), ev("A", "CREATE_IN_PROGRESS"), ev("A", "CREATE_COMPLETE"), ev("B", "CREATE_IN_PROGRESS")]);
    assert.deepEqual(latest, { A: "CREATE_COMPLETE", B: "CREATE_IN_PROGRESS" });
    assert.equal(countDone(latest, "deploy"), 1);
    const rolledBack = foldLatest(latest, [ev("A", "DELETE_COMPLETE")]);
    assert.equal(countDone(rolledBack, "deploy"), 0);
    assert.equal(countDone(rolledBack, "delete"), 1);
  });

  it("reads a final stack status as the outcome of the operation", () => {
    assert.equal(deployOutcome("CREATE_COMPLETE", "create"), "ok");
    assert.equal(deployOutcome("ROLLBACK_COMPLETE", "create"), "failed");
    assert.equal(deployOutcome("UPDATE_COMPLETE", "update"), "ok");
    assert.equal(deployOutcome("UPDATE_ROLLBACK_COMPLETE", "update"), "failed");
    assert.equal(deployOutcome("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "update"), "running");
  });
});

describe("explainDeleteFailure", () => {
  it("explains the DELETE_FAILED reasons AWS gives for the lab's resources", () => {
    const cases: [string, RegExp][] = [
      ["resource sg-0a1b2c3d has a dependent object (Service: Ec2, Status Code: 400, Error Code: DependencyViolation)", /network interface.*Retry in a few minutes/],
      ["The subnet 'subnet-123' has dependencies and cannot be deleted. (Service: Ec2, Error Code: DependencyViolation)", /network interface/],
      ["The bucket you tried to delete is not empty (Service: S3, Status Code: 409, Error Code: BucketNotEmpty)", /emptied the bucket/],
      ["The repository with name 'cross-service-lab/user-service' cannot be deleted because it still contains images", /Images were pushed/],
      ["Export cross-service-lab-messaging-AlarmTopicArn cannot be deleted as it is in use by cross-service-lab-resilience", /imports one of its outputs/],
      ["User: arn:aws:sts::123456789012:assumed-role/dev/me is not authorized to perform: ec2:DeleteVpc", /permission the message names/],
    ];
    for (const [reason, advice] of cases) assert.match(explainDeleteFailure(reason) ?? "", advice, reason);
  });

  it("says nothing it does not know", () => {
    assert.equal(explainDeleteFailure("Internal Failure"), undefined);
    assert.equal(explainDeleteFailure(undefined), undefined);
  });
});
