// CloudWatch Logs filter patterns, compiled once into a predicate over event messages.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
//
// Supported:
//   - terms: `ERROR` (case-sensitive substring), `"quoted phrase"`, several terms = AND,
//     `?ERROR ?WARN` = OR, `-term` = must not appear, `%regex%`;
//   - JSON: `{ $.level = "error" }`, `{ $.latency > 100 }`, with = != < <= > >=, `*` wildcards in
//     string values, `&&`, `||`, parentheses, `IS NULL`, `NOT EXISTS`, `IS TRUE/FALSE`.
// Space-delimited patterns (`[ip, user, ...]`) answer InvalidParameterException.
import { AwsError } from "../../core/errors.ts";

/** A compiled pattern; `required` lists substrings every match contains (pushed down into SQL). */
export type Matcher = ((message: string) => boolean) & { required?: string[] };

const invalid = (why: string) => new AwsError("InvalidParameterException", `Invalid filter pattern: ${why}`, 400);

export function compileFilterPattern(pattern: string | undefined): Matcher {
  const p = (pattern ?? "").trim();
  if (p === "" || p === '""') return () => true;
  if (p.startsWith("{")) return compileJson(p);
  if (p.startsWith("[")) throw invalid("space-delimited patterns ([...]) are not supported by this emulator; use terms or a JSON pattern.");
  if (p.length > 2 && p.startsWith("%") && p.endsWith("%")) {
    try {
      const re = new RegExp(p.slice(1, -1));
      return (m) => re.test(m);
    } catch {
      throw invalid(`bad regular expression ${p}`);
    }
  }
  return compileTerms(p);
}

function compileTerms(p: string): Matcher {
  const all: string[] = [];
  const any: string[] = [];
  const none: string[] = [];
  const re = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (let m = re.exec(p); m; m = re.exec(p)) {
    const term = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3];
    if (m[1] === "?") any.push(term);
    else if (m[1] === "-") none.push(term);
    else all.push(term);
  }
  const m: Matcher = (msg) => all.every((t) => msg.includes(t)) && none.every((t) => !msg.includes(t)) && (any.length === 0 || any.some((t) => msg.includes(t)));
  m.required = all;
  return m;
}

type Json = unknown;
type Node = { kind: "and" | "or"; left: Node; right: Node } | { kind: "cmp"; path: (string | number)[]; op: string; value: Json };

function compileJson(p: string): Matcher {
  if (!p.endsWith("}")) throw invalid("a JSON pattern must end with }");
  const src = p.slice(1, -1);
  const tokens = src.match(/\$(?:\.[A-Za-z0-9_@-]+|\[\d+\])+|"(?:[^"\\]|\\.)*"|&&|\|\||!=|<=|>=|=|<|>|\(|\)|[^\s()=<>!&|"]+/g);
  if (!tokens) throw invalid("empty JSON pattern");
  let i = 0;
  const peek = () => tokens[i];
  const primary = (): Node => {
    if (peek() === "(") {
      i++;
      const n = or();
      if (tokens[i++] !== ")") throw invalid("missing )");
      return n;
    }
    const sel = tokens[i++];
    if (!sel?.startsWith("$")) throw invalid(`expected a selector like $.field, got ${sel ?? "end of pattern"}`);
    const path = [...sel.matchAll(/\.([A-Za-z0-9_@-]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
    const upper = (tokens[i] ?? "").toUpperCase();
    if (upper === "IS" || upper === "NOT") {
      const words = [tokens[i++], tokens[i++]].map((w) => (w ?? "").toUpperCase()).join(" ");
      const map: Record<string, Node> = {
        "IS NULL": { kind: "cmp", path, op: "null", value: null },
        "NOT EXISTS": { kind: "cmp", path, op: "missing", value: null },
        "IS TRUE": { kind: "cmp", path, op: "=", value: true },
        "IS FALSE": { kind: "cmp", path, op: "=", value: false },
      };
      if (!map[words]) throw invalid(`unsupported ${words}`);
      return map[words];
    }
    const op = tokens[i++];
    if (!["=", "!=", "<", "<=", ">", ">="].includes(op)) throw invalid(`unsupported operator ${op ?? "(none)"}`);
    const raw = tokens[i++];
    if (raw === undefined) throw invalid("missing value");
    const value = raw.startsWith('"') ? { str: JSON.parse(raw) as string } : /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw) ? Number(raw) : { str: raw };
    if (typeof value === "object" && op !== "=" && op !== "!=") throw invalid(`${op} needs a number`);
    return { kind: "cmp", path, op, value };
  };
  const and = (): Node => {
    let n = primary();
    while (peek() === "&&") {
      i++;
      n = { kind: "and", left: n, right: primary() };
    }
    return n;
  };
  const or = (): Node => {
    let n = and();
    while (peek() === "||") {
      i++;
      n = { kind: "or", left: n, right: and() };
    }
    return n;
  };
  const root = or();
  if (i < tokens.length) throw invalid(`unexpected ${tokens[i]}`);
  return (msg) => {
    const t = msg.trimStart();
    if (!t.startsWith("{") && !t.startsWith("[")) return false;
    let doc: Json;
    try {
      doc = JSON.parse(t);
    } catch {
      return false;
    }
    return test(root, doc);
  };
}

function select(doc: Json, path: (string | number)[]): { found: boolean; value: Json } {
  let cur: Json = doc;
  for (const k of path) {
    if (cur === null || typeof cur !== "object" || !(k in (cur as object))) return { found: false, value: undefined };
    cur = (cur as Record<string | number, Json>)[k];
  }
  return { found: true, value: cur };
}

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
}

function test(n: Node, doc: Json): boolean {
  if (n.kind !== "cmp") return n.kind === "and" ? test(n.left, doc) && test(n.right, doc) : test(n.left, doc) || test(n.right, doc);
  const { found, value } = select(doc, n.path);
  if (n.op === "missing") return !found;
  if (n.op === "null") return found && value === null;
  if (!found) return false;
  const expected = n.value;
  let eq: boolean;
  if (typeof expected === "boolean") eq = value === expected;
  else if (typeof expected === "number") {
    if (typeof value !== "number") return false;
    switch (n.op) {
      case "<":
        return value < expected;
      case "<=":
        return value <= expected;
      case ">":
        return value > expected;
      case ">=":
        return value >= expected;
    }
    eq = value === expected;
  } else {
    const s = (expected as { str: string }).str;
    if (value === null || typeof value === "object") return false;
    eq = wildcard(s).test(String(value));
  }
  return n.op === "!=" ? !eq : eq;
}
