import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FaultRecord } from "../../lib/lab/contract.ts";
import { activeFault, applyFault, crashRequested, decideFault, FaultWatcher, NO_FAULT } from "./faults.ts";
import { createLogger } from "./log.ts";

const NOW = 1_800_000_000_000;
const quiet = createLogger({}, "error", () => {});

describe("faults: the record in force", () => {
  it("no record, mode none, or an unknown mode is no fault", () => {
    assert.deepEqual(activeFault(undefined, NOW), NO_FAULT);
    assert.deepEqual(activeFault({ service_name: "user-service", mode: "none" }, NOW), NO_FAULT);
    assert.deepEqual(activeFault({ service_name: "user-service", mode: "explode" as FaultRecord["mode"] }, NOW), NO_FAULT);
  });

  it("a fault without expires_at stays until changed", () => {
    assert.equal(activeFault({ service_name: "user-service", mode: "fail" }, NOW).mode, "fail");
  });

  it("expires_at is epoch seconds and the fault ends at that second", () => {
    const rec: FaultRecord = { service_name: "user-service", mode: "fail", expires_at: NOW / 1000 + 30 };
    assert.equal(activeFault(rec, NOW).mode, "fail");
    assert.equal(activeFault(rec, NOW + 29_999).mode, "fail");
    assert.equal(activeFault(rec, NOW + 30_000).mode, "none");
    assert.equal(activeFault({ ...rec, expires_at: NOW / 1000 - 1 }, NOW).mode, "none", "already expired");
  });

  it("clamps latency and error rate, and takes numbers as strings", () => {
    const f = activeFault({ service_name: "x", mode: "latency", latency_ms: "250" as unknown as number }, NOW);
    assert.equal(f.latencyMs, 250);
    assert.equal(activeFault({ service_name: "x", mode: "latency", latency_ms: 1e9 }, NOW).latencyMs, 60_000);
    assert.equal(activeFault({ service_name: "x", mode: "error-rate", error_rate: 150 }, NOW).errorRate, 100);
    assert.equal(activeFault({ service_name: "x", mode: "error-rate", error_rate: -5 }, NOW).errorRate, 0);
  });
});

describe("faults: what a fault does to a request", () => {
  it("fail answers 503", () => {
    assert.deepEqual(decideFault({ mode: "fail", latencyMs: 0, errorRate: 0 }), { kind: "fail", status: 503, reason: "fault injected: fail" });
  });

  it("latency delays", async () => {
    assert.deepEqual(decideFault({ mode: "latency", latencyMs: 40, errorRate: 0 }), { kind: "delay", ms: 40 });
    const t0 = performance.now();
    assert.equal(await applyFault({ mode: "latency", latencyMs: 40, errorRate: 0 }), undefined);
    assert.ok(performance.now() - t0 >= 35);
  });

  it("error-rate fails that share of requests", () => {
    const f = { mode: "error-rate" as const, latencyMs: 0, errorRate: 30 };
    assert.equal(decideFault(f, () => 0.29).kind, "fail");
    assert.equal(decideFault(f, () => 0.3).kind, "pass");
    let n = 0;
    let failed = 0;
    const seq = () => (n++ % 100) / 100;
    for (let i = 0; i < 100; i++) if (decideFault(f, seq).kind === "fail") failed++;
    assert.equal(failed, 30);
  });

  it("applyFault returns the 503 body for fail", async () => {
    const out = await applyFault({ mode: "fail", latencyMs: 0, errorRate: 0 });
    assert.equal(out?.status, 503);
    assert.equal(out?.body.fault, "fail");
  });
});

describe("faults: the one-shot crash", () => {
  it("fires only for a request made after the process started", () => {
    assert.equal(crashRequested({ crash_requested_at: NOW + 1 }, NOW), true);
    assert.equal(crashRequested({ crash_requested_at: NOW - 1 }, NOW), false, "the replacement task ignores it");
    assert.equal(crashRequested({}, NOW), false);
    assert.equal(crashRequested(undefined, NOW), false);
  });
});

describe("faults: the watcher", () => {
  it("reads in the background, keeps the last record on errors, and crashes once", async () => {
    let reads = 0;
    let record: Partial<FaultRecord> | Error | undefined = { service_name: "user-service", mode: "fail" };
    const crashes: unknown[] = [];
    const w = new FaultWatcher({
      service: "user-service",
      log: quiet,
      startedAt: NOW,
      clock: () => NOW,
      read: async () => {
        reads++;
        if (record instanceof Error) throw record;
        return record;
      },
      onCrash: (r) => crashes.push(r),
    });
    assert.equal(w.current().mode, "none", "nothing read yet");
    await w.poll();
    assert.equal(w.current().mode, "fail");
    record = new Error("table is gone");
    await w.poll();
    assert.equal(w.current().mode, "fail", "a failed read keeps the last known fault");
    record = { service_name: "user-service", mode: "none", crash_requested_at: NOW + 5 };
    await w.poll();
    await w.poll();
    assert.equal(crashes.length, 1, "crash fires once");
    assert.equal(w.current().mode, "none");
    assert.equal(reads, 4);
  });

  it("notices expiry between reads", async () => {
    let now = NOW;
    const w = new FaultWatcher({
      service: "x",
      log: quiet,
      clock: () => now,
      read: async () => ({ service_name: "x", mode: "fail", expires_at: NOW / 1000 + 1 }),
    });
    await w.poll();
    assert.equal(w.current().mode, "fail");
    now += 1_000;
    assert.equal(w.current().mode, "none");
  });

  it("polls about once per interval", async () => {
    let reads = 0;
    const w = new FaultWatcher({ service: "x", log: quiet, intervalMs: 50, read: async () => {
        reads++;
        return undefined;
      },
    }).start();
    await new Promise((r) => setTimeout(r, 180));
    w.stop();
    assert.ok(reads >= 3 && reads <= 5, `read ${reads} times in 180 ms at 50 ms`);
  });
});
