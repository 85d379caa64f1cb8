// The Resilience page's reads and writes on the current target, through the SDK: breaker items
// and fault records in DynamoDB, metrics, alarms and alarm history in CloudWatch, the two
// Lambdas, and (where the target has the inspection API) the mesh data plane's edge stats.
// Everything is shaped by the pure functions in resilience.ts.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CloudFormationClient, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, GetMetricDataCommand, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { BreakerItem } from "../../services/shared/breaker.ts";
import { activeFault } from "../../services/shared/faults.ts";
import { clientFor, currentTarget } from "../aws/clients.ts";
import { capabilities, endpointOf, type Target, targetKey } from "../aws/target.ts";
import { type BreakerParams, breakerConfigOf, breakerParamsFromStack } from "../lab/breaker-params.ts";
import { LAB_BREAKER_CONFIG } from "../lab/breaker-presets.ts";
import { BREAKER_SERVICES, type BreakerAction, type FaultRecord, LAMBDAS, METRICS, SERVICES, STACKS, TABLES } from "../lab/contract.ts";
import { breakerAlarmName, circuitOf, type Experiment, type ExperimentRequest, type ExperimentStore, experimentRunner, type Observation } from "../lab/experiments.ts";
import { faultBands, observeFaults, recordFaultWrite } from "../lab/fault-journal.ts";
import { type FaultRequest, writeFault } from "../lab/faults.ts";
import { albBaseUrl, loadGenerator } from "../lab/load.ts";
import { DEPLOYED_STATUSES } from "../lab/stack-events.ts";
import { type LabStatus, labStatus } from "../lab/status.ts";
import { consoleEnv } from "../validations/env.ts";
import {
  type AlarmChange,
  alarmChange,
  type BreakerView,
  breakerView,
  type CircuitView,
  type CounterSample,
  circuitEdge,
  counterRates,
  circuitEjection,
  type FaultView,
  HISTORY_MS,
  type MeshEdge,
  type MeshEndpoint,
  mergeTransitions,
  pointsOf,
  polledTransition,
  type ResilienceSnapshot,
  rollingTotals,
  TRAFFIC_PERIOD_S,
  type TransitionMark,
  trafficSeries,
  transitionsFromStateMetric,
} from "./resilience.ts";
import { unreachableReason } from "./target-status.ts";
import { processSingleton } from "../lab/singleton.ts";

export const FAULT_SERVICES = Object.values(SERVICES);

const db = (target: Target) => DynamoDBDocumentClient.from(clientFor(DynamoDBClient, target), { marshallOptions: { removeUndefinedValues: true } });

/** A failed read in words, with AWS's own message for service errors. */
export function failureReason(error: unknown, target: Target): string {
  const e = error as { name?: string; message?: string; $fault?: string };
  if (e?.$fault) return `${e.name}: ${e.message}`;
  return unreachableReason(error, target);
}

// ── stack state, cached briefly: every poll needs it, it rarely changes ─

interface Cached<T> {
  key: string;
  at: number;
  value: Promise<T>;
}
const caches = processSingleton<Record<string, Cached<unknown>>>("resilience-caches", () => ({}));

function cached<T>(name: string, target: Target, ttlMs: number, read: () => Promise<T>): Promise<T> {
  const key = targetKey(target);
  const c = caches[name] as Cached<T> | undefined;
  if (c && c.key === key && Date.now() - c.at < ttlMs) return c.value;
  const value = read();
  caches[name] = { key, at: Date.now(), value };
  value.catch(() => {
    if (caches[name]?.value === value) delete caches[name];
  });
  return value;
}

export const statusOf = (target: Target): Promise<LabStatus> => cached("status", target, 3_000, () => labStatus({ target }));

/** The thresholds the resilience stack was deployed with. */
export function deployedBreakerParams(target: Target): Promise<BreakerParams | undefined> {
  return cached("resilience-params", target, 30_000, async () => {
    const out = await clientFor(CloudFormationClient, target, { fast: true }).send(new DescribeStacksCommand({ StackName: STACKS.resilience }));
    return breakerParamsFromStack(out.Stacks?.[0]?.Parameters);
  }).catch(() => undefined);
}

export function resilienceDeployed(status: LabStatus): boolean {
  return DEPLOYED_STATUSES.includes(status.stacks.find((s) => s.name === STACKS.resilience)?.status ?? "");
}

/** The lab's load balancer URL, from the services stack's outputs. */
export async function labAlbUrl(target: Target): Promise<string | undefined> {
  return albBaseUrl((await statusOf(target)).outputs);
}

// ── what the console remembers between polls ────────────────────────────

interface PollMemory {
  breakers: Map<string, BreakerView>;
  transitions: TransitionMark[];
  edges: Map<string, CounterSample[]>;
  targetKey?: string;
}
const memory = processSingleton<PollMemory>("resilience-memory", () => ({ breakers: new Map(), transitions: [], edges: new Map() }));

function remember(target: Target, breakers: BreakerView[], edges: Map<string, { requests: number; errors: number }>, now: number) {
  const key = targetKey(target);
  if (memory.targetKey !== key) {
    memory.breakers.clear();
    memory.edges.clear();
    memory.transitions = [];
    memory.targetKey = key;
  }
  for (const b of breakers) {
    const t = polledTransition(memory.breakers.get(b.service), b, now);
    if (t) memory.transitions.push(t);
    memory.breakers.set(b.service, b);
  }
  memory.transitions = memory.transitions.filter((t) => t.at >= now - HISTORY_MS);
  for (const [circuit, counters] of edges) {
    const samples = [...(memory.edges.get(circuit) ?? []), { t: now, ...counters }].filter((s) => s.t >= now - 30_000);
    memory.edges.set(circuit, samples);
  }
}

/** Transitions the Lambdas reported to the console's own calls: exact, even when they are milliseconds apart. */
export function noteTransitions(service: string, transitions: readonly { from: string; to: string; at: number; reason?: string }[]) {
  for (const t of transitions) {
    memory.transitions.push({ service, from: t.from as TransitionMark["from"], to: t.to as TransitionMark["to"], at: t.at, reason: t.reason, source: "console" });
  }
  memory.transitions.sort((a, b) => a.at - b.at);
}

/** Forgets the polled transitions, e.g. after a reset between exercises. */
export function forgetPolledHistory() {
  memory.transitions = [];
  memory.breakers.clear();
}

// ── the one read behind the breaker cards and the timeline ──────────────

const metric = (id: string, name: string, dimension: string, value: string, stat: string, period: number): MetricDataQuery => ({
  Id: id,
  MetricStat: { Metric: { Namespace: METRICS.namespace, MetricName: name, Dimensions: [{ Name: dimension, Value: value }] }, Period: period, Stat: stat },
  ReturnData: true,
});

async function readMetrics(target: Target, now: number) {
  const queries: MetricDataQuery[] = BREAKER_SERVICES.flatMap((s, i) => [
    metric(`req${i}`, METRICS.requests, "Service", s, "Sum", TRAFFIC_PERIOD_S),
    metric(`err${i}`, METRICS.errors, "Service", s, "Sum", TRAFFIC_PERIOD_S),
    metric(`state${i}`, METRICS.circuitBreakerState, "ServiceName", s, "Maximum", 1),
    metric(`lavg${i}`, METRICS.latency, "Service", s, "Average", 60),
    metric(`lmax${i}`, METRICS.latency, "Service", s, "Maximum", 60),
  ]);
  const cw = clientFor(CloudWatchClient, target);
  const results = new Map<string, ReturnType<typeof pointsOf>>();
  let NextToken: string | undefined;
  do {
    const out = await cw.send(new GetMetricDataCommand({ StartTime: new Date(now - HISTORY_MS), EndTime: new Date(now + 1_000), MetricDataQueries: queries, NextToken }));
    for (const r of out.MetricDataResults ?? []) if (r.Id) results.set(r.Id, [...(results.get(r.Id) ?? []), ...pointsOf(r)].sort((a, b) => a.t - b.t));
    NextToken = out.NextToken;
  } while (NextToken);
  return results;
}

async function readAlarms(target: Target, now: number) {
  const cw = clientFor(CloudWatchClient, target);
  const names = BREAKER_SERVICES.map(breakerAlarmName);
  const described = await cw.send(new DescribeAlarmsCommand({ AlarmNames: names }));
  const histories = await Promise.all(
    names.map((AlarmName) =>
      cw
        .send(new DescribeAlarmHistoryCommand({ AlarmName, HistoryItemType: "StateUpdate", StartDate: new Date(now - HISTORY_MS - 60 * 60_000), MaxRecords: 100 }))
        .then((h) => (h.AlarmHistoryItems ?? []).map(alarmChange).filter((c): c is AlarmChange => c !== undefined))
        .catch(() => [] as AlarmChange[]),
    ),
  );
  return BREAKER_SERVICES.map((circuit, i) => {
    const a = described.MetricAlarms?.find((m) => m.AlarmName === names[i]);
    return { circuit, name: names[i], current: a?.StateValue, since: a?.StateUpdatedTimestamp?.getTime(), changes: histories[i] };
  });
}

/** One of the emulator's inspection routes; undefined where the target has none, or it did not answer. */
async function inspect<T>(target: Target, route: string): Promise<T | undefined> {
  const endpoint = endpointOf(target);
  if (!capabilities(target).inspectionApi || !endpoint) return undefined;
  try {
    const res = await fetch(`${endpoint}/_lab/${route}`, { signal: AbortSignal.timeout(2_000), cache: "no-store" });
    return res.ok ? ((await res.json()) as T) : undefined;
  } catch {
    return undefined;
  }
}

async function scan<T>(target: Target, table: string): Promise<T[]> {
  const out = await db(target).send(new ScanCommand({ TableName: table }));
  return (out.Items ?? []) as T[];
}

export function faultViews(records: readonly Partial<FaultRecord>[], now: number): FaultView[] {
  return FAULT_SERVICES.map((service) => {
    const record = records.find((r) => r.service_name === service);
    const f = activeFault(record, now);
    const crash = Number(record?.crash_requested_at);
    return {
      service,
      mode: f.mode,
      ...(f.mode === "latency" ? { latencyMs: f.latencyMs } : {}),
      ...(f.mode === "error-rate" ? { errorRate: f.errorRate } : {}),
      ...(f.expiresAt !== undefined ? { expiresAt: f.expiresAt * 1000 } : {}),
      ...(Number.isFinite(crash) ? { crashRequestedAt: crash } : {}),
    };
  });
}

/** The target's poll interval as of the last read; the experiment runner checks its stop condition this often. */
let lastPollMs = 1_000;

async function readSnapshot(target: Target): Promise<ResilienceSnapshot> {
  const now = Date.now();
  const pollMs = capabilities(target).pollMs;
  lastPollMs = pollMs;
  const base = { at: now, pollMs, circuits: [], faults: [], bands: [], transitions: [], alarms: [], load: loadGenerator.view(), experiment: experiments().latest() };
  let status: LabStatus;
  try {
    status = await statusOf(target);
  } catch (error) {
    return { ...base, deployed: false, error: failureReason(error, target) };
  }
  if (status.state === "unknown") return { ...base, deployed: false, error: status.reason };
  if (!resilienceDeployed(status)) return { ...base, deployed: false };

  const [items, faults, metrics, alarms, edges, endpoints, params] = await Promise.all([
    scan<Partial<BreakerItem>>(target, TABLES.circuitBreakerState),
    scan<Partial<FaultRecord>>(target, TABLES.labFaults),
    readMetrics(target, now),
    readAlarms(target, now),
    inspect<MeshEdge[]>(target, "mesh/edges"),
    inspect<MeshEndpoint[]>(target, "mesh/endpoints"),
    deployedBreakerParams(target),
  ]);
  const deployedConfig = params ? breakerConfigOf(params) : LAB_BREAKER_CONFIG;
  const breakers = BREAKER_SERVICES.map((s) => breakerView(s, items.find((i) => i.service_name === s), deployedConfig));
  const edgeCounters = new Map<string, { requests: number; errors: number }>();
  const circuitEdges = new Map(BREAKER_SERVICES.map((s) => [s, edges ? circuitEdge(edges, s) : undefined]));
  for (const [s, e] of circuitEdges) if (e) edgeCounters.set(s, { requests: e.requests, errors: e.errors });
  remember(target, breakers, edgeCounters, now);
  observeFaults(faults, FAULT_SERVICES, now);

  const metricTransitions = BREAKER_SERVICES.flatMap((s, i) => transitionsFromStateMetric(s, metrics.get(`state${i}`) ?? []));
  const circuits: CircuitView[] = BREAKER_SERVICES.map((service, i) => {
    const traffic = trafficSeries(metrics.get(`req${i}`) ?? [], metrics.get(`err${i}`) ?? [], now - HISTORY_MS, now);
    const edge = circuitEdges.get(service);
    const rates = counterRates(memory.edges.get(service) ?? [], now);
    const cw = rollingTotals(traffic, now);
    const alarm = alarms.find((a) => a.circuit === service);
    // Only a recent minute speaks for the latency now.
    const recent = (id: string) => metrics.get(id)?.filter((p) => p.t >= now - 120_000).at(-1)?.v;
    const lavg = recent(`lavg${i}`);
    const lmax = recent(`lmax${i}`);
    const ejection = endpoints ? circuitEjection(endpoints, service, now) : undefined;
    return {
      service,
      breaker: breakers[i],
      ...(ejection ? { ejection } : {}),
      alarm: alarm ? { name: alarm.name, state: alarm.current ?? "INSUFFICIENT_DATA", since: alarm.since } : undefined,
      live: edge
        ? { rps: rates?.rps ?? edge.rps10s, errorPercent: rates ? rates.errorPercent : edge.rps10s > 0 ? edge.errorPercent : null, source: "mesh" as const }
        : { rps: cw.rps, errorPercent: cw.errorPercent, source: "cloudwatch" as const },
      latency: edge?.latencyMs
        ? { source: "mesh" as const, ...edge.latencyMs }
        : lavg !== undefined
          ? { source: "cloudwatch" as const, average: Math.round(lavg * 10) / 10, maximum: Math.round((lmax ?? lavg) * 10) / 10 }
          : null,
      traffic,
    };
  });

  return {
    ...base,
    deployed: true,
    deployedConfig,
    circuits,
    faults: faultViews(faults, now),
    bands: faultBands().filter((b) => (b.endedAt ?? b.until ?? now) >= now - HISTORY_MS),
    transitions: mergeTransitions(metricTransitions, memory.transitions).filter((t) => t.at >= now - HISTORY_MS),
    alarms: alarms.map((a) => ({ circuit: a.circuit, name: a.name, changes: a.changes, current: a.current })),
    albUrl: albBaseUrl(status.outputs),
  };
}

// Several tabs poll at once: one read serves them all within this window.
const SHARE_MS = 400;
let shared: { key: string; at: number; result: Promise<ResilienceSnapshot> } | undefined;

/** The Resilience page's live state on `target`. Never throws: a failure is in `error`. */
export async function readResilience(target: Target): Promise<ResilienceSnapshot> {
  const key = targetKey(target);
  if (!shared || shared.key !== key || Date.now() - shared.at > SHARE_MS) {
    const result = readSnapshot(target).catch(
      (error): ResilienceSnapshot => ({
        at: Date.now(),
        pollMs: capabilities(target).pollMs,
        deployed: true,
        error: failureReason(error, target),
        circuits: [],
        faults: [],
        bands: faultBands(),
        transitions: memory.transitions,
        alarms: [],
        load: loadGenerator.view(),
        experiment: experiments().latest(),
      }),
    );
    shared = { key, at: Date.now(), result };
  }
  return shared.result;
}

// ── writes ──────────────────────────────────────────────────────────────

/** Writes a fault through lib/lab/faults.ts (the script's code path) and enters it in the journal. */
export async function journaledWriteFault(request: FaultRequest, source: "console" | "experiment", target?: Target): Promise<void> {
  const t = target ?? (await currentTarget());
  const record = await writeFault(request, t);
  recordFaultWrite(record, source);
  shared = undefined;
}

export class LambdaError extends Error {}

async function invoke<T>(target: Target, fn: string, payload: unknown): Promise<T> {
  const out = await clientFor(LambdaClient, target).send(new InvokeCommand({ FunctionName: fn, Payload: new TextEncoder().encode(JSON.stringify(payload)) }));
  const text = out.Payload ? new TextDecoder().decode(out.Payload) : "null";
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  if (out.FunctionError) {
    const e = body as { errorType?: string; errorMessage?: string };
    throw new LambdaError(`${fn} failed: ${e?.errorType ? `${e.errorType}: ` : ""}${e?.errorMessage ?? text}`);
  }
  return body as T;
}

/** circuit-breaker-manager: `force_open`, `force_close`, `reset`, `check`, ... */
export async function breakerAction(target: Target, service: string, action: BreakerAction, extra: Record<string, unknown> = {}) {
  const out = await invoke<BreakerItem & { transition: { from: string; to: string; at: number; reason?: string } | null }>(target, LAMBDAS.circuitBreakerManager, {
    service_name: service,
    action,
    ...extra,
  });
  if (out.transition) noteTransitions(service, [out.transition]);
  shared = undefined;
  return out;
}

export interface HealthCheckResult {
  checked_at?: string;
  results?: {
    service: string;
    url: string;
    healthy: boolean;
    probes: { healthy: boolean; status: number; latency_ms: number; error?: string }[];
    breaker?: { before: string; after: string; transitions?: { from: string; to: string; at: number; reason?: string }[] };
  }[];
}

export async function runHealthCheck(target: Target): Promise<HealthCheckResult> {
  const out = await invoke<HealthCheckResult>(target, LAMBDAS.healthChecker, {});
  for (const r of out.results ?? []) if (r.breaker?.transitions?.length) noteTransitions(r.service, r.breaker.transitions);
  shared = undefined;
  return out;
}

// ── experiments ─────────────────────────────────────────────────────────

export const experimentFile = (dataDir = consoleEnv().dataDir) => path.join(dataDir, "console", "resilience", "experiments.json");

function fileStore(): ExperimentStore {
  return {
    load: () => {
      try {
        return JSON.parse(readFileSync(/*turbopackIgnore: true*/ experimentFile(), "utf8")) as Experiment[];
      } catch {
        return [];
      }
    },
    save: (list) => {
      const f = experimentFile();
      mkdirSync(/*turbopackIgnore: true*/ path.dirname(f), { recursive: true });
      const temporary = `${f}.${process.pid}.tmp`;
      writeFileSync(/*turbopackIgnore: true*/ temporary, JSON.stringify(list));
      renameSync(/*turbopackIgnore: true*/ temporary, f);
    },
  };
}

/** What the stop condition needs: the circuit's breaker and alarm, and the service's error %. */
async function observe(request: ExperimentRequest): Promise<Observation> {
  const target = await currentTarget();
  const snapshot = await readResilience(target);
  const circuit = circuitOf(request.service);
  const c = snapshot.circuits.find((x) => x.service === circuit);
  if (c) {
    const errorPercent = request.service === circuit ? (c.live.errorPercent ?? undefined) : undefined;
    return { breaker: c.breaker.state, alarm: c.alarm?.state, errorPercent: errorPercent ?? (await serviceErrorPercent(target, request.service)) };
  }
  return { errorPercent: await serviceErrorPercent(target, request.service) };
}

/** A service's error % over the last 20 s of CloudWatch Requests/Errors. */
async function serviceErrorPercent(target: Target, service: string): Promise<number | undefined> {
  const now = Date.now();
  const out = await clientFor(CloudWatchClient, target).send(
    new GetMetricDataCommand({
      StartTime: new Date(now - 30_000),
      EndTime: new Date(now),
      MetricDataQueries: [metric("r", METRICS.requests, "Service", service, "Sum", TRAFFIC_PERIOD_S), metric("e", METRICS.errors, "Service", service, "Sum", TRAFFIC_PERIOD_S)],
    }),
  );
  const get = (id: string) => pointsOf(out.MetricDataResults?.find((r) => r.Id === id));
  const totals = rollingTotals(trafficSeries(get("r"), get("e"), now - 30_000, now), now, 20_000);
  return totals.errorPercent ?? undefined;
}

/** The console's experiment runner; on first use it reverts an experiment whose time ran out while the console was stopped. */
export function experiments() {
  return experimentRunner(() => ({
    writeFault: (request, source) => journaledWriteFault(request, source),
    observe,
    store: fileStore(),
    now: Date.now,
    pollMs: () => lastPollMs,
  }));
}

