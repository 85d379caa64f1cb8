// The one SNS subscription filter-policy evaluator: the emulator's flow log and the console's
// preview both call it, so a learner sees the same per-key reasons in both places.
// Pure, no dependencies. Semantics follow the AWS docs:
//   https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html
//   https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html
// - every key must match (AND); any value in a key's array may match (OR); `$or` takes branches;
// - a key missing from the message fails, except `{"exists": false}`, which matches only when
//   the message has at least one attribute (https://docs.aws.amazon.com/sns/latest/dg/attribute-key-matching.html);
// - String.Array attributes (and JSON arrays in a body) match when any element matches, also
//   for anything-but ("it matches because it contains a value that isn't rugby or tennis");
// - numeric conditions match only Number attributes / JSON numbers; Binary attributes are ignored.

export type FilterPolicyScope = "MessageAttributes" | "MessageBody";

export interface FilterMessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: unknown;
}

export type FilterInput = { messageAttributes: Record<string, FilterMessageAttribute | undefined> } | { body: string | unknown };

export interface FilterKeyResult {
  /** The policy key (dotted path for nested MessageBody keys). */
  key: string;
  /** `$or[i]` when the key sits in an `$or` branch. */
  group?: string;
  matched: boolean;
  /** Human explanation, e.g. `eventType: "order_shipped" not in ["order_created","order_cancelled"]`. */
  reason: string;
  /** The message's value for the key (undefined when missing). */
  value?: unknown;
}

export interface FilterResult {
  matched: boolean;
  keys: FilterKeyResult[];
  /** The key that decided a rejection (first failing key, or "$or" when no branch matched). */
  decidingKey?: string;
  /** Set when the policy itself cannot be read (AWS would have rejected it at Subscribe). */
  error?: string;
}

type Scalar = { kind: "string"; v: string } | { kind: "number"; v: number; raw: string } | { kind: "boolean"; v: boolean } | { kind: "null" };

interface Lookup {
  present: boolean;
  values: Scalar[];
  display?: unknown;
  note?: string;
}

interface Ctx {
  scope: FilterPolicyScope;
  /** Resolves a key path (already split) to the message's values. */
  lookup(path: string[]): Lookup;
  /** The message has at least one attribute / body property (needed by exists:false). */
  nonEmpty: boolean;
}

const OPERATORS = new Set(["prefix", "suffix", "anything-but", "numeric", "exists", "equals-ignore-case", "cidr", "wildcard"]);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function parsePolicy(policy: unknown): Record<string, unknown> {
  const parsed = typeof policy === "string" ? JSON.parse(policy) : policy;
  if (!isPlainObject(parsed)) throw new Error("filter policy must be a JSON object");
  return parsed;
}

// ---------- message values ----------

function scalarOf(v: unknown): Scalar | undefined {
  if (typeof v === "string") return { kind: "string", v };
  if (typeof v === "number") return { kind: "number", v, raw: String(v) };
  if (typeof v === "boolean") return { kind: "boolean", v };
  if (v === null) return { kind: "null" };
  return undefined;
}

function attributeLookup(attrs: Record<string, FilterMessageAttribute | undefined>) {
  return (path: string[]): Lookup => {
    const attr = attrs[path.join(".")];
    if (!attr) return { present: false, values: [] };
    const type = attr.DataType ?? "String";
    const raw = attr.StringValue ?? "";
    if (type.startsWith("Binary")) return { present: false, values: [], note: "Binary attributes are ignored by filter policies" };
    if (type === "Number" || type.startsWith("Number.")) {
      const n = Number(raw);
      return { present: true, values: Number.isNaN(n) ? [] : [{ kind: "number", v: n, raw }], display: Number.isNaN(n) ? raw : n };
    }
    if (type === "String.Array") {
      try {
        const arr = JSON.parse(raw);
        const items = Array.isArray(arr) ? arr : [arr];
        return { present: true, values: items.map(scalarOf).filter((s): s is Scalar => s !== undefined), display: items };
      } catch {
        return { present: true, values: [], display: raw, note: "String.Array value is not a JSON array" };
      }
    }
    return { present: true, values: [{ kind: "string", v: raw }], display: raw };
  };
}

function collectPath(node: unknown, path: string[], out: unknown[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectPath(item, path, out);
    return;
  }
  if (path.length === 0) {
    out.push(node);
    return;
  }
  if (isPlainObject(node) && path[0] in node) collectPath(node[path[0]], path.slice(1), out);
}

function bodyLookup(body: unknown) {
  return (path: string[]): Lookup => {
    const found: unknown[] = [];
    collectPath(body, path, found);
    if (found.length === 0) return { present: false, values: [] };
    const values: Scalar[] = [];
    for (const f of found) {
      for (const item of Array.isArray(f) ? f : [f]) {
        const s = scalarOf(item);
        if (s) values.push(s);
      }
    }
    return { present: true, values, display: found.length === 1 ? found[0] : found };
  };
}

// ---------- conditions ----------

const lower = (s: string) => s.toLowerCase();
const roundNum = (n: number) => Math.round(n * 1e5);

function stringPatternMatches(pattern: unknown, value: string, test: (v: string, p: string) => boolean): boolean {
  if (typeof pattern === "string") return test(value, pattern);
  if (isPlainObject(pattern) && typeof pattern["equals-ignore-case"] === "string") return test(lower(value), lower(pattern["equals-ignore-case"]));
  return false;
}

const wildcardCache = new Map<string, RegExp>();
function wildcardMatches(value: string, pattern: string): boolean {
  let re = wildcardCache.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
    if (wildcardCache.size > 1000) wildcardCache.clear();
    wildcardCache.set(pattern, re);
  }
  return re.test(value);
}

function ipToBigInt(ip: string): { bits: number; n: bigint } | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) {
    const parts = ip.split(".").map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { bits: 32, n: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n) };
  }
  if (ip.includes(":") && /^[0-9a-fA-F:]+$/.test(ip)) {
    const halves = ip.split("::");
    if (halves.length > 2) return undefined;
    const left = halves[0] ? halves[0].split(":") : [];
    const right = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
    const fill = halves.length === 2 ? 8 - left.length - right.length : 0;
    const groups = [...left, ...Array(fill).fill("0"), ...right];
    if (groups.length !== 8 || groups.some((g) => g.length === 0 || g.length > 4)) return undefined;
    return { bits: 128, n: groups.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g, 16)), 0n) };
  }
  return undefined;
}

function cidrMatches(value: string, cidr: string): boolean {
  const [base, lenStr] = cidr.split("/");
  const ip = ipToBigInt(value);
  const net = ipToBigInt(base ?? "");
  if (!ip || !net || ip.bits !== net.bits) return false;
  const len = lenStr === undefined ? ip.bits : Number(lenStr);
  const shift = BigInt(ip.bits - len);
  return ip.n >> shift === net.n >> shift;
}

function numericMatches(n: number, ops: unknown[]): boolean {
  for (let i = 0; i + 1 < ops.length; i += 2) {
    const op = ops[i];
    const bound = Number(ops[i + 1]);
    const a = roundNum(n);
    const b = roundNum(bound);
    const ok = op === "=" ? a === b : op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : op === ">=" ? a >= b : false;
    if (!ok) return false;
  }
  return true;
}

function excludedBy(excl: unknown, v: Scalar): boolean {
  if (Array.isArray(excl)) return excl.some((e) => excludedBy(e, v));
  if (typeof excl === "string") return v.kind === "string" && v.v === excl;
  if (typeof excl === "number") return v.kind === "number" && roundNum(v.v) === roundNum(excl);
  if (isPlainObject(excl) && v.kind === "string") {
    if ("prefix" in excl) return stringPatternMatches(excl.prefix, v.v, (s, p) => s.startsWith(p));
    if ("suffix" in excl) return stringPatternMatches(excl.suffix, v.v, (s, p) => s.endsWith(p));
    if ("wildcard" in excl) return typeof excl.wildcard === "string" && wildcardMatches(v.v, excl.wildcard);
    if ("equals-ignore-case" in excl) {
      const list = Array.isArray(excl["equals-ignore-case"]) ? excl["equals-ignore-case"] : [excl["equals-ignore-case"]];
      return list.some((e) => typeof e === "string" && lower(e) === lower(v.v));
    }
  }
  return false;
}

function conditionMatches(c: unknown, look: Lookup, ctx: Ctx): boolean {
  if (isPlainObject(c) && "exists" in c) return c.exists === true ? look.present && look.values.some((v) => v.kind !== "null") : !look.present && ctx.nonEmpty;
  if (!look.present) return false;
  const vals = look.values;
  if (typeof c === "string") return vals.some((v) => v.kind === "string" && v.v === c);
  if (typeof c === "number") return vals.some((v) => v.kind === "number" && roundNum(v.v) === roundNum(c));
  if (typeof c === "boolean") return vals.some((v) => (v.kind === "boolean" && v.v === c) || (ctx.scope === "MessageAttributes" && v.kind === "string" && v.v === String(c)));
  if (c === null) return vals.some((v) => v.kind === "null");
  if (!isPlainObject(c)) return false;
  const strings = vals.filter((v): v is Extract<Scalar, { kind: "string" }> => v.kind === "string").map((v) => v.v);
  if ("prefix" in c) return strings.some((s) => stringPatternMatches(c.prefix, s, (a, p) => a.startsWith(p)));
  if ("suffix" in c) return strings.some((s) => stringPatternMatches(c.suffix, s, (a, p) => a.endsWith(p)));
  if ("equals-ignore-case" in c) return typeof c["equals-ignore-case"] === "string" && strings.some((s) => lower(s) === lower(c["equals-ignore-case"] as string));
  if ("wildcard" in c) return typeof c.wildcard === "string" && strings.some((s) => wildcardMatches(s, c.wildcard as string));
  if ("cidr" in c) return typeof c.cidr === "string" && strings.some((s) => cidrMatches(s, c.cidr as string));
  if ("numeric" in c) return Array.isArray(c.numeric) && vals.some((v) => v.kind === "number" && numericMatches(v.v, c.numeric as unknown[]));
  if ("anything-but" in c) return vals.some((v) => !excludedBy(c["anything-but"], v));
  return false;
}

// ---------- explanations ----------

function describeNumeric(ops: unknown[]): string {
  const parts: string[] = [];
  for (let i = 0; i + 1 < ops.length; i += 2) parts.push(`${ops[i]} ${ops[i + 1]}`);
  return parts.join(" and ");
}

/** A condition in words, e.g. `prefix "order_"` or `>= 0 and < 100`. */
export function describeCondition(c: unknown): string {
  if (!isPlainObject(c)) return JSON.stringify(c);
  const [op, arg] = Object.entries(c)[0] ?? ["?", undefined];
  if (op === "numeric" && Array.isArray(arg)) return describeNumeric(arg);
  if (op === "exists") return arg ? "exists" : "does not exist";
  return `${op} ${JSON.stringify(arg)}`;
}

const isLiteral = (c: unknown) => typeof c === "string" || typeof c === "number";

function formatValue(look: Lookup): string {
  return typeof look.display === "string" ? JSON.stringify(look.display) : JSON.stringify(look.display) ?? "undefined";
}

function explain(key: string, conds: unknown[], look: Lookup, hit: { c: unknown } | undefined, ctx: Ctx): string {
  const matchedBy = hit?.c;
  const what = ctx.scope === "MessageBody" ? "property" : "attribute";
  const existsFalse = conds.find((c) => isPlainObject(c) && c.exists === false);
  if (!look.present) {
    if (hit) return `${key}: ${what} absent, as required by {"exists": false}`;
    if (existsFalse !== undefined && !ctx.nonEmpty) return `${key}: ${what} absent, but {"exists": false} needs the message to carry at least one ${what}`;
    return `${key}: ${what} missing${look.note ? ` (${look.note})` : ""}`;
  }
  const val = formatValue(look);
  if (hit) {
    if (conds.every(isLiteral)) return `${key}: ${val} is in ${JSON.stringify(conds)}`;
    if (isPlainObject(matchedBy) && "numeric" in matchedBy) return `${key}: ${val} is ${describeCondition(matchedBy)}`;
    return `${key}: ${val} matched ${describeCondition(matchedBy)}`;
  }
  const numericOnString = conds.some((c) => (typeof c === "number" || (isPlainObject(c) && "numeric" in c)) && look.values.some((v) => v.kind === "string"));
  const hint = numericOnString ? ` (numeric matching applies only to Number ${ctx.scope === "MessageBody" ? "values" : "attributes"})` : look.note ? ` (${look.note})` : "";
  if (conds.length === 1 && isPlainObject(conds[0])) {
    const c = conds[0];
    if ("numeric" in c) return `${key}: ${val} is not ${describeCondition(c)}${hint}`;
    if ("exists" in c) return `${key}: ${what} present, but the policy requires it to be absent`;
    if ("anything-but" in c) return `${key}: ${val} is excluded by anything-but ${JSON.stringify(c["anything-but"])}`;
  }
  if (conds.every(isLiteral)) return `${key}: ${val} not in ${JSON.stringify(conds)}${hint}`;
  return `${key}: ${val} matches none of ${conds.map(describeCondition).join(", ")}${hint}`;
}

// ---------- walking the policy ----------

function evalKey(key: string, path: string[], rule: unknown, ctx: Ctx, group: string | undefined, out: FilterKeyResult[]): boolean {
  const conds = Array.isArray(rule) ? rule : [rule];
  const look = ctx.lookup(path);
  const hit = conds.findIndex((c) => conditionMatches(c, look, ctx));
  const matched = hit >= 0;
  out.push({ key, ...(group ? { group } : {}), matched, reason: explain(key, conds, look, matched ? { c: conds[hit] } : undefined, ctx), value: look.present ? look.display : undefined });
  return matched;
}

function evalObject(policy: Record<string, unknown>, prefix: string[], ctx: Ctx, group: string | undefined, out: FilterKeyResult[]): { matched: boolean; deciding?: string } {
  let matched = true;
  let deciding: string | undefined;
  for (const [k, rule] of Object.entries(policy)) {
    if (k === "$or") {
      const branches = Array.isArray(rule) ? rule : [];
      const before = out.length;
      let any = false;
      branches.forEach((b, i) => {
        if (isPlainObject(b) && evalObject(b, prefix, ctx, `${group ? `${group}.` : ""}$or[${i}]`, out).matched) any = true;
      });
      if (!any) {
        if (branches.length === 0) out.splice(before, 0, { key: "$or", matched: false, reason: "$or: no branches" });
        matched = false;
        deciding ??= "$or";
      }
      continue;
    }
    const path = [...prefix, k];
    const key = path.join(".");
    if (isPlainObject(rule) && !Object.keys(rule).some((op) => OPERATORS.has(op))) {
      if (ctx.scope === "MessageAttributes") {
        out.push({ key, ...(group ? { group } : {}), matched: false, reason: `${key}: nested policies need FilterPolicyScope MessageBody` });
        matched = false;
        deciding ??= key;
        continue;
      }
      const sub = evalObject(rule, path, ctx, group, out);
      if (!sub.matched) {
        matched = false;
        deciding ??= sub.deciding;
      }
      continue;
    }
    if (!evalKey(key, path, rule, ctx, group, out)) {
      matched = false;
      deciding ??= key;
    }
  }
  return { matched, deciding };
}

/**
 * Evaluates an SNS filter policy against a message, explaining each key.
 * `input` is `{ messageAttributes }` (as Publish takes them) or `{ body }` (string or parsed JSON).
 */
export function evaluateFilterPolicy(policy: unknown, input: FilterInput, scope: FilterPolicyScope = "MessageAttributes"): FilterResult {
  if (policy === undefined || policy === null || policy === "") return { matched: true, keys: [] };
  let parsed: Record<string, unknown>;
  try {
    parsed = parsePolicy(policy);
  } catch (e) {
    return { matched: false, keys: [], error: `invalid filter policy: ${(e as Error).message}` };
  }
  if (Object.keys(parsed).length === 0) return { matched: true, keys: [] };
  let ctx: Ctx;
  if (scope === "MessageBody") {
    let body: unknown = "body" in input ? input.body : undefined;
    if (typeof body === "string") {
      try {
        body = JSON.parse(body);
      } catch {
        body = undefined;
      }
    }
    if (!isPlainObject(body)) {
      const keys = Object.keys(parsed).map((key) => ({ key, matched: false, reason: `${key}: message body is not a JSON object` }));
      return { matched: false, keys, decidingKey: keys[0]?.key };
    }
    ctx = { scope, lookup: bodyLookup(body), nonEmpty: Object.keys(body).length > 0 };
  } else {
    const attrs = "messageAttributes" in input ? (input.messageAttributes ?? {}) : {};
    const nonEmpty = Object.values(attrs).some((a) => a && !a.DataType?.startsWith("Binary"));
    ctx = { scope, lookup: attributeLookup(attrs), nonEmpty };
  }
  const keys: FilterKeyResult[] = [];
  const { matched, deciding } = evalObject(parsed, [], ctx, undefined, keys);
  return matched ? { matched, keys } : { matched, keys, decidingKey: deciding };
}

// ---------- validation ----------

export type FilterPolicyValidation = { valid: true } | { valid: false; code: "InvalidParameter"; message: string };

const MAX_KEYS = 5;
const MAX_COMBINATIONS = 150;
const MAX_POLICY_BYTES = 256 * 1024;
const NUMERIC_LIMIT = 1e9;

class PolicyError extends Error {}
const fail = (msg: string): never => {
  throw new PolicyError(msg);
};

function validateNumeric(arg: unknown): void {
  if (!Array.isArray(arg)) fail("Value of numeric must be an array.");
  const ops = arg as unknown[];
  if (ops.length === 0 || ops.length % 2 !== 0) fail("Value of numeric must be an array of operator/value pairs.");
  if (ops.length > 4) fail("Too many elements in numeric expression.");
  for (let i = 0; i < ops.length; i += 2) {
    const op = ops[i];
    const v = ops[i + 1];
    if (typeof op !== "string" || !["=", "<", "<=", ">", ">="].includes(op)) fail(`Unrecognized numeric range operator: ${JSON.stringify(op)}`);
    if (typeof v !== "number") fail(`Value of ${op} must be numeric`);
    if (Math.abs(v as number) > NUMERIC_LIMIT) fail(`Value of ${op} must be between -1000000000 and 1000000000`);
  }
  if (ops.length === 4) {
    const [lo, loV, hi, hiV] = ops as [string, number, string, number];
    if (!(lo === ">" || lo === ">=") || !(hi === "<" || hi === "<=")) fail(`Bad numeric range operator: ${hi}`);
    if (loV >= hiV) fail("Bottom must be less than top");
  }
}

function validateStringPattern(op: string, arg: unknown): void {
  if (typeof arg === "string") return;
  if (isPlainObject(arg) && Object.keys(arg).length === 1 && typeof arg["equals-ignore-case"] === "string") return;
  fail(`${op} match pattern must be a string`);
}

function validateCidr(arg: unknown): void {
  if (typeof arg !== "string" || arg.split("/").length !== 2) fail("Malformed CIDR, one '/' required");
  const [ip, len] = (arg as string).split("/");
  const parsed = ipToBigInt(ip);
  const n = Number(len);
  if (!parsed || !Number.isInteger(n) || n < 0 || n > parsed.bits) fail(`Nonstandard IP address: ${ip}`);
}

function validateAnythingBut(arg: unknown): void {
  if (typeof arg === "string" || typeof arg === "number") return;
  if (Array.isArray(arg)) {
    if (arg.length === 0) fail("Empty arrays are not allowed");
    const allStrings = arg.every((v) => typeof v === "string");
    const allNumbers = arg.every((v) => typeof v === "number");
    if (!allStrings && !allNumbers) fail("Inside anything but list, start|null|boolean is not supported.");
    return;
  }
  if (isPlainObject(arg)) {
    const [op, inner] = Object.entries(arg)[0] ?? [];
    if (Object.keys(arg).length !== 1) fail("Value of anything-but must be an array or single string/number value.");
    if (op === "prefix" || op === "suffix" || op === "wildcard") {
      if (typeof inner !== "string" || inner === "") fail(`Value of ${op} must be a non-empty string.`);
      return;
    }
    if (op === "equals-ignore-case") {
      if (typeof inner === "string" || (Array.isArray(inner) && inner.length > 0 && inner.every((v) => typeof v === "string"))) return;
      fail("Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.");
    }
    fail(`Unsupported anything-but pattern: ${op}`);
  }
  fail("Value of anything-but must be an array or single string/number value.");
}

function validateCondition(c: unknown): void {
  if (c === null || typeof c === "string" || typeof c === "number" || typeof c === "boolean") return;
  if (!isPlainObject(c)) fail("Match value must be String, number, true, false, or null");
  const entries = Object.entries(c as Record<string, unknown>);
  if (entries.length !== 1) fail("Only one key allowed in match expression");
  const [op, arg] = entries[0];
  switch (op) {
    case "prefix":
    case "suffix":
      validateStringPattern(op, arg);
      return;
    case "equals-ignore-case":
    case "wildcard":
      if (typeof arg !== "string") fail(`${op} match pattern must be a string`);
      if (op === "wildcard" && ((arg as string).match(/\*/g)?.length ?? 0) > 3) fail("A single pattern must not contain more than 3 wildcards");
      return;
    case "exists":
      if (typeof arg !== "boolean") fail("exists match pattern must be either true or false.");
      return;
    case "numeric":
      validateNumeric(arg);
      return;
    case "anything-but":
      validateAnythingBut(arg);
      return;
    case "cidr":
      validateCidr(arg);
      return;
    default:
      fail(`Unrecognized match type ${op}`);
  }
}

/** Returns the number of leaf-key combinations and collects the leaf paths. */
function validateObject(policy: Record<string, unknown>, prefix: string[], scope: FilterPolicyScope, leaves: Set<string>): number {
  let product = 1;
  for (const [k, rule] of Object.entries(policy)) {
    if (k === "$or") {
      if (!Array.isArray(rule) || rule.length < 2 || !rule.every(isPlainObject)) fail("$or must be an array of at least two objects");
      let sum = 0;
      for (const branch of rule as Record<string, unknown>[]) sum += validateObject(branch, prefix, scope, leaves);
      product *= sum;
      continue;
    }
    const path = [...prefix, k];
    if (Array.isArray(rule)) {
      if (rule.length === 0) fail("Empty arrays are not allowed");
      for (const c of rule) validateCondition(c);
      leaves.add(path.join("."));
      product *= rule.length;
      continue;
    }
    if (isPlainObject(rule)) {
      if (Object.keys(rule).some((op) => OPERATORS.has(op))) fail(`"${k}" must be an array`);
      if (scope === "MessageAttributes") throw new PolicyError("__nested__");
      product *= validateObject(rule, path, scope, leaves);
      continue;
    }
    fail(`"${k}" must be an object or an array`);
  }
  return product;
}

/** Validates a filter policy as Subscribe / SetSubscriptionAttributes would, with AWS's messages and limits. */
export function validateFilterPolicy(policy: unknown, scope: FilterPolicyScope = "MessageAttributes"): FilterPolicyValidation {
  const invalid = (message: string): FilterPolicyValidation => ({ valid: false, code: "InvalidParameter", message });
  if (typeof policy === "string" && Buffer.byteLength(policy, "utf8") > MAX_POLICY_BYTES) return invalid("Invalid parameter: FilterPolicy: Filter policy is too long");
  let parsed: unknown;
  try {
    parsed = typeof policy === "string" ? JSON.parse(policy) : policy;
  } catch (e) {
    return invalid(`Invalid parameter: FilterPolicy: failed to parse JSON. ${(e as Error).message}`);
  }
  if (!isPlainObject(parsed)) return invalid("Invalid parameter: FilterPolicy: Filter policy must be a JSON object");
  try {
    const leaves = new Set<string>();
    const combinations = validateObject(parsed, [], scope, leaves);
    if (leaves.size > MAX_KEYS) return invalid(`Invalid parameter: FilterPolicy: Filter policy can not have more than ${MAX_KEYS} keys`);
    if (combinations > MAX_COMBINATIONS) return invalid("Invalid parameter: FilterPolicy: Filter policy is too complex");
    return { valid: true };
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    if (e.message === "__nested__") return invalid("Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy");
    return invalid(`Invalid parameter: FilterPolicy: ${e.message}`);
  }
}
