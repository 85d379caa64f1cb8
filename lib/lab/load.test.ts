import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  albBaseUrl,
  classify,
  LOAD_LIMITS,
  LoadGenerator,
  LoadRun,
  latencySummary,
  loadRequestSchema,
  loadTargetProblem,
  MAX_IN_FLIGHT,
  mixRequests,
  percentile,
  type Sender,
} from "./load.ts";

const LOCAL_API = "http://127.0.0.1:4566";
const ALB = "http://localhost:8080";

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** A sender that answers with `status` after the microtask queue drains, recording what it got. */
function recordingSender(status: (name: string) => number) {
  const calls: string[] = [];
  const send: Sender = async (_url, name) => {
    calls.push(name);
    return { status: status(name), ms: 12 };
  };
  return { calls, send };
}

const settle = () => new Promise((r) => setImmediate(r));

describe("load request validation", () => {
  it("accepts the bounds and rejects what lies beyond them", () => {
    assert.equal(loadRequestSchema.safeParse({ rps: 1, durationSeconds: 1, mix: "orders" }).success, true);
    assert.equal(loadRequestSchema.safeParse({ rps: "100", durationSeconds: "120", mix: "both" }).success, true);
    for (const bad of [
      { rps: 0, durationSeconds: 10, mix: "orders" },
      { rps: LOAD_LIMITS.maxRps + 1, durationSeconds: 10, mix: "orders" },
      { rps: 2.5, durationSeconds: 10, mix: "orders" },
      { rps: 10, durationSeconds: 0, mix: "orders" },
      { rps: 10, durationSeconds: LOAD_LIMITS.maxDurationSeconds + 1, mix: "orders" },
      { rps: 10, durationSeconds: 10, mix: "everything" },
      { rps: "ten", durationSeconds: 10, mix: "users" },
    ]) {
      assert.equal(loadRequestSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });

  it("says what is wrong in words next to the field", () => {
    const r = loadRequestSchema.safeParse({ rps: 500, durationSeconds: 600, mix: "orders" });
    assert.equal(r.success, false);
    const byField = Object.fromEntries(r.error.issues.map((i) => [i.path[0], i.message]));
    assert.match(byField.rps, /At most 100 requests per second/);
    assert.match(byField.durationSeconds, /At most 120 seconds/);
  });
});

describe("where load may go", () => {
  it("builds the ALB URL from AlbDnsName and ListenerPort", () => {
    assert.equal(albBaseUrl({ AlbDnsName: "localhost", ListenerPort: "8217" }), "http://localhost:8217");
    assert.equal(albBaseUrl({ AlbDnsName: "lab-123.us-east-1.elb.amazonaws.com" }), "http://lab-123.us-east-1.elb.amazonaws.com:8080");
    assert.equal(albBaseUrl({}), undefined);
  });

  it("keeps local load on loopback", () => {
    for (const ok of ["http://localhost:8080", "http://127.0.0.1:8217", "http://[::1]:8080"]) assert.equal(loadTargetProblem(ok, LOCAL_API), undefined, ok);
    for (const bad of ["http://example.com:8080", "http://10.0.0.5:8080", "http://lab-1.us-east-1.elb.amazonaws.com", "http://127.0.0.1.nip.io"]) {
      assert.match(loadTargetProblem(bad, LOCAL_API) ?? "", /loopback/, bad);
    }
  });

  it("sends AWS load only to an Elastic Load Balancing name", () => {
    assert.equal(loadTargetProblem("http://lab-123.us-east-1.elb.amazonaws.com:8080", undefined), undefined);
    assert.match(loadTargetProblem("http://example.com", undefined) ?? "", /not an Elastic Load Balancing/);
    assert.match(loadTargetProblem("http://elb.amazonaws.com.evil.io", undefined) ?? "", /not an Elastic Load Balancing/);
    assert.match(loadTargetProblem("file:///etc/passwd", undefined) ?? "", /Only http/);
    assert.match(loadTargetProblem("not a url", undefined) ?? "", /not a URL/);
  });
});

describe("counting answers", () => {
  it("tells the fallback 202 of POST /orders from other 2xx", () => {
    assert.equal(classify(201, "post-order"), "ok");
    assert.equal(classify(202, "post-order"), "fallback");
    assert.equal(classify(202, "get-user"), "ok");
    assert.equal(classify(422, "post-order"), "client");
    assert.equal(classify(503, "get-user"), "server");
    assert.equal(classify(0, "get-user"), "error");
  });

  it("takes nearest-rank percentiles", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(values, 50), 50);
    assert.equal(percentile(values, 90), 90);
    assert.equal(percentile(values, 99), 99);
    assert.equal(percentile([], 50), null);
    assert.deepEqual(latencySummary([30, 10, 20]), { p50: 20, p90: 30, p99: 30 });
  });

  it("alternates the two requests in the mixed run", () => {
    assert.deepEqual(mixRequests("both"), ["post-order", "get-user"]);
    assert.deepEqual(mixRequests("users"), ["get-user"]);
  });
});

describe("a run", () => {
  it("sends exactly rate × duration requests and stops by itself", async () => {
    const c = clock();
    const s = recordingSender(() => 201);
    const run = new LoadRun({ rps: 10, durationSeconds: 2, mix: "orders" }, ALB, { send: s.send, now: c.now, id: "t" });
    for (let i = 0; i < 50 && run.state === "running"; i++) {
      run.tick();
      c.advance(50);
    }
    await settle();
    const v = run.view();
    assert.equal(v.state, "finished");
    assert.equal(v.sent, 20);
    assert.equal(v.completed, 20);
    assert.equal(v.counts.ok, 20);
    assert.ok(v.finishedAt && v.finishedAt - v.startedAt <= 2_050);
    // More ticks after the end send nothing.
    c.advance(5_000);
    run.tick();
    assert.equal(run.view().sent, 20);
  });

  it("reports fallbacks and failures by kind, with latency percentiles", async () => {
    const c = clock();
    const s = recordingSender((name) => (name === "post-order" ? 202 : 503));
    const run = new LoadRun({ rps: 4, durationSeconds: 1, mix: "both" }, ALB, { send: s.send, now: c.now, id: "t" });
    for (let i = 0; i < 25; i++) {
      run.tick();
      c.advance(50);
    }
    await settle();
    const v = run.view();
    assert.deepEqual(v.counts, { ok: 0, fallback: 2, client: 0, server: 2, error: 0 });
    assert.deepEqual(v.latency, { p50: 12, p90: 12, p99: 12 });
    assert.equal(v.seconds.reduce((n, s) => n + s.sent, 0), 4);
  });

  it("skips, and counts, requests beyond the in-flight bound instead of queueing them", async () => {
    const c = clock();
    const never: Sender = () => new Promise(() => {});
    const run = new LoadRun({ rps: 100, durationSeconds: 5, mix: "users" }, ALB, { send: never, now: c.now, id: "t" });
    for (let i = 0; i < 60; i++) {
      run.tick();
      c.advance(100);
    }
    const v = run.view();
    assert.equal(v.inFlight, MAX_IN_FLIGHT);
    assert.equal(v.sent, MAX_IN_FLIGHT);
    assert.equal(v.skipped, 500 - MAX_IN_FLIGHT);
  });

  it("stops when asked and says why", () => {
    const c = clock();
    const run = new LoadRun({ rps: 5, durationSeconds: 60, mix: "users" }, ALB, { send: recordingSender(() => 200).send, now: c.now, id: "t" });
    run.tick();
    run.stop();
    c.advance(10_000);
    run.tick();
    assert.equal(run.view().state, "stopped");
    assert.equal(run.view().sent, 1);
    assert.equal(run.view().reason, "stopped by you");
  });
});

describe("the generator", () => {
  it("runs one at a time and refuses targets off loopback locally", () => {
    const g = new LoadGenerator({ send: recordingSender(() => 200).send, now: Date.now, tickMs: 10_000 });
    const request = { rps: 1, durationSeconds: 60, mix: "users" } as const;
    assert.equal(g.start(request, "http://example.com:8080", LOCAL_API).ok, false);
    const first = g.start(request, ALB, LOCAL_API);
    assert.equal(first.ok, true);
    const second = g.start(request, ALB, LOCAL_API);
    assert.equal(second.ok, false);
    assert.match(second.ok ? "" : second.reason, /already going/);
    assert.equal(g.stop()?.state, "stopped");
    assert.equal(g.start(request, ALB, LOCAL_API).ok, true);
    g.stop();
  });

  it("refuses a request outside the bounds even if the form was bypassed", () => {
    const g = new LoadGenerator({ send: recordingSender(() => 200).send, now: Date.now, tickMs: 10_000 });
    const r = g.start({ rps: 1_000, durationSeconds: 3_600, mix: "users" }, ALB, LOCAL_API);
    assert.equal(r.ok, false);
  });
});
