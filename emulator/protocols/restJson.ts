// restJson1: the operation is chosen by method and URI (the `http` trait); members bind
// to labels, query strings, headers and the payload.
// https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
import type { NormalizedSchema } from "@smithy/core/schema";
import { AwsError } from "../core/errors.ts";
import { parseJsonBody } from "./json.ts";
import { coerceScalar, fromJsonValue, type OperationShape, toJsonValue } from "./shape.ts";

interface CompiledRoute {
  shape: OperationShape;
  method: string;
  regex: RegExp;
  labels: string[];
  requiredQuery: string[];
  /** More literal characters win when two routes match, as in AWS's own routers. */
  specificity: number;
}

export class RestRouter {
  private routes: CompiledRoute[] = [];

  constructor(shapes: OperationShape[]) {
    for (const shape of shapes) {
      if (!shape.http) continue;
      const [method, uri] = shape.http;
      const [path, query = ""] = uri.split("?");
      const labels: string[] = [];
      const pattern = path.replace(/[.*?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)(\+?)\}/g, (_m, name, greedy) => {
        labels.push(name);
        return greedy ? "(.+)" : "([^/]+)";
      });
      this.routes.push({
        shape,
        method,
        regex: new RegExp(`^${pattern}/?$`),
        labels,
        requiredQuery: query ? query.split("&").map((q) => q.split("=")[0]) : [],
        specificity: path.replace(/\{[^}]+\}/g, "").length + (query ? 100 : 0),
      });
    }
    this.routes.sort((a, b) => b.specificity - a.specificity);
  }

  match(method: string, url: URL): { shape: OperationShape; labels: Record<string, string> } | undefined {
    for (const r of this.routes) {
      if (r.method !== method) continue;
      const m = r.regex.exec(url.pathname);
      if (!m) continue;
      if (!r.requiredQuery.every((q) => url.searchParams.has(q))) continue;
      const labels: Record<string, string> = {};
      r.labels.forEach((name, i) => {
        labels[name] = decodeURIComponent(m[i + 1]);
      });
      return { shape: r.shape, labels };
    }
    return undefined;
  }
}

export function decodeRestJsonInput(
  schema: NormalizedSchema,
  labels: Record<string, string>,
  url: URL,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let bodyMembers = false;
  try {
    for (const [name, ms] of schema.structIterator()) {
      const t = ms.getMergedTraits();
      if (t.httpLabel) {
        if (labels[name] !== undefined) out[name] = coerceScalar(ms, labels[name]);
      } else if (t.httpQuery !== undefined) {
        const key = String(t.httpQuery);
        if (ms.isListSchema()) {
          const all = url.searchParams.getAll(key);
          if (all.length) out[name] = all.map((v) => coerceScalar(ms.getValueSchema(), v));
        } else if (url.searchParams.has(key)) out[name] = coerceScalar(ms, url.searchParams.get(key));
      } else if (t.httpHeader !== undefined) {
        const v = headers[String(t.httpHeader).toLowerCase()];
        if (v !== undefined) out[name] = coerceScalar(ms, Array.isArray(v) ? v.join(",") : v);
      } else if (t.httpPayload) {
        if (ms.isBlobSchema()) out[name] = new Uint8Array(body);
        else if (ms.isStringSchema()) out[name] = body.toString("utf8");
        else if (body.length) out[name] = fromJsonValue(ms, parseJsonBody(body));
      } else {
        bodyMembers = true;
      }
    }
    if (bodyMembers && body.length) {
      const parsed = parseJsonBody(body);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new AwsError("SerializationException", "The request body must be a JSON object.", 400);
      }
      const members = schema.getMemberSchemas();
      for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
        const ms = members[k];
        if (ms) out[k] = fromJsonValue(ms, v);
      }
    }
  } catch (e) {
    if (e instanceof AwsError) throw e;
    throw new AwsError("SerializationException", (e as Error).message, 400);
  }
  return out;
}

export function encodeRestJsonOutput(
  schema: NormalizedSchema,
  value: Record<string, unknown> | undefined,
  defaultStatus: number,
): { status: number; headers: Record<string, string>; body: Buffer | string } {
  const headers: Record<string, string> = {};
  let status = defaultStatus;
  let payload: Buffer | string | undefined;
  const rest: Record<string, unknown> = {};
  const v = value ?? {};
  if (schema.isStructSchema()) {
    for (const [name, ms] of schema.structIterator()) {
      const t = ms.getMergedTraits();
      const mv = v[name];
      if (mv === undefined || mv === null) continue;
      if (t.httpResponseCode) status = Number(mv);
      else if (t.httpHeader !== undefined) headers[String(t.httpHeader).toLowerCase()] = mv instanceof Date ? mv.toUTCString() : String(mv);
      else if (t.httpPayload) {
        payload = mv instanceof Uint8Array ? Buffer.from(mv) : typeof mv === "string" ? mv : JSON.stringify(toJsonValue(mv));
      } else rest[name] = mv;
    }
  }
  if (payload !== undefined) return { status, headers, body: payload };
  headers["content-type"] = "application/json";
  return { status, headers, body: JSON.stringify(toJsonValue(rest) ?? {}) };
}
