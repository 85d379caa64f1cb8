import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatCount, formatDuration, formatMoney, formatRate, formatUnitPrice, roundMoney } from "./format.ts";

describe("formatMoney: 2 decimals, or 4 under a cent (UI.md)", () => {
  const cases: [number, string][] = [
    [0, "$0.00"],
    [0.37, "$0.37"],
    [0.9, "$0.90"],
    [0.89722, "$0.90"],
    [0.045, "$0.05"], // 0.045 is stored as 0.04499…; rounded in decimal it is half up
    [0.0225 * 2, "$0.05"],
    [1234.5, "$1,234.50"],
    [0.0042, "$0.0042"],
    [0.00416, "$0.0042"],
    [0.0001, "$0.0001"],
    [0.00996, "$0.01"], // rounds to a cent at 4 decimals: shown as a cent
    [0.00995, "$0.01"],
    [0.00004, "<$0.0001"],
    [-0.37, "−$0.37"],
  ];
  for (const [value, shown] of cases) {
    it(`${value} → ${shown}`, () => assert.equal(formatMoney(value), shown));
  }
  it("never shows a non-number as money", () => {
    assert.equal(formatMoney(Number.NaN), "—");
    assert.equal(formatMoney(Number.POSITIVE_INFINITY), "—");
  });
});

describe("formatRate", () => {
  it("adds the unit", () => {
    assert.equal(formatRate(0.45), "$0.45/h");
    assert.equal(formatRate(0.136882), "$0.14/h");
    assert.equal(formatRate(0.0042), "$0.0042/h");
    assert.equal(formatRate(0), "$0.00/h");
  });
});

describe("roundMoney", () => {
  it("rounds half away from zero in decimal", () => {
    assert.equal(roundMoney(0.045), 0.05);
    assert.equal(roundMoney(0.516), 0.52);
    assert.equal(roundMoney(0.24288), 0.24);
    assert.equal(roundMoney(0.05334), 0.05);
    assert.equal(roundMoney(-0.045), -0.05);
    assert.equal(roundMoney(0.00415, 4), 0.0042);
    assert.equal(roundMoney(1e-7), 0);
  });
});

describe("formatUnitPrice", () => {
  it("keeps AWS's digits and names the unit", () => {
    assert.equal(formatUnitPrice(0.04048, "vCPU-hour"), "$0.04048 per vCPU-hour");
    assert.equal(formatUnitPrice(0.4, "request", 1_000_000), "$0.40 per 1M requests");
    assert.equal(formatUnitPrice(0.01, "request", 1000), "$0.01 per 1,000 requests");
    assert.equal(formatUnitPrice(0.0000166667, "GB-second"), "$0.0000166667 per GB-second");
    assert.equal(formatUnitPrice(0.3, "metric-month"), "$0.30 per metric-month");
    assert.equal(formatUnitPrice(1, "query", 1_000_000), "$1.00 per 1M queries");
  });
});

describe("formatCount and formatDuration", () => {
  it("formats counts", () => {
    assert.equal(formatCount(1_000_000), "1M");
    assert.equal(formatCount(1_500_000), "1.5M");
    assert.equal(formatCount(31_260), "31,260");
  });
  it("formats durations", () => {
    assert.equal(formatDuration(40_000), "40 s");
    assert.equal(formatDuration(12 * 60_000), "12 min");
    assert.equal(formatDuration(112 * 60_000), "1 h 52 min");
    assert.equal(formatDuration(2 * 3_600_000), "2 h");
  });
});
