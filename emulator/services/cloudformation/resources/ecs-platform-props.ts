// CloudFormation properties → SDK input for the ECS, ELBv2, App Mesh and Cloud Map modules.
// The conversion follows the SDK's own input schema: member names match case-insensitively
// (ContainerDefinitions → containerDefinitions, DNS → dns), map keys are kept as written
// (LogConfiguration.Options), and strings become numbers or booleans where the API wants them.
// A nested property the API does not have fails the resource instead of being dropped.
import type { NormalizedSchema } from "@smithy/core/schema";
import { AwsError } from "../../../core/errors.ts";
import { coerceScalar, operationShape, type SchemaModule } from "../../../protocols/shape.ts";

/** CloudFormation names that differ from the API beyond letter case. */
const RENAMES: Record<string, string> = {
  ProxyConfigurationProperties: "properties",
  ClusterSettings: "settings",
  TaskDefinitionArn: "taskDefinition",
};

function convert(schema: NormalizedSchema, value: unknown, path: string): unknown {
  if (value === undefined || value === null) return undefined;
  if (schema.isStructSchema() || schema.isUnionSchema()) {
    if (typeof value !== "object" || Array.isArray(value)) throw bad(`${path} must be an object`);
    const members = schema.getMemberSchemas();
    const byLower = new Map(Object.keys(members).map((k) => [k.toLowerCase(), k]));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const name = members[k] ? k : byLower.get((RENAMES[k] ?? k).toLowerCase());
      if (!name) throw bad(`Property ${path ? `${path}.` : ""}${k} is not supported by the local emulator`);
      out[name] = convert(members[name], v, path ? `${path}.${k}` : k);
    }
    return out;
  }
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) throw bad(`${path} must be a list`);
    return value.map((v, i) => convert(schema.getValueSchema(), v, `${path}[${i}]`));
  }
  if (schema.isMapSchema()) {
    const vs = schema.getValueSchema();
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, convert(vs, v, `${path}.${k}`)]));
  }
  if (schema.isDocumentSchema()) return value;
  try {
    return coerceScalar(schema, value);
  } catch (e) {
    throw bad(`${path}: ${(e as Error).message}`);
  }
}

const bad = (message: string) => new AwsError("InvalidRequest", message, 400);

/**
 * Converts CloudFormation properties to the input of `operation`. `props` may hold only some
 * members; the result holds exactly the converted ones.
 */
export function toInput(schemas: SchemaModule, operation: string, props: Record<string, unknown>): Record<string, any> {
  const shape = operationShape(schemas, operation);
  if (!shape) throw new Error(`No schema for ${operation}`);
  return convert(shape.input, props, "") as Record<string, any>;
}

/** Polls (in-process calls, every 50 ms) until `check` returns a value or the time is up; then throws `onTimeout()`. */
export async function until<T>(check: () => Promise<T | undefined>, timeoutMs: number, onTimeout: () => Promise<Error> | Error): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw await onTimeout();
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Tags as the lower-case `{key, value}` pairs of ECS and App Mesh. */
export const lowerTags = (tags: { Key: string; Value: string }[]) => tags.map((t) => ({ key: t.Key, value: t.Value }));
