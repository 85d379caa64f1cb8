import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { LabStackEvent } from "../lab/stack-events.ts";
import { buildTimeline, failuresFirst, formatAgo, formatDuration, statusTone } from "./stack-timeline.ts";

let n = 0;
const ev = (stack: string, logicalId: string, status: string, reason?: string, type = "AWS::SQS::Queue"): LabStackEvent => ({
  id: String(++n),
  stack,
  logicalId,
  type,
  status,
  reason,
  timestamp: new Date(1_700_000_000_000 + n * 1000).toISOString(),
});

describe("buildTimeline", () => {
  it("groups per stack in the given order, one row per resource, keeping a failure through the rollback", () => {
    const groups = buildTimeline(
      [
        ev("b", "b", "CREATE_IN_PROGRESS", "User Initiated", "AWS::CloudFormation::Stack"),
        ev("b", "Queue", "CREATE_IN_PROGRESS"),
        ev("b", "Queue", "CREATE_FAILED", "Queue already exists"),
        ev("b", "b", "ROLLBACK_IN_PROGRESS", "The following resource(s) failed to create: [Queue].", "AWS::CloudFormation::Stack"),
        ev("b", "Queue", "DELETE_COMPLETE"),
        ev("a", "Topic", "CREATE_COMPLETE"),
      ],
      ["a", "b", "c"],
    );
    assert.deepEqual(groups.map((g) => g.stack), ["a", "b"]);
    const queue = groups[1].resources[0];
    assert.equal(queue.status, "DELETE_COMPLETE");
    assert.deepEqual(queue.history, ["CREATE_IN_PROGRESS", "CREATE_FAILED", "DELETE_COMPLETE"]);
    assert.equal(queue.failure?.reason, "Queue already exists");
    assert.deepEqual(groups[1].milestones.map((m) => m.status), ["CREATE_IN_PROGRESS", "ROLLBACK_IN_PROGRESS"]);
    assert.equal(Date.parse(queue.lastAt) - Date.parse(queue.firstAt), 3000);
  });
});

describe("failuresFirst", () => {
  it("puts the resource that failed on its own first, the cancelled ones next", () => {
    const [group] = buildTimeline([
      ev("s", "Topic", "CREATE_COMPLETE"),
      ev("s", "Other", "CREATE_FAILED", "Resource creation cancelled"),
      ev("s", "Queue", "CREATE_FAILED", "QueueNameExists"),
    ]);
    const rows = failuresFirst(group.resources);
    assert.deepEqual(rows.map((r) => r.logicalId), ["Queue", "Other", "Topic"]);
    assert.equal(rows[1].failure?.cancelled, true);
    assert.equal(rows[0].failure?.cancelled, false);
  });
});

describe("statusTone", () => {
  it("reads statuses for a deploy and for a cleanup", () => {
    assert.equal(statusTone("CREATE_COMPLETE"), "ok");
    assert.equal(statusTone("CREATE_IN_PROGRESS"), "progress");
    assert.equal(statusTone("CREATE_FAILED"), "failed");
    assert.equal(statusTone("ROLLBACK_COMPLETE"), "rollback");
    assert.equal(statusTone("UPDATE_ROLLBACK_COMPLETE"), "ok");
    assert.equal(statusTone("DELETE_COMPLETE"), "deleted");
    assert.equal(statusTone("DELETE_COMPLETE", "delete"), "ok");
  });
});

describe("formatting", () => {
  it("says how long and how long ago", () => {
    assert.equal(formatDuration(120), "120 ms");
    assert.equal(formatDuration(4_250), "4.3 s");
    assert.equal(formatDuration(125_000), "2 min 5 s");
    const now = Date.parse("2026-01-01T00:10:00Z");
    assert.equal(formatAgo("2026-01-01T00:09:58Z", now), "just now");
    assert.equal(formatAgo("2026-01-01T00:09:48Z", now), "12 s ago");
    assert.equal(formatAgo("2026-01-01T00:07:00Z", now), "3 min ago");
  });
});
