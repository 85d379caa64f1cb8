import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { TABLES } from "../../lib/lab/contract.ts";
import { BREAKER_PRESETS, initialItem } from "../shared/breaker.ts";
import { DynamoBreakerStore, MemoryBreakerStore } from "../shared/breaker-store.ts";
import { createLogger } from "../shared/log.ts";
import { type MetricDatum, Metrics } from "../shared/metrics.ts";
import { type LabGateway, startLabGateway } from "../test-helpers.ts";
import * as analytics from "./analytics-consumer/index.ts";
import * as manager from "./circuit-breaker-manager/index.ts";
import * as health from "./health-checker/index.ts";

const quiet = createLogger({}, "error", () => {});
const LAB = BREAKER_PRESETS.lab.config;
const capture = () => {
  const sent: MetricDatum[] = [];
  return { sent, metrics: new Metrics({ service: "test", log: quiet, send: async (d) => void sent.push(...d) }) };
};

describe("circuit-breaker-manager (DynamoDB in the emulator)", () => {
  let lab: LabGateway;
  const { sent, metrics } = capture();
  before(async () => {
    lab = await startLabGateway();
    manager.configure({ store: new DynamoBreakerStore({ client: lab.ddb }), metrics });
  });
  after(() => lab.stop());

  it("check on a new service returns the whole CLOSED item", async () => {
    const out = await manager.handler({ service_name: "user-service", action: "check" });
    assert.equal(out.state, "CLOSED");
    assert.equal(out.service_name, "user-service");
    assert.deepEqual(out.config, LAB);
    assert.equal(out.version, 0);
    assert.equal(out.state_value, 0);
    assert.equal(out.transition, null);
  });

  it("opens after 5 record_failure, reports it, and publishes CircuitBreakerState 2", async () => {
    let out = await manager.handler({ service_name: "user-service", action: "record_failure" });
    for (let i = 0; i < 4; i++) out = await manager.handler({ service_name: "user-service", action: "record_failure" });
    assert.equal(out.state, "OPEN");
    assert.equal(out.transition?.to, "OPEN");
    assert.equal(out.state_value, 2);
    const datum = sent.find((d) => d.MetricName === "CircuitBreakerState");
    assert.deepEqual(datum?.Dimensions, [{ Name: "ServiceName", Value: "user-service" }]);
    assert.equal(datum?.Value, 2);
    const checked = await manager.handler({ service_name: "user-service", action: "check" });
    assert.equal(checked.state, "OPEN");
    assert.equal(typeof checked.retry_at, "number");
    assert.equal(checked.version, 5);
  });

  it("check performs the lazy OPEN -> HALF_OPEN once retry_at has passed", async () => {
    const past = Date.now() - 60_000;
    await lab.ddb.send(
      new PutCommand({
        TableName: TABLES.circuitBreakerState,
        Item: { ...initialItem("inventory-service", LAB, past), state: "OPEN", opened_at: past, retry_at: past + 15_000, failure_count: 5, version: 9 },
      }),
    );
    const out = await manager.handler({ service_name: "inventory-service", action: "check" });
    assert.equal(out.state, "HALF_OPEN");
    assert.equal(out.version, 10);
    assert.deepEqual([out.transition?.from, out.transition?.to], ["OPEN", "HALF_OPEN"]);
  });

  it("force_open holds, force_close closes, reset takes new thresholds", async () => {
    const opened = await manager.handler({ service_name: "svc-x", action: "force_open" });
    assert.equal(opened.state, "OPEN");
    assert.equal(opened.retry_at, null);
    const held = await manager.handler({ service_name: "svc-x", action: "force_open", hold_seconds: 5 });
    assert.equal(held.retry_at! - held.opened_at!, 5_000);
    assert.equal((await manager.handler({ service_name: "svc-x", action: "force_close" })).state, "CLOSED");
    const r = await manager.handler({ service_name: "svc-x", action: "reset", config: { failureThreshold: 2 } });
    assert.equal(r.config.failureThreshold, 2);
    assert.equal(r.config.openMs, LAB.openMs);
    await manager.handler({ service_name: "svc-x", action: "record_failure" });
    assert.equal((await manager.handler({ service_name: "svc-x", action: "record_failure" })).state, "OPEN");
  });

  it("accepts the payload as a JSON string and rejects bad input with the expected shape", async () => {
    assert.equal((await manager.handler('{"service_name":"user-service","action":"check"}')).service_name, "user-service");
    await assert.rejects(manager.handler({ service_name: "user-service", action: "explode" }), /Invalid input: action.*"check" \| "record_success"/);
    await assert.rejects(manager.handler({ action: "check" }), /service_name/);
  });
});

describe("health-checker", () => {
  const probeSeq = (results: boolean[]) => {
    let i = 0;
    return async () => {
      const healthy = results[Math.min(i++, results.length - 1)];
      return { healthy, status: healthy ? 200 : 503, latency_ms: 1 };
    };
  };

  it("a healthy CLOSED service takes one probe and no write", async () => {
    const store = new MemoryBreakerStore(LAB);
    const r = await health.drive({ store, metrics: capture().metrics, probe: probeSeq([true]), pauseMs: 0 }, "user-service", "u");
    assert.equal(r.probes.length, 1);
    assert.equal(r.after.state, "CLOSED");
    assert.equal(r.after.version, 0);
  });

  it("a failing service is probed again until its breaker opens", async () => {
    const store = new MemoryBreakerStore(LAB);
    const r = await health.drive({ store, metrics: capture().metrics, probe: probeSeq([false]), pauseMs: 0 }, "user-service", "u");
    assert.equal(r.probes.length, 5);
    assert.equal(r.after.state, "OPEN");
    assert.deepEqual(r.transitions.map((t) => t.to), ["OPEN"]);
  });

  it("a blip (one failure, then success) does not open it", async () => {
    const store = new MemoryBreakerStore(LAB);
    const r = await health.drive({ store, metrics: capture().metrics, probe: probeSeq([false, true]), pauseMs: 0 }, "user-service", "u");
    assert.equal(r.probes.length, 2);
    assert.equal(r.after.state, "CLOSED");
    assert.equal(r.after.failure_count, 1);
  });

  it("drives recovery: OPEN past retry_at -> HALF_OPEN -> 3 good probes -> CLOSED", async () => {
    const store = new MemoryBreakerStore(LAB);
    const past = Date.now() - 20_000;
    store.remember({ ...initialItem("inventory-service", LAB, past), state: "OPEN", opened_at: past, retry_at: past + 15_000, version: 3 });
    const r = await health.drive({ store, metrics: capture().metrics, probe: probeSeq([true]), pauseMs: 0 }, "inventory-service", "u");
    assert.equal(r.probes.length, 3);
    assert.deepEqual(r.transitions.map((t) => `${t.from}>${t.to}`), ["OPEN>HALF_OPEN", "HALF_OPEN>CLOSED"]);
    assert.equal(r.after.state, "CLOSED");
  });

  it("leaves an OPEN breaker alone before retry_at (one probe, reported only)", async () => {
    const store = new MemoryBreakerStore(LAB);
    store.remember({ ...initialItem("user-service", LAB, Date.now()), state: "OPEN", opened_at: Date.now(), retry_at: Date.now() + 60_000, version: 1 });
    const r = await health.drive({ store, metrics: capture().metrics, probe: probeSeq([true]), pauseMs: 0 }, "user-service", "u");
    assert.equal(r.probes.length, 1);
    assert.equal(r.after.state, "OPEN");
    assert.equal(r.after.version, 1);
  });

  it("finds the services by base URL as /<prefix>/health, or by explicit URLs", async () => {
    const t = await health.resolveTargets({ HEALTH_CHECK_BASE_URL: "http://alb.example:8080/" });
    assert.deepEqual(
      t?.map((x) => x.url),
      ["http://alb.example:8080/users/health", "http://alb.example:8080/orders/health", "http://alb.example:8080/inventory/health", "http://alb.example:8080/notifications/health"],
    );
    const e = await health.resolveTargets({ HEALTH_CHECK_URLS: '{"user-service":"http://u/health/ready"}' });
    assert.deepEqual(e, [{ service: "user-service", url: "http://u/health/ready" }]);
  });

  describe("the handler, against HTTP endpoints", () => {
    let server: Server;
    const status: Record<string, number> = { "/users/health": 503, "/orders/health": 200, "/inventory/health": 200, "/notifications/health": 200 };
    const { sent, metrics } = capture();
    const store = new MemoryBreakerStore(LAB);
    before(async () => {
      server = createServer((req, res) => res.writeHead(status[req.url ?? ""] ?? 404).end("{}"));
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
      process.env.HEALTH_CHECK_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      health.configure({ store, metrics, pauseMs: 0 });
    });
    after(() => {
      delete process.env.HEALTH_CHECK_BASE_URL;
      server.close();
    });

    it("probes all four, opens the failing guarded service, and publishes both guarded states", async () => {
      const out = await health.handler({});
      const by = Object.fromEntries(out.results.map((r) => [r.service, r]));
      assert.deepEqual(Object.keys(by).sort(), ["inventory-service", "notification-service", "order-service", "user-service"]);
      assert.equal(by["user-service"].healthy, false);
      assert.equal(by["user-service"].breaker?.after, "OPEN");
      assert.equal(by["inventory-service"].breaker?.after, "CLOSED");
      assert.equal(by["order-service"].breaker, undefined, "order-service has no breaker");
      const states = sent.filter((d) => d.MetricName === "CircuitBreakerState").map((d) => `${d.Dimensions?.[0].Value}=${d.Value}`);
      assert.ok(states.includes("user-service=2"));
      assert.ok(states.includes("inventory-service=0"));
    });
  });
});

describe("analytics-consumer", () => {
  const envelope = (message: unknown, eventType?: string) =>
    JSON.stringify({
      Type: "Notification",
      MessageId: "m",
      TopicArn: "arn:aws:sns:us-east-1:000000000000:order-events",
      Message: JSON.stringify(message),
      ...(eventType ? { MessageAttributes: { eventType: { Type: "String", Value: eventType } } } : {}),
    });

  it("reads eventType from the SNS envelope, the body, or raw SQS attributes", () => {
    assert.equal(analytics.parseRecord({ messageId: "1", body: envelope({ orderId: "1" }, "order_created") }).eventType, "order_created");
    assert.equal(analytics.parseRecord({ messageId: "1", body: envelope({ eventType: "stock_low" }) }).eventType, "stock_low");
    assert.equal(
      analytics.parseRecord({ messageId: "1", body: "{}", messageAttributes: { eventType: { stringValue: "user_registered", dataType: "String" } } }).eventType,
      "user_registered",
    );
    assert.equal(analytics.parseRecord({ messageId: "1", body: "not json" }).eventType, "unknown");
  });

  it("counts per eventType into EventsProcessed and fails only the poison messages", async () => {
    const sent: MetricDatum[] = [];
    analytics.configure({ send: async (d) => void sent.push(...d) });
    const out = await analytics.handler({
      Records: [
        { messageId: "a", body: envelope({ orderId: "12345", userId: "123", status: "created" }, "order_created") },
        { messageId: "b", body: envelope({ orderId: "2" }, "order_created") },
        { messageId: "c", body: envelope({ poison: true }, "order_created") },
        { messageId: "d", body: envelope({ name: "x" }, "user_registered") },
      ],
    });
    assert.deepEqual(out, { batchItemFailures: [{ itemIdentifier: "c" }] });
    const counts = Object.fromEntries(sent.map((d) => [d.Dimensions?.[0].Value, d.Value]));
    assert.deepEqual(counts, { order_created: 2, user_registered: 1 });
    assert.ok(sent.every((d) => d.MetricName === "EventsProcessed" && d.StorageResolution === 1));
  });

  it("does not fail the batch when CloudWatch is down", async () => {
    analytics.configure({ send: async () => Promise.reject(new Error("down")) });
    const out = await analytics.handler({ Records: [{ messageId: "a", body: envelope({}, "order_shipped") }] });
    assert.deepEqual(out.batchItemFailures, []);
  });
});
