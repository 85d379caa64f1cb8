import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { TABLES } from "../../lib/lab/contract.ts";
import { type LabGateway, startLabGateway } from "../test-helpers.ts";
import { BREAKER_PRESETS, check, forceOpen, initialItem, onFailure, onSuccess } from "./breaker.ts";
import { breakerConfigFromEnv, DynamoBreakerStore, MemoryBreakerStore, normalizeItem, ResilientBreakerStore } from "./breaker-store.ts";
import { documentClient } from "./breaker-store.ts";
import { createLogger } from "./log.ts";

const quiet = createLogger({}, "error", () => {});
const LAB = BREAKER_PRESETS.lab.config;

describe("breaker-store: DynamoDB (emulator, dynalite)", () => {
  let lab: LabGateway;
  let store: DynamoBreakerStore;
  before(async () => {
    lab = await startLabGateway();
    store = new DynamoBreakerStore({ client: lab.ddb });
  });
  after(() => lab.stop());

  const stored = async (service: string) =>
    (await lab.ddb.send(new GetCommand({ TableName: TABLES.circuitBreakerState, Key: { service_name: service } }))).Item;

  it("reads a fresh CLOSED item when none is stored, and stores nothing for a no-op", async () => {
    const out = await store.apply("svc-a", check);
    assert.equal(out.item.state, "CLOSED");
    assert.equal(out.item.version, 0);
    assert.equal(await stored("svc-a"), undefined);
  });

  it("stores the item shape with version+1 on every change", async () => {
    for (let i = 0; i < 5; i++) await store.apply("svc-b", onFailure);
    const item = await stored("svc-b");
    assert.equal(item?.state, "OPEN");
    assert.equal(item?.version, 5);
    assert.equal(item?.failure_count, 5);
    assert.deepEqual(Object.keys(item ?? {}).sort(), [
      "config",
      "failure_count",
      "opened_at",
      "retry_at",
      "service_name",
      "state",
      "success_count",
      "version",
      "window_started_at",
    ]);
    assert.deepEqual(item?.config, LAB);
    assert.equal(typeof item?.retry_at, "number");
  });

  it("re-reads and re-applies when another writer got there first (conditional write on version)", async () => {
    await store.apply("svc-c", onFailure); // version 1
    const stale = await store.read("svc-c");
    await store.apply("svc-c", onFailure); // version 2 by "another task"
    const out = await store.apply("svc-c", onFailure, stale); // written against version 1: conflict, retried
    assert.equal(out.item.version, 3);
    assert.equal(out.item.failure_count, 3, "no failure was lost");
    assert.equal((await stored("svc-c"))?.version, 3);
  });

  it("keeps every concurrent failure from many writers: all tasks share one state", async () => {
    const writers = Array.from({ length: 4 }, () => new DynamoBreakerStore({ client: lab.ddb, defaultConfig: { ...LAB, failureThreshold: 100 } }));
    await Promise.all(Array.from({ length: 24 }, (_, i) => writers[i % 4].apply("svc-d", onFailure)));
    const item = await stored("svc-d");
    assert.equal(item?.failure_count, 24);
    assert.equal(item?.version, 24);
  });

  it("a breaker opened by one task is OPEN for every other", async () => {
    const a = new DynamoBreakerStore({ client: lab.ddb });
    const b = new DynamoBreakerStore({ client: lab.ddb });
    await a.apply("svc-e", (item, now) => forceOpen(item, now));
    const seen = await b.apply("svc-e", check);
    assert.equal(seen.allowed, false);
    assert.equal(seen.item.state, "OPEN");
  });

  it("honours the config stored in the item over its own default", async () => {
    await lab.ddb.send(
      new PutCommand({
        TableName: TABLES.circuitBreakerState,
        Item: { ...initialItem("svc-f", { ...LAB, failureThreshold: 2 }, Date.now()), version: 1 },
      }),
    );
    await store.apply("svc-f", onFailure);
    const out = await store.apply("svc-f", onFailure);
    assert.equal(out.item.state, "OPEN", "opened after 2, the stored threshold");
  });
});

describe("breaker-store: fallbacks", () => {
  it("normalizes partial items written by others", () => {
    const item = normalizeItem({ state: "HALF_OPEN", version: 4, config: { openMs: 1000 } }, "x", LAB);
    assert.equal(item.state, "HALF_OPEN");
    assert.equal(item.version, 4);
    assert.equal(item.failure_count, 0);
    assert.equal(item.retry_at, null);
    assert.deepEqual(item.config, { ...LAB, openMs: 1000 });
    assert.equal(normalizeItem({ state: "WEIRD" }, "x", LAB).state, "CLOSED");
  });

  it("uses a process-local breaker while DynamoDB is unreachable", async () => {
    const down = new DynamoBreakerStore({ client: documentClient({ endpoint: "http://127.0.0.1:9", region: "us-east-1", maxAttempts: 1, credentials: { accessKeyId: "x", secretAccessKey: "x" } }) });
    const store = new ResilientBreakerStore(down, quiet);
    for (let i = 0; i < 5; i++) await store.apply("user-service", onFailure);
    assert.equal(store.degraded, true);
    const out = await store.apply("user-service", check);
    assert.equal(out.allowed, false, "the local breaker opened");
    assert.equal((await store.read("user-service")).state, "OPEN");
  });

  it("memory store applies transitions", async () => {
    const m = new MemoryBreakerStore(LAB, () => 1_000);
    await m.apply("x", onFailure);
    await m.apply("x", onSuccess);
    assert.equal((await m.read("x")).failure_count, 1);
  });

  it("reads thresholds from the Lambda environment in seconds", () => {
    assert.deepEqual(
      breakerConfigFromEnv({ BREAKER_FAILURE_THRESHOLD: "7", BREAKER_WINDOW_SECONDS: "20", BREAKER_OPEN_SECONDS: "30", BREAKER_SUCCESS_THRESHOLD: "2" }),
      { failureThreshold: 7, windowMs: 20_000, openMs: 30_000, successThreshold: 2 },
    );
    assert.deepEqual(breakerConfigFromEnv({ BREAKER_FAILURE_THRESHOLD: "nope" }), LAB);
  });
});
