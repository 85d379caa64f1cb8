import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { callPeer } from "./http.ts";
import { createLogger } from "./log.ts";
import { messageAttributes } from "./events.ts";
import { formatTraceHeader, newSegmentId, newTraceId, parseTraceHeader, type SegmentDocument, Tracer, traceAttribute, traceFromMessage } from "./tracing.ts";

const quiet = createLogger({}, "error", () => {});
const ROOT = "1-5759e988-bd862e3fe1be46a994272793";

function tracer(sent: SegmentDocument[], clock?: () => number) {
  return new Tracer({ service: "order-service", log: quiet, clock, send: async (docs) => void sent.push(...docs.map((d) => JSON.parse(d))) });
}

describe("tracing: the X-Amzn-Trace-Id header", () => {
  it("parses Root, Parent and Sampled in any order and case", () => {
    assert.deepEqual(parseTraceHeader(`Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=1`), { root: ROOT, parent: "53995c3f42cd8ad8", sampled: true });
    assert.deepEqual(parseTraceHeader(`sampled=0; parent=53995C3F42CD8AD8 ;root=${ROOT.toUpperCase()}`), {
      root: ROOT,
      parent: "53995c3f42cd8ad8",
      sampled: false,
    });
    assert.deepEqual(parseTraceHeader(`Root=${ROOT}`), { root: ROOT });
    assert.deepEqual(parseTraceHeader([`Root=${ROOT};Sampled=?`]), { root: ROOT });
  });

  it("rejects headers without a valid Root, and drops a bad Parent", () => {
    assert.equal(parseTraceHeader(undefined), undefined);
    assert.equal(parseTraceHeader(""), undefined);
    assert.equal(parseTraceHeader("Parent=53995c3f42cd8ad8"), undefined);
    assert.equal(parseTraceHeader("Root=1-xyz-123"), undefined);
    assert.deepEqual(parseTraceHeader(`Root=${ROOT};Parent=nothex`), { root: ROOT });
  });

  it("formats back what it parses", () => {
    const h = `Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=1`;
    assert.equal(formatTraceHeader(parseTraceHeader(h)!), h);
    assert.equal(formatTraceHeader({ root: ROOT }), `Root=${ROOT}`);
  });

  it("generates ids: 1-<8 hex epoch seconds>-<24 hex>, and 16-hex segment ids", () => {
    const id = newTraceId(Date.UTC(2024, 0, 1) + 999);
    assert.match(id, /^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    assert.equal(Number.parseInt(id.slice(2, 10), 16), Date.UTC(2024, 0, 1) / 1000);
    assert.notEqual(newTraceId(), newTraceId());
    assert.match(newSegmentId(), /^[0-9a-f]{16}$/);
  });
});

describe("tracing: through SNS and SQS", () => {
  it("publishes the header as the String attribute X-Amzn-Trace-Id next to eventType", () => {
    const attrs = messageAttributes("stock_low", { quantity: 7 }, `Root=${ROOT}`);
    assert.deepEqual(attrs, {
      eventType: { DataType: "String", StringValue: "stock_low" },
      quantity: { DataType: "Number", StringValue: "7" },
      "X-Amzn-Trace-Id": { DataType: "String", StringValue: `Root=${ROOT}` },
    });
    assert.deepEqual(traceAttribute("x"), { "X-Amzn-Trace-Id": { DataType: "String", StringValue: "x" } });
  });

  it("reads it from raw SQS attributes, from an SNS envelope's attributes, or from AWSTraceHeader", () => {
    const h = `Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=1`;
    assert.equal(traceFromMessage({ "X-Amzn-Trace-Id": { DataType: "String", StringValue: h } })?.parent, "53995c3f42cd8ad8");
    assert.equal(traceFromMessage({ "X-Amzn-Trace-Id": { Type: "String", Value: h } })?.root, ROOT);
    assert.equal(traceFromMessage({}, { AWSTraceHeader: h })?.root, ROOT);
    assert.equal(traceFromMessage(undefined), undefined);
  });
});

describe("tracing: segments", () => {
  it("continues an incoming trace, nests subsegments and sends in batches", async () => {
    const sent: SegmentDocument[] = [];
    let now = 1_700_000_000_000;
    const t = tracer(sent, () => now);
    const seg = t.startSegment({ root: ROOT, parent: "53995c3f42cd8ad8", sampled: true }, { request: { method: "POST", url: "http://x/orders" } });
    const sub = seg.subsegment("user-service", "remote");
    assert.equal(sub.header(), `Root=${ROOT};Parent=${sub.doc.id};Sampled=1`, "downstream sees this subsegment as its parent");
    now += 25;
    sub.end({ status: 503 });
    now += 5;
    seg.end({ status: 202 });
    assert.equal(t.pending(), 1);
    await t.flush();
    assert.equal(sent.length, 1);
    const doc = sent[0];
    assert.equal(doc.trace_id, ROOT);
    assert.equal(doc.parent_id, "53995c3f42cd8ad8");
    assert.equal(doc.name, "order-service");
    assert.ok(Math.abs(doc.end_time! - doc.start_time - 0.03) < 1e-6, "times are epoch seconds");
    assert.equal(doc.http?.response?.status, 202);
    assert.equal(doc.subsegments?.length, 1);
    assert.equal(doc.subsegments?.[0].fault, true, "a 5xx is a fault");
    assert.equal(t.pending(), 0);
  });

  it("starts a new trace without a header, and sends late subsegments on their own", async () => {
    const sent: SegmentDocument[] = [];
    const t = tracer(sent);
    const seg = t.startSegment();
    assert.match(seg.traceId, /^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    const sub = seg.subsegment("SNS", "aws");
    seg.end({ status: 201 });
    sub.end();
    await t.flush();
    assert.equal(sent.length, 2);
    assert.equal(sent[1].type, "subsegment");
    assert.equal(sent[1].parent_id, seg.doc.id);
  });

  it("does not send unsampled traces, and drops a batch the endpoint refuses", async () => {
    const sent: SegmentDocument[] = [];
    const t = tracer(sent);
    t.startSegment({ root: ROOT, sampled: false }).end();
    await t.flush();
    assert.equal(sent.length, 0);
    const failing = new Tracer({ service: "x", log: quiet, send: async () => Promise.reject(new Error("down")) });
    failing.startSegment().end();
    await failing.flush();
    assert.equal(failing.pending(), 0);
  });

  it("propagates the header on a peer call", async () => {
    let seen: string | undefined;
    const server = createServer((req, res) => {
      seen = req.headers["x-amzn-trace-id"] as string;
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    try {
      const sent: SegmentDocument[] = [];
      const seg = tracer(sent).startSegment({ root: ROOT, sampled: true });
      const res = await callPeer<{ ok: boolean }>(seg, "peer", `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
      assert.equal(res.ok, true);
      assert.deepEqual(res.body, { ok: true });
      const parsed = parseTraceHeader(seen);
      assert.equal(parsed?.root, ROOT);
      assert.equal(parsed?.parent, seg.doc.subsegments?.[0].id);
    } finally {
      server.close();
    }
  });
});
