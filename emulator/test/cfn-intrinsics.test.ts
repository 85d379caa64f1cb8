import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CloudFormationClient, CreateStackCommand, ValidateTemplateCommand } from "@aws-sdk/client-cloudformation";
import { GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { output, settled } from "./cfn-wait.ts";
import { startTestGateway, type TestGateway } from "./harness.ts";

// Every intrinsic function, condition function and pseudo parameter, in YAML short form.
const YAML_TEMPLATE = `
AWSTemplateFormatVersion: "2010-09-09"
Description: every intrinsic
Parameters:
  Env: { Type: String, Default: prod, AllowedValues: [dev, prod] }
  Sizes: { Type: CommaDelimitedList, Default: "10,20,30" }
  Ports: { Type: List<Number>, Default: "80,443" }
  Timeout: { Type: Number, Default: 7 }
Mappings:
  EnvMap:
    prod: { Retention: "1209600", Label: big }
    dev: { Retention: "60", Label: small }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Equals [!Ref "AWS::Region", us-east-1]]
  Either: !Or [!Condition IsDev, !Equals [a, b]]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: !Ref Timeout
      MessageRetentionPeriod: !FindInMap [EnvMap, !Ref Env, Retention]
      DelaySeconds: !If [IsDev, 5, !Ref "AWS::NoValue"]
      Tags:
        - { Key: label, Value: !FindInMap [EnvMap, !Ref Env, Label] }
        - !If [Either, { Key: never, Value: x }, !Ref "AWS::NoValue"]
  DevOnly:
    Type: AWS::SQS::Queue
    Condition: IsDev
Outputs:
  Ref: { Value: !Ref Queue }
  Arn: { Value: !GetAtt Queue.Arn }
  ArnLong: { Value: !GetAtt [Queue, QueueName] }
  Sub: { Value: !Sub "\${AWS::StackName}/\${Queue.QueueName}/\${!Literal}/\${AWS::Region}/\${AWS::AccountId}/\${AWS::Partition}/\${AWS::URLSuffix}" }
  SubVars: { Value: !Sub ["\${A}-\${B}", { A: !Ref Env, B: !Select [1, !Ref Sizes] }] }
  Join: { Value: !Join [":", [!Ref Env, !Select [0, !Split [",", "x,y"]], !Join ["", !Ref Ports]]] }
  Select: { Value: !Select [2, !Ref Sizes] }
  GetAZs: { Value: !Join [",", !GetAZs ""] }
  Base64: { Value: !Base64 hello }
  Cidr: { Value: !Join [",", !Cidr ["10.0.0.0/16", 3, 8]] }
  Length: { Value: !Length [a, b, c] }
  Json: { Value: !ToJsonString { a: 1, b: [x] } }
  Both: { Value: !If [Both, yes, no] }
  StackId: { Value: !Ref "AWS::StackId" }
  Notifs: { Value: !Join [",", !Ref "AWS::NotificationARNs"] }
  Dev: { Condition: IsDev, Value: !Ref DevOnly }
`;

// The same functions in JSON long form.
const JSON_TEMPLATE = JSON.stringify({
  Parameters: { Env: { Type: "String", Default: "dev" } },
  Mappings: { M: { dev: { V: "v-dev" } } },
  Conditions: { IsDev: { "Fn::Equals": [{ Ref: "Env" }, "dev"] }, NotDev: { "Fn::Not": [{ Condition: "IsDev" }] }, Any: { "Fn::Or": [{ Condition: "IsDev" }, { Condition: "NotDev" }] }, All: { "Fn::And": [{ Condition: "IsDev" }, { Condition: "Any" }] } },
  Resources: { Q: { Type: "AWS::SQS::Queue", Properties: { DelaySeconds: { "Fn::If": ["All", 3, 0] } } } },
  Outputs: {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax
    Sub: { Value: { "Fn::Sub": "${Q.QueueName}|${Env}" } },
    Map: { Value: { "Fn::FindInMap": ["M", { Ref: "Env" }, "V"] } },
    Split: { Value: { "Fn::Select": [1, { "Fn::Split": ["-", { "Fn::Join": ["-", ["a", "b", "c"]] }] }] } },
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax
    B64: { Value: { "Fn::Base64": { "Fn::Sub": "${AWS::Region}" } } },
    GetAtt: { Value: { "Fn::GetAtt": ["Q", "QueueUrl"] } },
    Az: { Value: { "Fn::Select": [0, { "Fn::GetAZs": { Ref: "AWS::Region" } }] } },
  },
});

describe("cloudformation intrinsics", () => {
  let gw: TestGateway;
  let cf: CloudFormationClient;
  let sqs: SQSClient;
  before(async () => {
    gw = await startTestGateway();
    cf = new CloudFormationClient(gw.clientConfig);
    sqs = new SQSClient(gw.clientConfig);
  });
  after(() => gw.stop());

  it("resolves every intrinsic in YAML short form", async () => {
    await cf.send(new CreateStackCommand({ StackName: "intrinsics", TemplateBody: YAML_TEMPLATE, NotificationARNs: ["arn:aws:sns:us-east-1:000000000000:n1"] }));
    const s = await settled(cf, "intrinsics");
    assert.equal(s.StackStatus, "CREATE_COMPLETE", s.StackStatusReason);
    const url = output(s, "Ref")!;
    const name = output(s, "ArnLong")!;
    assert.match(name, /^intrinsics-Queue-[A-Z0-9]{12}$/);
    assert.equal(url.split("/").pop(), name);
    assert.equal(output(s, "Arn"), `arn:aws:sqs:us-east-1:000000000000:${name}`);
    assert.equal(output(s, "Sub"), `intrinsics/${name}/\${Literal}/us-east-1/000000000000/aws/amazonaws.com`);
    assert.equal(output(s, "SubVars"), "prod-20");
    assert.equal(output(s, "Join"), "prod:x:80443");
    assert.equal(output(s, "Select"), "30");
    assert.equal(output(s, "GetAZs"), "us-east-1a,us-east-1b,us-east-1c");
    assert.equal(output(s, "Base64"), "aGVsbG8=");
    assert.equal(output(s, "Cidr"), "10.0.0.0/24,10.0.1.0/24,10.0.2.0/24");
    assert.equal(output(s, "Length"), "3");
    assert.equal(output(s, "Json"), '{"a":1,"b":["x"]}');
    assert.equal(output(s, "Both"), "yes");
    assert.equal(output(s, "StackId"), s.StackId);
    assert.equal(output(s, "Notifs"), "arn:aws:sns:us-east-1:000000000000:n1");
    assert.equal(output(s, "Dev"), undefined, "output with a false Condition is omitted");

    const attrs = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }))).Attributes!;
    assert.equal(attrs.VisibilityTimeout, "7");
    assert.equal(attrs.MessageRetentionPeriod, "1209600");
    assert.equal(attrs.DelaySeconds, "0", "AWS::NoValue removed the property");
  });

  it("resolves the long forms in JSON", async () => {
    await cf.send(new CreateStackCommand({ StackName: "intrinsics-json", TemplateBody: JSON_TEMPLATE }));
    const s = await settled(cf, "intrinsics-json");
    assert.equal(s.StackStatus, "CREATE_COMPLETE", s.StackStatusReason);
    assert.match(output(s, "Sub")!, /^intrinsics-json-Q-[A-Z0-9]{12}\|dev$/);
    assert.equal(output(s, "Map"), "v-dev");
    assert.equal(output(s, "Split"), "b");
    assert.equal(output(s, "B64"), Buffer.from("us-east-1").toString("base64"));
    assert.match(output(s, "GetAtt")!, /^http:\/\/.+\/000000000000\/intrinsics-json-Q-/);
    assert.equal(output(s, "Az"), "us-east-1a");
    const attrs = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: output(s, "GetAtt"), AttributeNames: ["DelaySeconds"] }))).Attributes!;
    assert.equal(attrs.DelaySeconds, "3");
  });

  it("reports what ValidateTemplate sees", async () => {
    const out = await cf.send(new ValidateTemplateCommand({ TemplateBody: YAML_TEMPLATE }));
    assert.equal(out.Description, "every intrinsic");
    assert.deepEqual(out.Parameters!.map((p) => [p.ParameterKey, p.DefaultValue]), [["Env", "prod"], ["Sizes", "10,20,30"], ["Ports", "80,443"], ["Timeout", "7"]]);
    assert.equal(out.Capabilities, undefined);
  });

  const bad: [string, string, RegExp][] = [
    ["a cycle", `Resources:\n  A: { Type: AWS::SQS::Queue, Properties: { QueueName: !GetAtt B.QueueName } }\n  B: { Type: AWS::SQS::Queue, DependsOn: A }\n`, /^Circular dependency between resources: \[A, B\]$/],
    ["a Ref to nothing", `Resources:\n  A: { Type: AWS::SQS::Queue, Properties: { QueueName: !Ref Missing } }\n`, /Unresolved resource dependencies \[Missing\] in the Resources block of the template/],
    ["a Sub of nothing", `Resources:\n  A: { Type: AWS::SQS::Queue, Properties: { QueueName: !Sub "x-\${Nope}" } }\n`, /Unresolved resource dependencies \[Nope\]/],
    ["a GetAtt of nothing", `Resources:\n  A: { Type: AWS::SQS::Queue, Properties: { QueueName: !GetAtt Ghost.Arn } }\n`, /Fn::GetAtt references undefined resource Ghost/],
    ["a DependsOn on nothing", `Resources:\n  A: { Type: AWS::SQS::Queue, DependsOn: [Phantom] }\n`, /Unresolved resource dependencies \[Phantom\]/],
    ["an Output Ref to nothing", `Resources:\n  A: { Type: AWS::SQS::Queue }\nOutputs:\n  O: { Value: !Ref Nowhere }\n`, /Unresolved resource dependencies \[Nowhere\] in the Outputs block/],
    ["no Resources", `Parameters: {}\n`, /At least one Resources member must be defined/],
    ["broken YAML", `Resources:\n  A: [unclosed\n`, /YAML not well-formed/],
    ["an SSM parameter type", `Parameters:\n  P: { Type: "AWS::SSM::Parameter::Value<String>" }\nResources:\n  A: { Type: AWS::SQS::Queue }\n`, /SSM parameter types are not supported by the local emulator/],
  ];
  for (const [what, body, message] of bad) {
    it(`rejects ${what} in ValidateTemplate and CreateStack`, async () => {
      await assert.rejects(cf.send(new ValidateTemplateCommand({ TemplateBody: body })), (e: any) => e.name === "ValidationError" && message.test(e.message) && e.$metadata.httpStatusCode === 400);
      await assert.rejects(cf.send(new CreateStackCommand({ StackName: "bad", TemplateBody: body })), (e: any) => e.name === "ValidationError" && message.test(e.message));
    });
  }

  const PARAMS = `Parameters:
  Name: { Type: String, AllowedPattern: "[a-z]+", MinLength: 2, MaxLength: 5 }
  Count: { Type: Number, MinValue: 1, MaxValue: 10 }
  Size: { Type: String, AllowedValues: [s, m] }
  Code: { Type: String, AllowedPattern: "[0-9]+", ConstraintDescription: must be digits }
Resources:
  A: { Type: AWS::SQS::Queue }
`;
  const paramCases: [Record<string, string>, RegExp][] = [
    [{ Name: "ab", Count: "5", Size: "s" }, /^Parameters: \[Code\] must have values$/],
    [{ Name: "AB", Count: "5", Size: "s", Code: "1" }, /Parameter 'Name' failed to satisfy constraint: Must match pattern \[a-z\]\+/],
    [{ Name: "a", Count: "5", Size: "s", Code: "1" }, /Parameter 'Name' must contain at least 2 characters/],
    [{ Name: "abcdef", Count: "5", Size: "s", Code: "1" }, /Parameter 'Name' must contain at most 5 characters/],
    [{ Name: "ab", Count: "x", Size: "s", Code: "1" }, /Parameter 'Count' must be a number/],
    [{ Name: "ab", Count: "11", Size: "s", Code: "1" }, /Parameter 'Count' must be a number not greater than 10/],
    [{ Name: "ab", Count: "0", Size: "s", Code: "1" }, /Parameter 'Count' must be a number not less than 1/],
    [{ Name: "ab", Count: "5", Size: "xl", Code: "1" }, /Parameter 'Size' must be one of AllowedValues/],
    [{ Name: "ab", Count: "5", Size: "s", Code: "x" }, /^Parameter 'Code' failed to satisfy constraint: must be digits$/],
    [{ Name: "ab", Count: "5", Size: "s", Code: "1", Extra: "1" }, /Parameters: \[Extra\] do not exist in the template/],
  ];
  for (const [values, message] of paramCases) {
    it(`rejects parameters ${JSON.stringify(values)}`, async () => {
      const Parameters = Object.entries(values).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));
      await assert.rejects(cf.send(new CreateStackCommand({ StackName: "params", TemplateBody: PARAMS, Parameters })), (e: any) => e.name === "ValidationError" && message.test(e.message));
    });
  }
});
