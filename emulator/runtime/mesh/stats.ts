// Per-edge traffic numbers (source service → destination virtual node or Service Connect
// service): request and 5xx counts plus a minute of latency samples for rates and percentiles.
const WINDOW_MS = 60_000;

interface Sample {
  t: number;
  ms: number;
  error: boolean;
}

export class Edge {
  readonly source: string;
  readonly destination: string;
  readonly kind: "appmesh" | "connect";
  requests = 0;
  errors = 0;
  retries = 0;
  private samples: Sample[] = [];

  constructor(source: string, destination: string, kind: "appmesh" | "connect") {
    this.source = source;
    this.destination = destination;
    this.kind = kind;
  }

  record(status: number, ms: number, retries: number) {
    const error = status >= 500;
    this.requests += 1;
    this.retries += retries;
    if (error) this.errors += 1;
    this.samples.push({ t: Date.now(), ms, error });
    if (this.samples.length > 200_000) this.samples.splice(0, 100_000);
  }

  summary(now = Date.now()) {
    const from = now - WINDOW_MS;
    let i = 0;
    while (i < this.samples.length && this.samples[i].t < from) i++;
    if (i) this.samples.splice(0, i);
    const last10 = this.samples.filter((s) => s.t >= now - 10_000);
    const sorted = this.samples.map((s) => s.ms).sort((a, b) => a - b);
    const pct = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);
    const errors60 = this.samples.filter((s) => s.error).length;
    return {
      source: this.source,
      destination: this.destination,
      kind: this.kind,
      requests: this.requests,
      errors: this.errors,
      retries: this.retries,
      rps10s: round(last10.length / 10),
      rps60s: round(this.samples.length / 60),
      errorPercent: this.samples.length ? round((100 * errors60) / this.samples.length) : 0,
      latencyMs: { p50: round(pct(50)), p90: round(pct(90)), p99: round(pct(99)) },
    };
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
