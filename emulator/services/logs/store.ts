// CloudWatch Logs state. Groups and streams live in StateDb maps (written through); events in
// a table of their own in the same SQLite file, indexed by (group, time) and (group, stream,
// time), so filtering a large group reads only its time range. Each PutLogEvents batch is one
// transaction: acknowledged events survive a SIGKILL.
//
// Bounded: a group's retention policy is applied every minute, and the whole table keeps at most
// LOGS_MAX_EVENTS events (default 2,000,000; the oldest ingested go first).
import { join } from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";
import type { ServiceEnv } from "../../core/service.ts";
import type { PersistentMap } from "../../core/state.ts";

export interface LogGroupRecord {
  logGroupName: string;
  creationTime: number;
  retentionInDays?: number;
  kmsKeyId?: string;
  logGroupClass: string;
  tags: Record<string, string>;
}

export interface LogStreamRecord {
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  uploadSequenceToken: string;
  storedBytes: number;
}

export interface EventRow {
  id: number;
  stream: string;
  ts: number;
  ingest: number;
  message: string;
}

export interface EventQuery {
  group: string;
  stream?: string;
  streams?: string[];
  streamPrefix?: string;
  /** Substrings the message must contain (case-sensitive, like filter pattern terms). */
  contains?: string[];
  start?: number;
  /** Inclusive. */
  end?: number;
  /** Strictly after this (ts, id) position... */
  after?: [number, number];
  /** ...or strictly before it. */
  before?: [number, number];
  descending?: boolean;
  limit: number;
}

const SWEEP_MS = 60_000;

export class LogStore {
  readonly groups: PersistentMap<LogGroupRecord>;
  readonly streams: PersistentMap<LogStreamRecord>;
  private db: DatabaseSync;
  private byGroup = new Map<string, Set<string>>();
  private insertStmt: StatementSync;
  private timer: NodeJS.Timeout | undefined;
  private maxEvents: number;

  constructor(env: ServiceEnv) {
    this.groups = env.state.map<LogGroupRecord>("logs.groups");
    this.streams = env.state.map<LogStreamRecord>("logs.streams");
    for (const key of this.streams.keys()) {
      const [g, s] = splitStreamKey(key);
      this.streamSet(g).add(s);
    }
    this.db = new DatabaseSync(env.dataDir ? join(env.dataDir, "emulator", "state.sqlite") : ":memory:");
    this.db.exec(`PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=2000;
      CREATE TABLE IF NOT EXISTS logs_events (id INTEGER PRIMARY KEY, gkey TEXT NOT NULL, stream TEXT NOT NULL,
        ts INTEGER NOT NULL, ingest INTEGER NOT NULL, message TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS logs_events_by_group ON logs_events (gkey, ts, id);
      CREATE INDEX IF NOT EXISTS logs_events_by_stream ON logs_events (gkey, stream, ts, id);`);
    this.insertStmt = this.db.prepare("INSERT INTO logs_events (gkey, stream, ts, ingest, message) VALUES (?, ?, ?, ?, ?)");
    this.maxEvents = Number(process.env.LOGS_MAX_EVENTS ?? 2_000_000);
  }

  start() {
    this.timer ??= setInterval(() => this.sweep(), SWEEP_MS).unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.db.close();
  }

  clear() {
    this.byGroup.clear();
    this.groups.dropAll();
    this.streams.dropAll();
    this.db.exec("DELETE FROM logs_events");
  }

  private streamSet(groupKey: string): Set<string> {
    const s = this.byGroup.get(groupKey) ?? new Set<string>();
    this.byGroup.set(groupKey, s);
    return s;
  }

  streamNames(groupKey: string): string[] {
    return [...(this.byGroup.get(groupKey) ?? [])];
  }

  putStream(groupKey: string, rec: LogStreamRecord) {
    this.streams.set(streamKey(groupKey, rec.logStreamName), rec);
    this.streamSet(groupKey).add(rec.logStreamName);
  }

  deleteStream(groupKey: string, name: string) {
    this.streams.delete(streamKey(groupKey, name));
    this.byGroup.get(groupKey)?.delete(name);
    this.db.prepare("DELETE FROM logs_events WHERE gkey = ? AND stream = ?").run(groupKey, name);
  }

  deleteGroup(groupKey: string) {
    for (const s of this.streamNames(groupKey)) this.streams.delete(streamKey(groupKey, s));
    this.byGroup.delete(groupKey);
    this.groups.delete(groupKey);
    this.db.prepare("DELETE FROM logs_events WHERE gkey = ?").run(groupKey);
  }

  /** Inserts a batch in one transaction. */
  insert(groupKey: string, stream: string, events: { timestamp: number; message: string }[], ingest: number) {
    this.db.exec("BEGIN");
    try {
      for (const e of events) this.insertStmt.run(groupKey, stream, e.timestamp, ingest, e.message);
      this.db.exec("COMMIT");
    } catch (err) {
      this.db.exec("ROLLBACK");
      throw err;
    }
  }

  /** Events in (ts, id) order (or reverse), filtered in SQL by group, streams, time and cursor. */
  query(q: EventQuery): EventRow[] {
    const where = ["gkey = ?"];
    const args: (string | number)[] = [q.group];
    const and = (clause: string, ...values: (string | number)[]) => {
      where.push(clause);
      args.push(...values);
    };
    if (q.stream !== undefined) and("stream = ?", q.stream);
    if (q.streams?.length) and(`stream IN (${q.streams.map(() => "?").join(",")})`, ...q.streams);
    if (q.streamPrefix) and("substr(stream, 1, ?) = ?", q.streamPrefix.length, q.streamPrefix);
    for (const c of q.contains ?? []) and("instr(message, ?) > 0", c);
    if (q.start !== undefined) and("ts >= ?", q.start);
    if (q.end !== undefined) and("ts <= ?", q.end);
    if (q.after) and("(ts > ? OR (ts = ? AND id > ?))", q.after[0], q.after[0], q.after[1]);
    if (q.before) and("(ts < ? OR (ts = ? AND id < ?))", q.before[0], q.before[0], q.before[1]);
    const dir = q.descending ? "DESC" : "ASC";
    const sql = `SELECT id, stream, ts, ingest, message FROM logs_events WHERE ${where.join(" AND ")} ORDER BY ts ${dir}, id ${dir} LIMIT ?`;
    return this.db.prepare(sql).all(...args, q.limit) as unknown as EventRow[];
  }

  /** Applies retention policies and the global cap. */
  sweep(now = Date.now()) {
    for (const [key, g] of this.groups.entries()) {
      if (g.retentionInDays) this.db.prepare("DELETE FROM logs_events WHERE gkey = ? AND ts < ?").run(key, now - g.retentionInDays * 86400_000);
    }
    const max = (this.db.prepare("SELECT max(id) AS m FROM logs_events").get() as { m: number | null }).m;
    if (max !== null && max > this.maxEvents) this.db.prepare("DELETE FROM logs_events WHERE id <= ?").run(max - this.maxEvents);
  }
}

/** Group names cannot contain ":", so it separates group key and stream name. */
export const streamKey = (groupKey: string, stream: string) => `${groupKey}:${stream}`;
function splitStreamKey(key: string): [string, string] {
  const i = key.indexOf(":");
  return [key.slice(0, i), key.slice(i + 1)];
}
