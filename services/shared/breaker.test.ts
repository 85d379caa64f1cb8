import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  BREAKER_PRESETS,
  type BreakerConfig,
  type BreakerItem,
  check,
  forceClose,
  forceOpen,
  initialItem,
  onFailure,
  onSuccess,
  recordFailure,
  recordSuccess,
  reset,
  shouldTrip,
  stateValue,
  whatIf,
  whatIfAll,
  windowCounts,
} from "./breaker.ts";

const LAB = BREAKER_PRESETS.lab.config;
const T0 = 1_700_000_000_000;

/** Applies `n` failures `stepMs` apart starting at `at`. */
function fail(item: BreakerItem, n: number, at: number, stepMs = 100) {
  let it = item;
  const transitions = [];
  for (let i = 0; i < n; i++) {
    const out = onFailure(it, at + i * stepMs);
    it = out.item;
    if (out.transition) transitions.push(out.transition);
  }
  return { item: it, transitions };
}

function openedLab(at = T0) {
  const { item } = fail(initialItem("user-service", LAB, at), 5, at);
  assert.equal(item.state, "OPEN");
  return item;
}

describe("breaker: the lab preset", () => {
  it("starts CLOSED, version 0, with the lab thresholds", () => {
    const item = initialItem("user-service", LAB, T0);
    assert.deepEqual(item, {
      service_name: "user-service",
      state: "CLOSED",
      failure_count: 0,
      success_count: 0,
      window_started_at: T0,
      opened_at: null,
      retry_at: null,
      config: { failureThreshold: 5, windowMs: 10_000, openMs: 15_000, successThreshold: 3 },
      version: 0,
    });
  });

  it("stays CLOSED after 4 failures and opens on the 5th within 10 s", () => {
    const four = fail(initialItem("user-service", LAB, T0), 4, T0 + 1_000);
    assert.equal(four.item.state, "CLOSED");
    assert.equal(four.item.failure_count, 4);
    assert.equal(four.item.window_started_at, T0 + 1_000, "the window starts at the first failure");
    assert.equal(four.transitions.length, 0);
    const fifth = onFailure(four.item, T0 + 9_000);
    assert.equal(fifth.item.state, "OPEN");
    assert.equal(fifth.item.opened_at, T0 + 9_000);
    assert.equal(fifth.item.retry_at, T0 + 9_000 + 15_000);
    assert.equal(fifth.item.failure_count, 5);
    assert.deepEqual(fifth.transition, { from: "CLOSED", to: "OPEN", reason: "5 failures within 10 s", at: T0 + 9_000 });
  });

  it("does not open when the failures are spread beyond the window", () => {
    let item = initialItem("user-service", LAB, T0);
    for (let i = 0; i < 20; i++) item = onFailure(item, T0 + i * 2_600).item; // 4 per 10.4 s
    assert.equal(item.state, "CLOSED");
    assert.ok(item.failure_count <= 4);
  });

  it("restarts the count when the window has expired", () => {
    const four = fail(initialItem("user-service", LAB, T0), 4, T0);
    const late = onFailure(four.item, T0 + 10_000);
    assert.equal(late.item.state, "CLOSED");
    assert.equal(late.item.failure_count, 1);
    assert.equal(late.item.window_started_at, T0 + 10_000);
  });

  it("ignores successes while CLOSED in count mode (no write)", () => {
    const two = fail(initialItem("user-service", LAB, T0), 2, T0).item;
    const out = onSuccess(two, T0 + 500);
    assert.equal(out.item, two);
    assert.equal(out.transition, undefined);
  });

  it("refuses calls while OPEN and turns HALF_OPEN lazily once retry_at has passed", () => {
    const open = openedLab();
    const early = check(open, open.retry_at! - 1);
    assert.equal(early.allowed, false);
    assert.equal(early.item, open, "no change before retry_at");
    const due = check(open, open.retry_at!);
    assert.equal(due.allowed, true);
    assert.equal(due.item.state, "HALF_OPEN");
    assert.equal(due.item.success_count, 0);
    assert.equal(due.item.failure_count, 0);
    assert.equal(due.item.version, open.version + 1);
    assert.equal(due.transition?.from, "OPEN");
    assert.equal(due.transition?.to, "HALF_OPEN");
    assert.match(due.transition!.reason, /open for 15 s/);
  });

  it("allows calls while CLOSED and HALF_OPEN without changing the item", () => {
    const closed = initialItem("user-service", LAB, T0);
    assert.deepEqual(check(closed, T0), { item: closed, allowed: true });
    const half = check(openedLab(), T0 + 60_000).item;
    assert.deepEqual(check(half, T0 + 60_001), { item: half, allowed: true });
  });

  it("closes after 3 successful probes in HALF_OPEN", () => {
    let item = check(openedLab(), T0 + 20_000).item;
    item = onSuccess(item, T0 + 20_100).item;
    item = onSuccess(item, T0 + 20_200).item;
    assert.equal(item.state, "HALF_OPEN");
    assert.equal(item.success_count, 2);
    const third = onSuccess(item, T0 + 20_300);
    assert.equal(third.item.state, "CLOSED");
    assert.deepEqual(
      { f: third.item.failure_count, s: third.item.success_count, o: third.item.opened_at, r: third.item.retry_at, w: third.item.window_started_at },
      { f: 0, s: 0, o: null, r: null, w: T0 + 20_300 },
    );
    assert.deepEqual(third.transition, { from: "HALF_OPEN", to: "CLOSED", reason: "3 successful probes", at: T0 + 20_300 });
  });

  it("reopens on a failed probe in HALF_OPEN, with a new retry_at", () => {
    let item = check(openedLab(), T0 + 20_000).item;
    item = onSuccess(item, T0 + 20_100).item;
    const out = onFailure(item, T0 + 20_200);
    assert.equal(out.item.state, "OPEN");
    assert.equal(out.item.opened_at, T0 + 20_200);
    assert.equal(out.item.retry_at, T0 + 35_200);
    assert.equal(out.item.success_count, 0);
    assert.deepEqual(out.transition, { from: "HALF_OPEN", to: "OPEN", reason: "probe failed", at: T0 + 20_200 });
  });

  it("ignores results recorded while OPEN", () => {
    const open = openedLab();
    assert.equal(onFailure(open, T0 + 1_000).item, open);
    assert.equal(onSuccess(open, T0 + 1_000).item, open);
  });

  it("bumps the version by one on every change and never otherwise", () => {
    let item = initialItem("user-service", LAB, T0);
    const versions: number[] = [];
    for (let i = 0; i < 5; i++) {
      item = onFailure(item, T0 + i).item;
      versions.push(item.version);
    }
    assert.deepEqual(versions, [1, 2, 3, 4, 5]);
    assert.equal(check(item, T0 + 10).item.version, 5, "a refused check changes nothing");
    assert.equal(check(item, item.retry_at!).item.version, 6);
  });
});

describe("breaker: operator actions", () => {
  it("reset closes and zeroes everything, optionally with new thresholds", () => {
    const open = openedLab();
    const out = reset(open, T0 + 1_000, { ...LAB, failureThreshold: 2 });
    assert.equal(out.item.state, "CLOSED");
    assert.equal(out.item.failure_count, 0);
    assert.equal(out.item.retry_at, null);
    assert.equal(out.item.config.failureThreshold, 2);
    assert.equal(out.transition?.reason, "reset");
    assert.equal(out.item.version, open.version + 1);
    const again = reset(out.item, T0 + 2_000);
    assert.equal(again.item, out.item, "resetting a fresh breaker changes nothing");
  });

  it("reset of a CLOSED breaker with counts changes it without a transition", () => {
    const two = fail(initialItem("user-service", LAB, T0), 2, T0).item;
    const out = reset(two, T0 + 1_000);
    assert.equal(out.transition, undefined);
    assert.equal(out.item.failure_count, 0);
    assert.equal(out.item.version, two.version + 1);
  });

  it("force_open holds OPEN (retry_at null) until force_close", () => {
    const out = forceOpen(initialItem("user-service", LAB, T0), T0);
    assert.equal(out.item.state, "OPEN");
    assert.equal(out.item.retry_at, null);
    assert.equal(out.transition?.reason, "forced open");
    assert.equal(check(out.item, T0 + 3_600_000).allowed, false, "never turns HALF_OPEN by itself");
    assert.equal(forceOpen(out.item, T0 + 5).item, out.item, "forcing again changes nothing");
    const closed = forceClose(out.item, T0 + 10);
    assert.equal(closed.item.state, "CLOSED");
    assert.equal(closed.transition?.reason, "forced closed");
  });

  it("force_open with a hold turns HALF_OPEN after it", () => {
    const out = forceOpen(initialItem("user-service", LAB, T0), T0, 2_000);
    assert.equal(out.item.retry_at, T0 + 2_000);
    assert.equal(check(out.item, T0 + 2_000).item.state, "HALF_OPEN");
  });

  it("record_success/record_failure include the lazy check and bump the version once", () => {
    const open = openedLab();
    const half = recordSuccess(open, open.retry_at! + 1);
    assert.equal(half.item.state, "HALF_OPEN");
    assert.equal(half.item.success_count, 1);
    assert.equal(half.item.version, open.version + 1);
    assert.deepEqual(
      half.transitions.map((t) => `${t.from}>${t.to}`),
      ["OPEN>HALF_OPEN"],
    );
    const reopened = recordFailure(open, open.retry_at! + 1);
    assert.deepEqual(
      reopened.transitions.map((t) => `${t.from}>${t.to}`),
      ["OPEN>HALF_OPEN", "HALF_OPEN>OPEN"],
    );
    assert.equal(reopened.transition?.to, "OPEN");
    assert.equal(reopened.item.version, open.version + 1);
    const unchanged = recordSuccess(initialItem("x", LAB, T0), T0);
    assert.equal(unchanged.item.version, 0);
    assert.deepEqual(unchanged.transitions, []);
  });
});

describe("breaker: percent mode (library presets)", () => {
  const hystrix = BREAKER_PRESETS.hystrix.config;

  it("shouldTrip needs the volume, the percentage and the minimum failures", () => {
    assert.equal(shouldTrip(10, 9, hystrix), false, "19 calls < volume 20");
    assert.equal(shouldTrip(10, 10, hystrix), true, "20 calls at 50%");
    assert.equal(shouldTrip(9, 11, hystrix), false, "45% < 50%");
    assert.equal(shouldTrip(4, 0, LAB), false);
    assert.equal(shouldTrip(5, 100, LAB), true, "count mode ignores successes");
    assert.equal(shouldTrip(1, 0, BREAKER_PRESETS.opossum.config), true, "opossum: volume 0, one failure is 100%");
  });

  it("counts successes in the window and opens hystrix at 50% of 20", () => {
    let item = initialItem("inventory-service", hystrix, T0);
    for (let i = 0; i < 10; i++) item = onSuccess(item, T0 + i).item;
    assert.equal(item.success_count, 10);
    for (let i = 0; i < 9; i++) item = onFailure(item, T0 + 100 + i).item;
    assert.equal(item.state, "CLOSED");
    const out = onFailure(item, T0 + 200);
    assert.equal(out.item.state, "OPEN");
    assert.equal(out.transition?.reason, "50% errors over 20 calls within 10 s");
    assert.equal(out.item.retry_at, T0 + 200 + 5_000);
  });

  it("windowCounts drops expired counts", () => {
    const item = { ...initialItem("x", hystrix, T0), failure_count: 3, success_count: 4 };
    assert.deepEqual(windowCounts(item, T0 + 9_999), { failures: 3, successes: 4, windowStartedAt: T0 });
    assert.deepEqual(windowCounts(item, T0 + 10_000), { failures: 0, successes: 0, windowStartedAt: T0 + 10_000 });
  });

  it("one successful trial closes hystrix and opossum", () => {
    for (const name of ["hystrix", "opossum"] as const) {
      const cfg = BREAKER_PRESETS[name].config;
      const open = forceOpen(initialItem("x", cfg, T0), T0, cfg.openMs).item;
      const half = check(open, T0 + cfg.openMs).item;
      assert.equal(onSuccess(half, T0 + cfg.openMs + 1).item.state, "CLOSED", name);
    }
  });

  it("has the presets the architecture names", () => {
    assert.deepEqual(Object.keys(BREAKER_PRESETS), ["lab", "hystrix", "resilience4j", "opossum"]);
    assert.deepEqual(
      [BREAKER_PRESETS.hystrix.config.volumeThreshold, BREAKER_PRESETS.hystrix.config.errorPercentThreshold, BREAKER_PRESETS.hystrix.config.openMs],
      [20, 50, 5_000],
    );
    assert.deepEqual(
      [BREAKER_PRESETS.resilience4j.config.volumeThreshold, BREAKER_PRESETS.resilience4j.config.errorPercentThreshold, BREAKER_PRESETS.resilience4j.config.openMs],
      [100, 50, 60_000],
    );
    assert.deepEqual(
      [BREAKER_PRESETS.opossum.config.errorPercentThreshold, BREAKER_PRESETS.opossum.config.windowMs, BREAKER_PRESETS.opossum.config.openMs],
      [50, 10_000, 30_000],
    );
  });

  it("maps states to the CircuitBreakerState metric values", () => {
    assert.deepEqual([stateValue("CLOSED"), stateValue("HALF_OPEN"), stateValue("OPEN")], [0, 1, 2]);
  });
});

describe("breaker: what-if", () => {
  it("healthy traffic never opens any preset", () => {
    for (const r of whatIfAll(0, 50)) {
      assert.equal(r.trips, false, r.preset);
      assert.equal(r.shortCircuited, 0);
      assert.equal(r.failed, 0);
      assert.equal(r.requests, 3_000);
    }
  });

  it("the lab preset opens after the 5th failure: 10 rps at 100% errors -> 0.4 s", () => {
    const r = whatIf("lab", 1, 10);
    assert.equal(r.trips, true);
    assert.equal(r.firstOpenAtMs, 400);
    assert.equal(r.transitions[0].from, "CLOSED");
    assert.equal(r.transitions[0].to, "OPEN");
    assert.ok(r.shortCircuited > r.attempted, "most calls are refused while the service is down");
    assert.match(r.summary, /^Opens after 0\.4 s/);
  });

  it("hystrix needs 20 calls: at 10 rps and 100% errors it opens at 1.9 s", () => {
    assert.equal(whatIf("hystrix", 1, 10).firstOpenAtMs, 1_900);
  });

  it("resilience4j never opens below 100 calls per window", () => {
    const slow = whatIf("resilience4j", 1, 1);
    assert.equal(slow.trips, false, "60 calls per minute never reach the minimum of 100");
    assert.equal(whatIf("resilience4j", 1, 10).firstOpenAtMs, 9_900);
  });

  it("opossum opens on the first failure", () => {
    const r = whatIf("opossum", 0.5, 10);
    assert.equal(r.trips, true);
    assert.ok(r.firstOpenAtMs! <= 100, `opened at ${r.firstOpenAtMs}`);
  });

  it("a steady 50% error rate keeps reopening the lab breaker (probes fail)", () => {
    const r = whatIf("lab", 0.5, 20);
    const reopens = r.transitions.filter((t) => t.from === "HALF_OPEN" && t.to === "OPEN").length;
    assert.ok(reopens >= 1, "half-open probes hit failures and reopen it");
    assert.ok(r.openMs > 30_000);
  });

  it("low error rates stay under the lab threshold", () => {
    // 2% of 10 rps = one failure every 5 s: never 5 within 10 s.
    assert.equal(whatIf("lab", 0.02, 10).trips, false);
  });

  it("accepts a custom config, clamps its inputs and handles no traffic", () => {
    const custom: BreakerConfig = { failureThreshold: 1, windowMs: 1_000, openMs: 1_000, successThreshold: 1 };
    assert.equal(whatIf(custom, 5, 10).errorRate, 1);
    assert.equal(whatIf(custom, 1, 10).preset, "custom");
    const none = whatIf("lab", 1, 0);
    assert.equal(none.requests, 0);
    assert.equal(none.trips, false);
    assert.equal(whatIf("lab", 1, 1e9).rps, 1_000);
  });

  it("is deterministic", () => {
    assert.deepEqual(whatIf("hystrix", 0.3, 40), whatIf("hystrix", 0.3, 40));
  });
});
