import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  circuitOf,
  type Experiment,
  type ExperimentRequest,
  experimentFault,
  experimentRequestSchema,
  ExperimentRunner,
  type ExperimentStore,
  MAX_REVERT_ATTEMPTS,
  type Observation,
  type RunnerDeps,
  stopReason,
} from "./experiments.ts";
import type { FaultRequest } from "./faults.ts";

/** Timers and a clock driven by the test: `advance` fires what falls due, in order. */
function fakeTime(start = 1_700_000_000_000) {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimer(fn: () => void, ms: number) {
      const id = ++seq;
      timers.set(id, { at: now + ms, fn });
      return { cancel: () => timers.delete(id) };
    },
    pending: () => timers.size,
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const next = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!next) break;
        timers.delete(next[0]);
        now = Math.max(now, next[1].at);
        next[1].fn();
        await flush();
      }
      now = until;
      await flush();
    },
  };
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
};

function memoryStore(initial: Experiment[] = []): ExperimentStore & { saved: Experiment[] } {
  const s = {
    saved: structuredClone(initial),
    load: () => structuredClone(s.saved),
    save: (e: Experiment[]) => {
      s.saved = structuredClone(e);
    },
  };
  return s;
}

function harness(options: { store?: ReturnType<typeof memoryStore>; observation?: () => Observation; failWrites?: () => boolean; time?: ReturnType<typeof fakeTime> } = {}) {
  const time = options.time ?? fakeTime();
  const store = options.store ?? memoryStore();
  const writes: FaultRequest[] = [];
  const deps: RunnerDeps = {
    async writeFault(request) {
      if (options.failWrites?.()) throw new Error("connection refused at http://127.0.0.1:4566");
      writes.push(request);
    },
    observe: async () => options.observation?.() ?? {},
    store,
    now: time.now,
    pollMs: () => 1_000,
    setTimer: time.setTimer,
  };
  return { runner: new ExperimentRunner(deps), time, store, writes, deps };
}

const FAIL_USER: ExperimentRequest = { service: "user-service", mode: "fail", durationSeconds: 30, stop: "none" };

describe("experiment requests", () => {
  it("validates each field with a message for that field", () => {
    const r = experimentRequestSchema.safeParse({ service: "user-service", mode: "latency", durationSeconds: 2, stop: "error-rate" });
    assert.equal(r.success, false);
    const fields = Object.fromEntries(r.error.issues.map((i) => [i.path[0], i.message]));
    assert.match(fields.durationSeconds, /At least 5 seconds/);
    assert.match(fields.latencyMs, /delay/);
    assert.match(fields.stopErrorPercent, /error %/);
  });

  it("refuses a breaker stop condition for a service with no breaker in front", () => {
    const r = experimentRequestSchema.safeParse({ service: "notification-service", mode: "fail", durationSeconds: 10, stop: "breaker-open" });
    assert.equal(r.success, false);
    assert.match(r.error.issues[0].message, /no circuit breaker/);
    assert.equal(circuitOf("inventory-service-v2"), "inventory-service");
    assert.equal(circuitOf("order-service"), undefined);
  });

  it("writes a fault that expires by itself at the experiment's end", () => {
    assert.deepEqual(experimentFault({ ...FAIL_USER, mode: "latency", latencyMs: 800 }), { command: "latency", service: "user-service", durationSeconds: 30, latencyMs: 800 });
  });

  it("stops on the chosen condition only", () => {
    const req = (stop: ExperimentRequest["stop"], stopErrorPercent?: number): ExperimentRequest => ({ ...FAIL_USER, stop, stopErrorPercent });
    assert.match(stopReason(req("alarm"), { alarm: "ALARM" }) ?? "", /cross-service-lab-user-service-breaker-open alarm went ALARM/);
    assert.equal(stopReason(req("alarm"), { alarm: "OK", breaker: "OPEN" }), undefined);
    assert.match(stopReason(req("breaker-open"), { breaker: "OPEN" }) ?? "", /breaker opened/);
    assert.equal(stopReason(req("breaker-open"), { breaker: "HALF_OPEN" }), undefined);
    assert.match(stopReason(req("error-rate", 40), { errorPercent: 55 }) ?? "", /55% \(above 40%\)/);
    assert.equal(stopReason(req("error-rate", 40), { errorPercent: 40 }), undefined);
    assert.equal(stopReason(req("none"), { alarm: "ALARM", breaker: "OPEN", errorPercent: 100 }), undefined);
  });
});

describe("the runner", () => {
  it("injects, counts down, and reverts when the time is up", async () => {
    const h = harness();
    const started = await h.runner.start(FAIL_USER);
    assert.equal(started.ok, true);
    assert.deepEqual(h.writes, [{ command: "fail", service: "user-service", durationSeconds: 30 }]);
    await h.time.advance(29_000);
    assert.equal(h.runner.active()?.state, "running");
    await h.time.advance(1_000);
    assert.deepEqual(h.writes.at(-1), { command: "recover", service: "user-service" });
    const done = h.runner.latest();
    assert.equal(done?.state, "done");
    assert.equal(done?.outcome, "completed");
    assert.equal(h.store.saved.at(-1)?.state, "done");
  });

  it("runs one at a time", async () => {
    const h = harness();
    await h.runner.start(FAIL_USER);
    const second = await h.runner.start({ ...FAIL_USER, service: "order-service" });
    assert.equal(second.ok, false);
  });

  it("reverts early when the stop condition is met", async () => {
    let breaker: Observation["breaker"] = "CLOSED";
    const h = harness({ observation: () => ({ breaker }) });
    await h.runner.start({ ...FAIL_USER, stop: "breaker-open", durationSeconds: 60 });
    await h.time.advance(3_000);
    assert.equal(h.runner.active()?.state, "running");
    breaker = "OPEN";
    await h.time.advance(1_000);
    const e = h.runner.latest();
    assert.equal(e?.state, "done");
    assert.equal(e?.outcome, "stopped-early");
    assert.match(e?.reason ?? "", /breaker opened/);
    assert.deepEqual(h.writes.at(-1), { command: "recover", service: "user-service" });
    assert.equal(h.time.pending(), 0, "no timer is left behind");
  });

  it("reverts when cancelled", async () => {
    const h = harness();
    await h.runner.start(FAIL_USER);
    await h.runner.cancel();
    assert.equal(h.runner.latest()?.outcome, "cancelled");
    assert.equal(h.writes.filter((w) => w.command === "recover").length, 1);
    assert.equal(h.time.pending(), 0);
  });

  it("retries the revert until it is written", async () => {
    let failing = true;
    const h = harness({ failWrites: () => failing && h.writes.length === 1 });
    await h.runner.start(FAIL_USER);
    await h.time.advance(30_000);
    assert.equal(h.runner.latest()?.state, "reverting");
    assert.match(h.runner.latest()?.lastError ?? "", /connection refused/);
    failing = false;
    await h.time.advance(2_000);
    assert.equal(h.runner.latest()?.state, "done");
    assert.deepEqual(h.writes.at(-1), { command: "recover", service: "user-service" });
  });

  it("gives up after a bounded number of attempts and says the fault expires by itself", async () => {
    const h = harness({ failWrites: () => h.writes.length >= 1 });
    await h.runner.start(FAIL_USER);
    await h.time.advance(30_000 + 5 * 60_000);
    const e = h.runner.latest();
    assert.equal(e?.state, "failed");
    assert.equal(e?.revertAttempts, MAX_REVERT_ATTEMPTS);
    assert.match(e?.log.at(-1)?.message ?? "", /expires by itself/);
    assert.equal(h.time.pending(), 0);
  });

  it("does not start when the fault cannot be written, and leaves nothing to revert", async () => {
    const h = harness({ failWrites: () => true });
    const r = await h.runner.start(FAIL_USER);
    assert.equal(r.ok, false);
    assert.equal(h.runner.active(), undefined);
    assert.equal(h.runner.latest()?.state, "failed");
  });
});

describe("a console restarted mid-experiment", () => {
  it("reverts an experiment whose time ran out while it was stopped", async () => {
    const first = harness();
    await first.runner.start(FAIL_USER);
    await first.time.advance(10_000);
    // The process dies here: its timers are gone. A new one starts 5 minutes later.
    const time = fakeTime(first.time.now() + 5 * 60_000);
    const second = harness({ store: first.store, time });
    const resumed = second.runner.resume();
    assert.equal(resumed?.id, first.runner.latest()?.id);
    await flush();
    assert.deepEqual(second.writes, [{ command: "recover", service: "user-service" }]);
    const e = second.runner.latest();
    assert.equal(e?.state, "done");
    assert.equal(e?.outcome, "reverted-on-restart");
    assert.equal(second.store.saved.at(-1)?.state, "done");
  });

  it("continues the countdown of one still under way", async () => {
    const first = harness();
    await first.runner.start({ ...FAIL_USER, durationSeconds: 60 });
    await first.time.advance(10_000);
    const second = harness({ store: first.store, time: fakeTime(first.time.now() + 5_000) });
    second.runner.resume();
    await flush();
    assert.equal(second.writes.length, 0, "nothing is written on resume");
    assert.equal(second.runner.active()?.state, "running");
    await second.time.advance(44_000);
    assert.equal(second.writes.length, 0);
    await second.time.advance(1_000);
    assert.deepEqual(second.writes, [{ command: "recover", service: "user-service" }]);
    assert.equal(second.runner.latest()?.outcome, "completed");
  });

  it("finishes a revert that was under way when it stopped", async () => {
    const store = memoryStore();
    const failing = harness({ store, failWrites: () => store.saved.length > 0 && failing.writes.length >= 1 });
    await failing.runner.start(FAIL_USER);
    await failing.time.advance(30_000);
    assert.equal(store.saved.at(-1)?.state, "reverting");
    const second = harness({ store, time: fakeTime(failing.time.now() + 1_000) });
    second.runner.resume();
    await flush();
    assert.equal(second.runner.latest()?.state, "done");
    assert.equal(second.runner.latest()?.outcome, "completed");
  });

  it("resumes once, however often it is asked", async () => {
    const first = harness();
    await first.runner.start(FAIL_USER);
    const second = harness({ store: first.store, time: fakeTime(first.time.now() + 60_000) });
    second.runner.resume();
    second.runner.resume();
    await flush();
    second.runner.resume();
    await flush();
    assert.equal(second.writes.length, 1);
  });
});
