// CloudWatch state: metrics (MetricStore), alarms and dashboards (StateDb maps, written through),
// and alarm history (a table of its own in the same SQLite file, kept two weeks like AWS).
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { AlarmHistoryItem, HistoryItemType, MetricAlarm, Tag } from "@aws-sdk/client-cloudwatch";
import type { ServiceEnv } from "../../core/service.ts";
import type { PersistentMap } from "../../core/state.ts";
import { MetricStore } from "./metrics.ts";

/** A stored alarm: the SDK's MetricAlarm plus its tags. Dates are kept as Dates in memory. */
export interface AlarmRecord extends MetricAlarm {
  AlarmName: string;
  Tags?: Tag[];
}

export interface DashboardRecord {
  DashboardName: string;
  DashboardArn: string;
  DashboardBody: string;
  LastModified: string;
  Tags?: Tag[];
}

const HISTORY_RETENTION_MS = 14 * 86400_000;
const DATE_FIELDS = ["AlarmConfigurationUpdatedTimestamp", "StateUpdatedTimestamp", "StateTransitionedTimestamp"] as const;

function reviveAlarm(v: any): AlarmRecord {
  for (const f of DATE_FIELDS) if (v[f]) v[f] = new Date(v[f]);
  return v;
}

/** Opens the emulator's SQLite file (or memory when ephemeral) for tables of this service's own. */
export function openServiceDb(env: ServiceEnv): DatabaseSync {
  const db = new DatabaseSync(env.dataDir ? join(env.dataDir, "emulator", "state.sqlite") : ":memory:");
  db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=2000;");
  return db;
}

export class AlarmHistory {
  private db: DatabaseSync;
  constructor(db: DatabaseSync) {
    this.db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS cw_alarm_history (id INTEGER PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL,
      alarm TEXT NOT NULL, type TEXT NOT NULL, ts INTEGER NOT NULL, item TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS cw_alarm_history_by_time ON cw_alarm_history (account, region, ts);`);
  }

  add(account: string, region: string, item: AlarmHistoryItem & { AlarmName: string; HistoryItemType: HistoryItemType; Timestamp: Date }) {
    this.db
      .prepare("INSERT INTO cw_alarm_history (account, region, alarm, type, ts, item) VALUES (?, ?, ?, ?, ?, ?)")
      .run(account, region, item.AlarmName, item.HistoryItemType, item.Timestamp.getTime(), JSON.stringify(item));
  }

  query(account: string, region: string, f: { alarm?: string; type?: string; start?: number; end?: number; descending: boolean }): AlarmHistoryItem[] {
    let sql = "SELECT item FROM cw_alarm_history WHERE account = ? AND region = ? AND ts >= ? AND ts <= ?";
    const args: (string | number)[] = [account, region, f.start ?? 0, f.end ?? Number.MAX_SAFE_INTEGER];
    if (f.alarm) {
      sql += " AND alarm = ?";
      args.push(f.alarm);
    }
    if (f.type) {
      sql += " AND type = ?";
      args.push(f.type);
    }
    sql += ` ORDER BY ts ${f.descending ? "DESC" : "ASC"}, id ${f.descending ? "DESC" : "ASC"}`;
    return (this.db.prepare(sql).all(...args) as { item: string }[]).map((r) => {
      const item = JSON.parse(r.item);
      item.Timestamp = new Date(item.Timestamp);
      return item;
    });
  }

  deleteAlarm(account: string, region: string, alarm: string) {
    this.db.prepare("DELETE FROM cw_alarm_history WHERE account = ? AND region = ? AND alarm = ?").run(account, region, alarm);
  }

  expire(now = Date.now()) {
    this.db.prepare("DELETE FROM cw_alarm_history WHERE ts < ?").run(now - HISTORY_RETENTION_MS);
  }

  clear() {
    this.db.exec("DELETE FROM cw_alarm_history");
  }
}

export interface CloudWatchStore {
  db: DatabaseSync;
  metrics: MetricStore;
  alarms: PersistentMap<AlarmRecord>;
  dashboards: PersistentMap<DashboardRecord>;
  history: AlarmHistory;
}

export function createStore(env: ServiceEnv): CloudWatchStore {
  const db = openServiceDb(env);
  return {
    db,
    metrics: new MetricStore(db),
    alarms: env.state.map<AlarmRecord>("cloudwatch.alarms", reviveAlarm),
    dashboards: env.state.map<DashboardRecord>("cloudwatch.dashboards"),
    history: new AlarmHistory(db),
  };
}

/** Alarms of one account and region, sorted by name as DescribeAlarms returns them. */
export function alarmsIn(store: CloudWatchStore, account: string, region: string): AlarmRecord[] {
  const prefix = `${account}/${region}/`;
  const out: AlarmRecord[] = [];
  for (const [k, a] of store.alarms.entries()) if (k.startsWith(prefix)) out.push(a);
  return out.sort((a, b) => (a.AlarmName < b.AlarmName ? -1 : a.AlarmName > b.AlarmName ? 1 : 0));
}

/** Dashboards are global per account in AWS; they are keyed by account only. */
export const dashboardKey = (account: string, name: string) => `${account}/global/${name}`;
