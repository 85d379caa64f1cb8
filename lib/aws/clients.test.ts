// The AWS target's clients: no endpoint override (the SDK's own AWS endpoints), the region
// and the named profile from Settings, whatever endpoint variables the environment holds.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { S3Client } from "@aws-sdk/client-s3";
import { SQSClient } from "@aws-sdk/client-sqs";
import { STSClient } from "@aws-sdk/client-sts";
import { clientFor } from "./clients.ts";
import { targetFrom, withEndpointOverride } from "./target.ts";

const ENV_KEYS = ["AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SQS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_REGION"];
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
let dir: string;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), "lab-aws-profile-"));
  writeFileSync(path.join(dir, "config"), "[profile lab-dev]\nregion = ap-southeast-2\n\n[default]\nregion = us-east-1\n");
  writeFileSync(
    path.join(dir, "credentials"),
    "[lab-dev]\naws_access_key_id = AKIALABDEVEXAMPLE\naws_secret_access_key = lab-dev-secret\n\n[default]\naws_access_key_id = AKIADEFAULTEXAMPLE\naws_secret_access_key = default-secret\n",
  );
  for (const k of ENV_KEYS) delete process.env[k];
  process.env.AWS_CONFIG_FILE = path.join(dir, "config");
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, "credentials");
  // Left over from `eval "$(npm run lab -- env)"` on the local target: must not reach AWS clients.
  process.env.AWS_ENDPOINT_URL = "http://127.0.0.1:4566";
  process.env.AWS_ENDPOINT_URL_SQS = "http://127.0.0.1:4566";
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

/** The URL a client would send `ListQueues`-like requests to, without sending anything. */
async function resolvedHost(client: { config: { endpointProvider: (p: Record<string, unknown>) => { url: URL } } }, params: Record<string, unknown>) {
  return client.config.endpointProvider(params).url.host;
}

describe("AWS target clients", () => {
  const target = targetFrom({ kind: "aws", region: "eu-west-2", profile: "lab-dev" }, { emulatorPort: 4566 });

  it("have no endpoint override, so the SDK picks AWS's own endpoint for the region", async () => {
    for (const Client of [SQSClient, CloudFormationClient, STSClient, S3Client]) {
      const client = clientFor(Client as typeof SQSClient, target);
      assert.equal(client.config.endpoint, undefined, Client.name);
      assert.equal(client.config.isCustomEndpoint, false, Client.name);
      client.destroy();
    }
    const sqs = clientFor(SQSClient, target);
    assert.equal(await resolvedHost(sqs as never, { Region: "eu-west-2", UseFIPS: false, UseDualStack: false }), "sqs.eu-west-2.amazonaws.com");
  });

  it("ignore endpoint variables in the environment (the target decides where calls go)", async () => {
    const sqs = clientFor(SQSClient, target);
    let host = "";
    sqs.middlewareStack.add(
      (_next) => async (args) => {
        host = (args.request as { hostname: string }).hostname;
        throw new Error("stopped before sending");
      },
      { step: "finalizeRequest" },
    );
    const { ListQueuesCommand } = await import("@aws-sdk/client-sqs");
    await assert.rejects(sqs.send(new ListQueuesCommand({})), /stopped before sending/);
    assert.equal(host, "sqs.eu-west-2.amazonaws.com");
  });

  it("use the region chosen in Settings, not the profile's", async () => {
    const sts = clientFor(STSClient, target);
    assert.equal(await sts.config.region(), "eu-west-2");
  });

  it("sign with the named profile's credentials", async () => {
    const creds = await clientFor(STSClient, target).config.credentials();
    assert.equal(creds.accessKeyId, "AKIALABDEVEXAMPLE");
    const fallback = await clientFor(STSClient, targetFrom({ kind: "aws", region: "eu-west-2" }, { emulatorPort: 4566 })).config.credentials();
    assert.equal(fallback.accessKeyId, "AKIADEFAULTEXAMPLE", "no profile: the default chain (here the default profile)");
  });

  it("use S3 virtual-hosted addressing, as AWS recommends", () => {
    assert.equal(clientFor(S3Client, target).config.forcePathStyle, false);
  });

  it("take an endpoint only through the explicit override, which changes nothing else", async () => {
    const moto = withEndpointOverride(target as Extract<typeof target, { kind: "aws" }>, "http://127.0.0.1:5999");
    const sqs = clientFor(SQSClient, moto);
    assert.equal((await sqs.config.endpoint?.())?.hostname, "127.0.0.1");
    assert.equal(await sqs.config.region(), "eu-west-2");
    assert.equal((await sqs.config.credentials()).accessKeyId, "AKIALABDEVEXAMPLE");
  });
});
