import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { MetricAlarm } from "@aws-sdk/client-cloudwatch";
import type { Service } from "@aws-sdk/client-xray";
import { SERVICES, SUBSCRIPTIONS } from "../lab/contract.ts";
import {
  type AlarmChange,
  alarmChanges,
  alarmInbox,
  alarmStrip,
  buildServiceMap,
  buildWaterfall,
  edgeFilter,
  edgeTone,
  edgeWidth,
  expandMetricRows,
  formatLogLine,
  formatMs,
  formatNumber,
  histogramPercentile,
  labCharts,
  mapTopology,
  MAP_SIZE,
  mergeLogLines,
  NODE_HEIGHT,
  metricBatch,
  parseDashboard,
  routeWeights,
  shapeAlarms,
  shapeCharts,
  shapeTraceSummaries,
  statsFromMesh,
  statsFromServiceGraph,
} from "./observability.ts";

const at = (s: number) => new Date(1_700_000_000_000 + s * 1000);

describe("metrics", () => {
  it("asks for every series of every chart in one batch, one query per metric, stat and period", () => {
    const charts = labCharts("1m", SERVICES.user);
    const batch = metricBatch(charts);
    const series = charts.flatMap((c) => c.series).length;
    assert.equal(batch.queries.length, series, "the lab charts have no duplicate series");
    assert.ok(batch.queries.every((q) => /^[a-z][a-zA-Z0-9_]*$/.test(q.Id!)), "ids are valid GetMetricData ids");
    assert.ok(batch.queries.every((q) => q.MetricStat!.Period === 5), "1 m windows read 5 s periods");
    const latency = batch.queries.filter((q) => q.MetricStat!.Metric!.MetricName === "Latency");
    assert.deepEqual(
      latency.map((q) => q.MetricStat!.Stat),
      ["p50", "p90", "p99", "Average"],
    );
    assert.ok(latency.every((q) => q.MetricStat!.Metric!.Dimensions![0].Value === SERVICES.user));
    // The same series twice (a dashboard widget repeating a lab chart) is asked for once.
    assert.equal(metricBatch([...charts, ...charts]).queries.length, series);
  });

  it("turns sums into rates, sorts points and writes the latest values as text", () => {
    const charts = labCharts("1m").filter((c) => c.id === "requests");
    const batch = metricBatch(charts);
    const order = batch.ids.get([...batch.ids.keys()].find((k) => k.includes("order-service"))!)!;
    const views = shapeCharts(charts, batch, [{ Id: order, Timestamps: [at(10), at(0), at(5)], Values: [12, 5, 10] }]);
    const orderSeries = views[0].series.find((s) => s.label === SERVICES.order)!;
    assert.deepEqual(
      orderSeries.points.map(([, v]) => v),
      [1, 2, 2.4],
    );
    assert.equal(orderSeries.latest, 2.4);
    assert.equal(views[0].hasData, true);
    assert.match(views[0].summary, /order-service 2\.4 req\/s/);
    assert.match(views[0].summary, /4 more with no data/);
  });

  it("explains missing percentiles when only the average exists", () => {
    const charts = labCharts("5m").filter((c) => c.id === "latency");
    const batch = metricBatch(charts);
    const avg = batch.queries.find((q) => q.MetricStat!.Stat === "Average")!.Id!;
    const [view] = shapeCharts(charts, batch, [{ Id: avg, Timestamps: [at(0)], Values: [42] }]);
    assert.match(view.note ?? "", /statistic sets/);
    assert.match(view.summary, /average 42 ms/);
  });

  it("words breaker states in the summary", () => {
    const charts = labCharts("5m").filter((c) => c.id === "breakers");
    const batch = metricBatch(charts);
    const [first] = batch.queries;
    const [view] = shapeCharts(charts, batch, [{ Id: first.Id, Timestamps: [at(0), at(10)], Values: [0, 2] }]);
    assert.equal(view.shape, "step");
    assert.match(view.summary, /user-service OPEN/);
  });
});

describe("dashboards", () => {
  it("expands the ... and . shorthand of metric arrays", () => {
    const rows = expandMetricRows([
      ["CrossServiceLab", "Requests", "Service", "user-service"],
      ["...", "order-service"],
      [".", "Errors", ".", ".", { stat: "Sum" }],
    ]);
    assert.deepEqual(rows[1].values, ["CrossServiceLab", "Requests", "Service", "order-service"]);
    assert.deepEqual(rows[2].values, ["CrossServiceLab", "Errors", "Service", "order-service"]);
    assert.deepEqual(rows[2].options, { stat: "Sum" });
  });

  it("reads the lab dashboard's widgets into charts in reading order", () => {
    const body = JSON.stringify({
      widgets: [
        {
          type: "metric",
          x: 12,
          y: 0,
          width: 12,
          height: 6,
          properties: {
            title: "Circuit breaker state",
            region: "us-east-1",
            stat: "Maximum",
            period: 10,
            metrics: [["CrossServiceLab", "CircuitBreakerState", "ServiceName", "user-service"], ["...", "inventory-service"]],
          },
        },
        {
          type: "metric",
          x: 0,
          y: 0,
          width: 8,
          height: 6,
          properties: {
            title: "Requests",
            region: "us-east-1",
            stat: "Sum",
            period: 10,
            metrics: [["CrossServiceLab", "Requests", "Service", "user-service"], [{ expression: "m1*2", label: "doubled" }], ["AWS/SQS", "X", "QueueName", "q", { region: "eu-west-1" }]],
          },
        },
        { type: "alarm", x: 0, y: 6, width: 12, height: 6, properties: { title: "Breaker alarms", alarms: ["arn:aws:cloudwatch:us-east-1:000000000000:alarm:cross-service-lab-user-service-breaker-open"] } },
      ],
    });
    const widgets = parseDashboard(body, "us-east-1");
    assert.deepEqual(
      widgets.map((w) => w.title),
      ["Requests", "Circuit breaker state", "Breaker alarms"],
    );
    const [requests, breakers, alarms] = widgets;
    assert.equal(requests.chart!.series.length, 1);
    assert.deepEqual(requests.skipped, ["the expression m1*2", "X in eu-west-1"]);
    assert.equal(breakers.chart!.shape, "step");
    assert.deepEqual(
      breakers.chart!.series.map((s) => s.metric.dimensions[0].value),
      ["user-service", "inventory-service"],
    );
    assert.deepEqual(alarms.alarms, ["cross-service-lab-user-service-breaker-open"]);
    assert.throws(() => parseDashboard("{nope", "us-east-1"), /not valid JSON/);
  });
});

describe("alarms", () => {
  const topic = "arn:aws:sns:us-east-1:000000000000:lab-alarms";
  const alarm = (name: string, extra: Partial<MetricAlarm> = {}): MetricAlarm => ({
    AlarmName: name,
    Namespace: "CrossServiceLab",
    MetricName: "Errors",
    Dimensions: [{ Name: "Service", Value: "order-service" }],
    Statistic: "Sum",
    Period: 10,
    EvaluationPeriods: 1,
    Threshold: 5,
    ComparisonOperator: "GreaterThanOrEqualToThreshold",
    StateValue: "OK",
    ...extra,
  });

  it("keeps the lab's alarms, ALARM first, and tells template alarms from the learner's", () => {
    const views = shapeAlarms([
      alarm("order-service-errors", { AlarmActions: [topic] }),
      alarm("cross-service-lab-user-service-breaker-open", { StateValue: "ALARM", StateReason: "Threshold Crossed" }),
      alarm("someone-elses", { Namespace: "AWS/EC2", MetricName: "CPUUtilization", Dimensions: [] }),
    ]);
    assert.deepEqual(
      views.map((v) => [v.name, v.state, v.deletable, v.notifies]),
      [
        ["cross-service-lab-user-service-breaker-open", "ALARM", false, false],
        ["order-service-errors", "OK", true, true],
      ],
    );
    assert.equal(views[1].condition, "CrossServiceLab Errors (Service order-service) Sum ≥ 5 for 1 × 10 s");
  });

  const item = (name: string, s: number, from: string, to: string, reason = "r") => ({
    AlarmName: name,
    Timestamp: at(s),
    HistoryItemType: "StateUpdate",
    HistoryData: JSON.stringify({ oldState: { stateValue: from }, newState: { stateValue: to, stateReason: reason } }),
  });

  it("reads state changes from history and draws the strip across the window", () => {
    const changes = alarmChanges([item("a", 30, "OK", "ALARM"), item("a", 10, "INSUFFICIENT_DATA", "OK"), { AlarmName: "a", Timestamp: at(5), HistoryItemType: "ConfigurationUpdate" }]);
    assert.deepEqual(
      changes.map((c) => `${c.from}>${c.to}`),
      ["INSUFFICIENT_DATA>OK", "OK>ALARM"],
    );
    const start = at(0).getTime();
    const end = at(60).getTime();
    assert.deepEqual(
      alarmStrip(changes, "ALARM", start, end).map((s) => [s.state, (s.from - start) / 1000, (s.to - start) / 1000]),
      [
        ["INSUFFICIENT_DATA", 0, 10],
        ["OK", 10, 30],
        ["ALARM", 30, 60],
      ],
    );
    // No change in the window: the current state held throughout.
    assert.deepEqual(
      alarmStrip([], "OK", start, end).map((s) => s.state),
      ["OK"],
    );
    // A change before the window sets the state at its start.
    assert.deepEqual(
      alarmStrip(changes, "ALARM", at(20).getTime(), end).map((s) => s.state),
      ["OK", "ALARM"],
    );
  });

  it("puts in the inbox only the changes lab-alarms was sent, newest first", () => {
    const changes: AlarmChange[] = alarmChanges([item("notifies", 10, "OK", "ALARM", "Threshold Crossed"), item("notifies", 20, "ALARM", "INSUFFICIENT_DATA"), item("quiet", 15, "OK", "ALARM")]);
    const inbox = alarmInbox(changes, [alarm("notifies", { AlarmActions: [topic] }), alarm("quiet")], "us-east-1");
    assert.deepEqual(
      inbox.map((i) => i.subject),
      ['ALARM: "notifies" in us-east-1'],
    );
    assert.equal(inbox[0].reason, "Threshold Crossed");
    assert.deepEqual(alarmInbox(changes, [alarm("notifies", { AlarmActions: [topic], ActionsEnabled: false })], "us-east-1"), []);
  });
});

describe("service map", () => {
  it("draws the contract's topology before any traffic, left to right", () => {
    const { nodes, edges } = mapTopology();
    const x = (id: string) => nodes.find((n) => n.id === id)!.x;
    assert.ok(x("alb") < x(SERVICES.order) && x(SERVICES.order) < x("topic:order-events") && x("topic:order-events") < x("queue:order-processing"));
    assert.ok(x("queue:order-processing") < x(`${SERVICES.inventory}#consumer`));
    for (const s of SUBSCRIPTIONS) assert.ok(edges.some((e) => e.id === `topic:${s.topic}->queue:${s.queue}` && e.kind === "subscription"));
    assert.equal(new Set(edges.map((e) => e.id)).size, edges.length);
    // Every edge but the calls between services goes left to right.
    const byId = new Map(nodes.map((n) => [n.id, n]));
    for (const e of edges) assert.ok(byId.get(e.from)!.x < byId.get(e.to)!.x, `${e.id} reads left to right`);
  });

  it("keeps every box inside the map and apart from the others, 16 px at least", () => {
    const { nodes } = mapTopology();
    const box = (n: (typeof nodes)[number]) => ({ l: n.x - n.w / 2, r: n.x + n.w / 2, t: n.y - NODE_HEIGHT / 2, b: n.y + NODE_HEIGHT / 2 });
    for (const n of nodes) {
      const b = box(n);
      assert.ok(b.l >= 0 && b.r <= MAP_SIZE.width && b.t >= 0 && b.b <= MAP_SIZE.height, `${n.id} inside the map`);
    }
    for (const a of nodes) {
      for (const c of nodes) {
        if (a === c) continue;
        const [p, q] = [box(a), box(c)];
        const apart = p.r + 16 <= q.l || q.r + 16 <= p.l || p.b + 16 <= q.t || q.b + 16 <= p.t;
        assert.ok(apart, `${a.id} and ${c.id} overlap`);
      }
    }
  });

  it("buckets thickness by requests per second and colour by error %", () => {
    assert.deepEqual(
      [0, 0.5, 1, 4.9, 5, 19, 20, 500].map(edgeWidth),
      [1.5, 2.5, 4, 4, 6, 6, 8, 8],
    );
    assert.deepEqual(
      [undefined, { errorPercent: 0 }, { errorPercent: 0.99 }, { errorPercent: 1 }, { errorPercent: 4.9 }, { errorPercent: 5 }, { errorPercent: 100 }].map(edgeTone),
      ["idle", "ok", "ok", "warn", "warn", "danger", "danger"],
    );
  });

  it("reads percentiles from X-Ray histograms in seconds", () => {
    const h = [
      { Value: 0.2, Count: 1 },
      { Value: 0.01, Count: 8 },
      { Value: 0.05, Count: 1 },
    ];
    assert.equal(histogramPercentile(h, 50), 10);
    assert.equal(histogramPercentile(h, 90), 50);
    assert.equal(histogramPercentile(h, 99), 200);
    assert.equal(histogramPercentile([], 50), undefined);
  });

  const graph: Service[] = [
    {
      ReferenceId: 0,
      Name: "order-service",
      Root: true,
      SummaryStatistics: { TotalCount: 10, ErrorStatistics: { TotalCount: 0 }, FaultStatistics: { TotalCount: 1 } },
      ResponseTimeHistogram: [{ Value: 0.1, Count: 10 }],
      Edges: [
        { ReferenceId: 1, SummaryStatistics: { TotalCount: 6, ErrorStatistics: { TotalCount: 0 }, FaultStatistics: { TotalCount: 3 } }, ResponseTimeHistogram: [{ Value: 0.02, Count: 6 }] },
        { ReferenceId: 2, SummaryStatistics: { TotalCount: 2 }, ResponseTimeHistogram: [{ Value: 0.005, Count: 2 }] },
      ],
    },
    { ReferenceId: 1, Name: "user-service", Edges: [] },
    { ReferenceId: 2, Name: "DynamoDB", Type: "AWS::DynamoDB::Table", Edges: [] },
  ];

  it("turns the X-Ray service graph into edge stats, ALB → root service included", () => {
    const { stats, other } = statsFromServiceGraph(graph, 60);
    const call = stats.get("order-service->user-service")!;
    assert.equal(call.rps, 0.1);
    assert.equal(call.errorPercent, 50);
    assert.equal(call.p99, 20);
    assert.equal(stats.get("alb->order-service")!.requests, 10);
    assert.deepEqual(
      other.map((o) => `${o.from}->${o.to}`),
      ["order-service->DynamoDB"],
    );
  });

  it("prefers the mesh's numbers, maps virtual nodes to services and labels the canary's weights", () => {
    const mesh = statsFromMesh([
      { source: "order-service", destination: "inventory-service-v1", rps10s: 9, rps60s: 8, errorPercent: 12, latencyMs: { p50: 3, p90: 9, p99: 40 } },
      { source: "order-service", destination: "inventory-service-v2", rps10s: 1, rps60s: 1, errorPercent: 0, latencyMs: { p50: 4, p90: 5, p99: 6 } },
      { source: "order-service", destination: "user-service", rps10s: 0, rps60s: 0, errorPercent: 0, latencyMs: { p50: 0, p90: 0, p99: 0 } },
    ]);
    const weights = routeWeights([
      { kind: "appmesh", routes: [{ weightedTargets: [{ virtualNode: "inventory-service-v1", percent: 90 }, { virtualNode: "inventory-service-v2", percent: 10 }] }] },
      { kind: "appmesh", routes: [{ weightedTargets: [{ virtualNode: "user-service", percent: 100 }] }] },
    ]);
    const map = buildServiceMap({ mesh, xray: statsFromServiceGraph(graph, 60), weights, tasks: new Map([["order-service", 2]]) });
    const edge = (id: string) => map.edges.find((e) => e.id === id)!;
    const inv = edge("order-service->inventory-service");
    assert.equal(inv.stats!.source, "mesh");
    assert.equal(inv.stats!.weight, 90);
    assert.equal(inv.tone, "danger");
    assert.equal(inv.width, 6);
    assert.equal(inv.label, "9/s · 12% err");
    assert.match(inv.description, /order-service to inventory-service, HTTP, route weight 90%: 9 req\/s, 12% errors \(failing\), p99 40 ms/);
    // No mesh traffic on this edge: X-Ray's numbers stand.
    assert.equal(edge("order-service->user-service").stats!.source, "xray");
    assert.equal(edge("topic:order-events->queue:analytics").stats, undefined);
    assert.match(edge("topic:order-events->queue:analytics").description, /not measured per edge/);
    assert.equal(map.nodes.find((n) => n.id === "order-service")!.detail, "2 tasks");
    assert.deepEqual(map.sources.sort(), ["mesh", "xray"]);
  });

  it("filters traces by the edge X-Ray knows", () => {
    assert.equal(edgeFilter({ from: "order-service", to: "user-service" }), 'edge("order-service", "user-service")');
    assert.equal(edgeFilter({ from: "alb", to: "order-service" }), 'service("order-service")');
    assert.equal(edgeFilter({ from: "topic:order-events", to: "queue:analytics" }), undefined);
  });
});

describe("traces", () => {
  it("summarises traces newest first with their status and services", () => {
    const rows = shapeTraceSummaries([
      { Id: "1-a", StartTime: at(0), Duration: 0.12, HasFault: false, HasError: true, Http: { HttpMethod: "GET", HttpURL: "http://x/users/1", HttpStatus: 404 }, EntryPoint: { Name: "user-service" }, ServiceIds: [{ Name: "user-service" }] },
      { Id: "1-b", StartTime: at(5), Duration: 0.3, HasFault: true, EntryPoint: { Name: "order-service" }, ServiceIds: [{ Name: "order-service" }, { Name: "user-service" }, { Name: "order-service" }] },
    ]);
    assert.deepEqual(
      rows.map((r) => [r.id, r.status, r.durationMs]),
      [
        ["1-b", "fault", 300],
        ["1-a", "error", 120],
      ],
    );
    assert.deepEqual(rows[0].services, ["order-service", "user-service"]);
    assert.equal(rows[1].request, "GET /users/1");
  });

  it("draws a 3-hop trace as a waterfall across HTTP and SNS/SQS", () => {
    const trace = "1-5759e988-bd862e3fe1be46a994272793";
    const t0 = 1_700_000_000;
    const order = {
      id: "a000000000000001",
      trace_id: trace,
      name: "order-service",
      start_time: t0,
      end_time: t0 + 0.2,
      http: { request: { method: "POST", url: "http://alb/orders" }, response: { status: 201 } },
      subsegments: [
        { id: "b000000000000001", name: "user-service", namespace: "remote", start_time: t0 + 0.01, end_time: t0 + 0.06, http: { request: { method: "GET", url: "http://user/users/1" }, response: { status: 503 } } },
        { id: "b000000000000002", name: "SNS", namespace: "aws", start_time: t0 + 0.1, end_time: t0 + 0.15, aws: { operation: "Publish", topic_arn: "arn:aws:sns:us-east-1:000000000000:order-events" } },
      ],
    };
    const user = { id: "c000000000000001", trace_id: trace, parent_id: "b000000000000001", name: "user-service", start_time: t0 + 0.015, end_time: t0 + 0.055, fault: true, http: { response: { status: 503 } } };
    const inventory = { id: "d000000000000001", trace_id: trace, parent_id: "b000000000000002", name: "inventory-service", start_time: t0 + 0.3, end_time: t0 + 0.35 };
    const view = buildWaterfall(trace, [JSON.stringify(inventory), JSON.stringify(user), JSON.stringify(order), "not json"]);
    assert.deepEqual(
      view.rows.map((r) => `${"  ".repeat(r.depth)}${r.name}:${r.kind}`),
      ["order-service:service", "  user-service:http", "    user-service:service", "  SNS:sns", "    inventory-service:service"],
    );
    assert.deepEqual(
      view.hops.map((h) => `${h.from ?? ""}>${h.to}:${h.via}`),
      [">order-service:entry", "order-service>user-service:http", "order-service>inventory-service:message"],
    );
    assert.equal(view.durationMs, 350);
    assert.equal(view.status, "fault");
    const sns = view.rows.find((r) => r.kind === "sns")!;
    assert.equal(sns.detail, "Publish order-events");
    assert.equal(sns.offsetMs, 100);
    assert.equal(view.rows.find((r) => r.name === "user-service" && r.kind === "http")!.detail, "GET /users/1");
  });
});

describe("logs", () => {
  it("prints JSON lines compactly: level, message, then the other fields", () => {
    const line = formatLogLine({ eventId: "1", timestamp: 5, message: '{"time":"2026-01-01T00:00:00Z","level":"warn","service":"user-service","msg":"slow call","ms":812,"peer":{"host":"x"}}\n' });
    assert.equal(line.level, "warn");
    assert.equal(line.text, "slow call");
    assert.deepEqual(line.fields, [
      ["ms", "812"],
      ["peer", '{"host":"x"}'],
    ]);
  });

  it("reads Lambda's console prefix and keeps plain text as it is", () => {
    const lambda = formatLogLine({ eventId: "2", timestamp: 1, message: '2026-01-01T00:00:00.000Z\t6f0b7a2e-1111-2222-3333-444455556666\tERROR\t{"msg":"boom"}' });
    assert.equal(lambda.level, "error");
    assert.equal(lambda.text, "boom");
    const plain = formatLogLine({ eventId: "3", timestamp: 1, message: "REPORT RequestId: x Duration: 2 ms" });
    assert.equal(plain.text, "REPORT RequestId: x Duration: 2 ms");
    assert.deepEqual(plain.fields, []);
  });

  it("merges polls without repeating lines and keeps the newest", () => {
    const l = (id: string, at: number) => formatLogLine({ eventId: id, timestamp: at, message: id });
    const first = mergeLogLines([], [l("a", 1), l("b", 2)]);
    const second = mergeLogLines(first, [l("b", 2), l("c", 3)], 2);
    assert.deepEqual(
      second.map((x) => x.id),
      ["b", "c"],
    );
    assert.equal(mergeLogLines(second, [l("c", 3)]), second, "nothing new: the same array");
  });
});

describe("formatting", () => {
  it("prints numbers with as many digits as they need", () => {
    assert.deepEqual(
      [0, 0.0166, 0.25, 2.4, 12.34, 130.6].map(formatNumber),
      ["0", "0.017", "0.25", "2.4", "12.3", "131"],
    );
    assert.deepEqual(
      [3.25, 40, 812, 12_500].map(formatMs),
      ["3.3 ms", "40 ms", "812 ms", "12.5 s"],
    );
  });
});
