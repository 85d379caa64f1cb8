// awsQuery: form-encoded requests (`Action=...&Version=...`), XML responses.
// https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
import type { NormalizedSchema } from "@smithy/core/schema";
import type { AwsError } from "../core/errors.ts";
import { coerceScalar } from "./shape.ts";

export function parseForm(body: Buffer | string): Record<string, string> {
  const params = new URLSearchParams(typeof body === "string" ? body : body.toString("utf8"));
  const out: Record<string, string> = {};
  for (const [k, v] of params) out[k] = v;
  return out;
}

function xmlName(schema: NormalizedSchema, fallback: string): string {
  return (schema.getMergedTraits().xmlName as string | undefined) ?? fallback;
}

function hasPrefix(params: Record<string, string>, prefix: string): boolean {
  const dotted = `${prefix}.`;
  for (const k in params) if (k === prefix || k.startsWith(dotted)) return true;
  return false;
}

/** Form parameters to an SDK input, following the member names and xml traits of the schema. */
export function decodeQueryInput(schema: NormalizedSchema, params: Record<string, string>, prefix = ""): unknown {
  if (schema.isStructSchema()) {
    const out: Record<string, unknown> = {};
    for (const [name, ms] of schema.structIterator()) {
      const key = prefix ? `${prefix}.${xmlName(ms, name)}` : xmlName(ms, name);
      if (!hasPrefix(params, key)) continue;
      const v = decodeQueryInput(ms, params, key);
      if (v !== undefined) out[name] = v;
    }
    return out;
  }
  if (schema.isListSchema()) {
    if (params[prefix] === "") return [];
    const flattened = Boolean(schema.getMergedTraits().xmlFlattened);
    const vs = schema.getValueSchema();
    const base = flattened ? prefix : `${prefix}.${xmlName(vs, "member")}`;
    const out: unknown[] = [];
    for (let i = 1; hasPrefix(params, `${base}.${i}`); i++) out.push(decodeQueryInput(vs, params, `${base}.${i}`));
    return out;
  }
  if (schema.isMapSchema()) {
    const flattened = Boolean(schema.getMergedTraits().xmlFlattened);
    const ks = schema.getKeySchema();
    const vs = schema.getValueSchema();
    const base = flattened ? prefix : `${prefix}.entry`;
    const out: Record<string, unknown> = {};
    for (let i = 1; hasPrefix(params, `${base}.${i}`); i++) {
      const key = params[`${base}.${i}.${xmlName(ks, "key")}`];
      if (key === undefined) continue;
      out[key] = decodeQueryInput(vs, params, `${base}.${i}.${xmlName(vs, "value")}`);
    }
    return out;
  }
  const raw = params[prefix];
  return raw === undefined ? undefined : coerceScalar(schema, raw);
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&${({ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" })[c]};`);
}

function scalarXml(schema: NormalizedSchema, value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (schema.isTimestampSchema() && typeof value === "number") return new Date(value * 1000).toISOString();
  return escapeXml(String(value));
}

/** An SDK value as XML elements (without the enclosing element). */
export function encodeXml(schema: NormalizedSchema, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (schema.isStructSchema()) {
    let out = "";
    const obj = value as Record<string, unknown>;
    for (const [name, ms] of schema.structIterator()) {
      const v = obj[name];
      if (v === undefined || v === null) continue;
      const tag = xmlName(ms, name);
      if (ms.isListSchema() && ms.getMergedTraits().xmlFlattened) {
        const vs = ms.getValueSchema();
        const itemTag = (ms.getMergedTraits().xmlName as string | undefined) ?? xmlName(vs, name);
        for (const item of v as unknown[]) out += `<${itemTag}>${encodeXml(vs, item)}</${itemTag}>`;
      } else if (ms.isMapSchema() && ms.getMergedTraits().xmlFlattened) {
        out += encodeMapEntries(ms, v as Record<string, unknown>, tag);
      } else {
        out += `<${tag}>${encodeXml(ms, v)}</${tag}>`;
      }
    }
    return out;
  }
  if (schema.isListSchema()) {
    const vs = schema.getValueSchema();
    const tag = xmlName(vs, "member");
    return (value as unknown[]).map((item) => `<${tag}>${encodeXml(vs, item)}</${tag}>`).join("");
  }
  if (schema.isMapSchema()) return encodeMapEntries(schema, value as Record<string, unknown>, "entry");
  return scalarXml(schema, value);
}

function encodeMapEntries(schema: NormalizedSchema, value: Record<string, unknown>, entryTag: string): string {
  const ks = schema.getKeySchema();
  const vs = schema.getValueSchema();
  const k = xmlName(ks, "key");
  const v = xmlName(vs, "value");
  return Object.entries(value)
    .map(([key, val]) => `<${entryTag}><${k}>${escapeXml(key)}</${k}><${v}>${encodeXml(vs, val)}</${v}></${entryTag}>`)
    .join("");
}

export function serializeQueryResult(opts: {
  operation: string;
  xmlNamespace: string;
  output: NormalizedSchema;
  value: unknown;
  requestId: string;
}): string {
  const { operation, xmlNamespace, output, value, requestId } = opts;
  const result = output.isStructSchema() && output.getMemberSchemas() && Object.keys(output.getMemberSchemas()).length
    ? `<${operation}Result>${encodeXml(output, value ?? {})}</${operation}Result>`
    : "";
  return `<?xml version="1.0" encoding="UTF-8"?><${operation}Response xmlns="${xmlNamespace}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`;
}

export function serializeQueryError(err: AwsError, requestId: string, xmlNamespace?: string): string {
  const ns = xmlNamespace ? ` xmlns="${xmlNamespace}"` : "";
  return `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse${ns}><Error><Type>${err.senderFault ? "Sender" : "Receiver"}</Type><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}
