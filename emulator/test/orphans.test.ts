// Orphans an earlier run left behind: found by the emulator's scan, removed by the lab's cleanup
// path, which says what it removed. The emulator's own tasks and workers are never touched.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { CreateClusterCommand, DescribeTasksCommand, ECSClient, RunTaskCommand } from "@aws-sdk/client-ecs";
import { cleanupLab } from "../../lib/lab/cleanup.ts";
import type { LabProgress } from "../../lib/lab/progress.ts";
import type { Orphan } from "../runtime/orphans.ts";
import { echoTaskDefinition, freePort, portOpen, waitFor } from "./fixtures/containers.ts";
import { REGION, startTestGateway, type TestGateway } from "./harness.ts";

/** A process that looks like a task or worker of `emulatorUrl`, listening on `port`; `stubborn` ignores SIGTERM. */
function fakeLeftover(env: Record<string, string>, port: number, stubborn = false): Promise<ChildProcess> {
  const code = `${stubborn ? "process.on('SIGTERM', () => {});" : ""}require('node:net').createServer().listen(${port}, '127.0.0.1', () => console.log('up'));`;
  const child = spawn(process.execPath, ["-e", code], { env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.stdout?.once("data", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`fake leftover exited with ${code}`)));
  });
}


const orphansOf = async (gw: TestGateway) => ((await (await fetch(`${gw.url}/_lab/orphans`)).json()) as { orphans: Orphan[] }).orphans;

describe("orphans left by an earlier run", { skip: process.platform !== "linux" && "the scan reads /proc" }, () => {
  let gw: TestGateway;
  const children: ChildProcess[] = [];
  before(async () => {
    gw = await startTestGateway();
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await gw.stop();
  });

  it("lists only processes that point at this emulator and that it does not own, with their ports", async () => {
    // One task the emulator really runs: it must never count as an orphan.
    const ecs = new ECSClient(gw.clientConfig);
    await ecs.send(new CreateClusterCommand({ clusterName: "owned" }));
    await echoTaskDefinition(ecs, "owned-echo");
    const [task] = (await ecs.send(new RunTaskCommand({ cluster: "owned", taskDefinition: "owned-echo" }))).tasks ?? [];
    const ownedPid = await waitFor("the owned task to run", async () => {
      const t = (await ecs.send(new DescribeTasksCommand({ cluster: "owned", tasks: [task.taskArn as string] }))).tasks?.[0];
      return t?.lastStatus === "RUNNING" ? Number(t.containers?.[0].runtimeId?.split("-").pop()) : undefined;
    });

    const [taskPort, workerPort, otherPort] = [await freePort(), await freePort(), await freePort()];
    children.push(
      await fakeLeftover({ ECS_CONTAINER_METADATA_URI_V4: `${gw.url}/_lab/ecs/metadata/old/app`, ECS_TASK_ARN: "arn:aws:ecs:us-east-1:000000000000:task/lab/old", PORT: String(taskPort) }, taskPort),
      await fakeLeftover({ AWS_LAMBDA_FUNCTION_NAME: "circuit-breaker-manager", AWS_ENDPOINT_URL: gw.url }, workerPort, true),
      // Another emulator's task (another port): not ours to touch.
      await fakeLeftover({ ECS_CONTAINER_METADATA_URI_V4: "http://127.0.0.1:1/_lab/ecs/metadata/x/app", ECS_TASK_ARN: "arn:other" }, otherPort),
    );

    const orphans = await orphansOf(gw);
    assert.deepEqual(
      orphans.map((o) => ({ kind: o.kind, name: o.name, ports: o.ports })).sort((a, b) => a.kind.localeCompare(b.kind)),
      [
        { kind: "ecs-task", name: "arn:aws:ecs:us-east-1:000000000000:task/lab/old", ports: [taskPort] },
        { kind: "lambda-worker", name: "circuit-breaker-manager", ports: [workerPort] },
      ],
    );
    assert.ok(!orphans.some((o) => o.pid === ownedPid), "the emulator's own task is not an orphan");
  });

  it("the lab's cleanup stops them (SIGKILL for one that ignores SIGTERM), frees their ports and says what it removed", async () => {
    const before = await orphansOf(gw);
    assert.equal(before.length, 2);
    const steps: string[] = [];
    const onProgress = (p: LabProgress) => {
      if (p.kind === "step") steps.push(p.message);
    };
    await cleanupLab({ target: { kind: "local", endpoint: gw.url, region: REGION }, onProgress });
    for (const o of before) {
      assert.ok(
        steps.some((s) => s.includes(`pid ${o.pid}`) && o.ports.every((port) => s.includes(String(port)))),
        `a step names pid ${o.pid} and its ports: ${steps.join(" | ")}`,
      );
      for (const port of o.ports) assert.equal(await portOpen(port), false, `port ${port} is free`);
    }
    assert.deepEqual(await orphansOf(gw), []);
    // The other emulator's process is still running, and so is the owned task.
    assert.equal(children[2].exitCode, null);
    const tasks = (await (await fetch(`${gw.url}/_lab/ecs/tasks`)).json()) as { lastStatus?: string }[];
    assert.ok(tasks.length >= 1);
  });
});
