// ECS: the API through the SDK and both CLIs, and the runtime: tasks are real processes
// behind a real load balancer, healed when killed, gone when scaled to zero, back after a restart.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteClusterCommand,
  DeleteServiceCommand,
  DeregisterTaskDefinitionCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  TagResourceCommand,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import { DescribeTargetHealthCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { alive, echoTaskDefinition, labJson, loadBalancer, portOpen, waitFor } from "./fixtures/containers.ts";
import { aws, startTestGateway, type TestGateway, tempDir } from "./harness.ts";

const rejectsWith = (p: Promise<unknown>, name: string) => assert.rejects(p, (e: any) => e.name === name && e.$metadata.httpStatusCode === 400);

async function service(ecs: ECSClient, cluster: string, name: string) {
  return (await ecs.send(new DescribeServicesCommand({ cluster, services: [name] }))).services![0];
}

async function bodies(url: string, n: number) {
  const out: any[] = [];
  for (let i = 0; i < n; i++) out.push(await (await fetch(url)).json());
  return out;
}

describe("ecs api", () => {
  let gw: TestGateway;
  let ecs: ECSClient;
  before(async () => {
    gw = await startTestGateway();
    ecs = new ECSClient({ ...gw.clientConfig, maxAttempts: 1 });
  });
  after(() => gw.stop());

  it("creates, describes, lists and deletes clusters (idempotent create, MISSING failures)", async () => {
    const a = await ecs.send(new CreateClusterCommand({ clusterName: "alpha", tags: [{ key: "lab", value: "x" }] }));
    assert.equal(a.cluster?.clusterArn, "arn:aws:ecs:us-east-1:000000000000:cluster/alpha");
    const again = await ecs.send(new CreateClusterCommand({ clusterName: "alpha" }));
    assert.equal(again.cluster?.clusterArn, a.cluster?.clusterArn);
    const d = await ecs.send(new DescribeClustersCommand({ clusters: ["alpha", "nope"], include: ["TAGS"] }));
    assert.equal(d.clusters?.[0].status, "ACTIVE");
    assert.deepEqual(d.clusters?.[0].tags, [{ key: "lab", value: "x" }]);
    assert.equal(d.failures?.[0].reason, "MISSING");
    assert.ok((await ecs.send(new ListClustersCommand({}))).clusterArns?.includes(a.cluster!.clusterArn!));
    const del = await ecs.send(new DeleteClusterCommand({ cluster: "alpha" }));
    assert.equal(del.cluster?.status, "INACTIVE");
    assert.ok(!(await ecs.send(new ListClustersCommand({}))).clusterArns?.includes(a.cluster!.clusterArn!));
    await rejectsWith(ecs.send(new DeleteClusterCommand({ cluster: "alpha" })), "ClusterNotFoundException");
    await rejectsWith(ecs.send(new ListServicesCommand({ cluster: "ghost" })), "ClusterNotFoundException");
  });

  it("registers task definition revisions and resolves family, family:rev and ARN", async () => {
    const r1 = await echoTaskDefinition(ecs, "fam");
    const r2 = await echoTaskDefinition(ecs, "fam", { version: "v2" });
    assert.equal(r1.revision, 1);
    assert.equal(r2.revision, 2);
    assert.equal((await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "fam" }))).taskDefinition?.revision, 2);
    assert.equal((await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "fam:1" }))).taskDefinition?.revision, 1);
    assert.equal((await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: r1.taskDefinitionArn }))).taskDefinition?.family, "fam");
    const dereg = await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: "fam:2" }));
    assert.equal(dereg.taskDefinition?.status, "INACTIVE");
    assert.equal((await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "fam" }))).taskDefinition?.revision, 1);
    const list = await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: "fam" }));
    assert.deepEqual(list.taskDefinitionArns, [r1.taskDefinitionArn]);
    await rejectsWith(ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "nope" })), "ClientException");
    await rejectsWith(
      ecs.send(new RegisterTaskDefinitionCommand({ family: "f", requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc", containerDefinitions: [{ name: "a", image: "x" }] })),
      "ClientException",
    );
    await rejectsWith(ecs.send(new RegisterTaskDefinitionCommand({ family: "bad family", containerDefinitions: [{ name: "a", image: "x" }] })), "ClientException");
  });

  it("rejects bad services with ECS's errors", async () => {
    await ecs.send(new CreateClusterCommand({ clusterName: "errs" }));
    await echoTaskDefinition(ecs, "errs-td");
    await rejectsWith(ecs.send(new CreateServiceCommand({ cluster: "ghost", serviceName: "s", taskDefinition: "errs-td", desiredCount: 1 })), "ClusterNotFoundException");
    await rejectsWith(ecs.send(new CreateServiceCommand({ cluster: "errs", serviceName: "s", taskDefinition: "missing", desiredCount: 1 })), "ClientException");
    await rejectsWith(
      ecs.send(new CreateServiceCommand({ cluster: "errs", serviceName: "s", taskDefinition: "errs-td", desiredCount: 1, loadBalancers: [{ targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/x/1", containerName: "app", containerPort: 8080 }] })),
      "InvalidParameterException",
    );
    await rejectsWith(
      ecs.send(new CreateServiceCommand({ cluster: "errs", serviceName: "s", taskDefinition: "errs-td", desiredCount: 0, serviceConnectConfiguration: { enabled: true, namespace: "no-such-ns" } })),
      "NamespaceNotFoundException",
    );
    await rejectsWith(ecs.send(new UpdateServiceCommand({ cluster: "errs", service: "ghost", desiredCount: 1 })), "ServiceNotFoundException");
    await rejectsWith(ecs.send(new DeleteServiceCommand({ cluster: "errs", service: "ghost" })), "ServiceNotFoundException");
    await rejectsWith(ecs.send(new ListTasksCommand({ cluster: "errs", serviceName: "ghost" })), "ServiceNotFoundException");
    await rejectsWith(ecs.send(new StopTaskCommand({ cluster: "errs", task: "0123" })), "InvalidParameterException");
    const d = await ecs.send(new DescribeServicesCommand({ cluster: "errs", services: ["ghost"] }));
    assert.equal(d.failures?.[0].reason, "MISSING");
  });
});

describe("ecs runtime", () => {
  let gw: TestGateway;
  let ecs: ECSClient;
  let alb: Awaited<ReturnType<typeof loadBalancer>>;
  before(async () => {
    gw = await startTestGateway();
    ecs = new ECSClient({ ...gw.clientConfig, maxAttempts: 1 });
    await ecs.send(new CreateClusterCommand({ clusterName: "lab" }));
    await echoTaskDefinition(ecs, "web", { logGroup: "/ecs/web" });
    alb = await loadBalancer(gw, "web-lb");
  });
  after(() => gw.stop());

  it("starts desiredCount 2 as two real processes answering through the ALB", async () => {
    const t0 = Date.now();
    await ecs.send(
      new CreateServiceCommand({
        cluster: "lab",
        serviceName: "web",
        taskDefinition: "web",
        desiredCount: 2,
        loadBalancers: [{ targetGroupArn: alb.tg.TargetGroupArn, containerName: "app", containerPort: 8080 }],
        tags: [{ key: "lab", value: "cross-service-lab" }],
      }),
    );
    await waitFor("2 running and steady", async () => {
      const s = await service(ecs, "lab", "web");
      return s.runningCount === 2 && s.events?.[0]?.message?.includes("has reached a steady state.");
    });
    const elapsed = Date.now() - t0;
    const seen = await bodies(`${alb.url}/hello`, 6);
    const ports = new Set(seen.map((b) => b.port));
    assert.equal(ports.size, 2, "round robin over two tasks");
    assert.ok(seen.every((b) => b.name === "web" && b.version === "v1"));
    assert.match(String(seen[0].traceId), /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    assert.equal(seen[0].forwardedFor, "127.0.0.1");
    const s = await service(ecs, "lab", "web");
    const messages = s.events!.map((e) => e.message);
    assert.match(messages.at(-1)!, /^\(service web\) has started 1 tasks: \(task [0-9a-f]{32}\)\.$/);
    assert.ok(s.events![0].createdAt! >= s.events!.at(-1)!.createdAt!, "newest first");
    assert.equal(s.deployments?.[0].rolloutState, "COMPLETED");
    const tasks = (await ecs.send(new ListTasksCommand({ cluster: "lab", serviceName: "web" }))).taskArns!;
    const described = (await ecs.send(new DescribeTasksCommand({ cluster: "lab", tasks }))).tasks!;
    assert.equal(described.length, 2);
    for (const t of described) {
      assert.equal(t.lastStatus, "RUNNING");
      assert.ok(t.startedAt instanceof Date);
      const b = t.containers![0].networkBindings![0];
      assert.equal(b.containerPort, 8080);
      assert.ok(ports.has(b.hostPort), "hostPort is the port that answered");
    }
    const map = await labJson(gw, "/ecs/tasks");
    assert.equal(map.filter((t: any) => t.service === "web" && alive(t.pid)).length, 2);
    assert.ok(map.every((t: any) => t.health === "healthy"));
    console.log(`# ecs: 2 tasks healthy behind the ALB in ${elapsed} ms`);
  });

  it("ships task stdout to CloudWatch Logs (awslogs driver)", async () => {
    const logs = new CloudWatchLogsClient(gw.clientConfig);
    const [t] = (await labJson(gw, "/ecs/tasks")).filter((x: any) => x.service === "web");
    const out = await waitFor("log events", async () => {
      const r = await logs.send(new FilterLogEventsCommand({ logGroupName: "/ecs/web", logStreamNames: [`ecs/app/${t.taskId}`] }));
      return r.events?.length ? r : undefined;
    });
    assert.ok(out.events!.some((e) => e.message?.includes("listening on")));
  });

  it("replaces a killed task and records it in events and DescribeTasks", async () => {
    const before = (await labJson(gw, "/ecs/tasks")).filter((t: any) => t.service === "web");
    const victim = before[0];
    process.kill(victim.pid, "SIGKILL");
    await waitFor("a replacement task", async () => {
      const now = (await labJson(gw, "/ecs/tasks")).filter((t: any) => t.service === "web" && t.lastStatus === "RUNNING");
      return now.length === 2 && !now.some((t: any) => t.taskId === victim.taskId);
    });
    const old = (await ecs.send(new DescribeTasksCommand({ cluster: "lab", tasks: [victim.taskArn] }))).tasks![0];
    assert.equal(old.lastStatus, "STOPPED");
    assert.equal(old.stoppedReason, "Essential container in task exited");
    assert.equal(old.stopCode, "EssentialContainerExited");
    assert.equal(old.containers![0].exitCode, 137);
    const s = await service(ecs, "lab", "web");
    const messages = s.events!.map((e) => e.message!);
    assert.ok(messages.some((m) => m.includes(`(task ${victim.taskId}) stopped: Essential container in task exited`)));
    assert.ok(messages.some((m) => m.startsWith("(service web) has started 1 tasks")));
    await waitFor("answers from the new task", async () => (await bodies(`${alb.url}/`, 4)).every((b) => b.port !== victim.port));
    const stopped = (await ecs.send(new ListTasksCommand({ cluster: "lab", serviceName: "web", desiredStatus: "STOPPED" }))).taskArns!;
    assert.ok(stopped.includes(victim.taskArn));
  });

  it("StopTask stops a task with the given reason and the service replaces it", async () => {
    const [victim] = (await labJson(gw, "/ecs/tasks")).filter((t: any) => t.service === "web");
    const out = await ecs.send(new StopTaskCommand({ cluster: "lab", task: victim.taskArn, reason: "testing StopTask" }));
    assert.equal(out.task?.desiredStatus, "STOPPED");
    await waitFor("process gone", () => !alive(victim.pid));
    await waitFor("replacement", async () => (await service(ecs, "lab", "web")).runningCount === 2 && (await labJson(gw, "/ecs/tasks")).every((t: any) => t.taskId !== victim.taskId));
    const t = (await ecs.send(new DescribeTasksCommand({ cluster: "lab", tasks: [victim.taskArn] }))).tasks![0];
    assert.equal(t.stoppedReason, "testing StopTask");
    assert.equal(t.stopCode, "UserInitiated");
  });

  it("rolls a new task definition out: new tasks first, then the old ones stop", async () => {
    const td2 = await echoTaskDefinition(ecs, "web", { version: "v2", logGroup: "/ecs/web" });
    await ecs.send(new UpdateServiceCommand({ cluster: "lab", service: "web", taskDefinition: td2.taskDefinitionArn }));
    await waitFor("only v2 answers", async () => {
      const s = await service(ecs, "lab", "web");
      return s.deployments?.length === 1 && s.runningCount === 2 && (await bodies(`${alb.url}/`, 4)).every((b) => b.version === "v2");
    }, 30_000);
    const s = await service(ecs, "lab", "web");
    assert.equal(s.taskDefinition, td2.taskDefinitionArn);
    assert.equal(s.deployments?.[0].taskDefinition, td2.taskDefinitionArn);
  });

  it("lists and tags services; DeleteService needs force while scaled above 0", async () => {
    const arns = (await ecs.send(new ListServicesCommand({ cluster: "lab" }))).serviceArns!;
    assert.deepEqual(arns, ["arn:aws:ecs:us-east-1:000000000000:service/lab/web"]);
    await ecs.send(new TagResourceCommand({ resourceArn: arns[0], tags: [{ key: "team", value: "a" }] }));
    const tags = (await ecs.send(new ListTagsForResourceCommand({ resourceArn: arns[0] }))).tags!;
    assert.deepEqual(tags.map((t) => t.key).sort(), ["lab", "team"]);
    await rejectsWith(ecs.send(new DeleteServiceCommand({ cluster: "lab", service: "web" })), "InvalidParameterException");
    await rejectsWith(ecs.send(new DeleteClusterCommand({ cluster: "lab" })), "ClusterContainsServicesException");
  });

  for (const cli of ["v1", "v2"] as const) {
    it(`works with the ${cli} CLI: ecs describe-services shows runningCount`, async () => {
      const out = await aws(cli, gw.url, ["ecs", "describe-services", "--cluster", "lab", "--services", "web"]);
      assert.equal(out.code, 0, out.stderr);
      const s = out.json().services[0];
      assert.equal(s.runningCount, 2);
      assert.equal(s.desiredCount, 2);
      const list = await aws(cli, gw.url, ["ecs", "list-tasks", "--cluster", "lab", "--service-name", "web"]);
      assert.equal(list.json().taskArns.length, 2);
    });
  }

  it("scales to 0: processes end, ports close, the ALB answers 503", async () => {
    const live = (await labJson(gw, "/ecs/tasks")).filter((t: any) => t.service === "web");
    await ecs.send(new UpdateServiceCommand({ cluster: "lab", service: "web", desiredCount: 0 }));
    await waitFor("all processes gone", () => live.every((t: any) => !alive(t.pid)));
    for (const t of live) assert.equal(await portOpen(t.port), false, `port ${t.port} closed`);
    const s = await service(ecs, "lab", "web");
    assert.equal(s.runningCount, 0);
    assert.ok(s.events!.some((e) => e.message?.includes("has stopped 1 running tasks")));
    const res = await fetch(`${alb.url}/`);
    assert.equal(res.status, 503);
    const health = await alb.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: alb.tg.TargetGroupArn }));
    assert.ok(health.TargetHealthDescriptions!.every((d) => d.TargetHealth?.State === "draining"));
    const del = await ecs.send(new DeleteServiceCommand({ cluster: "lab", service: "web" }));
    assert.equal(del.service?.status, "DRAINING");
    await waitFor("INACTIVE", async () => (await service(ecs, "lab", "web")).status === "INACTIVE");
  });

  it("runs standalone tasks (RunTask) that are not replaced", async () => {
    const out = await ecs.send(new RunTaskCommand({ cluster: "lab", taskDefinition: "web:1", count: 1, startedBy: "tester" }));
    const arn = out.tasks![0].taskArn!;
    const t = await waitFor("running", async () => {
      const d = (await ecs.send(new DescribeTasksCommand({ cluster: "lab", tasks: [arn] }))).tasks![0];
      return d.lastStatus === "RUNNING" ? d : undefined;
    });
    const port = t.containers![0].networkBindings![0].hostPort;
    assert.equal((await (await fetch(`http://127.0.0.1:${port}/x`)).json()).path, "/x");
    await fetch(`http://127.0.0.1:${port}/_fixture/crash`, { method: "POST" });
    await waitFor("stopped", async () => (await ecs.send(new DescribeTasksCommand({ cluster: "lab", tasks: [arn] }))).tasks![0].lastStatus === "STOPPED");
    const running = (await ecs.send(new ListTasksCommand({ cluster: "lab", startedBy: "tester" }))).taskArns!;
    assert.deepEqual(running, []);
  });

  it("fails a task whose image has no local entry point, naming the image map", async () => {
    await ecs.send(new RegisterTaskDefinitionCommand({ family: "ghost", containerDefinitions: [{ name: "x", image: "nginx:latest", portMappings: [{ containerPort: 80 }] }] }));
    const arn = (await ecs.send(new RunTaskCommand({ cluster: "lab", taskDefinition: "ghost" }))).tasks![0].taskArn!;
    const t = await waitFor("stopped", async () => {
      const d = (await ecs.send(new DescribeTasksCommand({ cluster: "lab", tasks: [arn] }))).tasks![0];
      return d.lastStatus === "STOPPED" ? d : undefined;
    });
    assert.match(t.stoppedReason!, /CannotPullContainerError: image nginx:latest .*image-map\.ts/);
    assert.equal(t.stopCode, "TaskFailedToStart");
  });

  it("retries a service whose tasks cannot start with back-off, not in a tight loop", async () => {
    await ecs.send(new CreateServiceCommand({ cluster: "lab", serviceName: "broken", taskDefinition: "ghost", desiredCount: 1 }));
    await new Promise((r) => setTimeout(r, 3500));
    const stopped = (await ecs.send(new ListTasksCommand({ cluster: "lab", serviceName: "broken", desiredStatus: "STOPPED" }))).taskArns!;
    assert.ok(stopped.length >= 2 && stopped.length <= 6, `${stopped.length} attempts in 3.5 s`);
    const messages = (await service(ecs, "lab", "broken")).events!.map((e) => e.message!);
    assert.ok(messages.some((m) => m.includes("failed to start: CannotPullContainerError")));
    assert.ok(messages.some((m) => m.includes("is unable to consistently start tasks successfully")));
    await ecs.send(new DeleteServiceCommand({ cluster: "lab", service: "broken", force: true }));
  });
});

describe("ecs restart", () => {
  it("respawns tasks and reopens the listener after the emulator restarts", async () => {
    const dataDir = tempDir("ecs-restart-");
    let gw = await startTestGateway({ dataDir });
    let pids: number[] = [];
    let url = "";
    try {
      const ecs = new ECSClient(gw.clientConfig);
      await ecs.send(new CreateClusterCommand({ clusterName: "keep" }));
      await echoTaskDefinition(ecs, "keep");
      const alb = await loadBalancer(gw, "keep-lb");
      url = alb.url;
      await ecs.send(new CreateServiceCommand({ cluster: "keep", serviceName: "keep", taskDefinition: "keep", desiredCount: 1, loadBalancers: [{ targetGroupArn: alb.tg.TargetGroupArn, containerName: "app", containerPort: 8080 }] }));
      await waitFor("answering", async () => (await fetch(`${url}/`)).status === 200);
      pids = (await labJson(gw, "/ecs/tasks")).map((t: any) => t.pid);
    } finally {
      await gw.stop();
    }
    assert.ok(pids.every((p) => !alive(p)), "stop() kills every task");
    assert.equal(await portOpen(Number(new URL(url).port)), false, "listener closed while stopped");
    gw = await startTestGateway({ dataDir });
    try {
      const t0 = Date.now();
      const body = await waitFor("answering again", async () => {
        const r = await fetch(`${url}/again`);
        return r.status === 200 ? r.json() : undefined;
      });
      console.log(`# ecs: restart to first answer through the listener ${Date.now() - t0} ms`);
      assert.equal(body.path, "/again");
      assert.ok(!pids.includes(body.pid), "a new process");
      const ecs = new ECSClient(gw.clientConfig);
      const stopped = (await ecs.send(new ListTasksCommand({ cluster: "keep", desiredStatus: "STOPPED" }))).taskArns!;
      const old = (await ecs.send(new DescribeTasksCommand({ cluster: "keep", tasks: stopped }))).tasks!;
      assert.ok(old.some((t) => t.stoppedReason === "Task stopped because the emulator restarted"));
      const s = (await ecs.send(new DescribeServicesCommand({ cluster: "keep", services: ["keep"] }))).services![0];
      assert.equal(s.runningCount, 1);
    } finally {
      await gw.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe("ecs orphans", () => {
  it("task processes exit when the emulator process is SIGKILLed", async () => {
    const main = join(import.meta.dirname, "..", "main.ts");
    const emu = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", main, "--port", "0", "--ephemeral", "--quiet"], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        emu.stdout.setEncoding("utf8");
        emu.stdout.on("data", (d: string) => {
          const m = /listening on (http:\/\/\S+)/.exec(d);
          if (m) resolve(m[1]);
        });
        emu.once("exit", () => reject(new Error("emulator exited")));
      });
      const ecs = new ECSClient({ endpoint: url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
      await ecs.send(new CreateClusterCommand({ clusterName: "orphans" }));
      await echoTaskDefinition(ecs, "orphan");
      const arn = (await ecs.send(new RunTaskCommand({ cluster: "orphans", taskDefinition: "orphan", count: 2 }))).tasks!.map((t) => t.taskArn!);
      const pids = await waitFor("running", async () => {
        const ts = (await ecs.send(new DescribeTasksCommand({ cluster: "orphans", tasks: arn }))).tasks!;
        return ts.every((t) => t.lastStatus === "RUNNING") ? ts.map((t) => Number(t.containers![0].runtimeId!.split("-").pop())) : undefined;
      });
      assert.ok(pids.every(alive));
      emu.kill("SIGKILL");
      await waitFor("tasks exit with their emulator", () => pids.every((p) => !alive(p)), 10_000);
    } finally {
      if (emu.exitCode === null) emu.kill("SIGKILL");
    }
  });
});

describe("ecs reset", () => {
  it("/_lab/reset stops every task and listener, and the runtime keeps working after", async () => {
    const gw = await startTestGateway();
    try {
      const ecs = new ECSClient(gw.clientConfig);
      const setup = async (name: string) => {
        await ecs.send(new CreateClusterCommand({ clusterName: name }));
        await echoTaskDefinition(ecs, name);
        const alb = await loadBalancer(gw, `${name}-lb`);
        await ecs.send(new CreateServiceCommand({ cluster: name, serviceName: name, taskDefinition: name, desiredCount: 1, loadBalancers: [{ targetGroupArn: alb.tg.TargetGroupArn, containerName: "app", containerPort: 8080 }] }));
        await waitFor("answering", async () => (await fetch(`${alb.url}/`)).status === 200);
        return alb;
      };
      const first = await setup("before");
      const pids = (await labJson(gw, "/ecs/tasks")).map((t: any) => t.pid);
      const res = await fetch(`${gw.url}/_lab/reset`, { method: "POST" });
      assert.equal(res.status, 200);
      assert.ok(pids.every((p: number) => !alive(p)));
      assert.equal(await portOpen(first.port), false);
      assert.deepEqual(await labJson(gw, "/ecs/tasks"), []);
      const second = await setup("after");
      assert.equal((await (await fetch(`${second.url}/`)).json()).name, "after");
    } finally {
      await gw.stop();
    }
  });
});
