import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { journalObserve, journalWrite } from "../lab/fault-journal.ts";
import {
  alarmChange,
  alarmSegments,
  bandsInWindow,
  breakerView,
  circuitEdge,
  circuitEjection,
  counterRates,
  countdown,
  type FaultBand,
  formatSeconds,
  mergeTransitions,
  type MeshEdge,
  msUntilHalfOpen,
  pointsOf,
  polledTransition,
  rollingTotals,
  trafficSeries,
  transitionsFromStateMetric,
  whatIfRows,
  windowFailures,
} from "./resilience.ts";

const T0 = 1_700_000_000_000; // a multiple of 5 s
const LAB = { failureThreshold: 5, windowMs: 10_000, openMs: 15_000, successThreshold: 3 };

describe("what-if shaping", () => {
  it("gives one row per preset with a verdict in words", () => {
    const rows = whatIfRows(100, 20);
    assert.deepEqual(
      rows.map((r) => r.preset),
      ["lab", "hystrix", "resilience4j", "opossum"],
    );
    const lab = rows.find((r) => r.preset === "lab");
    // 5 failures at 20 rps: the fifth call, at 200 ms.
    assert.equal(lab?.opensAfterMs, 200);
    assert.equal(lab?.verdict, "opens after 0.2 s");
    // Hystrix needs 20 requests in the window first: the 20th call, at 950 ms.
    assert.equal(rows.find((r) => r.preset === "hystrix")?.opensAfterMs, 950);
    // resilience4j needs 100 calls: 4.95 s.
    assert.equal(rows.find((r) => r.preset === "resilience4j")?.verdict, "opens after 5.0 s");
  });

  it("says never when the error rate stays under every threshold", () => {
    const rows = whatIfRows(10, 5);
    // The lab preset counts failures: 10% of 5 rps is 5 failures in 10 s, exactly its threshold.
    assert.equal(rows.find((r) => r.preset === "lab")?.opensAfterMs !== null, true);
    for (const p of ["hystrix", "resilience4j", "opossum"]) {
      const row = rows.find((r) => r.preset === p);
      assert.equal(row?.opensAfterMs, null, p);
      assert.equal(row?.verdict, "never opens in 60 s");
      assert.equal(row?.refusedPercent, 0);
    }
  });

  it("never opens without traffic", () => {
    assert.ok(whatIfRows(100, 0).every((r) => r.opensAfterMs === null));
  });
});

describe("metrics", () => {
  it("orders GetMetricData points oldest first", () => {
    const p = pointsOf({ Timestamps: [new Date(T0 + 10_000), new Date(T0)], Values: [2, 1] });
    assert.deepEqual(p, [
      { t: T0, v: 1 },
      { t: T0 + 10_000, v: 2 },
    ]);
  });

  it("fills quiet periods with zero requests and no error rate", () => {
    const s = trafficSeries(
      [
        { t: T0, v: 10 },
        { t: T0 + 10_000, v: 20 },
      ],
      [{ t: T0 + 10_000, v: 5 }],
      T0,
      T0 + 14_999,
    );
    assert.deepEqual(
      s.map((p) => [p.t - T0, p.requests, p.errors, p.rps, p.errorPercent]),
      [
        [0, 10, 0, 2, 0],
        [5_000, 0, 0, 0, null],
        [10_000, 20, 5, 4, 25],
      ],
    );
  });

  it("sums errors over 10 s for the count threshold", () => {
    const s = trafficSeries(
      [
        { t: T0, v: 4 },
        { t: T0 + 5_000, v: 4 },
        { t: T0 + 10_000, v: 4 },
      ],
      [
        { t: T0, v: 3 },
        { t: T0 + 5_000, v: 2 },
        { t: T0 + 10_000, v: 1 },
      ],
      T0,
      T0 + 10_000,
    );
    assert.deepEqual(
      s.map((p) => p.errors10s),
      [3, 5, 3],
    );
  });

  it("computes the rolling numbers from complete buckets only", () => {
    const s = trafficSeries(
      [
        { t: T0, v: 10 },
        { t: T0 + 5_000, v: 10 },
        { t: T0 + 10_000, v: 1_000 },
      ],
      [{ t: T0 + 5_000, v: 10 }],
      T0,
      T0 + 12_000,
    );
    // At T0+12 s the bucket starting at T0+10 s is still filling.
    assert.deepEqual(rollingTotals(s, T0 + 12_000), { requests: 20, errors: 10, rps: 2, errorPercent: 50 });
  });
});

describe("breakers", () => {
  it("reads a missing item as a fresh CLOSED breaker with the deployed thresholds", () => {
    const b = breakerView("user-service", undefined, { ...LAB, failureThreshold: 7 });
    assert.equal(b.state, "CLOSED");
    assert.equal(b.stored, false);
    assert.equal(b.config.failureThreshold, 7);
  });

  it("counts down to HALF_OPEN, and not while held open", () => {
    const open = breakerView("user-service", { state: "OPEN", opened_at: T0, retry_at: T0 + 15_000, config: LAB, version: 3 }, LAB);
    assert.equal(msUntilHalfOpen(open, T0 + 6_000), 9_000);
    assert.equal(countdown(9_000), "0:09");
    assert.equal(msUntilHalfOpen({ ...open, retryAt: null }, T0), null);
    assert.equal(msUntilHalfOpen({ ...open, state: "CLOSED" }, T0), null);
  });

  it("forgets window failures once the window has passed", () => {
    const b = breakerView("user-service", { state: "CLOSED", failure_count: 3, window_started_at: T0, config: LAB }, LAB);
    assert.equal(windowFailures(b, T0 + 9_000), 3);
    assert.equal(windowFailures(b, T0 + 10_000), 0);
  });

  it("finds transitions in the CircuitBreakerState metric", () => {
    const marks = transitionsFromStateMetric("user-service", [
      { t: T0, v: 0 },
      { t: T0 + 1_000, v: 0 },
      { t: T0 + 2_000, v: 2 },
      { t: T0 + 17_000, v: 1 },
      { t: T0 + 18_000, v: 0 },
    ]);
    assert.deepEqual(
      marks.map((m) => `${m.from}->${m.to}@${m.at - T0}`),
      ["CLOSED->OPEN@2000", "OPEN->HALF_OPEN@17000", "HALF_OPEN->CLOSED@18000"],
    );
  });

  it("keeps a transition seen by the metric and by polling once", () => {
    const metric = transitionsFromStateMetric("user-service", [
      { t: T0, v: 0 },
      { t: T0 + 2_000, v: 2 },
    ]);
    const before = breakerView("user-service", { state: "CLOSED", config: LAB }, LAB);
    const after = breakerView("user-service", { state: "OPEN", opened_at: T0 + 1_500, retry_at: T0 + 16_500, config: LAB }, LAB);
    const polled = polledTransition(before, after, T0 + 2_400);
    assert.equal(polled?.at, T0 + 1_500, "OPEN is dated by opened_at");
    const merged = mergeTransitions(metric, polled ? [polled] : []);
    assert.equal(merged.length, 1);
    assert.equal(merged[0].at, T0 + 1_500);
  });
});

describe("alarms", () => {
  it("reads StateUpdate items from HistoryData or the summary", () => {
    assert.deepEqual(alarmChange({ Timestamp: new Date(T0), HistoryData: JSON.stringify({ oldState: { stateValue: "OK" }, newState: { stateValue: "ALARM" } }) }), { at: T0, from: "OK", to: "ALARM" });
    assert.deepEqual(alarmChange({ Timestamp: new Date(T0), HistorySummary: "Alarm updated from ALARM to OK" }), { at: T0, from: "ALARM", to: "OK" });
    assert.equal(alarmChange({ HistorySummary: "Alarm updated from ALARM to OK" }), undefined);
  });

  it("turns changes into a strip of segments over the window", () => {
    const segs = alarmSegments(
      [
        { at: T0 - 120_000, from: "INSUFFICIENT_DATA", to: "OK" },
        { at: T0 + 10_000, from: "OK", to: "ALARM" },
        { at: T0 + 40_000, from: "ALARM", to: "OK" },
      ],
      "OK",
      T0,
      T0 + 60_000,
    );
    assert.deepEqual(
      segs.map((s) => [s.state, s.from - T0, s.to - T0]),
      [
        ["OK", 0, 10_000],
        ["ALARM", 10_000, 40_000],
        ["OK", 40_000, 60_000],
      ],
    );
  });

  it("shows the current state when nothing changed in the window", () => {
    assert.deepEqual(alarmSegments([], "ALARM", T0, T0 + 1_000), [{ from: T0, to: T0 + 1_000, state: "ALARM" }]);
  });
});

describe("fault bands", () => {
  it("opens a band on a write and closes it on recover", () => {
    let bands: FaultBand[] = journalWrite([], { service_name: "user-service", mode: "fail" }, T0, "console");
    bands = journalWrite(bands, { service_name: "user-service", mode: "none" }, T0 + 20_000, "console");
    assert.deepEqual(
      bands.map((b) => [b.mode, b.from - T0, (b.endedAt ?? 0) - T0]),
      [["fail", 0, 20_000]],
    );
  });

  it("ends a band at expires_at when nobody recovered it", () => {
    const bands = journalWrite([], { service_name: "user-service", mode: "latency", latency_ms: 800, expires_at: (T0 + 30_000) / 1000 }, T0, "experiment");
    const view = bandsInWindow(bands, T0 - 60_000, T0 + 60_000);
    assert.equal(view[0].end, T0 + 30_000);
    assert.equal(view[0].open, false);
    assert.equal(view[0].label, "latency 800 ms");
    assert.equal(bandsInWindow(bands, T0 - 60_000, T0 + 10_000)[0].open, true);
  });

  it("enters a fault written elsewhere (the script) when a poll sees it, once", () => {
    const records = [{ service_name: "inventory-service", mode: "error-rate" as const, error_rate: 30 }];
    let bands = journalObserve([], records, ["user-service", "inventory-service"], T0);
    bands = journalObserve(bands, records, ["user-service", "inventory-service"], T0 + 1_000);
    assert.equal(bands.length, 1);
    assert.equal(bands[0].source, "observed");
    bands = journalObserve(bands, [], ["user-service", "inventory-service"], T0 + 5_000);
    assert.equal(bands[0].endedAt, T0 + 5_000);
  });

  it("enters a crash requested elsewhere once, at the time it was requested", () => {
    const records = [{ service_name: "user-service", mode: "none" as const, crash_requested_at: T0 - 2_000 }];
    let bands = journalObserve([], records, ["user-service"], T0);
    bands = journalObserve(bands, records, ["user-service"], T0 + 1_000);
    assert.deepEqual(
      bands.map((b) => [b.mode, b.from - T0]),
      [["crash", -2_000]],
    );
  });

  it("replaces a band when the fault changes, and marks a crash as an instant", () => {
    let bands = journalWrite([], { service_name: "user-service", mode: "fail" }, T0, "console");
    bands = journalWrite(bands, { service_name: "user-service", mode: "latency", latency_ms: 500 }, T0 + 5_000, "console");
    bands = journalWrite(bands, { service_name: "user-service", crash_requested_at: T0 + 6_000 }, T0 + 6_000, "console");
    assert.deepEqual(
      bands.map((b) => [b.mode, b.from - T0, b.endedAt === undefined ? null : b.endedAt - T0]),
      [
        ["fail", 0, 5_000],
        ["latency", 5_000, null],
        ["crash", 6_000, 6_000],
      ],
    );
  });
});

describe("mesh edges", () => {
  const edge = (destination: string, rps10s: number, p99: number): MeshEdge => ({
    source: "order-service",
    destination,
    requests: rps10s * 100,
    errors: 0,
    rps10s,
    errorPercent: 0,
    latencyMs: { p50: p99 / 4, p90: p99 / 2, p99 },
  });

  it("adds the canary's virtual nodes to the inventory circuit", () => {
    const e = circuitEdge([edge("inventory-service-v1", 9, 40), edge("inventory-service-v2", 1, 90), edge("user-service", 10, 5)], "inventory-service");
    assert.equal(e?.rps10s, 10);
    assert.deepEqual(e?.latencyMs, { p50: 10, p90: 45, p99: 90 });
    assert.equal(circuitEdge([edge("user-service", 10, 5)], "inventory-service"), undefined);
  });

  it("reports Envoy's ejection of a circuit's endpoints until it ends", () => {
    const endpoints = [
      { destination: "user-service", endpoint: "127.0.0.1:1", outlier: { consecutiveServerErrors: 0, ejections: 3, ejectedUntil: new Date(T0 + 45_000).toISOString() } },
      { destination: "inventory-service-v1", endpoint: "127.0.0.1:2", outlier: { consecutiveServerErrors: 1, ejections: 0 } },
      { destination: "order-service", endpoint: "127.0.0.1:3" },
    ];
    assert.deepEqual(circuitEjection(endpoints, "user-service", T0), { endpoints: 1, ejected: 1, until: T0 + 45_000, ejections: 3 });
    assert.equal(circuitEjection(endpoints, "user-service", T0 + 46_000)?.ejected, 0);
    assert.equal(circuitEjection(endpoints, "inventory-service", T0)?.ejected, 0);
    assert.equal(circuitEjection([{ destination: "order-service", endpoint: "x" }], "order-service", T0), undefined);
  });

  it("derives the rate and error % from counter changes", () => {
    const r = counterRates(
      [
        { t: T0, requests: 100, errors: 0 },
        { t: T0 + 5_000, requests: 150, errors: 10 },
        { t: T0 + 10_000, requests: 200, errors: 60 },
      ],
      T0 + 10_000,
    );
    assert.deepEqual(r, { rps: 10, errorPercent: 60 });
    assert.equal(counterRates([{ t: T0, requests: 1, errors: 0 }], T0), undefined);
  });

  it("formats durations for the what-if", () => {
    assert.equal(formatSeconds(450), "0.5 s");
    assert.equal(formatSeconds(45_000), "45 s");
    assert.equal(formatSeconds(125_000), "2 m 05 s");
  });
});
