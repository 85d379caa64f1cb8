import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { EMPTY_PROGRESS, exerciseFraction, parseProgress, readProgress, updateProgress, withCheck, withReset, withStarted } from "./progress-store.ts";

describe("progress store", () => {
  it("starts a step once and keeps its first start", () => {
    const a = withStarted(EMPTY_PROGRESS, "2.1", 1_000);
    const b = withStarted(a, "2.1", 5_000);
    assert.equal(b.steps["2.1"].startedAt, 1_000);
  });

  it("records a failing then a passing check, and a pass stays done", () => {
    let p = withCheck(EMPTY_PROGRESS, "3.2", { ok: false, detail: "no fault" }, 10);
    assert.equal(p.steps["3.2"].doneAt, undefined);
    assert.equal(p.steps["3.2"].startedAt, 10);
    p = withCheck(p, "3.2", { ok: true, detail: "fail in force" }, 20);
    assert.equal(p.steps["3.2"].doneAt, 20);
    p = withCheck(p, "3.2", { ok: false, detail: "recovered" }, 30);
    assert.equal(p.steps["3.2"].doneAt, 20);
    assert.equal(p.steps["3.2"].ok, false);
  });

  it("computes an exercise's percentage from done steps only", () => {
    let p = withCheck(EMPTY_PROGRESS, "1.1", { ok: true, detail: "" }, 1);
    p = withCheck(p, "1.2", { ok: false, detail: "" }, 1);
    p = withCheck(p, "2.1", { ok: true, detail: "" }, 1);
    assert.equal(exerciseFraction(p, 1, 5), 20);
    assert.equal(exerciseFraction(p, 2, 4), 25);
    assert.equal(exerciseFraction(p, 3, 4), 0);
  });

  it("resets one exercise without touching the others", () => {
    let p = withCheck(EMPTY_PROGRESS, "1.1", { ok: true, detail: "" }, 1);
    p = withCheck(p, "2.1", { ok: true, detail: "" }, 1);
    assert.deepEqual(Object.keys(withReset(p, "1").steps), ["2.1"]);
  });

  it("treats a corrupt or foreign file as a fresh start", () => {
    assert.deepEqual(parseProgress("{not json"), EMPTY_PROGRESS);
    assert.deepEqual(parseProgress(JSON.stringify({ version: 2, steps: {} })), EMPTY_PROGRESS);
    assert.deepEqual(parseProgress(JSON.stringify({ version: 1, steps: { "9.9": { startedAt: 1 } } })), EMPTY_PROGRESS);
  });

  it("saves to disk and reads it back after a restart", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "progress-")), "console", "progress.json");
    await Promise.all([
      updateProgress((p) => withCheck(p, "4.1", { ok: true, detail: "metrics" }, 5), file),
      updateProgress((p) => withCheck(p, "4.2", { ok: false, detail: "no trace" }, 6), file),
    ]);
    const back = await readProgress(file);
    assert.equal(back.steps["4.1"].doneAt, 5);
    assert.equal(back.steps["4.2"].ok, false);
    assert.match(await readFile(file, "utf8"), /"version": 1/);
  });
});
