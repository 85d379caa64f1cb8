import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
  BatchGetTracesCommand,
  GetSamplingRulesCommand,
  GetServiceGraphCommand,
  GetTraceGraphCommand,
  GetTraceSummariesCommand,
  PutTraceSegmentsCommand,
  type Service,
  XRayClient,
} from "@aws-sdk/client-xray";
import { aws, startTestGateway, type TestGateway, tempDir } from "./harness.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const traceId = (t: number) => `1-${Math.floor(t).toString(16).padStart(8, "0")}-${hex(12)}`;

/**
 * client -> order-service (HTTP) -> user-service (HTTP), and order-service -> SNS Publish.
 * With `userFault`, user-service answers 500 and order-service falls back to 202.
 */
function labTrace(t0: number, userFault: boolean) {
  const trace = traceId(t0);
  const [client, clientCall, order, userCall, snsCall, user] = [hex(8), hex(8), hex(8), hex(8), hex(8), hex(8)];
  const status = userFault ? 500 : 200;
  const docs = [
    {
      trace_id: trace,
      id: client,
      name: "client",
      start_time: t0,
      end_time: t0 + 0.3,
      http: { request: { method: "POST", url: "http://127.0.0.1:8080/orders" }, response: { status: userFault ? 202 : 201 } },
      subsegments: [
        {
          id: clientCall,
          name: "order-service",
          namespace: "remote",
          start_time: t0 + 0.01,
          end_time: t0 + 0.29,
          http: { request: { method: "POST", url: "http://order-service/orders" }, response: { status: userFault ? 202 : 201 } },
        },
      ],
    },
    {
      trace_id: trace,
      id: order,
      parent_id: clientCall,
      name: "order-service",
      origin: "AWS::ECS::Container",
      start_time: t0 + 0.02,
      end_time: t0 + 0.28,
      http: { request: { method: "POST", url: "http://order-service/orders" }, response: { status: userFault ? 202 : 201 } },
      annotations: { order_id: userFault ? "o-2" : "o-1" },
      subsegments: [
        {
          id: userCall,
          name: "user-service",
          namespace: "remote",
          start_time: t0 + 0.03,
          end_time: t0 + 0.13,
          http: { request: { method: "GET", url: "http://user-service/users/123" }, response: { status } },
          fault: userFault,
        },
        { id: snsCall, name: "SNS", namespace: "aws", start_time: t0 + 0.15, end_time: t0 + 0.2, aws: { operation: "Publish" }, http: { response: { status: 200 } } },
      ],
    },
    {
      trace_id: trace,
      id: user,
      parent_id: userCall,
      name: "user-service",
      origin: "AWS::ECS::Container",
      start_time: t0 + 0.04,
      end_time: t0 + 0.12,
      http: { request: { method: "GET", url: "http://user-service/users/123" }, response: { status } },
      fault: userFault,
    },
  ];
  return { trace, docs };
}

describe("X-Ray", () => {
  let gw: TestGateway;
  let xray: XRayClient;
  const dataDir = tempDir("xray-test-");
  const now = Date.now() / 1000;
  const ok = labTrace(now - 20, false);
  const bad = labTrace(now - 10, true);
  const window = { StartTime: new Date((now - 60) * 1000), EndTime: new Date((now + 60) * 1000) };

  before(async () => {
    gw = await startTestGateway({ dataDir });
    xray = new XRayClient({ ...gw.clientConfig, maxAttempts: 1 });
  });
  after(() => gw.stop());

  it("accepts valid segment documents and reports the bad ones", async () => {
    const good = [...ok.docs, ...bad.docs].map((d) => JSON.stringify(d));
    const badId = hex(8);
    const out = await xray.send(
      new PutTraceSegmentsCommand({
        TraceSegmentDocuments: [
          ...good,
          "{not json",
          JSON.stringify({ name: "x", trace_id: ok.trace, start_time: now, end_time: now }),
          JSON.stringify({ id: badId, name: "x", trace_id: "1-nope", start_time: now, end_time: now }),
          JSON.stringify({ id: badId, name: "x", trace_id: ok.trace, start_time: now }),
          JSON.stringify({ id: badId, name: "bad?name", trace_id: ok.trace, start_time: now, end_time: now }),
          JSON.stringify({ id: badId, name: "x", trace_id: ok.trace, start_time: now, end_time: now, subsegments: [{ id: hex(8), name: "s", start_time: now }] }),
          JSON.stringify({ id: badId, type: "subsegment", name: "x", trace_id: ok.trace, start_time: now, end_time: now }),
        ],
      }),
    );
    assert.deepEqual(
      out.UnprocessedTraceSegments?.map((u) => [u.Id ?? null, u.ErrorCode]),
      [
        [null, "InvalidSegmentDocument"],
        [null, "MissingId"],
        [badId, "InvalidTraceId"],
        [badId, "MissingEndTime"],
        [badId, "InvalidName"],
        [badId, "MissingEndTime"],
        [badId, "MissingParentId"],
      ],
    );
    assert.match(out.UnprocessedTraceSegments?.[2].Message ?? "", /^Invalid segment\. ErrorCode: InvalidTraceId/);
    await assert.rejects(xray.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: [] })), (e: any) => e.name === "InvalidRequestException");
  });

  it("builds the service graph: nodes, types, edges and counts", async () => {
    const g = await xray.send(new GetServiceGraphCommand(window));
    const byName = new Map((g.Services ?? []).map((s) => [s.Name!, s]));
    assert.deepEqual([...byName.keys()].sort(), ["SNS", "client", "order-service", "user-service"]);
    const ref = (s: Service | undefined) => s?.ReferenceId;
    const client = byName.get("client")!;
    const order = byName.get("order-service")!;
    const user = byName.get("user-service")!;
    const sns = byName.get("SNS")!;
    assert.equal(order.Type, "AWS::ECS::Container");
    assert.equal(sns.Type, "AWS::SNS");
    assert.equal(client.Root, true);
    assert.equal(order.Root, false);
    const edge = (from: Service, to: Service) => from.Edges?.find((e) => e.ReferenceId === ref(to));

    assert.deepEqual(client.Edges?.map((e) => e.ReferenceId), [ref(order)]);
    assert.equal(edge(client, order)?.SummaryStatistics?.TotalCount, 2);
    assert.deepEqual(order.Edges?.map((e) => e.ReferenceId).sort(), [ref(user), ref(sns)].sort());
    const toUser = edge(order, user)!.SummaryStatistics!;
    assert.equal(toUser.TotalCount, 2);
    assert.equal(toUser.OkCount, 1);
    assert.equal(toUser.FaultStatistics?.TotalCount, 1);
    assert.ok(Math.abs((toUser.TotalResponseTime ?? 0) - 0.16) < 1e-6, String(toUser.TotalResponseTime));
    assert.deepEqual(edge(order, user)!.ResponseTimeHistogram, [{ Value: 0.08, Count: 2 }]);
    const toSns = edge(order, sns)!.SummaryStatistics!;
    assert.equal(toSns.TotalCount, 2);
    assert.equal(toSns.OkCount, 2);
    assert.deepEqual(user.Edges, []);

    assert.equal(user.SummaryStatistics?.TotalCount, 2);
    assert.equal(user.SummaryStatistics?.FaultStatistics?.TotalCount, 1);
    assert.equal(order.SummaryStatistics?.OkCount, 2, "order-service fell back to 202, so both its requests were ok");
    assert.ok(order.StartTime instanceof Date && order.EndTime instanceof Date);

    const old = await xray.send(new GetServiceGraphCommand({ StartTime: new Date((now - 7200) * 1000), EndTime: new Date((now - 3600) * 1000) }));
    assert.deepEqual(old.Services, [], "nothing outside the window");
    await assert.rejects(xray.send(new GetServiceGraphCommand({ StartTime: window.EndTime, EndTime: window.StartTime })), (e: any) => e.name === "InvalidRequestException");
  });

  it("summarises traces, with filter expressions", async () => {
    const all = await xray.send(new GetTraceSummariesCommand(window));
    const ids = all.TraceSummaries?.map((t) => t.Id);
    assert.deepEqual(ids, [bad.trace, ok.trace], "newest first");
    const [b, o] = all.TraceSummaries!;
    assert.equal(b.HasFault, true);
    assert.equal(o.HasFault, false);
    assert.equal(o.Http?.HttpStatus, 201);
    assert.equal(o.Http?.HttpMethod, "POST");
    assert.ok(Math.abs((o.Duration ?? 0) - 0.3) < 1e-6);
    assert.equal(o.EntryPoint?.Name, "client");
    assert.deepEqual(o.ServiceIds?.map((s) => s.Name).sort(), ["client", "order-service", "user-service"]);
    assert.equal(o.Annotations?.order_id?.[0].AnnotationValue?.StringValue, "o-1");

    const filtered = async (FilterExpression: string) => (await xray.send(new GetTraceSummariesCommand({ ...window, FilterExpression }))).TraceSummaries?.map((t) => t.Id);
    assert.deepEqual(await filtered('service("user-service") { fault }'), [bad.trace]);
    assert.deepEqual(await filtered("fault"), [bad.trace]);
    assert.deepEqual(await filtered("ok"), [ok.trace]);
    assert.deepEqual(await filtered('service("order-service") AND http.status = 201'), [ok.trace]);
    assert.deepEqual(await filtered('annotation.order_id = "o-2" OR responsetime > 5'), [bad.trace]);
    assert.deepEqual(await filtered('edge("order-service", "SNS") AND NOT fault'), [ok.trace]);
    assert.deepEqual(await filtered('service("nobody")'), []);
    await assert.rejects(xray.send(new GetTraceSummariesCommand({ ...window, FilterExpression: "frobnicate(" })), (e: any) => e.name === "InvalidRequestException");
  });

  it("returns whole traces and per-trace graphs", async () => {
    const missing = traceId(now);
    const out = await xray.send(new BatchGetTracesCommand({ TraceIds: [ok.trace, missing] }));
    assert.deepEqual(out.UnprocessedTraceIds, [missing]);
    const [trace] = out.Traces!;
    assert.equal(trace.Id, ok.trace);
    assert.equal(trace.Segments?.length, 3);
    const docs = trace.Segments!.map((s) => JSON.parse(s.Document!));
    assert.deepEqual(
      trace.Segments!.map((s) => s.Id),
      docs.map((d) => d.id),
    );
    assert.deepEqual(docs.map((d) => d.name).sort(), ["client", "order-service", "user-service"]);
    await assert.rejects(xray.send(new BatchGetTracesCommand({ TraceIds: [1, 2, 3, 4, 5, 6].map(() => traceId(now)) })), (e: any) => e.name === "InvalidRequestException");

    const graph = await xray.send(new GetTraceGraphCommand({ TraceIds: [bad.trace] }));
    const user = graph.Services?.find((s) => s.Name === "user-service");
    assert.equal(user?.SummaryStatistics?.TotalCount, 1);
    assert.equal(user?.SummaryStatistics?.FaultStatistics?.TotalCount, 1);
  });

  it("replaces an in-progress segment when it completes, and joins independent subsegments", async () => {
    const t0 = now - 5;
    const trace = traceId(t0);
    const seg = { trace_id: trace, id: hex(8), name: "inventory-service", origin: "AWS::ECS::Container", start_time: t0 };
    await xray.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: [JSON.stringify({ ...seg, in_progress: true })] }));
    let s = (await xray.send(new GetTraceSummariesCommand({ ...window, FilterExpression: 'service("inventory-service")' }))).TraceSummaries;
    assert.equal(s?.[0].IsPartial, true);
    const sub = { trace_id: trace, id: hex(8), type: "subsegment", parent_id: seg.id, name: "DynamoDB", namespace: "aws", start_time: t0 + 0.01, end_time: t0 + 0.02 };
    await xray.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: [JSON.stringify({ ...seg, end_time: t0 + 0.05 }), JSON.stringify(sub)] }));
    s = (await xray.send(new GetTraceSummariesCommand({ ...window, FilterExpression: 'service("inventory-service")' }))).TraceSummaries;
    assert.equal(s?.[0].IsPartial, false);
    const full = await xray.send(new BatchGetTracesCommand({ TraceIds: [trace] }));
    assert.equal(full.Traces?.[0].Segments?.length, 2, "one segment (replaced) and one independent subsegment");
    const graph = await xray.send(new GetTraceGraphCommand({ TraceIds: [trace] }));
    const inv = graph.Services?.find((x) => x.Name === "inventory-service");
    const ddb = graph.Services?.find((x) => x.Name === "DynamoDB");
    assert.equal(ddb?.Type, "AWS::DynamoDB::Table");
    assert.deepEqual(inv?.Edges?.map((e) => e.ReferenceId), [ddb?.ReferenceId]);
  });

  it("answers the sampling calls X-Ray SDKs make", async () => {
    const rules = await xray.send(new GetSamplingRulesCommand({}));
    assert.equal(rules.SamplingRuleRecords?.[0].SamplingRule?.RuleName, "Default");
    assert.equal(rules.SamplingRuleRecords?.[0].SamplingRule?.FixedRate, 1);
  });

  it("works with both CLIs: xray get-service-graph", async () => {
    const args = ["xray", "get-service-graph", "--start-time", String(Math.floor(now - 60)), "--end-time", String(Math.ceil(now + 60))];
    const outs = await Promise.all([aws("v1", gw.url, args), aws("v2", gw.url, args)]);
    for (const out of outs) {
      assert.equal(out.code, 0, out.stderr);
      const names = out.json().Services.map((s: any) => s.Name);
      for (const n of ["client", "order-service", "user-service", "SNS"]) assert.ok(names.includes(n), `${n} in ${names}`);
    }
  });

  it("keeps traces across a restart", async () => {
    await gw.stop();
    gw = await startTestGateway({ dataDir });
    xray = new XRayClient({ ...gw.clientConfig, maxAttempts: 1 });
    const out = await xray.send(new BatchGetTracesCommand({ TraceIds: [ok.trace, bad.trace] }));
    assert.equal(out.Traces?.length, 2);
    const res = await fetch(`${gw.url}/_lab/reset`, { method: "POST" });
    assert.equal(res.status, 200);
    const after = await xray.send(new BatchGetTracesCommand({ TraceIds: [ok.trace] }));
    assert.deepEqual(after.UnprocessedTraceIds, [ok.trace], "reset empties the trace store");
  });
});
