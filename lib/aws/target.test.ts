import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  capabilities,
  credentialsFor,
  endpointOf,
  knownAccountId,
  memoizeCredentials,
  publicTarget,
  targetFrom,
} from "./target.ts";

const env = { emulatorPort: 4777 };

describe("targetFrom", () => {
  it("points a local target at the emulator port from the environment", () => {
    const target = targetFrom({ kind: "local", region: "eu-west-1" }, env);
    assert.deepEqual(target, { kind: "local", region: "eu-west-1", endpoint: "http://127.0.0.1:4777" });
    assert.equal(endpointOf(target), "http://127.0.0.1:4777");
    assert.equal(knownAccountId(target), "000000000000");
  });

  it("leaves AWS endpoints to the SDK and the account to STS", () => {
    const target = targetFrom({ kind: "aws", region: "us-west-2", profile: "dev" }, env);
    assert.equal(endpointOf(target), undefined);
    assert.equal(knownAccountId(target), undefined);
  });

  it("sends an AWS target to LAB_AWS_ENDPOINT_OVERRIDE for a dry run, with AWS's capabilities unchanged", () => {
    const target = targetFrom({ kind: "aws", region: "us-west-2", profile: "dev" }, { ...env, awsEndpointOverride: "http://127.0.0.1:5055" });
    assert.equal(endpointOf(target), "http://127.0.0.1:5055");
    assert.equal(capabilities(target).confirmation, "type-account-id");
    assert.equal(capabilities(target).appMesh, false);
    // A local target ignores it: the emulator is its endpoint.
    assert.equal(endpointOf(targetFrom({ kind: "local", region: "us-west-2" }, { ...env, awsEndpointOverride: "http://127.0.0.1:5055" })), "http://127.0.0.1:4777");
  });
});

describe("capabilities", () => {
  it("polls AWS at most every 10 s and asks for the account id to confirm", () => {
    const caps = capabilities(targetFrom({ kind: "aws", region: "us-east-1" }, env));
    assert.ok(caps.pollMs >= 10_000);
    assert.equal(caps.confirmation, "type-account-id");
    assert.equal(caps.safePeek, false);
    assert.equal(caps.appMesh, false);
  });

  it("polls the emulator every second with its inspection API", () => {
    const caps = capabilities(targetFrom({ kind: "local", region: "us-east-1" }, env));
    assert.equal(caps.pollMs, 1_000);
    assert.equal(caps.inspectionApi, true);
    assert.equal(caps.confirmation, "single");
  });
});

describe("credentials", () => {
  it("uses the emulator's static test keys locally", async () => {
    const creds = await credentialsFor(targetFrom({ kind: "local", region: "us-east-1" }, env))();
    assert.equal(creds.accessKeyId, "test");
  });

  it("reuses one provider per target", () => {
    const a = targetFrom({ kind: "aws", region: "us-east-1", profile: "a" }, env);
    const b = targetFrom({ kind: "aws", region: "us-east-1", profile: "b" }, env);
    assert.equal(credentialsFor(a), credentialsFor({ ...a }));
    assert.notEqual(credentialsFor(a), credentialsFor(b));
  });

  it("caches resolved credentials until five minutes before they expire", async () => {
    let calls = 0;
    let clock = 0;
    const provider = memoizeCredentials(async () => {
      calls++;
      return { accessKeyId: `k${calls}`, secretAccessKey: "s", expiration: new Date(60 * 60_000) };
    }, () => clock);
    assert.equal((await provider()).accessKeyId, "k1");
    clock = 54 * 60_000;
    assert.equal((await provider()).accessKeyId, "k1");
    clock = 56 * 60_000;
    assert.equal((await provider()).accessKeyId, "k2");
  });

  it("retries after a failed resolution", async () => {
    let calls = 0;
    const provider = memoizeCredentials(async () => {
      calls++;
      if (calls === 1) throw new Error("no profile");
      return { accessKeyId: "k", secretAccessKey: "s" };
    });
    await assert.rejects(provider());
    assert.equal((await provider()).accessKeyId, "k");
  });
});

describe("publicTarget", () => {
  it("carries nothing secret to the browser", () => {
    const shown = publicTarget(targetFrom({ kind: "aws", region: "us-east-1", profile: "dev" }, env), "123456789012");
    assert.deepEqual(Object.keys(shown).sort(), ["accountId", "endpoint", "kind", "label", "profile", "region", "tone"]);
    assert.equal(JSON.stringify(shown).includes("secret"), false);
    assert.equal(shown.tone, "warning");
  });
});
