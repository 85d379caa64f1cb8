// Metric datapoints, held in memory as time buckets per metric and persisted to SQLite.
//
// Resolution follows AWS's retention schedule, shortened to what a lab needs
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#metrics-retention):
//   - 1-second buckets for the last 3 hours (high-resolution data),
//   - 1-minute buckets for 15 days.
// Older data is dropped, so memory per metric is bounded (at most 10,800 + 21,600 buckets).
//
// Durability: changed buckets are written in one transaction every FLUSH_MS (and on stop), so
// a SIGKILL loses at most the last ~second of PutMetricData. Alarms, dashboards and history are
// written through at once.
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { Dimension } from "@aws-sdk/client-cloudwatch";
import { type Bucket, emptyBucket, mergeBucket } from "./statistics.ts";

export const FINE_RETENTION_S = 3 * 3600;
export const COARSE_RETENTION_S = 15 * 86400;
/** AWS accepts datapoints up to two weeks old and two hours in the future. */
export const MAX_PAST_S = 14 * 86400;
export const MAX_FUTURE_S = 2 * 3600;
const FLUSH_MS = 1000;
const COMPACT_MS = 60_000;

export interface MetricId {
  Namespace: string;
  MetricName: string;
  Dimensions: Dimension[];
}

export interface Series extends MetricId {
  id: number;
  account: string;
  region: string;
  /** Seconds since epoch → 1-second bucket. */
  fine: Map<number, Bucket>;
  /** Minute start (seconds) → 1-minute bucket. */
  coarse: Map<number, Bucket>;
  lastPut: number;
}

const sortDims = (dims: Dimension[] | undefined): Dimension[] =>
  [...(dims ?? [])].map((d) => ({ Name: d.Name, Value: d.Value })).sort((a, b) => (a.Name! < b.Name! ? -1 : a.Name! > b.Name! ? 1 : 0));

export const seriesKey = (account: string, region: string, m: { Namespace?: string; MetricName?: string; Dimensions?: Dimension[] }) =>
  JSON.stringify([account, region, m.Namespace, m.MetricName, sortDims(m.Dimensions).map((d) => [d.Name, d.Value])]);

export class MetricStore {
  private db: DatabaseSync;
  private series = new Map<string, Series>();
  private byId = new Map<number, Series>();
  private dirty = new Set<string>();
  private dirtySeries = new Set<Series>();
  private nextId = 1;
  private timers: NodeJS.Timeout[] = [];
  private stmt: { upsertSeries: StatementSync; deleteSeries: StatementSync; upsert: StatementSync; remove: StatementSync };

  constructor(db: DatabaseSync) {
    this.db = db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS cw_series (id INTEGER PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL,
        namespace TEXT NOT NULL, name TEXT NOT NULL, dims TEXT NOT NULL, last_put INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS cw_points (series INTEGER NOT NULL, res INTEGER NOT NULL, ts INTEGER NOT NULL,
        n REAL NOT NULL, sum REAL NOT NULL, min REAL NOT NULL, max REAL NOT NULL, unit TEXT NOT NULL, vals TEXT,
        PRIMARY KEY (series, res, ts)) WITHOUT ROWID;`);
    this.stmt = {
      upsertSeries: db.prepare(
        "INSERT INTO cw_series (id, account, region, namespace, name, dims, last_put) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET last_put = excluded.last_put",
      ),
      deleteSeries: db.prepare("DELETE FROM cw_series WHERE id = ?"),
      upsert: db.prepare(
        "INSERT INTO cw_points (series, res, ts, n, sum, min, max, unit, vals) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(series, res, ts) DO UPDATE SET n = excluded.n, sum = excluded.sum, min = excluded.min, max = excluded.max, unit = excluded.unit, vals = excluded.vals",
      ),
      remove: db.prepare("DELETE FROM cw_points WHERE series = ? AND res = ? AND ts = ?"),
    };
    this.load();
  }

  private load() {
    for (const r of this.db.prepare("SELECT * FROM cw_series").all() as any[]) {
      const s: Series = { id: r.id, account: r.account, region: r.region, Namespace: r.namespace, MetricName: r.name, Dimensions: JSON.parse(r.dims), fine: new Map(), coarse: new Map(), lastPut: r.last_put };
      this.series.set(seriesKey(s.account, s.region, s), s);
      this.byId.set(s.id, s);
      this.nextId = Math.max(this.nextId, s.id + 1);
    }
    for (const r of this.db.prepare("SELECT * FROM cw_points").all() as any[]) {
      const s = this.byId.get(r.series);
      if (!s) continue;
      const b: Bucket = { n: r.n, sum: r.sum, min: r.min, max: r.max, unit: r.unit, vals: r.vals ? JSON.parse(r.vals) : undefined };
      (r.res === 1 ? s.fine : s.coarse).set(r.ts, b);
    }
  }

  start() {
    this.timers.push(setInterval(() => this.flush(), FLUSH_MS).unref(), setInterval(() => this.compact(), COMPACT_MS).unref());
  }

  stop() {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.flush();
  }

  clear() {
    this.series.clear();
    this.byId.clear();
    this.dirty.clear();
    this.dirtySeries.clear();
    this.db.exec("DELETE FROM cw_points; DELETE FROM cw_series;");
  }

  /** Adds a bucket of samples at `ts` (epoch seconds) to a metric, creating the metric on first use. */
  put(account: string, region: string, metric: MetricId, ts: number, bucket: Bucket) {
    const key = seriesKey(account, region, metric);
    let s = this.series.get(key);
    const now = Math.floor(Date.now() / 1000);
    if (!s) {
      s = { id: this.nextId++, account, region, Namespace: metric.Namespace, MetricName: metric.MetricName, Dimensions: sortDims(metric.Dimensions), fine: new Map(), coarse: new Map(), lastPut: now };
      this.series.set(key, s);
      this.byId.set(s.id, s);
    }
    s.lastPut = now;
    this.dirtySeries.add(s);
    const fine = ts >= now - FINE_RETENTION_S;
    const slot = fine ? ts : ts - (ts % 60);
    const map = fine ? s.fine : s.coarse;
    const existing = map.get(slot);
    map.set(slot, existing ? mergeBucket(existing, bucket) : mergeBucket(emptyBucket(bucket.unit, Boolean(bucket.vals)), bucket));
    this.dirty.add(`${s.id}:${fine ? 1 : 60}:${slot}`);
  }

  get(account: string, region: string, metric: Partial<MetricId>): Series | undefined {
    return this.series.get(seriesKey(account, region, metric));
  }

  list(account: string, region: string): Series[] {
    const out: Series[] = [];
    for (const s of this.series.values()) if (s.account === account && s.region === region) out.push(s);
    return out;
  }

  /** Buckets of a series with start <= ts < end (epoch seconds), as [ts, bucket] pairs. */
  *buckets(s: Series, start: number, end: number): Generator<[number, Bucket]> {
    // Walk by second when the range is small, otherwise walk the map.
    if (end - start <= s.fine.size) {
      for (let t = start; t < end; t++) {
        const b = s.fine.get(t);
        if (b) yield [t, b];
      }
    } else {
      for (const e of s.fine) if (e[0] >= start && e[0] < end) yield e;
    }
    if (s.coarse.size && start < Math.floor(Date.now() / 1000) - FINE_RETENTION_S + 60) {
      for (const e of s.coarse) if (e[0] >= start && e[0] < end) yield e;
    }
  }

  /** Writes changed buckets in one transaction. */
  flush() {
    if (!this.dirty.size && !this.dirtySeries.size) return;
    const keys = [...this.dirty];
    const series = [...this.dirtySeries];
    this.dirty.clear();
    this.dirtySeries.clear();
    this.db.exec("BEGIN");
    try {
      for (const s of series) {
        if (this.byId.has(s.id)) this.stmt.upsertSeries.run(s.id, s.account, s.region, s.Namespace, s.MetricName, JSON.stringify(s.Dimensions), s.lastPut);
      }
      for (const k of keys) {
        const [id, res, ts] = k.split(":").map(Number);
        const s = this.byId.get(id);
        const b = s && (res === 1 ? s.fine : s.coarse).get(ts);
        if (b) this.stmt.upsert.run(id, res, ts, b.n, b.sum, b.min, b.max, b.unit, b.vals ? JSON.stringify(b.vals) : null);
        else this.stmt.remove.run(id, res, ts);
      }
      this.db.exec("COMMIT");
    } catch (e) {
      this.db.exec("ROLLBACK");
      throw e;
    }
  }

  /** Folds 1-second buckets older than 3 h into minutes and drops what is past retention. */
  compact(now = Math.floor(Date.now() / 1000)) {
    for (const s of this.series.values()) {
      for (const [ts, b] of s.fine) {
        if (ts >= now - FINE_RETENTION_S) continue;
        s.fine.delete(ts);
        this.dirty.add(`${s.id}:1:${ts}`);
        const slot = ts - (ts % 60);
        const m = s.coarse.get(slot);
        s.coarse.set(slot, m ? mergeBucket(m, b) : b);
        this.dirty.add(`${s.id}:60:${slot}`);
      }
      for (const ts of s.coarse.keys()) {
        if (ts < now - COARSE_RETENTION_S) {
          s.coarse.delete(ts);
          this.dirty.add(`${s.id}:60:${ts}`);
        }
      }
      if (!s.fine.size && !s.coarse.size && s.lastPut < now - COARSE_RETENTION_S) {
        this.series.delete(seriesKey(s.account, s.region, s));
        this.byId.delete(s.id);
        this.stmt.deleteSeries.run(s.id);
      }
    }
    this.flush();
  }
}
