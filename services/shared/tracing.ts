// X-Ray tracing without the daemon: the trace header is parsed, generated and propagated by
// hand (HTTP header, and the SNS/SQS message attribute `X-Amzn-Trace-Id`), and segment
// documents are sent in batches with PutTraceSegments.
// https://docs.aws.amazon.com/xray/latest/devguide/xray-concepts.html#xray-concepts-tracingheader
// https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html
import { randomBytes } from "node:crypto";
import { PutTraceSegmentsCommand, XRayClient } from "@aws-sdk/client-xray";
import { TRACE_HEADER } from "../../lib/lab/contract.ts";
import { awsClientConfig } from "./aws.ts";
import { errorFields, type Logger } from "./log.ts";

export { TRACE_HEADER };

export interface TraceHeader {
  root: string;
  parent?: string;
  sampled?: boolean;
}

const ROOT = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
const SEGMENT_ID = /^[0-9a-f]{16}$/;

/** `Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1`, in any order; undefined if there is no valid Root. */
export function parseTraceHeader(value: string | string[] | undefined | null): TraceHeader | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const fields = new Map<string, string>();
  for (const part of text.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const root = fields.get("root")?.toLowerCase();
  if (!root || !ROOT.test(root)) return undefined;
  const parent = fields.get("parent")?.toLowerCase();
  const sampled = fields.get("sampled");
  return {
    root,
    ...(parent && SEGMENT_ID.test(parent) ? { parent } : {}),
    ...(sampled === "1" ? { sampled: true } : sampled === "0" ? { sampled: false } : {}),
  };
}

export function formatTraceHeader(h: TraceHeader): string {
  const parts = [`Root=${h.root}`];
  if (h.parent) parts.push(`Parent=${h.parent}`);
  if (h.sampled !== undefined) parts.push(`Sampled=${h.sampled ? 1 : 0}`);
  return parts.join(";");
}

/** `1-<epoch seconds, 8 hex>-<96 random bits, 24 hex>`. */
export function newTraceId(nowMs: number = Date.now()): string {
  return `1-${Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, "0")}-${randomBytes(12).toString("hex")}`;
}

export const newSegmentId = () => randomBytes(8).toString("hex");

type AttributeValue = { DataType?: string; StringValue?: string; Type?: string; Value?: string };

/** The message attribute that carries the trace header through SNS and SQS. */
export function traceAttribute(header: string): Record<string, { DataType: "String"; StringValue: string }> {
  return { [TRACE_HEADER]: { DataType: "String", StringValue: header } };
}

/**
 * The trace header of a received message: SQS message attributes (raw delivery), the SNS
 * envelope's MessageAttributes (`{Type, Value}`), or SQS's own AWSTraceHeader system attribute.
 */
export function traceFromMessage(
  messageAttributes: Record<string, AttributeValue> | undefined,
  systemAttributes?: Record<string, string | undefined>,
): TraceHeader | undefined {
  const attr = messageAttributes?.[TRACE_HEADER];
  return parseTraceHeader(attr?.StringValue ?? attr?.Value) ?? parseTraceHeader(systemAttributes?.AWSTraceHeader);
}

// ── segments ────────────────────────────────────────────────────────────

export interface SegmentDocument {
  name: string;
  id: string;
  trace_id: string;
  parent_id?: string;
  start_time: number;
  end_time?: number;
  type?: "subsegment";
  namespace?: "aws" | "remote";
  origin?: string;
  http?: { request?: { method?: string; url?: string }; response?: { status?: number } };
  aws?: Record<string, unknown>;
  annotations?: Record<string, string | number | boolean>;
  metadata?: Record<string, unknown>;
  error?: boolean;
  fault?: boolean;
  subsegments?: SegmentDocument[];
}

export interface SpanEnd {
  status?: number;
  error?: unknown;
  annotations?: Record<string, string | number | boolean>;
}

const seconds = (ms: number) => ms / 1000;

function finish(doc: SegmentDocument, end: SpanEnd, now: number) {
  doc.end_time = seconds(now);
  if (end.status !== undefined) {
    doc.http = { ...doc.http, response: { status: end.status } };
    if (end.status >= 500) doc.fault = true;
    else if (end.status >= 400) doc.error = true;
  }
  if (end.error) doc.fault = true;
  if (end.annotations) doc.annotations = { ...doc.annotations, ...end.annotations };
}

export class Subsegment {
  readonly doc: SegmentDocument;
  readonly parent: Segment;
  constructor(parent: Segment, doc: SegmentDocument) {
    this.parent = parent;
    this.doc = doc;
  }
  /** The header to send downstream: same trace, this subsegment as parent. */
  header(): string {
    return formatTraceHeader({ root: this.doc.trace_id, parent: this.doc.id, sampled: this.parent.sampled });
  }
  end(end: SpanEnd = {}) {
    finish(this.doc, end, this.parent.tracer.clock());
    this.parent.closeChild(this);
  }
}

export class Segment {
  readonly doc: SegmentDocument;
  readonly tracer: Tracer;
  readonly sampled: boolean;
  private ended = false;
  constructor(tracer: Tracer, doc: SegmentDocument, sampled: boolean) {
    this.tracer = tracer;
    this.doc = doc;
    this.sampled = sampled;
  }
  get traceId() {
    return this.doc.trace_id;
  }
  /** The header to answer with and to pass on when no subsegment is involved. */
  header(): string {
    return formatTraceHeader({ root: this.doc.trace_id, parent: this.doc.id, sampled: this.sampled });
  }
  subsegment(name: string, namespace: "aws" | "remote", extra: Partial<SegmentDocument> = {}): Subsegment {
    return new Subsegment(this, { name, namespace, id: newSegmentId(), trace_id: this.doc.trace_id, start_time: seconds(this.tracer.clock()), ...extra });
  }
  closeChild(child: Subsegment) {
    if (!this.ended) {
      this.doc.subsegments = [...(this.doc.subsegments ?? []), child.doc];
      return;
    }
    // Ended after its parent (a publish still running): it goes on its own.
    if (this.sampled) this.tracer.enqueue({ ...child.doc, type: "subsegment", parent_id: this.doc.id });
  }
  end(end: SpanEnd = {}) {
    if (this.ended) return;
    this.ended = true;
    finish(this.doc, end, this.tracer.clock());
    if (this.sampled) this.tracer.enqueue(this.doc);
  }
}

export interface TracerOptions {
  service: string;
  log: Logger;
  /** Sends documents (JSON strings); the default is PutTraceSegments. */
  send?: (documents: string[]) => Promise<void>;
  flushMs?: number;
  clock?: () => number;
  origin?: string;
}

const BATCH = 50;
const MAX_QUEUE = 1_000;

export class Tracer {
  readonly service: string;
  readonly clock: () => number;
  private queue: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly send: (documents: string[]) => Promise<void>;
  private readonly log: Logger;
  private readonly origin: string | undefined;
  private readonly flushMs: number;

  constructor(options: TracerOptions) {
    this.service = options.service;
    this.log = options.log;
    this.clock = options.clock ?? Date.now;
    this.origin = options.origin;
    this.flushMs = options.flushMs ?? 2_000;
    if (options.send) this.send = options.send;
    else {
      const xray = new XRayClient(awsClientConfig());
      this.send = async (TraceSegmentDocuments) => {
        await xray.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments }));
      };
    }
  }

  /** Starts this service's segment, continuing `incoming` (from a request or a message) when there is one. */
  startSegment(incoming?: TraceHeader, http?: SegmentDocument["http"]): Segment {
    const doc: SegmentDocument = {
      name: this.service,
      id: newSegmentId(),
      trace_id: incoming?.root ?? newTraceId(this.clock()),
      start_time: seconds(this.clock()),
      ...(incoming?.parent ? { parent_id: incoming.parent } : {}),
      ...(this.origin ? { origin: this.origin } : {}),
      ...(http ? { http } : {}),
    };
    return new Segment(this, doc, incoming?.sampled ?? true);
  }

  enqueue(doc: SegmentDocument) {
    if (this.queue.length >= MAX_QUEUE) return;
    this.queue.push(JSON.stringify(doc));
  }

  pending() {
    return this.queue.length;
  }

  async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, BATCH);
      try {
        await this.send(batch);
      } catch (e) {
        this.log.warnEvery("xray", 30_000, "PutTraceSegments failed; traces dropped", { ...errorFields(e), dropped: batch.length + this.queue.length });
        this.queue = [];
      }
    }
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
