import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { before, describe, it } from "node:test";
import { targetFrom } from "../aws/target.ts";
import { cancelJob, clearJob, currentJob, jobFile, restoredJob, startJob } from "./job.ts";
import { newJob } from "./progress.ts";

const target = targetFrom({ kind: "local", region: "us-east-1" }, { emulatorPort: 4566 });

async function settled() {
  for (let i = 0; i < 100 && currentJob()?.state === "running"; i++) await sleep(10);
  return currentJob();
}

describe("the console's job runner", () => {
  before(() => {
    process.env.LAB_DATA_DIR = mkdtempSync(path.join(tmpdir(), "lab-job-"));
    clearJob();
  });

  it("runs one job at a time, folds its progress and saves it for a reload", async () => {
    let release: () => void = () => {};
    const started = startJob("deploy", target, async (emit) => {
      emit({ kind: "plan", stacks: [{ name: "s", total: 2 }] });
      emit({ kind: "stack", stack: "s", status: "CREATE_COMPLETE", total: 2 });
      await new Promise<void>((r) => {
        release = r;
      });
    }, "connect");
    assert.ok(started.ok);
    assert.equal(started.job.where, "Local emulator · 000000000000 · us-east-1");
    const second = startJob("cleanup", target, async () => {});
    assert.deepEqual(second, { ok: false, reason: "A deploy is already running; wait for it or cancel it." });
    release();
    const job = await settled();
    assert.equal(job?.state, "succeeded");
    assert.equal(job?.variant, "connect");
    assert.equal(job?.stacks[0].done, 2);
    const saved = JSON.parse(readFileSync(jobFile(), "utf8"));
    assert.equal(saved.state, "succeeded");
    assert.equal(saved.id, job?.id);
  });

  it("records a thrown error as the failure when the run reported none", async () => {
    startJob("cleanup", target, async () => {
      throw new Error("no route to the emulator");
    });
    const job = await settled();
    assert.equal(job?.state, "failed");
    assert.equal(job?.failure?.message, "no route to the emulator");
  });

  it("cancels: the run's signal aborts and the job says cancelled", async () => {
    startJob("deploy", target, (_emit, signal) => sleep(10_000, undefined, { signal }));
    assert.equal(cancelJob(), true);
    assert.equal((await settled())?.state, "cancelled");
    assert.equal(cancelJob(), false, "nothing left to cancel");
  });

  it("reads a job that was running when the console stopped as interrupted", () => {
    assert.equal(restoredJob(newJob("j", "deploy", "x"))?.state, "interrupted");
    assert.equal(restoredJob(null), undefined);
  });
});
