import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { niceCeiling } from "./chart-scale.ts";

describe("niceCeiling", () => {
  it("puts four gridlines on round numbers", () => {
    assert.equal(niceCeiling(290), 400);
    assert.equal(niceCeiling(380), 400);
    assert.equal(niceCeiling(401), 800);
    assert.equal(niceCeiling(5), 8);
    assert.equal(niceCeiling(13), 20);
    assert.equal(niceCeiling(1_900), 2_000);
  });

  it("keeps whole steps and a floor of one per interval", () => {
    for (const max of [0, -3, Number.NaN, 0.4, 3, 4]) assert.equal(niceCeiling(max), 4, String(max));
    for (let max = 1; max < 5_000; max += 7) {
      const top = niceCeiling(max);
      assert.ok(top >= max && Number.isInteger(top / 4), `${max} → ${top}`);
    }
  });
});
