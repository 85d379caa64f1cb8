import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { parseDocument } from "yaml";
import { REPO_ROOT } from "../config/ports.ts";
import { roundMoney } from "./format.ts";
import {
  type CostLine,
  compareWithSeed,
  costLines,
  edgeRequests,
  emptyInventory,
  estimateLab,
  type LabInventory,
  projectedHourly,
  ratePerHour,
  SEED_STATED_TOTAL,
  SEED_TABLE,
  seedEstimate,
  standardLab,
  sumUsage,
  totals,
  type UsageBucket,
} from "./model.ts";

const close = (actual: number, expected: number, what: string, tolerance = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} ≠ ${expected}`);
const byId = (lines: CostLine[], id: string) => {
  const l = lines.find((x) => x.id === id);
  assert.ok(l, `no line ${id}`);
  return l;
};

describe("the seed's table", () => {
  const seed = seedEstimate();

  it("reproduces each line as the seed states it", () => {
    // [item, the seed's arithmetic, stated]
    const expected: [string, number, number][] = [
      ["App Mesh", 0.043 * 6 * 2, 0.52], // 0.516
      ["ECS Fargate", 0.04048 * 3 * 2, 0.24], // 0.24288
      ["ECS Fargate Memory", 0.004445 * 6 * 2, 0.05], // 0.05334
      ["Application Load Balancer", 0.0225 * 2, 0.05], // 0.045, half up
      ["Lambda", 0.01, 0.01],
      ["DynamoDB", 0.01, 0.01],
      ["SQS", 0, 0],
      ["SNS", 0, 0],
      ["CloudWatch", 0.02, 0.02],
    ];
    assert.equal(seed.lines.length, expected.length);
    expected.forEach(([item, computed, stated], i) => {
      const line = seed.lines[i];
      assert.equal(line.item, item);
      close(line.computed, computed, item);
      assert.equal(line.stated, stated, item);
      assert.equal(line.rounded, stated, `${item} rounds to what the seed states`);
    });
  });

  it("sums to $0.90 for 2 hours, stated or recomputed", () => {
    close(seed.statedTotal, 0.9, "stated total");
    close(seed.total, 0.516 + 0.24288 + 0.05334 + 0.045 + 0.01 + 0.01 + 0.02, "recomputed total"); // 0.89722
    assert.equal(roundMoney(seed.total), SEED_STATED_TOTAL);
  });

  it("quotes the seed's text", () => {
    assert.equal(SEED_TABLE[0].text, "$0.043 per proxy per hour × 6 proxies × 2 hours");
  });
});

describe("our estimate for 2 hours in us-east-1", () => {
  // By hand, from cloudformation/*.yaml with default parameters and the session of SESSION:
  // 5 tasks of 256 CPU / 512 MiB with public IPs, an internet-facing ALB in 2 AZs, 3 Lambdas
  // of 256 MB, a rate(1 minute) schedule, 2 high-resolution alarms, 1 dashboard, 22 metrics.
  const H = 2;
  const expected: Record<string, number> = {
    mesh: 0,
    "fargate-vcpu": 5 * 0.25 * 0.04048 * H, // 0.1012
    "fargate-memory": 5 * 0.5 * 0.004445 * H, // 0.022225
    "public-ipv4": (5 + 2) * 0.005 * H, // 0.07
    alb: 0.0225 * H, // 0.045
    // 4,000 requests through the ALB (10,000 − 2 × 3,000 internal calls), 25 new connections/s per LCU.
    "alb-lcu": (4_000 / (25 * 3_600)) * 0.008, // 0.000356
    // 120 health checks + 3,200 analytics messages + 50 breaker-manager calls.
    "lambda-requests": (120 + 3_200 + 50) * (0.2 / 1e6), // 0.000674
    "lambda-compute": (120 * 0.5 * 0.25 + 3_200 * 0.1 * 0.25 + 50 * 0.1 * 0.25) * 0.0000166667, // 96.25 GB-s
    // 5 tasks × 3,600 polls/h × 0.5 RRU × 2 h + 120 checks × 8 + 3,000 orders × 4.
    "dynamodb-reads": (5 * 3_600 * 0.5 * H + 120 * 8 + 3_000 * 4) * (0.125 / 1e6), // 30,960 RRU
    "dynamodb-writes": (120 * 4 + 3_000 * 2) * (0.625 / 1e6), // 6,480 WRU
    // 3 consumers × 180 long polls/h + Lambda's 5 pollers × 180/h, for 2 h; 9,460 messages × 3.
    sqs: ((3 * 180 + 5 * 180) * H + 9_460 * 3) * (0.4 / 1e6), // 31,260 requests
    sns: 3_200 * (0.5 / 1e6),
    "cloudwatch-metrics": (22 * 0.3 * H) / 730,
    "cloudwatch-alarms-high-res": (2 * 0.3 * H) / 730,
    "cloudwatch-dashboard": (3 * H) / 730,
    "cloudwatch-put": (1_800 + 120) * (0.01 / 1_000),
    // 5 tasks × 100 KB/h × 2 h + 3,370 invocations × 1.5 KB + 10,000 requests × 400 B.
    logs: ((5 * 100_000 * H + 3_370 * 1_500 + 10_000 * 400) / 1e9) * 0.5,
    xray: 4_000 * (5 / 1e6),
    cloudmap: (5 * 0.1 * H) / 730,
    s3: (0.01 * 0.023 * H) / 730,
    ecr: (5 * 0.1 * 0.1 * H) / 730,
    eventbridge: 0,
    "console-charts": 3_600 * (0.01 / 1_000),
  };
  const expectedTotal = Object.values(expected).reduce((a, b) => a + b, 0);

  for (const variant of ["connect", "appmesh"] as const) {
    it(`prices every line of the ${variant} variant`, () => {
      const e = estimateLab(variant, "us-east-1", H);
      const want = variant === "appmesh" ? { ...expected, route53: 0 } : expected;
      assert.deepEqual(e.lines.map((l) => l.id).sort(), Object.keys(want).sort());
      for (const [id, amount] of Object.entries(want)) close(byId(e.lines, id).accrued, amount, id);
      close(e.total, expectedTotal, "total");
      assert.equal(roundMoney(e.total), 0.37);
    });
  }

  it("labels the mesh line by variant, at no charge", () => {
    assert.match(byId(estimateLab("appmesh", "us-east-1").lines, "mesh").label, /App Mesh/);
    assert.match(byId(estimateLab("connect", "us-east-1").lines, "mesh").label, /Service Connect/);
    assert.equal(byId(estimateLab("appmesh", "us-east-1").lines, "mesh").quantity, 5);
  });

  it("is well under the seed's $0.90, and public IPv4 alone is more than the seed's ALB line", () => {
    const ours = estimateLab("connect", "us-east-1").total;
    assert.ok(ours < seedEstimate().total / 2);
    assert.ok(byId(estimateLab("connect", "us-east-1").lines, "public-ipv4").accrued > 0.05);
  });
});

describe("projectedHourly", () => {
  it("is capacity plus background activity, before any traffic", () => {
    const hand =
      5 * 0.25 * 0.04048 +
      5 * 0.5 * 0.004445 +
      7 * 0.005 +
      0.0225 +
      60 * (0.2 / 1e6) +
      60 * 0.5 * 0.25 * 0.0000166667 +
      (5 * 3_600 * 0.5 + 60 * 8) * (0.125 / 1e6) +
      60 * 4 * (0.625 / 1e6) +
      (3 * 180 + 5 * 180) * (0.4 / 1e6) +
      (22 * 0.3 + 2 * 0.3 + 3 + 5 * 0.1 + 0.01 * 0.023 + 5 * 0.1 * 0.1) / 730 +
      60 * (0.01 / 1_000) +
      ((5 * 100_000 + 60 * 1_500) / 1e9) * 0.5;
    close(projectedHourly("connect", "us-east-1"), hand, "us-east-1");
    assert.equal(roundMoney(projectedHourly("connect", "us-east-1")), 0.14);
  });

  it("costs more in Frankfurt and Sydney than in Virginia", () => {
    assert.ok(projectedHourly("connect", "eu-central-1") > projectedHourly("connect", "us-east-1"));
    assert.ok(projectedHourly("connect", "ap-southeast-2") > projectedHourly("connect", "us-east-1"));
  });
});

describe("costLines on a lab that is partly up", () => {
  const now = new Date("2026-11-25T12:00:00Z");
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

  it("accrues each resource from its own creation", () => {
    const inv: LabInventory = {
      ...emptyInventory(),
      tasks: [
        { name: "user-service", since: ago(60), count: 2, cpuUnits: 512, memoryMiB: 1024, publicIp: true, discovery: false, queuesPolled: 0 },
        { name: "order-service", since: ago(30), count: 1, cpuUnits: 256, memoryMiB: 512, publicIp: false, discovery: false, queuesPolled: 0 },
      ],
      loadBalancers: [{ name: "alb", since: ago(90), internetFacing: true, zones: 3 }],
    };
    const lines = costLines(inv, undefined, "us-east-1", now);
    const vcpu = byId(lines, "fargate-vcpu");
    close(vcpu.quantity, 2 * 0.5 + 0.25, "vCPU");
    close(vcpu.hourly, 1.25 * 0.04048, "vCPU $/h");
    close(vcpu.accrued, (1 * 1 + 0.25 * 0.5) * 0.04048, "vCPU so far");
    const ips = byId(lines, "public-ipv4");
    assert.equal(ips.quantity, 2 + 3);
    close(ips.accrued, (2 * 1 + 3 * 1.5) * 0.005, "IPv4 so far");
    close(byId(lines, "alb").accrued, 1.5 * 0.0225, "ALB so far");
    assert.equal(lines.some((l) => l.id === "mesh"), false);
  });

  it("ignores services scaled to zero and resources created after now", () => {
    const inv: LabInventory = {
      ...emptyInventory(),
      tasks: [{ name: "idle", since: ago(60), count: 0, cpuUnits: 256, memoryMiB: 512, publicIp: true, discovery: true, queuesPolled: 1 }],
      loadBalancers: [{ name: "later", since: ago(-10), internetFacing: true, zones: 2 }],
    };
    const t = totals(costLines(inv, undefined, "us-east-1", now));
    close(t.accrued, 0, "nothing accrued yet");
    close(t.hourly, 0.0225 + 2 * 0.005, "the ALB is billed from its creation on");
  });

  it("uses CloudWatch's Lambda counts when it has them instead of the schedule", () => {
    const inv = standardLab("connect", ago(120));
    const derived = byId(costLines(inv, {}, "us-east-1", now), "lambda-requests");
    assert.equal(derived.quantity, 120);
    const measured = byId(costLines(inv, { invocationsByFunction: { "health-checker": 90 } }, "us-east-1", now), "lambda-requests");
    assert.equal(measured.quantity, 90);
    close(measured.accrued, 90 * (0.2 / 1e6), "measured so far");
    close(measured.hourly, 60 * (0.2 / 1e6), "the rate still follows the schedule");
  });

  it("charges the App Mesh variant's hosted zone only when kept more than 12 hours", () => {
    const young = byId(costLines(standardLab("appmesh", ago(11 * 60)), undefined, "us-east-1", now), "route53");
    const old = byId(costLines(standardLab("appmesh", ago(13 * 60)), undefined, "us-east-1", now), "route53");
    assert.equal(young.accrued, 0);
    assert.equal(old.accrued, 0.5);
  });

  it("estimates messages from orders where the target publishes no SQS counts", () => {
    const inv = standardLab("connect", ago(60));
    const lines = costLines(inv, { requestsByService: { "order-service": 10 } }, "us-east-1", now);
    // One order_created per order reaches order-processing, notifications and analytics.
    assert.equal(byId(lines, "sns").quantity, 10);
    close(byId(lines, "sqs").quantity, (3 * 180 + 5 * 180) + 30 * 3, "SQS requests");
    assert.match(byId(lines, "sqs").note ?? "", /estimated from the orders/);
    // The analytics consumer runs once per analytics message.
    assert.equal(byId(lines, "lambda-requests").quantity, 60 + 10);
    const measured = costLines(inv, { requestsByService: { "order-service": 10 }, messagesSentByQueue: { analytics: 4 } }, "us-east-1", now);
    assert.equal(byId(measured, "sns").quantity, 4);
    assert.doesNotMatch(byId(measured, "sqs").note ?? "", /estimated/);
  });

  it("counts requests through the ALB without the orders' internal calls", () => {
    assert.equal(edgeRequests({ requestsByService: { "order-service": 10, "user-service": 15, "inventory-service": 10 } }), 15);
    assert.equal(edgeRequests({ requestsByService: { "user-service": 7 } }), 7);
    assert.equal(edgeRequests(undefined), 0);
  });
});

describe("usage buckets and schedules", () => {
  it("sums buckets up to an instant", () => {
    const buckets: UsageBucket[] = [
      { t: "2026-11-25T10:00:00.000Z", usage: { requestsByService: { a: 5 }, putMetricDataCalls: 2 } },
      { t: "2026-11-25T10:01:00.000Z", usage: { requestsByService: { a: 1, b: 3 }, messagesSentByQueue: { q: 4 } } },
    ];
    assert.deepEqual(sumUsage(buckets), { requestsByService: { a: 6, b: 3 }, messagesSentByQueue: { q: 4 }, invocationsByFunction: undefined, durationMsByFunction: undefined, putMetricDataCalls: 2 });
    assert.deepEqual(sumUsage(buckets, new Date("2026-11-25T10:01:00.000Z")).requestsByService, { a: 5 });
  });

  it("reads EventBridge rates", () => {
    assert.equal(ratePerHour("rate(1 minute)"), 60);
    assert.equal(ratePerHour("rate(5 minutes)"), 12);
    assert.equal(ratePerHour("rate(2 hours)"), 0.5);
    assert.equal(ratePerHour("cron(0/5 * * * ? *)"), 60);
    assert.equal(ratePerHour(undefined), 0);
  });
});

describe("compareWithSeed", () => {
  const c = compareWithSeed("us-east-1");

  it("puts every seed line in one row, summing to the seed's $0.90", () => {
    const seedRows = c.rows.filter((r) => r.seed !== undefined);
    assert.equal(seedRows.length, SEED_TABLE.length);
    close(seedRows.reduce((a, r) => a + (r.seed ?? 0), 0), 0.9, "seed column");
  });

  it("accounts for every one of our lines exactly once", () => {
    for (const variant of ["appmesh", "connect"] as const) {
      close(c.rows.reduce((a, r) => a + r.ours[variant], 0), c.ours[variant].total, variant);
    }
  });

  it("explains every row, and the rows the seed lacks include public IPv4", () => {
    for (const r of c.rows) assert.ok(r.why && r.why.length > 20, r.item);
    const ipv4 = c.rows.find((r) => r.item === "Public IPv4 addresses");
    assert.equal(ipv4?.seed, undefined);
    assert.match(ipv4?.why ?? "", /7/);
    assert.match(c.rows[0].why, /never published/);
  });
});

describe("standardLab matches the templates", () => {
  const template = (name: string) => {
    const doc = parseDocument(readFileSync(path.join(REPO_ROOT, "cloudformation", name), "utf8"), { logLevel: "silent" });
    return Object.values((doc.toJS() as { Resources: Record<string, { Type: string; Properties: any }> }).Resources);
  };
  const ofType = (resources: ReturnType<typeof template>, type: string) => resources.filter((r) => r.Type === type);

  for (const variant of ["appmesh", "connect"] as const) {
    it(`sizes the ${variant} services as services-${variant}.yaml does`, () => {
      const resources = template(`services-${variant}.yaml`);
      const lab = standardLab(variant, new Date(0).toISOString());
      const services = ofType(resources, "AWS::ECS::Service");
      assert.equal(services.length, lab.tasks.length);
      for (const s of services) assert.equal(s.Properties.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp, "ENABLED");
      const defs = ofType(resources, "AWS::ECS::TaskDefinition");
      assert.deepEqual(
        defs.map((d) => [Number(d.Properties.Cpu), Number(d.Properties.Memory)]),
        lab.tasks.map((t) => [t.cpuUnits, t.memoryMiB]),
      );
      const pollers = defs.map((d) =>
        d.Properties.ContainerDefinitions.flatMap((c: any) => c.Environment ?? []).filter((e: any) => e.Name.endsWith("_QUEUE_URL")).length,
      );
      assert.deepEqual(pollers.sort(), lab.tasks.map((t) => t.queuesPolled).sort());
      const [alb] = ofType(resources, "AWS::ElasticLoadBalancingV2::LoadBalancer");
      assert.equal(alb.Properties.Scheme, "internet-facing");
      assert.equal(alb.Properties.Subnets.length, lab.loadBalancers[0].zones);
      assert.equal(ofType(resources, "AWS::ServiceDiscovery::PrivateDnsNamespace").length, lab.hostedZones.length);
    });
  }

  it("sizes the Lambdas, schedule, alarms and dashboard as resilience.yaml does", () => {
    const resources = template("resilience.yaml");
    const lab = standardLab("connect", new Date(0).toISOString());
    assert.deepEqual(ofType(resources, "AWS::Lambda::Function").map((f) => f.Properties.MemorySize), lab.functions.map((f) => f.memoryMb));
    assert.deepEqual(ofType(resources, "AWS::Events::Rule").map((r) => ratePerHour(r.Properties.ScheduleExpression)), lab.schedules.map((s) => s.perHour));
    assert.deepEqual(ofType(resources, "AWS::CloudWatch::Alarm").map((a) => a.Properties.Period), lab.alarms.map((a) => a.periodSeconds));
    assert.equal(ofType(resources, "AWS::CloudWatch::Dashboard").length, lab.dashboards.length);
    assert.equal(ofType(resources, "AWS::DynamoDB::Table").length, lab.tables.length);
    assert.equal(ofType(resources, "AWS::Lambda::EventSourceMapping").length, lab.eventSources.length);
  });

  it("counts the queues, topics, bucket and repositories as messaging.yaml and bootstrap.yaml do", () => {
    const lab = standardLab("connect", new Date(0).toISOString());
    assert.equal(ofType(template("messaging.yaml"), "AWS::SQS::Queue").length, lab.queues.length);
    assert.equal(ofType(template("messaging.yaml"), "AWS::SNS::Topic").length, lab.topics.length);
    assert.equal(ofType(template("bootstrap.yaml"), "AWS::S3::Bucket").length, lab.buckets.length);
    assert.equal(ofType(template("bootstrap.yaml"), "AWS::ECR::Repository").length, lab.repositories.length);
  });

  it("has no NAT gateway to price", () => {
    for (const name of ["network.yaml", "services-connect.yaml", "services-appmesh.yaml"]) {
      assert.equal(ofType(template(name), "AWS::EC2::NatGateway").length, 0, name);
    }
  });
});
