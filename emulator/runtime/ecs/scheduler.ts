// The ECS runtime: a service's tasks are local child processes. The scheduler keeps each
// ACTIVE service at its desired count, replaces tasks whose essential container exits or that
// fail their load balancer health checks, rolls deployments forward (new tasks first, then the
// old ones stop), and registers running tasks with their target groups and Cloud Map services.
// Service events follow the wording of
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages-list.html
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import type { ServiceEnv } from "../../core/service.ts";
import { scopedKey } from "../../core/state.ts";
import {
  type ClusterRecord,
  type ContainerRecord,
  type EcsStore,
  isLive,
  isPending,
  isRunning,
  newTaskId,
  type ServiceRecord,
  type TaskDefinitionRecord,
  type TaskRecord,
} from "../../services/ecs/store.ts";
import { LogShipper } from "./awslogs.ts";
import { REPO_ROOT, resolveImage } from "./image-map.ts";
import { bundleModules, TASK_NODE_FLAGS } from "../node-bundle.ts";
import { freePort, portAccepts } from "./ports.ts";

const ORPHAN_GUARD = join(import.meta.dirname, "orphan-guard.ts");
const READY_TIMEOUT_MS = 60_000;
/** ECS's default stopTimeout is 30 s; locally tasks get 3 s unless the container sets one. */
const DEFAULT_STOP_TIMEOUT_S = 3;
const STEADY = "has reached a steady state.";

export interface TaskSource {
  accountId: string;
  region: string;
  clusterName: string;
  serviceName?: string;
  taskArn: string;
}

/** How the mesh data plane rewires a task's environment (see emulator/runtime/mesh). */
export interface EnvWiring {
  wireEnv(source: TaskSource, env: Record<string, string>): Promise<Record<string, string>>;
}

interface Proc {
  children: Map<string, ChildProcess>;
  exits: Promise<unknown>[];
  stopping?: Promise<void>;
  tail: string[];
}

export interface LaunchSpec {
  cluster: ClusterRecord;
  taskDefinition: TaskDefinitionRecord;
  service?: ServiceRecord;
  deploymentId?: string;
  startedBy?: string;
  group?: string;
  overrides?: TaskRecord["overrides"];
  tags?: TaskRecord["tags"];
  launchType?: string;
}

export class EcsRuntime {
  wiring?: EnvWiring;
  /** Load balancer health of a task's target, for /_lab/ecs/tasks. */
  targetHealthOf?: (task: TaskRecord) => string | undefined;
  private store: EcsStore;
  private env: ServiceEnv;
  private procs = new Map<string, Proc>();
  private queue = new Map<string, { running: boolean; again: boolean }>();
  private backoff = new Map<string, { failures: number; until: number; timer?: NodeJS.Timeout; warned?: boolean }>();
  private closed = false;
  private logs: LogShipper;
  private readonly exitHook = () => this.killAllNow();

  constructor(store: EcsStore, env: ServiceEnv) {
    this.store = store;
    this.env = env;
    this.logs = new LogShipper(env.api, (m) => env.log("ecs", m));
  }

  /** After a restart no task process survives: record that, then bring services back. */
  async start() {
    this.closed = false;
    process.on("exit", this.exitHook);
    for (const t of this.store.tasks.values()) {
      if (t.lastStatus === "STOPPED") continue;
      const svc = t.serviceName ? this.store.services.get(this.store.serviceKey(t, t.clusterName, t.serviceName)) : undefined;
      await this.detach(t, svc, false);
      this.finalize(t, "Task stopped because the emulator restarted", "TerminationNotice");
    }
    for (const svc of this.store.services.values()) {
      if (svc.status === "DRAINING") {
        svc.status = "INACTIVE";
        this.store.saveService(svc);
      }
      if (svc.status === "ACTIVE") this.schedule(svc);
    }
  }

  async stop() {
    this.closed = true;
    for (const b of this.backoff.values()) if (b.timer) clearTimeout(b.timer);
    this.backoff.clear();
    await Promise.all([...this.procs.keys()].map((arn) => this.kill(arn, 2)));
    await this.logs.close();
    process.off("exit", this.exitHook);
  }

  async reset() {
    await this.stop();
    this.queue.clear();
    this.closed = false;
    process.on("exit", this.exitHook);
  }

  /** Synchronous last resort when the emulator's own process exits. */
  private killAllNow() {
    for (const p of this.procs.values()) for (const c of p.children.values()) if (c.exitCode === null) c.kill("SIGKILL");
  }

  processes() {
    return [...this.procs.entries()].map(([taskArn, p]) => ({ taskArn, pids: [...p.children.values()].map((c) => c.pid), tail: p.tail.slice(-20) }));
  }

  /** Re-evaluates a service soon; calls for one service never overlap. */
  schedule(svc: ServiceRecord) {
    if (this.closed) return;
    const key = this.store.serviceKey(svc, svc.clusterName, svc.serviceName);
    let q = this.queue.get(key);
    if (!q) {
      q = { running: false, again: false };
      this.queue.set(key, q);
    }
    if (q.running) {
      q.again = true;
      return;
    }
    q.running = true;
    const entry = q;
    void (async () => {
      try {
        do {
          entry.again = false;
          const cur = this.store.services.get(key);
          if (cur) await this.reconcile(cur, key);
        } while (entry.again && !this.closed);
      } catch (e) {
        this.env.log("ecs", "scheduler error", { service: key, error: (e as Error).message });
      } finally {
        entry.running = false;
      }
    })();
  }

  private async reconcile(svc: ServiceRecord, key: string) {
    const tasks = this.store.tasksOf(svc);
    const live = tasks.filter(isLive);
    if (svc.status !== "ACTIVE") {
      await Promise.all(live.map((t) => this.terminate(t, "Service deleted", "ServiceSchedulerInitiated")));
      return;
    }
    const primary = svc.deployments[0];
    const primaryLive = live.filter((t) => t.deploymentId === primary.id);
    const missing = svc.desiredCount - primaryLive.length;
    if (missing > 0) {
      const b = this.backoff.get(key);
      const wait = b ? b.until - Date.now() : 0;
      if (wait > 0) {
        if (!b!.timer) {
          b!.timer = setTimeout(() => {
            b!.timer = undefined;
            this.schedule(svc);
          }, wait);
          b!.timer.unref();
        }
      } else {
        const td = this.store.taskDefinition(svc, primary.taskDefinition);
        const cluster = this.store.clusters.get(scopedKey(svc, svc.clusterName));
        if (td && cluster) for (let i = 0; i < missing; i++) this.launch({ cluster, taskDefinition: td, service: svc, deploymentId: primary.id });
      }
    } else if (missing < 0) {
      const extra = [...primaryLive].sort((a, b) => Number(isRunning(a)) - Number(isRunning(b)) || b.createdAt - a.createdAt).slice(0, -missing);
      for (const t of extra) {
        this.store.addEvent(svc, `has stopped 1 running tasks: (task ${t.taskId}).`);
        void this.terminate(t, `Scaling activity initiated by (deployment ${primary.id})`, "ServiceSchedulerInitiated");
      }
    }
    const primaryRunning = primaryLive.filter(isRunning).length;
    const old = live.filter((t) => t.deploymentId !== primary.id);
    if (primaryRunning >= svc.desiredCount) {
      for (const t of old) {
        this.store.addEvent(svc, `has stopped 1 running tasks: (task ${t.taskId}).`);
        void this.terminate(t, `Scaling activity initiated by (deployment ${t.deploymentId})`, "ServiceSchedulerInitiated");
      }
    }
    const stillLive = new Set(this.store.tasksOf(svc).filter(isLive).map((t) => t.deploymentId));
    const kept = svc.deployments.filter((d, i) => i === 0 || stillLive.has(d.id));
    // Steady also means every load-balanced task passes its target group's health checks.
    const targetsHealthy = primaryLive.filter(isRunning).every((t) => ["healthy", undefined].includes(this.targetHealthOf?.(t)));
    const steady = primaryRunning === svc.desiredCount && !old.length && !primaryLive.some(isPending) && targetsHealthy;
    if (kept.length !== svc.deployments.length || (steady && primary.rolloutState !== "COMPLETED")) {
      svc.deployments = kept;
      if (steady) {
        primary.rolloutState = "COMPLETED";
        primary.rolloutStateReason = "ECS deployment completed.";
        primary.updatedAt = Date.now();
      }
      this.store.saveService(svc);
    }
    if (steady && svc.events[0]?.message !== `(service ${svc.serviceName}) ${STEADY}`) this.store.addEvent(svc, STEADY);
  }

  /** Creates the task record at once (so counts are right) and boots it in the background. */
  launch(spec: LaunchSpec): TaskRecord {
    const { cluster, taskDefinition: td, service: svc } = spec;
    const taskId = newTaskId();
    const taskArn = `arn:aws:ecs:${cluster.region}:${cluster.accountId}:task/${cluster.clusterName}/${taskId}`;
    const containers: ContainerRecord[] = td.containerDefinitions.map((cd) => {
      const target = resolveImage(cd.image ?? "");
      return {
        containerArn: `arn:aws:ecs:${cluster.region}:${cluster.accountId}:container/${cluster.clusterName}/${taskId}/${crypto.randomUUID()}`,
        name: cd.name ?? "",
        image: cd.image ?? "",
        essential: cd.essential ?? true,
        runAs: target.kind === "sidecar" ? "sidecar" : "process",
        lastStatus: "PENDING",
        networkBindings: [],
        healthStatus: "UNKNOWN",
      };
    });
    const task: TaskRecord = {
      accountId: cluster.accountId,
      region: cluster.region,
      taskArn,
      taskId,
      clusterName: cluster.clusterName,
      clusterArn: cluster.clusterArn,
      serviceName: svc?.serviceName,
      deploymentId: spec.deploymentId,
      group: spec.group ?? (svc ? `service:${svc.serviceName}` : `family:${td.family}`),
      startedBy: spec.startedBy ?? spec.deploymentId,
      taskDefinitionArn: td.taskDefinitionArn,
      lastStatus: "PROVISIONING",
      desiredStatus: "RUNNING",
      launchType: spec.launchType ?? svc?.launchType ?? "FARGATE",
      cpu: td.cpu,
      memory: td.memory,
      createdAt: Date.now(),
      containers,
      tags: spec.tags ?? [],
      version: 0,
      overrides: spec.overrides,
    };
    this.store.saveTask(task);
    this.procs.set(taskArn, { children: new Map(), exits: [], tail: [] });
    if (svc) this.store.addEvent(svc, `has started 1 tasks: (task ${taskId}).`);
    void this.boot(task, td, svc).catch((e) => {
      this.env.log("ecs", "task failed to start", { task: taskArn, error: (e as Error).message });
      void this.terminate(task, `Task failed to start: ${(e as Error).message}`, "TaskFailedToStart");
    });
    return task;
  }

  private async boot(task: TaskRecord, td: TaskDefinitionRecord, svc: ServiceRecord | undefined) {
    const proc = this.procs.get(task.taskArn)!;
    const failed = td.containerDefinitions.map((cd) => resolveImage(cd.image ?? "")).find((r) => r.kind === "unknown");
    task.pullStartedAt = Date.now();
    if (failed && failed.kind === "unknown") {
      for (const c of task.containers) c.reason = failed.reason;
      return void this.terminate(task, failed.reason, "TaskFailedToStart");
    }
    for (const [i, c] of task.containers.entries()) {
      if (c.runAs !== "process") continue;
      for (const pm of td.containerDefinitions[i].portMappings ?? []) {
        if (pm.containerPort === undefined) continue;
        c.networkBindings.push({ bindIP: "127.0.0.1", containerPort: pm.containerPort, hostPort: await freePort(), protocol: pm.protocol ?? "tcp" });
      }
    }
    task.pullStoppedAt = Date.now();
    task.lastStatus = "PENDING";
    this.store.saveTask(task);
    if (task.desiredStatus !== "RUNNING" || this.closed) return;

    for (const [i, c] of task.containers.entries()) {
      const cd = td.containerDefinitions[i];
      if (c.runAs === "sidecar") {
        c.lastStatus = "RUNNING";
        continue;
      }
      const target = resolveImage(c.image);
      if (target.kind !== "process") continue;
      let env = this.baseEnv(task, td, c);
      for (const kv of cd.environment ?? []) if (kv.name) env[kv.name] = kv.value ?? "";
      for (const o of task.overrides?.containerOverrides ?? []) {
        if (o.name === c.name) for (const kv of o.environment ?? []) if (kv.name) env[kv.name] = kv.value ?? "";
      }
      if (this.wiring) env = await this.wiring.wireEnv({ accountId: task.accountId, region: task.region, clusterName: task.clusterName, serviceName: task.serviceName, taskArn: task.taskArn }, env);
      const args = await this.entryArgs(target.entry);
      if (task.desiredStatus !== "RUNNING" || this.closed) return;
      const child = spawn(process.execPath, args, {
        cwd: REPO_ROOT,
        env: env as NodeJS.ProcessEnv,
        stdio: ["ignore", "pipe", "pipe", "ipc"],
      });
      proc.children.set(c.name, child);
      c.pid = child.pid;
      c.runtimeId = `${task.taskId}-${child.pid}`;
      this.pipeLogs(task, cd, c, child, proc);
      proc.exits.push(new Promise((resolve) => child.once("exit", resolve)));
      child.once("exit", (code, signal) => this.onExit(task.taskArn, c.name, code, signal));
      child.once("error", (e) => this.env.log("ecs", "task process error", { task: task.taskArn, error: e.message }));
    }
    this.store.saveTask(task);

    const ports = task.containers.filter((c) => c.runAs === "process").flatMap((c) => c.networkBindings.map((b) => b.hostPort));
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (const port of ports) {
      while (!(await portAccepts(port))) {
        if (task.desiredStatus !== "RUNNING" || this.closed) return;
        if (Date.now() > deadline) return void this.terminate(task, `Task failed to start: nothing listened on port ${port} within ${READY_TIMEOUT_MS / 1000} s`, "TaskFailedToStart");
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    if (task.desiredStatus !== "RUNNING" || this.closed) return;
    task.lastStatus = "RUNNING";
    task.startedAt = Date.now();
    for (const c of task.containers) if (c.lastStatus === "PENDING") c.lastStatus = "RUNNING";
    this.store.saveTask(task);
    if (svc) {
      await this.attach(task, svc);
      const cur = this.store.services.get(this.store.serviceKey(svc, svc.clusterName, svc.serviceName));
      if (cur) this.schedule(cur);
    }
  }

  /**
   * Bundles the task definition's entry points in the background, so the services created next
   * in the same stack do not wait for esbuild (the local counterpart of pulling the images).
   */
  prepare(td: TaskDefinitionRecord) {
    for (const cd of td.containerDefinitions) {
      const target = resolveImage(cd.image ?? "");
      if (target.kind === "process") void this.entryArgs(target.entry);
    }
  }

  /** Node's arguments for a task: its bundle with small-heap flags, or its sources if bundling fails. */
  private async entryArgs(entry: string): Promise<string[]> {
    const name = entry.split("/").slice(-2).join("-").replace(/\.ts$/, "");
    try {
      return [...TASK_NODE_FLAGS, await bundleModules([ORPHAN_GUARD, entry], name)];
    } catch (e) {
      this.env.log("ecs", "could not bundle the task's entry point; running its sources", { entry, error: (e as Error).message });
      return ["--disable-warning=ExperimentalWarning", "--import", ORPHAN_GUARD, entry];
    }
  }

  private baseEnv(task: TaskRecord, td: TaskDefinitionRecord, c: ContainerRecord): Record<string, string> {
    const keep = ["PATH", "HOME", "LANG", "TZ", "TMPDIR", "SYSTEMROOT"];
    const env: Record<string, string> = {};
    for (const k of keep) if (process.env[k]) env[k] = process.env[k]!;
    const self = this.env.selfUrl();
    Object.assign(env, {
      AWS_ENDPOINT_URL: self,
      AWS_REGION: task.region,
      AWS_DEFAULT_REGION: task.region,
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_EXECUTION_ENV: "AWS_ECS_FARGATE",
      ECS_CONTAINER_METADATA_URI_V4: `${self}/_lab/ecs/metadata/${task.taskId}/${encodeURIComponent(c.name)}`,
      ECS_TASK_ARN: task.taskArn,
      ECS_CLUSTER: task.clusterName,
      ECS_TASK_DEFINITION: `${td.family}:${td.revision}`,
      ECS_CONTAINER_NAME: c.name,
      ECS_CONTAINER_IMAGE: c.image,
    });
    if (task.serviceName) env.ECS_SERVICE_NAME = task.serviceName;
    const first = c.networkBindings[0];
    if (first) env.PORT = String(first.hostPort);
    return env;
  }

  private pipeLogs(task: TaskRecord, cd: TaskDefinitionRecord["containerDefinitions"][number], c: ContainerRecord, child: ChildProcess, proc: Proc) {
    const lc = cd.logConfiguration;
    const opts = lc?.logDriver === "awslogs" ? (lc.options ?? {}) : undefined;
    const group = opts?.["awslogs-group"];
    const stream = opts ? `${opts["awslogs-stream-prefix"] ?? "ecs"}/${c.name}/${task.taskId}` : "";
    const scope = { accountId: task.accountId, region: opts?.["awslogs-region"] ?? task.region };
    for (const source of [child.stdout, child.stderr]) {
      let partial = "";
      source?.setEncoding("utf8");
      source?.on("data", (chunk: string) => {
        const lines = (partial + chunk).split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) {
          proc.tail.push(line);
          if (proc.tail.length > 200) proc.tail.shift();
          if (group) this.logs.push(scope, group, stream, line);
        }
      });
      source?.on("end", () => {
        if (partial && group) this.logs.push(scope, group, stream, partial);
      });
    }
  }

  private onExit(taskArn: string, name: string, code: number | null, signal: NodeJS.Signals | null) {
    const task = [...this.store.tasks.values()].find((t) => t.taskArn === taskArn);
    if (!task) return;
    const c = task.containers.find((x) => x.name === name);
    if (c) {
      c.lastStatus = "STOPPED";
      c.exitCode = code ?? (signal === "SIGKILL" ? 137 : signal === "SIGTERM" ? 143 : 1);
      c.pid = undefined;
    }
    this.store.saveTask(task);
    // While the emulator stops, exits are not crashes: the next start records the restart.
    if (this.closed || task.desiredStatus === "STOPPED" || !c?.essential) return;
    // The process ended on its own: ECS stops the task and the service replaces it.
    const svc = task.serviceName ? this.store.services.get(this.store.serviceKey(task, task.clusterName, task.serviceName)) : undefined;
    if (svc) {
      this.store.addEvent(svc, `(task ${task.taskId}) stopped: Essential container in task exited (exit code ${c.exitCode}).`);
      this.noteFailure(svc, task);
    }
    void this.terminate(task, "Essential container in task exited", "EssentialContainerExited").then(() => {
      const cur = svc && this.store.services.get(this.store.serviceKey(svc, svc.clusterName, svc.serviceName));
      if (cur) this.schedule(cur);
    });
  }

  /** Replacement back-off: the first crash is replaced at once, repeats wait 1, 2, 4 … 30 s. */
  private noteFailure(svc: ServiceRecord, task: TaskRecord) {
    const key = this.store.serviceKey(svc, svc.clusterName, svc.serviceName);
    const b = this.backoff.get(key) ?? { failures: 0, until: 0 };
    if (task.startedAt && Date.now() - task.startedAt > 30_000) b.failures = 0;
    b.failures += 1;
    b.until = Date.now() + (b.failures <= 1 ? 0 : Math.min(1000 * 2 ** (b.failures - 2), 30_000));
    this.backoff.set(key, b);
    if (b.failures >= 3 && !b.warned) {
      b.warned = true;
      this.store.addEvent(svc, "is unable to consistently start tasks successfully. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.");
    }
  }

  /** Target health changed in a target group: services behind it may have become steady. */
  onTargetHealthy(tgArn: string) {
    for (const svc of this.store.services.values()) {
      if (svc.status === "ACTIVE" && svc.loadBalancers.some((lb) => lb.targetGroupArn === tgArn)) this.schedule(svc);
    }
  }

  /** A target that turned unhealthy makes ECS replace the task once its grace period is over. */
  onTargetUnhealthy(tgArn: string, target: { Id: string; Port: number }, reason: string | undefined) {
    for (const svc of this.store.services.values()) {
      if (svc.status !== "ACTIVE" || !svc.loadBalancers.some((lb) => lb.targetGroupArn === tgArn)) continue;
      const task = this.store.tasksOf(svc).find((t) => isRunning(t) && t.containers.some((c) => c.networkBindings.some((b) => b.hostPort === target.Port)));
      if (!task) continue;
      const grace = (svc.healthCheckGracePeriodSeconds ?? 0) * 1000;
      if (task.startedAt && Date.now() - task.startedAt < grace) continue;
      this.store.addEvent(svc, `(task ${task.taskId}) (port ${target.Port}) is unhealthy in (target-group ${tgArn}) due to (reason ${reason ?? "Health checks failed"}).`);
      void this.terminate(task, `Task failed ELB health checks in (target-group ${tgArn})`, "ServiceSchedulerInitiated").then(() => this.schedule(svc));
    }
  }

  /** Stops a task: deregister, SIGTERM, SIGKILL after the stop timeout, record STOPPED. */
  terminate(task: TaskRecord, reason: string, stopCode: string): Promise<void> {
    const proc = this.procs.get(task.taskArn);
    if (proc?.stopping) return proc.stopping;
    if (task.lastStatus === "STOPPED") return Promise.resolve();
    task.desiredStatus = "STOPPED";
    task.stoppingAt ??= Date.now();
    task.stoppedReason ??= reason;
    task.stopCode ??= stopCode;
    if (task.lastStatus === "RUNNING") task.lastStatus = "DEACTIVATING";
    this.store.saveTask(task);
    const svc = task.serviceName ? this.store.services.get(this.store.serviceKey(task, task.clusterName, task.serviceName)) : undefined;
    const done = (async () => {
      await this.detach(task, svc, true);
      task.lastStatus = "STOPPING";
      this.store.saveTask(task);
      const td = this.store.taskDefinition(task, task.taskDefinitionArn);
      const timeout = Math.max(...(td?.containerDefinitions ?? []).map((cd) => cd.stopTimeout ?? DEFAULT_STOP_TIMEOUT_S), DEFAULT_STOP_TIMEOUT_S);
      await this.kill(task.taskArn, Math.min(timeout, 120));
      this.finalize(task);
      const cur = svc && this.store.services.get(this.store.serviceKey(svc, svc.clusterName, svc.serviceName));
      if (!cur) return;
      if (task.stopCode === "TaskFailedToStart") {
        this.store.addEvent(cur, `(task ${task.taskId}) failed to start: ${task.stoppedReason}`);
        this.noteFailure(cur, task);
      }
      this.schedule(cur);
    })();
    if (proc) proc.stopping = done;
    return done;
  }

  private finalize(task: TaskRecord, reason?: string, stopCode?: string) {
    task.desiredStatus = "STOPPED";
    task.lastStatus = "STOPPED";
    task.stoppedAt = Date.now();
    task.stoppingAt ??= task.stoppedAt;
    if (reason) task.stoppedReason ??= reason;
    if (stopCode) task.stopCode ??= stopCode;
    for (const c of task.containers) {
      c.lastStatus = "STOPPED";
      c.pid = undefined;
    }
    this.store.saveTask(task);
    this.procs.delete(task.taskArn);
    this.pruneStopped(task);
  }

  /** Stopped tasks stay visible for an hour, as in ECS (at most 100 per cluster here). */
  private pruneStopped(task: TaskRecord) {
    const stopped = [...this.store.tasks.values()]
      .filter((t) => t.lastStatus === "STOPPED" && t.clusterName === task.clusterName && t.accountId === task.accountId && t.region === task.region)
      .sort((a, b) => (b.stoppedAt ?? 0) - (a.stoppedAt ?? 0));
    for (const [i, t] of stopped.entries()) {
      if (i >= 100 || Date.now() - (t.stoppedAt ?? 0) > 3_600_000) this.store.tasks.delete(scopedKey(t, t.taskId));
    }
  }

  private async kill(taskArn: string, graceSeconds: number) {
    const proc = this.procs.get(taskArn);
    if (!proc) return;
    const live = [...proc.children.values()].filter((c) => c.exitCode === null && c.signalCode === null);
    for (const c of live) c.kill("SIGTERM");
    const timer = setTimeout(() => {
      for (const c of live) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    }, graceSeconds * 1000);
    await Promise.all(proc.exits);
    clearTimeout(timer);
  }

  /** Registers a RUNNING service task with its target groups and Cloud Map services. */
  private async attach(task: TaskRecord, svc: ServiceRecord) {
    const scope = { accountId: task.accountId, region: task.region };
    for (const lb of svc.loadBalancers) {
      const port = hostPortOf(task, lb.containerName, lb.containerPort);
      if (!lb.targetGroupArn || !port) continue;
      try {
        await this.env.api.call("elbv2", "RegisterTargets", { TargetGroupArn: lb.targetGroupArn, Targets: [{ Id: "127.0.0.1", Port: port }] }, scope);
        this.store.addEvent(svc, `registered 1 targets in (target-group ${lb.targetGroupArn})`);
      } catch (e) {
        this.env.log("ecs", "target registration failed", { task: task.taskArn, error: (e as Error).message });
      }
    }
    for (const reg of this.registries(svc, task)) {
      await this.env.api
        .call("servicediscovery", "RegisterInstance", { ServiceId: reg.serviceId, InstanceId: task.taskId, Attributes: reg.attributes }, scope)
        .catch((e) => this.env.log("ecs", "Cloud Map registration failed", { task: task.taskArn, error: (e as Error).message }));
    }
  }

  private async detach(task: TaskRecord, svc: ServiceRecord | undefined, withEvents: boolean) {
    if (!svc || task.lastStatus === "PROVISIONING") return;
    const scope = { accountId: task.accountId, region: task.region };
    for (const lb of svc.loadBalancers) {
      const port = hostPortOf(task, lb.containerName, lb.containerPort);
      if (!lb.targetGroupArn || !port) continue;
      try {
        await this.env.api.call("elbv2", "DeregisterTargets", { TargetGroupArn: lb.targetGroupArn, Targets: [{ Id: "127.0.0.1", Port: port }] }, scope);
        if (withEvents) this.store.addEvent(svc, `deregistered 1 targets in (target-group ${lb.targetGroupArn})`);
      } catch {
        // not registered (yet), or the target group is gone
      }
    }
    for (const reg of this.registries(svc, task)) {
      await this.env.api.call("servicediscovery", "DeregisterInstance", { ServiceId: reg.serviceId, InstanceId: task.taskId }, scope).catch(() => undefined);
    }
  }

  /** Cloud Map services this task belongs to: serviceRegistries and Service Connect services. */
  private registries(svc: ServiceRecord, task: TaskRecord): { serviceId: string; attributes: Record<string, string> }[] {
    const out: { serviceId: string; attributes: Record<string, string> }[] = [];
    const attrs = (port: number | undefined) => ({
      AWS_INSTANCE_IPV4: "127.0.0.1",
      ...(port ? { AWS_INSTANCE_PORT: String(port) } : {}),
      AVAILABILITY_ZONE: `${task.region}a`,
      ECS_CLUSTER_NAME: task.clusterName,
      ECS_SERVICE_NAME: svc.serviceName,
      ECS_TASK_DEFINITION_FAMILY: task.taskDefinitionArn.split("/").pop()!.split(":")[0],
      AWS_INIT_HEALTH_STATUS: "HEALTHY",
    });
    for (const r of svc.serviceRegistries) {
      if (!r.registryArn) continue;
      out.push({ serviceId: r.registryArn.split("/").pop()!, attributes: attrs(hostPortOf(task, r.containerName, r.containerPort) ?? firstHostPort(task)) });
    }
    const deployment = svc.deployments.find((d) => d.id === task.deploymentId);
    for (const r of deployment?.serviceConnectResources ?? []) {
      const sc = deployment?.serviceConnectConfiguration?.services?.find((s) => (s.discoveryName ?? s.portName) === r.discoveryName);
      out.push({ serviceId: r.discoveryArn.split("/").pop()!, attributes: attrs(portNamed(this.store, task, sc?.portName)) });
    }
    return out;
  }
}

export function hostPortOf(task: TaskRecord, containerName: string | undefined, containerPort: number | undefined): number | undefined {
  for (const c of task.containers) {
    if (containerName && c.name !== containerName) continue;
    const b = c.networkBindings.find((x) => containerPort === undefined || x.containerPort === containerPort);
    if (b) return b.hostPort;
  }
  return undefined;
}

const firstHostPort = (task: TaskRecord) => task.containers.flatMap((c) => c.networkBindings)[0]?.hostPort;

/** The host port of the task's port mapping with this name (Service Connect's portName). */
export function portNamed(store: EcsStore, task: TaskRecord, portName: string | undefined): number | undefined {
  const td = store.taskDefinition(task, task.taskDefinitionArn);
  for (const cd of td?.containerDefinitions ?? []) {
    const pm = (cd.portMappings ?? []).find((p) => p.name === portName);
    if (pm) return hostPortOf(task, cd.name, pm.containerPort);
  }
  return undefined;
}
