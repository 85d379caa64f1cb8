// The mesh data plane, playing Envoy's part for both mesh variants.
//
// Every ECS task whose environment names a peer by a mesh name (an App Mesh virtual service
// name, or a Service Connect discovery name / client alias) gets that value rewritten to a
// loopback listener owned by its source service, e.g.
//   USER_SERVICE_URL=http://user-service.local:8080  →  http://127.0.0.1:<listener>
// Each listener knows its source, so every request is counted on its edge
// (source service → destination virtual node / Service Connect service).
//
// App Mesh: the virtual service's provider decides: a virtual node directly, or a virtual
// router whose best matching route picks a weighted target; the route's retryPolicy and
// timeout apply, and the target node's outlierDetection ejects failing tasks.
// Service Connect: requests go to the tasks of the service that owns the name, with Service
// Connect's built-in retries (503 and connection failures) and outlier detection. Service
// Connect has no weighted routing or per-route retry policy: canaries need two services or
// ECS deployments instead.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-concepts.html
// https://aws.amazon.com/blogs/containers/migrating-from-aws-app-mesh-to-amazon-ecs-service-connect/
import { Agent, createServer, type IncomingMessage, type IncomingHttpHeaders, request, type Server } from "node:http";
import type { AppMeshStore, MeshResource } from "../../services/appmesh/store.ts";
import type { CloudMapStore } from "../../services/servicediscovery/store.ts";
import { type EcsStore, isRunning, type ServiceRecord, type TaskRecord } from "../../services/ecs/store.ts";
import { hostPortOf, portNamed, type EnvWiring, type TaskSource } from "../ecs/scheduler.ts";
import { durationMs, OutlierDetector, type OutlierSettings } from "./outlier.ts";
import { Edge } from "./stats.ts";

/** App Mesh's default route retry policy: 2 retries on 503 and connection failures. */
// https://docs.aws.amazon.com/app-mesh/latest/userguide/envoy-defaults.html#default-retry-policy
const DEFAULT_RETRY: RetryPlan = { max: 2, perTryMs: 15_000, statuses: new Set([503]), onConnectError: true };
const DEFAULT_TIMEOUT_MS = 15_000;
/** Envoy's outlier-detection defaults, which Service Connect's proxy uses. */
const CONNECT_OUTLIER: OutlierSettings = { maxServerErrors: 5, intervalMs: 10_000, baseEjectionMs: 30_000, maxEjectionPercent: 10 };

const SERVER_ERRORS = [500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511];
const GATEWAY_ERRORS = [502, 503, 504];

interface RetryPlan {
  max: number;
  perTryMs: number;
  statuses: Set<number>;
  onConnectError: boolean;
}

type Upstream =
  | { kind: "appmesh"; scope: Scope; name: string }
  | { kind: "connect"; scope: Scope; name: string; clusterName: string; serviceName: string; portName?: string; timeoutMs?: number };

interface Scope {
  accountId: string;
  region: string;
}

interface Listener {
  source: string;
  sourceKey: string;
  upstream: Upstream;
  server: Server;
  port: number;
}

interface Endpoint {
  key: string;
  host: string;
  port: number;
  taskId: string;
}

interface Destination {
  name: string;
  kind: "appmesh" | "connect";
  endpoints: Endpoint[];
  retry: RetryPlan;
  timeoutMs: number;
  outlier?: OutlierSettings;
}

export interface DataPlaneDeps {
  appmesh: AppMeshStore;
  ecs: EcsStore;
  cloudMap: CloudMapStore;
  log: (message: string, extra?: Record<string, unknown>) => void;
}

const URLISH = /^(?:(https?):\/\/)?([A-Za-z0-9][A-Za-z0-9.-]*)(?::(\d+))?(\/[^\s]*)?$/;

export class MeshDataPlane implements EnvWiring {
  private deps: DataPlaneDeps;
  private listeners = new Map<string, Listener>();
  private opening = new Map<string, Promise<Listener>>();
  private edges = new Map<string, Edge>();
  private outliers = new OutlierDetector();
  private cursor = new Map<string, number>();
  private agent = new Agent({ keepAlive: true, maxSockets: 256 });

  constructor(deps: DataPlaneDeps) {
    this.deps = deps;
  }

  async wireEnv(source: TaskSource, env: Record<string, string>): Promise<Record<string, string>> {
    const out = { ...env };
    for (const [k, v] of Object.entries(env)) {
      const m = URLISH.exec(v);
      // Only URLs or host:port values: a bare SERVICE_NAME=user-service stays as it is.
      if (!m || (!m[1] && !m[3])) continue;
      const upstream = this.upstreamFor(source, m[2]);
      if (!upstream) continue;
      const l = await this.listenerFor(source, upstream);
      out[k] = `${m[1] ? "http://" : ""}127.0.0.1:${l.port}${m[4] ?? ""}`;
    }
    return out;
  }

  /** Closes the listeners a deleted service owned. */
  async release(s: { accountId: string; region: string; clusterName: string; serviceName: string }) {
    const prefix = `${s.accountId}/${s.region}/${s.clusterName}/${s.serviceName}|`;
    await Promise.all([...this.listeners.entries()].filter(([k]) => k.startsWith(prefix)).map(([k]) => this.close(k)));
  }

  async stop() {
    await Promise.all([...this.listeners.keys()].map((k) => this.close(k)));
    this.agent.destroy();
    this.agent = new Agent({ keepAlive: true, maxSockets: 256 });
  }

  async reset() {
    await this.stop();
    this.edges.clear();
    this.outliers.clear();
    this.cursor.clear();
  }

  private async close(key: string) {
    const l = this.listeners.get(key);
    this.listeners.delete(key);
    if (!l) return;
    await new Promise<void>((r) => {
      l.server.close(() => r());
      l.server.closeAllConnections();
    });
  }

  /** What a host name means to this source task, if anything. */
  private upstreamFor(source: TaskSource, host: string): Upstream | undefined {
    const scope = { accountId: source.accountId, region: source.region };
    const name = host.toLowerCase();
    if (this.deps.appmesh.all("virtualService").some((vs) => vs.accountId === scope.accountId && vs.region === scope.region && vs.name.toLowerCase() === name)) {
      return { kind: "appmesh", scope, name };
    }
    // Service Connect names resolve only for tasks of services in the same namespace.
    const me = source.serviceName ? this.deps.ecs.services.get(this.deps.ecs.serviceKey(source, source.clusterName, source.serviceName)) : undefined;
    const ns = me?.serviceConnectConfiguration?.enabled ? me.scNamespace?.name : undefined;
    if (!ns) return undefined;
    for (const svc of this.deps.ecs.services.values()) {
      if (svc.status !== "ACTIVE" || svc.accountId !== scope.accountId || svc.region !== scope.region) continue;
      if (!svc.serviceConnectConfiguration?.enabled || svc.scNamespace?.name !== ns) continue;
      for (const sc of svc.serviceConnectConfiguration.services ?? []) {
        const discovery = sc.discoveryName ?? sc.portName ?? "";
        const names = [discovery, `${discovery}.${ns}`, ...(sc.clientAliases ?? []).map((a) => a.dnsName ?? `${discovery}.${ns}`)];
        if (names.some((n) => n.toLowerCase() === name)) {
          return {
            kind: "connect",
            scope,
            name: discovery,
            clusterName: svc.clusterName,
            serviceName: svc.serviceName,
            portName: sc.portName,
            timeoutMs: sc.timeout?.perRequestTimeoutSeconds ? sc.timeout.perRequestTimeoutSeconds * 1000 : undefined,
          };
        }
      }
    }
    return undefined;
  }

  private listenerFor(source: TaskSource, upstream: Upstream): Promise<Listener> {
    const sourceName = source.serviceName ?? `task/${source.taskArn.split("/").pop()}`;
    const sourceKey = `${source.accountId}/${source.region}/${source.clusterName}/${sourceName}`;
    const key = `${sourceKey}|${upstream.kind}:${upstream.name}`;
    const hit = this.listeners.get(key);
    if (hit) {
      hit.upstream = upstream;
      return Promise.resolve(hit);
    }
    let p = this.opening.get(key);
    if (!p) {
      p = new Promise<Listener>((resolve, reject) => {
        const l = { source: sourceName, sourceKey, upstream } as Listener;
        l.server = createServer((req, res) => {
          void this.forward(l, req, res).catch((e) => {
            this.deps.log("mesh forward failed", { error: (e as Error).message });
            if (!res.headersSent) res.writeHead(503, { "content-type": "text/plain" });
            res.end("upstream connect error");
          });
        });
        l.server.keepAliveTimeout = 60_000;
        l.server.once("error", reject);
        l.server.listen(0, "127.0.0.1", () => {
          l.port = (l.server.address() as { port: number }).port;
          this.listeners.set(key, l);
          this.opening.delete(key);
          resolve(l);
        });
      });
      this.opening.set(key, p);
    }
    return p;
  }

  private async forward(l: Listener, req: IncomingMessage, res: import("node:http").ServerResponse) {
    const started = performance.now();
    const body = await readAll(req);
    const dest = this.destination(l.upstream, req);
    if (!dest) {
      res.writeHead(503, { "content-type": "text/plain", server: "envoy" });
      return void res.end("no healthy upstream");
    }
    const deadline = Date.now() + dest.timeoutMs;
    const clusterKeys = dest.endpoints.map((e) => e.key);
    const tried = new Set<string>();
    let retries = 0;
    let final: { status: number; headers: IncomingHttpHeaders; stream?: IncomingMessage; text?: string } | undefined;
    for (let attempt = 0; attempt <= dest.retry.max; attempt++) {
      const ep = this.pick(dest, tried);
      if (!ep) {
        final = { status: 503, headers: { "content-type": "text/plain" }, text: "no healthy upstream" };
        break;
      }
      tried.add(ep.key);
      const left = deadline - Date.now();
      if (left <= 0) {
        final = { status: 504, headers: { "content-type": "text/plain" }, text: "upstream request timeout" };
        break;
      }
      const out = await send(this.agent, ep, req, body, Math.min(left, dest.retry.perTryMs));
      const last = attempt === dest.retry.max;
      if ("error" in out) {
        this.outliers.record(clusterKeys, ep.key, true, dest.outlier);
        final = { status: out.error === "timeout" ? 504 : 503, headers: { "content-type": "text/plain" }, text: out.error === "timeout" ? "upstream request timeout" : "upstream connect error or disconnect/reset before headers. reset reason: connection failure" };
        const retryable = out.error === "connect" ? dest.retry.onConnectError : dest.retry.statuses.has(504);
        if (retryable && !last) {
          retries++;
          continue;
        }
        break;
      }
      this.outliers.record(clusterKeys, ep.key, out.res.statusCode! >= 500, dest.outlier);
      if (dest.retry.statuses.has(out.res.statusCode!) && !last) {
        out.res.resume();
        retries++;
        continue;
      }
      final = { status: out.res.statusCode!, headers: out.res.headers, stream: out.res };
      break;
    }
    const result = final!;
    const headers: IncomingHttpHeaders = { ...result.headers };
    delete headers.connection;
    delete headers["keep-alive"];
    delete headers["transfer-encoding"];
    headers["x-envoy-upstream-service-time"] = String(Math.round(performance.now() - started));
    res.writeHead(result.status, headers);
    const done = () => this.edge(l.source, dest.name, dest.kind).record(result.status, performance.now() - started, retries);
    if (result.stream) {
      result.stream.pipe(res);
      result.stream.on("end", done);
      result.stream.on("error", () => res.destroy());
    } else {
      res.end(result.text);
      done();
    }
  }

  private edge(source: string, destination: string, kind: "appmesh" | "connect") {
    const key = `${source}→${destination}`;
    let e = this.edges.get(key);
    if (!e) {
      e = new Edge(source, destination, kind);
      this.edges.set(key, e);
    }
    return e;
  }

  /** Round robin over endpoints that are not ejected, preferring ones this request has not tried. */
  private pick(dest: Destination, tried: Set<string>): Endpoint | undefined {
    const usable = dest.endpoints.filter((e) => !this.outliers.isEjected(e.key));
    const fresh = usable.filter((e) => !tried.has(e.key));
    const pool = fresh.length ? fresh : usable;
    if (!pool.length) return undefined;
    const i = (this.cursor.get(dest.name) ?? 0) % pool.length;
    this.cursor.set(dest.name, i + 1);
    return pool[i];
  }

  private destination(up: Upstream, req: IncomingMessage): Destination | undefined {
    if (up.kind === "connect") {
      const svc = this.deps.ecs.services.get(this.deps.ecs.serviceKey(up.scope, up.clusterName, up.serviceName));
      if (!svc) return undefined;
      const endpoints = this.deps.ecs
        .tasksOf(svc)
        .filter(isRunning)
        .map((t) => ({ t, port: portNamed(this.deps.ecs, t, up.portName) }))
        .filter((x) => x.port)
        .map(({ t, port }) => endpoint(`connect:${up.name}`, t, port!));
      return {
        name: up.name,
        kind: "connect",
        endpoints,
        retry: { ...DEFAULT_RETRY },
        timeoutMs: up.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        outlier: CONNECT_OUTLIER,
      };
    }
    const vs = this.deps.appmesh.all("virtualService").find((r) => r.accountId === up.scope.accountId && r.region === up.scope.region && r.name.toLowerCase() === up.name);
    if (!vs) return undefined;
    const provider = vs.spec.provider ?? {};
    let nodeName: string | undefined = provider.virtualNode?.virtualNodeName;
    let retry = DEFAULT_RETRY;
    let timeoutMs: number | undefined;
    if (provider.virtualRouter) {
      const route = this.matchRoute(vs.meshName, provider.virtualRouter.virtualRouterName, req, up.scope);
      if (!route) return undefined;
      const body = route.spec.httpRoute ?? route.spec.http2Route;
      nodeName = pickWeighted(body.action.weightedTargets);
      if (body.retryPolicy) retry = retryPlan(body.retryPolicy);
      if (body.timeout?.perRequest) timeoutMs = durationMs(body.timeout.perRequest, DEFAULT_TIMEOUT_MS);
    }
    const node = nodeName ? this.deps.appmesh.get(up.scope, "virtualNode", vs.meshName, nodeName) : undefined;
    if (!node) return undefined;
    const listener = node.spec.listeners?.[0];
    const od = listener?.outlierDetection;
    timeoutMs ??= listener?.timeout?.http?.perRequest ? durationMs(listener.timeout.http.perRequest, DEFAULT_TIMEOUT_MS) : DEFAULT_TIMEOUT_MS;
    return {
      name: node.name,
      kind: "appmesh",
      endpoints: this.nodeEndpoints(node),
      retry,
      timeoutMs: timeoutMs === 0 ? 86_400_000 : timeoutMs,
      outlier: od
        ? {
            maxServerErrors: Number(od.maxServerErrors),
            intervalMs: durationMs(od.interval, 10_000),
            baseEjectionMs: durationMs(od.baseEjectionDuration, 30_000),
            maxEjectionPercent: Number(od.maxEjectionPercent),
          }
        : undefined,
    };
  }

  /** HTTP routes in priority order (0 first, unset last), then longest prefix. */
  private matchRoute(mesh: string, router: string, req: IncomingMessage, scope: Scope): MeshResource | undefined {
    const path = (req.url ?? "/").split("?")[0];
    const routes = this.deps.appmesh
      .list(scope, "route", mesh, router)
      .filter((r) => r.spec.httpRoute || r.spec.http2Route)
      .sort((a, b) => (a.spec.priority ?? 1001) - (b.spec.priority ?? 1001) || prefixLen(b) - prefixLen(a));
    return routes.find((r) => {
      const m = (r.spec.httpRoute ?? r.spec.http2Route).match ?? {};
      if (m.prefix !== undefined && !path.startsWith(m.prefix)) return false;
      if (m.path?.exact !== undefined && path !== m.path.exact) return false;
      if (m.path?.regex !== undefined && !new RegExp(m.path.regex).test(path)) return false;
      if (m.method && m.method !== req.method) return false;
      for (const h of m.headers ?? []) {
        const v = req.headers[String(h.name).toLowerCase()];
        const value = Array.isArray(v) ? v.join(",") : v;
        const ok = value !== undefined && headerMatches(h.match, value);
        if (ok === Boolean(h.invert)) return false;
      }
      return true;
    });
  }

  /**
   * The running ECS tasks behind a virtual node: services whose task definition names the node
   * (APPMESH_RESOURCE_ARN / APPMESH_VIRTUAL_NODE_NAME on the Envoy container), whose Cloud Map
   * registry is the node's awsCloudMap service, or whose name is the first label of the
   * node's DNS hostname.
   */
  private nodeEndpoints(node: MeshResource): Endpoint[] {
    const port = node.spec.listeners?.[0]?.portMapping?.port as number | undefined;
    const out: Endpoint[] = [];
    for (const svc of this.deps.ecs.services.values()) {
      if (svc.status !== "ACTIVE" || svc.accountId !== node.accountId || svc.region !== node.region || !this.serviceIsNode(svc, node)) continue;
      for (const t of this.deps.ecs.tasksOf(svc).filter(isRunning)) {
        const hostPort = (port && hostPortOf(t, undefined, port)) || t.containers.flatMap((c) => c.networkBindings)[0]?.hostPort;
        if (hostPort) out.push(endpoint(`node:${node.meshName}/${node.name}`, t, hostPort));
      }
    }
    return out;
  }

  private serviceIsNode(svc: ServiceRecord, node: MeshResource): boolean {
    const td = this.deps.ecs.taskDefinition(svc, svc.deployments[0]?.taskDefinition ?? svc.taskDefinition);
    const nodePath = `mesh/${node.meshName}/virtualNode/${node.name}`;
    for (const cd of td?.containerDefinitions ?? []) {
      for (const kv of cd.environment ?? []) {
        if ((kv.name === "APPMESH_RESOURCE_ARN" && kv.value === node.arn) || (kv.name === "APPMESH_VIRTUAL_NODE_NAME" && kv.value === nodePath)) return true;
      }
    }
    const sd = node.spec.serviceDiscovery ?? {};
    const registries = svc.serviceRegistries
      .map((r) => [...this.deps.cloudMap.services.values()].find((s) => s.Arn === r.registryArn))
      .filter(Boolean)
      .map((s) => ({ name: s!.Name, ns: [...this.deps.cloudMap.namespaces.values()].find((n) => n.Id === s!.NamespaceId)?.Name }));
    if (sd.awsCloudMap && registries.some((r) => r.name === sd.awsCloudMap.serviceName && r.ns === sd.awsCloudMap.namespaceName)) return true;
    if (sd.dns?.hostname) {
      const host = String(sd.dns.hostname).toLowerCase();
      if (host.split(".")[0] === svc.serviceName.toLowerCase()) return true;
      if (registries.some((r) => `${r.name}.${r.ns}`.toLowerCase() === host)) return true;
    }
    return false;
  }

  edgesView() {
    const now = Date.now();
    return [...this.edges.values()].map((e) => e.summary(now));
  }

  listenersView() {
    return [...this.listeners.values()].map((l) => ({ source: l.source, kind: l.upstream.kind, upstream: l.upstream.name, url: `http://127.0.0.1:${l.port}` }));
  }

  routesView() {
    const appmesh = this.deps.appmesh.all("virtualService").map((vs) => {
      const p = vs.spec.provider ?? {};
      const routes = p.virtualRouter
        ? this.deps.appmesh
            .list(vs, "route", vs.meshName, p.virtualRouter.virtualRouterName)
            .map((r) => {
              const body = r.spec.httpRoute ?? r.spec.http2Route ?? r.spec.grpcRoute ?? r.spec.tcpRoute ?? {};
              const targets = body.action?.weightedTargets ?? [];
              const total = targets.reduce((n: number, t: any) => n + Number(t.weight), 0) || 1;
              return {
                route: r.name,
                priority: r.spec.priority,
                match: body.match,
                weightedTargets: targets.map((t: any) => ({ virtualNode: t.virtualNode, weight: Number(t.weight), percent: Math.round((1000 * Number(t.weight)) / total) / 10 })),
                retryPolicy: body.retryPolicy ?? "App Mesh default: 2 retries on 503 and connection failures",
                timeout: body.timeout,
              };
            })
        : [{ route: "(virtual node provider)", weightedTargets: [{ virtualNode: p.virtualNode?.virtualNodeName, weight: 1, percent: 100 }] }];
      return { kind: "appmesh", mesh: vs.meshName, virtualService: vs.name, provider: p, routes };
    });
    const connect = [...this.deps.ecs.services.values()]
      .filter((s) => s.status === "ACTIVE" && s.serviceConnectConfiguration?.enabled)
      .flatMap((s) =>
        (s.serviceConnectConfiguration!.services ?? []).map((sc) => ({
          kind: "connect",
          namespace: s.scNamespace?.name,
          discoveryName: sc.discoveryName ?? sc.portName,
          clientAliases: sc.clientAliases,
          ecsService: s.serviceName,
          weightedRouting: false,
          note: "Service Connect has no weighted routing: all traffic goes to the tasks of this service.",
        })),
      );
    return [...appmesh, ...connect];
  }

  endpointsView() {
    const out: { destination: string; endpoint: string; taskId: string; outlier?: unknown }[] = [];
    for (const vs of this.deps.appmesh.all("virtualNode")) {
      for (const e of this.nodeEndpoints(vs)) out.push({ destination: vs.name, endpoint: `${e.host}:${e.port}`, taskId: e.taskId, outlier: this.outliers.view(e.key) });
    }
    return out;
  }
}

function endpoint(cluster: string, t: TaskRecord, port: number): Endpoint {
  return { key: `${cluster}|127.0.0.1:${port}`, host: "127.0.0.1", port, taskId: t.taskId };
}

function prefixLen(r: MeshResource) {
  return String((r.spec.httpRoute ?? r.spec.http2Route)?.match?.prefix ?? "").length;
}

function headerMatches(m: any, value: string): boolean {
  if (!m) return true;
  if (m.exact !== undefined) return value === m.exact;
  if (m.prefix !== undefined) return value.startsWith(m.prefix);
  if (m.suffix !== undefined) return value.endsWith(m.suffix);
  if (m.regex !== undefined) return new RegExp(m.regex).test(value);
  if (m.range) return Number(value) >= m.range.start && Number(value) < m.range.end;
  return true;
}

function pickWeighted(targets: { virtualNode: string; weight: number }[]): string | undefined {
  const total = targets.reduce((n, t) => n + Number(t.weight), 0);
  if (total <= 0) return undefined;
  let r = Math.random() * total;
  for (const t of targets) {
    r -= Number(t.weight);
    if (r < 0) return t.virtualNode;
  }
  return targets[targets.length - 1].virtualNode;
}

function retryPlan(p: any): RetryPlan {
  const statuses = new Set<number>();
  for (const ev of p.httpRetryEvents ?? []) {
    if (ev === "server-error") for (const s of SERVER_ERRORS) statuses.add(s);
    if (ev === "gateway-error") for (const s of GATEWAY_ERRORS) statuses.add(s);
    if (ev === "client-error") statuses.add(409);
  }
  return {
    max: Number(p.maxRetries ?? 0),
    perTryMs: durationMs(p.perRetryTimeout, DEFAULT_TIMEOUT_MS),
    statuses,
    onConnectError: (p.tcpRetryEvents ?? []).includes("connection-error") || statuses.has(503),
  };
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(agent: Agent, ep: Endpoint, req: IncomingMessage, body: Buffer, timeoutMs: number) {
  return new Promise<{ res: IncomingMessage } | { error: "connect" | "timeout" }>((resolve) => {
    const headers: IncomingHttpHeaders = { ...req.headers, "content-length": String(body.length) };
    delete headers.connection;
    delete headers["transfer-encoding"];
    const r = request({ host: ep.host, port: ep.port, method: req.method, path: req.url, headers, agent }, (res) => {
      clearTimeout(timer);
      resolve({ res });
    });
    const timer = setTimeout(() => {
      r.destroy();
      resolve({ error: "timeout" });
    }, timeoutMs);
    r.on("error", () => {
      clearTimeout(timer);
      resolve({ error: "connect" });
    });
    r.end(body);
  });
}
