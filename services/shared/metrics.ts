// CloudWatch metrics in the lab's namespace, batched: requests are aggregated in memory and
// sent every few seconds as one PutMetricData, with StorageResolution 1 (high resolution) so
// the 10 s alarms and the console's 1 s charts have data to show.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/publishingMetrics.html#high-resolution-metrics
import { CloudWatchClient, type MetricDatum, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { type BreakerState, METRICS } from "../../lib/lab/contract.ts";
import { awsClientConfig } from "./aws.ts";
import { stateValue } from "./breaker.ts";
import { errorFields, type Logger } from "./log.ts";

export type { MetricDatum };

export interface RequestWindow {
  count: number;
  errors: number;
  /** Latency histogram: bucketed value in ms -> how many requests took that long. */
  latencies: Map<number, number>;
}

export const emptyWindow = (): RequestWindow => ({ count: 0, errors: 0, latencies: new Map() });

/** Two significant digits keep the distinct values per flush small without hiding a p99. */
export function latencyBucket(ms: number): number {
  if (ms < 10) return Math.round(ms * 10) / 10;
  if (ms < 100) return Math.round(ms);
  return Math.round(ms / 10) * 10;
}

// PutMetricData accepts at most 150 distinct values per datum; more are split across datums.
// Values/Counts (rather than a statistic set) let CloudWatch compute p50/p90/p99.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html
const MAX_VALUES = 150;

/** Requests, Errors and Latency of one flush window (dimension Service). */
export function requestDatums(service: string, w: RequestWindow, timestamp: Date): MetricDatum[] {
  if (w.count === 0) return [];
  const Dimensions = [{ Name: "Service", Value: service }];
  const common = { Dimensions, Timestamp: timestamp, StorageResolution: 1 };
  return [
    { ...common, MetricName: METRICS.requests, Unit: "Count", Value: w.count },
    { ...common, MetricName: METRICS.errors, Unit: "Count", Value: w.errors },
    ...latencyDatums(w.latencies).map((d) => ({ ...common, MetricName: METRICS.latency, Unit: "Milliseconds" as const, ...d })),
  ];
}

function latencyDatums(latencies: Map<number, number>): { Values: number[]; Counts: number[] }[] {
  const entries = [...latencies.entries()];
  const out: { Values: number[]; Counts: number[] }[] = [];
  for (let i = 0; i < entries.length; i += MAX_VALUES) {
    const chunk = entries.slice(i, i + MAX_VALUES);
    out.push({ Values: chunk.map(([v]) => v), Counts: chunk.map(([, c]) => c) });
  }
  return out;
}

/** CircuitBreakerState (0 closed, 1 half-open, 2 open; dimension ServiceName). */
export function breakerStateDatum(serviceName: string, state: BreakerState, timestamp: Date): MetricDatum {
  return {
    MetricName: METRICS.circuitBreakerState,
    Dimensions: [{ Name: "ServiceName", Value: serviceName }],
    Timestamp: timestamp,
    Unit: "None",
    Value: stateValue(state),
    StorageResolution: 1,
  };
}

/** EventsProcessed per eventType (dimension EventType). */
export function eventsProcessedDatums(counts: Record<string, number>, timestamp: Date): MetricDatum[] {
  return Object.entries(counts).map(([eventType, n]) => ({
    MetricName: METRICS.eventsProcessed,
    Dimensions: [{ Name: "EventType", Value: eventType }],
    Timestamp: timestamp,
    Unit: "Count",
    Value: n,
    StorageResolution: 1,
  }));
}

// PutMetricData takes up to 1000 datums; 20 keeps every implementation happy and is plenty here.
const CHUNK = 20;

export function cloudWatchSender(client = new CloudWatchClient(awsClientConfig())) {
  return async (data: MetricDatum[]) => {
    for (let i = 0; i < data.length; i += CHUNK) {
      await client.send(new PutMetricDataCommand({ Namespace: METRICS.namespace, MetricData: data.slice(i, i + CHUNK) }));
    }
  };
}

export interface MetricsOptions {
  service: string;
  log: Logger;
  send?: (data: MetricDatum[]) => Promise<void>;
  flushMs?: number;
  clock?: () => number;
}

export class Metrics {
  readonly service: string;
  /**
   * One window per second in which requests ended, keyed by epoch second, so each datum carries
   * the second its requests happened in, not the flush time: a request made just before an
   * exercise step started never counts as one made during it.
   */
  private windows = new Map<number, RequestWindow>();
  private extra: MetricDatum[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly send: (data: MetricDatum[]) => Promise<void>;
  private readonly log: Logger;
  private readonly flushMs: number;
  readonly clock: () => number;

  constructor(options: MetricsOptions) {
    this.service = options.service;
    this.log = options.log;
    this.send = options.send ?? cloudWatchSender();
    this.flushMs = options.flushMs ?? 5_000;
    this.clock = options.clock ?? Date.now;
  }

  recordRequest(latencyMs: number, isError: boolean) {
    const second = Math.floor(this.clock() / 1000);
    let w = this.windows.get(second);
    if (!w) {
      w = emptyWindow();
      this.windows.set(second, w);
    }
    w.count++;
    if (isError) w.errors++;
    const bucket = latencyBucket(latencyMs);
    w.latencies.set(bucket, (w.latencies.get(bucket) ?? 0) + 1);
  }

  /** Queues a datum for the next flush. */
  put(...data: MetricDatum[]) {
    this.extra.push(...data);
  }

  /** Sends a datum at once (a breaker transition should not wait for the batch). */
  async putNow(...data: MetricDatum[]): Promise<void> {
    try {
      await this.send(data);
    } catch (e) {
      this.log.warnEvery("metrics", 30_000, "PutMetricData failed; metrics dropped", errorFields(e));
    }
  }

  async flush(): Promise<void> {
    const windows = this.windows;
    this.windows = new Map();
    const data = [...[...windows].flatMap(([second, w]) => requestDatums(this.service, w, new Date(second * 1000))), ...this.extra];
    this.extra = [];
    if (data.length > 0) await this.putNow(...data);
  }

  start(): this {
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
    return this;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
