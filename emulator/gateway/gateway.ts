// The gateway: one HTTP endpoint for every service, as an ordered handler chain.
//   1. find the service (SigV4 scope, then X-Amz-Target, then path)
//   2. account and region
//   3. parse with the protocol codec
//   4. dispatch to the operation
//   5. serialize the result or error in the caller's protocol
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { EmulatorConfig } from "../config.ts";
import { AwsError, toAwsError } from "../core/errors.ts";
import type { EmulatorApi, LabRoute, Protocol, RequestContext, ServiceEnv, ServiceModule } from "../core/service.ts";
import { StateDb } from "../core/state.ts";
import { findOrphans, sweepOrphans } from "../runtime/orphans.ts";
import { decodeJsonInput, serializeJson, serializeJsonError } from "../protocols/json.ts";
import { decodeQueryInput, parseForm, serializeQueryError, serializeQueryResult } from "../protocols/query.ts";
import { decodeRestJsonInput, encodeRestJsonOutput, RestRouter } from "../protocols/restJson.ts";
import { allOperationShapes, operationShape } from "../protocols/shape.ts";
import { createServices } from "../services/index.ts";
import { identify } from "./identify.ts";
import { selfClientCall } from "./self-client.ts";

const MAX_BODY = 80 * 1024 * 1024;

export interface Gateway {
  readonly url: string;
  readonly port: number;
  readonly services: ServiceModule[];
  readonly state: StateDb;
  readonly api: EmulatorApi;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

interface LabEntry {
  method: string;
  parts: string[];
  route: LabRoute;
}

export async function startGateway(cfg: EmulatorConfig): Promise<Gateway> {
  const dataDir = cfg.ephemeral ? undefined : cfg.dataDir;
  const state = new StateDb(dataDir ? join(dataDir, "emulator", "state.sqlite") : undefined);
  let url = "";
  const byName = new Map<string, ServiceModule>();

  const api: EmulatorApi = {
    async call(service, operation, input, opts) {
      const svc = byName.get(service);
      if (!svc) throw new AwsError("UnknownService", `No service named ${service}`, 400);
      const op = svc.operations?.[operation];
      if (op) {
        const ctx = context(svc, operation, opts?.accountId ?? cfg.accountId, opts?.region ?? cfg.region);
        return await op(input, ctx);
      }
      return selfClientCall(url, service, operation, input, opts?.region ?? cfg.region);
    },
  };

  const env: ServiceEnv = {
    state,
    api,
    selfUrl: () => url,
    dataDir,
    ephemeral: cfg.ephemeral,
    log: (service, message, extra) => {
      if (!cfg.quiet) console.log(JSON.stringify({ t: new Date().toISOString(), service, message, ...extra }));
    },
  };

  const services = await createServices(env);
  const bySigning = new Map<string, ServiceModule>();
  const byTarget = new Map<string, ServiceModule>();
  const restRouters: { svc: ServiceModule; router: RestRouter }[] = [];
  const labRoutes: LabEntry[] = [];
  for (const svc of services) {
    byName.set(svc.name, svc);
    for (const s of svc.signingNames) bySigning.set(s, svc);
    for (const t of svc.targetPrefixes ?? []) byTarget.set(t, svc);
    if (svc.protocols?.includes("restJson") && svc.schemas) {
      restRouters.push({ svc, router: new RestRouter(allOperationShapes(svc.schemas)) });
    }
    for (const [key, route] of Object.entries(svc.lab ?? {})) {
      const [method, path] = key.split(" ");
      labRoutes.push({ method, parts: path.split("/").filter(Boolean), route });
    }
  }

  const gateway: Gateway = {
    get url() {
      return url;
    },
    get port() {
      return (server.address() as AddressInfo).port;
    },
    services,
    state,
    api,
    async reset() {
      for (const svc of services) await svc.reset?.();
      state.clear();
    },
    async stop() {
      for (const svc of [...services].reverse()) await svc.stop?.();
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      state.close();
    },
  };

  labRoutes.push(
    { method: "GET", parts: ["health"], route: () => ({ status: "ok", services: services.map((s) => s.name), persistent: Boolean(dataDir) }) },
    // Task processes and Lambda workers an earlier run of this emulator left behind (runtime/orphans.ts).
    { method: "GET", parts: ["orphans"], route: () => findOrphans(url, ownedPids()) },
    { method: "POST", parts: ["orphans", "sweep"], route: () => sweepOrphans(url, ownedPids()) },
    {
      method: "POST",
      parts: ["reset"],
      route: async () => {
        await gateway.reset();
        return { reset: true };
      },
    },
  );

  function ownedPids(): Set<number> {
    return new Set(services.flatMap((svc) => svc.ownedPids?.() ?? []));
  }

  function context(svc: ServiceModule, operation: string, accountId: string, region: string): RequestContext {
    return { accountId, region, requestId: randomUUID(), service: svc.name, operation, emulator: api };
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) sendJsonError(res, toAwsError(err), randomUUID());
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 60_000;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const u = new URL(req.url ?? "/", "http://localhost");
    if (u.pathname.startsWith("/_lab/")) return handleLab(req, res, u);

    // 1. find the service; 2. account and region
    const id = identify(req.headers, u);
    const targetPrefix = id.target?.split(".")[0];
    let svc = (id.signingName && bySigning.get(id.signingName)) || (targetPrefix && byTarget.get(targetPrefix)) || undefined;
    let rest = svc ? restRouters.find((r) => r.svc === svc) : undefined;
    if (!svc) {
      const hit = restRouters.find((r) => r.router.match(req.method ?? "GET", u));
      if (hit) {
        svc = hit.svc;
        rest = hit;
      }
    }
    if (!svc) {
      const requestId = randomUUID();
      await readBody(req).catch(() => undefined);
      const err = new AwsError("UnrecognizedClientException", "The request does not name a service this emulator knows (no SigV4 credential scope, X-Amz-Target or known path).", 400);
      return isForm(req) ? sendXmlError(res, err, requestId) : sendJsonError(res, err, requestId);
    }
    if (svc.raw) return svc.raw(req, res);

    const requestId = randomUUID();
    const region = id.region ?? cfg.region;
    let protocol: Protocol = "json";
    try {
      const body = await readBody(req);
      // 3. parse
      let opName: string;
      let input: unknown;
      let restOut: { status: number } | undefined;
      if (id.target && svc.protocols?.includes("json")) {
        protocol = "json";
        opName = id.target.split(".").pop() ?? "";
        const shape = resolveOperation(svc, opName, "json");
        input = decodeJsonInput(shape.input, body);
      } else if (isForm(req) && svc.protocols?.includes("query")) {
        protocol = "query";
        const params = parseForm(body);
        for (const [k, v] of u.searchParams) params[k] ??= v;
        opName = params.Action ?? "";
        if (!opName) throw new AwsError("MissingAction", "The request must contain the parameter Action.", 400);
        const shape = resolveOperation(svc, opName, "query");
        try {
          input = decodeQueryInput(shape.input, params);
        } catch (e) {
          throw new AwsError("InvalidParameterValue", (e as Error).message, 400);
        }
      } else if (rest) {
        protocol = "restJson";
        const hit = rest.router.match(req.method ?? "GET", u);
        if (!hit) throw new AwsError("UnknownOperationException", `No ${svc.name} operation matches ${req.method} ${u.pathname}.`, 404);
        opName = hit.shape.name;
        resolveOperation(svc, opName, "restJson");
        input = decodeRestJsonInput(hit.shape.input, hit.labels, u, req.headers, body);
        restOut = { status: hit.shape.http?.[2] ?? 200 };
      } else {
        protocol = svc.protocols?.[0] ?? "json";
        throw protocol === "query"
          ? new AwsError("MissingAction", "The request must contain the parameter Action.", 400)
          : new AwsError("UnknownOperationException", "The request has no X-Amz-Target header naming an operation.", 400);
      }

      // 4. dispatch
      const op = svc.operations![opName];
      const output = await op(input, context(svc, opName, cfg.accountId, region));

      // 5. serialize
      const shape = operationShape(svc.schemas!, opName)!;
      if (protocol === "query") {
        send(res, 200, "text/xml", serializeQueryResult({ operation: opName, xmlNamespace: svc.xmlNamespace ?? "", output: shape.output, value: output, requestId }), requestId);
      } else if (protocol === "restJson") {
        const out = encodeRestJsonOutput(shape.output, output as Record<string, unknown>, restOut!.status);
        res.writeHead(out.status, { ...out.headers, "x-amzn-requestid": requestId });
        res.end(out.body);
      } else {
        send(res, 200, svc.protocols?.includes("json") ? "application/x-amz-json-1.1" : "application/json", serializeJson(output), requestId);
      }
    } catch (e) {
      const err = toAwsError(e);
      if (err.statusCode >= 500 && err.code !== "NotImplemented") env.log("gateway", "operation failed", { service: svc.name, error: err.message, stack: (e as Error).stack });
      if (protocol === "query") sendXmlError(res, err, requestId, svc.xmlNamespace);
      else sendJsonError(res, err, requestId);
    }
  }

  /** The operation's shape, or the AWS error for an unknown or unbuilt operation. */
  function resolveOperation(svc: ServiceModule, opName: string, protocol: Protocol) {
    const shape = svc.schemas ? operationShape(svc.schemas, opName) : undefined;
    if (!shape) {
      throw protocol === "query"
        ? new AwsError("InvalidAction", `The action ${opName} is not valid for this web service.`, 400)
        : new AwsError("UnknownOperationException", `Unknown operation ${opName}.`, 400);
    }
    if (!svc.operations?.[opName]) {
      throw new AwsError("NotImplemented", `${svc.name}.${opName} is a real AWS operation that this emulator does not implement yet.`, 501, false);
    }
    return shape;
  }

  async function handleLab(req: IncomingMessage, res: ServerResponse, u: URL) {
    const requestId = randomUUID();
    try {
      const raw = await readBody(req);
      let body: unknown;
      if (raw.length) {
        try {
          body = JSON.parse(raw.toString("utf8"));
        } catch {
          throw new AwsError("SerializationException", "The request body is not valid JSON.", 400);
        }
      }
      const parts = u.pathname.split("/").filter(Boolean).slice(1);
      for (const entry of labRoutes) {
        if (entry.method !== req.method || entry.parts.length !== parts.length) continue;
        const params: Record<string, string> = {};
        const ok = entry.parts.every((p, i) => {
          if (!p.startsWith(":")) return p === parts[i];
          params[p.slice(1)] = decodeURIComponent(parts[i]);
          return true;
        });
        if (!ok) continue;
        const out = await entry.route({ method: req.method ?? "GET", url: u, body, params });
        return send(res, 200, "application/json", JSON.stringify(out ?? {}), requestId);
      }
      throw new AwsError("NotFound", `No inspection route ${req.method} ${u.pathname}. See emulator/README.md.`, 404);
    } catch (e) {
      sendJsonError(res, toAwsError(e), requestId);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(cfg.port, cfg.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  url = `http://${cfg.host.includes(":") ? `[${cfg.host}]` : cfg.host}:${addr.port}`;
  for (const svc of services) await svc.start?.();
  return gateway;
}

function isForm(req: IncomingMessage) {
  return (req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new AwsError("RequestEntityTooLarge", `Request body exceeds ${MAX_BODY} bytes.`, 413));
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, contentType: string, body: string, requestId: string) {
  res.writeHead(status, { "content-type": contentType, "x-amzn-requestid": requestId, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

export function sendJsonError(res: ServerResponse, err: AwsError, requestId: string) {
  const { body, headers } = serializeJsonError(err);
  res.writeHead(err.statusCode, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": requestId, ...headers });
  res.end(body);
}

export function sendXmlError(res: ServerResponse, err: AwsError, requestId: string, ns?: string) {
  const body = serializeQueryError(err, requestId, ns);
  res.writeHead(err.statusCode, { "content-type": "text/xml", "x-amzn-requestid": requestId });
  res.end(body);
}
