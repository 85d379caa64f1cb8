import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CloudFormationClient, CreateStackCommand, DeleteStackCommand, UpdateStackCommand } from "@aws-sdk/client-cloudformation";
import { CloudWatchClient, DescribeAlarmsCommand, GetDashboardCommand } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeTableCommand, DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DescribeRepositoriesCommand, ECRClient } from "@aws-sdk/client-ecr";
import { DescribeRuleCommand, EventBridgeClient, ListRulesCommand, ListTargetsByRuleCommand } from "@aws-sdk/client-eventbridge";
import { HeadBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { GetSubscriptionAttributesCommand, GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, ListTopicsCommand, PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { GetQueueAttributesCommand, ListQueuesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { events, output, settled } from "./cfn-wait.ts";
import { startTestGateway, type TestGateway } from "./harness.ts";

// Every resource type built here (Lambda's are in their own test below), YAML short form.
const TEMPLATE = `
Parameters:
  LabTag: { Type: String, Default: cross-service-lab }
Resources:
  Dlq:
    Type: AWS::SQS::Queue
    Properties: { QueueName: cr-dlq, MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true, Tags: [{ Key: lab, Value: !Ref LabTag }] }
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: cr-queue
      VisibilityTimeout: 5
      RedrivePolicy: { deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 3 }
  Fifo:
    Type: AWS::SQS::Queue
    Properties: { FifoQueue: true, ContentBasedDeduplication: true }
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Version: "2012-10-17"
        Statement: [{ Sid: FromTopic, Effect: Allow, Principal: { Service: sns.amazonaws.com }, Action: sqs:SendMessage, Resource: !GetAtt Queue.Arn, Condition: { ArnEquals: { aws:SourceArn: !Ref Topic } } }]
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: cr-topic
      DisplayName: Orders
      Subscription: [{ Protocol: sqs, Endpoint: !GetAtt Dlq.Arn }]
  Sub:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Topic
      Protocol: sqs
      Endpoint: !GetAtt Queue.Arn
      RawMessageDelivery: true
      FilterPolicyScope: MessageAttributes
      FilterPolicy: { eventType: [order_created] }
      RedrivePolicy: { deadLetterTargetArn: !GetAtt Dlq.Arn }
  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref Topic]
      PolicyDocument: { Version: "2012-10-17", Statement: [{ Sid: CwAlarms, Effect: Allow, Principal: { Service: cloudwatch.amazonaws.com }, Action: sns:Publish, Resource: !Ref Topic }] }
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: cr-table
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: service_name, AttributeType: S }]
      KeySchema: [{ AttributeName: service_name, KeyType: HASH }]
      StreamSpecification: { StreamViewType: NEW_IMAGE }
  Bucket:
    Type: AWS::S3::Bucket
    Properties: { VersioningConfiguration: { Status: Enabled } }
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties: { LogGroupName: /cr/group, RetentionInDays: 7 }
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: cr-alarm
      Namespace: CrossServiceLab
      MetricName: Errors
      Dimensions: [{ Name: Service, Value: order-service }]
      Statistic: Sum
      Period: 10
      EvaluationPeriods: 1
      Threshold: 5
      ComparisonOperator: GreaterThanOrEqualToThreshold
      TreatMissingData: notBreaching
      AlarmActions: [!Ref Topic]
  Dashboard:
    Type: AWS::CloudWatch::Dashboard
    Properties:
      DashboardName: cr-dash
      DashboardBody: !Sub '{"widgets":[{"type":"text","x":0,"y":0,"width":6,"height":3,"properties":{"markdown":"\${AWS::StackName}"}}]}'
  Rule:
    Type: AWS::Events::Rule
    Properties:
      Name: cr-rule
      ScheduleExpression: rate(1 hour)
      State: DISABLED
      Targets: [{ Id: queue, Arn: !GetAtt Queue.Arn }]
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties: { PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "sqs:*", Resource: "*" }] } }
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
      ManagedPolicyArns: [!Ref Managed]
      Policies: [{ PolicyName: inline, PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "logs:*", Resource: "*" }] } }]
  Policy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [!Ref Role]
      PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "dynamodb:*", Resource: !GetAtt Table.Arn }] }
  Repo:
    Type: AWS::ECR::Repository
    Properties: { RepositoryName: cr/user-service, ImageScanningConfiguration: { ScanOnPush: true } }
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16, EnableDnsHostnames: true }
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: !Select [0, !Cidr [!GetAtt Vpc.CidrBlock, 2, 8]], AvailabilityZone: !Select [0, !GetAZs ""] }
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw }
  RouteTable:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  Route:
    Type: AWS::EC2::Route
    DependsOn: Attach
    Properties: { RouteTableId: !Ref RouteTable, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref Subnet, RouteTableId: !Ref RouteTable }
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: services
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 0.0.0.0/0 }]
  SgIngress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: { GroupId: !Ref Sg, IpProtocol: tcp, FromPort: 3000, ToPort: 3999, SourceSecurityGroupId: !Ref Sg }
  SgEgress:
    Type: AWS::EC2::SecurityGroupEgress
    Properties: { GroupId: !Ref Sg, IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8 }
Outputs:
  QueueUrl: { Value: !Ref Queue }
  QueueArn: { Value: !GetAtt Queue.Arn }
  FifoName: { Value: !GetAtt Fifo.QueueName }
  FifoUrl: { Value: !GetAtt Fifo.QueueUrl }
  TopicArn: { Value: !Ref Topic }
  TopicName: { Value: !GetAtt Topic.TopicName }
  SubArn: { Value: !Ref Sub }
  TableArn: { Value: !GetAtt Table.Arn }
  StreamArn: { Value: !GetAtt Table.StreamArn }
  Bucket: { Value: !Ref Bucket }
  BucketArn: { Value: !GetAtt Bucket.Arn }
  BucketDomain: { Value: !GetAtt Bucket.DomainName }
  BucketRegional: { Value: !GetAtt Bucket.RegionalDomainName }
  LogGroupArn: { Value: !GetAtt LogGroup.Arn }
  AlarmArn: { Value: !GetAtt Alarm.Arn }
  RuleArn: { Value: !GetAtt Rule.Arn }
  RoleName: { Value: !Ref Role }
  RoleArn: { Value: !GetAtt Role.Arn }
  RoleId: { Value: !GetAtt Role.RoleId }
  ManagedArn: { Value: !Ref Managed }
  RepoUri: { Value: !GetAtt Repo.RepositoryUri }
  RepoArn: { Value: !GetAtt Repo.Arn }
  VpcId: { Value: !Ref Vpc }
  DefaultSg: { Value: !GetAtt Vpc.DefaultSecurityGroup }
  SubnetId: { Value: !Ref Subnet }
  SubnetAz: { Value: !GetAtt Subnet.AvailabilityZone }
  SgId: { Value: !GetAtt Sg.GroupId }
  AssocId: { Value: !Ref Assoc }
`;

describe("cloudformation resource types", () => {
  let gw: TestGateway;
  let cf: CloudFormationClient;
  before(async () => {
    gw = await startTestGateway();
    cf = new CloudFormationClient(gw.clientConfig);
  });
  after(() => gw.stop());

  it("creates every type through the services' operations, wires them, and deletes them all", async () => {
    const sqs = new SQSClient(gw.clientConfig);
    const sns = new SNSClient(gw.clientConfig);
    const ddb = new DynamoDBClient(gw.clientConfig);
    const s3 = new S3Client(gw.clientConfig);
    const logs = new CloudWatchLogsClient(gw.clientConfig);
    const cw = new CloudWatchClient(gw.clientConfig);
    const eb = new EventBridgeClient(gw.clientConfig);
    const ecr = new ECRClient(gw.clientConfig);

    await cf.send(new CreateStackCommand({ StackName: "cr", TemplateBody: TEMPLATE, Capabilities: ["CAPABILITY_IAM"], Tags: [{ Key: "lab", Value: "cross-service-lab" }] }));
    const s = await settled(cf, "cr");
    if (s.StackStatus !== "CREATE_COMPLETE") {
      const failed = (await events(cf, "cr")).filter((e) => e.ResourceStatus?.endsWith("FAILED") || e.ResourceStatus === "ROLLBACK_IN_PROGRESS");
      assert.fail(`${s.StackStatus}: ${failed.map((e) => `${e.LogicalResourceId}: ${e.ResourceStatusReason}`).join("\n")}`);
    }
    const out = (k: string) => output(s, k)!;

    // SQS
    const q = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: out("QueueUrl"), AttributeNames: ["All"] }))).Attributes!;
    assert.equal(q.VisibilityTimeout, "5");
    assert.equal(JSON.parse(q.RedrivePolicy!).deadLetterTargetArn, "arn:aws:sqs:us-east-1:000000000000:cr-dlq");
    assert.equal(JSON.parse(q.Policy!).Statement[0].Sid, "FromTopic");
    assert.match(out("FifoName"), /^cr-Fifo-[A-Z0-9]{12}\.fifo$/);
    const fifo = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: out("FifoUrl"), AttributeNames: ["All"] }))).Attributes!;
    assert.equal(fifo.FifoQueue, "true");
    assert.equal(fifo.ContentBasedDeduplication, "true");
    const dlq = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: out("QueueUrl").replace("cr-queue", "cr-dlq"), AttributeNames: ["All"] }))).Attributes!;
    assert.equal(dlq.MessageRetentionPeriod, "1209600");

    // SNS: inline subscription + Subscription resource with filter and raw delivery, policy.
    assert.equal(out("TopicArn"), "arn:aws:sns:us-east-1:000000000000:cr-topic");
    assert.equal(out("TopicName"), "cr-topic");
    const topicAttrs = (await sns.send(new GetTopicAttributesCommand({ TopicArn: out("TopicArn") }))).Attributes!;
    assert.equal(topicAttrs.DisplayName, "Orders");
    assert.equal(JSON.parse(topicAttrs.Policy!).Statement[0].Sid, "CwAlarms");
    const subs = (await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: out("TopicArn") }))).Subscriptions!;
    assert.deepEqual(subs.map((x) => x.Endpoint).sort(), ["arn:aws:sqs:us-east-1:000000000000:cr-dlq", "arn:aws:sqs:us-east-1:000000000000:cr-queue"]);
    const subAttrs = (await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: out("SubArn") }))).Attributes!;
    assert.deepEqual(JSON.parse(subAttrs.FilterPolicy!), { eventType: ["order_created"] });
    assert.equal(subAttrs.RawMessageDelivery, "true");
    assert.equal(subAttrs.FilterPolicyScope, "MessageAttributes");
    // The wiring works: a matching event reaches the queue raw.
    await sns.send(new PublishCommand({ TopicArn: out("TopicArn"), Message: '{"orderId":"1"}', MessageAttributes: { eventType: { DataType: "String", StringValue: "order_created" } } }));
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: out("QueueUrl"), WaitTimeSeconds: 2, MessageAttributeNames: ["All"] }));
    assert.equal(got.Messages?.[0]?.Body, '{"orderId":"1"}');

    // DynamoDB
    const table = (await ddb.send(new DescribeTableCommand({ TableName: "cr-table" }))).Table!;
    assert.equal(table.TableStatus, "ACTIVE");
    assert.equal(out("TableArn"), table.TableArn);
    // dynalite has no streams; the ARN is AWS-shaped (and equals LatestStreamArn where streams exist).
    assert.ok(out("StreamArn") === table.LatestStreamArn || out("StreamArn").startsWith(`${table.TableArn}/stream/`), out("StreamArn"));

    // S3
    assert.match(out("Bucket"), /^cr-bucket-[a-z0-9]{12}$/);
    assert.equal(out("BucketArn"), `arn:aws:s3:::${out("Bucket")}`);
    assert.equal(out("BucketDomain"), `${out("Bucket")}.s3.amazonaws.com`);
    assert.equal(out("BucketRegional"), `${out("Bucket")}.s3.us-east-1.amazonaws.com`);
    await s3.send(new HeadBucketCommand({ Bucket: out("Bucket") }));

    // Logs, CloudWatch, EventBridge
    const lg = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/cr/" }))).logGroups!;
    assert.equal(lg[0].retentionInDays, 7);
    assert.equal(out("LogGroupArn"), "arn:aws:logs:us-east-1:000000000000:log-group:/cr/group:*");
    const alarm = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ["cr-alarm"] }))).MetricAlarms![0];
    assert.equal(alarm.Threshold, 5);
    assert.equal(alarm.Period, 10);
    assert.deepEqual(alarm.AlarmActions, [out("TopicArn")]);
    assert.equal(out("AlarmArn"), alarm.AlarmArn);
    assert.match((await cw.send(new GetDashboardCommand({ DashboardName: "cr-dash" }))).DashboardBody!, /"markdown":"cr"/);
    const rule = await eb.send(new DescribeRuleCommand({ Name: "cr-rule" }));
    assert.equal(rule.ScheduleExpression, "rate(1 hour)");
    assert.equal(rule.State, "DISABLED");
    assert.equal(out("RuleArn"), rule.Arn);
    assert.deepEqual((await eb.send(new ListTargetsByRuleCommand({ Rule: "cr-rule" }))).Targets!.map((t) => t.Arn), [out("QueueArn")]);

    // IAM (records, through the iam service's operations)
    assert.match(out("RoleName"), /^cr-Role-[A-Z0-9]{12}$/);
    assert.match(out("RoleId"), /^AROA[A-Z2-7]{17}$/);
    assert.equal(out("RoleArn"), `arn:aws:iam::000000000000:role/${out("RoleName")}`);
    assert.deepEqual((await gw.api.call("iam", "ListRolePolicies", { RoleName: out("RoleName") })).PolicyNames.sort(), ["extra", "inline"]);
    assert.deepEqual((await gw.api.call("iam", "ListAttachedRolePolicies", { RoleName: out("RoleName") })).AttachedPolicies.map((p: any) => p.PolicyArn), [out("ManagedArn")]);

    // ECR
    const repo = (await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ["cr/user-service"] }))).repositories![0];
    assert.equal(out("RepoUri"), "000000000000.dkr.ecr.us-east-1.amazonaws.com/cr/user-service");
    assert.equal(repo.repositoryArn, out("RepoArn"));
    assert.equal(repo.imageScanningConfiguration?.scanOnPush, true);

    // EC2 (records)
    assert.match(out("VpcId"), /^vpc-0[0-9a-f]{16}$/);
    assert.match(out("SubnetId"), /^subnet-0[0-9a-f]{16}$/);
    assert.equal(out("SubnetAz"), "us-east-1a");
    const subnet = (await gw.api.call("ec2", "DescribeSubnets", { SubnetIds: [out("SubnetId")] })).Subnets[0];
    assert.equal(subnet.CidrBlock, "10.0.0.0/24");
    const sg = (await gw.api.call("ec2", "DescribeSecurityGroups", { GroupIds: [out("SgId")] })).SecurityGroups[0];
    assert.deepEqual(sg.IpPermissions.map((p: any) => p.FromPort).sort(), [3000, 8080]);
    assert.ok(sg.IpPermissionsEgress.some((p: any) => p.FromPort === 443));
    assert.match(out("DefaultSg"), /^sg-0/);
    const rtb = (await gw.api.call("ec2", "DescribeRouteTables", { Filters: [{ Name: "vpc-id", Values: [out("VpcId")] }] })).RouteTables[0];
    assert.deepEqual(rtb.Routes.map((r: any) => r.DestinationCidrBlock), ["10.0.0.0/16", "0.0.0.0/0"]);
    assert.equal(rtb.Associations[0].RouteTableAssociationId, out("AssocId"));

    // Update: change the alarm threshold and the subscription filter in place.
    const v2 = TEMPLATE.replace("Threshold: 5", "Threshold: 7").replace("FilterPolicy: { eventType: [order_created] }", "FilterPolicy: { eventType: [order_created, order_cancelled] }");
    await cf.send(new UpdateStackCommand({ StackName: "cr", TemplateBody: v2, Capabilities: ["CAPABILITY_IAM"] }));
    const u = await settled(cf, "cr");
    assert.equal(u.StackStatus, "UPDATE_COMPLETE", u.StackStatusReason);
    assert.equal((await cw.send(new DescribeAlarmsCommand({ AlarmNames: ["cr-alarm"] }))).MetricAlarms![0].Threshold, 7);
    const filter = JSON.parse((await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: out("SubArn") }))).Attributes!.FilterPolicy!);
    assert.deepEqual(filter, { eventType: ["order_created", "order_cancelled"] });

    // Delete: dependencies go first (the VPC only after its subnet, gateway attachment, groups).
    await cf.send(new DeleteStackCommand({ StackName: "cr" }));
    const d = await settled(cf, s.StackId!);
    if (d.StackStatus !== "DELETE_COMPLETE") {
      const failed = (await events(cf, s.StackId!)).filter((e) => e.ResourceStatus === "DELETE_FAILED");
      assert.fail(`${d.StackStatus}: ${failed.map((e) => `${e.LogicalResourceId}: ${e.ResourceStatusReason}`).join("\n")}`);
    }
    assert.deepEqual((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: "cr-" }))).QueueUrls ?? [], []);
    assert.ok(!(await sns.send(new ListTopicsCommand({}))).Topics?.some((t) => t.TopicArn === out("TopicArn")));
    assert.ok(!(await ddb.send(new ListTablesCommand({}))).TableNames?.includes("cr-table"));
    await assert.rejects(s3.send(new HeadBucketCommand({ Bucket: out("Bucket") })));
    assert.deepEqual((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/cr/" }))).logGroups, []);
    assert.deepEqual((await cw.send(new DescribeAlarmsCommand({ AlarmNames: ["cr-alarm"] }))).MetricAlarms, []);
    assert.deepEqual((await eb.send(new ListRulesCommand({ NamePrefix: "cr-" }))).Rules, []);
    assert.deepEqual((await gw.api.call("iam", "ListRoles", {})).Roles, []);
    assert.deepEqual((await ecr.send(new DescribeRepositoriesCommand({}))).repositories, []);
    assert.deepEqual((await gw.api.call("ec2", "DescribeVpcs", {})).Vpcs, []);
    assert.deepEqual((await gw.api.call("ec2", "DescribeSecurityGroups", {})).SecurityGroups, []);
  });

  it("Lambda: inline code, permission and SQS event source mapping", async (t) => {
    if (!gw.services.some((s) => s.name === "lambda")) return t.skip("the lambda service is not registered yet");
    const { LambdaClient, GetFunctionCommand, InvokeCommand, ListEventSourceMappingsCommand, GetPolicyCommand, ListTagsCommand } = await import("@aws-sdk/client-lambda");
    const lambda = new LambdaClient(gw.clientConfig);
    const body = `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
  Queue: { Type: AWS::SQS::Queue, Properties: { QueueName: fn-queue } }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: cr-fn
      Runtime: nodejs20.x
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Timeout: 5
      Environment: { Variables: { GREETING: hi } }
      Code:
        ZipFile: |
          exports.handler = async (event) => ({ greeting: process.env.GREETING, got: event.x });
  Esm:
    Type: AWS::Lambda::EventSourceMapping
    Properties: { EventSourceArn: !GetAtt Queue.Arn, FunctionName: !Ref Fn, BatchSize: 5, Tags: [{ Key: lab, Value: cross-service-lab }] }
  Perm:
    Type: AWS::Lambda::Permission
    Properties: { FunctionName: !Ref Fn, Action: lambda:InvokeFunction, Principal: events.amazonaws.com }
Outputs:
  Arn: { Value: !GetAtt Fn.Arn }
`;
    await cf.send(new CreateStackCommand({ StackName: "fn", TemplateBody: body, Capabilities: ["CAPABILITY_IAM"] }));
    const s = await settled(cf, "fn");
    if (s.StackStatus !== "CREATE_COMPLETE") {
      const failed = (await events(cf, "fn")).filter((e) => e.ResourceStatus?.endsWith("FAILED"));
      assert.fail(`${s.StackStatus}: ${failed.map((e) => `${e.LogicalResourceId}: ${e.ResourceStatusReason}`).join("\n")}`);
    }
    assert.equal(output(s, "Arn"), (await lambda.send(new GetFunctionCommand({ FunctionName: "cr-fn" }))).Configuration!.FunctionArn);
    const inv = await lambda.send(new InvokeCommand({ FunctionName: "cr-fn", Payload: Buffer.from('{"x":1}') }));
    assert.deepEqual(JSON.parse(Buffer.from(inv.Payload!).toString()), { greeting: "hi", got: 1 });
    const mappings = (await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: "cr-fn" }))).EventSourceMappings!;
    assert.equal(mappings.length, 1);
    assert.equal((await lambda.send(new ListTagsCommand({ Resource: mappings[0].EventSourceMappingArn }))).Tags?.lab, "cross-service-lab");
    assert.match((await lambda.send(new GetPolicyCommand({ FunctionName: "cr-fn" }))).Policy!, /events\.amazonaws\.com/);
    await cf.send(new DeleteStackCommand({ StackName: "fn" }));
    assert.equal((await settled(cf, s.StackId!)).StackStatus, "DELETE_COMPLETE");
    await assert.rejects(lambda.send(new GetFunctionCommand({ FunctionName: "cr-fn" })), { name: "ResourceNotFoundException" });
  });

  it("S3 bucket policy: recorded for an existing bucket with statements; a missing bucket fails and rolls back", async () => {
    const body = (bucket: string) => `
Resources:
  Bucket: { Type: AWS::S3::Bucket, Properties: { BucketName: cr-artifacts } }
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: ${bucket}
      PolicyDocument:
        Version: "2012-10-17"
        Statement: [{ Sid: DenyInsecureTransport, Effect: Deny, Principal: "*", Action: "s3:*", Resource: [!GetAtt Bucket.Arn, !Sub "\${Bucket.Arn}/*"], Condition: { Bool: { aws:SecureTransport: "false" } } }]
Outputs:
  PolicyRef: { Value: !Ref Policy }
`;
    await cf.send(new CreateStackCommand({ StackName: "bp", TemplateBody: body("!Ref Bucket") }));
    const s = await settled(cf, "bp");
    assert.equal(s.StackStatus, "CREATE_COMPLETE", JSON.stringify((await events(cf, "bp")).filter((e) => e.ResourceStatus?.endsWith("FAILED")).map((e) => e.ResourceStatusReason)));
    assert.equal(output(s, "PolicyRef"), "cr-artifacts");
    await cf.send(new DeleteStackCommand({ StackName: "bp" }));
    assert.equal((await settled(cf, s.StackId!)).StackStatus, "DELETE_COMPLETE");
    await assert.rejects(new S3Client(gw.clientConfig).send(new HeadBucketCommand({ Bucket: "cr-artifacts" })));

    await cf.send(new CreateStackCommand({ StackName: "bp-missing", TemplateBody: body("no-such-bucket-here") }));
    const failed = await settled(cf, "bp-missing");
    assert.equal(failed.StackStatus, "ROLLBACK_COMPLETE");
    const reasons = (await events(cf, "bp-missing")).filter((e) => e.LogicalResourceId === "Policy" && e.ResourceStatus === "CREATE_FAILED").map((e) => e.ResourceStatusReason);
    assert.match(reasons.join(" "), /NoSuchBucket|does not exist/);
  });
});
