// Intrinsic functions, conditions and pseudo parameters.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
import { validationError } from "../../../core/errors.ts";
import { type ParameterValue, parameterValue } from "./parameters.ts";
import type { Template } from "./template.ts";

/** `Ref: AWS::NoValue` removes the property or list item that holds it. */
export const NO_VALUE: unique symbol = Symbol("AWS::NoValue");

export interface ResolvedResource {
  ref: string;
  attributes: Record<string, unknown>;
}

export interface Scope {
  template: Template;
  parameters: Record<string, string>;
  accountId: string;
  region: string;
  stackName: string;
  stackId: string;
  notificationArns: string[];
  /** A resource already created (or kept) in this operation; undefined if not available. */
  resource(logicalId: string): ResolvedResource | undefined;
  importValue(name: string): string;
}

const templateError = (msg: string) => validationError(`Template error: ${msg}`);

export function availabilityZones(region: string) {
  return ["a", "b", "c"].map((s) => `${region}${s}`);
}

function pseudo(scope: Scope, name: string): unknown {
  switch (name) {
    case "AWS::AccountId":
      return scope.accountId;
    case "AWS::Region":
      return scope.region;
    case "AWS::StackName":
      return scope.stackName;
    case "AWS::StackId":
      return scope.stackId;
    case "AWS::Partition":
      return "aws";
    case "AWS::URLSuffix":
      return "amazonaws.com";
    case "AWS::NoValue":
      return NO_VALUE;
    case "AWS::NotificationARNs":
      return scope.notificationArns;
  }
  return undefined;
}

function ref(scope: Scope, name: string): unknown {
  const p = pseudo(scope, name);
  if (p !== undefined) return p;
  const decl = scope.template.Parameters?.[name];
  if (decl) return parameterValue(decl, scope.parameters[name] ?? "");
  if (name in scope.template.Resources) {
    const r = scope.resource(name);
    if (!r) throw templateError(`resource ${name} is not available (its Condition is false or it has not been created)`);
    return r.ref;
  }
  throw validationError(`Template format error: Unresolved resource dependencies [${name}] in the Resources block of the template`);
}

function getAtt(scope: Scope, logicalId: string, attr: string): unknown {
  if (!(logicalId in scope.template.Resources)) throw templateError(`instance of Fn::GetAtt references undefined resource ${logicalId}`);
  const r = scope.resource(logicalId);
  if (!r) throw templateError(`resource ${logicalId} is not available (its Condition is false or it has not been created)`);
  if (r.attributes[attr] === undefined) {
    throw templateError(`resource ${logicalId} does not support attribute type ${attr} in Fn::GetAtt`);
  }
  return r.attributes[attr];
}

const str = (v: unknown, fn: string): string => {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw templateError(`${fn} expects a string, got ${JSON.stringify(v)}`);
};
const list = (v: unknown, fn: string): unknown[] => {
  if (Array.isArray(v)) return v;
  throw templateError(`${fn} expects a list, got ${JSON.stringify(v)}`);
};

export function evaluateCondition(scope: Scope, name: string, seen: string[] = []): boolean {
  const decl = scope.template.Conditions?.[name];
  if (decl === undefined) throw templateError(`unresolved condition dependency ${name}`);
  if (seen.includes(name)) throw templateError(`circular condition dependency [${[...seen, name].join(", ")}]`);
  const v = resolve(scope, decl, [...seen, name]);
  if (typeof v !== "boolean") throw templateError(`condition ${name} must evaluate to a boolean (use Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition)`);
  return v;
}

function cidr(ipBlock: string, count: number, cidrBits: number): string[] {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(ipBlock);
  if (!m) throw templateError(`Fn::Cidr: ${ipBlock} is not an IPv4 CIDR block`);
  const base = m.slice(1, 5).reduce((a, b) => a * 256 + Number(b), 0);
  const prefix = Number(m[5]);
  const newPrefix = 32 - cidrBits;
  if (cidrBits < 1 || newPrefix < prefix || count < 1 || count > 256 || count > 2 ** (newPrefix - prefix)) {
    throw templateError(`Fn::Cidr cannot carve ${count} /${newPrefix} subnets out of ${ipBlock}`);
  }
  const size = 2 ** cidrBits;
  const network = base - (base % 2 ** (32 - prefix));
  return Array.from({ length: count }, (_, i) => {
    const n = network + i * size;
    return `${[24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".")}/${newPrefix}`;
  });
}

function sub(scope: Scope, arg: unknown, seen: string[]): string {
  const [tpl, vars] = Array.isArray(arg) ? arg : [arg, {}];
  if (typeof tpl !== "string") throw templateError("Fn::Sub expects a string or [string, {vars}]");
  const resolvedVars = resolve(scope, vars ?? {}, seen) as Record<string, unknown>;
  return tpl.replace(/\$\{([^}]*)\}/g, (_all, inner: string) => {
    if (inner.startsWith("!")) return `\${${inner.slice(1)}}`;
    const name = inner.trim();
    let v: unknown;
    if (name in resolvedVars) v = resolvedVars[name];
    else if (name.includes(".") && !name.startsWith("AWS::")) {
      const i = name.indexOf(".");
      v = getAtt(scope, name.slice(0, i), name.slice(i + 1));
    } else v = ref(scope, name);
    if (Array.isArray(v)) throw templateError(`Fn::Sub variable ${name} is a list; Fn::Sub only substitutes strings (use Fn::Join)`);
    return str(v, "Fn::Sub");
  });
}

/** Resolves every intrinsic in a value. `Fn::If` evaluates only the chosen branch; NoValue drops keys and items. */
export function resolve(scope: Scope, value: unknown, seen: string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v) => resolve(scope, v, seen)).filter((v) => v !== NO_VALUE);
  if (!value || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  // A one-key `Condition` with a string argument is the condition function; IAM's `Condition` blocks are objects.
  if (keys.length === 1 && (keys[0] === "Ref" || (keys[0] === "Condition" && typeof obj.Condition === "string") || keys[0].startsWith("Fn::"))) {
    return intrinsic(scope, keys[0], obj[keys[0]], seen);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const r = resolve(scope, v, seen);
    if (r !== NO_VALUE) out[k] = r;
  }
  return out;
}

function intrinsic(scope: Scope, fn: string, arg: unknown, seen: string[]): unknown {
  const r = (v: unknown) => resolve(scope, v, seen);
  switch (fn) {
    case "Ref":
      return ref(scope, str(r(arg), "Ref"));
    case "Condition":
      return evaluateCondition(scope, str(arg, "Condition"), seen);
    case "Fn::GetAtt": {
      const parts = typeof arg === "string" ? [arg.slice(0, arg.indexOf(".")), arg.slice(arg.indexOf(".") + 1)] : list(arg, fn);
      if (parts.length !== 2) throw templateError("Fn::GetAtt expects [LogicalId, Attribute]");
      return getAtt(scope, str(parts[0], fn), str(r(parts[1]), fn));
    }
    case "Fn::Sub":
      return sub(scope, arg, seen);
    case "Fn::Join": {
      const [delim, items] = list(arg, fn);
      return list(r(items), fn)
        .map((v) => str(v, fn))
        .join(str(delim, fn));
    }
    case "Fn::Select": {
      const [index, items] = list(arg, fn);
      const i = Number(r(index));
      const arr = list(r(items), fn);
      if (!Number.isInteger(i) || i < 0 || i >= arr.length) throw templateError(`Fn::Select cannot select nonexistent value at index ${r(index)}`);
      return arr[i];
    }
    case "Fn::Split": {
      const [delim, source] = list(arg, fn);
      return str(r(source), fn).split(str(delim, fn));
    }
    case "Fn::If": {
      const [cond, a, b] = list(arg, fn);
      return evaluateCondition(scope, str(cond, fn), seen) ? r(a) : r(b);
    }
    case "Fn::Equals": {
      const [a, b] = list(arg, fn).map(r);
      return JSON.stringify(typeof a === "number" ? String(a) : a) === JSON.stringify(typeof b === "number" ? String(b) : b);
    }
    case "Fn::Not": {
      const [c] = list(arg, fn).map(r);
      if (typeof c !== "boolean") throw templateError("Fn::Not expects a condition");
      return !c;
    }
    case "Fn::And":
    case "Fn::Or": {
      const cs = list(arg, fn).map(r);
      if (cs.length < 2 || cs.length > 10 || cs.some((c) => typeof c !== "boolean")) throw templateError(`${fn} expects 2 to 10 conditions`);
      return fn === "Fn::And" ? cs.every(Boolean) : cs.some(Boolean);
    }
    case "Fn::FindInMap": {
      const [map, top, second] = list(arg, fn).map(r).map((v) => str(v, fn));
      const v = scope.template.Mappings?.[map]?.[top]?.[second];
      if (v === undefined) throw templateError(`Unable to get mapping for ${map}::${top}::${second}`);
      return v;
    }
    case "Fn::ImportValue":
      return scope.importValue(str(r(arg), fn));
    case "Fn::GetAZs": {
      const region = str(r(arg) ?? "", fn) || scope.region;
      return availabilityZones(region);
    }
    case "Fn::Base64":
      return Buffer.from(str(r(arg), fn), "utf8").toString("base64");
    case "Fn::Cidr": {
      const [block, count, bits] = list(r(arg), fn);
      return cidr(str(block, fn), Number(count), Number(bits));
    }
    case "Fn::Length":
      return list(r(arg), fn).length;
    case "Fn::ToJsonString":
      return JSON.stringify(r(arg));
  }
  throw templateError(`Unrecognized intrinsic function ${fn}`);
}

export type { ParameterValue };
