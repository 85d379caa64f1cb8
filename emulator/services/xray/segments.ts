// X-Ray segment documents: validation and the reading of one trace into services and calls.
// https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html
import type { UnprocessedTraceSegment } from "@aws-sdk/client-xray";

export interface SegmentDoc {
  id: string;
  name: string;
  trace_id?: string;
  parent_id?: string;
  type?: "subsegment";
  start_time: number;
  end_time?: number;
  in_progress?: boolean;
  origin?: string;
  namespace?: "remote" | "aws" | string;
  user?: string;
  http?: { request?: { method?: string; url?: string; user_agent?: string; client_ip?: string }; response?: { status?: number } };
  aws?: { operation?: string; account_id?: string; [k: string]: unknown };
  error?: boolean;
  fault?: boolean;
  throttle?: boolean;
  annotations?: Record<string, string | number | boolean>;
  subsegments?: SegmentDoc[];
}

const TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
const SEGMENT_ID = /^[0-9a-f]{16}$/;
// "Unicode letters, numbers, and whitespace, and the following symbols: _, ., :, /, %, &, #, =, +, \, -, @", up to 200.
const NAME = /^[\p{L}\p{N}\s_.:/%&#=+\\\-@]{1,200}$/u;

/** A parsed, valid document, or the UnprocessedTraceSegment AWS would report for it. */
export function validateSegment(raw: string): { doc: SegmentDoc } | { unprocessed: UnprocessedTraceSegment } {
  let doc: any;
  try {
    doc = JSON.parse(raw);
  } catch {
    return { unprocessed: { ErrorCode: "InvalidSegmentDocument", Message: "Invalid segment. ErrorCode: InvalidSegmentDocument, Cause: the document is not valid JSON" } };
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    return { unprocessed: { ErrorCode: "MissingId", Message: "Invalid segment. ErrorCode: MissingId" } };
  }
  const independent = doc.type === "subsegment";
  const code = checkNode(doc, true) ?? (independent && typeof doc.parent_id !== "string" ? "MissingParentId" : undefined);
  if (code) {
    const id = typeof doc.id === "string" ? doc.id : undefined;
    return { unprocessed: { Id: id, ErrorCode: code, Message: `Invalid ${independent ? "subsegment" : "segment"}. ErrorCode: ${code}` } };
  }
  return { doc };
}

function checkNode(d: any, top: boolean): string | undefined {
  if (d === null || typeof d !== "object") return "MissingId";
  if (typeof d.id !== "string") return "MissingId";
  if (!SEGMENT_ID.test(d.id)) return "InvalidId";
  if (typeof d.name !== "string") return "MissingName";
  if (!NAME.test(d.name)) return "InvalidName";
  if (top) {
    if (typeof d.trace_id !== "string") return "MissingTraceId";
    if (!TRACE_ID.test(d.trace_id)) return "InvalidTraceId";
  }
  if (d.parent_id !== undefined && (typeof d.parent_id !== "string" || !SEGMENT_ID.test(d.parent_id))) return "InvalidParentId";
  if (typeof d.start_time !== "number") return "MissingStartTime";
  if (d.in_progress !== true && typeof d.end_time !== "number") return "MissingEndTime";
  if (typeof d.end_time === "number" && d.end_time < d.start_time) return "InvalidEndTime";
  if (d.subsegments !== undefined) {
    if (!Array.isArray(d.subsegments)) return "InvalidSubsegments";
    for (const s of d.subsegments) {
      const c = checkNode(s, false);
      if (c) return c;
    }
  }
  return undefined;
}

/** How a segment or call ended, in the terms of X-Ray's statistics. */
export interface Outcome {
  ok: boolean;
  error: boolean;
  throttle: boolean;
  fault: boolean;
  /** Seconds; undefined while in progress. */
  responseTime?: number;
}

// 4xx is an error, 429 a throttle (also counted as an error), 5xx a fault.
export function outcome(d: SegmentDoc): Outcome {
  const status = d.http?.response?.status;
  const fault = Boolean(d.fault) || (typeof status === "number" && status >= 500);
  const throttle = Boolean(d.throttle) || status === 429;
  const error = Boolean(d.error) || throttle || (typeof status === "number" && status >= 400 && status < 500);
  const responseTime = typeof d.end_time === "number" && !d.in_progress ? d.end_time - d.start_time : undefined;
  return { ok: !error && !fault, error, throttle, fault, responseTime };
}

export interface NodeId {
  name: string;
  type?: string;
  accountId?: string;
}

/** A call from one service to another, seen in a trace. */
export interface Call {
  from: NodeId;
  to: NodeId;
  /** The document whose timing and status the edge reports. */
  doc: SegmentDoc;
}

export interface TraceView {
  segments: SegmentDoc[];
  root?: SegmentDoc;
  calls: Call[];
  /** Services with the documents that represent them (segments, or the calls to inferred nodes). */
  nodes: { node: NodeId; docs: SegmentDoc[]; root: boolean }[];
}

const AWS_TYPES: Record<string, string> = {
  DynamoDB: "AWS::DynamoDB::Table",
  SQS: "AWS::SQS::Queue",
  S3: "AWS::S3::Bucket",
  Lambda: "AWS::Lambda",
};

export const segmentNode = (s: SegmentDoc): NodeId => ({ name: s.name, type: s.origin, accountId: s.aws?.account_id });
const nodeKey = (n: NodeId) => `${n.name}\u0000${n.type ?? ""}`;

/**
 * Reads a trace's documents into services and calls: a segment is a service; a call is a
 * child segment whose parent_id names a (sub)segment of another service, or a subsegment with
 * namespace "remote" or "aws" that no child segment claims (an inferred downstream node:
 * "remote", or AWS::<Service> as X-Ray names it).
 */
export function readTrace(docs: SegmentDoc[]): TraceView {
  const segments = docs.filter((d) => d.type !== "subsegment");
  const owner = new Map<string, SegmentDoc>();
  const extra = new Map<SegmentDoc, SegmentDoc[]>();
  const walk = (d: SegmentDoc, seg: SegmentDoc) => {
    owner.set(d.id, seg);
    for (const s of d.subsegments ?? []) walk(s, seg);
  };
  for (const s of segments) walk(s, s);
  // Independent subsegments join the segment that owns their parent (possibly via another one).
  let pending = docs.filter((d) => d.type === "subsegment");
  for (let progress = true; progress && pending.length; ) {
    progress = false;
    pending = pending.filter((sub) => {
      const seg = sub.parent_id ? owner.get(sub.parent_id) : undefined;
      if (!seg) return true;
      walk(sub, seg);
      extra.set(seg, [...(extra.get(seg) ?? []), sub]);
      progress = true;
      return false;
    });
  }

  const nodes = new Map<string, TraceView["nodes"][number]>();
  const addNode = (node: NodeId, doc: SegmentDoc, root: boolean) => {
    const k = nodeKey(node);
    const entry = nodes.get(k) ?? { node, docs: [], root: false };
    entry.docs.push(doc);
    entry.root ||= root;
    nodes.set(k, entry);
  };
  const calls: Call[] = [];
  const claimed = new Set<string>();
  for (const s of segments) {
    const parent = s.parent_id ? owner.get(s.parent_id) : undefined;
    addNode(segmentNode(s), s, !parent);
    if (parent && parent !== s) {
      claimed.add(s.parent_id!);
      calls.push({ from: segmentNode(parent), to: segmentNode(s), doc: s });
    }
  }
  for (const s of segments) {
    const visit = (d: SegmentDoc) => {
      if (d !== s && (d.namespace === "remote" || d.namespace === "aws") && !claimed.has(d.id)) {
        const to: NodeId = { name: d.name, type: d.namespace === "aws" ? (AWS_TYPES[d.name] ?? `AWS::${d.name}`) : "remote" };
        calls.push({ from: segmentNode(s), to, doc: d });
        addNode(to, d, false);
      }
      for (const c of d.subsegments ?? []) visit(c);
    };
    visit(s);
    for (const sub of extra.get(s) ?? []) visit(sub);
  }
  const roots = segments.filter((s) => !s.parent_id || !owner.has(s.parent_id));
  const root = roots.sort((a, b) => a.start_time - b.start_time)[0];
  return { segments, root, calls, nodes: [...nodes.values()] };
}

export { nodeKey };
