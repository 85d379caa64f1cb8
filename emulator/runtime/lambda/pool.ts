// Lambda execution environments as child processes: one per concurrent invocation, reused
// warm for the same function code and configuration, retired after an idle period.
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import { AwsError } from "../../core/errors.ts";
import { compiledModule, WORKER_NODE_FLAGS } from "../node-bundle.ts";
import type { ChildMessage, ErrorPayload, InvokeMessage } from "./bootstrap.ts";

const BOOTSTRAP = join(import.meta.dirname, "bootstrap.ts");
/** The bootstrap as plain JavaScript: a worker that strips types carries the stripper's memory. */
const bootstrapModule = () => {
  try {
    return compiledModule(BOOTSTRAP);
  } catch {
    return BOOTSTRAP;
  }
};
const PROJECT_ROOT = resolve(import.meta.dirname, "..", "..", "..");
export const NODE_RUNTIMES = new Set(["nodejs20.x", "nodejs22.x", "nodejs24.x"]);
/** Invocations allowed to wait for a busy function before Invoke answers TooManyRequestsException. */
const MAX_WAITING = 100;

export interface FunctionSpec {
  /** Workers are reused only for invocations with the same key (code and configuration). */
  key: string;
  functionName: string;
  functionArn: string;
  runtime: string;
  handler: string;
  codeDir: string;
  memoryMb: number;
  timeoutSec: number;
  environment: Record<string, string>;
  logGroup: string;
}

export interface InvokeOutcome {
  requestId: string;
  /** The JSON response document. */
  payload: string;
  functionError?: "Unhandled";
  /** START … REPORT, as CloudWatch Logs receives it. */
  log: string;
  durationMs: number;
  maxMemoryMb: number;
  workerPid?: number;
}

export interface LogEvent {
  timestamp: number;
  message: string;
}

export interface PoolOptions {
  region: string;
  selfUrl: () => string;
  idleMs: number;
  maxWorkersPerFunction: number;
  shipLogs(group: string, stream: string, events: LogEvent[]): Promise<void>;
}

export interface WorkerInfo {
  pid: number | undefined;
  functionName: string;
  functionArn: string;
  state: Worker["state"];
  invocations: number;
  logStream: string;
  startedAt: string;
}

type RunResult = { kind: "result"; payload?: string; error?: ErrorPayload; maxRssKb: number } | { kind: "timeout" } | { kind: "exit"; detail: string };

class Worker {
  readonly spec: FunctionSpec;
  readonly child: ChildProcess;
  readonly logStream: string;
  readonly startedAt = new Date();
  state: "starting" | "idle" | "busy" | "dead" = "starting";
  invocations = 0;
  retiring = false;
  initMs = 0;
  readonly ready: Promise<ErrorPayload | undefined>;
  idleTimer: NodeJS.Timeout | undefined;
  shipping: Promise<void> = Promise.resolve();
  private lines: LogEvent[] = [];
  private stderrTail = "";
  private pending: ((r: RunResult) => void) | undefined;
  /** Resolves once the process has exited (or never started). */
  readonly exited: Promise<void>;
  private gone = false;

  constructor(spec: FunctionSpec, opts: PoolOptions) {
    this.spec = spec;
    const now = new Date();
    const day = now.toISOString().slice(0, 10).replaceAll("-", "/");
    this.logStream = `${day}/[$LATEST]${randomBytes(16).toString("hex")}`;
    const started = performance.now();
    this.child = fork(bootstrapModule(), [], {
      execPath: process.execPath,
      execArgv: ["--disable-warning=ExperimentalWarning", ...WORKER_NODE_FLAGS, `--max-old-space-size=${Math.max(32, Math.floor(spec.memoryMb * 0.9))}`],
      cwd: spec.codeDir,
      env: workerEnv(spec, opts, this.logStream) as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let onReady: (e: ErrorPayload | undefined) => void = () => {};
    this.ready = new Promise((r) => (onReady = r));
    this.child.on("message", (m: ChildMessage) => {
      if (m.type === "ready") {
        this.initMs = performance.now() - started;
        onReady(m.error);
      } else if (m.type === "log") this.lines.push({ timestamp: Date.now(), message: m.line });
      else if (m.type === "result") this.settle({ kind: "result", payload: m.payload, error: m.error, maxRssKb: m.maxRssKb });
    });
    const raw = (d: Buffer) => {
      if (this.state === "busy") this.lines.push({ timestamp: Date.now(), message: d.toString("utf8") });
    };
    this.child.stdout!.on("data", raw);
    this.child.stderr!.on("data", (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString("utf8")).slice(-2000);
      raw(d);
    });
    let markGone: () => void = () => {};
    this.exited = new Promise((r) => (markGone = r));
    const finish = (detail: string) => {
      if (this.gone) return;
      this.gone = true;
      this.state = "dead";
      clearTimeout(this.idleTimer);
      onReady({ errorType: "Runtime.ExitError", errorMessage: `Runtime exited with error: ${detail}`, trace: [] });
      this.settle({ kind: "exit", detail });
      markGone();
    };
    this.child.once("exit", (code, signal) => {
      const oom = /heap out of memory/i.test(this.stderrTail);
      finish(oom ? "Runtime.OutOfMemory" : signal ? `signal: ${signal.toLowerCase().replace(/^sig/, "")}` : `exit status ${code}`);
    });
    // Without a pid the process never started (e.g. its code folder vanished): no "exit" follows.
    this.child.on("error", (e) => {
      if (this.child.pid === undefined) finish(`could not start: ${e.message}`);
    });
  }

  get pid() {
    return this.child.pid;
  }

  /** Log lines produced since the last call. */
  takeLines(): LogEvent[] {
    const out = this.lines;
    this.lines = [];
    return out;
  }

  run(msg: InvokeMessage, timeoutMs: number): Promise<RunResult> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.settle({ kind: "timeout" });
        this.kill();
      }, timeoutMs);
      this.pending = (r) => {
        clearTimeout(timer);
        resolve(r);
      };
      this.invocations++;
      this.child.send(msg);
    });
  }

  private settle(r: RunResult) {
    const p = this.pending;
    this.pending = undefined;
    p?.(r);
  }

  kill(): Promise<void> {
    if (!this.gone) this.child.kill("SIGKILL");
    return this.exited;
  }
}

function workerEnv(spec: FunctionSpec, opts: PoolOptions, logStream: string): Record<string, string | undefined> {
  const region = spec.functionArn.split(":")[3] ?? opts.region;
  return {
    PATH: process.env.PATH,
    LANG: "en_US.UTF-8",
    TZ: ":UTC",
    NODE_PATH: join(PROJECT_ROOT, "node_modules"),
    LAB_SDK_ROOT: PROJECT_ROOT,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ENDPOINT_URL: opts.selfUrl(),
    ...spec.environment,
    // Reserved variables: CreateFunction refuses them in Environment.Variables.
    // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
    _HANDLER: spec.handler,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${spec.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: spec.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    AWS_LAMBDA_LOG_GROUP_NAME: spec.logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: logStream,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    LAMBDA_TASK_ROOT: spec.codeDir,
    LAMBDA_RUNTIME_DIR: import.meta.dirname,
  };
}

const ms = (n: number) => n.toFixed(2);

export class LambdaPool {
  private opts: PoolOptions;
  private workers = new Set<Worker>();
  private waiting = new Map<string, { resolve: (w: Worker) => void; reject: (e: Error) => void }[]>();

  constructor(opts: PoolOptions) {
    this.opts = opts;
  }

  async invoke(spec: FunctionSpec, event: string, extra: { clientContext?: string } = {}): Promise<InvokeOutcome> {
    const requestId = randomUUID();
    if (!NODE_RUNTIMES.has(spec.runtime)) return this.unsupportedRuntime(spec, requestId);
    const worker = await this.acquire(spec);
    const coldStart = worker.invocations === 0;
    const initError = await worker.ready;
    const started = performance.now();
    worker.takeLines();
    let result: RunResult;
    if (initError) result = { kind: "result", error: initError, maxRssKb: 0 };
    else {
      const deadline = Date.now() + spec.timeoutSec * 1000;
      result = await worker.run({ type: "invoke", requestId, event, deadline, invokedFunctionArn: spec.functionArn, clientContext: extra.clientContext }, spec.timeoutSec * 1000);
    }
    const durationMs = performance.now() - started;
    const body = worker.takeLines();
    let payload: string;
    let functionError: "Unhandled" | undefined;
    let status = "";
    if (result.kind === "result" && !result.error) payload = result.payload ?? "null";
    else {
      functionError = "Unhandled";
      let err: ErrorPayload;
      if (result.kind === "timeout") {
        // https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html#troubleshooting-timeouts
        const message = `Task timed out after ${ms(spec.timeoutSec)} seconds`;
        body.push({ timestamp: Date.now(), message: `${new Date().toISOString()} ${requestId} ${message}\n` });
        err = { errorType: "Sandbox.Timedout", errorMessage: `RequestId: ${requestId} Error: ${message}`, trace: [] };
        status = "\tStatus: timeout";
      } else if (result.kind === "exit") {
        const errorType = result.detail === "Runtime.OutOfMemory" ? "Runtime.OutOfMemory" : "Runtime.ExitError";
        const detail = result.detail === "Runtime.OutOfMemory" ? "signal: aborted (JavaScript heap out of memory)" : result.detail;
        err = { errorType, errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${detail}`, trace: [] };
        status = "\tStatus: error";
      } else err = result.error!;
      payload = JSON.stringify(initError || result.kind !== "result" ? { errorType: err.errorType, errorMessage: err.errorMessage } : err);
      if (initError) body.unshift({ timestamp: Date.now(), message: `${new Date().toISOString()}\tundefined\tERROR\tUncaught Exception \t${JSON.stringify(initError)}\n` });
    }
    const maxRssKb = result.kind === "result" ? result.maxRssKb : 0;
    const maxMemoryMb = Math.ceil(maxRssKb / 1024);
    const init = coldStart ? `\tInit Duration: ${ms(worker.initMs)} ms` : "";
    const now = Date.now();
    const events: LogEvent[] = [
      { timestamp: now - Math.round(durationMs), message: `START RequestId: ${requestId} Version: $LATEST\n` },
      ...body,
      { timestamp: now, message: `END RequestId: ${requestId}\n` },
      {
        timestamp: now,
        message: `REPORT RequestId: ${requestId}\tDuration: ${ms(durationMs)} ms\tBilled Duration: ${Math.ceil(durationMs)} ms\tMemory Size: ${spec.memoryMb} MB\tMax Memory Used: ${maxMemoryMb} MB${init}${status}\t\n`,
      },
    ];
    this.ship(worker, events);
    // A failed init is retried by the next invocation in a fresh environment, as AWS does.
    if (initError) this.discard(worker);
    else this.release(worker);
    return { requestId, payload, functionError, log: events.map((e) => e.message).join(""), durationMs, maxMemoryMb, workerPid: worker.pid };
  }

  /** Stops reusing the function's current workers: idle ones exit now, busy ones after their invocation. */
  retire(functionArn: string): void {
    for (const w of this.workers) {
      if (w.spec.functionArn !== functionArn) continue;
      w.retiring = true;
      if (w.state === "idle") this.discard(w);
    }
  }

  list(): WorkerInfo[] {
    return [...this.workers].map((w) => ({
      pid: w.pid,
      functionName: w.spec.functionName,
      functionArn: w.spec.functionArn,
      state: w.state,
      invocations: w.invocations,
      logStream: w.logStream,
      startedAt: w.startedAt.toISOString(),
    }));
  }

  async stopAll(): Promise<void> {
    for (const waiters of this.waiting.values()) {
      for (const w of waiters.splice(0)) w.reject(new AwsError("ServiceException", "The emulator stopped or was reset while this invocation waited for a free worker.", 500, false));
    }
    const all = [...this.workers];
    this.workers.clear();
    for (const w of all) clearTimeout(w.idleTimer);
    await Promise.all(all.map((w) => w.kill()));
    await Promise.all(all.map((w) => w.shipping));
  }

  private unsupportedRuntime(spec: FunctionSpec, requestId: string): InvokeOutcome {
    const message = `The runtime ${spec.runtime} is not supported by this emulator: only ${[...NODE_RUNTIMES].join(", ")} functions execute locally.`;
    const log = `START RequestId: ${requestId} Version: $LATEST\n${new Date().toISOString()}\t${requestId}\tERROR\t${message}\nEND RequestId: ${requestId}\nREPORT RequestId: ${requestId}\tDuration: 0.00 ms\tBilled Duration: 0 ms\tMemory Size: ${spec.memoryMb} MB\tMax Memory Used: 0 MB\tStatus: error\t\n`;
    return { requestId, payload: JSON.stringify({ errorType: "Runtime.InvalidRuntime", errorMessage: message }), functionError: "Unhandled", log, durationMs: 0, maxMemoryMb: 0 };
  }

  private acquire(spec: FunctionSpec): Promise<Worker> {
    let count = 0;
    for (const w of this.workers) {
      if (w.spec.key !== spec.key || w.retiring) continue;
      if (w.state === "idle") {
        clearTimeout(w.idleTimer);
        w.state = "busy";
        return Promise.resolve(w);
      }
      if (w.state !== "dead") count++;
    }
    if (count < this.opts.maxWorkersPerFunction) return Promise.resolve(this.spawn(spec));
    const waiters = this.waiting.get(spec.key) ?? [];
    if (waiters.length >= MAX_WAITING) {
      return Promise.reject(new AwsError("TooManyRequestsException", "Rate Exceeded.", 429));
    }
    this.waiting.set(spec.key, waiters);
    return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
  }

  private spawn(spec: FunctionSpec): Worker {
    const w = new Worker(spec, this.opts);
    w.state = "busy";
    this.workers.add(w);
    w.exited.then(() => {
      this.workers.delete(w);
      // A worker that died (timeout, crash) frees a slot for whoever waits on its function.
      this.waiting.get(spec.key)?.shift()?.resolve(this.spawn(spec));
    });
    return w;
  }

  private release(w: Worker) {
    if (w.state === "dead") return;
    if (w.retiring) return this.discard(w);
    const next = this.waiting.get(w.spec.key)?.shift();
    if (next) return next.resolve(w);
    w.state = "idle";
    w.idleTimer = setTimeout(() => this.discard(w), this.opts.idleMs);
  }

  private discard(w: Worker) {
    w.state = "dead";
    this.workers.delete(w);
    w.kill();
  }

  private ship(w: Worker, events: LogEvent[]) {
    w.shipping = w.shipping.then(() => this.opts.shipLogs(w.spec.logGroup, w.logStream, events)).catch(() => undefined);
  }
}
