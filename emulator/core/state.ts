// Persistence for the written-here services: a key/value table per namespace in SQLite
// (node:sqlite). Each namespace is held in memory and written through on every change, so
// reads never touch the disk and a SIGKILL loses nothing that was acknowledged.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";

export class StateDb {
  private db: DatabaseSync;
  private upsert: StatementSync;
  private remove: StatementSync;
  private maps = new Map<string, PersistentMap<any>>();

  /** `file` undefined means in-memory (ephemeral mode). */
  constructor(file?: string) {
    if (file) mkdirSync(dirname(file), { recursive: true });
    this.db = new DatabaseSync(file ?? ":memory:");
    this.db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    this.db.exec("CREATE TABLE IF NOT EXISTS kv (ns TEXT NOT NULL, k TEXT NOT NULL, v TEXT NOT NULL, PRIMARY KEY (ns, k))");
    this.upsert = this.db.prepare("INSERT INTO kv (ns, k, v) VALUES (?, ?, ?) ON CONFLICT(ns, k) DO UPDATE SET v = excluded.v");
    this.remove = this.db.prepare("DELETE FROM kv WHERE ns = ? AND k = ?");
  }

  /** A persistent map for one namespace, e.g. "cloudwatch.alarms". Values must be JSON-serialisable. */
  map<T>(ns: string, revive?: (value: any) => T): PersistentMap<T> {
    let m = this.maps.get(ns);
    if (!m) {
      const rows = this.db.prepare("SELECT k, v FROM kv WHERE ns = ?").all(ns) as { k: string; v: string }[];
      const initial = new Map<string, T>();
      for (const r of rows) {
        const parsed = JSON.parse(r.v);
        initial.set(r.k, revive ? revive(parsed) : parsed);
      }
      m = new PersistentMap<T>(initial, (k, v) => {
        if (v === undefined) this.remove.run(ns, k);
        else this.upsert.run(ns, k, JSON.stringify(v));
      });
      this.maps.set(ns, m);
    }
    return m;
  }

  /** Runs `fn` (synchronous) as one transaction: many writes, one commit. */
  batch<T>(fn: () => T): T {
    if (this.db.isTransaction) return fn();
    this.db.exec("BEGIN");
    try {
      const out = fn();
      this.db.exec("COMMIT");
      return out;
    } catch (e) {
      this.db.exec("ROLLBACK");
      throw e;
    }
  }

  /** Empty one namespace or, with no argument, everything. */
  clear(ns?: string): void {
    if (ns) {
      this.db.prepare("DELETE FROM kv WHERE ns = ?").run(ns);
      this.maps.get(ns)?.dropAll();
    } else {
      this.db.exec("DELETE FROM kv");
      for (const m of this.maps.values()) m.dropAll();
    }
  }

  close(): void {
    this.db.close();
  }
}

export class PersistentMap<T> {
  private data: Map<string, T>;
  private write: (key: string, value: T | undefined) => void;

  constructor(data: Map<string, T>, write: (key: string, value: T | undefined) => void) {
    this.data = data;
    this.write = write;
  }

  get size() {
    return this.data.size;
  }
  get(key: string): T | undefined {
    return this.data.get(key);
  }
  has(key: string): boolean {
    return this.data.has(key);
  }
  /** Stores the value; call again after mutating a stored object to persist the change. */
  set(key: string, value: T): T {
    this.data.set(key, value);
    this.write(key, value);
    return value;
  }
  delete(key: string): boolean {
    const had = this.data.delete(key);
    if (had) this.write(key, undefined);
    return had;
  }
  keys() {
    return this.data.keys();
  }
  values() {
    return this.data.values();
  }
  entries() {
    return this.data.entries();
  }
  /** Forget everything in memory (the table rows are removed by StateDb.clear). */
  dropAll(): void {
    this.data.clear();
  }
}

/** Store keys are scoped by account and region, as AWS scopes resources. */
export const scopedKey = (ctx: { accountId: string; region: string }, name: string) => `${ctx.accountId}/${ctx.region}/${name}`;
