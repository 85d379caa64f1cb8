// Injected faults. Each service reads its item in `lab-faults` about once a second, in the
// background, and applies it to its business routes and to /health/ready (never to
// /health/live, so the load balancer does not replace a faulted task in a loop).
// The item is written by scripts/simulate-service-failure.sh and the console through the SDK,
// so faults work on AWS with no admin route. `expires_at` is checked here: dynalite has no TTL.
import { setTimeout as sleep } from "node:timers/promises";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { FAULT_MODES, type FaultMode, type FaultRecord, TABLES } from "../../lib/lab/contract.ts";
import { errorFields, type Logger } from "./log.ts";

export type { FaultMode, FaultRecord };

export interface ActiveFault {
  mode: FaultMode;
  latencyMs: number;
  /** Percent, 0–100. */
  errorRate: number;
  /** Epoch seconds, if the fault ends by itself. */
  expiresAt?: number;
}

export const NO_FAULT: ActiveFault = Object.freeze({ mode: "none", latencyMs: 0, errorRate: 0 }) as ActiveFault;

const clamp = (v: unknown, lo: number, hi: number) => {
  const n = typeof v === "number" ? v : Number(v);
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : lo;
};

/** The fault in force at `nowMs`: none when the record is absent, unknown, or expired. */
export function activeFault(record: Partial<FaultRecord> | undefined, nowMs: number): ActiveFault {
  if (!record || !FAULT_MODES.includes(record.mode as FaultMode) || record.mode === "none") return NO_FAULT;
  const expiresAt = record.expires_at === undefined || record.expires_at === null ? undefined : Number(record.expires_at);
  if (expiresAt !== undefined && Number.isFinite(expiresAt) && expiresAt * 1000 <= nowMs) return NO_FAULT;
  return {
    mode: record.mode as FaultMode,
    latencyMs: clamp(record.latency_ms, 0, 60_000),
    errorRate: clamp(record.error_rate, 0, 100),
    ...(expiresAt !== undefined && Number.isFinite(expiresAt) ? { expiresAt } : {}),
  };
}

/** The one-shot crash: requested after this process started (so its replacement ignores it). */
export function crashRequested(record: Partial<FaultRecord> | undefined, processStartedAtMs: number): boolean {
  const at = Number(record?.crash_requested_at);
  return Number.isFinite(at) && at > processStartedAtMs;
}

export type FaultDecision = { kind: "pass" } | { kind: "delay"; ms: number } | { kind: "fail"; status: 503; reason: string };

/** What a fault does to one request. `random` is in [0, 1). */
export function decideFault(fault: ActiveFault, random: () => number = Math.random): FaultDecision {
  switch (fault.mode) {
    case "fail":
      return { kind: "fail", status: 503, reason: "fault injected: fail" };
    case "latency":
      return fault.latencyMs > 0 ? { kind: "delay", ms: fault.latencyMs } : { kind: "pass" };
    case "error-rate":
      return random() * 100 < fault.errorRate ? { kind: "fail", status: 503, reason: `fault injected: error-rate ${fault.errorRate}%` } : { kind: "pass" };
    default:
      return { kind: "pass" };
  }
}

/** Applies the fault to a request: waits for `latency`, or returns the 503 answer to send. */
export async function applyFault(fault: ActiveFault, random?: () => number): Promise<{ status: 503; body: Record<string, unknown> } | undefined> {
  const d = decideFault(fault, random);
  if (d.kind === "delay") await sleep(d.ms);
  if (d.kind === "fail") return { status: 503, body: { error: "ServiceUnavailable", message: d.reason, fault: fault.mode } };
  return undefined;
}

export interface FaultWatcherOptions {
  service: string;
  read: () => Promise<Partial<FaultRecord> | undefined>;
  log: Logger;
  intervalMs?: number;
  startedAt?: number;
  clock?: () => number;
  /** Called once when a crash is requested; the default exits the process. */
  onCrash?: (record: Partial<FaultRecord>) => void;
}

/** Polls the fault record in the background; `current()` is synchronous and always fresh on expiry. */
export class FaultWatcher {
  private record: Partial<FaultRecord> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;
  private crashed = false;
  private lastMode: FaultMode = "none";
  readonly options: Required<Omit<FaultWatcherOptions, "onCrash">> & Pick<FaultWatcherOptions, "onCrash">;

  constructor(options: FaultWatcherOptions) {
    this.options = { intervalMs: 1_000, startedAt: Date.now(), clock: Date.now, ...options };
  }

  current(): ActiveFault {
    return activeFault(this.record, this.options.clock());
  }

  async poll(): Promise<void> {
    if (this.inFlight) return;
    this.inFlight = true;
    try {
      this.record = await this.options.read();
      const mode = this.current().mode;
      if (mode !== this.lastMode) {
        this.options.log.info("fault changed", { fault_from: this.lastMode, fault_to: mode, fault: this.record });
        this.lastMode = mode;
      }
      if (!this.crashed && crashRequested(this.record, this.options.startedAt)) {
        this.crashed = true;
        this.options.log.error("crash requested: exiting", { crash_requested_at: this.record?.crash_requested_at });
        (this.options.onCrash ?? (() => process.exit(1)))(this.record ?? {});
      }
    } catch (e) {
      // Keep the last known record: a blip in DynamoDB should not clear an injected fault.
      this.options.log.warnEvery("faults", 30_000, "lab-faults unreachable; keeping the last known fault", errorFields(e));
    } finally {
      this.inFlight = false;
    }
  }

  start(): this {
    void this.poll();
    this.timer = setInterval(() => void this.poll(), this.options.intervalMs);
    this.timer.unref();
    return this;
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** Reads one service's fault item. */
export function dynamoFaultReader(client: DynamoDBDocumentClient, service: string, tableName: string = TABLES.labFaults) {
  return async (): Promise<Partial<FaultRecord> | undefined> => {
    const out = await client.send(new GetCommand({ TableName: tableName, Key: { service_name: service } }));
    return out.Item as Partial<FaultRecord> | undefined;
  };
}
