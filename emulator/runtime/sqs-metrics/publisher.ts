// Publishes the AWS/SQS metrics CloudWatch shows for every queue, sampled every few seconds
// (AWS samples once a minute; a lab wants to see a queue drain).
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html
//
// Gauges come from SQS's own API (ListQueues + GetQueueAttributes). SQS's API exposes no
// sent/received/deleted counts, so NumberOfMessagesSent/Received/Deleted are published from
// cumulative counters at GET /_lab/sqs/counters ({"queues": {"<name>": {"sent": n, "received": n,
// "deleted": n}}}), which the SQS module keeps from fauxqs's message spy. As in AWS, a message
// moved to a dead-letter queue after too many receives is not a send to that queue.
// Everything fails soft: without SQS there is simply nothing to publish.
import type { EmulatorApi } from "../../core/service.ts";
import type { MetricStore } from "../../services/cloudwatch/metrics.ts";
import { bucketFromValues } from "../../services/cloudwatch/statistics.ts";

const GAUGES: Record<string, string> = {
  ApproximateNumberOfMessages: "ApproximateNumberOfMessagesVisible",
  ApproximateNumberOfMessagesNotVisible: "ApproximateNumberOfMessagesNotVisible",
  ApproximateNumberOfMessagesDelayed: "ApproximateNumberOfMessagesDelayed",
};
const COUNTERS: Record<string, string> = { sent: "NumberOfMessagesSent", received: "NumberOfMessagesReceived", deleted: "NumberOfMessagesDeleted" };

type Counters = Record<string, Record<string, number>>;

export interface SqsMetricsOptions {
  api: EmulatorApi;
  metrics: MetricStore;
  intervalMs: number;
  /** The gateway's URL, for the counters route; absent disables counts. */
  selfUrl?: () => string;
  log(message: string, extra?: Record<string, unknown>): void;
}

export class SqsMetricsPublisher {
  private opts: SqsMetricsOptions;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private lastCounters: Counters | undefined;
  private warned = new Set<string>();

  constructor(opts: SqsMetricsOptions) {
    this.opts = opts;
  }

  start() {
    this.timer ??= setInterval(() => void this.sample(), this.opts.intervalMs).unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  reset() {
    this.lastCounters = undefined;
  }

  private warnOnce(key: string, message: string, extra?: Record<string, unknown>) {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.opts.log(message, extra);
  }

  /** One sample of every queue. Safe to call directly (tests, "publish now"). */
  async sample(now = Date.now()) {
    if (this.running) return;
    this.running = true;
    try {
      const ts = Math.floor(now / 1000);
      let urls: string[] = [];
      try {
        const out = await this.opts.api.call<{ QueueUrls?: string[] }>("sqs", "ListQueues", { MaxResults: 1000 });
        urls = out.QueueUrls ?? [];
      } catch (e) {
        return this.warnOnce("sqs", "AWS/SQS metrics paused: SQS is not available", { error: (e as Error).message });
      }
      const counters = await this.readCounters();
      for (const url of urls) {
        try {
          const { Attributes: a = {} } = await this.opts.api.call<{ Attributes?: Record<string, string> }>("sqs", "GetQueueAttributes", {
            QueueUrl: url,
            AttributeNames: ["QueueArn", ...Object.keys(GAUGES)],
          });
          const [, , , region, account, name] = (a.QueueArn ?? "").split(":");
          if (!name) continue;
          const put = (metric: string, value: number) =>
            this.opts.metrics.put(account, region, { Namespace: "AWS/SQS", MetricName: metric, Dimensions: [{ Name: "QueueName", Value: name }] }, ts, bucketFromValues([value], undefined, "Count"));
          for (const [attr, metric] of Object.entries(GAUGES)) if (a[attr] !== undefined) put(metric, Number(a[attr]));
          const cur = counters?.[name];
          if (cur) {
            const prev = this.lastCounters?.[name] ?? {};
            // Counters start at 0 with the emulator (and on reset), so a queue seen for the first time counts from 0.
            for (const [k, metric] of Object.entries(COUNTERS)) if (typeof cur[k] === "number") put(metric, Math.max(0, cur[k] - (prev[k] ?? 0)));
          }
        } catch (e) {
          // A queue deleted between ListQueues and GetQueueAttributes is simply skipped.
          this.warnOnce(`q:${url}`, "AWS/SQS metrics: queue skipped", { queueUrl: url, error: (e as Error).message });
        }
      }
      if (counters) this.lastCounters = counters;
    } finally {
      this.running = false;
    }
  }

  private async readCounters(): Promise<Counters | undefined> {
    const base = this.opts.selfUrl?.();
    if (!base) return undefined;
    try {
      const res = await fetch(`${base}/_lab/sqs/counters`);
      if (!res.ok) {
        await res.body?.cancel();
        this.warnOnce("counters", "AWS/SQS NumberOfMessages* metrics unavailable: no /_lab/sqs/counters route");
        return undefined;
      }
      return ((await res.json()) as { queues?: Counters }).queues;
    } catch {
      return undefined;
    }
  }
}
