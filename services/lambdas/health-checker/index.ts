// health-checker: every minute (EventBridge) or on demand ("run health check now"), probes
// each service's readiness through the load balancer, `/<prefix>/health` (the same answer as
// /health/ready; the ALB routes only prefixed paths), and drives the breakers of the guarded
// services (user-service, inventory-service):
// - OPEN whose retry_at has passed turns HALF_OPEN, and probes continue, a few hundred ms
//   apart, until successThreshold successes close it or a failure reopens it;
// - CLOSED with a failed probe is probed again until a success, or until failureThreshold
//   failures within the window open it;
// so one invocation reaches a settled state. It publishes CircuitBreakerState for each
// guarded service on every run, which keeps the breaker-open alarms fed.
//
// Where to probe, first found: HEALTH_CHECK_URLS (JSON, service -> full URL), then
// HEALTH_CHECK_BASE_URL (+ /<prefix>/health), then the AlbDnsName output of the first
// services stack in SERVICES_STACK_NAMES that exists, on LISTENER_PORT.
import { CloudFormationClient, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { BREAKER_SERVICES, DEFAULT_PORTS, healthPathFor, ROUTED_SERVICES, type RoutedServiceName, STACKS } from "../../../lib/lab/contract.ts";
import { awsClientConfig, type Env } from "../../shared/aws.ts";
import { type BreakerItem, check, onFailure, onSuccess, type Transition } from "../../shared/breaker.ts";
import { type BreakerStore, breakerConfigFromEnv, DynamoBreakerStore } from "../../shared/breaker-store.ts";
import { announce } from "../../shared/guarded.ts";
import { errorFields } from "../../shared/log.ts";
import { breakerStateDatum, Metrics } from "../../shared/metrics.ts";
import { lambdaLogger } from "../lambda-log.ts";

const log = lambdaLogger("health-checker");

export interface Probe {
  healthy: boolean;
  status: number;
  latency_ms: number;
  error?: string;
}

export interface ServiceHealth {
  service: RoutedServiceName;
  url: string;
  healthy: boolean;
  probes: Probe[];
  breaker?: { before: string; after: string; transitions: Transition[]; version: number };
}

export async function probe(url: string, timeoutMs = 2_000): Promise<Probe> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { "user-agent": "cross-service-lab-health-checker" } });
    await res.arrayBuffer();
    return { healthy: res.status >= 200 && res.status < 300, status: res.status, latency_ms: Math.round(performance.now() - t0) };
  } catch (e) {
    const err = e as Error;
    const error = err.name === "TimeoutError" ? `timed out after ${timeoutMs} ms` : (err.cause as Error)?.message || err.message;
    return { healthy: false, status: 0, latency_ms: Math.round(performance.now() - t0), error };
  }
}

// ── where the services are ──────────────────────────────────────────────

let cachedBase: { url: string; at: number } | undefined;

async function albBaseUrl(env: Env): Promise<string | undefined> {
  if (cachedBase && Date.now() - cachedBase.at < 60_000) return cachedBase.url;
  const cfn = new CloudFormationClient(awsClientConfig(env));
  const names = (env.SERVICES_STACK_NAMES || `${STACKS.servicesAppMesh},${STACKS.servicesConnect}`).split(",").map((s) => s.trim());
  const port = env.LISTENER_PORT || String(DEFAULT_PORTS.listener);
  for (const StackName of names.filter(Boolean)) {
    try {
      const out = await cfn.send(new DescribeStacksCommand({ StackName }));
      const stack = out.Stacks?.[0];
      const dns = stack?.Outputs?.find((o) => o.OutputKey === "AlbDnsName")?.OutputValue;
      if (dns && !stack?.StackStatus?.startsWith("DELETE")) {
        cachedBase = { url: `http://${dns}:${port}`, at: Date.now() };
        return cachedBase.url;
      }
    } catch {
      // Not deployed: try the other variant.
    }
  }
  return undefined;
}

export async function resolveTargets(env: Env = process.env): Promise<{ service: RoutedServiceName; url: string }[] | undefined> {
  if (env.HEALTH_CHECK_URLS) {
    const map = JSON.parse(env.HEALTH_CHECK_URLS) as Record<string, string>;
    return ROUTED_SERVICES.filter((s) => map[s]).map((service) => ({ service, url: map[service] }));
  }
  const base = env.HEALTH_CHECK_BASE_URL || (await albBaseUrl(env));
  if (!base) return undefined;
  return ROUTED_SERVICES.map((service) => ({ service, url: `${base.replace(/\/+$/, "")}${healthPathFor(service)}` }));
}

// ── driving one breaker ─────────────────────────────────────────────────

export interface DriveDeps {
  store: BreakerStore;
  metrics: Metrics;
  probe: (url: string) => Promise<Probe>;
  pauseMs: number;
}

/** Probes until the breaker settles (see the header). */
export async function drive(deps: DriveDeps, service: string, url: string): Promise<{ probes: Probe[]; before: BreakerItem; after: BreakerItem; transitions: Transition[] }> {
  const guard = { store: deps.store, metrics: deps.metrics, log };
  const transitions: Transition[] = [];
  const checked = await deps.store.apply(service, check);
  const before = checked.item;
  if (checked.transition) transitions.push(checked.transition);
  await announce(guard, service, checked.transition);
  let item = checked.item;
  const probes: Probe[] = [];
  if (!checked.allowed) {
    // Still OPEN: report the service's health without counting it.
    probes.push(await deps.probe(url));
    return { probes, before, after: item, transitions };
  }
  const limit = Math.max(item.config.failureThreshold, item.config.successThreshold) + 1;
  for (let i = 0; i < limit; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, deps.pauseMs));
    const p = await deps.probe(url);
    probes.push(p);
    const out = await deps.store.apply(service, p.healthy ? onSuccess : onFailure, item);
    item = out.item;
    if (out.transition) transitions.push(out.transition);
    await announce(guard, service, out.transition);
    const settled = item.state === "OPEN" || (item.state === "CLOSED" && p.healthy);
    if (settled) break;
  }
  return { probes, before, after: item, transitions };
}

let deps: DriveDeps | undefined;

/** For tests: use this store, metrics and probe instead of DynamoDB, CloudWatch and fetch. */
export function configure(d: Partial<DriveDeps>) {
  deps = { store: d.store!, metrics: d.metrics!, probe: d.probe ?? ((u) => probe(u)), pauseMs: d.pauseMs ?? 250 };
}

export async function handler(_event?: unknown) {
  deps ??= {
    store: new DynamoBreakerStore({ tableName: process.env.BREAKER_TABLE, defaultConfig: breakerConfigFromEnv() }),
    metrics: new Metrics({ service: "health-checker", log }),
    probe: (u) => probe(u),
    pauseMs: 250,
  };
  const d = deps;
  const targets = await resolveTargets();
  const checkedAt = new Date().toISOString();
  if (!targets) {
    log.info("no services stack deployed; nothing to probe");
    return { checked_at: checkedAt, skipped: "no services stack deployed", results: [] };
  }
  const guarded = new Set<string>(BREAKER_SERVICES);
  const results = await Promise.all(
    targets.map(async ({ service, url }): Promise<ServiceHealth> => {
      if (!guarded.has(service)) {
        const p = await d.probe(url);
        return { service, url, healthy: p.healthy, probes: [p] };
      }
      try {
        const r = await drive(d, service, url);
        return {
          service,
          url,
          healthy: r.probes[r.probes.length - 1]?.healthy ?? false,
          probes: r.probes,
          breaker: { before: r.before.state, after: r.after.state, transitions: r.transitions, version: r.after.version },
        };
      } catch (e) {
        log.error("breaker update failed", { service, ...errorFields(e) });
        const p = await d.probe(url);
        return { service, url, healthy: p.healthy, probes: [p] };
      }
    }),
  );
  const now = new Date();
  const states = results.filter((r) => r.breaker).map((r) => breakerStateDatum(r.service, r.breaker!.after as BreakerItem["state"], now));
  if (states.length) await d.metrics.putNow(...states);
  log.info("health check", { results: results.map((r) => ({ service: r.service, healthy: r.healthy, probes: r.probes.length, breaker: r.breaker?.after })) });
  return { checked_at: checkedAt, results };
}
