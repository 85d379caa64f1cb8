// App Mesh and Cloud Map: the APIs through the SDK, and the mesh data plane between real ECS
// tasks: env rewrite, weighted routes, retries, outlier ejection, per-edge metrics, and the
// Service Connect variant.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  AppMeshClient,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  DeleteMeshCommand,
  DeleteVirtualNodeCommand,
  DeleteVirtualRouterCommand,
  DescribeMeshCommand,
  DescribeRouteCommand,
  DescribeVirtualNodeCommand,
  ListMeshesCommand,
  ListRoutesCommand,
  ListVirtualNodesCommand,
  ListVirtualServicesCommand,
  UpdateRouteCommand,
  UpdateVirtualNodeCommand,
} from "@aws-sdk/client-app-mesh";
import { CreateClusterCommand, CreateServiceCommand, DescribeServicesCommand, DescribeTasksCommand, ECSClient, RunTaskCommand } from "@aws-sdk/client-ecs";
import {
  CreateHttpNamespaceCommand,
  CreatePrivateDnsNamespaceCommand,
  CreateServiceCommand as CreateCloudMapServiceCommand,
  DeleteNamespaceCommand,
  DeleteServiceCommand as DeleteCloudMapServiceCommand,
  DeregisterInstanceCommand,
  DiscoverInstancesCommand,
  GetNamespaceCommand,
  GetOperationCommand,
  GetServiceCommand,
  ListInstancesCommand,
  ListNamespacesCommand,
  ListServicesCommand as ListCloudMapServicesCommand,
  RegisterInstanceCommand,
  ServiceDiscoveryClient,
} from "@aws-sdk/client-servicediscovery";
import { echoTaskDefinition, labJson, loadBalancer, waitFor } from "./fixtures/containers.ts";
import { startTestGateway, type TestGateway } from "./harness.ts";

const http = (port: number) => ({ portMapping: { port, protocol: "http" as const } });

async function runningService(ecs: ECSClient, cluster: string, name: string, count: number) {
  await waitFor(`${name} running`, async () => (await ecs.send(new DescribeServicesCommand({ cluster, services: [name] }))).services![0].runningCount === count, 20_000);
}

async function calls(url: string, n: number) {
  const out: { status: number; version?: string; port?: number }[] = [];
  for (let i = 0; i < n; i++) {
    const r = await fetch(url);
    const b = await r.json();
    out.push({ status: b.status ?? r.status, version: b.body?.version, port: b.body?.port });
  }
  return out;
}

describe("app mesh api", () => {
  let gw: TestGateway;
  let mesh: AppMeshClient;
  before(async () => {
    gw = await startTestGateway();
    mesh = new AppMeshClient({ ...gw.clientConfig, maxAttempts: 1 });
  });
  after(() => gw.stop());

  it("creates, describes, lists, updates and deletes mesh resources", async () => {
    const m = await mesh.send(new CreateMeshCommand({ meshName: "m1", tags: [{ key: "lab", value: "x" }] }));
    assert.equal(m.mesh?.metadata?.arn, "arn:aws:appmesh:us-east-1:000000000000:mesh/m1");
    assert.equal(m.mesh?.status?.status, "ACTIVE");
    assert.ok(m.mesh?.metadata?.createdAt instanceof Date);
    await mesh.send(new CreateVirtualNodeCommand({ meshName: "m1", virtualNodeName: "a", spec: { listeners: [http(8080)], serviceDiscovery: { dns: { hostname: "a.local" } } } }));
    await mesh.send(new CreateVirtualNodeCommand({ meshName: "m1", virtualNodeName: "b", spec: { listeners: [http(8080)], serviceDiscovery: { dns: { hostname: "b.local" } } } }));
    await mesh.send(new CreateVirtualRouterCommand({ meshName: "m1", virtualRouterName: "r", spec: { listeners: [http(8080)] } }));
    const route = await mesh.send(
      new CreateRouteCommand({ meshName: "m1", virtualRouterName: "r", routeName: "rt", spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: "a", weight: 90 }, { virtualNode: "b", weight: 10 }] } } } }),
    );
    assert.equal(route.route?.metadata?.arn, "arn:aws:appmesh:us-east-1:000000000000:mesh/m1/virtualRouter/r/route/rt");
    await mesh.send(new CreateVirtualServiceCommand({ meshName: "m1", virtualServiceName: "svc.local", spec: { provider: { virtualRouter: { virtualRouterName: "r" } } } }));
    assert.deepEqual((await mesh.send(new ListMeshesCommand({}))).meshes!.map((x) => x.meshName), ["m1"]);
    assert.deepEqual((await mesh.send(new ListVirtualNodesCommand({ meshName: "m1" }))).virtualNodes!.map((x) => x.virtualNodeName).sort(), ["a", "b"]);
    assert.deepEqual((await mesh.send(new ListVirtualServicesCommand({ meshName: "m1" }))).virtualServices!.map((x) => x.virtualServiceName), ["svc.local"]);
    assert.deepEqual((await mesh.send(new ListRoutesCommand({ meshName: "m1", virtualRouterName: "r" }))).routes!.map((x) => x.routeName), ["rt"]);
    const upd = await mesh.send(
      new UpdateRouteCommand({ meshName: "m1", virtualRouterName: "r", routeName: "rt", spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: "a", weight: 50 }, { virtualNode: "b", weight: 50 }] } } } }),
    );
    assert.equal(upd.route?.metadata?.version, 2);
    const d = await mesh.send(new DescribeRouteCommand({ meshName: "m1", virtualRouterName: "r", routeName: "rt" }));
    assert.equal(d.route?.spec?.httpRoute?.action?.weightedTargets?.[0].weight, 50);
    assert.equal((await mesh.send(new DescribeVirtualNodeCommand({ meshName: "m1", virtualNodeName: "a" }))).virtualNode?.spec?.serviceDiscovery?.dns?.hostname, "a.local");
  });

  it("answers App Mesh's errors", async () => {
    const is = (name: string, status: number) => (e: any) => e.name === name && e.$metadata.httpStatusCode === status;
    await assert.rejects(mesh.send(new DescribeMeshCommand({ meshName: "ghost" })), is("NotFoundException", 404));
    await assert.rejects(mesh.send(new DescribeVirtualNodeCommand({ meshName: "m1", virtualNodeName: "ghost" })), is("NotFoundException", 404));
    await assert.rejects(mesh.send(new CreateVirtualNodeCommand({ meshName: "ghost", virtualNodeName: "x", spec: {} })), is("NotFoundException", 404));
    await assert.rejects(mesh.send(new CreateMeshCommand({ meshName: "m1" })), is("ConflictException", 409));
    await assert.rejects(mesh.send(new DeleteMeshCommand({ meshName: "m1" })), is("ResourceInUseException", 409));
    await assert.rejects(mesh.send(new DeleteVirtualNodeCommand({ meshName: "m1", virtualNodeName: "a" })), is("ResourceInUseException", 409));
    await assert.rejects(mesh.send(new DeleteVirtualRouterCommand({ meshName: "m1", virtualRouterName: "r" })), is("ResourceInUseException", 409));
    await assert.rejects(
      mesh.send(new CreateRouteCommand({ meshName: "m1", virtualRouterName: "r", routeName: "bad", spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: "ghost", weight: 1 }] } } } })),
      is("NotFoundException", 404),
    );
    await assert.rejects(
      mesh.send(new CreateRouteCommand({ meshName: "m1", virtualRouterName: "r", routeName: "bad", spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: "a", weight: 101 }] } } } })),
      is("BadRequestException", 400),
    );
    await assert.rejects(mesh.send(new CreateVirtualRouterCommand({ meshName: "m1", virtualRouterName: "r2", spec: { listeners: [] } })), is("BadRequestException", 400));
  });
});

describe("cloud map api", () => {
  let gw: TestGateway;
  let sd: ServiceDiscoveryClient;
  before(async () => {
    gw = await startTestGateway();
    sd = new ServiceDiscoveryClient({ ...gw.clientConfig, maxAttempts: 1, disableHostPrefix: true });
  });
  after(() => gw.stop());

  it("creates namespaces through operations, services and instances, and discovers them", async () => {
    const op = await sd.send(new CreatePrivateDnsNamespaceCommand({ Name: "lab.local", Vpc: "vpc-1" }));
    const got = await sd.send(new GetOperationCommand({ OperationId: op.OperationId }));
    assert.equal(got.Operation?.Status, "SUCCESS");
    const nsId = got.Operation!.Targets!.NAMESPACE!;
    const ns = (await sd.send(new GetNamespaceCommand({ Id: nsId }))).Namespace!;
    assert.equal(ns.Name, "lab.local");
    assert.equal(ns.Type, "DNS_PRIVATE");
    await sd.send(new CreateHttpNamespaceCommand({ Name: "http.local" }));
    const list = await sd.send(new ListNamespacesCommand({ Filters: [{ Name: "TYPE", Values: ["HTTP"], Condition: "EQ" }] }));
    assert.deepEqual(list.Namespaces!.map((n) => n.Name), ["http.local"]);
    const svc = (await sd.send(new CreateCloudMapServiceCommand({ Name: "users", NamespaceId: nsId, DnsConfig: { DnsRecords: [{ Type: "A", TTL: 10 }] } }))).Service!;
    assert.match(svc.Id!, /^srv-/);
    await sd.send(new RegisterInstanceCommand({ ServiceId: svc.Id, InstanceId: "i1", Attributes: { AWS_INSTANCE_IPV4: "127.0.0.1", AWS_INSTANCE_PORT: "8080", color: "blue" } }));
    await sd.send(new RegisterInstanceCommand({ ServiceId: svc.Id, InstanceId: "i2", Attributes: { AWS_INSTANCE_IPV4: "127.0.0.1", AWS_INSTANCE_PORT: "8081", color: "green" } }));
    assert.equal((await sd.send(new ListInstancesCommand({ ServiceId: svc.Id }))).Instances!.length, 2);
    assert.equal((await sd.send(new GetServiceCommand({ Id: svc.Id }))).Service?.InstanceCount, 2);
    const found = await sd.send(new DiscoverInstancesCommand({ NamespaceName: "lab.local", ServiceName: "users", QueryParameters: { color: "green" } }));
    assert.deepEqual(found.Instances!.map((i) => i.InstanceId), ["i2"]);
    assert.equal(found.Instances![0].HealthStatus, "HEALTHY");
    assert.deepEqual((await sd.send(new ListCloudMapServicesCommand({ Filters: [{ Name: "NAMESPACE_ID", Values: [nsId] }] }))).Services!.map((s) => s.Name), ["users"]);
    const is = (name: string) => (e: any) => e.name === name && e.$metadata.httpStatusCode === 400;
    await assert.rejects(sd.send(new GetNamespaceCommand({ Id: "ns-nope" })), is("NamespaceNotFound"));
    await assert.rejects(sd.send(new GetServiceCommand({ Id: "srv-nope" })), is("ServiceNotFound"));
    await assert.rejects(sd.send(new GetOperationCommand({ OperationId: "nope" })), is("OperationNotFound"));
    await assert.rejects(sd.send(new CreatePrivateDnsNamespaceCommand({ Name: "lab.local", Vpc: "vpc-1" })), is("NamespaceAlreadyExists"));
    await assert.rejects(sd.send(new DeleteCloudMapServiceCommand({ Id: svc.Id })), is("ResourceInUse"));
    await assert.rejects(sd.send(new DeleteNamespaceCommand({ Id: nsId })), is("ResourceInUse"));
    await assert.rejects(sd.send(new DiscoverInstancesCommand({ NamespaceName: "ghost.local", ServiceName: "users" })), is("NamespaceNotFound"));
    await assert.rejects(sd.send(new DeregisterInstanceCommand({ ServiceId: svc.Id, InstanceId: "ghost" })), is("InstanceNotFound"));
    for (const i of ["i1", "i2"]) await sd.send(new DeregisterInstanceCommand({ ServiceId: svc.Id, InstanceId: i }));
    await sd.send(new DeleteCloudMapServiceCommand({ Id: svc.Id }));
    const del = await sd.send(new DeleteNamespaceCommand({ Id: nsId }));
    assert.equal((await sd.send(new GetOperationCommand({ OperationId: del.OperationId }))).Operation?.Type, "DELETE_NAMESPACE");
  });
});

describe("mesh data plane: App Mesh", () => {
  let gw: TestGateway;
  let ecs: ECSClient;
  let mesh: AppMeshClient;
  let url: string;
  const route90 = (v1: number, v2: number, retryPolicy?: any) => ({
    httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: "inventory-v1", weight: v1 }, { virtualNode: "inventory-v2", weight: v2 }] }, retryPolicy },
  });
  const retries = { maxRetries: 2, perRetryTimeout: { unit: "s", value: 2 }, httpRetryEvents: ["server-error"], tcpRetryEvents: ["connection-error"] };

  before(async () => {
    gw = await startTestGateway();
    ecs = new ECSClient(gw.clientConfig);
    mesh = new AppMeshClient(gw.clientConfig);
    await mesh.send(new CreateMeshCommand({ meshName: "lab" }));
    for (const v of ["v1", "v2"]) {
      await mesh.send(new CreateVirtualNodeCommand({ meshName: "lab", virtualNodeName: `inventory-${v}`, spec: { listeners: [http(8080)], serviceDiscovery: { dns: { hostname: `inventory-${v}.lab.local` } } } }));
    }
    await mesh.send(new CreateVirtualNodeCommand({ meshName: "lab", virtualNodeName: "order", spec: { listeners: [http(8080)], serviceDiscovery: { dns: { hostname: "order.lab.local" } }, backends: [{ virtualService: { virtualServiceName: "inventory.lab.local" } }] } }));
    await mesh.send(new CreateVirtualRouterCommand({ meshName: "lab", virtualRouterName: "inventory", spec: { listeners: [http(8080)] } }));
    await mesh.send(new CreateRouteCommand({ meshName: "lab", virtualRouterName: "inventory", routeName: "canary", spec: route90(90, 10, retries) as any }));
    await mesh.send(new CreateVirtualServiceCommand({ meshName: "lab", virtualServiceName: "inventory.lab.local", spec: { provider: { virtualRouter: { virtualRouterName: "inventory" } } } }));
    await ecs.send(new CreateClusterCommand({ clusterName: "mesh" }));
    await echoTaskDefinition(ecs, "inventory-v1", { version: "v1" });
    await echoTaskDefinition(ecs, "inventory-v2", { version: "v2" });
    await echoTaskDefinition(ecs, "order", { env: { INVENTORY_SERVICE_URL: "http://inventory.lab.local:8080", SERVICE_NAME: "order" } });
    const alb = await loadBalancer(gw, "mesh-lb");
    url = alb.url;
    await ecs.send(new CreateServiceCommand({ cluster: "mesh", serviceName: "inventory-v1", taskDefinition: "inventory-v1", desiredCount: 2 }));
    await ecs.send(new CreateServiceCommand({ cluster: "mesh", serviceName: "inventory-v2", taskDefinition: "inventory-v2", desiredCount: 1 }));
    await ecs.send(new CreateServiceCommand({ cluster: "mesh", serviceName: "order", taskDefinition: "order", desiredCount: 1, loadBalancers: [{ targetGroupArn: alb.tg.TargetGroupArn, containerName: "app", containerPort: 8080 }] }));
    await runningService(ecs, "mesh", "inventory-v1", 2);
    await runningService(ecs, "mesh", "inventory-v2", 1);
    await waitFor("order answers through the ALB", async () => (await fetch(`${url}/`)).status === 200);
  });
  after(() => gw.stop());

  it("rewrites *_SERVICE_URL naming a virtual service to the consumer's loopback listener", async () => {
    const body = await (await fetch(`${url}/`)).json();
    assert.match(body.env.INVENTORY_SERVICE_URL, /^http:\/\/127\.0\.0\.1:\d+$/);
    const listeners = await labJson(gw, "/mesh/listeners");
    const mine = listeners.find((l: any) => l.source === "order" && l.upstream === "inventory.lab.local");
    assert.equal(mine.url, body.env.INVENTORY_SERVICE_URL);
    assert.equal(mine.kind, "appmesh");
  });

  it("splits a 90/10 weighted route over 200 requests and counts each edge", async () => {
    const out = await calls(`${url}/call/INVENTORY_SERVICE_URL/items/1`, 200);
    assert.ok(out.every((o) => o.status === 200));
    const v1 = out.filter((o) => o.version === "v1").length;
    const v2 = out.filter((o) => o.version === "v2").length;
    console.log(`# mesh: 90/10 route over 200 requests → v1 ${v1}, v2 ${v2}`);
    const lat = (await labJson(gw, "/mesh/edges")).find((e: any) => e.destination === "inventory-v1").latencyMs;
    console.log(`# mesh: order → inventory-v1 edge latency p50 ${lat.p50} ms, p90 ${lat.p90} ms, p99 ${lat.p99} ms`);
    assert.equal(v1 + v2, 200);
    assert.ok(v1 >= 160 && v1 <= 195, `v1 got ${v1}`);
    const edges = await labJson(gw, "/mesh/edges");
    const e1 = edges.find((e: any) => e.source === "order" && e.destination === "inventory-v1");
    const e2 = edges.find((e: any) => e.source === "order" && e.destination === "inventory-v2");
    assert.equal(e1.requests, v1);
    assert.equal(e2.requests, v2);
    assert.equal(e1.errorPercent, 0);
    assert.ok(e1.rps10s > 0 && e1.rps60s > 0);
    assert.ok(e1.latencyMs.p50 > 0 && e1.latencyMs.p99 >= e1.latencyMs.p90 && e1.latencyMs.p90 >= e1.latencyMs.p50);
    const routes = await labJson(gw, "/mesh/routes");
    const r = routes.find((x: any) => x.virtualService === "inventory.lab.local");
    assert.deepEqual(r.routes[0].weightedTargets.map((t: any) => t.percent), [90, 10]);
  });

  it("applies UpdateRoute weights to the next request", async () => {
    await mesh.send(new UpdateRouteCommand({ meshName: "lab", virtualRouterName: "inventory", routeName: "canary", spec: route90(0, 100, retries) as any }));
    assert.ok((await calls(`${url}/call/INVENTORY_SERVICE_URL/`, 10)).every((o) => o.version === "v2"));
    await mesh.send(new UpdateRouteCommand({ meshName: "lab", virtualRouterName: "inventory", routeName: "canary", spec: route90(100, 0, retries) as any }));
    assert.ok((await calls(`${url}/call/INVENTORY_SERVICE_URL/`, 10)).every((o) => o.version === "v1"));
  });

  it("retries server errors on another task (route retryPolicy)", async () => {
    const tasks = (await labJson(gw, "/ecs/tasks")).filter((t: any) => t.service === "inventory-v1");
    await fetch(`http://127.0.0.1:${tasks[0].port}/_fixture/mode`, { method: "POST", body: JSON.stringify({ mode: "fail" }) });
    const before = (await labJson(gw, "/mesh/edges")).find((e: any) => e.destination === "inventory-v1");
    const out = await calls(`${url}/call/INVENTORY_SERVICE_URL/`, 20);
    assert.ok(out.every((o) => o.status === 200 && o.port === tasks[1].port));
    const after = (await labJson(gw, "/mesh/edges")).find((e: any) => e.destination === "inventory-v1");
    assert.ok(after.retries > before.retries, "retries were counted");
    assert.equal(after.errors, before.errors);
    await fetch(`http://127.0.0.1:${tasks[0].port}/_fixture/mode`, { method: "POST", body: JSON.stringify({ mode: "ok" }) });
  });

  it("ejects a failing task after maxServerErrors (virtual node outlierDetection)", async () => {
    await mesh.send(new UpdateRouteCommand({ meshName: "lab", virtualRouterName: "inventory", routeName: "canary", spec: route90(100, 0, { ...retries, maxRetries: 0 }) as any }));
    await mesh.send(
      new UpdateVirtualNodeCommand({
        meshName: "lab",
        virtualNodeName: "inventory-v1",
        spec: {
          listeners: [{ ...http(8080), outlierDetection: { maxServerErrors: 3, interval: { unit: "s", value: 10 }, baseEjectionDuration: { unit: "s", value: 30 }, maxEjectionPercent: 50 } }],
          serviceDiscovery: { dns: { hostname: "inventory-v1.lab.local" } },
        },
      }),
    );
    const tasks = (await labJson(gw, "/ecs/tasks")).filter((t: any) => t.service === "inventory-v1");
    await fetch(`http://127.0.0.1:${tasks[0].port}/_fixture/mode`, { method: "POST", body: JSON.stringify({ mode: "fail" }) });
    const out = await calls(`${url}/call/INVENTORY_SERVICE_URL/`, 20);
    const failures = out.filter((o) => o.status === 503).length;
    assert.equal(failures, 3, "three 5xx, then the task is ejected");
    assert.ok(out.slice(-10).every((o) => o.status === 200));
    const eps = await labJson(gw, "/mesh/endpoints");
    const ejected = eps.find((e: any) => e.destination === "inventory-v1" && e.endpoint.endsWith(`:${tasks[0].port}`));
    assert.ok(ejected.outlier.ejectedUntil, "ejection visible");
    const edge = (await labJson(gw, "/mesh/edges")).find((e: any) => e.destination === "inventory-v1");
    assert.ok(edge.errorPercent > 0);
    await fetch(`http://127.0.0.1:${tasks[0].port}/_fixture/mode`, { method: "POST", body: JSON.stringify({ mode: "ok" }) });
  });
});

describe("mesh data plane: Service Connect", () => {
  let gw: TestGateway;
  let ecs: ECSClient;
  let url: string;

  before(async () => {
    gw = await startTestGateway();
    ecs = new ECSClient(gw.clientConfig);
    const sd = new ServiceDiscoveryClient(gw.clientConfig);
    await sd.send(new CreateHttpNamespaceCommand({ Name: "sc.local" }));
    await ecs.send(new CreateClusterCommand({ clusterName: "sc" }));
    await echoTaskDefinition(ecs, "inventory");
    await echoTaskDefinition(ecs, "order", { env: { INVENTORY_SERVICE_URL: "http://inventory.sc.local:8080" } });
    const alb = await loadBalancer(gw, "sc-lb");
    url = alb.url;
    await ecs.send(
      new CreateServiceCommand({
        cluster: "sc",
        serviceName: "inventory",
        taskDefinition: "inventory",
        desiredCount: 2,
        serviceConnectConfiguration: { enabled: true, namespace: "sc.local", services: [{ portName: "http", discoveryName: "inventory", clientAliases: [{ port: 8080, dnsName: "inventory.sc.local" }] }] },
      }),
    );
    await ecs.send(
      new CreateServiceCommand({
        cluster: "sc",
        serviceName: "order",
        taskDefinition: "order",
        desiredCount: 1,
        serviceConnectConfiguration: { enabled: true, namespace: "sc.local" },
        loadBalancers: [{ targetGroupArn: alb.tg.TargetGroupArn, containerName: "app", containerPort: 8080 }],
      }),
    );
    await runningService(ecs, "sc", "inventory", 2);
    await waitFor("order answers", async () => (await fetch(`${url}/`)).status === 200);
  });
  after(() => gw.stop());

  it("resolves the client alias through the data plane and counts the edge", async () => {
    const out = await calls(`${url}/call/INVENTORY_SERVICE_URL/x`, 20);
    assert.ok(out.every((o) => o.status === 200));
    assert.equal(new Set(out.map((o) => o.port)).size, 2, "round robin over both tasks");
    const edge = (await labJson(gw, "/mesh/edges")).find((e: any) => e.source === "order" && e.destination === "inventory");
    assert.equal(edge.kind, "connect");
    assert.equal(edge.requests, 20);
    const route = (await labJson(gw, "/mesh/routes")).find((r: any) => r.kind === "connect" && r.discoveryName === "inventory");
    assert.equal(route.weightedRouting, false);
  });

  it("registers tasks as Cloud Map instances of the discovery name", async () => {
    const sd = new ServiceDiscoveryClient({ ...gw.clientConfig, disableHostPrefix: true });
    const found = await sd.send(new DiscoverInstancesCommand({ NamespaceName: "sc.local", ServiceName: "inventory" }));
    const ports = (await labJson(gw, "/ecs/tasks")).filter((t: any) => t.service === "inventory").map((t: any) => String(t.port));
    assert.deepEqual(found.Instances!.map((i) => i.Attributes!.AWS_INSTANCE_PORT).sort(), ports.sort());
    const svc = (await ecs.send(new DescribeServicesCommand({ cluster: "sc", services: ["inventory"] }))).services![0];
    assert.equal(svc.deployments![0].serviceConnectResources![0].discoveryName, "inventory");
  });

  it("retries 503s on another task", async () => {
    const [bad] = (await labJson(gw, "/ecs/tasks")).filter((t: any) => t.service === "inventory");
    await fetch(`http://127.0.0.1:${bad.port}/_fixture/mode`, { method: "POST", body: JSON.stringify({ mode: "fail" }) });
    const out = await calls(`${url}/call/INVENTORY_SERVICE_URL/x`, 10);
    assert.ok(out.every((o) => o.status === 200 && o.port !== bad.port));
    await fetch(`http://127.0.0.1:${bad.port}/_fixture/mode`, { method: "POST", body: JSON.stringify({ mode: "ok" }) });
  });

  it("leaves the env alone for tasks outside Service Connect", async () => {
    const arn = (await ecs.send(new RunTaskCommand({ cluster: "sc", taskDefinition: "order" }))).tasks![0].taskArn!;
    const t = await waitFor("running", async () => {
      const d = (await ecs.send(new DescribeTasksCommand({ cluster: "sc", tasks: [arn] }))).tasks![0];
      return d.lastStatus === "RUNNING" ? d : undefined;
    });
    const body = await (await fetch(`http://127.0.0.1:${t.containers![0].networkBindings![0].hostPort}/`)).json();
    assert.equal(body.env.INVENTORY_SERVICE_URL, "http://inventory.sc.local:8080");
  });
});
