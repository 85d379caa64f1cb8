// Reading metrics: per-period aggregation (GetMetricStatistics, alarms) and GetMetricData
// queries, with a small metric-math evaluator for arithmetic between query ids.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html
import type { MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { AwsError } from "../../core/errors.ts";
import type { MetricId, MetricStore } from "./metrics.ts";
import { type Bucket, emptyBucket, isPercentile, isStatistic, mergeBucket, statisticValue } from "./statistics.ts";

export interface Scope {
  account: string;
  region: string;
}

/** Valid periods: 1, 5, 10, 20, 30 or any multiple of 60 seconds. */
export const isValidPeriod = (p: number) => Number.isInteger(p) && p > 0 && ([1, 5, 10, 20, 30].includes(p) || p % 60 === 0);

export const invalidParameter = (message: string) => new AwsError("InvalidParameterValue", message, 400);

/** Samples of one metric grouped by period (period start in epoch seconds → merged bucket). */
export function aggregate(store: MetricStore, scope: Scope, metric: Partial<MetricId>, start: number, end: number, period: number, unit?: string): Map<number, Bucket> {
  const out = new Map<number, Bucket>();
  const s = store.get(scope.account, scope.region, metric);
  if (!s) return out;
  for (const [ts, b] of store.buckets(s, start, end)) {
    if (unit && b.unit !== unit) continue;
    const slot = ts - (((ts % period) + period) % period);
    const agg = out.get(slot);
    if (agg) mergeBucket(agg, b);
    else out.set(slot, mergeBucket(emptyBucket(b.unit, Boolean(b.vals)), b));
  }
  return out;
}

export function checkStat(stat: string, where: string) {
  if (!isStatistic(stat) && !isPercentile(stat)) {
    throw invalidParameter(`The value ${stat} for parameter ${where} is not valid. Use SampleCount, Average, Sum, Minimum, Maximum or a percentile such as p99.`);
  }
}

/** One statistic per period, ascending by time; periods without a value are absent. */
export function statSeries(store: MetricStore, scope: Scope, metric: Partial<MetricId>, start: number, end: number, period: number, stat: string, unit?: string): Map<number, number> {
  const out = new Map<number, number>();
  const agg = aggregate(store, scope, metric, start, end, period, unit);
  for (const slot of [...agg.keys()].sort((a, b) => a - b)) {
    const v = statisticValue(agg.get(slot)!, stat);
    if (v !== undefined) out.set(slot, v);
  }
  return out;
}

export interface QueryResult {
  id: string;
  label: string;
  returnData: boolean;
  points: Map<number, number>;
}

const ID = /^[a-z][a-zA-Z0-9_]*$/;

/** Runs GetMetricData-style queries over [start, end). Expressions may reference other ids. */
export function runQueries(store: MetricStore, scope: Scope, queries: MetricDataQuery[], start: number, end: number): QueryResult[] {
  if (!queries.length) throw new AwsError("ValidationError", "MetricDataQueries must contain at least one query.", 400);
  const byId = new Map<string, MetricDataQuery>();
  queries.forEach((q, i) => {
    const where = `MetricDataQueries.member.${i + 1}`;
    if (!q.Id || !ID.test(q.Id)) throw new AwsError("ValidationError", `The value ${q.Id} for parameter ${where}.Id must start with a lowercase letter and contain only letters, numbers and underscores.`, 400);
    if (byId.has(q.Id)) throw new AwsError("ValidationError", `The value ${q.Id} for parameter ${where}.Id is used more than once.`, 400);
    if (Boolean(q.MetricStat) === Boolean(q.Expression)) throw new AwsError("ValidationError", `${where} must have exactly one of MetricStat or Expression.`, 400);
    if (q.MetricStat) {
      const p = q.MetricStat.Period ?? 0;
      if (!isValidPeriod(p)) throw new AwsError("ValidationError", `The value ${p} for parameter ${where}.MetricStat.Period must be 1, 5, 10, 20, 30 or a multiple of 60.`, 400);
      if (!q.MetricStat.Metric?.MetricName || !q.MetricStat.Metric.Namespace) throw new AwsError("ValidationError", `${where}.MetricStat.Metric needs Namespace and MetricName.`, 400);
      checkStat(q.MetricStat.Stat ?? "", `${where}.MetricStat.Stat`);
    }
    byId.set(q.Id, q);
  });

  const cache = new Map<string, Map<number, number>>();
  const resolve = (id: string, depth: number): Map<number, number> => {
    const hit = cache.get(id);
    if (hit) return hit;
    const q = byId.get(id);
    if (!q) throw new AwsError("ValidationError", `Unknown metric id ${id} in expression.`, 400);
    if (depth > byId.size) throw new AwsError("ValidationError", "Metric math expressions must not be circular.", 400);
    let points: Map<number, number>;
    if (q.MetricStat) {
      const ms = q.MetricStat;
      points = statSeries(store, scope, ms.Metric as MetricId, start, end, ms.Period!, ms.Stat!, ms.Unit);
    } else {
      const v = evaluateExpression(q.Expression!, (ref) => resolve(ref, depth + 1));
      if (typeof v === "number") throw new AwsError("ValidationError", `The expression ${q.Expression} must return a time series.`, 400);
      points = v;
    }
    cache.set(id, points);
    return points;
  };

  return queries.map((q) => ({
    id: q.Id!,
    label: q.Label ?? (q.MetricStat ? q.MetricStat.Metric!.MetricName! : q.Id!),
    returnData: q.ReturnData !== false,
    points: resolve(q.Id!, 0),
  }));
}

type Value = number | Map<number, number>;

function combine(a: Value, b: Value, f: (x: number, y: number) => number): Value {
  if (typeof a === "number" && typeof b === "number") return f(a, b);
  const out = new Map<number, number>();
  if (typeof a === "number") for (const [t, y] of b as Map<number, number>) out.set(t, f(a, y));
  else if (typeof b === "number") for (const [t, x] of a) out.set(t, f(x, b));
  else for (const [t, x] of a) if (b.has(t)) out.set(t, f(x, b.get(t)!));
  for (const [t, v] of out) if (!Number.isFinite(v)) out.delete(t);
  return out;
}

/**
 * Arithmetic metric math: ids, numbers, + - * / and parentheses. Functions (SUM, METRICS,
 * SEARCH, ...) answer ValidationError, which is what AWS answers for expressions it rejects.
 */
export function evaluateExpression(expr: string, resolve: (id: string) => Map<number, number>): Value {
  const tokens = expr.match(/\d+(\.\d+)?|[A-Za-z_][A-Za-z0-9_]*|[-+*/()]|\S/g) ?? [];
  let i = 0;
  const fail = (why: string): never => {
    throw new AwsError("ValidationError", `Unsupported metric math expression "${expr}": ${why}. This emulator supports arithmetic (+ - * /) between query ids and numbers.`, 400);
  };
  const primary = (): Value => {
    const t = tokens[i++];
    if (t === undefined) return fail("unexpected end");
    if (t === "(") {
      const v = sum();
      if (tokens[i++] !== ")") fail("missing )");
      return v;
    }
    if (t === "-") return combine(0, primary(), (x, y) => x - y);
    if (/^\d/.test(t)) return Number(t);
    if (/^[A-Za-z_]/.test(t)) {
      if (tokens[i] === "(") fail(`function ${t} is not supported`);
      return resolve(t);
    }
    return fail(`unexpected "${t}"`);
  };
  const product = (): Value => {
    let v = primary();
    while (tokens[i] === "*" || tokens[i] === "/") {
      const op = tokens[i++];
      v = combine(v, primary(), op === "*" ? (x, y) => x * y : (x, y) => x / y);
    }
    return v;
  };
  const sum = (): Value => {
    let v = product();
    while (tokens[i] === "+" || tokens[i] === "-") {
      const op = tokens[i++];
      v = combine(v, product(), op === "+" ? (x, y) => x + y : (x, y) => x - y);
    }
    return v;
  };
  const v = sum();
  if (i < tokens.length) fail(`unexpected "${tokens[i]}"`);
  return v;
}
