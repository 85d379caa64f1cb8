// The circuit breaker as a pure state machine (the opossum pattern): a closed set of states,
// guarded transitions that report what happened, and the counting arithmetic in small pure
// functions. One implementation, used by order-service, the circuit-breaker-manager and the
// health-checker; the shared item lives in DynamoDB (breaker-store.ts).
//
// States: CLOSED (calls pass, failures are counted in a window), OPEN (calls are refused
// until `retry_at`), HALF_OPEN (probes pass; `successThreshold` successes close it, one
// failure reopens it). OPEN turns HALF_OPEN lazily, on the first `check` after `retry_at`.
import { type BreakerConfig, BREAKER_PRESETS, type BreakerPresetName, LAB_BREAKER_CONFIG } from "../../lib/lab/breaker-presets.ts";
import { BREAKER_STATE_VALUE, type BreakerState } from "../../lib/lab/contract.ts";

export { BREAKER_PRESETS, LAB_BREAKER_CONFIG };
export type { BreakerConfig, BreakerPresetName, BreakerState };

/** The item in `circuit-breaker-state`. Times are epoch ms. */
export interface BreakerItem {
  service_name: string;
  state: BreakerState;
  failure_count: number;
  success_count: number;
  window_started_at: number;
  opened_at: number | null;
  /** When OPEN may turn HALF_OPEN; null while OPEN means held open until forced closed or reset. */
  retry_at: number | null;
  config: BreakerConfig;
  /** Bumped by every change; writes are conditional on it. 0 means never stored. */
  version: number;
}

export interface Transition {
  from: BreakerState;
  to: BreakerState;
  reason: string;
  at: number;
}

export interface Outcome {
  item: BreakerItem;
  transition?: Transition;
}

export interface CheckOutcome extends Outcome {
  /** Whether a call may go through now. */
  allowed: boolean;
}

export function initialItem(service_name: string, config: BreakerConfig = LAB_BREAKER_CONFIG, now = 0): BreakerItem {
  return {
    service_name,
    state: "CLOSED",
    failure_count: 0,
    success_count: 0,
    window_started_at: now,
    opened_at: null,
    retry_at: null,
    config: { ...config },
    version: 0,
  };
}

export const stateValue = (state: BreakerState) => BREAKER_STATE_VALUE[state];
export const isPercentMode = (config: BreakerConfig) => config.errorPercentThreshold !== undefined;

// ── pure arithmetic ─────────────────────────────────────────────────────

/** Counts of the current window, or zero counts when the window has expired. */
export function windowCounts(item: BreakerItem, now: number) {
  const expired = now - item.window_started_at >= item.config.windowMs;
  const empty = item.failure_count === 0 && item.success_count === 0;
  if (expired || empty) return { failures: 0, successes: 0, windowStartedAt: now };
  return { failures: item.failure_count, successes: item.success_count, windowStartedAt: item.window_started_at };
}

/** Whether these window counts open the breaker. */
export function shouldTrip(failures: number, successes: number, config: BreakerConfig): boolean {
  const total = failures + successes;
  if (failures < config.failureThreshold) return false;
  if (total < (config.volumeThreshold ?? 0)) return false;
  if (config.errorPercentThreshold === undefined) return true;
  return total > 0 && (failures * 100) / total >= config.errorPercentThreshold;
}

function tripReason(failures: number, successes: number, config: BreakerConfig): string {
  const secs = config.windowMs / 1000;
  if (!isPercentMode(config)) return `${failures} failures within ${secs} s`;
  const total = failures + successes;
  return `${Math.round((failures * 100) / total)}% errors over ${total} calls within ${secs} s`;
}

// ── guarded transitions ─────────────────────────────────────────────────

const TRACKED: (keyof BreakerItem)[] = ["state", "failure_count", "success_count", "window_started_at", "opened_at", "retry_at"];

/** Builds the outcome: version+1 when anything changed, and the transition if the state did. */
function settle(before: BreakerItem, after: Omit<BreakerItem, "version">, now: number, reason: string): Outcome {
  // With no counts, the window start means nothing: moving it alone is not worth a write.
  const idle = (i: Omit<BreakerItem, "version">) => i.failure_count === 0 && i.success_count === 0;
  const fields = idle(before) && idle(after) ? TRACKED.filter((k) => k !== "window_started_at") : TRACKED;
  const changed =
    fields.some((k) => before[k] !== (after as BreakerItem)[k]) || JSON.stringify(before.config) !== JSON.stringify(after.config);
  if (!changed) return { item: before };
  const item: BreakerItem = { ...after, version: before.version + 1 };
  if (before.state === item.state) return { item };
  return { item, transition: { from: before.state, to: item.state, reason, at: now } };
}

function closed(item: BreakerItem, now: number, config = item.config): Omit<BreakerItem, "version"> {
  return {
    service_name: item.service_name,
    state: "CLOSED",
    failure_count: 0,
    success_count: 0,
    window_started_at: now,
    opened_at: null,
    retry_at: null,
    config: { ...config },
  };
}

function opened(item: BreakerItem, now: number, retryAt: number | null, failures: number): Omit<BreakerItem, "version"> {
  return { ...item, state: "OPEN", failure_count: failures, success_count: 0, opened_at: now, retry_at: retryAt };
}

/** Before a call: may it pass? Performs the lazy OPEN -> HALF_OPEN once `retry_at` has passed. */
export function check(item: BreakerItem, now: number): CheckOutcome {
  if (item.state === "OPEN" && item.retry_at !== null && now >= item.retry_at) {
    const out = settle(
      item,
      { ...item, state: "HALF_OPEN", failure_count: 0, success_count: 0, window_started_at: now },
      now,
      `open for ${Math.round((now - (item.opened_at ?? now)) / 1000)} s; letting probes through`,
    );
    return { ...out, allowed: true };
  }
  return { item, allowed: item.state !== "OPEN" };
}

export function onSuccess(item: BreakerItem, now: number): Outcome {
  switch (item.state) {
    case "OPEN":
      return { item };
    case "HALF_OPEN": {
      const successes = item.success_count + 1;
      if (successes >= item.config.successThreshold) {
        return settle(item, closed(item, now), now, `${successes} successful probe${successes === 1 ? "" : "s"}`);
      }
      return settle(item, { ...item, success_count: successes }, now, "");
    }
    case "CLOSED": {
      // In count mode successes do not matter, so a success costs no write.
      if (!isPercentMode(item.config)) return { item };
      const w = windowCounts(item, now);
      return settle(item, { ...item, failure_count: w.failures, success_count: w.successes + 1, window_started_at: w.windowStartedAt }, now, "");
    }
  }
}

export function onFailure(item: BreakerItem, now: number): Outcome {
  switch (item.state) {
    case "OPEN":
      return { item };
    case "HALF_OPEN":
      return settle(item, opened(item, now, now + item.config.openMs, 1), now, "probe failed");
    case "CLOSED": {
      const w = windowCounts(item, now);
      const failures = w.failures + 1;
      if (shouldTrip(failures, w.successes, item.config)) {
        const reason = tripReason(failures, w.successes, item.config);
        return settle(item, { ...opened(item, now, now + item.config.openMs, failures), window_started_at: w.windowStartedAt }, now, reason);
      }
      return settle(item, { ...item, failure_count: failures, success_count: w.successes, window_started_at: w.windowStartedAt }, now, "");
    }
  }
}

export interface RecordOutcome extends Outcome {
  /** Every transition, in order: the lazy OPEN -> HALF_OPEN, then the result's. */
  transitions: Transition[];
}

/** `check` then `onSuccess`/`onFailure` as one change (one version bump): a result recorded without a prior check. */
function record(item: BreakerItem, now: number, ok: boolean): RecordOutcome {
  const checked = check(item, now);
  const out = ok ? onSuccess(checked.item, now) : onFailure(checked.item, now);
  const transitions = [checked.transition, out.transition].filter((t): t is Transition => t !== undefined);
  const changed = out.item.version !== item.version;
  return {
    item: changed ? { ...out.item, version: item.version + 1 } : item,
    ...(transitions.length ? { transition: transitions[transitions.length - 1] } : {}),
    transitions,
  };
}

export const recordSuccess = (item: BreakerItem, now: number) => record(item, now, true);
export const recordFailure = (item: BreakerItem, now: number) => record(item, now, false);

/** Back to a fresh CLOSED breaker, optionally with new thresholds. */
export function reset(item: BreakerItem, now: number, config: BreakerConfig = item.config): Outcome {
  return settle(item, closed(item, now, config), now, "reset");
}

/** OPEN until forced closed or reset (or, with `holdMs`, until then: it turns HALF_OPEN as usual). */
export function forceOpen(item: BreakerItem, now: number, holdMs?: number): Outcome {
  const retryAt = holdMs === undefined ? null : now + holdMs;
  if (item.state === "OPEN" && item.retry_at === retryAt) return { item };
  return settle(item, opened(item, now, retryAt, item.failure_count), now, "forced open");
}

export function forceClose(item: BreakerItem, now: number): Outcome {
  return settle(item, closed(item, now), now, "forced closed");
}

// ── what-if ─────────────────────────────────────────────────────────────

export interface WhatIfResult {
  preset: string;
  config: BreakerConfig;
  errorRate: number;
  rps: number;
  horizonMs: number;
  /** Whether the breaker opens at all within the horizon. */
  trips: boolean;
  firstOpenAtMs: number | null;
  requests: number;
  /** Calls that reached the service. */
  attempted: number;
  failed: number;
  /** Calls refused while OPEN (answered by the fallback). */
  shortCircuited: number;
  /** Time spent OPEN, ms. */
  openMs: number;
  transitions: { atMs: number; from: BreakerState; to: BreakerState; reason: string }[];
  summary: string;
}

const MAX_RPS = 1000;
const MAX_TRANSITIONS = 50;

/**
 * How a breaker configured like `preset` reacts to `rps` evenly spaced calls of which a share
 * `errorRate` (0–1) fails, spread evenly, over `horizonMs`. It runs the real transition
 * functions above, so the estimate is exactly what this breaker would do with that traffic.
 */
export function whatIf(preset: BreakerPresetName | BreakerConfig, errorRate: number, rps: number, horizonMs = 60_000): WhatIfResult {
  const config = typeof preset === "string" ? BREAKER_PRESETS[preset].config : preset;
  const name = typeof preset === "string" ? preset : "custom";
  const rate = Math.min(1, Math.max(0, Number.isFinite(errorRate) ? errorRate : 0));
  const perSecond = Math.min(MAX_RPS, Math.max(0, Number.isFinite(rps) ? rps : 0));
  const result: WhatIfResult = {
    preset: name,
    config,
    errorRate: rate,
    rps: perSecond,
    horizonMs,
    trips: false,
    firstOpenAtMs: null,
    requests: 0,
    attempted: 0,
    failed: 0,
    shortCircuited: 0,
    openMs: 0,
    transitions: [],
    summary: "",
  };
  if (perSecond === 0) {
    result.summary = "No traffic: the breaker stays CLOSED.";
    return result;
  }
  const interval = 1000 / perSecond;
  let item = initialItem(name, config, 0);
  let owed = 0;
  let openSince: number | null = null;
  const record = (t: Transition | undefined) => {
    if (!t) return;
    if (t.to === "OPEN") {
      openSince = t.at;
      if (result.firstOpenAtMs === null) result.firstOpenAtMs = t.at;
    } else if (t.from === "OPEN" && openSince !== null) {
      result.openMs += t.at - openSince;
      openSince = null;
    }
    if (result.transitions.length < MAX_TRANSITIONS) result.transitions.push({ atMs: t.at, from: t.from, to: t.to, reason: t.reason });
  };
  for (let t = 0; t < horizonMs; t += interval) {
    const now = Math.round(t);
    result.requests++;
    const c = check(item, now);
    item = c.item;
    record(c.transition);
    if (!c.allowed) {
      result.shortCircuited++;
      continue;
    }
    result.attempted++;
    owed += rate;
    const fails = owed >= 1 - 1e-9;
    if (fails) owed -= 1;
    const out = fails ? onFailure(item, now) : onSuccess(item, now);
    if (fails) result.failed++;
    item = out.item;
    record(out.transition);
  }
  if (openSince !== null) result.openMs += horizonMs - openSince;
  result.trips = result.firstOpenAtMs !== null;
  result.summary = summarize(result);
  return result;
}

function summarize(r: WhatIfResult): string {
  const secs = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  if (!r.trips) return `Stays CLOSED: ${r.failed} of ${r.requests} calls fail and reach the service.`;
  const blocked = Math.round((r.shortCircuited * 100) / r.requests);
  return `Opens after ${secs(r.firstOpenAtMs ?? 0)}; OPEN ${secs(r.openMs)} of ${secs(r.horizonMs)}, refusing ${blocked}% of calls; ${r.failed} calls fail.`;
}

/** The what-if for every preset. */
export function whatIfAll(errorRate: number, rps: number, horizonMs?: number): WhatIfResult[] {
  return (Object.keys(BREAKER_PRESETS) as BreakerPresetName[]).map((p) => whatIf(p, errorRate, rps, horizonMs));
}
