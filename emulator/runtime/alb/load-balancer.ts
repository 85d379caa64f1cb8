// The ALB data plane: each ELBv2 listener is a real HTTP server on 127.0.0.1:<Port> that
// routes by the listener's rules (priority order, then the default action) to healthy
// targets of the chosen target group, round robin.
// Where this differs from AWS: with no healthy target AWS "fails open" and spreads requests
// over all targets; here the request gets 503, so a failing target is visibly taken out.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
import { randomBytes } from "node:crypto";
import { Agent, createServer, type IncomingMessage, request, type Server, type ServerResponse } from "node:http";
import type { Action } from "@aws-sdk/client-elastic-load-balancing-v2";
import { AwsError } from "../../core/errors.ts";
import type { ElbStore, ListenerRecord, TargetGroupRecord, TargetRecord } from "../../services/elbv2/store.ts";
import { HealthMonitor } from "./health.ts";
import { conditionMatches } from "./match.ts";

const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"];

export const newTraceId = () => `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString("hex")}`;

function errorPage(res: ServerResponse, status: number, text: string) {
  if (res.headersSent) return void res.destroy();
  const body = `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n</body>\r\n</html>\r\n`;
  res.writeHead(status, { server: "awselb/2.0", "content-type": "text/html", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

export class AlbRuntime {
  readonly health: HealthMonitor;
  private store: ElbStore;
  private log: (message: string, extra?: Record<string, unknown>) => void;
  private servers = new Map<string, Server[]>();
  private cursor = new Map<string, number>();
  private agent = new Agent({ keepAlive: true, maxSockets: 512 });

  constructor(store: ElbStore, log: (message: string, extra?: Record<string, unknown>) => void) {
    this.store = store;
    this.log = log;
    this.health = new HealthMonitor((arn) => store.targetGroups.get(arn));
  }

  /** Opens persisted listeners and resumes health checks (emulator start). */
  async start() {
    for (const tg of this.store.targetGroups.values()) this.health.sync(tg);
    for (const l of this.store.listeners.values()) {
      await this.openListener(l).catch((e) => this.log("listener could not reopen", { listener: l.ListenerArn, error: (e as Error).message }));
    }
  }

  async stop() {
    await Promise.all([...this.servers.keys()].map((arn) => this.closeListener(arn)));
    this.health.stop();
    this.agent.destroy();
    this.agent = new Agent({ keepAlive: true, maxSockets: 512 });
  }

  isListening(arn: string) {
    return this.servers.has(arn);
  }

  /** Listens on 127.0.0.1 (and ::1 when free, so "localhost" works either way). */
  async openListener(l: ListenerRecord): Promise<void> {
    if (this.servers.has(l.ListenerArn)) return;
    const make = () => {
      const s = createServer((req, res) => this.route(l.ListenerArn, req, res));
      s.keepAliveTimeout = 65_000;
      return s;
    };
    const main = make();
    await new Promise<void>((resolve, reject) => {
      main.once("error", (e: NodeJS.ErrnoException) =>
        reject(
          e.code === "EADDRINUSE"
            ? new AwsError("InvalidConfigurationRequest", `Port ${l.Port} on 127.0.0.1 is already in use by another process, so the local load balancer cannot listen there. Free the port or choose another listener port.`, 400)
            : new AwsError("InvalidConfigurationRequest", `Cannot listen on 127.0.0.1:${l.Port}: ${e.message}`, 400),
        ),
      );
      main.listen(l.Port, "127.0.0.1", () => resolve());
    });
    const servers = [main];
    const v6 = make();
    await new Promise<void>((resolve) => {
      v6.once("error", () => resolve());
      v6.listen(l.Port, "::1", () => {
        servers.push(v6);
        resolve();
      });
    });
    this.servers.set(l.ListenerArn, servers);
  }

  async closeListener(arn: string) {
    const servers = this.servers.get(arn);
    this.servers.delete(arn);
    await Promise.all(
      (servers ?? []).map(
        (s) =>
          new Promise<void>((r) => {
            s.close(() => r());
            s.closeAllConnections();
          }),
      ),
    );
  }

  syncTargets(tg: TargetGroupRecord) {
    this.health.sync(tg);
  }

  private route(listenerArn: string, req: IncomingMessage, res: ServerResponse) {
    const l = this.store.listeners.get(listenerArn);
    if (!l) return errorPage(res, 503, "Service Temporarily Unavailable");
    const url = new URL(req.url ?? "/", "http://localhost");
    const clientIp = req.socket.remoteAddress ?? "127.0.0.1";
    const rule = this.store.rulesOf(listenerArn).find((r) => r.Conditions.every((c) => conditionMatches(c, req, url, clientIp)));
    const actions = [...(rule?.Actions ?? l.DefaultActions)].sort((a, b) => (a.Order ?? 0) - (b.Order ?? 0));
    const action = actions.find((a) => a.Type === "forward" || a.Type === "fixed-response" || a.Type === "redirect");
    if (!action) return errorPage(res, 500, "Internal Server Error");
    if (action.Type === "fixed-response") {
      const cfg: Partial<NonNullable<Action["FixedResponseConfig"]>> = action.FixedResponseConfig ?? {};
      const body = cfg.MessageBody ?? "";
      res.writeHead(Number(cfg.StatusCode ?? 200), { "content-type": cfg.ContentType ?? "text/plain", "content-length": Buffer.byteLength(body) });
      return void res.end(body);
    }
    if (action.Type === "redirect") return this.redirect(action, req, url, l, res);
    const tgArn = pickTargetGroup(action);
    const target = tgArn ? this.nextHealthy(tgArn) : undefined;
    if (!target) {
      req.resume();
      return errorPage(res, 503, "Service Temporarily Unavailable");
    }
    this.proxy(l, target, req, res, clientIp);
  }

  private nextHealthy(tgArn: string): TargetRecord | undefined {
    const healthy = this.health.healthyTargets(tgArn);
    if (!healthy.length) return undefined;
    const i = (this.cursor.get(tgArn) ?? 0) % healthy.length;
    this.cursor.set(tgArn, i + 1);
    return healthy[i];
  }

  private proxy(l: ListenerRecord, target: TargetRecord, req: IncomingMessage, res: ServerResponse, clientIp: string) {
    const headers: Record<string, string | string[] | undefined> = { ...req.headers };
    for (const h of HOP_BY_HOP) delete headers[h];
    const ip = clientIp.replace(/^::ffff:/, "");
    headers["x-forwarded-for"] = req.headers["x-forwarded-for"] ? `${req.headers["x-forwarded-for"]}, ${ip}` : ip;
    headers["x-forwarded-proto"] = "http";
    headers["x-forwarded-port"] = String(l.Port);
    const trace = (req.headers["x-amzn-trace-id"] as string | undefined) ?? newTraceId();
    headers["x-amzn-trace-id"] = trace;
    const idle = Number(this.store.loadBalancers.get(l.LoadBalancerArn)?.Attributes["idle_timeout.timeout_seconds"] ?? 60) * 1000;
    const upstream = request({ host: target.Id, port: target.Port, method: req.method, path: req.url, headers, agent: this.agent, timeout: idle }, (ur) => {
      const out: Record<string, string | string[] | undefined> = { ...ur.headers };
      for (const h of HOP_BY_HOP) delete out[h];
      res.writeHead(ur.statusCode ?? 502, out);
      ur.pipe(res);
      ur.on("error", () => res.destroy());
    });
    upstream.on("timeout", () => {
      upstream.destroy();
      errorPage(res, 504, "Gateway Time-out");
    });
    upstream.on("error", () => errorPage(res, 502, "Bad Gateway"));
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }

  private redirect(action: Action, req: IncomingMessage, url: URL, l: ListenerRecord, res: ServerResponse) {
    const c: Partial<NonNullable<Action["RedirectConfig"]>> = action.RedirectConfig ?? {};
    const sub = (v: string | undefined, fallback: string) =>
      (v ?? fallback)
        .replace("#{protocol}", "http")
        .replace("#{host}", (req.headers.host ?? "localhost").replace(/:\d+$/, ""))
        .replace("#{port}", String(l.Port))
        .replace("#{path}", url.pathname.slice(1))
        .replace("#{query}", url.search.slice(1));
    const protocol = sub(c.Protocol, "#{protocol}").toLowerCase();
    const location = `${protocol}://${sub(c.Host, "#{host}")}:${sub(c.Port, "#{port}")}${sub(c.Path, "/#{path}")}${c.Query || url.search ? `?${sub(c.Query, "#{query}")}` : ""}`;
    res.writeHead(c.StatusCode === "HTTP_302" ? 302 : 301, { location, "content-length": 0 });
    res.end();
  }
}

/** A forward action names one target group, or several with weights. */
function pickTargetGroup(a: Action): string | undefined {
  const groups = a.ForwardConfig?.TargetGroups ?? [];
  if (!groups.length) return a.TargetGroupArn;
  const total = groups.reduce((n, g) => n + (g.Weight ?? 1), 0);
  let r = Math.random() * total;
  for (const g of groups) {
    r -= g.Weight ?? 1;
    if (r < 0) return g.TargetGroupArn;
  }
  return groups[groups.length - 1].TargetGroupArn;
}
