import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ResourceGroupsTaggingAPIClient, TagResourcesCommand } from "@aws-sdk/client-resource-groups-tagging-api";
import { CreateQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import { startTestGateway, type TestGateway } from "../../emulator/test/harness.ts";
import { clientFor } from "../aws/clients.ts";
import { type Target, targetFrom } from "../aws/target.ts";
import { LAB_TAG } from "./contract.ts";
import { canRemove, findLeftovers, parseArn, removeLeftoversAndCheck } from "./leftovers.ts";

describe("parseArn", () => {
  it("reads the service, type and name the leftover list shows", () => {
    assert.deepEqual(parseArn("arn:aws:sqs:us-east-1:000000000000:order-processing"), { service: "sqs", type: "sqs", name: "order-processing", region: "us-east-1", account: "000000000000" });
    assert.equal(parseArn("arn:aws:s3:::cross-service-lab-artifacts-1-us-east-1").name, "cross-service-lab-artifacts-1-us-east-1");
    assert.equal(parseArn("arn:aws:sns:us-east-1:1:order-events").type, "sns");
    assert.deepEqual(
      [parseArn("arn:aws:dynamodb:us-east-1:1:table/lab-faults").type, parseArn("arn:aws:dynamodb:us-east-1:1:table/lab-faults").name],
      ["dynamodb:table", "lab-faults"],
    );
    assert.equal(parseArn("arn:aws:lambda:us-east-1:1:function:health-checker").name, "health-checker");
    assert.equal(parseArn("arn:aws:logs:us-east-1:1:log-group:/ecs/user-service:*").name, "/ecs/user-service");
    assert.equal(parseArn("arn:aws:cloudformation:us-east-1:1:stack/cross-service-lab-network/abc-123").name, "cross-service-lab-network");
    assert.equal(parseArn("arn:aws:ecr:us-east-1:1:repository/cross-service-lab/user-service").name, "cross-service-lab/user-service");
  });

  it("knows which leftovers it can remove", () => {
    assert.ok(canRemove({ arn: "a", kind: "resource", type: "sqs", name: "q" }));
    assert.ok(canRemove({ arn: "a", kind: "stack", type: "cloudformation:stack", name: "s" }));
    assert.ok(canRemove({ arn: "a", kind: "resource", type: parseArn("arn:aws:codebuild:us-east-1:1:project/cross-service-lab-images").type, name: "cross-service-lab-images" }));
    assert.ok(!canRemove({ arn: "a", kind: "resource", type: "ec2:vpc", name: "v" }));
  });
});

describe("leftovers on the emulator", () => {
  let gw: TestGateway;
  let target: Target;
  before(async () => {
    gw = await startTestGateway();
    target = targetFrom({ kind: "local", region: "us-east-1" }, { emulatorPort: gw.port });
  });
  after(() => gw.stop());

  it("finds a resource tagged for the lab outside any stack, removes it, and finds nothing after", async () => {
    // Tagged through the tagging API, which the emulator's tag index follows (SQS's own tags it does not).
    const tagging = clientFor(ResourceGroupsTaggingAPIClient, target);
    for (const [QueueName, value] of [["stray-lab-queue", LAB_TAG.Value], ["not-the-lab", "other"]]) {
      await clientFor(SQSClient, target).send(new CreateQueueCommand({ QueueName }));
      await tagging.send(new TagResourcesCommand({ ResourceARNList: [`arn:aws:sqs:us-east-1:000000000000:${QueueName}`], Tags: { [LAB_TAG.Key]: value } }));
    }
    const found = await findLeftovers(target);
    assert.deepEqual(found.map((l) => [l.type, l.name, l.removable]), [["sqs", "stray-lab-queue", true]]);
    const seen: string[] = [];
    const remaining = await removeLeftoversAndCheck(target, (p) => p.kind === "step" && seen.push(p.message));
    assert.deepEqual(remaining, []);
    assert.deepEqual(seen, ["Deleting sqs stray-lab-queue"]);
  });
});
