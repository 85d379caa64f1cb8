import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import type { ActiveFault } from "./faults.ts";
import { NO_FAULT } from "./faults.ts";
import { callPeer, createRequestHandler, HttpError, matchPath, matchRoute, type Route } from "./http.ts";
import { createLogger } from "./log.ts";
import { type MetricDatum, Metrics } from "./metrics.ts";
import { Tracer } from "./tracing.ts";

describe("http: routing", () => {
  it("matches params and literal segments", () => {
    assert.deepEqual(matchPath("/users/:id", "/users/123"), { id: "123" });
    assert.deepEqual(matchPath("/inventory/:id/restock", "/inventory/prod%2D1/restock"), { id: "prod-1" });
    assert.equal(matchPath("/users/:id", "/users"), undefined);
    assert.equal(matchPath("/users/:id", "/users/1/x"), undefined);
    assert.deepEqual(matchPath("/a/*", "/a/b/c"), {});
    assert.equal(matchPath("/users/:id", "/users/%E0%A4%A"), undefined, "bad escapes do not match");
  });

  it("takes the first matching route, and reports allowed methods", () => {
    const h = () => ({ status: 200 });
    const routes: Route[] = [
      { method: "GET", path: "/orders/breakers", handler: h },
      { method: "GET", path: "/orders/:id", handler: h },
      { method: "POST", path: "/orders", handler: h },
    ];
    const m = matchRoute(routes, "GET", "/orders/breakers");
    assert.ok(m && "route" in m && m.route.path === "/orders/breakers");
    assert.deepEqual(matchRoute(routes, "DELETE", "/orders"), { allowed: ["POST"] });
    assert.equal(matchRoute(routes, "GET", "/nope"), undefined);
  });
});

describe("http: a service's request handling", () => {
  let server: Server;
  let base: string;
  let fault: ActiveFault = NO_FAULT;
  const lines: Record<string, unknown>[] = [];
  const sent: MetricDatum[][] = [];
  const log = createLogger({ service: "test-service" }, "debug", (l) => lines.push(JSON.parse(l)));
  const metrics = new Metrics({ service: "test-service", log, send: async (d) => void sent.push(d) });
  const tracer = new Tracer({ service: "test-service", log, send: async () => {} });

  before(async () => {
    const handler = createRequestHandler({
      name: "test-service",
      version: "v9",
      prefixes: ["things"],
      faults: { current: () => fault },
      metrics,
      tracer,
      log,
      readiness: () => ({ consumer: "ok" }),
      routes: [
        { method: "GET", path: "/things/:id", handler: ({ params }) => ({ status: 200, body: { id: params.id } }) },
        { method: "POST", path: "/things", handler: async (ctx) => ({ status: 201, body: { got: await ctx.body() } }) },
        { method: "GET", path: "/boom", handler: () => { throw new Error("kaput"); } },
        { method: "GET", path: "/teapot", handler: () => { throw new HttpError(418, "Teapot", "short and stout"); } },
        { method: "GET", path: "/unfaulted", faulted: false, handler: () => ({ status: 200, body: {} }) },
      ],
    });
    server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  const get = async (path: string, init?: RequestInit) => {
    const res = await fetch(base + path, init);
    return { status: res.status, body: await res.json().catch(() => undefined), headers: res.headers };
  };

  it("answers the health routes, with readiness under /<prefix>/health too", async () => {
    fault = NO_FAULT;
    const live = await get("/health/live");
    assert.equal(live.status, 200);
    assert.equal(live.body.status, "live");
    assert.equal(live.body.version, "v9");
    for (const p of ["/health/ready", "/things/health"]) {
      const r = await get(p);
      assert.equal(r.status, 200, p);
      assert.deepEqual([r.body.status, r.body.fault, r.body.consumer], ["ready", "none", "ok"]);
    }
  });

  it("a fail fault makes readiness and business routes 503 and leaves /health/live alone", async () => {
    fault = { mode: "fail", latencyMs: 0, errorRate: 0 };
    try {
      assert.equal((await get("/health/live")).status, 200);
      assert.equal((await get("/health/ready")).status, 503);
      assert.equal((await get("/things/health")).status, 503);
      const r = await get("/things/1");
      assert.equal(r.status, 503);
      assert.equal(r.body.fault, "fail");
      assert.equal((await get("/unfaulted")).status, 200, "a route may opt out");
    } finally {
      fault = NO_FAULT;
    }
  });

  it("routes with params, parses JSON bodies and rejects bad ones", async () => {
    assert.deepEqual((await get("/things/abc")).body, { id: "abc" });
    const ok = await get("/things", { method: "POST", body: '{"a":1}', headers: { "content-type": "application/json" } });
    assert.equal(ok.status, 201);
    assert.deepEqual(ok.body, { got: { a: 1 } });
    const bad = await get("/things", { method: "POST", body: "{nope" });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error, "InvalidJson");
  });

  it("answers 404, 405, HttpError statuses and a 500 for a crash in a handler", async () => {
    assert.equal((await get("/nowhere")).status, 404);
    const m = await get("/things", { method: "GET" });
    assert.equal(m.status, 405);
    assert.equal(m.headers.get("allow"), "POST");
    const t = await get("/teapot");
    assert.deepEqual([t.status, t.body.error, t.body.message], [418, "Teapot", "short and stout"]);
    const b = await get("/boom");
    assert.equal(b.status, 500);
    assert.equal(b.body.error, "InternalError");
    assert.ok(lines.some((l) => l.msg === "unhandled error" && l.error_message === "kaput"));
  });

  it("returns and logs the trace id, continuing the caller's trace", async () => {
    const root = "1-5759e988-bd862e3fe1be46a994272793";
    const r = await get("/things/1", { headers: { "X-Amzn-Trace-Id": `Root=${root};Parent=53995c3f42cd8ad8;Sampled=1` } });
    assert.match(r.headers.get("x-amzn-trace-id") ?? "", new RegExp(`^Root=${root};Parent=[0-9a-f]{16};Sampled=1$`));
    const line = lines.findLast((l) => l.msg === "request" && l.path === "/things/1");
    assert.equal(line?.trace_id, root);
    assert.equal(line?.status, 200);
    assert.equal(typeof line?.duration_ms, "number");
  });

  it("counts business requests (not health checks) into Requests, Errors and Latency", async () => {
    await metrics.flush();
    sent.length = 0;
    await get("/things/1");
    await get("/boom");
    await get("/health/live");
    await metrics.flush();
    const byName = Object.fromEntries(sent.flat().map((d) => [d.MetricName, d]));
    // The two requests may end in different seconds, each second with its own datum.
    const total = (name: string) => sent.flat().filter((d) => d.MetricName === name).reduce((n, d) => n + (d.Value ?? 0), 0);
    assert.equal(total("Requests"), 2);
    assert.equal(total("Errors"), 1);
    const counts = sent.flat().filter((d) => d.MetricName === "Latency").flatMap((d) => d.Counts ?? []);
    assert.equal(counts.reduce((a, b) => a + b, 0), 2, "every request's latency is in the histogram");
    assert.deepEqual(byName.Requests.Dimensions, [{ Name: "Service", Value: "test-service" }]);
    assert.equal(byName.Requests.StorageResolution, 1);
  });

  it("callPeer reports timeouts and refused connections as failures, 4xx as success", async () => {
    const seg = tracer.startSegment();
    const notFound = await callPeer(seg, "self", `${base}/nowhere`);
    assert.deepEqual([notFound.ok, notFound.status], [true, 404]);
    const failed = await callPeer(seg, "self", `${base}/boom`);
    assert.deepEqual([failed.ok, failed.status], [false, 500]);
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", () => r()));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const refused = await callPeer(seg, "nobody", `http://127.0.0.1:${closedPort}/x`);
    assert.equal(refused.ok, false);
    assert.match(refused.error ?? "", /ECONNREFUSED/);
    fault = { mode: "latency", latencyMs: 300, errorRate: 0 };
    try {
      const slow = await callPeer(seg, "self", `${base}/things/1`, { timeoutMs: 100 });
      assert.equal(slow.ok, false);
      assert.equal(slow.error, "timed out after 100 ms");
    } finally {
      fault = NO_FAULT;
    }
  });
});

describe("metrics: request windows", () => {
  it("stamps each datum with the second its requests ended in, not the flush time", async () => {
    let now = 1_000_000_200; // ms: second 1,000,000
    const sent: MetricDatum[] = [];
    const metrics = new Metrics({ service: "clocked", log: createLogger({}, "error", () => {}), send: async (d) => void sent.push(...d), clock: () => now });
    metrics.recordRequest(5, false);
    metrics.recordRequest(7, true);
    now += 3_500; // second 1,000,003
    metrics.recordRequest(9, false);
    now += 1_400; // the flush, seconds later
    await metrics.flush();
    const requests = sent.filter((d) => d.MetricName === "Requests").map((d) => [d.Timestamp?.getTime(), d.Value]);
    assert.deepEqual(requests, [
      [1_000_000_000, 2],
      [1_000_003_000, 1],
    ]);
    assert.deepEqual(
      sent.filter((d) => d.MetricName === "Errors").map((d) => d.Value),
      [1, 0],
    );
  });
});
