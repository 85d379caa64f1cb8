// X-Ray traces, bounded like a short retention window: at most MAX_TRACES traces per
// emulator and none idle longer than MAX_AGE. Persisted through StateDb.
import type { StateDb } from "../../core/state.ts";
import { readTrace, type SegmentDoc, type TraceView } from "./segments.ts";

export const MAX_TRACES = 10_000;
export const MAX_AGE_MS = 60 * 60 * 1000;

export interface TraceRecord {
  accountId: string;
  region: string;
  id: string;
  /** Epoch ms of the last PutTraceSegments that touched this trace. */
  updatedAt: number;
  segments: { Id: string; Document: string }[];
}

interface Scope {
  accountId: string;
  region: string;
}

export class TraceStore {
  readonly traces;
  private state: StateDb;
  /** Parsed views, rebuilt when a trace changes. */
  private views = new Map<string, { record: TraceRecord; view: TraceView; docs: SegmentDoc[] }>();
  private lastPrune = 0;

  constructor(state: StateDb) {
    this.state = state;
    this.traces = state.map<TraceRecord>("xray.traces");
  }

  static key(scope: Scope, traceId: string) {
    return `${scope.accountId}/${scope.region}/${traceId}`;
  }

  /** Adds or replaces (same segment id: an in-progress segment completing) a document. */
  put(scope: Scope, doc: SegmentDoc, raw: string, now = Date.now()): void {
    this.putMany(scope, [{ doc, raw }], now);
  }

  /** Many documents (one PutTraceSegments call): each touched trace is written once, all in one commit. */
  putMany(scope: Scope, docs: { doc: SegmentDoc; raw: string }[], now = Date.now()): void {
    const touched = new Map<string, TraceRecord>();
    for (const { doc, raw } of docs) {
      const key = TraceStore.key(scope, doc.trace_id!);
      const record = touched.get(key) ?? this.traces.get(key) ?? { accountId: scope.accountId, region: scope.region, id: doc.trace_id!, updatedAt: now, segments: [] };
      const at = record.segments.findIndex((s) => s.Id === doc.id);
      if (at >= 0) record.segments[at] = { Id: doc.id, Document: raw };
      else record.segments.push({ Id: doc.id, Document: raw });
      record.updatedAt = now;
      touched.set(key, record);
      this.views.delete(key);
    }
    this.state.batch(() => {
      for (const [key, record] of touched) this.traces.set(key, record);
    });
  }

  get(scope: Scope, traceId: string): TraceRecord | undefined {
    return this.traces.get(TraceStore.key(scope, traceId));
  }

  view(record: TraceRecord): { view: TraceView; docs: SegmentDoc[] } {
    const key = TraceStore.key(record, record.id);
    const hit = this.views.get(key);
    if (hit && hit.record === record) return hit;
    const docs = record.segments.map((s) => JSON.parse(s.Document) as SegmentDoc);
    const entry = { record, view: readTrace(docs), docs };
    this.views.set(key, entry);
    return entry;
  }

  /** Traces of one account and region with any document inside [start, end] (epoch seconds). */
  inWindow(scope: Scope, start: number, end: number): TraceRecord[] {
    const prefix = TraceStore.key(scope, "");
    const out: TraceRecord[] = [];
    for (const [k, r] of this.traces.entries()) {
      if (!k.startsWith(prefix)) continue;
      const { docs } = this.view(r);
      const from = Math.min(...docs.map((d) => d.start_time));
      const to = Math.max(...docs.map((d) => d.end_time ?? d.start_time));
      if (from <= end && to >= start) out.push(r);
    }
    return out;
  }

  /** Drops idle traces, then the least recently updated beyond the cap; cheap enough to run per batch. */
  prune(now = Date.now()): void {
    if (this.traces.size <= MAX_TRACES && now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    // Over the cap, trim to 90% so the next few puts do not sort everything again.
    const keep = this.traces.size > MAX_TRACES ? Math.floor(MAX_TRACES * 0.9) : MAX_TRACES;
    const entries = [...this.traces.entries()];
    const expired = entries.filter(([, r]) => now - r.updatedAt > MAX_AGE_MS);
    for (const [k] of expired) this.drop(k);
    const live = entries.filter(([, r]) => now - r.updatedAt <= MAX_AGE_MS).sort((a, b) => a[1].updatedAt - b[1].updatedAt);
    for (const [k] of live.slice(0, Math.max(0, live.length - keep))) this.drop(k);
  }

  private drop(key: string) {
    this.traces.delete(key);
    this.views.delete(key);
  }

  clear(): void {
    this.views.clear();
    this.lastPrune = 0;
  }
}
