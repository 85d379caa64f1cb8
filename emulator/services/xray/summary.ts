// One trace summarised: GetTraceSummaries' TraceSummary and the scope filter expressions read.
// https://docs.aws.amazon.com/xray/latest/api/API_TraceSummary.html
import type { AnnotationValue, ServiceId, TraceSummary, ValueWithServiceIds } from "@aws-sdk/client-xray";
import type { FilterScope } from "./filter.ts";
import { outcome, type SegmentDoc, type TraceView } from "./segments.ts";

type Scalar = string | number | boolean;

function allDocs(view: TraceView): SegmentDoc[] {
  const out: SegmentDoc[] = [];
  const walk = (d: SegmentDoc) => {
    out.push(d);
    for (const s of d.subsegments ?? []) walk(s);
  };
  for (const s of view.segments) walk(s);
  return out;
}

function bounds(docs: SegmentDoc[]) {
  const start = Math.min(...docs.map((d) => d.start_time));
  const end = Math.max(...docs.map((d) => d.end_time ?? d.start_time));
  return { start, end };
}

const serviceId = (d: SegmentDoc, accountId: string): ServiceId => ({ Name: d.name, Names: [d.name], Type: d.origin, AccountId: d.aws?.account_id ?? accountId });

export function traceSummary(id: string, view: TraceView, docs: SegmentDoc[], accountId: string, revision: number): TraceSummary {
  const { start, end } = bounds(docs);
  const everything = allDocs(view);
  const outcomes = view.segments.map(outcome);
  const root = view.root;
  const rootOutcome = root ? outcome(root) : undefined;
  const req = root?.http?.request;

  const services = new Map<string, ServiceId>();
  for (const s of view.segments) services.set(`${s.name}\u0000${s.origin ?? ""}`, serviceId(s, accountId));

  const annotations: Record<string, ValueWithServiceIds[]> = {};
  for (const s of view.segments) {
    const collect = (d: SegmentDoc) => {
      for (const [k, v] of Object.entries(d.annotations ?? {})) {
        const value: AnnotationValue = typeof v === "number" ? { NumberValue: v } : typeof v === "boolean" ? { BooleanValue: v } : { StringValue: String(v) };
        annotations[k] = [...(annotations[k] ?? []), { AnnotationValue: value, ServiceIds: [serviceId(s, accountId)] }];
      }
      for (const c of d.subsegments ?? []) collect(c);
    };
    collect(s);
  }

  return {
    Id: id,
    StartTime: new Date(start * 1000),
    Duration: round(end - start),
    ResponseTime: rootOutcome?.responseTime !== undefined ? round(rootOutcome.responseTime) : undefined,
    HasFault: outcomes.some((o) => o.fault),
    HasError: outcomes.some((o) => o.error),
    HasThrottle: outcomes.some((o) => o.throttle),
    IsPartial: everything.some((d) => d.in_progress === true),
    Http: root?.http ? { HttpURL: req?.url, HttpMethod: req?.method, UserAgent: req?.user_agent, ClientIp: req?.client_ip, HttpStatus: root.http.response?.status } : undefined,
    Annotations: annotations,
    Users: root?.user ? [{ UserName: root.user, ServiceIds: [serviceId(root, accountId)] }] : [],
    ServiceIds: [...services.values()],
    EntryPoint: root ? serviceId(root, accountId) : undefined,
    Revision: revision,
  };
}

export function filterScope(view: TraceView, docs: SegmentDoc[]): FilterScope {
  const { start, end } = bounds(docs);
  const root = view.root;
  const annotations: Record<string, Scalar[]> = {};
  for (const d of allDocs(view)) {
    for (const [k, v] of Object.entries(d.annotations ?? {})) annotations[k] = [...(annotations[k] ?? []), v];
  }
  const scopeOf = (segs: SegmentDoc[], responsetime?: number): FilterScope => {
    const os = segs.map(outcome);
    const fault = os.some((o) => o.fault);
    const error = os.some((o) => o.error);
    const req = segs[0]?.http?.request;
    return {
      ok: !fault && !error,
      error,
      fault,
      throttle: os.some((o) => o.throttle),
      partial: segs.some((s) => s.in_progress === true),
      responsetime,
      duration: end - start,
      http: { status: segs[0]?.http?.response?.status, url: req?.url, method: req?.method, useragent: req?.user_agent, clientip: req?.client_ip },
      user: segs[0]?.user,
      annotations,
      services: new Map(),
      edges: new Set(),
    };
  };
  const trace = scopeOf(root ? [root, ...view.segments.filter((s) => s !== root)] : view.segments, root ? outcome(root).responseTime : undefined);
  trace.ok = !view.segments.map(outcome).some((o) => o.error || o.fault);
  const byName = new Map<string, SegmentDoc[]>();
  for (const n of view.nodes) byName.set(n.node.name, [...(byName.get(n.node.name) ?? []), ...n.docs]);
  for (const [name, segs] of byName) {
    const rts = segs.map((s) => outcome(s).responseTime).filter((x): x is number => x !== undefined);
    trace.services.set(name, scopeOf(segs, rts.length ? Math.max(...rts) : undefined));
  }
  for (const c of view.calls) trace.edges.add(`${c.from.name}\u0000${c.to.name}`);
  return trace;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
