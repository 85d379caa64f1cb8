// Timed experiments: a fault for N seconds with a stop condition, then an automatic revert
// (recover). One at a time, run in the console's server process. Its state goes to a store (the
// console's is <data dir>/console/resilience/experiments.json, lib/data/resilience-sdk.ts) so
// that a console restarted mid-experiment reverts an expired one as it starts (instrumentation.ts)
// and picks up the countdown of one still under way.
// The fault record's `expires_at` is set to the experiment's end as a backstop: if the
// console never comes back, the services stop applying the fault by themselves.
import { z } from "zod";
import { BREAKER_SERVICES, type BreakerState, SERVICES } from "./contract.ts";
import type { FaultRequest } from "./faults.ts";
import { processSingleton } from "./singleton.ts";

export const EXPERIMENT_MODES = ["fail", "latency", "error-rate"] as const;
export type ExperimentMode = (typeof EXPERIMENT_MODES)[number];
export const STOP_CONDITIONS = ["none", "alarm", "breaker-open", "error-rate"] as const;
export type StopCondition = (typeof STOP_CONDITIONS)[number];
export const EXPERIMENT_LIMITS = { minSeconds: 5, maxSeconds: 600 } as const;

/** The circuit breaker in front of a service, if any: the canary shares inventory-service's. */
export function circuitOf(service: string): (typeof BREAKER_SERVICES)[number] | undefined {
  if (service === SERVICES.inventoryV2) return SERVICES.inventory;
  return (BREAKER_SERVICES as readonly string[]).includes(service) ? (service as (typeof BREAKER_SERVICES)[number]) : undefined;
}

/** The breaker-open alarm of a circuit (resilience stack). */
export const breakerAlarmName = (circuit: string) => `cross-service-lab-${circuit}-breaker-open`;

const serviceNames = Object.values(SERVICES) as [string, ...string[]];

export const experimentRequestSchema = z
  .object({
    service: z.enum(serviceNames, { message: "Choose a service." }),
    mode: z.enum(EXPERIMENT_MODES, { message: "Choose a fault." }),
    latencyMs: z.coerce.number().int("Use whole milliseconds.").min(1, "At least 1 ms.").max(60_000, "At most 60000 ms.").optional(),
    errorRate: z.coerce.number().min(1, "At least 1%.").max(100, "At most 100%.").optional(),
    durationSeconds: z.coerce
      .number({ message: "Enter a duration in seconds." })
      .int("Use whole seconds.")
      .min(EXPERIMENT_LIMITS.minSeconds, `At least ${EXPERIMENT_LIMITS.minSeconds} seconds.`)
      .max(EXPERIMENT_LIMITS.maxSeconds, `At most ${EXPERIMENT_LIMITS.maxSeconds} seconds.`),
    stop: z.enum(STOP_CONDITIONS, { message: "Choose a stop condition." }),
    stopErrorPercent: z.coerce.number().min(1, "At least 1%.").max(100, "At most 100%.").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mode === "latency" && v.latencyMs === undefined) ctx.addIssue({ code: "custom", path: ["latencyMs"], message: "Enter the delay to add, in ms." });
    if (v.mode === "error-rate" && v.errorRate === undefined) ctx.addIssue({ code: "custom", path: ["errorRate"], message: "Enter the share of requests to fail, in %." });
    if (v.stop === "error-rate" && v.stopErrorPercent === undefined) ctx.addIssue({ code: "custom", path: ["stopErrorPercent"], message: "Enter the error % that stops the experiment." });
    if ((v.stop === "alarm" || v.stop === "breaker-open") && !circuitOf(v.service)) {
      ctx.addIssue({ code: "custom", path: ["stop"], message: `${v.service} has no circuit breaker in front of it; stop on its error % instead.` });
    }
  });
export type ExperimentRequest = z.infer<typeof experimentRequestSchema>;

/** What the stop condition looks at, read every poll while the experiment runs. */
export interface Observation {
  /** The circuit's breaker-open alarm state. */
  alarm?: string;
  breaker?: BreakerState;
  /** The service's error % over the last few seconds. */
  errorPercent?: number;
}

export type ExperimentState = "running" | "reverting" | "done" | "failed";
export type ExperimentOutcome = "completed" | "stopped-early" | "cancelled" | "reverted-on-restart";

export interface Experiment {
  id: string;
  request: ExperimentRequest;
  startedAt: number;
  endsAt: number;
  state: ExperimentState;
  outcome?: ExperimentOutcome;
  /** Why it ended the way it did, in words. */
  reason?: string;
  revertedAt?: number;
  revertAttempts: number;
  lastError?: string;
  log: { at: number; message: string }[];
}

/** The stop condition's verdict: the reason to stop now, or undefined. Pure. */
export function stopReason(request: ExperimentRequest, o: Observation): string | undefined {
  const circuit = circuitOf(request.service);
  switch (request.stop) {
    case "alarm":
      return o.alarm === "ALARM" ? `the ${breakerAlarmName(circuit ?? request.service)} alarm went ALARM` : undefined;
    case "breaker-open":
      return o.breaker === "OPEN" ? `the ${circuit} breaker opened` : undefined;
    case "error-rate":
      return o.errorPercent !== undefined && request.stopErrorPercent !== undefined && o.errorPercent > request.stopErrorPercent
        ? `the error rate reached ${Math.round(o.errorPercent)}% (above ${request.stopErrorPercent}%)`
        : undefined;
    default:
      return undefined;
  }
}

/** The fault an experiment writes: it expires by itself at the experiment's end (the backstop). */
export function experimentFault(request: ExperimentRequest): FaultRequest {
  const base = { service: request.service, durationSeconds: request.durationSeconds };
  switch (request.mode) {
    case "fail":
      return { command: "fail", ...base };
    case "latency":
      return { command: "latency", ...base, latencyMs: request.latencyMs ?? 1_000 };
    case "error-rate":
      return { command: "error-rate", ...base, errorRate: request.errorRate ?? 50 };
  }
}

/** "fail", "latency 800 ms", "error-rate 30%". */
export function describeFault(request: Pick<ExperimentRequest, "mode" | "latencyMs" | "errorRate">): string {
  if (request.mode === "latency") return `latency ${request.latencyMs} ms`;
  if (request.mode === "error-rate") return `error-rate ${request.errorRate}%`;
  return "fail";
}

export const STOP_LABELS: Record<StopCondition, string> = {
  none: "Run the full duration",
  alarm: "The breaker-open alarm goes ALARM",
  "breaker-open": "The breaker opens",
  "error-rate": "The error rate goes above…",
};

export interface ExperimentStore {
  load(): Experiment[];
  save(experiments: Experiment[]): void;
}

export interface RunnerDeps {
  writeFault(request: FaultRequest, source: "experiment"): Promise<void>;
  observe(request: ExperimentRequest): Promise<Observation>;
  store: ExperimentStore;
  now(): number;
  /** How often the stop condition is checked (the target's poll interval). */
  pollMs(): number;
  setTimer?(fn: () => void, ms: number): { cancel(): void };
}

const RETRY_MS = [1_000, 2_000, 4_000, 8_000, 10_000];
/** Revert attempts before giving up (about two minutes); the record's expires_at still ends the fault. */
export const MAX_REVERT_ATTEMPTS = 15;
const KEEP = 10;

const defaultTimer = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return { cancel: () => clearTimeout(t) };
};

export type StartExperiment = { ok: true; experiment: Experiment } | { ok: false; reason: string };

export class ExperimentRunner {
  private experiments: Experiment[] = [];
  private loaded = false;
  private endTimer?: { cancel(): void };
  private watchTimer?: { cancel(): void };
  private retryTimer?: { cancel(): void };
  private watching = false;
  private revertInFlight = false;
  private readonly deps: RunnerDeps;

  constructor(deps: RunnerDeps) {
    this.deps = deps;
  }

  private timer(fn: () => void, ms: number) {
    return (this.deps.setTimer ?? defaultTimer)(fn, Math.max(0, ms));
  }

  private load() {
    if (this.loaded) return;
    this.loaded = true;
    try {
      this.experiments = this.deps.store.load();
    } catch {
      this.experiments = [];
    }
  }

  private persist() {
    this.experiments = this.experiments.slice(-KEEP);
    try {
      this.deps.store.save(this.experiments);
    } catch (error) {
      console.warn(`Could not save the experiment state: ${(error as Error).message}`);
    }
  }

  private note(e: Experiment, message: string) {
    e.log.push({ at: this.deps.now(), message });
    if (e.log.length > 50) e.log.splice(0, e.log.length - 50);
  }

  /** The experiment under way, or undefined. */
  active(): Experiment | undefined {
    this.load();
    const last = this.experiments.at(-1);
    return last && (last.state === "running" || last.state === "reverting") ? last : undefined;
  }

  /** The latest experiment, finished or not. */
  latest(): Experiment | undefined {
    this.load();
    return this.experiments.at(-1);
  }

  history(): Experiment[] {
    this.load();
    return [...this.experiments];
  }

  /**
   * After a (re)start: an experiment whose time is up is reverted now; one still under way gets
   * its timers back. Safe to call more than once.
   */
  resume(): Experiment | undefined {
    const e = this.active();
    if (!e || this.endTimer || this.retryTimer || this.revertInFlight) return e;
    if (e.state === "reverting") {
      void this.revert(e, e.outcome ?? "reverted-on-restart", e.reason ?? "the console restarted while reverting");
    } else if (this.deps.now() >= e.endsAt) {
      void this.revert(e, "reverted-on-restart", "its time ran out while the console was stopped; reverted when the console started");
    } else {
      this.note(e, "the console restarted; the countdown continues");
      this.persist();
      this.schedule(e);
    }
    return e;
  }

  async start(input: ExperimentRequest): Promise<StartExperiment> {
    this.resume();
    if (this.active()) return { ok: false, reason: "An experiment is already running; stop it first." };
    const parsed = experimentRequestSchema.safeParse(input);
    if (!parsed.success) return { ok: false, reason: parsed.error.issues[0].message };
    const request = parsed.data;
    const now = this.deps.now();
    const e: Experiment = {
      id: `exp-${now.toString(36)}`,
      request,
      startedAt: now,
      endsAt: now + request.durationSeconds * 1000,
      state: "running",
      revertAttempts: 0,
      log: [],
    };
    // Saved before the fault is written: a crash in between still leaves something to revert.
    this.experiments.push(e);
    this.note(e, `injecting ${describeFault(request)} into ${request.service} for ${request.durationSeconds} s`);
    this.persist();
    try {
      await this.deps.writeFault(experimentFault(request), "experiment");
    } catch (error) {
      e.state = "failed";
      e.reason = `the fault could not be written: ${(error as Error).message}`;
      e.lastError = (error as Error).message;
      this.note(e, e.reason);
      this.persist();
      return { ok: false, reason: e.reason };
    }
    this.schedule(e);
    return { ok: true, experiment: e };
  }

  /** Ends the experiment now, reverting the fault. */
  async cancel(reason = "stopped by you"): Promise<Experiment | undefined> {
    const e = this.active();
    if (!e) return undefined;
    if (e.state === "running") await this.revert(e, "cancelled", reason);
    return e;
  }

  private schedule(e: Experiment) {
    this.clearTimers();
    this.endTimer = this.timer(() => {
      this.endTimer = undefined;
      void this.revert(e, "completed", `ran the full ${e.request.durationSeconds} s`);
    }, e.endsAt - this.deps.now());
    if (e.request.stop !== "none") this.watch(e);
  }

  private watch(e: Experiment) {
    this.watchTimer = this.timer(async () => {
      this.watchTimer = undefined;
      if (e.state !== "running" || this.watching) return;
      this.watching = true;
      try {
        const reason = stopReason(e.request, await this.deps.observe(e.request));
        if (reason && e.state === "running") {
          await this.revert(e, "stopped-early", `stopped early: ${reason}`);
          return;
        }
      } catch (error) {
        e.lastError = `the stop condition could not be read: ${(error as Error).message}`;
      } finally {
        this.watching = false;
      }
      if (e.state === "running") this.watch(e);
    }, this.deps.pollMs());
  }

  private clearTimers() {
    this.endTimer?.cancel();
    this.watchTimer?.cancel();
    this.retryTimer?.cancel();
    this.endTimer = this.watchTimer = this.retryTimer = undefined;
  }

  /** Writes `recover`, retrying with back-off; the experiment is done only once it is written. */
  private async revert(e: Experiment, outcome: ExperimentOutcome, reason: string): Promise<void> {
    if (e.state === "done" || e.state === "failed" || this.revertInFlight) return;
    this.revertInFlight = true;
    if (e.state === "running") {
      this.clearTimers();
      e.state = "reverting";
      e.outcome = outcome;
      e.reason = reason;
      this.note(e, `reverting: ${reason}`);
      this.persist();
    }
    e.revertAttempts++;
    try {
      await this.deps.writeFault({ command: "recover", service: e.request.service }, "experiment").finally(() => {
        this.revertInFlight = false;
      });
      e.state = "done";
      e.revertedAt = this.deps.now();
      e.lastError = undefined;
      this.note(e, `${e.request.service} recovered`);
    } catch (error) {
      e.lastError = (error as Error).message;
      if (e.revertAttempts >= MAX_REVERT_ATTEMPTS) {
        e.state = "failed";
        this.note(e, `could not write recover after ${e.revertAttempts} attempts (${e.lastError}); the fault expires by itself at ${new Date(e.endsAt).toISOString()}`);
      } else {
        this.note(e, `recover failed (${e.lastError}); trying again`);
        this.retryTimer = this.timer(
          () => {
            this.retryTimer = undefined;
            void this.revert(e, outcome, reason);
          },
          RETRY_MS[Math.min(RETRY_MS.length - 1, e.revertAttempts - 1)],
        );
      }
    }
    this.persist();
  }
}

// ── the console's runner ────────────────────────────────────────────────

/** The one runner of this console process, created with its dependencies on first use. */
export function experimentRunner(create: () => RunnerDeps): ExperimentRunner {
  return processSingleton("experiment-runner", () => {
    const runner = new ExperimentRunner(create());
    runner.resume();
    return runner;
  });
}
