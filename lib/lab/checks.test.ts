import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deferredOrders, graphEdges, isHealthProbe, learnerAlarms, missingEdges, missingStacks, notifiesLabAlarms, queuesReached, requestTraces, runCheck, weightVerdict } from "./checks.ts";
import { canaryParameters } from "./canary.ts";
import { STACKS } from "./contract.ts";

const row = (name: string, status?: string) => ({ name, status });

describe("checks: pure parts", () => {
  it("names the stacks that are not deployed", () => {
    const stacks = [row(STACKS.bootstrap, "CREATE_COMPLETE"), row(STACKS.network, "CREATE_COMPLETE"), row(STACKS.messaging, "CREATE_IN_PROGRESS"), row(STACKS.resilience), row(STACKS.servicesAppMesh)];
    assert.deepEqual(missingStacks({ stacks }), [STACKS.messaging, STACKS.resilience, STACKS.servicesAppMesh]);
    const all = [STACKS.bootstrap, STACKS.network, STACKS.messaging, STACKS.resilience, STACKS.servicesConnect].map((n) => row(n, "UPDATE_COMPLETE"));
    assert.deepEqual(missingStacks({ stacks: all, variant: "connect" }), []);
  });

  it("fails a 90/10 route and passes a changed one", () => {
    const v = weightVerdict([{ virtualNode: "inventory-service-v1", weight: 90 }, { virtualNode: "inventory-service-v2", weight: 10 }]);
    assert.equal(v.ok, false);
    assert.match(v.missing?.[0] ?? "", /90\/10/);
    const w = weightVerdict([{ virtualNode: "inventory-service-v1", weight: 50 }, { virtualNode: "inventory-service-v2", weight: 50 }]);
    assert.equal(w.ok, true);
    assert.match(w.detail, /50%/);
    assert.equal(weightVerdict([{ virtualNode: "x", weight: 1 }]).ok, false);
  });

  it("reads service-graph edges and finds the missing ones", () => {
    const edges = graphEdges([
      { ReferenceId: 1, Name: "order-service", Edges: [{ ReferenceId: 2 }, { ReferenceId: 3 }] },
      { ReferenceId: 2, Name: "user-service" },
      { ReferenceId: 3, Name: "inventory-service-v2" },
    ]);
    assert.deepEqual(edges, ["order-service → user-service", "order-service → inventory-service-v2"]);
    assert.deepEqual(missingEdges(edges, [["order-service", "user-service"], ["order-service", "inventory-service"]]), []);
    assert.deepEqual(missingEdges(["order-service → user-service"], [["order-service", "inventory-service"]]), ["order-service → inventory-service"]);
  });

  it("counts only events of the type, published since the step started", () => {
    const sub = (queueName: string, matched: boolean, state?: string) => ({ queueName, matched, delivered: matched, consumption: state ? { state } : undefined });
    const entries = [
      { time: "2030-01-01T00:00:00Z", messageAttributes: { eventType: { Type: "String", Value: "order_created" } }, subscriptions: [sub("order-processing", true, "deleted")] },
      { time: "2030-01-01T00:01:00Z", messageAttributes: { eventType: { Type: "String", Value: "order_shipped" } }, subscriptions: [sub("order-processing", false), sub("notifications", true)] },
      { time: "2030-01-01T00:02:00Z", messageAttributes: { eventType: { DataType: "String", StringValue: "order_created" } }, subscriptions: [sub("analytics", true, "moved-to-dlq")] },
    ];
    const since = Date.parse("2030-01-01T00:00:30Z");
    const created = queuesReached(entries, "order_created", since);
    assert.equal(created.count, 1);
    assert.deepEqual([...created.reached], ["analytics"]);
    assert.deepEqual([...created.deadLettered], ["analytics"]);
    const shipped = queuesReached(entries, "order_shipped", since);
    assert.deepEqual([...shipped.reached], ["notifications"]);
    assert.equal(queuesReached(entries, "order_created", Date.parse("2031-01-01")).count, 0);
  });

  it("keeps only the learner's alarms and sees a lab-alarms action", () => {
    const alarms = [{ AlarmName: "cross-service-lab-user-breaker-open" }, { AlarmName: "order-errors", AlarmActions: ["arn:aws:sns:us-east-1:000000000000:lab-alarms"] }];
    const mine = learnerAlarms(alarms);
    assert.deepEqual(mine.map((a) => a.AlarmName), ["order-errors"]);
    assert.equal(notifiesLabAlarms(mine[0]), true);
    assert.equal(notifiesLabAlarms({ AlarmActions: ["arn:aws:sns:us-east-1:0:other"] }), false);
  });

  it("leaves the health probes' traces out, so only a learner's request passes a trace step", () => {
    for (const url of ["http://127.0.0.1:41234/health/live", "http://127.0.0.1:41234/health/ready/", "http://127.0.0.1:8080/orders/health"]) assert.equal(isHealthProbe(url), true, url);
    for (const url of ["http://127.0.0.1:8080/orders", "http://127.0.0.1:8080/users/123", "http://127.0.0.1:8080/health-report/x", undefined]) assert.equal(isHealthProbe(url), false, String(url));
    const traces = [{ Id: "probe", Http: { HttpURL: "http://10.0.0.1:3000/health/ready" } }, { Id: "order", Http: { HttpURL: "http://alb/orders" } }, { Id: "no-http" }];
    // A consumer's own trace (no HTTP root) is not a request either.
    assert.deepEqual(requestTraces(traces).map((t) => t.Id), ["order"]);
    // A trace that started before the step does not count, even when a consumer added to it later.
    const since = Date.parse("2030-01-01T00:00:00Z");
    const http = { HttpURL: "http://alb/orders" };
    const timed = [{ Id: "before", Http: http, StartTime: new Date(since - 5_000) }, { Id: "after", Http: http, StartTime: new Date(since + 10) }];
    assert.deepEqual(requestTraces(timed, since).map((t) => t.Id), ["after"]);
  });

  it("finds fallback orders since the step started", () => {
    const orders = [
      { verification: "deferred", created_at: "2030-01-01T00:00:10Z" },
      { verification: "verified", created_at: "2030-01-01T00:00:20Z" },
      { verification: "deferred", created_at: "2029-12-31T23:59:00Z" },
    ];
    assert.equal(deferredOrders(orders, Date.parse("2030-01-01T00:00:00Z")).length, 1);
  });

  it("keeps every other parameter of the services stack on a weights-only update", () => {
    assert.deepEqual(canaryParameters(["ListenerPort", "InventoryV1Weight", "InventoryV2Weight"], { v1: 70, v2: 30 }), [
      { ParameterKey: "ListenerPort", UsePreviousValue: true },
      { ParameterKey: "InventoryV1Weight", ParameterValue: "70" },
      { ParameterKey: "InventoryV2Weight", ParameterValue: "30" },
    ]);
  });

  it("fails a step whose lab is not deployed, saying which stacks are missing", async () => {
    const status = { state: "not-deployed" as const, label: "Not deployed", stacks: [], outputs: {} };
    const r = await runCheck("3.2", { target: { kind: "local", endpoint: "http://127.0.0.1:1", region: "us-east-1" }, status, since: 0, now: 1 });
    assert.equal(r.ok, false);
    assert.ok(r.missing?.includes(`stack ${STACKS.bootstrap}`));
    assert.equal((await runCheck("9.9", { target: { kind: "local", endpoint: "http://127.0.0.1:1", region: "us-east-1" }, status, since: 0, now: 1 })).ok, false);
  });
});
