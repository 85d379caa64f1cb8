// Shape-driven conversion between wire values and SDK values. The schemas come from
// the AWS SDK v3 client packages themselves (`<Operation>$` exports), so the emulator
// reads and writes exactly the shapes the real clients send and expect.
import { deref, NormalizedSchema } from "@smithy/core/schema";

export type SchemaModule = Record<string, unknown>;

export interface OperationShape {
  name: string;
  input: NormalizedSchema;
  output: NormalizedSchema;
  /** restJson: [method, uriTemplate, successCode]. */
  http?: [string, string, number];
}

const cache = new WeakMap<SchemaModule, Map<string, OperationShape | null>>();

/** The operation's schema from an SDK client module, or undefined if AWS has no such operation. */
export function operationShape(mod: SchemaModule, name: string): OperationShape | undefined {
  let perModule = cache.get(mod);
  if (!perModule) {
    perModule = new Map();
    cache.set(mod, perModule);
  }
  const hit = perModule.get(name);
  if (hit !== undefined) return hit ?? undefined;
  const raw = mod[`${name}$`];
  let shape: OperationShape | null = null;
  if (Array.isArray(raw) && raw[0] === 9) {
    const traits = (typeof raw[3] === "object" ? raw[3] : {}) as Record<string, unknown>;
    shape = {
      name,
      input: NormalizedSchema.of(deref(raw[4]) as any),
      output: NormalizedSchema.of(deref(raw[5]) as any),
      http: traits.http as [string, string, number] | undefined,
    };
  }
  perModule.set(name, shape);
  return shape ?? undefined;
}

/** Every operation a client module defines (used to build restJson route tables). */
export function allOperationShapes(mod: SchemaModule): OperationShape[] {
  const out: OperationShape[] = [];
  for (const key of Object.keys(mod)) {
    if (!key.endsWith("$")) continue;
    const raw = mod[key];
    if (Array.isArray(raw) && raw[0] === 9) {
      const shape = operationShape(mod, key.slice(0, -1));
      if (shape) out.push(shape);
    }
  }
  return out;
}

export function parseTimestamp(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === "number") return new Date(value * 1000);
  const s = String(value);
  if (/^-?\d+(\.\d+)?$/.test(s)) return new Date(Number(s) * 1000);
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new TypeError(`Invalid timestamp: ${s}`);
  return d;
}

export function coerceScalar(schema: NormalizedSchema, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (schema.isTimestampSchema()) return parseTimestamp(value);
  if (schema.isBlobSchema()) {
    if (value instanceof Uint8Array) return value;
    return new Uint8Array(Buffer.from(String(value), "base64"));
  }
  if (schema.isBooleanSchema()) {
    if (typeof value === "boolean") return value;
    if (value === "true") return true;
    if (value === "false") return false;
    throw new TypeError(`Expected a boolean, got ${JSON.stringify(value)}`);
  }
  if (schema.isNumericSchema() || schema.isBigIntegerSchema() || schema.isBigDecimalSchema()) {
    if (typeof value === "number") return value;
    const n = Number(value);
    if (value === "" || Number.isNaN(n)) throw new TypeError(`Expected a number, got ${JSON.stringify(value)}`);
    return n;
  }
  return value;
}

/** JSON body (awsJson / restJson) to SDK input: timestamps become Dates, blobs bytes. */
export function fromJsonValue(schema: NormalizedSchema, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (schema.isStructSchema() || schema.isUnionSchema()) {
    if (typeof value !== "object" || Array.isArray(value)) throw new TypeError(`Expected an object for ${schema.getName() ?? "structure"}`);
    const out: Record<string, unknown> = {};
    const members = schema.getMemberSchemas();
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const ms = members[k];
      out[k] = ms ? fromJsonValue(ms, v) : v;
    }
    return out;
  }
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) throw new TypeError(`Expected a list for ${schema.getMemberName?.() ?? "list"}`);
    const vs = schema.getValueSchema();
    return value.map((v) => fromJsonValue(vs, v));
  }
  if (schema.isMapSchema()) {
    if (typeof value !== "object" || Array.isArray(value)) throw new TypeError("Expected a map");
    const vs = schema.getValueSchema();
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromJsonValue(vs, v)]));
  }
  if (schema.isDocumentSchema()) return value;
  // JSON carries strings as strings: an object or number where AWS expects one is a SerializationException.
  if (schema.isStringSchema() && typeof value !== "string") throw new TypeError(`Expected a string, got ${JSON.stringify(value)}`);
  return coerceScalar(schema, value);
}

/** SDK output to a JSON-able value: Dates become epoch seconds, bytes base64. */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.getTime() / 1000;
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) out[k] = toJsonValue(v);
    }
    return out;
  }
  return value;
}
