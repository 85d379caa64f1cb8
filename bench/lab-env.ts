// The environment the lab benchmarks share: `node scripts/start.ts` (prebuilt console + emulator)
// on free ports with a temporary data dir, the lab deployed by deployLab, and a bounded load
// generator for the ALB. Started and stopped by PID.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { clientFor } from "../lib/aws/clients.ts";
import { type Target, targetFrom } from "../lib/aws/target.ts";
import { TABLE_KEY, TABLES } from "../lib/lab/contract.ts";
import { type DeployResult, deployLab } from "../lib/lab/deploy.ts";
import { classify, type Outcome, SEED_REQUESTS, type SeedRequestName } from "../lib/lab/load.ts";
import type { LabProgress } from "../lib/lab/progress.ts";
import { freePort, waitUntil } from "./util.ts";

const ROOT = join(import.meta.dirname, "..");

export interface Stack {
  pid: number;
  emulatorUrl: string;
  consoleUrl: string;
  target: Target;
  dataDir: string;
  /** From spawn to the launcher's "ready" banner (both answer). */
  coldStartMs: number;
  stop(): Promise<void>;
}

export interface Lab {
  stack: Stack;
  albUrl: string;
  deploy: DeployResult;
  /** Per-stack wall time from the progress events (first event to COMPLETE). */
  stackMs: Record<string, number>;
  listenerPort: number;
}

export async function startStack(): Promise<Stack> {
  const [consolePort, emulatorPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), "lab-bench-"));
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", "scripts/start.ts"], {
    cwd: ROOT,
    env: { ...process.env, CONSOLE_PORT: String(consolePort), EMULATOR_PORT: String(emulatorPort), LAB_DATA_DIR: dataDir, AWS_EC2_METADATA_DISABLED: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  await waitUntil("the launcher's ready banner", () => {
    if (child.exitCode !== null) throw new Error(`scripts/start.ts exited ${child.exitCode}: ${out.slice(-2000)}`);
    return out.includes("Press Ctrl-C");
  }, 90_000, 20);
  const coldStartMs = performance.now() - t0;
  const target = targetFrom({ kind: "local", region: "us-east-1" } as never, { emulatorPort });
  return {
    pid: child.pid as number,
    emulatorUrl: `http://127.0.0.1:${emulatorPort}`,
    consoleUrl: `http://127.0.0.1:${consolePort}`,
    target,
    dataDir,
    coldStartMs,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function deploy(stack: Stack, only?: string[]): Promise<Lab> {
  const listenerPort = await freePort();
  const firstSeen: Record<string, number> = {};
  const stackMs: Record<string, number> = {};
  const t0 = performance.now();
  let last = t0;
  const onProgress = (p: LabProgress) => {
    if (p.kind === "stack") {
      if (p.status.endsWith("_IN_PROGRESS")) firstSeen[p.stack] ??= last;
      else {
        const now = performance.now();
        stackMs[p.stack] = now - (firstSeen[p.stack] ?? last);
        last = now;
      }
    }
  };
  const result = await deployLab({ variant: "appmesh", target: stack.target, params: { listenerPort }, workDir: join(stack.dataDir, "lambdas"), onProgress, only, targetsTimeoutMs: 60_000 });
  return { stack, albUrl: `http://127.0.0.1:${listenerPort}`, deploy: result, stackMs, listenerPort };
}

/** The breaker item's state in DynamoDB (CLOSED when the item does not exist yet). */
export function breakerReader(target: Target, service: string) {
  const db = clientFor(DynamoDBClient, target);
  return async () => {
    const out = await db.send(new GetItemCommand({ TableName: TABLES.circuitBreakerState, Key: { [TABLE_KEY]: { S: service } }, ConsistentRead: true }));
    return out.Item?.state?.S ?? "CLOSED";
  };
}

export interface LoadSample {
  at: number;
  ms: number;
  status: number;
  outcome: Outcome;
}

/**
 * Open-loop load: `rps` requests per second for `seconds` (or until `stop()`), at most 256 in
 * flight (more are counted as skipped), 5 s timeout each.
 */
export function startLoad(albUrl: string, rps: number, seconds: number, request: SeedRequestName = "post-order") {
  const samples: LoadSample[] = [];
  let skipped = 0;
  let inFlight = 0;
  let stopped = false;
  const spec = SEED_REQUESTS[request];
  const t0 = performance.now();
  let sent = 0;
  const pending = new Set<Promise<void>>();
  const body = "body" in spec ? JSON.stringify(spec.body) : undefined;
  const headers = body === undefined ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(body) };
  // node:http with keep-alive rather than fetch: the generator shares the two cores with the
  // lab, and undici's fetch costs it several times the CPU per request.
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const one = async () => {
    inFlight++;
    const at = performance.now();
    const status = await new Promise<number>((resolve) => {
      const req = httpRequest(`${albUrl}${spec.path}`, { method: spec.method, headers, agent }, (res) => {
        res.resume();
        res.on("end", () => {
          clearTimeout(timer);
          resolve(res.statusCode ?? 0);
        });
        res.on("error", () => resolve(0));
      });
      const timer = setTimeout(() => req.destroy(), 5_000);
      req.on("error", () => {
        clearTimeout(timer);
        resolve(0);
      });
      req.end(body);
    });
    inFlight--;
    samples.push({ at, ms: performance.now() - at, status, outcome: classify(status, request) });
  };
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - t0) / 1000) * rps);
    while (sent < due && !stopped) {
      sent++;
      if (inFlight >= 256) {
        skipped++;
        continue;
      }
      const p = one();
      pending.add(p);
      p.finally(() => pending.delete(p));
    }
    if ((performance.now() - t0) / 1000 >= seconds) stop();
  }, 5);
  let resolveDone: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  function stop() {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    void Promise.all(pending).then(() => {
      agent.destroy();
      resolveDone();
    });
  }
  return { samples, done, stop, skipped: () => skipped, t0 };
}
