// Crash recovery of the emulator itself. (A task killed under a running emulator is replaced and
// recorded in DescribeServices events: ecs.test.ts "replaces a killed task", ecs-stack.test.ts
// "heals a killed order task"; a graceful restart: ecs.test.ts "ecs restart".)
// Here the emulator process is SIGKILLed with an ECS + ALB stack running: its tasks must not
// outlive it, and a restart on the same port and data directory brings the tasks back as new
// processes behind a listener that listens again, with the old tasks recorded as stopped.
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { after, describe, it } from "node:test";
import { CloudFormationClient, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { DescribeServicesCommand, DescribeTasksCommand, ECSClient, ListTasksCommand } from "@aws-sdk/client-ecs";
import { alive, freePort, portOpen, waitFor } from "./fixtures/containers.ts";
import { tempDir } from "./harness.ts";
import { deployEchoStack, ECHO_CLUSTER, ECHO_SERVICE } from "./support/echo-stack.ts";
import { descendants, type EmulatorProcess, listeningSockets, startEmulator } from "./support/process.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

interface LabTask {
  service: string;
  taskId: string;
  taskArn: string;
  pid: number;
  port: number;
  lastStatus: string;
  health: string;
}

const credentials = { accessKeyId: "test", secretAccessKey: "test" };

async function runningTasks(emu: EmulatorProcess): Promise<LabTask[]> {
  const all = (await (await fetch(`${emu.url}/_lab/ecs/tasks`)).json()) as LabTask[];
  return all.filter((t) => t.service === ECHO_SERVICE && t.lastStatus === "RUNNING" && t.pid);
}

describe("crash recovery: the emulator SIGKILLed with a stack running", () => {
  const dataDir = tempDir("crash-");
  let emu: EmulatorProcess | undefined;
  after(async () => {
    await emu?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("tasks die with it; after a restart they respawn as new processes, the listener listens, nothing is orphaned", async () => {
    const port = await freePort();
    const listenerPort = await freePort();
    const args = ["--port", String(port), "--data-dir", dataDir, "--quiet"];
    emu = await startEmulator(args);
    const cf = new CloudFormationClient({ endpoint: emu.url, region: "us-east-1", credentials });
    await deployEchoStack(cf, "crash-stack", listenerPort, 2);
    const before = await waitFor("2 running tasks answering", async () => {
      const t = await runningTasks(emu!);
      return t.length === 2 && (await fetch(`http://127.0.0.1:${listenerPort}/`)).status === 200 ? t : undefined;
    }, 60_000);
    const oldPids = before.map((t) => t.pid);
    assert.deepEqual(descendants(emu.child.pid!).filter((p) => oldPids.includes(p)).sort(), [...oldPids].sort(), "the tasks are the emulator's children");

    await emu.kill();
    await waitFor("old tasks exit with their emulator", () => oldPids.every((p) => !alive(p)), 10_000);
    assert.equal(await portOpen(listenerPort), false, "the listener died with the emulator");

    const t0 = Date.now();
    emu = await startEmulator(args);
    const body = await waitFor("the listener answers again", async () => {
      const r = await fetch(`http://127.0.0.1:${listenerPort}/after-restart`);
      return r.status === 200 ? r.json() : undefined;
    }, 60_000);
    const recoveryMs = Date.now() - t0;
    assert.equal(body.path, "/after-restart");
    assert.ok(!oldPids.includes(body.pid), "answered by a new process");

    const after = await waitFor("2 running tasks again", async () => {
      const t = await runningTasks(emu!);
      return t.length === 2 ? t : undefined;
    }, 30_000);
    const newPids = after.map((t) => t.pid);
    assert.ok(newPids.every((p) => !oldPids.includes(p) && alive(p)), "new task processes");
    assert.ok(oldPids.every((p) => !alive(p)), "no old task survived (no orphans)");
    const children = descendants(emu.child.pid!);
    assert.ok(newPids.every((p) => children.includes(p)), "the new tasks are children of the new emulator");
    for (const t of after) {
      assert.deepEqual(listeningSockets(t.pid).filter((s) => s.port === t.port), [{ address: "127.0.0.1", port: t.port }], `task ${t.taskId} listens on its port`);
    }
    const listener = listeningSockets(emu.child.pid!).filter((s) => s.port === listenerPort);
    assert.ok(listener.some((s) => s.address === "127.0.0.1"), "the restarted emulator holds the listener on 127.0.0.1");

    const ecs = new ECSClient({ endpoint: emu.url, region: "us-east-1", credentials });
    const svc = (await ecs.send(new DescribeServicesCommand({ cluster: ECHO_CLUSTER, services: [ECHO_SERVICE] }))).services![0];
    assert.equal(svc.desiredCount, 2);
    assert.equal(svc.runningCount, 2);
    const stopped = (await ecs.send(new ListTasksCommand({ cluster: ECHO_CLUSTER, serviceName: ECHO_SERVICE, desiredStatus: "STOPPED" }))).taskArns!;
    const old = (await ecs.send(new DescribeTasksCommand({ cluster: ECHO_CLUSTER, tasks: before.map((t) => t.taskArn) }))).tasks!;
    assert.ok(before.every((t) => stopped.includes(t.taskArn)), "the old tasks are listed as STOPPED");
    for (const t of old) {
      assert.equal(t.lastStatus, "STOPPED");
      assert.ok(t.stoppedReason, `old task ${t.taskArn} has a stopped reason`);
    }
    const stack = (await new CloudFormationClient({ endpoint: emu.url, region: "us-east-1", credentials }).send(new DescribeStacksCommand({ StackName: "crash-stack" }))).Stacks![0];
    assert.equal(stack.StackStatus, "CREATE_COMPLETE", "the stack record survived the kill");
    console.log(`# crash-recovery: SIGKILL → restart → listener answering in ${recoveryMs} ms; old pids ${oldPids.join(",")} gone, new ${newPids.join(",")}; stopped reason "${old[0].stoppedReason}"`);

    // Healing still works after the crash: a task killed by PID is replaced and shows in the events.
    const victim = after[0];
    process.kill(victim.pid, "SIGKILL");
    await waitFor("a replacement", async () => {
      const t = await runningTasks(emu!);
      return t.length === 2 && !t.some((x) => x.taskId === victim.taskId);
    }, 30_000);
    const events = (await ecs.send(new DescribeServicesCommand({ cluster: ECHO_CLUSTER, services: [ECHO_SERVICE] }))).services![0].events!.map((e) => e.message!);
    assert.ok(events.some((m) => m.includes(`(task ${victim.taskId}) stopped`)), "the kill is in the service events");
  });
});
