// A bounded load generator: the seed's `GET /users/123` and `POST /orders` sent to the lab's
// load balancer at a steady rate (1–100 requests per second) for at most two minutes, so the
// breakers have traffic to judge. One run at a time, in the console's server process; it stops
// by itself. The URL always comes from the stack outputs, never from the browser.
import { z } from "zod";
import { processSingleton } from "./singleton.ts";

export const LOAD_LIMITS = { minRps: 1, maxRps: 100, maxDurationSeconds: 120 } as const;
/** A request that takes longer counts as an error (and frees its slot). */
export const REQUEST_TIMEOUT_MS = 5_000;
/** Requests allowed in flight; beyond it, due requests are skipped and counted, not queued. */
export const MAX_IN_FLIGHT = 256;

/** The seed's two requests (seed README, "Test the Services"). */
export const SEED_REQUESTS = {
  "get-user": { label: "GET /users/123", method: "GET", path: "/users/123" },
  "post-order": {
    label: "POST /orders",
    method: "POST",
    path: "/orders",
    body: { user_id: 123, items: [{ product_id: "prod-123", quantity: 2 }] },
  },
} as const;
export type SeedRequestName = keyof typeof SEED_REQUESTS;
export const SEED_REQUEST_NAMES = Object.keys(SEED_REQUESTS) as SeedRequestName[];

export const LOAD_MIXES = ["orders", "users", "both"] as const;
export type LoadMix = (typeof LOAD_MIXES)[number];
export const MIX_LABELS: Record<LoadMix, string> = {
  orders: "POST /orders",
  users: "GET /users/123",
  both: "Both",
};

export const loadRequestSchema = z.object({
  rps: z.coerce
    .number({ message: "Enter a rate in requests per second." })
    .int("Use a whole number of requests per second.")
    .min(LOAD_LIMITS.minRps, `At least ${LOAD_LIMITS.minRps} request per second.`)
    .max(LOAD_LIMITS.maxRps, `At most ${LOAD_LIMITS.maxRps} requests per second: the lab runs on this machine.`),
  durationSeconds: z.coerce
    .number({ message: "Enter a duration in seconds." })
    .int("Use a whole number of seconds.")
    .min(1, "At least 1 second.")
    .max(LOAD_LIMITS.maxDurationSeconds, `At most ${LOAD_LIMITS.maxDurationSeconds} seconds; start another run for more.`),
  mix: z.enum(LOAD_MIXES, { message: "Choose which requests to send." }),
});
export type LoadRequest = z.infer<typeof loadRequestSchema>;

/** The services' base URL from the stack outputs: `http://<AlbDnsName>:<ListenerPort>`. */
export function albBaseUrl(outputs: Record<string, string | undefined>, defaultPort = 8080): string | undefined {
  const dns = outputs.AlbDnsName?.trim();
  if (!dns) return undefined;
  const port = Number(outputs.ListenerPort) || defaultPort;
  return `http://${dns}:${port}`;
}

const isLoopbackHost = (host: string) => {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
};

/**
 * Why traffic must not be sent to `url`, or undefined when it may. When the target's API
 * endpoint is on this machine, the lab's load balancer is too, so anything but loopback is
 * refused; with AWS's own endpoints, only an Elastic Load Balancing DNS name is accepted.
 */
export function loadTargetProblem(url: string, apiEndpoint: string | undefined): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL.`;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return `Only http and https are allowed (got ${parsed.protocol}).`;
  const local = apiEndpoint ? isLoopbackHost(new URL(apiEndpoint).hostname) : false;
  if (local) {
    return isLoopbackHost(parsed.hostname) ? undefined : `The lab runs on this machine, so load goes only to loopback; ${parsed.hostname} is not.`;
  }
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#dns-name
  return /\.elb\.amazonaws\.com(\.cn)?$/i.test(parsed.hostname) ? undefined : `${parsed.hostname} is not an Elastic Load Balancing DNS name; load goes only to the lab's ALB.`;
}

export type Outcome = "ok" | "fallback" | "client" | "server" | "error";
export const OUTCOMES: readonly Outcome[] = ["ok", "fallback", "client", "server", "error"];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  ok: "2xx",
  fallback: "202 fallback",
  client: "4xx",
  server: "5xx",
  error: "no answer",
};

/** How one answer counts: a 202 from `POST /orders` is order-service's fallback. `status` 0 means no answer. */
export function classify(status: number, request: SeedRequestName): Outcome {
  if (status === 0) return "error";
  if (status === 202 && request === "post-order") return "fallback";
  if (status >= 200 && status < 300) return "ok";
  if (status >= 400 && status < 500) return "client";
  if (status >= 500) return "server";
  return "ok";
}

/** Nearest-rank percentile of ascending `sorted`; null when empty. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function latencySummary(latencies: readonly number[]): { p50: number; p90: number; p99: number } | null {
  if (!latencies.length) return null;
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50) as number, p90: percentile(sorted, 90) as number, p99: percentile(sorted, 99) as number };
}

/** The requests a mix sends, in turn. */
export const mixRequests = (mix: LoadMix): SeedRequestName[] => (mix === "orders" ? ["post-order"] : mix === "users" ? ["get-user"] : ["post-order", "get-user"]);

export type Counts = Record<Outcome, number>;
const zeroCounts = (): Counts => ({ ok: 0, fallback: 0, client: 0, server: 0, error: 0 });

export interface LoadSecond extends Counts {
  /** Start of the second, epoch ms. */
  t: number;
  sent: number;
}

export type LoadState = "running" | "finished" | "stopped";

export interface LoadRunView {
  id: string;
  request: LoadRequest;
  url: string;
  state: LoadState;
  startedAt: number;
  endsAt: number;
  finishedAt?: number;
  /** Requests due so far at the chosen rate. */
  due: number;
  sent: number;
  completed: number;
  inFlight: number;
  skipped: number;
  counts: Counts;
  /** Over every completed request of the run, ms. */
  latency: { p50: number; p90: number; p99: number } | null;
  /** Per second of the run, for the chart. */
  seconds: LoadSecond[];
  lastError?: string;
  /** Why it stopped early. */
  reason?: string;
}

export interface SendResult {
  status: number;
  ms: number;
  error?: string;
}

export type Sender = (baseUrl: string, request: SeedRequestName, signal: AbortSignal) => Promise<SendResult>;

/** One request through `fetch`; never throws: no answer is status 0 with the reason. */
export const fetchSender: Sender = async (baseUrl, name, signal) => {
  const spec = SEED_REQUESTS[name];
  const t0 = performance.now();
  try {
    const res = await fetch(`${baseUrl}${spec.path}`, {
      method: spec.method,
      headers: "body" in spec ? { "content-type": "application/json" } : undefined,
      body: "body" in spec ? JSON.stringify(spec.body) : undefined,
      signal,
    });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - t0 };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    const reason = e.name === "TimeoutError" ? `timed out after ${REQUEST_TIMEOUT_MS} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { status: 0, ms: performance.now() - t0, error: reason };
  }
};

export const TICK_MS = 50;

/**
 * One run. Open loop: requests go out at the chosen rate whatever the answers take, as real
 * clients would; `tick()` sends what is due. Bounded in rate, duration and requests in flight.
 */
export class LoadRun {
  readonly id: string;
  readonly request: LoadRequest;
  readonly url: string;
  readonly startedAt: number;
  readonly endsAt: number;
  state: LoadState = "running";
  finishedAt?: number;
  reason?: string;
  private sent = 0;
  private completed = 0;
  private inFlight = 0;
  private skipped = 0;
  private due = 0;
  private counts = zeroCounts();
  private latencies: number[] = [];
  private seconds = new Map<number, LoadSecond>();
  private lastError?: string;
  private readonly sequence: SeedRequestName[];
  private readonly controller = new AbortController();
  private readonly deps: { send: Sender; now: () => number; id: string; onDone?: (run: LoadRun) => void };

  constructor(request: LoadRequest, url: string, deps: LoadRun["deps"]) {
    this.deps = deps;
    this.id = deps.id;
    this.request = loadRequestSchema.parse(request);
    this.url = url;
    this.startedAt = deps.now();
    this.endsAt = this.startedAt + this.request.durationSeconds * 1000;
    this.sequence = mixRequests(this.request.mix);
  }

  private second(at: number): LoadSecond {
    const t = this.startedAt + Math.floor((at - this.startedAt) / 1000) * 1000;
    let s = this.seconds.get(t);
    if (!s) {
      s = { t, sent: 0, ...zeroCounts() };
      this.seconds.set(t, s);
    }
    return s;
  }

  /** Sends whatever is due by now; ends the run once the duration is over. */
  tick(): void {
    if (this.state !== "running") return;
    const now = this.deps.now();
    const elapsed = Math.min(now, this.endsAt) - this.startedAt;
    const due = Math.min(Math.floor((elapsed * this.request.rps) / 1000) + 1, this.request.rps * this.request.durationSeconds);
    while (this.due < due) {
      this.due++;
      if (this.inFlight >= MAX_IN_FLIGHT) {
        this.skipped++;
        continue;
      }
      this.fire(this.sequence[(this.due - 1) % this.sequence.length], now);
    }
    if (now >= this.endsAt) this.finish("finished");
  }

  private fire(name: SeedRequestName, now: number) {
    this.sent++;
    this.inFlight++;
    this.second(now).sent++;
    const signal = AbortSignal.any([this.controller.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]);
    void this.deps.send(this.url, name, signal).then((r) => {
      this.inFlight--;
      this.completed++;
      const outcome = classify(r.status, name);
      this.counts[outcome]++;
      this.second(this.deps.now())[outcome]++;
      if (r.status !== 0) this.latencies.push(Math.round(r.ms * 10) / 10);
      if (r.error) this.lastError = r.error;
    });
  }

  stop(reason = "stopped by you"): void {
    if (this.state !== "running") return;
    this.reason = reason;
    this.finish("stopped");
    this.controller.abort();
  }

  private finish(state: Exclude<LoadState, "running">) {
    this.state = state;
    this.finishedAt = this.deps.now();
    this.deps.onDone?.(this);
  }

  view(): LoadRunView {
    return {
      id: this.id,
      request: this.request,
      url: this.url,
      state: this.state,
      startedAt: this.startedAt,
      endsAt: this.endsAt,
      finishedAt: this.finishedAt,
      due: this.due,
      sent: this.sent,
      completed: this.completed,
      inFlight: this.inFlight,
      skipped: this.skipped,
      counts: { ...this.counts },
      latency: latencySummary(this.latencies),
      seconds: [...this.seconds.values()].sort((a, b) => a.t - b.t).map((s) => ({ ...s })),
      lastError: this.lastError,
      reason: this.reason,
    };
  }
}

export type StartLoad = { ok: true; run: LoadRunView } | { ok: false; reason: string };

/** One run at a time per console process, even when the bundler loads this module twice. */
export class LoadGenerator {
  current?: LoadRun;
  private timer?: ReturnType<typeof setInterval>;
  private seq = 0;
  private readonly deps: { send: Sender; now: () => number; tickMs?: number };

  constructor(deps: LoadGenerator["deps"] = { send: fetchSender, now: Date.now }) {
    this.deps = deps;
  }

  start(request: LoadRequest, url: string, apiEndpoint: string | undefined): StartLoad {
    if (this.current?.state === "running") return { ok: false, reason: "A load run is already going; stop it first or wait for it to end." };
    const problem = loadTargetProblem(url, apiEndpoint);
    if (problem) return { ok: false, reason: problem };
    const parsed = loadRequestSchema.safeParse(request);
    if (!parsed.success) return { ok: false, reason: parsed.error.issues[0].message };
    const run = new LoadRun(parsed.data, url, {
      send: this.deps.send,
      now: this.deps.now,
      id: `load-${this.deps.now().toString(36)}-${++this.seq}`,
      onDone: () => this.clearTimer(),
    });
    this.current = run;
    run.tick();
    this.timer = setInterval(() => run.tick(), this.deps.tickMs ?? TICK_MS);
    this.timer.unref?.();
    return { ok: true, run: run.view() };
  }

  stop(reason?: string): LoadRunView | undefined {
    this.current?.stop(reason);
    this.clearTimer();
    return this.current?.view();
  }

  view(): LoadRunView | undefined {
    return this.current?.view();
  }

  private clearTimer() {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

export const loadGenerator: LoadGenerator = processSingleton("load-generator", () => new LoadGenerator());
