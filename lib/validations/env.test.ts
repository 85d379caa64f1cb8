import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { consoleEnv } from "./env.ts";

describe("consoleEnv", () => {
  it("defaults to port 4566 and .lab-data under the working directory", () => {
    assert.deepEqual(consoleEnv({}), { emulatorPort: 4566, dataDir: path.join(process.cwd(), ".lab-data") });
  });

  it("reads EMULATOR_PORT and LAB_DATA_DIR", () => {
    assert.deepEqual(consoleEnv({ EMULATOR_PORT: "4666", LAB_DATA_DIR: "/tmp/lab" }), { emulatorPort: 4666, dataDir: "/tmp/lab" });
  });

  it("takes a loopback LAB_AWS_ENDPOINT_OVERRIDE and refuses anything off this machine", () => {
    assert.equal(consoleEnv({ LAB_AWS_ENDPOINT_OVERRIDE: "http://127.0.0.1:5000/" }).awsEndpointOverride, "http://127.0.0.1:5000");
    assert.throws(() => consoleEnv({ LAB_AWS_ENDPOINT_OVERRIDE: "https://sts.amazonaws.com" }), /LAB_AWS_ENDPOINT_OVERRIDE/);
    assert.throws(() => consoleEnv({ LAB_AWS_ENDPOINT_OVERRIDE: "http://10.0.0.5:5000" }), /LAB_AWS_ENDPOINT_OVERRIDE/);
  });

  it("names the variable that is wrong", () => {
    assert.throws(() => consoleEnv({ EMULATOR_PORT: "http" }), /EMULATOR_PORT.*"http"/);
    assert.throws(() => consoleEnv({ EMULATOR_PORT: "70000" }), /EMULATOR_PORT/);
  });
});
