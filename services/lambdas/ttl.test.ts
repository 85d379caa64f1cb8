// The lab TTL on the emulator: a deploy arms it (the one-time rule, the countdown), and the
// TTL function, fired directly, really deletes every lab stack, its own last.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { DescribeRuleCommand, EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { startTestGateway, type TestGateway } from "../../emulator/test/harness.ts";
import { clientFor } from "../../lib/aws/clients.ts";
import { type Target, targetFrom } from "../../lib/aws/target.ts";
import { LAB_NAME, STACKS, TTL_FUNCTION } from "../../lib/lab/contract.ts";
import { deployLab } from "../../lib/lab/deploy.ts";
import { findLeftovers } from "../../lib/lab/leftovers.ts";
import { labStatus } from "../../lib/lab/status.ts";
import { listLiveStacks } from "../../lib/lab/stacks.ts";
import { ttlCountdown, ttlExpiry } from "../../lib/lab/ttl.ts";

describe("lab TTL on the emulator", { timeout: 180_000 }, () => {
  let gw: TestGateway;
  let target: Target;
  let workDir: string;
  let deployedAt: number;

  before(async () => {
    gw = await startTestGateway();
    target = targetFrom({ kind: "local", region: "us-east-1" }, { emulatorPort: gw.port });
    workDir = mkdtempSync(path.join(tmpdir(), "lab-ttl-"));
    deployedAt = Date.now();
    await deployLab({ variant: "connect", target, only: [STACKS.bootstrap, STACKS.ttl, STACKS.messaging], params: { ttlHours: 2 }, workDir });
  });
  after(async () => {
    await gw.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it("arms a one-time rule for the expiry, and the status counts down to it", async () => {
    const status = await labStatus({ target });
    const expected = ttlExpiry(new Date(deployedAt), 2);
    assert.ok(status.expiresAt, "the status carries the expiry");
    // The deploy computed it a moment after `deployedAt`: the same minute or the next.
    const drift = Date.parse(status.expiresAt) - Date.parse(expected.expiresAt);
    assert.ok(drift === 0 || drift === 60_000, `expires ${status.expiresAt}, expected about ${expected.expiresAt}`);
    const rule = await clientFor(EventBridgeClient, target).send(new DescribeRuleCommand({ Name: TTL_FUNCTION }));
    assert.equal(rule.ScheduleExpression, ttlExpiry(new Date(Date.parse(status.expiresAt) - 2 * 3_600_000), 2).schedule);
    assert.equal(rule.State, "ENABLED");
    const countdown = ttlCountdown(status.expiresAt, Date.now());
    assert.ok(countdown && countdown.remainingMs > 119 * 60_000 && countdown.remainingMs <= 121 * 60_000, `remaining ${countdown?.remainingMs} ms`);
    assert.match(countdown?.label ?? "", /^(1 h 59 min|2 h 0 min|2 h 1 min)$/);
  });

  it("deletes every lab stack, its own last, when fired", async () => {
    const cfn = clientFor(CloudFormationClient, target);
    const before = (await listLiveStacks({ cfn }, LAB_NAME)).map((s) => s.StackName ?? "").sort();
    assert.deepEqual(before, [STACKS.bootstrap, STACKS.messaging, STACKS.ttl].sort() as string[]);
    const out = await clientFor(LambdaClient, target).send(new InvokeCommand({ FunctionName: TTL_FUNCTION, Payload: JSON.stringify({}) }));
    const result = JSON.parse(new TextDecoder().decode(out.Payload));
    assert.equal(out.FunctionError, undefined, JSON.stringify(result));
    assert.deepEqual(result, { status: "done", deleted: [STACKS.messaging, STACKS.bootstrap, STACKS.ttl] });
    // Its own stack is deleted after it returns.
    const deadline = Date.now() + 30_000;
    let live = before;
    while (live.length && Date.now() < deadline) {
      await sleep(200);
      live = (await listLiveStacks({ cfn }, LAB_NAME)).map((s) => s.StackName ?? "");
    }
    assert.deepEqual(live, []);
    assert.deepEqual((await findLeftovers(target)).map((l) => l.arn), []);
    assert.equal((await labStatus({ target })).expiresAt, undefined);
  });
});
