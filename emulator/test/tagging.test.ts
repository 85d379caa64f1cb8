import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CloudFormationClient, CreateStackCommand, DeleteStackCommand } from "@aws-sdk/client-cloudformation";
import { GetResourcesCommand, type GetResourcesInput, GetTagKeysCommand, GetTagValuesCommand, ResourceGroupsTaggingAPIClient, TagResourcesCommand, UntagResourcesCommand } from "@aws-sdk/client-resource-groups-tagging-api";
import { output, settled } from "./cfn-wait.ts";
import { aws, startTestGateway, type TestGateway } from "./harness.ts";

const TEMPLATE = `
Resources:
  Queue: { Type: AWS::SQS::Queue, Properties: { QueueName: tg-queue, Tags: [{ Key: tier, Value: messaging }] } }
  Topic: { Type: AWS::SNS::Topic, Properties: { TopicName: tg-topic } }
  Logs: { Type: AWS::Logs::LogGroup, Properties: { LogGroupName: /tg/logs } }
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.1.0.0/16 } }
  Kept: { Type: AWS::SQS::Queue, DeletionPolicy: Retain, Properties: { QueueName: tg-kept } }
Outputs:
  QueueArn: { Value: !GetAtt Queue.Arn }
  VpcId: { Value: !Ref Vpc }
`;

describe("resource groups tagging", () => {
  let gw: TestGateway;
  let cf: CloudFormationClient;
  let tagging: ResourceGroupsTaggingAPIClient;
  const arns = async (input: GetResourcesInput) =>
    ((await tagging.send(new GetResourcesCommand(input))).ResourceTagMappingList ?? []).map((m) => m.ResourceARN!).sort();

  before(async () => {
    gw = await startTestGateway();
    cf = new CloudFormationClient(gw.clientConfig);
    tagging = new ResourceGroupsTaggingAPIClient(gw.clientConfig);
  });
  after(() => gw.stop());

  it("finds a stack's resources by stack tag, CloudFormation tags and type, and forgets deleted ones", async () => {
    await cf.send(new CreateStackCommand({ StackName: "tg", TemplateBody: TEMPLATE, Tags: [{ Key: "lab", Value: "cross-service-lab" }] }));
    const s = await settled(cf, "tg");
    assert.equal(s.StackStatus, "CREATE_COMPLETE", s.StackStatusReason);
    const vpcArn = `arn:aws:ec2:us-east-1:000000000000:vpc/${output(s, "VpcId")}`;
    const all = [
      "arn:aws:logs:us-east-1:000000000000:log-group:/tg/logs",
      "arn:aws:sns:us-east-1:000000000000:tg-topic",
      "arn:aws:sqs:us-east-1:000000000000:tg-kept",
      "arn:aws:sqs:us-east-1:000000000000:tg-queue",
      vpcArn,
    ].sort();
    assert.deepEqual(await arns({ TagFilters: [{ Key: "lab", Values: ["cross-service-lab"] }] }), all);
    assert.deepEqual(await arns({ TagFilters: [{ Key: "aws:cloudformation:stack-name", Values: ["tg"] }] }), all);
    assert.deepEqual(await arns({ TagFilters: [{ Key: "aws:cloudformation:logical-id", Values: ["Queue"] }] }), [output(s, "QueueArn")]);
    assert.deepEqual(await arns({ TagFilters: [{ Key: "tier" }] }), [output(s, "QueueArn")]);
    assert.deepEqual(await arns({ TagFilters: [{ Key: "lab", Values: ["other"] }] }), []);
    assert.deepEqual(await arns({ ResourceTypeFilters: ["sqs"], TagFilters: [{ Key: "lab" }] }), all.filter((a) => a.includes(":sqs:")));
    assert.deepEqual(await arns({ ResourceTypeFilters: ["ec2:vpc"] }), [vpcArn]);
    const mapping = (await tagging.send(new GetResourcesCommand({ ResourceARNList: [output(s, "QueueArn")!] }))).ResourceTagMappingList![0];
    const tags = Object.fromEntries(mapping.Tags!.map((t) => [t.Key, t.Value]));
    assert.equal(tags["aws:cloudformation:stack-id"], s.StackId);
    assert.equal(tags.tier, "messaging");

    // After the stack is gone, only the retained queue is left: an orphan sweep by tag finds it.
    await cf.send(new DeleteStackCommand({ StackName: "tg" }));
    assert.equal((await settled(cf, s.StackId!)).StackStatus, "DELETE_COMPLETE");
    assert.deepEqual(await arns({ TagFilters: [{ Key: "lab", Values: ["cross-service-lab"] }] }), ["arn:aws:sqs:us-east-1:000000000000:tg-kept"]);
  });

  it("tags and untags directly, and lists keys and values", async () => {
    const arn = "arn:aws:sqs:us-east-1:000000000000:outside-cfn";
    await tagging.send(new TagResourcesCommand({ ResourceARNList: [arn], Tags: { owner: "me", env: "dev" } }));
    assert.deepEqual(await arns({ TagFilters: [{ Key: "owner", Values: ["me"] }] }), [arn]);
    assert.ok((await tagging.send(new GetTagKeysCommand({}))).TagKeys!.includes("owner"));
    assert.deepEqual((await tagging.send(new GetTagValuesCommand({ Key: "env" }))).TagValues, ["dev"]);
    await tagging.send(new UntagResourcesCommand({ ResourceARNList: [arn], TagKeys: ["owner", "env"] }));
    assert.deepEqual(await arns({ ResourceARNList: [arn] }), []);
    await assert.rejects(tagging.send(new TagResourcesCommand({ ResourceARNList: ["not-an-arn"], Tags: { a: "b" } })), { name: "ValidationError" });
  });

  for (const cli of ["v1", "v2"] as const) {
    it(`answers the ${cli} CLI: resourcegroupstaggingapi get-resources --tag-filters`, async () => {
      await tagging.send(new TagResourcesCommand({ ResourceARNList: [`arn:aws:sns:us-east-1:000000000000:cli-${cli}`], Tags: { lab: `cli-${cli}` } }));
      const out = await aws(cli, gw.url, ["resourcegroupstaggingapi", "get-resources", "--tag-filters", `Key=lab,Values=cli-${cli}`]);
      assert.equal(out.code, 0, out.stderr);
      assert.deepEqual(out.json().ResourceTagMappingList.map((m: any) => m.ResourceARN), [`arn:aws:sns:us-east-1:000000000000:cli-${cli}`]);
    });
  }
});
