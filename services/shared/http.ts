// A tiny node:http service kit: routing with `:params`, JSON replies, one structured log line
// per request with its trace id, request metrics, an X-Ray segment per request, the health
// routes every service answers, fault injection on business routes, calls to peers, and a
// runner that wires it all from the environment and stops gracefully on SIGTERM.
import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { HEALTH_PATHS, TRACE_HEADER } from "../../lib/lab/contract.ts";
import { awsClientConfig, type Env } from "./aws.ts";
import { documentClient } from "./breaker-store.ts";
import { loadServiceEnv, type ServiceEnv } from "./config.ts";
import { type ActiveFault, applyFault, dynamoFaultReader, FaultWatcher } from "./faults.ts";
import { createLogger, errorFields, type Logger } from "./log.ts";
import { Metrics } from "./metrics.ts";
import { parseTraceHeader, type Segment, Tracer } from "./tracing.ts";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: Record<string, unknown>;
  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export interface RequestContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined when empty); a malformed body is a 400. */
  body(): Promise<unknown>;
  segment: Segment;
  log: Logger;
}

export interface Route {
  method: Method;
  /** `/users/:id`; a trailing `*` matches the rest. */
  path: string;
  handler: (ctx: RequestContext) => Reply | Promise<Reply>;
  /** Business routes suffer injected faults (default true). */
  faulted?: boolean;
}

// ── routing ─────────────────────────────────────────────────────────────

export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split("/").filter(Boolean);
  const s = path.split("/").filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i] === "*") return params;
    if (i >= s.length) return undefined;
    if (p[i].startsWith(":")) {
      try {
        params[p[i].slice(1)] = decodeURIComponent(s[i]);
      } catch {
        return undefined;
      }
    } else if (p[i] !== s[i]) return undefined;
  }
  return p.length === s.length ? params : undefined;
}

export type RouteMatch = { route: Route; params: Record<string, string> } | { allowed: Method[] } | undefined;

/** The first route whose path and method match; else the methods the path allows (405), else undefined (404). */
export function matchRoute(routes: Route[], method: string, path: string): RouteMatch {
  const allowed: Method[] = [];
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (route.method === method || (method === "HEAD" && route.method === "GET")) return { route, params };
    allowed.push(route.method);
  }
  return allowed.length ? { allowed } : undefined;
}

// ── the request handler ─────────────────────────────────────────────────

const MAX_BODY = 1 << 20;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, "PayloadTooLarge", "request body over 1 MiB"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? "" : `${JSON.stringify(body)}\n`;
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export interface ServiceApp {
  name: string;
  version: string;
  /** ALB path prefixes (`users`, `auth`): `/<prefix>/health` answers like /health/ready. */
  prefixes: readonly string[];
  routes: Route[];
  faults: { current(): ActiveFault };
  metrics: Metrics;
  tracer: Tracer;
  log: Logger;
  /** Extra fields for the readiness answer (consumer state, dependencies). */
  readiness?: () => Record<string, unknown>;
  startedAt?: number;
}

export function createRequestHandler(app: ServiceApp) {
  const started = app.startedAt ?? Date.now();
  const readyPaths = new Set<string>([HEALTH_PATHS.ready, ...app.prefixes.map((p) => `/${p}/health`)]);
  const identity = { service: app.name, version: app.version };

  const health = async (path: string): Promise<Reply> => {
    if (path === HEALTH_PATHS.live) return { status: 200, body: { status: "live", ...identity, uptime_s: Math.round((Date.now() - started) / 1000) } };
    const fault = app.faults.current();
    const failed = await applyFault(fault);
    const extra = app.readiness?.() ?? {};
    if (failed) return { status: 503, body: { status: "unavailable", ...identity, fault: fault.mode, ...extra } };
    return { status: 200, body: { status: "ready", ...identity, fault: fault.mode, ...extra } };
  };

  return async (req: IncomingMessage, res: ServerResponse) => {
    const t0 = performance.now();
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;
    const method = req.method ?? "GET";
    const segment = app.tracer.startSegment(parseTraceHeader(req.headers[TRACE_HEADER.toLowerCase()]), {
      request: { method, url: `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}` },
    });
    const log = app.log;
    const isHealth = method === "GET" && (path === HEALTH_PATHS.live || readyPaths.has(path));
    let reply: Reply;
    try {
      if (isHealth) reply = await health(path);
      else {
        const match = matchRoute(app.routes, method, path);
        if (!match) reply = { status: 404, body: { error: "NotFound", message: `no route for ${method} ${path}` } };
        else if ("allowed" in match) reply = { status: 405, body: { error: "MethodNotAllowed", allowed: match.allowed }, headers: { allow: match.allowed.join(", ") } };
        else {
          const failed = match.route.faulted === false ? undefined : await applyFault(app.faults.current());
          if (failed) reply = failed;
          else {
            let cached: Promise<unknown> | undefined;
            const ctx: RequestContext = {
              method,
              path,
              params: match.params,
              query: url.searchParams,
              headers: req.headers,
              segment,
              log,
              body: () => {
                cached ??= readBody(req).then((text) => {
                  if (!text.trim()) return undefined;
                  try {
                    return JSON.parse(text);
                  } catch {
                    throw new HttpError(400, "InvalidJson", "the request body is not valid JSON");
                  }
                });
                return cached;
              },
            };
            reply = await match.route.handler(ctx);
          }
        }
      }
    } catch (e) {
      if (e instanceof HttpError) reply = { status: e.status, body: { error: e.code, message: e.message, ...e.details } };
      else {
        log.error("unhandled error", { ...errorFields(e), method, path, trace_id: segment.traceId });
        reply = { status: 500, body: { error: "InternalError", message: "unexpected error" } };
      }
    }
    const durationMs = Math.round((performance.now() - t0) * 10) / 10;
    segment.end({ status: reply.status });
    sendJson(res, reply.status, method === "HEAD" ? undefined : reply.body, {
      [TRACE_HEADER]: segment.header(),
      "x-service": `${app.name}/${app.version}`,
      ...reply.headers,
    });
    const line = { method, path, status: reply.status, duration_ms: durationMs, trace_id: segment.traceId };
    if (isHealth) log.debug("request", line);
    else {
      log.info("request", line);
      app.metrics.recordRequest(durationMs, reply.status >= 500);
    }
  };
}

// ── calling a peer ──────────────────────────────────────────────────────

export interface PeerResponse<T = unknown> {
  /** Reached the peer and it did not answer 5xx: what a circuit breaker counts as success. */
  ok: boolean;
  status: number;
  body?: T;
  error?: string;
  latencyMs: number;
}

/**
 * Calls to peers reuse connections. node:http rather than fetch: on the order path every
 * request makes two peer calls, and undici's fetch (WHATWG streams, Headers objects) cost about
 * three times the CPU of a plain request in a profile at 100 requests/s.
 */
const peerAgent = new Agent({ keepAlive: true, maxSockets: 64, keepAliveMsecs: 10_000 });

/** A JSON call to a peer with a timeout, traced as a `remote` subsegment carrying the trace header. */
export async function callPeer<T = unknown>(
  segment: Segment,
  peer: string,
  url: string,
  init: { method?: Method; body?: unknown; timeoutMs?: number } = {},
): Promise<PeerResponse<T>> {
  const method = init.method ?? "GET";
  const sub = segment.subsegment(peer, "remote", { http: { request: { method, url } } });
  const t0 = performance.now();
  const timeoutMs = init.timeoutMs ?? 2_000;
  try {
    const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
    const headers: Record<string, string | number> = { [TRACE_HEADER]: sub.header() };
    if (payload !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = Buffer.byteLength(payload);
    }
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(url, { method, headers, agent: peerAgent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") });
        });
        res.on("error", reject);
      });
      const timer = setTimeout(() => req.destroy(new PeerTimeoutError()), timeoutMs);
      req.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      req.end(payload);
    });
    let body: T | undefined;
    try {
      body = text ? (JSON.parse(text) as T) : undefined;
    } catch {
      body = undefined;
    }
    sub.end({ status });
    return { ok: status < 500, status, body, latencyMs: performance.now() - t0 };
  } catch (e) {
    const err = e as Error;
    const error = err instanceof PeerTimeoutError ? `timed out after ${timeoutMs} ms` : err.message;
    sub.end({ error: true });
    return { ok: false, status: 0, error, latencyMs: performance.now() - t0 };
  }
}

class PeerTimeoutError extends Error {
  name = "TimeoutError";
}

// ── running a service ───────────────────────────────────────────────────

export interface ServiceDeps {
  env: ServiceEnv;
  name: string;
  version: string;
  log: Logger;
  metrics: Metrics;
  tracer: Tracer;
  faults: FaultWatcher;
  ddb: DynamoDBDocumentClient;
  awsConfig: ReturnType<typeof awsClientConfig>;
  startedAt: number;
}

export interface Stoppable {
  stop(): void | Promise<void>;
}

export interface ServiceDefinition {
  name: string;
  prefixes: readonly string[];
  build(deps: ServiceDeps): { routes: Route[]; background?: Stoppable[]; readiness?: () => Record<string, unknown> };
}

export interface RunningService {
  server: Server;
  port: number;
  deps: ServiceDeps;
  stop(): Promise<void>;
}

/** Starts a service from the environment: PORT (0 picks a free port), HOST, SERVICE_NAME, SERVICE_VERSION, ... */
export async function runService(def: ServiceDefinition, rawEnv: Env = process.env): Promise<RunningService> {
  const startedAt = Date.now();
  let env: ServiceEnv;
  try {
    env = loadServiceEnv(rawEnv);
  } catch (e) {
    console.error(`${def.name}: ${(e as Error).message}`);
    process.exit(2);
  }
  const name = env.SERVICE_NAME ?? def.name;
  const version = env.SERVICE_VERSION;
  const log = createLogger({ service: name, version }, env.LOG_LEVEL);
  const awsConfig = awsClientConfig(rawEnv);
  const ddb = documentClient(awsConfig);
  const metrics = new Metrics({ service: name, log, flushMs: env.METRICS_FLUSH_MS }).start();
  const tracer = new Tracer({ service: name, log, flushMs: env.TRACE_FLUSH_MS, origin: "AWS::ECS::Container" }).start();
  const faults = new FaultWatcher({ service: name, log, read: dynamoFaultReader(ddb, name, env.FAULTS_TABLE), intervalMs: env.FAULT_POLL_MS, startedAt }).start();
  const deps: ServiceDeps = { env, name, version, log, metrics, tracer, faults, ddb, awsConfig, startedAt };
  const built = def.build(deps);
  const handler = createRequestHandler({
    name,
    version,
    prefixes: def.prefixes,
    routes: built.routes,
    faults,
    metrics,
    tracer,
    log,
    readiness: built.readiness,
    startedAt,
  });
  const server = createServer((req, res) => void handler(req, res));
  server.keepAliveTimeout = 65_000; // longer than the ALB's 60 s idle timeout
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  log.info("listening", { host: env.HOST, port, aws_endpoint: rawEnv.AWS_ENDPOINT_URL ?? "default" });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      log.info("stopping");
      faults.stop();
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      await Promise.allSettled((built.background ?? []).map((b) => b.stop()));
      await Promise.race([Promise.allSettled([metrics.stop(), tracer.stop()]), new Promise((r) => setTimeout(r, 2_000))]);
      await Promise.race([closed, new Promise((r) => setTimeout(r, 3_000))]);
      log.info("stopped");
    })();
    return stopping;
  };
  return { server, port, deps, stop };
}

/** The entry point of a service process: run it, and exit cleanly on SIGTERM/SIGINT (ECS sends SIGTERM). */
export async function main(def: ServiceDefinition) {
  const running = await runService(def).catch((e) => {
    console.error(`${def.name}: failed to start: ${(e as Error).message}`);
    process.exit(1);
  });
  const onSignal = (signal: string) => {
    running.deps.log.info("signal", { signal });
    void running.stop().then(() => process.exit(0));
  };
  process.once("SIGTERM", () => onSignal("SIGTERM"));
  process.once("SIGINT", () => onSignal("SIGINT"));
  return running;
}
