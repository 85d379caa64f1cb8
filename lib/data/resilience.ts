// The Resilience page's data, reshaped from SDK answers into what the breaker cards, the
// timeline and the what-if show. Pure: the SDK calls are in resilience-sdk.ts.
import { type BreakerItem, initialItem, whatIfAll } from "../../services/shared/breaker.ts";
import { BREAKER_PRESETS, type BreakerConfig, type BreakerPresetName } from "../lab/breaker-presets.ts";
import { BREAKER_STATE_VALUE, BREAKER_STATES, type BreakerState, type FaultMode } from "../lab/contract.ts";
import type { Experiment } from "../lab/experiments.ts";
import type { LoadRunView } from "../lab/load.ts";

/** The timeline's longest window; the route always answers this much history. */
export const HISTORY_MS = 15 * 60_000;
/** The metrics' period: the services flush Requests/Errors/Latency every 5 s. */
export const TRAFFIC_PERIOD_S = 5;
/** The breaker cards' sparkline span (UI.md: "a sparkline over 2 minutes"). */
export const SPARKLINE_MS = 2 * 60_000;

export interface MetricPoint {
  /** Epoch ms. */
  t: number;
  v: number;
}

/** GetMetricData answers newest first by default; this is oldest first. */
export function pointsOf(result: { Timestamps?: (Date | string | number)[]; Values?: number[] } | undefined): MetricPoint[] {
  const ts = result?.Timestamps ?? [];
  const vs = result?.Values ?? [];
  return ts.map((t, i) => ({ t: new Date(t).getTime(), v: vs[i] ?? 0 })).sort((a, b) => a.t - b.t);
}

export interface TrafficPoint {
  /** Start of the bucket, epoch ms. */
  t: number;
  requests: number;
  errors: number;
  rps: number;
  /** Errors in the 10 s ending with this bucket, for the count threshold. */
  errors10s: number;
  /** null with no requests: an error rate of nothing is not 0%. */
  errorPercent: number | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Requests and Errors buckets on one grid from `from` to `to`, with the gaps as zero: the
 * services publish nothing for a period without requests.
 */
export function trafficSeries(requests: readonly MetricPoint[], errors: readonly MetricPoint[], from: number, to: number, periodS = TRAFFIC_PERIOD_S): TrafficPoint[] {
  const step = periodS * 1000;
  const start = Math.floor(from / step) * step;
  const req = new Map(requests.map((p) => [Math.floor(p.t / step) * step, p.v]));
  const err = new Map(errors.map((p) => [Math.floor(p.t / step) * step, p.v]));
  const out: TrafficPoint[] = [];
  const per10 = Math.max(1, Math.round(10 / periodS));
  for (let t = start; t <= to; t += step) {
    const r = req.get(t) ?? 0;
    const e = Math.min(r || Number.POSITIVE_INFINITY, err.get(t) ?? 0);
    const prev = out.slice(-(per10 - 1)).reduce((n, p) => n + p.errors, 0);
    out.push({ t, requests: r, errors: e, rps: round1(r / periodS), errors10s: prev + e, errorPercent: r > 0 ? round1((100 * e) / r) : null });
  }
  return out;
}

/** Requests, errors, rate and error % over the last `windowMs` of complete buckets. */
export function rollingTotals(series: readonly TrafficPoint[], now: number, windowMs = 10_000, periodS = TRAFFIC_PERIOD_S) {
  // The newest bucket is still filling until the services' next flush: skip it.
  const complete = series.filter((p) => p.t + periodS * 1000 <= now);
  const recent = complete.filter((p) => p.t >= now - windowMs - periodS * 1000).slice(-Math.max(1, Math.round(windowMs / (periodS * 1000))));
  const requests = recent.reduce((n, p) => n + p.requests, 0);
  const errors = recent.reduce((n, p) => n + p.errors, 0);
  const seconds = Math.max(1, recent.length * periodS);
  return { requests, errors, rps: round1(requests / seconds), errorPercent: requests ? round1((100 * errors) / requests) : null };
}

// ── breakers ────────────────────────────────────────────────────────────

export interface BreakerView {
  service: string;
  state: BreakerState;
  failureCount: number;
  successCount: number;
  windowStartedAt: number;
  openedAt: number | null;
  retryAt: number | null;
  config: BreakerConfig;
  version: number;
  /** False until a first call or check wrote the item: a breaker never used is CLOSED. */
  stored: boolean;
}

const isState = (s: unknown): s is BreakerState => (BREAKER_STATES as readonly unknown[]).includes(s);

/** The item as the card shows it; a missing or malformed item is a fresh CLOSED breaker. */
export function breakerView(service: string, item: Partial<BreakerItem> | undefined, defaultConfig: BreakerConfig): BreakerView {
  const base = initialItem(service, defaultConfig, 0);
  const num = (v: unknown, d: number) => (typeof v === "number" && Number.isFinite(v) ? v : d);
  const nullable = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  return {
    service,
    state: isState(item?.state) ? item.state : "CLOSED",
    failureCount: num(item?.failure_count, 0),
    successCount: num(item?.success_count, 0),
    windowStartedAt: num(item?.window_started_at, 0),
    openedAt: nullable(item?.opened_at),
    retryAt: nullable(item?.retry_at),
    config: { ...base.config, ...(item?.config ?? {}) },
    version: num(item?.version, 0),
    stored: item !== undefined,
  };
}

/** Failures counted in the breaker's current window, or 0 once the window has passed. */
export function windowFailures(b: BreakerView, now: number): number {
  if (b.state !== "CLOSED") return b.failureCount;
  return now - b.windowStartedAt >= b.config.windowMs ? 0 : b.failureCount;
}

/** ms until OPEN may turn HALF_OPEN; null when not OPEN or held open until forced closed. */
export function msUntilHalfOpen(b: Pick<BreakerView, "state" | "retryAt">, now: number): number | null {
  if (b.state !== "OPEN" || b.retryAt === null) return null;
  return Math.max(0, b.retryAt - now);
}

export interface TransitionMark {
  service: string;
  at: number;
  from: BreakerState;
  to: BreakerState;
  /** The CircuitBreakerState metric, the console's polling of the item, or the answer to its own Lambda call. */
  source: "metric" | "poll" | "console";
  reason?: string;
}

const STATE_OF_VALUE = Object.fromEntries(Object.entries(BREAKER_STATE_VALUE).map(([k, v]) => [v, k])) as Record<number, BreakerState>;

/** State changes in the CircuitBreakerState metric (Maximum per second): one mark per change. */
export function transitionsFromStateMetric(service: string, points: readonly MetricPoint[]): TransitionMark[] {
  const out: TransitionMark[] = [];
  for (let i = 1; i < points.length; i++) {
    const from = STATE_OF_VALUE[Math.round(points[i - 1].v)];
    const to = STATE_OF_VALUE[Math.round(points[i].v)];
    if (from && to && from !== to) out.push({ service, at: points[i].t, from, to, source: "metric" });
  }
  return out;
}

/**
 * One list from the metric and from the console's own polling of the items: a change seen both
 * ways within `toleranceMs` is kept once, with the earlier time.
 */
export function mergeTransitions(a: readonly TransitionMark[], b: readonly TransitionMark[], toleranceMs = 3_000): TransitionMark[] {
  const all = [...a, ...b].sort((x, y) => x.at - y.at);
  const out: TransitionMark[] = [];
  for (const m of all) {
    const twin = out.find((o) => o.service === m.service && o.to === m.to && Math.abs(o.at - m.at) <= toleranceMs);
    if (!twin) out.push(m);
  }
  return out;
}

/** A transition the console saw between two polls of an item; OPEN is dated by opened_at. */
export function polledTransition(previous: BreakerView | undefined, next: BreakerView, now: number): TransitionMark | undefined {
  if (!previous || previous.state === next.state) return undefined;
  const at = next.state === "OPEN" && next.openedAt ? next.openedAt : next.state === "HALF_OPEN" && next.windowStartedAt ? next.windowStartedAt : now;
  return { service: next.service, at: Math.min(at, now), from: previous.state, to: next.state, source: "poll" };
}

// ── alarms ──────────────────────────────────────────────────────────────

export interface AlarmChange {
  at: number;
  from?: string;
  to: string;
}

/** A StateUpdate history item's old and new state (HistoryData, else the summary's words). */
export function alarmChange(item: { Timestamp?: Date | string; HistoryData?: string; HistorySummary?: string }): AlarmChange | undefined {
  const at = item.Timestamp ? new Date(item.Timestamp).getTime() : Number.NaN;
  if (!Number.isFinite(at)) return undefined;
  try {
    const data = JSON.parse(item.HistoryData ?? "") as { oldState?: { stateValue?: string }; newState?: { stateValue?: string } };
    if (data.newState?.stateValue) return { at, from: data.oldState?.stateValue, to: data.newState.stateValue };
  } catch {
    // Not JSON: fall back to "Alarm updated from OK to ALARM".
  }
  const m = /from (\w+) to (\w+)/.exec(item.HistorySummary ?? "");
  return m ? { at, from: m[1], to: m[2] } : undefined;
}

export interface AlarmSegment {
  from: number;
  to: number;
  state: string;
}

/** The alarm's state over [windowFrom, now] as consecutive segments. */
export function alarmSegments(changes: readonly AlarmChange[], current: string | undefined, windowFrom: number, now: number): AlarmSegment[] {
  const sorted = [...changes].filter((c) => c.at <= now).sort((a, b) => a.at - b.at);
  const before = sorted.filter((c) => c.at <= windowFrom).at(-1);
  const inside = sorted.filter((c) => c.at > windowFrom);
  let state = before?.to ?? inside[0]?.from ?? (inside.length ? "INSUFFICIENT_DATA" : (current ?? "INSUFFICIENT_DATA"));
  let at = windowFrom;
  const out: AlarmSegment[] = [];
  for (const c of inside) {
    if (c.to === state) continue;
    if (c.at > at) out.push({ from: at, to: c.at, state });
    state = c.to;
    at = c.at;
  }
  out.push({ from: at, to: now, state: current && !inside.length && !before ? current : state });
  return out;
}

// ── faults ──────────────────────────────────────────────────────────────

export interface FaultBand {
  service: string;
  mode: Exclude<FaultMode, "none"> | "crash";
  latencyMs?: number;
  errorRate?: number;
  /** Epoch ms. */
  from: number;
  /** When it ends by itself (the record's expires_at), epoch ms. */
  until?: number;
  /** When it was recovered or replaced, epoch ms. */
  endedAt?: number;
  /** Who started it: the console (a fault control or an experiment) or a change seen in the table. */
  source: "console" | "experiment" | "observed";
}

/** The end of a band as far as it is known at `now`: recovered, expired, or still open (undefined). */
export function bandEnd(band: FaultBand, now: number): number | undefined {
  if (band.endedAt !== undefined) return band.endedAt;
  if (band.until !== undefined && band.until <= now) return band.until;
  return undefined;
}


export interface FaultView {
  service: string;
  mode: string;
  latencyMs?: number;
  errorRate?: number;
  /** Epoch ms, when it ends by itself. */
  expiresAt?: number;
  /** The last crash command, epoch ms. */
  crashRequestedAt?: number;
}

/** "fail", "latency 800 ms", "error-rate 30%", or "crash". */
export function faultLabel(f: Pick<FaultBand, "mode" | "latencyMs" | "errorRate">): string {
  if (f.mode === "latency") return `latency ${f.latencyMs} ms`;
  if (f.mode === "error-rate") return `error-rate ${f.errorRate}%`;
  return f.mode;
}

export interface BandView extends FaultBand {
  /** The end to draw: recovered, expired, or now while it lasts. */
  end: number;
  open: boolean;
  label: string;
}

/** Bands that overlap [windowFrom, now], clipped to it. */
export function bandsInWindow(bands: readonly FaultBand[], windowFrom: number, now: number): BandView[] {
  return bands
    .map((b) => {
      const ended = bandEnd(b, now);
      return { ...b, end: ended ?? now, open: ended === undefined, label: faultLabel(b) };
    })
    .filter((b) => b.end >= windowFrom && b.from <= now);
}

// ── mesh edges (the emulator's inspection API) ──────────────────────────

export interface MeshEdge {
  source: string;
  destination: string;
  requests: number;
  errors: number;
  rps10s: number;
  errorPercent: number;
  latencyMs: { p50: number; p90: number; p99: number };
}

/** Whether an edge leads to a circuit's service: the virtual nodes `inventory-service-v1` and `-v2` both do. */
export const edgeServesCircuit = (destination: string, circuit: string) => destination === circuit || new RegExp(`^${circuit}-v\\d+$`).test(destination);

export interface CircuitEdge {
  requests: number;
  errors: number;
  rps10s: number;
  /** Over the last minute. */
  errorPercent: number;
  /** Over the last minute; with several edges, the busiest one's p50 and the worst p90/p99. */
  latencyMs: { p50: number; p90: number; p99: number } | null;
}

/** order-service's calls to a circuit's service, summed over the edges that lead there. */
export function circuitEdge(edges: readonly MeshEdge[], circuit: string, caller = "order-service"): CircuitEdge | undefined {
  const mine = edges.filter((e) => e.source === caller && edgeServesCircuit(e.destination, circuit));
  if (!mine.length) return undefined;
  const busiest = [...mine].sort((a, b) => b.rps10s - a.rps10s)[0];
  const active = mine.filter((e) => e.latencyMs.p99 > 0);
  const rps = mine.reduce((n, e) => n + e.rps10s, 0);
  const weight = mine.reduce((n, e) => n + e.rps10s, 0) || 1;
  return {
    requests: mine.reduce((n, e) => n + e.requests, 0),
    errors: mine.reduce((n, e) => n + e.errors, 0),
    rps10s: round1(rps),
    errorPercent: round1(mine.reduce((n, e) => n + e.errorPercent * e.rps10s, 0) / weight),
    latencyMs: active.length
      ? { p50: busiest.latencyMs.p50, p90: Math.max(...active.map((e) => e.latencyMs.p90)), p99: Math.max(...active.map((e) => e.latencyMs.p99)) }
      : null,
  };
}

export interface CounterSample {
  t: number;
  requests: number;
  errors: number;
}

/** Rate and error % from cumulative counters sampled over time: the change across the last `windowMs`. */
export function counterRates(samples: readonly CounterSample[], now: number, windowMs = 10_000): { rps: number; errorPercent: number | null } | undefined {
  const latest = samples.at(-1);
  if (!latest) return undefined;
  const base = [...samples].reverse().find((s) => s.t <= now - windowMs) ?? samples[0];
  if (base === latest || latest.t - base.t < 2_000) return undefined;
  const dr = latest.requests - base.requests;
  const de = latest.errors - base.errors;
  if (dr < 0 || de < 0) return undefined; // counters were reset (emulator restart)
  return { rps: round1((dr * 1000) / (latest.t - base.t)), errorPercent: dr ? round1((100 * de) / dr) : null };
}

// ── the route's answer ──────────────────────────────────────────────────

export type LatencyView =
  | { source: "mesh"; p50: number; p90: number; p99: number }
  | { source: "cloudwatch"; average: number; maximum: number }
  | null;

/** The mesh data plane's outlier detection for a circuit's endpoints (the emulator's /_lab/mesh/endpoints). */
export interface MeshEndpoint {
  destination: string;
  endpoint: string;
  outlier?: { consecutiveServerErrors: number; ejections: number; ejectedUntil?: string };
}

export interface Ejection {
  /** Endpoints of the circuit's service, and how many are ejected now. */
  endpoints: number;
  ejected: number;
  /** When the last ejected endpoint comes back, epoch ms. */
  until?: number;
  /** Times the longest-ejected endpoint has been ejected: Envoy multiplies the base duration by it. */
  ejections: number;
}

/** Whether Envoy's outlier detection keeps a circuit's endpoints out of the pool right now. */
export function circuitEjection(endpoints: readonly MeshEndpoint[], circuit: string, now: number): Ejection | undefined {
  const mine = endpoints.filter((e) => edgeServesCircuit(e.destination, circuit));
  if (!mine.length || mine.every((e) => !e.outlier)) return undefined;
  const ejected = mine.filter((e) => e.outlier?.ejectedUntil && Date.parse(e.outlier.ejectedUntil) > now);
  const until = ejected.map((e) => Date.parse(e.outlier?.ejectedUntil ?? "")).sort((a, b) => b - a)[0];
  return { endpoints: mine.length, ejected: ejected.length, until, ejections: Math.max(0, ...ejected.map((e) => e.outlier?.ejections ?? 0)) };
}

export interface CircuitView {
  service: string;
  breaker: BreakerView;
  /** Where the target has the inspection API: the mesh's own per-endpoint breaker. */
  ejection?: Ejection;
  alarm?: { name: string; state: string; since?: number };
  /** The last 10 s: from the mesh data plane where the target has it, else from CloudWatch. */
  live: { rps: number; errorPercent: number | null; source: "mesh" | "cloudwatch" };
  latency: LatencyView;
  /** 15 minutes of Requests/Errors of the service, oldest first. */
  traffic: TrafficPoint[];
}

export interface ResilienceSnapshot {
  at: number;
  pollMs: number;
  /** False when the resilience stack is not there: the page shows "Not deployed yet". */
  deployed: boolean;
  /** Set when a read failed: what failed and why. */
  error?: string;
  /** Thresholds the resilience stack was deployed with (the default for items not yet written). */
  deployedConfig?: BreakerConfig;
  circuits: CircuitView[];
  faults: FaultView[];
  bands: FaultBand[];
  transitions: TransitionMark[];
  alarms: { circuit: string; name: string; changes: AlarmChange[]; current?: string }[];
  experiment?: Experiment;
  load?: LoadRunView;
  albUrl?: string;
}

// ── what-if ─────────────────────────────────────────────────────────────

export interface WhatIfRow {
  preset: BreakerPresetName;
  label: string;
  description: string;
  source: string;
  /** ms after the traffic starts; null when it never opens within the horizon. */
  opensAfterMs: number | null;
  /** Share of calls refused (answered by the fallback), %. */
  refusedPercent: number;
  failed: number;
  requests: number;
  summary: string;
  verdict: string;
}

/** How each preset would react to `rps` calls a second of which `errorPercent` % fail, for `horizonMs`. */
export function whatIfRows(errorPercent: number, rps: number, horizonMs = 60_000): WhatIfRow[] {
  return whatIfAll(errorPercent / 100, rps, horizonMs).map((r) => {
    const preset = r.preset as BreakerPresetName;
    const p = BREAKER_PRESETS[preset];
    const opens = r.firstOpenAtMs;
    return {
      preset,
      label: p.label,
      description: p.description,
      source: p.source,
      opensAfterMs: opens,
      refusedPercent: r.requests ? Math.round((100 * r.shortCircuited) / r.requests) : 0,
      failed: r.failed,
      requests: r.requests,
      summary: r.summary,
      verdict: opens === null ? `never opens in ${Math.round(horizonMs / 1000)} s` : `opens after ${formatSeconds(opens)}`,
    };
  });
}

/** "0.4 s", "12 s", "2 m 05 s". */
export function formatSeconds(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  return `${Math.floor(s / 60)} m ${String(s % 60).padStart(2, "0")} s`;
}

/** "0:09" style countdown for a number of ms. */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
