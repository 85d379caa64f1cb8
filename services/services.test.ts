// The four services as real processes on free loopback ports, calling each other over HTTP,
// with their breakers and faults in the emulator's DynamoDB. SNS, SQS, CloudWatch and X-Ray
// calls go to the same gateway; until it serves them they fail, and the services must log
// that and keep answering.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { type FaultRecord, TABLES } from "../lib/lab/contract.ts";
import * as health from "./lambdas/health-checker/index.ts";
import { BREAKER_PRESETS, type BreakerConfig, initialItem } from "./shared/breaker.ts";
import { DynamoBreakerStore } from "./shared/breaker-store.ts";
import { createLogger } from "./shared/log.ts";
import { Metrics } from "./shared/metrics.ts";
import { eventually, json, type LabGateway, type ServiceProcess, startLabGateway, startService } from "./test-helpers.ts";

const SEED_ORDER = { user_id: 123, items: [{ product_id: "prod-123", quantity: 2 }] };
// Fast thresholds, stored in the items: the services and the Lambdas honour the stored config.
const FAST: BreakerConfig = { ...BREAKER_PRESETS.lab.config, failureThreshold: 3, openMs: 1_500, successThreshold: 2 };

describe("services (real processes)", () => {
  let lab: LabGateway;
  let user: ServiceProcess;
  let order: ServiceProcess;
  let inventory: ServiceProcess;
  let inventoryV2: ServiceProcess;
  let notification: ServiceProcess;

  const setFault = (record: FaultRecord) => lab.ddb.send(new PutCommand({ TableName: TABLES.labFaults, Item: record }));
  const clearFault = (service: string) => lab.ddb.send(new DeleteCommand({ TableName: TABLES.labFaults, Key: { service_name: service } }));
  const breaker = async (service: string) =>
    (await lab.ddb.send(new GetCommand({ TableName: TABLES.circuitBreakerState, Key: { service_name: service }, ConsistentRead: true }))).Item;

  before(async () => {
    lab = await startLabGateway();
    for (const s of ["user-service", "inventory-service"]) {
      await lab.ddb.send(new PutCommand({ TableName: TABLES.circuitBreakerState, Item: { ...initialItem(s, FAST, Date.now()), version: 1 } }));
    }
    const common = { ...lab.awsEnv, FAULT_POLL_MS: "200", METRICS_FLUSH_MS: "60000", TRACE_FLUSH_MS: "60000" };
    const queue = (name: string) => `${lab.gateway.url}/000000000000/${name}`;
    [user, inventory, inventoryV2, notification] = await Promise.all([
      startService("user-service", { ...common, USER_EVENTS_TOPIC_ARN: "arn:aws:sns:us-east-1:000000000000:user-events" }),
      startService("inventory-service", { ...common, ORDER_PROCESSING_QUEUE_URL: queue("order-processing") }),
      startService("inventory-service-v2", { ...common, ORDER_PROCESSING_QUEUE_URL: queue("order-processing") }),
      startService("notification-service", { ...common, NOTIFICATIONS_QUEUE_URL: queue("notifications") }),
    ]);
    order = await startService("order-service", {
      ...common,
      USER_SERVICE_URL: user.url,
      INVENTORY_SERVICE_URL: inventory.url,
      DOWNSTREAM_TIMEOUT_MS: "500",
      ORDER_EVENTS_TOPIC_ARN: "arn:aws:sns:us-east-1:000000000000:order-events",
    });
  });

  after(async () => {
    await Promise.all([user, order, inventory, inventoryV2, notification].filter(Boolean).map((s) => s.stop()));
    await lab?.stop();
  });

  it("every service answers /health/live, /health/ready and /<prefix>/health", async () => {
    const cases: [ServiceProcess, string, string][] = [
      [user, "/users/health", "user-service"],
      [user, "/auth/health", "user-service"],
      [order, "/orders/health", "order-service"],
      [inventory, "/inventory/health", "inventory-service"],
      [inventoryV2, "/inventory/health", "inventory-service-v2"],
      [notification, "/notifications/health", "notification-service"],
    ];
    for (const [svc, prefixed, name] of cases) {
      for (const path of ["/health/live", "/health/ready", prefixed]) {
        const r = await json(svc.url + path);
        assert.equal(r.status, 200, `${name} ${path}`);
        assert.equal(r.body.service, name);
      }
    }
  });

  it("the seed: GET /users/123", async () => {
    const r = await json(`${user.url}/users/123`);
    assert.equal(r.status, 200);
    assert.equal(r.body.id, 123);
    assert.match(r.body.email, /@example\.com$/);
    assert.deepEqual((await json(`${user.url}/users/123`)).body, r.body, "deterministic");
    assert.equal((await json(`${user.url}/users/0`)).status, 404);
  });

  it("the seed: POST /orders verifies the user, checks stock and answers 201", async () => {
    const root = "1-65a1b2c3-0123456789abcdef01234567";
    const r = await json(`${order.url}/orders`, { method: "POST", json: SEED_ORDER, headers: { "X-Amzn-Trace-Id": `Root=${root};Sampled=1` } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.status, "created");
    assert.equal(r.body.verification, "verified");
    assert.equal(r.body.inventory, "checked");
    assert.equal(r.body.user.id, 123);
    assert.deepEqual(r.body.items, [{ product_id: "prod-123", quantity: 2, available: 30, status: "available" }]);
    assert.deepEqual(r.body.inventory_versions, ["v1"]);
    assert.deepEqual(r.body.breakers, { "user-service": "CLOSED", "inventory-service": "CLOSED" });
    assert.deepEqual(r.body.fallbacks, []);
    assert.equal(r.body.trace_id, root, "the caller's trace continues");
    assert.ok(
      user.logs.some((l) => l.msg === "request" && l.path === "/users/123" && l.trace_id === root),
      "user-service logged the same trace id",
    );
    const got = await json(`${order.url}/orders/${r.body.order_id}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.order_id, r.body.order_id);
  });

  it("rejects a malformed order (400, with an example) and an unknown user (422)", async () => {
    const bad = await json(`${order.url}/orders`, { method: "POST", json: { user_id: 123 } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.example, SEED_ORDER);
    assert.equal((await json(`${order.url}/orders`, { method: "POST", json: { ...SEED_ORDER, user_id: 99_999 } })).status, 422);
  });

  it("the canary: inventory-service-v2 says so", async () => {
    const r = await json(`${inventoryV2.url}/inventory/prod-123`);
    assert.equal(r.status, 200);
    assert.deepEqual([r.body.version, r.body.served_by, r.body.restock_eta_days], ["v2", "inventory-service-v2", 3]);
    const v1 = await json(`${inventory.url}/inventory/prod-123`);
    assert.deepEqual([v1.body.version, v1.body.restock_eta_days], ["v1", undefined]);
  });

  it("user-service registers users and issues tokens it can verify", async () => {
    const created = await json(`${user.url}/users`, { method: "POST", json: { name: "Pat Doe", email: "pat@example.com" } });
    assert.equal(created.status, 201);
    assert.ok(created.body.id >= 10_000);
    assert.equal(created.body.event.type, "user_registered");
    assert.equal((await json(`${user.url}/users/${created.body.id}`)).body.name, "Pat Doe");
    assert.equal((await json(`${user.url}/users`, { method: "POST", json: { name: "Pat", email: "pat@example.com" } })).status, 409);
    const login = await json(`${user.url}/auth/login`, { method: "POST", json: { email: "pat@example.com", password: "lab" } });
    assert.equal(login.status, 200);
    const ok = await json(`${user.url}/auth/verify`, { headers: { authorization: `Bearer ${login.body.token}` } });
    assert.deepEqual([ok.status, ok.body.user_id], [200, created.body.id]);
    const tampered = `${login.body.token.slice(0, -2)}xx`;
    assert.equal((await json(`${user.url}/auth/verify`, { headers: { authorization: `Bearer ${tampered}` } })).status, 401);
    assert.equal((await json(`${user.url}/auth/verify`)).status, 401);
  });

  it("inventory reservations lower the stock and flag low stock under 10", async () => {
    const r = await json(`${inventory.url}/inventory/reserve`, { method: "POST", json: { order_id: "o-1", items: [{ product_id: "prod-456", quantity: 5 }] } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.reservations, [{ product_id: "prod-456", quantity: 5, status: "reserved", remaining: 7 }]);
    const again = await json(`${inventory.url}/inventory/reserve`, { method: "POST", json: { order_id: "o-1", items: [{ product_id: "prod-456", quantity: 5 }] } });
    assert.equal(again.body.replayed, true, "idempotent per order");
    const p = await json(`${inventory.url}/inventory/prod-456`);
    assert.deepEqual([p.body.available, p.body.low_stock], [7, true]);
  });

  it("notification-service lists what it sent (nothing yet: no queue in the emulator)", async () => {
    const r = await json(`${notification.url}/notifications`);
    assert.equal(r.status, 200);
    assert.ok(Array.isArray(r.body.notifications));
    assert.equal(r.body.consumer.running, true);
  });

  it("user-service fails: fallbacks (202, verification deferred), then the shared breaker opens", async () => {
    await setFault({ service_name: "user-service", mode: "fail" });
    await eventually(async () => (await json(`${user.url}/health/ready`)).status === 503);
    assert.equal((await json(`${user.url}/health/live`)).status, 200, "liveness is untouched by faults");
    assert.equal((await json(`${user.url}/users/123`)).status, 503);

    const replies = [];
    for (let i = 0; i < FAST.failureThreshold; i++) replies.push(await json(`${order.url}/orders`, { method: "POST", json: SEED_ORDER }));
    for (const r of replies) {
      assert.equal(r.status, 202);
      assert.deepEqual([r.body.status, r.body.verification], ["accepted", "deferred"]);
    }
    assert.equal(replies[0].body.fallbacks[0].reason, "upstream_error");
    assert.equal(replies.at(-1)!.body.breakers["user-service"], "OPEN");

    const item = await breaker("user-service");
    assert.equal(item?.state, "OPEN");
    assert.equal(item?.failure_count, FAST.failureThreshold);

    const t0 = performance.now();
    const shorted = await json(`${order.url}/orders`, { method: "POST", json: SEED_ORDER });
    assert.equal(shorted.status, 202);
    assert.deepEqual(shorted.body.fallbacks, [{ service: "user-service", reason: "circuit_open", detail: "circuit breaker OPEN" }]);
    assert.ok(performance.now() - t0 < 400, "an open breaker answers without calling user-service");
    assert.ok(order.logs.some((l) => l.msg === "circuit breaker transition" && l.to === "OPEN"));
  });

  it("the health checker drives recovery once the fault is gone: HALF_OPEN, then CLOSED", async () => {
    await clearFault("user-service");
    await eventually(async () => (await json(`${user.url}/health/ready`)).status === 200);
    const item = await breaker("user-service");
    await new Promise((r) => setTimeout(r, Math.max(0, item!.retry_at - Date.now() + 50)));
    process.env.HEALTH_CHECK_URLS = JSON.stringify({ "user-service": `${user.url}/users/health`, "order-service": `${order.url}/orders/health` });
    health.configure({
      store: new DynamoBreakerStore({ client: lab.ddb }),
      metrics: new Metrics({ service: "test", log: createLogger({}, "error", () => {}), send: async () => {} }),
      pauseMs: 50,
    });
    try {
      const out = await health.handler({});
      const u = out.results.find((r) => r.service === "user-service")!;
      assert.equal(u.healthy, true);
      assert.deepEqual(
        u.breaker?.transitions.map((t) => `${t.from}>${t.to}`),
        ["OPEN>HALF_OPEN", "HALF_OPEN>CLOSED"],
      );
      assert.equal(u.probes.length, FAST.successThreshold);
    } finally {
      delete process.env.HEALTH_CHECK_URLS;
    }
    assert.equal((await breaker("user-service"))?.state, "CLOSED");
    const r = await json(`${order.url}/orders`, { method: "POST", json: SEED_ORDER });
    assert.equal(r.status, 201);
  });

  it("a slow inventory-service times out into the inventory fallback (202 backordered)", async () => {
    await setFault({ service_name: "inventory-service", mode: "latency", latency_ms: 1_500 });
    try {
      await eventually(() => inventory.logs.some((l) => l.msg === "fault changed" && l.fault_to === "latency"));
      const r = await json(`${order.url}/orders`, { method: "POST", json: SEED_ORDER });
      assert.equal(r.status, 202);
      assert.deepEqual([r.body.status, r.body.verification, r.body.inventory], ["backordered", "verified", "deferred"]);
      assert.deepEqual(r.body.fallbacks, [{ service: "inventory-service", reason: "upstream_error", detail: "timed out after 500 ms" }]);
      assert.equal(r.body.items[0].status, "backordered");
    } finally {
      await clearFault("inventory-service");
    }
  });

  it("a fault ends by itself at expires_at", async () => {
    await setFault({ service_name: "notification-service", mode: "fail", expires_at: Math.floor(Date.now() / 1000) + 2 });
    await eventually(async () => (await json(`${notification.url}/health/ready`)).status === 503);
    await eventually(async () => (await json(`${notification.url}/health/ready`)).status === 200, 4_000);
  });

  it("crash is one-shot: the running process exits, once", async () => {
    await setFault({ service_name: "notification-service", mode: "none", crash_requested_at: Date.now() });
    const code = await Promise.race([notification.exited, new Promise((r) => setTimeout(() => r("still running"), 5_000))]);
    assert.equal(code, 1);
    assert.ok(notification.logs.some((l) => l.msg === "crash requested: exiting"));
    // A replacement started after the request ignores it.
    const replacement = await startService("notification-service", { ...lab.awsEnv, FAULT_POLL_MS: "200" });
    try {
      await new Promise((r) => setTimeout(r, 700));
      assert.equal(replacement.child.exitCode, null);
      assert.equal((await json(`${replacement.url}/health/live`)).status, 200);
    } finally {
      await replacement.stop();
    }
  });

  it("degrades without SNS/SQS: orders still succeed and the failure is logged", () => {
    assert.ok(order.logs.some((l) => l.msg === "publish failed; event dropped"));
    assert.ok(inventory.logs.some((l) => l.msg === "ReceiveMessage failed; retrying"));
  });

  it("stops gracefully on SIGTERM", async () => {
    const code = await user.stop();
    assert.equal(code, 0);
    assert.ok(user.logs.some((l) => l.msg === "stopped"));
  });
});
