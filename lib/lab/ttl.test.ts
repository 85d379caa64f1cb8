import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadTemplate } from "../../cloudformation/template.ts";
import { parseScheduleExpression } from "../../emulator/runtime/scheduler/schedule-expression.ts";
import { resourceDependencies } from "../../emulator/services/cloudformation/engine/template.ts";
import { STACKS } from "./contract.ts";
import { TTL_DELETION_ORDER, ttlCountdown, ttlExpiry, ttlHoursSchema } from "./ttl.ts";

describe("ttlExpiry", () => {
  it("expires 4 hours after the deploy by default, rounded up to the minute", () => {
    const e = ttlExpiry(new Date("2026-11-25T23:31:20.500Z"));
    assert.equal(e.expiresAt, "2026-11-26T03:32:00Z");
    assert.equal(e.schedule, "cron(32 3 26 11 ? 2026)");
  });

  it("keeps an exact minute and crosses a year boundary in UTC", () => {
    const e = ttlExpiry(new Date("2026-12-31T22:00:00Z"), 3);
    assert.equal(e.expiresAt, "2027-01-01T01:00:00Z");
    assert.equal(e.schedule, "cron(0 1 1 1 ? 2027)");
  });

  it("gives a schedule that fires exactly once, at the expiry (the emulator's AWS cron parser)", () => {
    const e = ttlExpiry(new Date("2026-11-25T23:31:20Z"), 4);
    const parsed = parseScheduleExpression(e.schedule);
    assert.equal(parsed.kind, "cron");
    if (parsed.kind !== "cron") return;
    const next = parsed.cron.nextRun(new Date("2026-11-25T23:31:20Z"));
    assert.equal(next?.toISOString(), "2026-11-26T03:32:00.000Z");
    assert.equal(parsed.year(2026), true);
    assert.equal(parsed.year(2027), false, "the fixed year keeps it from firing again next year");
  });
});

describe("ttlCountdown", () => {
  const expiresAt = "2026-11-26T03:32:00Z";
  const at = (iso: string) => Date.parse(iso);

  it("counts whole hours and minutes left", () => {
    assert.deepEqual(ttlCountdown(expiresAt, at("2026-11-25T23:32:00Z")), { expiresAt, remainingMs: 4 * 3_600_000, label: "4 h 0 min" });
    assert.equal(ttlCountdown(expiresAt, at("2026-11-26T00:19:30Z"))?.label, "3 h 12 min");
    assert.equal(ttlCountdown(expiresAt, at("2026-11-25T23:31:20Z"))?.label, "4 h 0 min", "a fresh 4-hour lab, its expiry rounded up");
    assert.equal(ttlCountdown(expiresAt, at("2026-11-26T03:00:00Z"))?.label, "32 min");
    assert.equal(ttlCountdown(expiresAt, at("2026-11-26T03:31:30Z"))?.label, "under a minute");
  });

  it("says the time is up once it has passed", () => {
    const c = ttlCountdown(expiresAt, at("2026-11-26T03:40:00Z"));
    assert.equal(c?.label, "due now");
    assert.equal(c?.remainingMs, -8 * 60_000);
  });

  it("is undefined without a valid expiry", () => {
    assert.equal(ttlCountdown(undefined), undefined);
    assert.equal(ttlCountdown("soon"), undefined);
  });
});

describe("ttlHoursSchema", () => {
  it("takes whole hours from 1 to 72", () => {
    assert.equal(ttlHoursSchema.parse("4"), 4);
    for (const bad of ["0", "73", "1.5", "x"]) assert.equal(ttlHoursSchema.safeParse(bad).success, false, bad);
  });
});

describe("TTL_DELETION_ORDER", () => {
  it("deletes newest first and its own stack last, after the bootstrap stack", () => {
    assert.deepEqual(TTL_DELETION_ORDER, [
      STACKS.servicesConnect,
      STACKS.servicesAppMesh,
      STACKS.resilience,
      STACKS.messaging,
      STACKS.network,
      STACKS.images,
      STACKS.bootstrap,
      STACKS.ttl,
    ]);
  });
});

describe("cloudformation/ttl.yaml", () => {
  it("deletes its role last: every other resource depends on it, so its own stack's deletion keeps its permissions to the end", () => {
    const t = loadTemplate("ttl.yaml") as unknown as Parameters<typeof resourceDependencies>[0];
    const closure = (id: string, seen = new Set<string>()): Set<string> => {
      for (const d of resourceDependencies(t, id)) if (!seen.has(d)) closure(d, seen.add(d));
      return seen;
    };
    for (const id of Object.keys(t.Resources)) if (id !== "TtlRole") assert.ok(closure(id).has("TtlRole"), `${id} does not depend on TtlRole, so CloudFormation may delete it after the role`);
    assert.deepEqual(resourceDependencies(t, "TtlRole"), [], "the role depends on nothing in the stack");
  });
});
