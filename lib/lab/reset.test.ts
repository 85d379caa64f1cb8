import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RESET_PLAN, type ResetDeps, resetLab } from "./reset.ts";

function fakeDeps(overrides: Partial<ResetDeps> = {}) {
  const calls: string[] = [];
  const deps: ResetDeps = {
    stopLoad: () => {
      calls.push("stopLoad");
      return true;
    },
    cancelExperiment: async () => {
      calls.push("cancelExperiment");
      return false;
    },
    recover: async (s) => {
      calls.push(`recover ${s}`);
    },
    resetBreaker: async (s) => {
      calls.push(`reset ${s}`);
    },
    purge: async (q) => {
      calls.push(`purge ${q}`);
    },
    restock: async (p) => {
      calls.push(`restock ${p}`);
    },
    ...overrides,
  };
  return { deps, calls };
}

describe("reset between exercises", () => {
  it("names everything it touches", () => {
    assert.deepEqual(RESET_PLAN.breakers, ["user-service", "inventory-service"]);
    assert.equal(RESET_PLAN.services.length, 5);
    assert.deepEqual(RESET_PLAN.queues, ["order-processing", "order-processing-dlq", "notifications", "notifications-dlq", "analytics", "analytics-dlq"]);
  });

  it("clears faults before it resets breakers, and purges every queue", async () => {
    const { deps, calls } = fakeDeps();
    const steps = await resetLab(deps);
    assert.ok(steps.every((s) => s.ok));
    const lastRecover = calls.findLastIndex((c) => c.startsWith("recover"));
    const firstReset = calls.findIndex((c) => c.startsWith("reset"));
    assert.ok(lastRecover < firstReset, "faults are cleared first");
    assert.equal(calls.filter((c) => c.startsWith("purge")).length, 6);
    assert.deepEqual(
      calls.filter((c) => c.startsWith("restock")),
      ["restock prod-123", "restock prod-456"],
    );
    assert.equal(steps.find((s) => s.id === "load")?.detail, "stopped");
  });

  it("keeps going when a step fails and says which item failed", async () => {
    const { deps, calls } = fakeDeps({
      resetBreaker: async (s) => {
        if (s === "inventory-service") throw new Error("circuit-breaker-manager failed: timeout");
      },
    });
    const steps = await resetLab(deps);
    const breakers = steps.find((s) => s.id === "breakers");
    assert.equal(breakers?.ok, false);
    assert.match(breakers?.detail ?? "", /1 of 2 done; inventory-service: circuit-breaker-manager failed/);
    assert.equal(calls.filter((c) => c.startsWith("purge")).length, 6, "the queues are still purged");
  });

  it("treats a purge already under way as done", async () => {
    const { deps } = fakeDeps({
      purge: async (q) => {
        if (q === "analytics") throw Object.assign(new Error("Only one PurgeQueue operation on analytics is allowed every 60 seconds."), { name: "AWS.SimpleQueueService.PurgeQueueInProgress" });
      },
    });
    const queues = (await resetLab(deps)).find((s) => s.id === "queues");
    assert.equal(queues?.ok, true);
    assert.match(queues?.detail ?? "", /analytics already being purged/);
  });
});
