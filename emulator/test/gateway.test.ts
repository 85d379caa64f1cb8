import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from "@aws-sdk/client-sts";
import { aws, startTestGateway, type TestGateway } from "./harness.ts";

describe("gateway", () => {
  let gw: TestGateway;
  before(async () => {
    gw = await startTestGateway();
  });
  after(() => gw.stop());

  it("answers sts:GetCallerIdentity through the SDK with the local account", async () => {
    const sts = new STSClient(gw.clientConfig);
    const out = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, "000000000000");
    assert.match(out.Arn ?? "", /^arn:aws:iam::000000000000:/);
  });

  it("answers a real but unbuilt operation with 501 NotImplemented", async () => {
    const sts = new STSClient({ ...gw.clientConfig, maxAttempts: 1 });
    await assert.rejects(sts.send(new GetSessionTokenCommand({})), (e: any) => e.name === "NotImplemented" && e.$metadata.httpStatusCode === 501);
  });

  it("answers an unknown query action with 400 InvalidAction in XML", async () => {
    const res = await fetch(gw.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: "AWS4-HMAC-SHA256 Credential=a/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=x" },
      body: "Action=NoSuchThing&Version=2011-06-15",
    });
    assert.equal(res.status, 400);
    const text = await res.text();
    assert.match(text, /<Code>InvalidAction<\/Code>/);
  });

  it("answers a request naming no service with a 400 and stays up", async () => {
    const res = await fetch(gw.url, { method: "POST", body: "\u0000garbage" });
    assert.equal(res.status, 400);
    const health = await fetch(`${gw.url}/_lab/health`).then((r) => r.json());
    assert.equal(health.status, "ok");
  });

  for (const cli of ["v1", "v2"] as const) {
    it(`works with the ${cli} CLI: sts get-caller-identity`, async () => {
      const out = await aws(cli, gw.url, ["sts", "get-caller-identity"]);
      assert.equal(out.code, 0, out.stderr);
      assert.equal(out.json().Account, "000000000000");
    });
  }
});
