// A subset of X-Ray filter expressions, enough for the console and the lab:
//   ok | error | fault | throttle | partial            (alone, or `= true|false`)
//   responsetime | duration | http.status  <op> number (= != < <= > >=)
//   http.url | http.method | http.useragent | http.clientip | user  <op> "string"
//                                                      (= != CONTAINS BEGINSWITH ENDSWITH)
//   annotation.<key> <op> value
//   service("name") [ { expr } ]   service() { expr }   edge("a", "b")
//   combined with AND / && , OR / || , NOT / ! and parentheses.
// Anything else is an InvalidRequestException, never a silently ignored filter.
// https://docs.aws.amazon.com/xray/latest/devguide/xray-console-filters.html
import { AwsError } from "../../core/errors.ts";

type Scalar = string | number | boolean;

/** What a filter looks at: the whole trace, or one service within it (inside `service(...) { }`). */
export interface FilterScope {
  ok: boolean;
  error: boolean;
  fault: boolean;
  throttle: boolean;
  partial: boolean;
  responsetime?: number;
  duration?: number;
  http: { status?: number; url?: string; method?: string; useragent?: string; clientip?: string };
  user?: string;
  annotations: Record<string, Scalar[]>;
  services: Map<string, FilterScope>;
  edges: Set<string>;
}

export type TraceFilter = (t: FilterScope) => boolean;

const invalid = (why: string) => new AwsError("InvalidRequestException", `Invalid filter expression: ${why}`, 400);

type Token = { kind: "id" | "str" | "num" | "op"; text: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)|(&&|\|\||!=|<=|>=|[=<>!(){},])|([A-Za-z_][\w.\-:]*))/y;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) throw invalid(`unexpected text at ${pos}: ${src.slice(pos, pos + 20)}`);
    pos = re.lastIndex;
    if (m[1]) out.push({ kind: "str", text: JSON.parse(m[1]) });
    else if (m[2]) out.push({ kind: "num", text: m[2] });
    else if (m[3]) out.push({ kind: "op", text: m[3] });
    else out.push({ kind: "id", text: m[4] });
  }
  return out;
}

export function parseFilterExpression(src: string): TraceFilter {
  const tokens = tokenize(src);
  let i = 0;
  const peek = () => tokens[i];
  const isWord = (w: string) => peek()?.kind === "id" && peek().text.toUpperCase() === w;
  const isOp = (o: string) => peek()?.kind === "op" && peek().text === o;
  const expect = (o: string) => {
    if (!isOp(o)) throw invalid(`expected "${o}"`);
    i++;
  };

  const or = (): TraceFilter => {
    let left = and();
    while (isWord("OR") || isOp("||")) {
      i++;
      const [l, r] = [left, and()];
      left = (t) => l(t) || r(t);
    }
    return left;
  };
  const and = (): TraceFilter => {
    let left = not();
    while (isWord("AND") || isOp("&&")) {
      i++;
      const [l, r] = [left, not()];
      left = (t) => l(t) && r(t);
    }
    return left;
  };
  const not = (): TraceFilter => {
    if (isWord("NOT") || isOp("!")) {
      i++;
      const inner = not();
      return (t) => !inner(t);
    }
    if (isOp("(")) {
      i++;
      const inner = or();
      expect(")");
      return inner;
    }
    return atom();
  };
  const args = (): string[] => {
    expect("(");
    const out: string[] = [];
    while (!isOp(")")) {
      const t = tokens[i++];
      if (t?.kind !== "str") throw invalid("function arguments must be quoted strings");
      out.push(t.text);
      if (isOp(",")) i++;
    }
    expect(")");
    return out;
  };
  const atom = (): TraceFilter => {
    const t = tokens[i++];
    if (t?.kind !== "id") throw invalid(t ? `unexpected "${t.text}"` : "unexpected end");
    const word = t.text.toLowerCase();
    if (word === "service") {
      const [name] = args();
      let inner: TraceFilter = () => true;
      if (isOp("{")) {
        i++;
        inner = or();
        expect("}");
      }
      return (s) => (name === undefined ? [...s.services.values()].some(inner) : s.services.has(name) && inner(s.services.get(name)!));
    }
    if (word === "edge") {
      const [a, b] = args();
      if (a === undefined || b === undefined) throw invalid("edge() takes two service names");
      return (s) => s.edges.has(`${a}\u0000${b}`);
    }
    return comparison(t.text);
  };
  const comparison = (key: string): TraceFilter => {
    const get = accessor(key);
    const opTok = peek();
    const op = opTok && (opTok.kind === "op" ? opTok.text : opTok.kind === "id" ? opTok.text.toUpperCase() : "");
    if (!op || !["=", "!=", "<", "<=", ">", ">=", "CONTAINS", "BEGINSWITH", "ENDSWITH"].includes(op)) {
      return (s) => get(s).some((v) => v === true);
    }
    i++;
    const vt = tokens[i++];
    if (!vt) throw invalid(`missing value after ${op}`);
    const value: Scalar = vt.kind === "num" ? Number(vt.text) : vt.kind === "str" ? vt.text : vt.text === "true" ? true : vt.text === "false" ? false : vt.text;
    return (s) => {
      const vs = get(s);
      if (op === "!=") return vs.length > 0 && vs.every((v) => v !== value);
      return vs.some((v) => compare(v, op, value));
    };
  };

  const filter = or();
  if (i < tokens.length) throw invalid(`unexpected "${tokens[i].text}"`);
  return filter;
}

function accessor(key: string): (s: FilterScope) => Scalar[] {
  const k = key.toLowerCase();
  const one = (f: (s: FilterScope) => Scalar | undefined) => (s: FilterScope) => {
    const v = f(s);
    return v === undefined ? [] : [v];
  };
  switch (k) {
    case "ok":
    case "error":
    case "fault":
    case "throttle":
    case "partial":
      return one((s) => s[k]);
    case "responsetime":
    case "duration":
      return one((s) => s[k]);
    case "http.status":
    case "http.url":
    case "http.method":
    case "http.useragent":
    case "http.clientip":
      return one((s) => s.http[k.slice(5) as keyof FilterScope["http"]]);
    case "user":
      return one((s) => s.user);
  }
  if (k.startsWith("annotation.")) {
    const name = key.slice("annotation.".length);
    return (s) => s.annotations[name] ?? [];
  }
  throw invalid(`unsupported keyword ${key}`);
}

function compare(v: Scalar, op: string, want: Scalar): boolean {
  switch (op) {
    case "=":
      return v === want;
    case "<":
      return typeof v === "number" && typeof want === "number" && v < want;
    case "<=":
      return typeof v === "number" && typeof want === "number" && v <= want;
    case ">":
      return typeof v === "number" && typeof want === "number" && v > want;
    case ">=":
      return typeof v === "number" && typeof want === "number" && v >= want;
    case "CONTAINS":
      return typeof v === "string" && v.includes(String(want));
    case "BEGINSWITH":
      return typeof v === "string" && v.startsWith(String(want));
    case "ENDSWITH":
      return typeof v === "string" && v.endsWith(String(want));
  }
  return false;
}
