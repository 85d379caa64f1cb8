import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyProgress, finishJob, jobCount, type LabProgress, MAX_EVENTS, newJob } from "./progress.ts";
import type { LabStackEvent } from "./stack-events.ts";

const event = (stack: string, logicalId: string, status: string, n = 0): LabProgress => ({
  kind: "resource",
  event: { id: `${stack}/${logicalId}/${status}/${n}`, stack, logicalId, type: "AWS::SNS::Topic", status, timestamp: new Date(0).toISOString() } satisfies LabStackEvent,
});
const fold = (kind: "deploy" | "cleanup", reports: LabProgress[]) => reports.reduce((job, p) => applyProgress(job, p), newJob("j", kind, "here"));

describe("job progress", () => {
  it("counts 12/47 across stacks as resources complete", () => {
    const job = fold("deploy", [
      { kind: "plan", stacks: [{ name: "a", total: 2 }, { name: "b", total: 45 }] },
      event("a", "T1", "CREATE_IN_PROGRESS"),
      event("a", "T1", "CREATE_COMPLETE"),
      event("a", "T2", "CREATE_COMPLETE"),
      ...Array.from({ length: 10 }, (_, i) => event("b", `R${i}`, "CREATE_COMPLETE")),
      event("b", "R10", "CREATE_IN_PROGRESS"),
    ]);
    assert.deepEqual(jobCount(job), { done: 12, total: 47 });
    assert.equal(job.events.length, 14);
    assert.equal(job.version, 15);
  });

  it("goes back down while CloudFormation rolls back", () => {
    const job = fold("deploy", [{ kind: "plan", stacks: [{ name: "a", total: 3 }] }, event("a", "A", "CREATE_COMPLETE"), event("a", "B", "CREATE_FAILED"), event("a", "A", "DELETE_COMPLETE")]);
    assert.deepEqual(jobCount(job), { done: 0, total: 3 });
  });

  it("takes a stack's real resource count when it completes, and all of them when nothing changed", () => {
    const job = fold("deploy", [
      { kind: "plan", stacks: [{ name: "a", total: 5 }, { name: "b", total: 2 }] },
      { kind: "stack", stack: "a", status: "CREATE_COMPLETE", total: 4 },
      { kind: "stack", stack: "b", status: "UPDATE_COMPLETE", total: 2, unchanged: true },
    ]);
    assert.deepEqual(jobCount(job), { done: 6, total: 6 });
    assert.equal(job.stacks[1].unchanged, true);
  });

  it("counts deletions for a cleanup", () => {
    const job = fold("cleanup", [{ kind: "plan", stacks: [{ name: "a", total: 2 }] }, event("a", "A", "DELETE_IN_PROGRESS"), event("a", "A", "DELETE_COMPLETE")]);
    assert.deepEqual(jobCount(job), { done: 1, total: 2 });
  });

  it("keeps the failure, targets, outputs and leftovers, and caps the events", () => {
    const many = Array.from({ length: MAX_EVENTS + 5 }, (_, i) => event("a", `R${i}`, "CREATE_COMPLETE", i));
    const job = fold("deploy", [
      ...many,
      { kind: "failure", stack: "a", message: "boom" },
      { kind: "targets", healthy: 3, total: 4, unhealthy: ["x"] },
      { kind: "outputs", outputs: { AlbDnsName: "localhost" } },
      { kind: "leftovers", leftovers: [] },
      { kind: "timing", label: "stacks complete", ms: 1234 },
    ]);
    assert.equal(job.events.length, MAX_EVENTS);
    assert.equal(job.events[0].logicalId, "R5");
    assert.equal(job.failure?.message, "boom");
    assert.equal(job.targets?.healthy, 3);
    assert.deepEqual(job.outputs, { AlbDnsName: "localhost" });
    assert.deepEqual(job.leftovers, []);
    assert.deepEqual(job.timings, [{ label: "stacks complete", ms: 1234 }]);
    const done = finishJob(job, "failed", new Date(5));
    assert.equal(done.state, "failed");
    assert.equal(done.finishedAt, new Date(5).toISOString());
    assert.equal(job.state, "running", "folding never changes the job it was given");
  });
});
