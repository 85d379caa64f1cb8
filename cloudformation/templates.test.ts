// The templates agree with the contract (lib/lab/contract.ts) and with ARCHITECTURE.md.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  artifactsBucketName,
  BREAKER_SERVICES,
  CLUSTER,
  DASHBOARD,
  dlqName,
  HEALTH_CHECK_SCHEDULE,
  imageRepositoryFor,
  LAB_TAG,
  LAMBDAS,
  logGroupFor,
  MAX_RECEIVE_COUNT,
  MESH,
  METRICS,
  OUTPUT_KEYS,
  QUEUES,
  SERVICES,
  SUBSCRIPTIONS,
  TABLE_KEY,
  TABLES,
  TOPICS,
} from "../lib/lab/contract.ts";
import { loadTemplates, type Resource, type Template } from "./template.ts";

const t = loadTemplates();
const all = Object.entries(t).flatMap(([file, tpl]) => Object.entries(tpl.Resources).map(([id, r]) => ({ file, id, r })));
const ofType = (tpl: Template, type: string) => Object.entries(tpl.Resources).filter(([, r]) => r.Type === type);
const prop = (r: Resource, k: string) => r.Properties?.[k];
const SERVICE_TEMPLATES = ["services-appmesh.yaml", "services-connect.yaml"] as const;

// From cfn-lint's resource schemas: which of the types we use take Tags.
const TAGGABLE = new Set([
  "AWS::S3::Bucket",
  "AWS::ECR::Repository",
  "AWS::CodeBuild::Project",
  "AWS::EC2::VPC",
  "AWS::EC2::Subnet",
  "AWS::EC2::InternetGateway",
  "AWS::EC2::RouteTable",
  "AWS::EC2::SecurityGroup",
  "AWS::SNS::Topic",
  "AWS::SQS::Queue",
  "AWS::DynamoDB::Table",
  "AWS::Lambda::Function",
  "AWS::Lambda::EventSourceMapping",
  "AWS::IAM::Role",
  "AWS::Logs::LogGroup",
  "AWS::Events::Rule",
  "AWS::CloudWatch::Alarm",
  "AWS::ECS::Cluster",
  "AWS::ECS::TaskDefinition",
  "AWS::ECS::Service",
  "AWS::ElasticLoadBalancingV2::LoadBalancer",
  "AWS::ElasticLoadBalancingV2::TargetGroup",
  "AWS::AppMesh::Mesh",
  "AWS::AppMesh::VirtualNode",
  "AWS::AppMesh::VirtualService",
  "AWS::AppMesh::VirtualRouter",
  "AWS::AppMesh::Route",
  "AWS::ServiceDiscovery::HttpNamespace",
  "AWS::ServiceDiscovery::PrivateDnsNamespace",
  "AWS::ServiceDiscovery::Service",
]);
const UNTAGGABLE = new Set([
  "AWS::S3::BucketPolicy",
  "AWS::EC2::VPCGatewayAttachment",
  "AWS::EC2::Route",
  "AWS::EC2::SubnetRouteTableAssociation",
  "AWS::EC2::SecurityGroupIngress",
  "AWS::SNS::Subscription",
  "AWS::SQS::QueuePolicy",
  "AWS::Lambda::Permission",
  "AWS::IAM::ManagedPolicy",
  "AWS::CloudWatch::Dashboard",
  "AWS::ElasticLoadBalancingV2::Listener",
  "AWS::ElasticLoadBalancingV2::ListenerRule",
]);

describe("templates: tags", () => {
  it("every resource that takes tags carries lab=cross-service-lab", () => {
    for (const { file, id, r } of all) {
      assert.ok(TAGGABLE.has(r.Type) || UNTAGGABLE.has(r.Type), `${file} ${id}: decide whether ${r.Type} takes Tags`);
      if (!TAGGABLE.has(r.Type)) continue;
      assert.ok(
        (prop(r, "Tags") as { Key: string; Value: string }[] | undefined)?.some((x) => x.Key === LAB_TAG.Key && x.Value === LAB_TAG.Value),
        `${file} ${id} (${r.Type}) lacks the lab tag`,
      );
    }
  });
});

describe("templates: bootstrap", () => {
  it("names the artifacts bucket and the five image repositories as the contract does", () => {
    const b = t["bootstrap.yaml"];
    const [, bucket] = ofType(b, "AWS::S3::Bucket")[0];
    const vars: Record<string, string> = { "AWS::AccountId": "123456789012", "AWS::Region": "eu-west-1" };
    const name = (prop(bucket, "BucketName")["Fn::Sub"] as string).replace(/\$\{([^}]+)\}/g, (_, v: string) => vars[v]);
    assert.equal(name, artifactsBucketName("123456789012", "eu-west-1"));
    const repos = ofType(b, "AWS::ECR::Repository").map(([, r]) => prop(r, "RepositoryName")).sort();
    assert.deepEqual(repos, Object.values(SERVICES).map(imageRepositoryFor).sort());
  });
});

describe("templates: messaging", () => {
  const m = t["messaging.yaml"];
  const byLogical = (id: string) => m.Resources[id];
  const nameOf = (ref: unknown, key: "TopicName" | "QueueName") => {
    const id = (ref as { Ref?: string }).Ref ?? (ref as { "Fn::GetAtt": string[] })["Fn::GetAtt"]?.[0];
    return prop(byLogical(id), key) as string;
  };

  it("has the contract's topics and queues, each queue with its DLQ after 3 receives", () => {
    assert.deepEqual(ofType(m, "AWS::SNS::Topic").map(([, r]) => prop(r, "TopicName")).sort(), Object.values(TOPICS).sort());
    const queues = Object.fromEntries(ofType(m, "AWS::SQS::Queue").map(([id, r]) => [prop(r, "QueueName") as string, { id, r }]));
    assert.deepEqual(Object.keys(queues).sort(), Object.values(QUEUES).flatMap((q) => [q, dlqName(q)]).sort());
    for (const q of Object.values(QUEUES)) {
      const redrive = prop(queues[q].r, "RedrivePolicy");
      assert.equal(redrive.maxReceiveCount, MAX_RECEIVE_COUNT);
      assert.equal(redrive.deadLetterTargetArn["Fn::GetAtt"][0], queues[dlqName(q)].id);
      assert.deepEqual(prop(queues[q].r, "VisibilityTimeout"), { Ref: "VisibilityTimeout" });
    }
    assert.equal(m.Parameters?.VisibilityTimeout.Default, 5);
  });

  it("subscribes exactly as the event contract says (filters, raw delivery)", () => {
    const subs = ofType(m, "AWS::SNS::Subscription").map(([, r]) => ({
      topic: nameOf(prop(r, "TopicArn"), "TopicName"),
      queue: nameOf(prop(r, "Endpoint"), "QueueName"),
      rawMessageDelivery: prop(r, "RawMessageDelivery") === true,
      ...(prop(r, "FilterPolicy") ? { filterPolicy: prop(r, "FilterPolicy") } : {}),
      scope: prop(r, "FilterPolicyScope"),
      protocol: prop(r, "Protocol"),
    }));
    const key = (s: { topic: string; queue: string }) => `${s.topic}>${s.queue}`;
    assert.deepEqual(
      subs.map(({ scope, protocol, ...s }) => s).sort((a, b) => key(a).localeCompare(key(b))),
      [...SUBSCRIPTIONS].map((s) => ({ ...s })).sort((a, b) => key(a).localeCompare(key(b))),
    );
    for (const s of subs) {
      assert.equal(s.protocol, "sqs");
      assert.equal(s.scope, s.filterPolicy ? "MessageAttributes" : undefined);
    }
  });

  it("lets each queue receive only from the topics subscribed to it", () => {
    for (const [, policy] of ofType(m, "AWS::SQS::QueuePolicy")) {
      const queue = nameOf(prop(policy, "Queues")[0], "QueueName");
      const expected = SUBSCRIPTIONS.filter((s) => s.queue === queue).map((s) => s.topic).sort();
      const stmts = prop(policy, "PolicyDocument").Statement as Record<string, any>[];
      const sources = stmts.flatMap((s) => [s.Condition.ArnEquals["aws:SourceArn"]].flat()).map((ref) => nameOf(ref, "TopicName"));
      assert.deepEqual(sources.sort(), expected, queue);
      for (const s of stmts) {
        assert.deepEqual([s.Effect, s.Principal, s.Action], ["Allow", { Service: "sns.amazonaws.com" }, "sqs:SendMessage"]);
      }
    }
  });

  it("exports the contract's outputs as <stack>-<key>", () => {
    const keys = OUTPUT_KEYS.filter((k) => k !== "AlbDnsName");
    for (const k of keys) assert.deepEqual(m.Outputs?.[k]?.Export?.Name, { "Fn::Sub": `\${AWS::StackName}-${k}` }, k);
  });
});

describe("templates: resilience", () => {
  const r = t["resilience.yaml"];

  it("has both tables keyed by service_name, on demand", () => {
    const tables = ofType(r, "AWS::DynamoDB::Table").map(([, x]) => x.Properties!);
    assert.deepEqual(tables.map((x) => x.TableName).sort(), Object.values(TABLES).sort());
    for (const x of tables) {
      assert.deepEqual(x.KeySchema, [{ AttributeName: TABLE_KEY, KeyType: "HASH" }]);
      assert.equal(x.BillingMode, "PAY_PER_REQUEST");
    }
  });

  it("has the three functions on nodejs22.x, code from the artifacts bucket", () => {
    const fns = ofType(r, "AWS::Lambda::Function").map(([, x]) => x.Properties!);
    assert.deepEqual(fns.map((x) => x.FunctionName).sort(), Object.values(LAMBDAS).sort());
    for (const f of fns) {
      assert.equal(f.Runtime, "nodejs22.x");
      assert.equal(f.Handler, "index.handler");
      assert.ok(f.Code.S3Bucket["Fn::If"], "bucket: parameter or the bootstrap export");
      assert.ok(f.Code.S3Key.Ref);
    }
  });

  it("schedules the health checker every minute and may invoke it", () => {
    const [, rule] = ofType(r, "AWS::Events::Rule")[0];
    assert.equal(prop(rule, "ScheduleExpression"), HEALTH_CHECK_SCHEDULE);
    const [, perm] = ofType(r, "AWS::Lambda::Permission")[0];
    assert.equal(prop(perm, "Principal"), "events.amazonaws.com");
  });

  it("maps the analytics queue to analytics-consumer, within its visibility timeout, with partial batch failures", () => {
    const [, esm] = ofType(r, "AWS::Lambda::EventSourceMapping")[0];
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own ${} syntax
    assert.deepEqual(prop(esm, "EventSourceArn"), { "Fn::ImportValue": { "Fn::Sub": "${MessagingStackName}-AnalyticsQueueArn" } });
    assert.deepEqual(prop(esm, "FunctionResponseTypes"), ["ReportBatchItemFailures"]);
    const fn = r.Resources.AnalyticsConsumerFunction.Properties!;
    assert.ok(fn.Timeout <= (t["messaging.yaml"].Parameters?.VisibilityTimeout.Default as number));
  });

  it("alarms within 10 s when a guarded service's breaker opens", () => {
    const alarms = ofType(r, "AWS::CloudWatch::Alarm").map(([, x]) => x.Properties!);
    assert.deepEqual(alarms.map((a) => a.Dimensions[0].Value).sort(), [...BREAKER_SERVICES].sort());
    for (const a of alarms) {
      assert.deepEqual(
        [a.Namespace, a.MetricName, a.Period, a.Threshold, a.ComparisonOperator, a.Dimensions[0].Name],
        [METRICS.namespace, METRICS.circuitBreakerState, 10, 2, "GreaterThanOrEqualToThreshold", "ServiceName"],
      );
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own ${} syntax
      assert.deepEqual(a.AlarmActions, [{ "Fn::ImportValue": { "Fn::Sub": "${MessagingStackName}-AlarmTopicArn" } }]);
    }
  });

  it("has the breaker threshold parameters with the lab's defaults", () => {
    const p = r.Parameters!;
    assert.deepEqual(
      [p.FailureThreshold.Default, p.WindowSeconds.Default, p.OpenSeconds.Default, p.SuccessThreshold.Default],
      [5, 10, 15, 3],
    );
  });

  it("has a dashboard named cross-service-lab whose body is valid JSON", () => {
    const [, dash] = ofType(r, "AWS::CloudWatch::Dashboard")[0];
    assert.equal(prop(dash, "DashboardName"), DASHBOARD);
    const body = (prop(dash, "DashboardBody")["Fn::Sub"] as string).replace(/\$\{[^}]+\}/g, "x");
    const parsed = JSON.parse(body);
    const metrics = JSON.stringify(parsed.widgets);
    for (const name of Object.values(METRICS).filter((x) => x !== METRICS.namespace)) assert.ok(metrics.includes(name), name);
  });
});

describe("templates: services (both variants)", () => {
  const SERVICE_NAMES = Object.values(SERVICES);

  for (const file of SERVICE_TEMPLATES) {
    const s = t[file];
    describe(file, () => {
      it("runs the five services in cross-service-cluster with /ecs/<service> logs, 0.25 vCPU / 0.5 GB", () => {
        assert.equal(prop(ofType(s, "AWS::ECS::Cluster")[0][1], "ClusterName"), CLUSTER);
        assert.deepEqual(ofType(s, "AWS::ECS::Service").map(([, x]) => prop(x, "ServiceName")).sort(), [...SERVICE_NAMES].sort());
        assert.deepEqual(ofType(s, "AWS::Logs::LogGroup").map(([, x]) => prop(x, "LogGroupName")).sort(), SERVICE_NAMES.map(logGroupFor).sort());
        const tds = ofType(s, "AWS::ECS::TaskDefinition").map(([, x]) => x.Properties!);
        assert.deepEqual(tds.map((x) => x.Family).sort(), [...SERVICE_NAMES].sort());
        for (const td of tds) {
          assert.deepEqual([td.Cpu, td.Memory, td.NetworkMode, td.RequiresCompatibilities], ["256", "512", "awsvpc", ["FARGATE"]], td.Family);
          const app = td.ContainerDefinitions[0];
          const imageParam = app.Image.Ref as string;
          assert.equal(s.Parameters?.[imageParam]?.Default, `cross-service-lab/${td.Family}:latest`, td.Family);
          assert.equal(app.LogConfiguration.LogDriver, "awslogs");
          const env = Object.fromEntries(app.Environment.map((e: { Name: string; Value: unknown }) => [e.Name, e.Value]));
          assert.equal(env.SERVICE_NAME, td.Family);
          assert.equal(env.SERVICE_VERSION, td.Family === SERVICES.inventoryV2 ? "v2" : "v1");
          assert.ok(env.FAULTS_TABLE["Fn::ImportValue"], "table names come from the resilience stack");
        }
      });

      it("names order-service's peers by discovery name", () => {
        const order = ofType(s, "AWS::ECS::TaskDefinition").find(([, x]) => x.Properties!.Family === SERVICES.order)![1];
        const env = Object.fromEntries(order.Properties!.ContainerDefinitions[0].Environment.map((e: { Name: string; Value: unknown }) => [e.Name, e.Value]));
        const expected =
          file === "services-appmesh.yaml"
            ? [`http://user-service.${MESH.namespace}:8080`, `http://inventory-service.${MESH.namespace}:8080`]
            : ["http://user-service:8080", "http://inventory-service:8080"];
        assert.deepEqual([env.USER_SERVICE_URL, env.INVENTORY_SERVICE_URL], expected);
      });

      it("puts an internet-facing ALB on ListenerPort (8080) with fast /health/live checks", () => {
        assert.equal(s.Parameters?.ListenerPort.Default, 8080);
        const [, alb] = ofType(s, "AWS::ElasticLoadBalancingV2::LoadBalancer")[0];
        assert.equal(prop(alb, "Scheme"), "internet-facing");
        assert.deepEqual(prop(ofType(s, "AWS::ElasticLoadBalancingV2::Listener")[0][1], "Port"), { Ref: "ListenerPort" });
        const tgs = ofType(s, "AWS::ElasticLoadBalancingV2::TargetGroup").map(([, x]) => x.Properties!);
        assert.equal(tgs.length, 4);
        for (const tg of tgs) {
          assert.deepEqual(
            [tg.TargetType, tg.HealthCheckPath, tg.HealthCheckIntervalSeconds, tg.HealthyThresholdCount],
            ["ip", "/health/live", 5, 2],
          );
        }
        const patterns = ofType(s, "AWS::ElasticLoadBalancingV2::ListenerRule").flatMap(([, x]) => prop(x, "Conditions")[0].PathPatternConfig.Values);
        for (const p of ["/users*", "/auth*", "/orders*", "/inventory*", "/notifications*", "/users/health", "/orders/health", "/inventory/health", "/notifications/health"]) {
          assert.ok(patterns.includes(p), p);
        }
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own ${} syntax
        assert.deepEqual(s.Outputs?.AlbDnsName.Export?.Name, { "Fn::Sub": "${AWS::StackName}-AlbDnsName" });
      });
    });
  }

  it("App Mesh: virtual services by discovery name, and the weighted canary route 90/10 with retries", () => {
    const s = t["services-appmesh.yaml"];
    assert.equal(prop(ofType(s, "AWS::AppMesh::Mesh")[0][1], "MeshName"), MESH.name);
    const vs = ofType(s, "AWS::AppMesh::VirtualService").map(([, x]) => prop(x, "VirtualServiceName")).sort();
    assert.deepEqual(vs, ["inventory-service", "notification-service", "order-service", "user-service"].map((n) => `${n}.${MESH.namespace}`));
    const route = prop(ofType(s, "AWS::AppMesh::Route")[0][1], "Spec").HttpRoute;
    assert.deepEqual(route.Action.WeightedTargets.map((w: { Weight: { Ref: string } }) => s.Parameters?.[w.Weight.Ref].Default), [90, 10]);
    assert.ok(route.RetryPolicy.MaxRetries > 0);
    const outlier = ofType(s, "AWS::AppMesh::VirtualNode").filter(([, x]) => prop(x, "Spec").Listeners[0].OutlierDetection);
    assert.ok(outlier.length >= 2, "outlier detection on the called services");
  });

  it("Service Connect: client aliases, and no weighted routing anywhere", () => {
    const s = t["services-connect.yaml"];
    assert.equal(ofType(s, "AWS::ServiceDiscovery::HttpNamespace").length, 1);
    const aliases = ofType(s, "AWS::ECS::Service").flatMap(([, x]) => prop(x, "ServiceConnectConfiguration").Services.flatMap((v: { ClientAliases: { DnsName: string }[] }) => v.ClientAliases.map((a) => a.DnsName)));
    assert.deepEqual(aliases.sort(), [...SERVICE_NAMES].sort());
    assert.ok(!JSON.stringify(s).includes("Weight"), "Service Connect has no weighted routing");
    assert.ok(!Object.values(s.Resources).some((x) => x.Type.startsWith("AWS::AppMesh::")));
  });
});
