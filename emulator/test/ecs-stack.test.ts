// ECS + ALB + App Mesh (and the Service Connect variant) deployed through CloudFormation:
// the stack's tasks answer through the listener, heal after a kill, split a weighted route,
// and everything stops when the stack is deleted or rolled back.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, describe, it } from "node:test";
import { CloudFormationClient, CreateStackCommand, DeleteStackCommand, DescribeStacksCommand, UpdateStackCommand } from "@aws-sdk/client-cloudformation";
import { DescribeServicesCommand, ECSClient } from "@aws-sdk/client-ecs";
import { events, output, settled } from "./cfn-wait.ts";
import { alive, freePort, labJson, portOpen, waitFor } from "./fixtures/containers.ts";
import { startTestGateway, type TestGateway } from "./harness.ts";

const http8080 = { PortMapping: { Port: 8080, Protocol: "http" } };

function taskDefinition(family: string, env: Record<string, string>) {
  return {
    Type: "AWS::ECS::TaskDefinition",
    Properties: {
      Family: family,
      NetworkMode: "awsvpc",
      RequiresCompatibilities: ["FARGATE"],
      Cpu: "256",
      Memory: "512",
      ContainerDefinitions: [
        {
          Name: "app",
          Image: "000000000000.dkr.ecr.us-east-1.amazonaws.com/lab-fixture/echo:latest",
          Essential: true,
          PortMappings: [{ ContainerPort: "8080", Name: "http" }],
          Environment: Object.entries(env).map(([Name, Value]) => ({ Name, Value })),
          LogConfiguration: { LogDriver: "awslogs", Options: { "awslogs-group": `/ecs/${family}`, "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs" } },
        },
      ],
    },
  };
}

/** Load balancer, target group and listener on the ListenerPort parameter. */
const frontDoor = {
  Alb: { Type: "AWS::ElasticLoadBalancingV2::LoadBalancer", Properties: { Subnets: ["subnet-a", "subnet-b"], LoadBalancerAttributes: [{ Key: "idle_timeout.timeout_seconds", Value: "30" }] } },
  Tg: {
    Type: "AWS::ElasticLoadBalancingV2::TargetGroup",
    Properties: {
      Port: 8080,
      Protocol: "HTTP",
      TargetType: "ip",
      VpcId: "vpc-local",
      HealthCheckPath: "/health/live",
      HealthCheckIntervalSeconds: "5",
      HealthCheckTimeoutSeconds: "2",
      HealthyThresholdCount: "2",
      UnhealthyThresholdCount: "2",
      TargetGroupAttributes: [{ Key: "deregistration_delay.timeout_seconds", Value: "5" }],
    },
  },
  Listener: {
    Type: "AWS::ElasticLoadBalancingV2::Listener",
    Properties: { LoadBalancerArn: { Ref: "Alb" }, Port: { Ref: "ListenerPort" }, Protocol: "HTTP", DefaultActions: [{ Type: "fixed-response", FixedResponseConfig: { StatusCode: "404", ContentType: "text/plain", MessageBody: "no route" } }] },
  },
  OrderRule: {
    Type: "AWS::ElasticLoadBalancingV2::ListenerRule",
    Properties: { ListenerArn: { Ref: "Listener" }, Priority: 10, Conditions: [{ Field: "path-pattern", Values: ["/*"] }], Actions: [{ Type: "forward", TargetGroupArn: { Ref: "Tg" } }] },
  },
};

function ecsService(name: string, td: string, count: number, extra: Record<string, unknown> = {}, dependsOn: string[] = []) {
  return {
    Type: "AWS::ECS::Service",
    DependsOn: dependsOn,
    Properties: {
      Cluster: { Ref: "Cluster" },
      ServiceName: name,
      TaskDefinition: { Ref: td },
      DesiredCount: String(count),
      LaunchType: "FARGATE",
      NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ["subnet-a"], AssignPublicIp: "DISABLED" } },
      ...extra,
    },
  };
}

const appMeshTemplate = {
  AWSTemplateFormatVersion: "2010-09-09",
  Parameters: { ListenerPort: { Type: "Number" }, V1Weight: { Type: "Number", Default: 90 }, V2Weight: { Type: "Number", Default: 10 } },
  Resources: {
    Cluster: { Type: "AWS::ECS::Cluster", Properties: { ClusterName: "stack-mesh-cluster" } },
    Mesh: { Type: "AWS::AppMesh::Mesh", Properties: { MeshName: "stack-mesh" } },
    InventoryV1Node: { Type: "AWS::AppMesh::VirtualNode", Properties: { MeshName: { "Fn::GetAtt": ["Mesh", "MeshName"] }, VirtualNodeName: "inventory-v1", Spec: { Listeners: [http8080], ServiceDiscovery: { DNS: { Hostname: "inventory-v1.stack.local" } } } } },
    InventoryV2Node: { Type: "AWS::AppMesh::VirtualNode", Properties: { MeshName: { "Fn::GetAtt": ["Mesh", "MeshName"] }, VirtualNodeName: "inventory-v2", Spec: { Listeners: [http8080], ServiceDiscovery: { DNS: { Hostname: "inventory-v2.stack.local" } } } } },
    Router: { Type: "AWS::AppMesh::VirtualRouter", Properties: { MeshName: { "Fn::GetAtt": ["Mesh", "MeshName"] }, VirtualRouterName: "inventory-router", Spec: { Listeners: [http8080] } } },
    Route: {
      Type: "AWS::AppMesh::Route",
      Properties: {
        MeshName: { "Fn::GetAtt": ["Mesh", "MeshName"] },
        VirtualRouterName: { "Fn::GetAtt": ["Router", "VirtualRouterName"] },
        RouteName: "inventory-canary",
        Spec: {
          HttpRoute: {
            Match: { Prefix: "/" },
            Action: { WeightedTargets: [{ VirtualNode: { "Fn::GetAtt": ["InventoryV1Node", "VirtualNodeName"] }, Weight: { Ref: "V1Weight" } }, { VirtualNode: { "Fn::GetAtt": ["InventoryV2Node", "VirtualNodeName"] }, Weight: { Ref: "V2Weight" } }] },
            RetryPolicy: { MaxRetries: 2, PerRetryTimeout: { Unit: "s", Value: 2 }, HttpRetryEvents: ["server-error"], TcpRetryEvents: ["connection-error"] },
          },
        },
      },
    },
    InventoryService: {
      Type: "AWS::AppMesh::VirtualService",
      DependsOn: ["Route"],
      Properties: { MeshName: { "Fn::GetAtt": ["Mesh", "MeshName"] }, VirtualServiceName: "inventory.stack.local", Spec: { Provider: { VirtualRouter: { VirtualRouterName: { "Fn::GetAtt": ["Router", "VirtualRouterName"] } } } } },
    },
    OrderNode: {
      Type: "AWS::AppMesh::VirtualNode",
      Properties: { MeshName: { "Fn::GetAtt": ["Mesh", "MeshName"] }, VirtualNodeName: "order", Spec: { Listeners: [http8080], ServiceDiscovery: { DNS: { Hostname: "order.stack.local" } }, Backends: [{ VirtualService: { VirtualServiceName: { "Fn::GetAtt": ["InventoryService", "VirtualServiceName"] } } }] } },
    },
    ...frontDoor,
    InventoryV1Td: taskDefinition("stack-inventory-v1", { VERSION: "v1" }),
    InventoryV2Td: taskDefinition("stack-inventory-v2", { VERSION: "v2" }),
    OrderTd: taskDefinition("stack-order", { VERSION: "v1", INVENTORY_SERVICE_URL: "http://inventory.stack.local:8080" }),
    InventoryV1: ecsService("inventory-v1", "InventoryV1Td", 2),
    InventoryV2: ecsService("inventory-v2", "InventoryV2Td", 1),
    Order: ecsService("order", "OrderTd", 2, { LoadBalancers: [{ TargetGroupArn: { Ref: "Tg" }, ContainerName: "app", ContainerPort: 8080 }] }, ["OrderRule", "InventoryService", "OrderNode"]),
  },
  Outputs: { AlbDnsName: { Value: { "Fn::GetAtt": ["Alb", "DNSName"] } } },
};

const connectTemplate = {
  AWSTemplateFormatVersion: "2010-09-09",
  Parameters: { ListenerPort: { Type: "Number" } },
  Resources: {
    Namespace: { Type: "AWS::ServiceDiscovery::HttpNamespace", Properties: { Name: "sc-stack.local" } },
    Cluster: { Type: "AWS::ECS::Cluster", Properties: { ClusterName: "stack-sc-cluster", ServiceConnectDefaults: { Namespace: { "Fn::GetAtt": ["Namespace", "Arn"] } } } },
    ...frontDoor,
    InventoryTd: taskDefinition("sc-inventory", { VERSION: "v1" }),
    OrderTd: taskDefinition("sc-order", { INVENTORY_SERVICE_URL: "http://inventory.sc-stack.local:8080" }),
    Inventory: ecsService("sc-inventory", "InventoryTd", 2, {
      ServiceConnectConfiguration: { Enabled: true, Services: [{ PortName: "http", DiscoveryName: "inventory", ClientAliases: [{ Port: 8080, DnsName: "inventory.sc-stack.local" }] }] },
    }),
    Order: ecsService("sc-order", "OrderTd", 1, { ServiceConnectConfiguration: { Enabled: true }, LoadBalancers: [{ TargetGroupArn: { Ref: "Tg" }, ContainerName: "app", ContainerPort: 8080 }] }, ["OrderRule", "Inventory"]),
  },
};

async function deploy(cf: CloudFormationClient, name: string, template: object, port: number) {
  const t0 = Date.now();
  await cf.send(new CreateStackCommand({ StackName: name, TemplateBody: JSON.stringify(template), Parameters: [{ ParameterKey: "ListenerPort", ParameterValue: String(port) }] }));
  const s = await settled(cf, name, 180_000);
  const ms = Date.now() - t0;
  if (s.StackStatus !== "CREATE_COMPLETE") {
    const failed = (await events(cf, name)).filter((e) => e.ResourceStatus?.endsWith("FAILED")).map((e) => `${e.LogicalResourceId}: ${e.ResourceStatusReason}`);
    assert.fail(`${name} ${s.StackStatus}: ${failed.join(" | ")}`);
  }
  return { stack: s, ms };
}

describe("ecs stack: App Mesh variant", () => {
  let gw: TestGateway;
  let cf: CloudFormationClient;
  let url: string;
  before(async () => {
    gw = await startTestGateway();
    cf = new CloudFormationClient(gw.clientConfig);
  });
  after(() => gw.stop());

  it("deploys ECS + ALB + App Mesh and answers through the listener once CREATE_COMPLETE", async () => {
    const port = await freePort();
    const { stack, ms } = await deploy(cf, "mesh-stack", appMeshTemplate, port);
    console.log(`# ecs-stack: App Mesh stack (3 services, 5 tasks) healthy in ${ms} ms`);
    assert.equal(output(stack, "AlbDnsName"), "localhost");
    url = `http://127.0.0.1:${port}`;
    const body = await (await fetch(`${url}/hello`)).json();
    assert.equal(body.name, "order");
    assert.match(body.env.INVENTORY_SERVICE_URL, /^http:\/\/127\.0\.0\.1:\d+$/);
    const tasks = (await labJson(gw, "/ecs/tasks")).filter((t: any) => t.cluster === "stack-mesh-cluster");
    assert.equal(tasks.length, 5);
    assert.ok(tasks.every((t: any) => t.lastStatus === "RUNNING" && alive(t.pid)));
  });

  it("splits the weighted route about 90/10 over 200 requests", async () => {
    let v1 = 0;
    for (let i = 0; i < 200; i++) {
      const b = await (await fetch(`${url}/call/INVENTORY_SERVICE_URL/stock`)).json();
      assert.equal(b.status, 200);
      if (b.body.version === "v1") v1++;
    }
    console.log(`# ecs-stack: weighted route v1 ${v1} / v2 ${200 - v1}`);
    assert.ok(v1 >= 160 && v1 <= 195, `v1 got ${v1}`);
  });

  it("heals a killed order task back to the desired count", async () => {
    const ecs = new ECSClient(gw.clientConfig);
    const [victim] = (await labJson(gw, "/ecs/tasks")).filter((t: any) => t.service === "order");
    process.kill(victim.pid, "SIGKILL");
    await waitFor("two order tasks again", async () => {
      const s = (await ecs.send(new DescribeServicesCommand({ cluster: "stack-mesh-cluster", services: ["order"] }))).services![0];
      const tasks = (await labJson(gw, "/ecs/tasks")).filter((t: any) => t.service === "order" && t.lastStatus === "RUNNING");
      return s.runningCount === 2 && tasks.every((t: any) => t.taskId !== victim.taskId);
    });
    assert.equal((await fetch(`${url}/`)).status, 200);
  });

  it("reweights the canary with UpdateStack", async () => {
    await cf.send(
      new UpdateStackCommand({
        StackName: "mesh-stack",
        UsePreviousTemplate: true,
        Parameters: [{ ParameterKey: "ListenerPort", UsePreviousValue: true }, { ParameterKey: "V1Weight", ParameterValue: "0" }, { ParameterKey: "V2Weight", ParameterValue: "100" }],
      }),
    );
    assert.equal((await settled(cf, "mesh-stack", 60_000)).StackStatus, "UPDATE_COMPLETE");
    for (let i = 0; i < 10; i++) assert.equal((await (await fetch(`${url}/call/INVENTORY_SERVICE_URL/`)).json()).body.version, "v2");
  });

  it("stops every task and closes the listener when the stack is deleted", async () => {
    const pids = (await labJson(gw, "/ecs/tasks")).map((t: any) => t.pid);
    await cf.send(new DeleteStackCommand({ StackName: "mesh-stack" }));
    await waitFor("deleted", async () => {
      const s = await cf.send(new DescribeStacksCommand({ StackName: "mesh-stack" })).catch(() => undefined);
      return !s || s.Stacks?.[0]?.StackStatus === "DELETE_COMPLETE";
    }, 90_000);
    assert.ok(pids.every((p: number) => !alive(p)));
    assert.equal(await portOpen(Number(new URL(url).port)), false);
    assert.deepEqual(await labJson(gw, "/mesh/listeners"), []);
  });
});

describe("ecs stack: Service Connect variant", () => {
  let gw: TestGateway;
  let cf: CloudFormationClient;
  before(async () => {
    gw = await startTestGateway();
    cf = new CloudFormationClient(gw.clientConfig);
  });
  after(() => gw.stop());

  it("deploys, routes through the client alias, and deletes cleanly", async () => {
    const port = await freePort();
    const { ms } = await deploy(cf, "sc-stack", connectTemplate, port);
    console.log(`# ecs-stack: Service Connect stack (2 services, 3 tasks) healthy in ${ms} ms`);
    const ports = new Set<number>();
    for (let i = 0; i < 10; i++) {
      const b = await (await fetch(`http://127.0.0.1:${port}/call/INVENTORY_SERVICE_URL/x`)).json();
      assert.equal(b.status, 200);
      ports.add(b.body.port);
    }
    assert.equal(ports.size, 2);
    const edge = (await labJson(gw, "/mesh/edges")).find((e: any) => e.source === "sc-order");
    assert.equal(edge.destination, "inventory");
    assert.equal(edge.kind, "connect");
    await cf.send(new DeleteStackCommand({ StackName: "sc-stack" }));
    const s = await waitFor("deleted", async () => {
      const out = await cf.send(new DescribeStacksCommand({ StackName: "sc-stack" })).catch(() => undefined);
      const st = out?.Stacks?.[0]?.StackStatus;
      return !out || st === "DELETE_COMPLETE" || st === "DELETE_FAILED" ? (st ?? "gone") : undefined;
    }, 90_000);
    if (s === "DELETE_FAILED") assert.fail(JSON.stringify((await events(cf, "sc-stack")).filter((e) => e.ResourceStatus === "DELETE_FAILED")));
    assert.deepEqual((await labJson(gw, "/ecs/tasks")).filter((t: any) => t.cluster === "stack-sc-cluster"), []);
  });

  it("rolls back, naming the port, when the listener port is taken", async () => {
    const blocker = createServer();
    const busy = await new Promise<number>((r) => blocker.listen(0, "127.0.0.1", () => r((blocker.address() as any).port)));
    try {
      await cf.send(new CreateStackCommand({ StackName: "busy-stack", TemplateBody: JSON.stringify({ Parameters: { ListenerPort: { Type: "Number" } }, Resources: frontDoor }), Parameters: [{ ParameterKey: "ListenerPort", ParameterValue: String(busy) }] }));
      const s = await settled(cf, "busy-stack", 60_000);
      assert.equal(s.StackStatus, "ROLLBACK_COMPLETE");
      const failed = (await events(cf, "busy-stack")).find((e) => e.LogicalResourceId === "Listener" && e.ResourceStatus === "CREATE_FAILED");
      assert.match(failed?.ResourceStatusReason ?? "", new RegExp(`Port ${busy} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      blocker.close();
    }
  });
});
