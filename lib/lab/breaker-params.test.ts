import assert from "node:assert/strict";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { breakerConfigOf, breakerParamsFromStack, breakerParamsSchema, DEFAULT_BREAKER_PARAMS, readBreakerParams, writeBreakerParams } from "./breaker-params.ts";

describe("breaker parameters", () => {
  it("are the lab preset until something is saved, and what was saved afterwards", async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), "breaker-params-")), "console", "breaker-params.json");
    assert.deepEqual(await readBreakerParams(file), { failureThreshold: 5, windowSeconds: 10, openSeconds: 15, successThreshold: 3 });
    await writeBreakerParams({ failureThreshold: 3, windowSeconds: 20, openSeconds: 30, successThreshold: 2 }, file);
    assert.deepEqual(await readBreakerParams(file), { failureThreshold: 3, windowSeconds: 20, openSeconds: 30, successThreshold: 2 });
    assert.match(await readFile(file, "utf8"), /"openSeconds": 30/);
  });

  it("fall back to the defaults when the file is damaged", async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), "breaker-params-")), "params.json");
    await writeFile(file, '{"failureThreshold": 0}');
    assert.deepEqual(await readBreakerParams(file), DEFAULT_BREAKER_PARAMS);
  });

  it("refuse values the template would reject, with a message per field", async () => {
    const r = breakerParamsSchema.safeParse({ failureThreshold: "0", windowSeconds: "1.5", openSeconds: "x", successThreshold: "3" });
    assert.equal(r.success, false);
    const fields = Object.fromEntries(r.error.issues.map((i) => [i.path[0], i.message]));
    assert.match(fields.failureThreshold, /at least 1/);
    assert.match(fields.windowSeconds, /whole number/);
    assert.match(fields.openSeconds, /number/);
    await assert.rejects(writeBreakerParams({ ...DEFAULT_BREAKER_PARAMS, successThreshold: 0 }, path.join(tmpdir(), "never.json")));
  });

  it("read what a stack was deployed with, and map onto the breaker model", () => {
    const p = breakerParamsFromStack([
      { ParameterKey: "FailureThreshold", ParameterValue: "7" },
      { ParameterKey: "WindowSeconds", ParameterValue: "10" },
      { ParameterKey: "OpenSeconds", ParameterValue: "20" },
      { ParameterKey: "SuccessThreshold", ParameterValue: "2" },
      { ParameterKey: "ListenerPort", ParameterValue: "8080" },
    ]);
    assert.deepEqual(p, { failureThreshold: 7, windowSeconds: 10, openSeconds: 20, successThreshold: 2 });
    assert.deepEqual(breakerConfigOf(p!), { failureThreshold: 7, windowMs: 10_000, openMs: 20_000, successThreshold: 2 });
    assert.equal(breakerParamsFromStack([{ ParameterKey: "ListenerPort", ParameterValue: "8080" }]), undefined);
  });
});
