// EventBridge event patterns: validation and matching, pure.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
//
// A pattern mirrors the event's structure: an object member nests, an array member lists the
// values (or content filters) any one of which must match. `$or` at any object level holds
// alternative sub-patterns. Arrays in the event match when any element matches.

export type EventPattern = { [key: string]: EventPattern | PatternValue[] | EventPattern[] };
type Scalar = string | number | boolean | null;
type PatternValue = Scalar | Record<string, unknown>;

export class EventPatternError extends Error {}

const OPERATORS = new Set(["prefix", "suffix", "anything-but", "numeric", "exists", "equals-ignore-case", "wildcard", "cidr"]);
const NUMERIC_OPS = new Set(["<", "<=", "=", ">", ">="]);

/** Parses and validates a pattern; throws EventPatternError with AWS's kind of reason. */
export function parseEventPattern(json: string): EventPattern {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new EventPatternError("Filter is not valid JSON");
  }
  if (!isObject(parsed)) throw new EventPatternError("Filter is not an object");
  validateObject(parsed, "");
  return parsed as EventPattern;
}

function validateObject(pattern: Record<string, unknown>, path: string): void {
  for (const [key, value] of Object.entries(pattern)) {
    const at = path ? `${path}.${key}` : key;
    if (key === "$or") {
      if (!Array.isArray(value) || value.length < 2 || !value.every(isObject)) {
        throw new EventPatternError(`"$or" at ${at} must be an array of at least two objects`);
      }
      for (const alt of value) validateObject(alt as Record<string, unknown>, path);
    } else if (isObject(value)) {
      validateObject(value, at);
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw new EventPatternError(`Empty arrays are not allowed (at ${at})`);
      for (const v of value) validateValue(v, at);
    } else {
      throw new EventPatternError(`"${at}" must be an object or an array`);
    }
  }
}

function validateValue(v: unknown, at: string): void {
  if (v === null || ["string", "number", "boolean"].includes(typeof v)) return;
  if (!isObject(v)) throw new EventPatternError(`Match value at ${at} must be a string, number, boolean, null or a content filter object`);
  const keys = Object.keys(v);
  if (keys.length !== 1 || !OPERATORS.has(keys[0])) throw new EventPatternError(`Unrecognized match type ${keys.join(",")} at ${at}`);
  const op = keys[0];
  const arg = v[op];
  switch (op) {
    case "prefix":
    case "suffix":
      if (typeof arg === "string") return;
      if (isObject(arg) && Object.keys(arg).length === 1 && typeof arg["equals-ignore-case"] === "string") return;
      throw new EventPatternError(`${op} match pattern must be a string or {"equals-ignore-case": string} at ${at}`);
    case "equals-ignore-case":
      if (typeof arg !== "string") throw new EventPatternError(`equals-ignore-case match pattern must be a string at ${at}`);
      return;
    case "wildcard":
      if (typeof arg !== "string") throw new EventPatternError(`wildcard match pattern must be a string at ${at}`);
      if (/(?<!\\)\*\*/.test(arg)) throw new EventPatternError(`Consecutive wildcard characters at ${at}`);
      return;
    case "exists":
      if (typeof arg !== "boolean") throw new EventPatternError(`exists match pattern must be either true or false at ${at}`);
      return;
    case "cidr":
      if (typeof arg !== "string" || !parseCidr(arg)) throw new EventPatternError(`Malformed CIDR at ${at}`);
      return;
    case "numeric":
      validateNumeric(arg, at);
      return;
    case "anything-but":
      validateAnythingBut(arg, at);
      return;
  }
}

function validateNumeric(arg: unknown, at: string): void {
  if (!Array.isArray(arg) || arg.length === 0 || arg.length % 2 !== 0 || arg.length > 4) {
    throw new EventPatternError(`Value of numeric must be an array of operator/value pairs at ${at}`);
  }
  let lower = false;
  let upper = false;
  for (let i = 0; i < arg.length; i += 2) {
    const [op, n] = [arg[i], arg[i + 1]];
    if (!NUMERIC_OPS.has(op) || typeof n !== "number") throw new EventPatternError(`Unrecognized numeric range operator or value at ${at}`);
    if (op === "=") {
      if (arg.length !== 2) throw new EventPatternError(`"=" cannot be combined with a range at ${at}`);
    } else if (op.startsWith(">")) {
      if (lower) throw new EventPatternError(`Bad numeric range at ${at}`);
      lower = true;
    } else {
      if (upper) throw new EventPatternError(`Bad numeric range at ${at}`);
      upper = true;
    }
  }
}

function validateAnythingBut(arg: unknown, at: string): void {
  if (arg === null || ["string", "number", "boolean"].includes(typeof arg)) return;
  if (Array.isArray(arg)) {
    if (arg.length === 0 || !arg.every((x) => typeof x === "string" || typeof x === "number")) {
      throw new EventPatternError(`Inside anything-but list, only strings and numbers are allowed at ${at}`);
    }
    return;
  }
  if (isObject(arg) && Object.keys(arg).length === 1) {
    const [inner] = Object.keys(arg);
    const value = arg[inner];
    const ok = ["prefix", "suffix", "equals-ignore-case", "wildcard"].includes(inner) && (typeof value === "string" || (Array.isArray(value) && value.length > 0 && value.every((x) => typeof x === "string")));
    if (ok) return;
  }
  throw new EventPatternError(`Value of anything-but must be an array, a value or a prefix/suffix/equals-ignore-case/wildcard filter at ${at}`);
}

/** True when the event (a parsed JSON object) matches the pattern. */
export function matchesEventPattern(pattern: EventPattern, event: unknown): boolean {
  return matchObject(pattern as Record<string, unknown>, event);
}

function matchObject(pattern: Record<string, unknown>, event: unknown): boolean {
  for (const [key, rule] of Object.entries(pattern)) {
    if (key === "$or") {
      if (!(rule as Record<string, unknown>[]).some((alt) => matchObject(alt, event))) return false;
      continue;
    }
    const present = isObject(event) && Object.hasOwn(event, key);
    const value = present ? (event as Record<string, unknown>)[key] : undefined;
    if (isObject(rule)) {
      // A nested pattern needs the event to hold an object (or objects in an array) there.
      const candidates = Array.isArray(value) ? value : [value];
      if (!present || !candidates.some((c) => isObject(c) && matchObject(rule, c))) return false;
      continue;
    }
    if (!matchLeaf(rule as PatternValue[], present, value)) return false;
  }
  return true;
}

function matchLeaf(values: PatternValue[], present: boolean, value: unknown): boolean {
  const eventValues: unknown[] = !present ? [] : Array.isArray(value) ? value : [value];
  return values.some((pv) => {
    if (isObject(pv) && "exists" in pv) {
      // exists applies to leaves only: an object value does not "exist" for the pattern.
      const leafPresent = present && eventValues.length > 0 && eventValues.some((v) => !isObject(v));
      return pv.exists === leafPresent;
    }
    return eventValues.some((ev) => !isObject(ev) && matchValue(pv, ev as Scalar));
  });
}

function matchValue(pv: PatternValue, ev: Scalar): boolean {
  if (!isObject(pv)) return pv === ev;
  const [op] = Object.keys(pv);
  const arg = pv[op] as any;
  switch (op) {
    case "prefix":
      return typeof ev === "string" && (typeof arg === "string" ? ev.startsWith(arg) : ev.toLowerCase().startsWith(arg["equals-ignore-case"].toLowerCase()));
    case "suffix":
      return typeof ev === "string" && (typeof arg === "string" ? ev.endsWith(arg) : ev.toLowerCase().endsWith(arg["equals-ignore-case"].toLowerCase()));
    case "equals-ignore-case":
      return typeof ev === "string" && ev.toLowerCase() === arg.toLowerCase();
    case "wildcard":
      return typeof ev === "string" && wildcardRegex(arg).test(ev);
    case "numeric":
      return typeof ev === "number" && matchNumeric(arg, ev);
    case "cidr":
      return typeof ev === "string" && inCidr(arg, ev);
    case "anything-but":
      return matchAnythingBut(arg, ev);
  }
  return false;
}

function matchAnythingBut(arg: unknown, ev: Scalar): boolean {
  if (Array.isArray(arg)) return !arg.includes(ev);
  if (isObject(arg)) {
    if (typeof ev !== "string") return false;
    const [inner] = Object.keys(arg);
    const list = ([] as string[]).concat(arg[inner] as string | string[]);
    const hit = list.some((s) => matchValue({ [inner]: s }, ev));
    return !hit;
  }
  return arg !== ev;
}

function matchNumeric(arg: (string | number)[], n: number): boolean {
  for (let i = 0; i < arg.length; i += 2) {
    const bound = arg[i + 1] as number;
    const ok = { "<": n < bound, "<=": n <= bound, "=": n === bound, ">": n > bound, ">=": n >= bound }[arg[i] as string];
    if (!ok) return false;
  }
  return true;
}

function wildcardRegex(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\" && (pattern[i + 1] === "*" || pattern[i + 1] === "\\")) re += escapeRegex(pattern[++i]);
    else if (c === "*") re += ".*";
    else re += escapeRegex(c);
  }
  return new RegExp(`^${re}$`, "s");
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

function parseCidr(cidr: string): { base: number; bits: number } | undefined {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(cidr);
  if (!m) return undefined;
  const base = ipv4(m[1]);
  const bits = Number(m[2]);
  return base === undefined || bits > 32 ? undefined : { base, bits };
}

function ipv4(s: string): number | undefined {
  const parts = s.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

function inCidr(cidr: string, ip: string): boolean {
  const range = parseCidr(cidr);
  const addr = ipv4(ip);
  if (!range || addr === undefined) return false;
  const mask = range.bits === 0 ? 0 : (~0 << (32 - range.bits)) >>> 0;
  return (addr & mask) === (range.base & mask);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
