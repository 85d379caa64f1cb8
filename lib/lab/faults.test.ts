import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { startTestGateway, type TestGateway } from "../../emulator/test/harness.ts";
import { activeFault, crashRequested, dynamoFaultReader } from "../../services/shared/faults.ts";
import { clientFor } from "../aws/clients.ts";
import { type Target, targetFrom } from "../aws/target.ts";
import { TABLE_KEY, TABLES } from "./contract.ts";
import { faultRecord, faultRequestSchema, writeFault } from "./faults.ts";

describe("faultRequestSchema and faultRecord", () => {
  it("turns each command into the lab-faults item", () => {
    const now = 1_700_000_000_000;
    const record = (args: Record<string, unknown>) => faultRecord(faultRequestSchema.parse(args), now);
    assert.deepEqual(record({ command: "fail", service: "user-service" }), { service_name: "user-service", mode: "fail" });
    assert.deepEqual(record({ command: "recover", service: "user-service" }), { service_name: "user-service", mode: "none" });
    assert.deepEqual(record({ command: "latency", service: "order-service", latencyMs: "750", durationSeconds: "60" }), {
      service_name: "order-service",
      mode: "latency",
      latency_ms: 750,
      expires_at: now / 1000 + 60,
    });
    assert.deepEqual(record({ command: "error-rate", service: "inventory-service", errorRate: 25 }), { service_name: "inventory-service", mode: "error-rate", error_rate: 25 });
    assert.deepEqual(record({ command: "crash", service: "notification-service" }), { service_name: "notification-service", crash_requested_at: now });
  });

  it("refuses unknown services and out-of-range values with a readable message", () => {
    const bad = faultRequestSchema.safeParse({ command: "fail", service: "payment-service" });
    assert.ok(!bad.success);
    assert.match(bad.error.issues[0].message, /user-service/);
    assert.ok(!faultRequestSchema.safeParse({ command: "error-rate", service: "user-service", errorRate: 150 }).success);
    assert.ok(!faultRequestSchema.safeParse({ command: "latency", service: "user-service" }).success);
  });
});

describe("writeFault on the emulator", () => {
  let gw: TestGateway;
  let target: Target;
  before(async () => {
    gw = await startTestGateway();
    target = targetFrom({ kind: "local", region: "us-east-1" }, { emulatorPort: gw.port });
    await clientFor(DynamoDBClient, target).send(
      new CreateTableCommand({ TableName: TABLES.labFaults, BillingMode: "PAY_PER_REQUEST", AttributeDefinitions: [{ AttributeName: TABLE_KEY, AttributeType: "S" }], KeySchema: [{ AttributeName: TABLE_KEY, KeyType: "HASH" }] }),
    );
  });
  after(() => gw.stop());

  it("writes what the services read: fail, then a crash that keeps the fault, then recover", async () => {
    const read = dynamoFaultReader(DynamoDBDocumentClient.from(clientFor(DynamoDBClient, target)), "user-service");
    await writeFault({ command: "fail", service: "user-service" }, target);
    assert.equal(activeFault(await read(), Date.now()).mode, "fail");

    const startedBefore = Date.now() - 1_000;
    await writeFault({ command: "crash", service: "user-service" }, target);
    const afterCrash = await read();
    assert.ok(crashRequested(afterCrash, startedBefore), "a task started before the crash obeys it");
    assert.ok(!crashRequested(afterCrash, Date.now() + 1_000), "its replacement does not");
    assert.equal(activeFault(afterCrash, Date.now()).mode, "fail", "the crash leaves the fault in force");

    await writeFault({ command: "latency", service: "user-service", latencyMs: 300, durationSeconds: 1 }, target);
    assert.equal(activeFault(await read(), Date.now()).latencyMs, 300);
    assert.equal(activeFault(await read(), Date.now() + 2_000).mode, "none", "expired");

    await writeFault({ command: "recover", service: "user-service" }, target);
    assert.equal(activeFault(await read(), Date.now()).mode, "none");
  });
});
