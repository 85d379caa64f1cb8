// The service graph: one node per service, an edge per caller -> callee pair, with X-Ray's
// summary statistics and histograms.
// https://docs.aws.amazon.com/xray/latest/api/API_GetServiceGraph.html
import type { Edge, HistogramEntry, Service, ServiceStatistics } from "@aws-sdk/client-xray";
import { type NodeId, nodeKey, type Outcome, outcome, type SegmentDoc, type TraceView } from "./segments.ts";

class Stats {
  ok = 0;
  errorOther = 0;
  throttle = 0;
  fault = 0;
  total = 0;
  responseTime = 0;
  histogram = new Map<number, number>();
  start = Number.POSITIVE_INFINITY;
  end = Number.NEGATIVE_INFINITY;

  add(doc: SegmentDoc): void {
    const o: Outcome = outcome(doc);
    if (o.responseTime === undefined) return; // in progress: not counted yet
    this.total++;
    if (o.fault) this.fault++;
    else if (o.throttle) this.throttle++;
    else if (o.error) this.errorOther++;
    else this.ok++;
    this.responseTime += o.responseTime;
    const bucket = Math.round(o.responseTime * 1000) / 1000;
    this.histogram.set(bucket, (this.histogram.get(bucket) ?? 0) + 1);
    this.start = Math.min(this.start, doc.start_time);
    this.end = Math.max(this.end, doc.end_time ?? doc.start_time);
  }

  summary(): ServiceStatistics {
    return {
      OkCount: this.ok,
      ErrorStatistics: { ThrottleCount: this.throttle, OtherCount: this.errorOther, TotalCount: this.throttle + this.errorOther },
      FaultStatistics: { OtherCount: this.fault, TotalCount: this.fault },
      TotalCount: this.total,
      TotalResponseTime: round(this.responseTime),
    };
  }

  histogramEntries(): HistogramEntry[] {
    return [...this.histogram].sort((a, b) => a[0] - b[0]).map(([Value, Count]) => ({ Value, Count }));
  }

  times(): { StartTime?: Date; EndTime?: Date } {
    if (this.total === 0) return {};
    return { StartTime: new Date(this.start * 1000), EndTime: new Date(this.end * 1000) };
  }
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

export function buildServiceGraph(traces: TraceView[], accountId: string): Service[] {
  const nodes = new Map<string, { node: NodeId; root: boolean; stats: Stats; edges: Map<string, Stats> }>();
  const nodeFor = (n: NodeId) => {
    const k = nodeKey(n);
    let e = nodes.get(k);
    if (!e) {
      e = { node: n, root: false, stats: new Stats(), edges: new Map() };
      nodes.set(k, e);
    }
    return e;
  };
  for (const t of traces) {
    for (const { node, docs, root } of t.nodes) {
      const e = nodeFor(node);
      e.root ||= root;
      for (const d of docs) e.stats.add(d);
    }
    for (const call of t.calls) {
      const from = nodeFor(call.from);
      nodeFor(call.to);
      const k = nodeKey(call.to);
      const edge = from.edges.get(k) ?? new Stats();
      edge.add(call.doc);
      from.edges.set(k, edge);
    }
  }
  const ids = new Map([...nodes.keys()].map((k, i) => [k, i]));
  return [...nodes.entries()].map(([k, e]): Service => {
    const edges: Edge[] = [...e.edges].map(([to, s]) => ({
      ReferenceId: ids.get(to),
      ...s.times(),
      SummaryStatistics: s.summary(),
      ResponseTimeHistogram: s.histogramEntries(),
      Aliases: [],
    }));
    return {
      ReferenceId: ids.get(k),
      Name: e.node.name,
      Names: [e.node.name],
      Root: e.root,
      AccountId: e.node.type === "remote" ? undefined : (e.node.accountId ?? accountId),
      Type: e.node.type,
      State: "active",
      ...e.stats.times(),
      Edges: edges,
      SummaryStatistics: e.stats.summary(),
      DurationHistogram: e.stats.histogramEntries(),
      ResponseTimeHistogram: e.stats.histogramEntries(),
    };
  });
}
