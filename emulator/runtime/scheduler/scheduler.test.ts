import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nextFireTime, parseScheduleExpression, ScheduleExpressionError } from "./schedule-expression.ts";
import { Scheduler } from "./scheduler.ts";

const at = (iso: string) => new Date(iso);
const next = (expr: string, from: string, n = 1) => {
  const s = parseScheduleExpression(expr);
  const out: string[] = [];
  let cursor = at(from);
  for (let i = 0; i < n; i++) {
    const d = nextFireTime(s, cursor, cursor);
    if (!d) break;
    out.push(d.toISOString());
    cursor = d;
  }
  return out;
};

describe("schedule expressions", () => {
  it("computes rate() fires from the anchor", () => {
    const s = parseScheduleExpression("rate(5 minutes)");
    const anchor = at("2026-01-01T00:00:00Z");
    assert.equal(nextFireTime(s, anchor, anchor)?.toISOString(), "2026-01-01T00:05:00.000Z");
    assert.equal(nextFireTime(s, at("2026-01-01T00:12:00Z"), anchor)?.toISOString(), "2026-01-01T00:15:00.000Z");
    assert.equal(nextFireTime(parseScheduleExpression("rate(1 day)"), anchor, anchor)?.toISOString(), "2026-01-02T00:00:00.000Z");
    assert.equal(nextFireTime(parseScheduleExpression("rate(1 minute)"), anchor, anchor, 0.01)?.getTime(), anchor.getTime() + 600);
  });

  it("computes AWS cron fires in UTC", () => {
    // 2026-01-01 is a Thursday.
    assert.deepEqual(next("cron(0/15 * * * ? *)", "2026-01-01T00:00:00Z", 2), ["2026-01-01T00:15:00.000Z", "2026-01-01T00:30:00.000Z"]);
    assert.deepEqual(next("cron(0 10 ? * MON-FRI *)", "2026-01-02T11:00:00Z", 1), ["2026-01-05T10:00:00.000Z"]);
    // AWS day-of-week 2 is Monday, 6 is Friday.
    assert.deepEqual(next("cron(0 10 ? * 2-6 *)", "2026-01-02T11:00:00Z", 1), ["2026-01-05T10:00:00.000Z"]);
    assert.deepEqual(next("cron(0 12 L * ? *)", "2026-02-01T00:00:00Z", 1), ["2026-02-28T12:00:00.000Z"]);
    assert.deepEqual(next("cron(0 12 ? * 6L *)", "2026-01-01T00:00:00Z", 1), ["2026-01-30T12:00:00.000Z"], "last Friday");
    assert.deepEqual(next("cron(0 12 ? * 2#2 *)", "2026-01-01T00:00:00Z", 1), ["2026-01-12T12:00:00.000Z"], "second Monday");
    // 2026-02-15 is a Sunday, so 15W is Monday the 16th; 2026-01-31 is a Saturday, so LW is the 30th.
    assert.deepEqual(next("cron(0 8 15W * ? *)", "2026-02-01T00:00:00Z", 1), ["2026-02-16T08:00:00.000Z"]);
    assert.deepEqual(next("cron(0 8 LW * ? *)", "2026-01-01T00:00:00Z", 1), ["2026-01-30T08:00:00.000Z"]);
    assert.deepEqual(next("cron(0 0 1 1 ? 2030)", "2026-01-01T00:00:00Z", 2), ["2030-01-01T00:00:00.000Z"], "year restricts");
  });

  it("rejects expressions AWS rejects", () => {
    for (const bad of ["rate(1 minutes)", "rate(5 minute)", "rate(0 minutes)", "rate(10 seconds)", "cron(* * * * *)", "cron(0 12 * * * *)", "cron(0 12 ? * ? *)", "cron(0 12 ? * 9 *)", "cron(0 12 * * ? 1900)", "every 5 minutes"]) {
      assert.throws(() => parseScheduleExpression(bad), ScheduleExpressionError, bad);
    }
  });
});

describe("Scheduler", () => {
  it("really fires a scaled rate() job and stops when disarmed", async () => {
    const scheduler = new Scheduler({ rateScale: 0.002 }); // rate(1 minute) -> every 120 ms
    const fires: Date[] = [];
    const job = scheduler.arm("r", parseScheduleExpression("rate(1 minute)"), new Date(), (d) => fires.push(d));
    assert.ok(job.next && job.next.getTime() > Date.now() - 5);
    await new Promise((r) => setTimeout(r, 420));
    scheduler.stopAll();
    const count = fires.length;
    assert.ok(count >= 2 && count <= 4, `fired ${count} times`);
    assert.ok(fires[1].getTime() - fires[0].getTime() === 120);
    assert.ok(job.lastFire instanceof Date);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(fires.length, count, "no fires after stopAll");
  });

  it("a job that disarms itself while firing is not re-armed", async () => {
    const scheduler = new Scheduler({ rateScale: 0.001 });
    let fires = 0;
    scheduler.arm("once", parseScheduleExpression("rate(1 minute)"), new Date(), () => {
      fires++;
      scheduler.disarm("once");
    });
    await new Promise((r) => setTimeout(r, 250));
    assert.equal(fires, 1);
    assert.equal(scheduler.get("once"), undefined);
  });
});
