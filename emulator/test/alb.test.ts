// ELBv2: the API through the SDK and both CLIs, and the local ALB: a real listener that
// routes by rules to healthy targets, health checks that take a failing target out.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, describe, it } from "node:test";
import { CreateClusterCommand, DescribeTasksCommand, ECSClient, RunTaskCommand } from "@aws-sdk/client-ecs";
import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteRuleCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  ModifyRuleCommand,
  ModifyTargetGroupAttributesCommand,
  ModifyTargetGroupCommand,
  RegisterTargetsCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { echoTaskDefinition, freePort, portOpen, waitFor } from "./fixtures/containers.ts";
import { aws, startTestGateway, type TestGateway } from "./harness.ts";

const rejectsWith = (p: Promise<unknown>, name: string, message?: RegExp) =>
  assert.rejects(p, (e: any) => e.name === name && e.$metadata.httpStatusCode === 400 && (!message || message.test(e.message)));

describe("alb", () => {
  let gw: TestGateway;
  let elb: ElasticLoadBalancingV2Client;
  let ecs: ECSClient;
  let lbArn: string;
  let tgA: string;
  let tgB: string;
  let listenerArn: string;
  let port: number;
  /** host ports of two standalone echo tasks */
  const targets: number[] = [];

  const health = async (tg: string) =>
    (await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg }))).TargetHealthDescriptions!.map((d) => ({ port: d.Target!.Port, ...d.TargetHealth }));

  before(async () => {
    gw = await startTestGateway();
    elb = new ElasticLoadBalancingV2Client({ ...gw.clientConfig, maxAttempts: 1 });
    ecs = new ECSClient(gw.clientConfig);
    await ecs.send(new CreateClusterCommand({ clusterName: "alb" }));
    await echoTaskDefinition(ecs, "target");
    const run = await ecs.send(new RunTaskCommand({ cluster: "alb", taskDefinition: "target", count: 2 }));
    for (const t of run.tasks!) {
      const d = await waitFor("task running", async () => {
        const x = (await ecs.send(new DescribeTasksCommand({ cluster: "alb", tasks: [t.taskArn!] }))).tasks![0];
        return x.lastStatus === "RUNNING" ? x : undefined;
      });
      targets.push(d.containers![0].networkBindings![0].hostPort!);
    }
  });
  after(() => gw.stop());

  it("creates and describes load balancers, target groups, listeners and rules", async () => {
    const lb = (await elb.send(new CreateLoadBalancerCommand({ Name: "lab-alb", Subnets: ["subnet-a", "subnet-b"], Tags: [{ Key: "lab", Value: "cross-service-lab" }] }))).LoadBalancers![0];
    lbArn = lb.LoadBalancerArn!;
    assert.match(lbArn, /^arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer\/app\/lab-alb\/[0-9a-f]{16}$/);
    assert.equal(lb.DNSName, "localhost");
    assert.equal(lb.State?.Code, "active");
    const mk = async (Name: string) =>
      (
        await elb.send(
          new CreateTargetGroupCommand({ Name, Protocol: "HTTP", Port: 8080, TargetType: "ip", VpcId: "vpc-1", HealthCheckPath: "/health/live", HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2 }),
        )
      ).TargetGroups![0];
    const a = await mk("tg-a");
    assert.equal(a.HealthCheckPath, "/health/live");
    assert.equal(a.Matcher?.HttpCode, "200");
    tgA = a.TargetGroupArn!;
    tgB = (await mk("tg-b")).TargetGroupArn!;
    port = await freePort();
    const l = (
      await elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: lbArn,
          Port: port,
          Protocol: "HTTP",
          DefaultActions: [{ Type: "fixed-response", FixedResponseConfig: { StatusCode: "404", ContentType: "text/plain", MessageBody: "no route" } }],
        }),
      )
    ).Listeners![0];
    listenerArn = l.ListenerArn!;
    await elb.send(new CreateRuleCommand({ ListenerArn: listenerArn, Priority: 10, Conditions: [{ Field: "path-pattern", Values: ["/api/*"] }], Actions: [{ Type: "forward", TargetGroupArn: tgA }] }));
    await elb.send(new CreateRuleCommand({ ListenerArn: listenerArn, Priority: 20, Conditions: [{ Field: "path-pattern", PathPatternConfig: { Values: ["/v?/b*"] } }], Actions: [{ Type: "forward", TargetGroupArn: tgB }] }));
    const rules = (await elb.send(new DescribeRulesCommand({ ListenerArn: listenerArn }))).Rules!;
    assert.deepEqual(rules.map((r) => r.Priority), ["10", "20", "default"]);
    assert.equal(rules[2].IsDefault, true);
    assert.deepEqual((await elb.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: lbArn }))).TargetGroups!.map((t) => t.TargetGroupName).sort(), ["tg-a", "tg-b"]);
    assert.equal((await elb.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn }))).Listeners![0].Port, port);
    assert.equal((await elb.send(new DescribeLoadBalancersCommand({ Names: ["lab-alb"] }))).LoadBalancers![0].LoadBalancerArn, lbArn);
  });

  it("answers ELBv2's errors", async () => {
    const ghostLb = lbArn.replace(/[0-9a-f]{16}$/, "0000000000000000");
    await rejectsWith(elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [ghostLb] })), "LoadBalancerNotFoundException");
    await rejectsWith(elb.send(new DescribeLoadBalancersCommand({ Names: ["nope"] })), "LoadBalancerNotFoundException");
    await rejectsWith(elb.send(new DescribeTargetGroupsCommand({ Names: ["nope"] })), "TargetGroupNotFoundException");
    await rejectsWith(elb.send(new RegisterTargetsCommand({ TargetGroupArn: tgA.replace(/[0-9a-f]{16}$/, "0000000000000000"), Targets: [{ Id: "127.0.0.1" }] })), "TargetGroupNotFoundException");
    await rejectsWith(elb.send(new CreateListenerCommand({ LoadBalancerArn: lbArn, Port: port, Protocol: "HTTP", DefaultActions: [{ Type: "forward", TargetGroupArn: tgA }] })), "DuplicateListenerException");
    await rejectsWith(elb.send(new DescribeListenersCommand({ ListenerArns: [`${listenerArn}0`] })), "ListenerNotFoundException");
    await rejectsWith(elb.send(new DescribeRulesCommand({ RuleArns: [`${listenerArn.replace(":listener/", ":listener-rule/")}/ffff`] })), "RuleNotFoundException");
    await rejectsWith(elb.send(new CreateRuleCommand({ ListenerArn: listenerArn, Priority: 10, Conditions: [{ Field: "path-pattern", Values: ["/x"] }], Actions: [{ Type: "forward", TargetGroupArn: tgA }] })), "PriorityInUseException");
    await rejectsWith(elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: tgA })), "ResourceInUseException");
    await rejectsWith(elb.send(new CreateTargetGroupCommand({ Name: "-bad-", Protocol: "HTTP", Port: 80, VpcId: "v" })), "ValidationError");
    await rejectsWith(elb.send(new RegisterTargetsCommand({ TargetGroupArn: tgA, Targets: [{ Id: "i-123", Port: 80 }] })), "InvalidTargetException");
    await rejectsWith(elb.send(new CreateTargetGroupCommand({ Name: "tg-a", Protocol: "HTTP", Port: 81, VpcId: "v" })), "DuplicateTargetGroupNameException");
  });

  it("refuses a listener on a port another process holds, naming the port", async () => {
    const blocker = createServer();
    const busy = await new Promise<number>((r) => blocker.listen(0, "127.0.0.1", () => r((blocker.address() as any).port)));
    try {
      const lb2 = (await elb.send(new CreateLoadBalancerCommand({ Name: "other", Subnets: ["s"] }))).LoadBalancers![0];
      await rejectsWith(
        elb.send(new CreateListenerCommand({ LoadBalancerArn: lb2.LoadBalancerArn, Port: busy, Protocol: "HTTP", DefaultActions: [{ Type: "forward", TargetGroupArn: tgB }] })),
        "InvalidConfigurationRequestException",
        new RegExp(`Port ${busy} on 127\\.0\\.0\\.1 is already in use`),
      );
      assert.deepEqual((await elb.send(new DescribeListenersCommand({ LoadBalancerArn: lb2.LoadBalancerArn }))).Listeners, []);
      await elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lb2.LoadBalancerArn }));
    } finally {
      blocker.close();
    }
  });

  it("health-checks registered targets: initial, then healthy", async () => {
    await elb.send(new RegisterTargetsCommand({ TargetGroupArn: tgA, Targets: targets.map((p) => ({ Id: "127.0.0.1", Port: p })) }));
    await elb.send(new RegisterTargetsCommand({ TargetGroupArn: tgB, Targets: [{ Id: "127.0.0.1", Port: targets[0] }] }));
    const first = await health(tgA);
    assert.equal(first.length, 2);
    assert.ok(first.every((h) => h.State === "initial" || h.State === "healthy"));
    await waitFor("both healthy", async () => (await health(tgA)).every((h) => h.State === "healthy"));
    await waitFor("tg-b healthy", async () => (await health(tgB)).every((h) => h.State === "healthy"));
  });

  it("routes by path pattern in priority order, round robin, with X-Forwarded-For and a trace id", async () => {
    const get = async (path: string, headers: Record<string, string> = {}) => {
      const r = await fetch(`http://127.0.0.1:${port}${path}`, { headers });
      return { status: r.status, body: r.headers.get("content-type")?.includes("json") ? await r.json() : await r.text() };
    };
    const seen = new Set<number>();
    for (let i = 0; i < 4; i++) seen.add((await get("/api/users")).body.port);
    assert.deepEqual([...seen].sort(), [...targets].sort());
    assert.equal((await get("/v1/bar")).body.port, targets[0]);
    assert.deepEqual(await get("/v12/bar"), { status: 404, body: "no route" });
    assert.deepEqual(await get("/other"), { status: 404, body: "no route" });
    const traced = await get("/api/t", { "x-amzn-trace-id": "Root=1-5759e988-bd862e3fe1be46a994272793", "x-forwarded-for": "10.0.0.9" });
    assert.equal(traced.body.traceId, "Root=1-5759e988-bd862e3fe1be46a994272793");
    assert.equal(traced.body.forwardedFor, "10.0.0.9, 127.0.0.1");
    const post = await fetch(`http://127.0.0.1:${port}/api/echo`, { method: "POST", body: "x".repeat(100_000) });
    assert.equal((await post.json()).body.length, 100_000);
    const [rule] = (await elb.send(new DescribeRulesCommand({ ListenerArn: listenerArn }))).Rules!;
    await elb.send(new ModifyRuleCommand({ RuleArn: rule.RuleArn, Conditions: [{ Field: "path-pattern", Values: ["/new/*"] }] }));
    assert.equal((await get("/api/users")).status, 404);
    assert.equal((await get("/new/x")).status, 200);
  });

  it("takes a failing target out and sends everything to the healthy one", async () => {
    await elb.send(new ModifyTargetGroupCommand({ TargetGroupArn: tgA, HealthCheckIntervalSeconds: 5, UnhealthyThresholdCount: 2 }));
    await fetch(`http://127.0.0.1:${targets[1]}/_fixture/mode`, { method: "POST", body: JSON.stringify({ mode: "down" }) });
    const unhealthy = await waitFor(
      "target unhealthy",
      async () => (await health(tgA)).find((h) => h.port === targets[1] && h.State === "unhealthy"),
      20_000,
      250,
    );
    assert.equal(unhealthy.Reason, "Target.ResponseCodeMismatch");
    assert.match(unhealthy.Description!, /\[503\]/);
    for (let i = 0; i < 6; i++) assert.equal((await (await fetch(`http://127.0.0.1:${port}/new/x`)).json()).port, targets[0]);
    await fetch(`http://127.0.0.1:${targets[1]}/_fixture/mode`, { method: "POST", body: JSON.stringify({ mode: "ok" }) });
    await waitFor("healthy again", async () => (await health(tgA)).every((h) => h.State === "healthy"), 20_000, 250);
  });

  it("answers 502 when a healthy target's process is gone, 503 when no target is healthy", async () => {
    await fetch(`http://127.0.0.1:${targets[1]}/_fixture/crash`, { method: "POST" });
    await waitFor("port closed", async () => !(await portOpen(targets[1])));
    const statuses = [];
    for (let i = 0; i < 2; i++) statuses.push((await fetch(`http://127.0.0.1:${port}/new/x`)).status);
    assert.deepEqual(statuses.sort(), [200, 502]);
    await elb.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: tgA, Attributes: [{ Key: "deregistration_delay.timeout_seconds", Value: "1" }] }));
    await elb.send(new DeregisterTargetsCommand({ TargetGroupArn: tgA, Targets: targets.map((p) => ({ Id: "127.0.0.1", Port: p })) }));
    assert.ok((await health(tgA)).every((h) => h.State === "draining" && h.Reason === "Target.DeregistrationInProgress"));
    const r = await fetch(`http://127.0.0.1:${port}/new/x`);
    assert.equal(r.status, 503);
    assert.match(await r.text(), /503 Service Temporarily Unavailable/);
    await waitFor("drained", async () => (await health(tgA)).length === 0);
    const asked = (await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgA, Targets: [{ Id: "127.0.0.1", Port: targets[0] }] }))).TargetHealthDescriptions![0];
    assert.equal(asked.TargetHealth?.State, "unused");
    assert.equal(asked.TargetHealth?.Reason, "Target.NotRegistered");
  });

  it("tags resources", async () => {
    await elb.send(new AddTagsCommand({ ResourceArns: [lbArn, tgA], Tags: [{ Key: "team", Value: "mesh" }] }));
    const d = (await elb.send(new DescribeTagsCommand({ ResourceArns: [lbArn, tgA] }))).TagDescriptions!;
    assert.deepEqual(d[0].Tags, [{ Key: "lab", Value: "cross-service-lab" }, { Key: "team", Value: "mesh" }]);
    assert.deepEqual(d[1].Tags, [{ Key: "team", Value: "mesh" }]);
  });

  for (const cli of ["v1", "v2"] as const) {
    it(`works with the ${cli} CLI: elbv2 describe-target-health`, async () => {
      const out = await aws(cli, gw.url, ["elbv2", "describe-target-health", "--target-group-arn", tgB]);
      assert.equal(out.code, 0, out.stderr);
      const [d] = out.json().TargetHealthDescriptions;
      assert.equal(d.Target.Port, targets[0]);
      assert.equal(d.TargetHealth.State, "healthy");
      const bad = await aws(cli, gw.url, ["elbv2", "describe-target-health", "--target-group-arn", tgB.replace(/[0-9a-f]{16}$/, "0000000000000000")]);
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /TargetGroupNotFound/);
    });
  }

  it("closes the port when the listener is deleted, and deletes rules with it", async () => {
    const rules = (await elb.send(new DescribeRulesCommand({ ListenerArn: listenerArn }))).Rules!;
    await elb.send(new DeleteRuleCommand({ RuleArn: rules[1].RuleArn }));
    await rejectsWith(elb.send(new DeleteRuleCommand({ RuleArn: rules.at(-1)!.RuleArn })), "OperationNotPermittedException");
    await elb.send(new DeleteListenerCommand({ ListenerArn: listenerArn }));
    assert.equal(await portOpen(port), false);
    await elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: tgA }));
    await elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lbArn }));
    await rejectsWith(elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [lbArn] })), "LoadBalancerNotFoundException");
  });
});
