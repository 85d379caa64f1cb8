import assert from "node:assert/strict";
import { createServer } from "node:net";
import { describe, it } from "node:test";
import { targetFrom } from "../aws/target.ts";
import { probeTarget, unreachableReason } from "./target-status.ts";

/** A port that was free a moment ago, so connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("probeTarget", () => {
  it("reports a refused connection at the emulator's endpoint", async () => {
    const port = await closedPort();
    const status = await probeTarget(targetFrom({ kind: "local", region: "us-east-1" }, { emulatorPort: port }));
    assert.equal(status.reachable, false);
    assert.equal(status.reason, `connection refused at http://127.0.0.1:${port}`);
    assert.equal(status.accountId, "000000000000");
  });

  it("reports a profile that cannot be loaded, without touching the network", async (t) => {
    const saved = { ...process.env };
    t.after(() => {
      process.env = saved;
    });
    process.env.AWS_CONFIG_FILE = "/nonexistent/config";
    process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/credentials";
    const status = await probeTarget(targetFrom({ kind: "aws", region: "eu-west-1", profile: "ghost" }, { emulatorPort: 1 }));
    assert.equal(status.reachable, false);
    assert.equal(status.reason, "could not load credentials for profile 'ghost'");
    assert.equal(status.kind, "aws");
    assert.equal(status.accountId, undefined);
  });
});

describe("unreachableReason", () => {
  const aws = targetFrom({ kind: "aws", region: "eu-west-1" }, { emulatorPort: 1 });

  it("names the AWS endpoint it could not reach", () => {
    assert.equal(
      unreachableReason(Object.assign(new Error("getaddrinfo"), { code: "ENOTFOUND" }), aws),
      "cannot resolve the host of https://sts.eu-west-1.amazonaws.com (offline?)",
    );
  });

  it("keeps AWS error codes, which say what to fix", () => {
    const error = Object.assign(new Error("The security token included in the request is expired"), { name: "ExpiredToken" });
    assert.equal(unreachableReason(error, aws), "ExpiredToken: The security token included in the request is expired");
  });

  it("says when nothing answered in time", () => {
    assert.equal(unreachableReason(Object.assign(new Error("t"), { name: "TimeoutError" }), aws), "no answer from https://sts.eu-west-1.amazonaws.com in time");
  });
});
