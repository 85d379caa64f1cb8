// The shared breaker item in DynamoDB. Every write is a PutItem conditional on the version
// that was read, so every task and every Lambda sees one state; on a conflict the writer
// re-reads and applies its transition again (optimistic concurrency).
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithItems.html#WorkingWithItems.ConditionalUpdate
import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { BREAKER_STATES, TABLES } from "../../lib/lab/contract.ts";
import { awsClientConfig, type Env } from "./aws.ts";
import { type BreakerConfig, type BreakerItem, initialItem, LAB_BREAKER_CONFIG, type Outcome } from "./breaker.ts";
import { errorFields, type Logger } from "./log.ts";

export type BreakerOp<O extends Outcome> = (item: BreakerItem, now: number) => O;

export interface BreakerStore {
  /** The stored item, or a fresh CLOSED one (version 0) when there is none. */
  read(service: string): Promise<BreakerItem>;
  /**
   * Applies a pure transition to the shared item and stores it if it changed. `known` is an
   * item read earlier (saves a read; a stale one only costs a retry).
   */
  apply<O extends Outcome>(service: string, op: BreakerOp<O>, known?: BreakerItem): Promise<O>;
}

export class BreakerConflictError extends Error {
  name = "BreakerConflictError";
}

/** Fills what a foreign or older writer left out, so the pure functions always get a whole item. */
export function normalizeItem(raw: Record<string, unknown>, service: string, defaults: BreakerConfig): BreakerItem {
  const base = initialItem(service, defaults, 0);
  const num = (v: unknown, d: number) => (typeof v === "number" && Number.isFinite(v) ? v : d);
  const numOrNull = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  const cfg = (raw.config ?? {}) as Partial<BreakerConfig>;
  const config: BreakerConfig = {
    failureThreshold: num(cfg.failureThreshold, defaults.failureThreshold),
    windowMs: num(cfg.windowMs, defaults.windowMs),
    openMs: num(cfg.openMs, defaults.openMs),
    successThreshold: num(cfg.successThreshold, defaults.successThreshold),
    ...(typeof cfg.volumeThreshold === "number" ? { volumeThreshold: cfg.volumeThreshold } : {}),
    ...(typeof cfg.errorPercentThreshold === "number" ? { errorPercentThreshold: cfg.errorPercentThreshold } : {}),
  };
  const state = BREAKER_STATES.includes(raw.state as BreakerItem["state"]) ? (raw.state as BreakerItem["state"]) : "CLOSED";
  return {
    service_name: service,
    state,
    failure_count: num(raw.failure_count, 0),
    success_count: num(raw.success_count, 0),
    window_started_at: num(raw.window_started_at, base.window_started_at),
    opened_at: numOrNull(raw.opened_at),
    retry_at: numOrNull(raw.retry_at),
    config,
    version: num(raw.version, 0),
  };
}

export interface DynamoBreakerStoreOptions {
  tableName?: string;
  client?: DynamoDBDocumentClient;
  defaultConfig?: BreakerConfig;
  clock?: () => number;
  /** Attempts before giving up on a hot item. */
  maxAttempts?: number;
  /**
   * How long a read may be reused by `read` and `apply` (0: every call reads). Concurrent
   * reads share one request either way. A reused item only risks a conditional-write conflict,
   * which re-reads, so the shared state stays exact; what another writer (a Lambda, the
   * console) changed is seen at most this much later.
   */
  readCacheMs?: number;
}

export function documentClient(config: ConstructorParameters<typeof DynamoDBClient>[0] = awsClientConfig()): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), { marshallOptions: { removeUndefinedValues: true } });
}

export class DynamoBreakerStore implements BreakerStore {
  readonly tableName: string;
  readonly client: DynamoDBDocumentClient;
  readonly defaultConfig: BreakerConfig;
  readonly clock: () => number;
  readonly maxAttempts: number;
  readonly readCacheMs: number;
  private cache = new Map<string, { item: BreakerItem; at: number }>();
  private reading = new Map<string, Promise<BreakerItem>>();

  constructor(options: DynamoBreakerStoreOptions = {}) {
    this.tableName = options.tableName ?? TABLES.circuitBreakerState;
    this.client = options.client ?? documentClient();
    this.defaultConfig = options.defaultConfig ?? LAB_BREAKER_CONFIG;
    this.clock = options.clock ?? Date.now;
    this.maxAttempts = options.maxAttempts ?? 25;
    this.readCacheMs = options.readCacheMs ?? 0;
  }

  /** The item, from a read younger than `readCacheMs` unless `fresh`; concurrent reads share one GetItem. */
  read(service: string, fresh = false): Promise<BreakerItem> {
    const hit = this.cache.get(service);
    if (!fresh && hit && performance.now() - hit.at < this.readCacheMs) return Promise.resolve(hit.item);
    let p = this.reading.get(service);
    if (!p) {
      const at = performance.now();
      p = this.client
        .send(new GetCommand({ TableName: this.tableName, Key: { service_name: service }, ConsistentRead: true }))
        .then((out) => {
          const item = out.Item ? normalizeItem(out.Item, service, this.defaultConfig) : initialItem(service, this.defaultConfig, this.clock());
          this.remember(item, at);
          return item;
        })
        .finally(() => this.reading.delete(service));
      this.reading.set(service, p);
    }
    return p;
  }

  private remember(item: BreakerItem, at = performance.now()) {
    if (this.readCacheMs) this.cache.set(item.service_name, { item, at });
  }

  async apply<O extends Outcome>(service: string, op: BreakerOp<O>, known?: BreakerItem): Promise<O> {
    let item = known ?? (await this.read(service));
    for (let attempt = 1; ; attempt++) {
      const out = op(item, this.clock());
      if (out.item.version === item.version) return out;
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: out.item,
            // A never-stored item (version 0) may also have been stored by someone else as version 0.
            ConditionExpression: item.version === 0 ? "attribute_not_exists(service_name) OR #version = :version" : "#version = :version",
            ExpressionAttributeNames: { "#version": "version" },
            ExpressionAttributeValues: { ":version": item.version },
          }),
        );
        this.remember(out.item);
        return out;
      } catch (e) {
        if (!(e instanceof ConditionalCheckFailedException) && (e as Error).name !== "ConditionalCheckFailedException") throw e;
        if (attempt >= this.maxAttempts) throw new BreakerConflictError(`${service}: gave up after ${attempt} conflicting writes`);
        // Jittered exponential backoff: under load many tasks race for the same item.
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(100, 2 ** attempt)));
        item = await this.read(service, true);
      }
    }
  }
}

/** A process-local store: tests, and the fallback while DynamoDB is unreachable. */
export class MemoryBreakerStore implements BreakerStore {
  readonly items = new Map<string, BreakerItem>();
  readonly defaultConfig: BreakerConfig;
  readonly clock: () => number;
  constructor(defaultConfig: BreakerConfig = LAB_BREAKER_CONFIG, clock: () => number = Date.now) {
    this.defaultConfig = defaultConfig;
    this.clock = clock;
  }

  async read(service: string): Promise<BreakerItem> {
    return this.items.get(service) ?? initialItem(service, this.defaultConfig, this.clock());
  }

  async apply<O extends Outcome>(service: string, op: BreakerOp<O>): Promise<O> {
    const out = op(await this.read(service), this.clock());
    this.items.set(service, out.item);
    return out;
  }

  remember(item: BreakerItem) {
    this.items.set(item.service_name, item);
  }
}

/**
 * DynamoDB first; while it fails (the table is not deployed yet, the endpoint is down), the
 * process keeps a breaker of its own so the service still protects itself, and says so.
 */
export class ResilientBreakerStore implements BreakerStore {
  degraded = false;
  readonly primary: BreakerStore;
  readonly log: Logger;
  readonly local: MemoryBreakerStore;

  constructor(primary: BreakerStore, log: Logger, defaultConfig: BreakerConfig = LAB_BREAKER_CONFIG, clock: () => number = Date.now) {
    this.primary = primary;
    this.log = log;
    this.local = new MemoryBreakerStore(defaultConfig, clock);
  }

  async read(service: string): Promise<BreakerItem> {
    try {
      const item = await this.primary.read(service);
      this.recovered();
      this.local.remember(item);
      return item;
    } catch (e) {
      this.fellBack(e);
      return this.local.read(service);
    }
  }

  async apply<O extends Outcome>(service: string, op: BreakerOp<O>, known?: BreakerItem): Promise<O> {
    if (!this.degraded) {
      try {
        const out = await this.primary.apply(service, op, known);
        this.local.remember(out.item);
        return out;
      } catch (e) {
        if (e instanceof BreakerConflictError) throw e;
        this.fellBack(e);
      }
      return this.local.apply(service, op);
    }
    // While degraded, try the table again (it may have been deployed meanwhile).
    try {
      const out = await this.primary.apply(service, op);
      this.recovered();
      this.local.remember(out.item);
      return out;
    } catch (e) {
      this.fellBack(e);
      return this.local.apply(service, op);
    }
  }

  private fellBack(e: unknown) {
    this.degraded = true;
    this.log.warnEvery("breaker-store", 30_000, "circuit-breaker-state unreachable; using a process-local breaker", errorFields(e));
  }

  private recovered() {
    if (!this.degraded) return;
    this.degraded = false;
    this.log.info("circuit-breaker-state reachable again; breaker state is shared");
  }
}

/** The thresholds from the Lambdas' environment (the resilience stack's parameters). */
export function breakerConfigFromEnv(env: Env = process.env, defaults: BreakerConfig = LAB_BREAKER_CONFIG): BreakerConfig {
  const n = (name: string, d: number, scale = 1) => {
    const v = Number(env[name]);
    return env[name] && Number.isFinite(v) && v > 0 ? v * scale : d;
  };
  return {
    failureThreshold: n("BREAKER_FAILURE_THRESHOLD", defaults.failureThreshold),
    windowMs: n("BREAKER_WINDOW_SECONDS", defaults.windowMs, 1000),
    openMs: n("BREAKER_OPEN_SECONDS", defaults.openMs, 1000),
    successThreshold: n("BREAKER_SUCCESS_THRESHOLD", defaults.successThreshold),
  };
}
