// What the lab costs: projected $/h and accrued $ per line item, from plain data about what
// is deployed (lib/cost/inventory.ts reads it from the target) and what it has done
// (CloudWatch counts). Pure: no SDK calls, no clock; `now` is always passed in.
//
// Two kinds of charge:
// - time: capacity (Fargate, the ALB, public IPv4, alarms, …) and the lab's own background
//   activity, which runs whether or not you send traffic (fault polling once a second, SQS
//   long polls, the health checker every minute). Together they are the hourly rate.
// - usage: what your traffic adds (requests, events, invocations), priced per request from
//   the counts CloudWatch has, or from the assumptions of a session when estimating.
import {
  BREAKER_SERVICES,
  EVENT_TYPES,
  HEALTH_CHECK_SCHEDULE,
  LAMBDAS,
  type MeshVariant,
  QUEUES,
  SERVICES,
  SUBSCRIPTIONS,
  TOPICS,
} from "../lab/contract.ts";
import { formatRate, roundMoney } from "./format.ts";
import { listedPrice, PRICES, type PriceKey, priceRegion, unitPrice } from "./prices.ts";

// ── What is deployed ─────────────────────────────────────────────────────

/** One deployed thing and when it was created (ISO 8601). */
export interface Deployed {
  name: string;
  since: string;
}

/** One ECS service: its tasks as Fargate bills them. */
export interface TaskGroup extends Deployed {
  /** Tasks billed: the service's desired count. */
  count: number;
  /** Task-level CPU units (1024 = 1 vCPU); sidecars share them. */
  cpuUnits: number;
  memoryMiB: number;
  /** awsvpc assignPublicIp ENABLED: one public IPv4 address per task. */
  publicIp: boolean;
  /** The mesh proxy sidecar in each task, if any. */
  proxy?: "appmesh" | "service-connect";
  /** Registered in Cloud Map (service discovery or Service Connect). */
  discovery: boolean;
  /** Queues each task long-polls. */
  queuesPolled: number;
}

export interface LoadBalancerInfo extends Deployed {
  internetFacing: boolean;
  /** Availability Zones: an internet-facing ALB holds one public IPv4 address in each. */
  zones: number;
}

export interface FunctionInfo extends Deployed {
  memoryMb: number;
}

export interface ScheduleInfo extends Deployed {
  perHour: number;
  /** The Lambda function it invokes. */
  target?: string;
}

export interface EventSourceInfo extends Deployed {
  /** The Lambda function it invokes and the queue it polls. */
  target?: string;
  queue?: string;
}

export interface AlarmInfo extends Deployed {
  periodSeconds: number;
}

export interface LabInventory {
  variant?: MeshVariant;
  tasks: TaskGroup[];
  loadBalancers: LoadBalancerInfo[];
  functions: FunctionInfo[];
  schedules: ScheduleInfo[];
  eventSources: EventSourceInfo[];
  alarms: AlarmInfo[];
  dashboards: Deployed[];
  /** Distinct custom metrics (name + dimensions) in the lab's namespace. */
  customMetrics: { count: number; since: string };
  tables: Deployed[];
  queues: Deployed[];
  topics: Deployed[];
  buckets: Deployed[];
  repositories: Deployed[];
  logGroups: Deployed[];
  /** Private DNS namespaces: each one is a Route 53 private hosted zone. */
  hostedZones: Deployed[];
}

export const emptyInventory = (): LabInventory => ({
  tasks: [],
  loadBalancers: [],
  functions: [],
  schedules: [],
  eventSources: [],
  alarms: [],
  dashboards: [],
  customMetrics: { count: 0, since: new Date(0).toISOString() },
  tables: [],
  queues: [],
  topics: [],
  buckets: [],
  repositories: [],
  logGroups: [],
  hostedZones: [],
});

/** What the lab has done since it was deployed; an absent field was not measured. */
export interface Usage {
  /** CrossServiceLab `Requests` per service (Sum). */
  requestsByService?: Record<string, number>;
  /** AWS/SQS `NumberOfMessagesSent` per queue name. */
  messagesSentByQueue?: Record<string, number>;
  /** AWS/Lambda `Invocations` per function; when present it replaces the derived count. */
  invocationsByFunction?: Record<string, number>;
  /** AWS/Lambda `Duration` sum in ms per function. */
  durationMsByFunction?: Record<string, number>;
  /** PutMetricData calls the services made (one per 5 s flush while they have traffic). */
  putMetricDataCalls?: number;
}

/** What the lab did in one CloudWatch period. */
export interface UsageBucket {
  /** Start of the period (ISO 8601). */
  t: string;
  usage: Usage;
}

/** The sum of the buckets that started before `until` (all of them without it). */
export function sumUsage(buckets: readonly UsageBucket[], until?: Date): Usage {
  const total: Usage = {};
  const add = (into: Record<string, number> | undefined, from: Record<string, number> | undefined) => {
    if (!from) return into;
    const out = { ...into };
    for (const [k, v] of Object.entries(from)) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  for (const b of buckets) {
    if (until && Date.parse(b.t) >= until.getTime()) continue;
    total.requestsByService = add(total.requestsByService, b.usage.requestsByService);
    total.messagesSentByQueue = add(total.messagesSentByQueue, b.usage.messagesSentByQueue);
    total.invocationsByFunction = add(total.invocationsByFunction, b.usage.invocationsByFunction);
    total.durationMsByFunction = add(total.durationMsByFunction, b.usage.durationMsByFunction);
    if (b.usage.putMetricDataCalls !== undefined) total.putMetricDataCalls = (total.putMetricDataCalls ?? 0) + b.usage.putMetricDataCalls;
  }
  return total;
}

// ── How the lab behaves (from its code; each line says where) ─────────────

export const ACTIVITY = {
  /** services/shared/faults.ts reads the service's lab-faults item once a second… */
  faultPollsPerTaskHour: 3_600,
  /** …with an eventually consistent GetItem of an item under 4 KB: half a read unit. */
  faultPollReadUnits: 0.5,
  /** services/shared/consumer.ts long-polls 20 s (RECEIVE_WAIT_SECONDS): 180 receives an hour, idle or not. */
  receivesPerPollerHour: 180,
  /** Lambda polls an SQS event source with five long polls to begin with. */
  eventSourcePollers: 5,
  /** The health checker: 4 probes plus breaker reads and writes, about half a second. */
  scheduledRunSeconds: 0.5,
  /** Per health-checker run: a strongly consistent check and a record per routed service. */
  scheduledRunReadUnits: 8,
  scheduledRunWriteUnits: 4,
  /** Per health-checker run, one PutMetricData. */
  scheduledRunPutMetricData: 1,
  /** Any other invocation (the analytics consumer, the breaker manager): about 100 ms. */
  invocationSeconds: 0.1,
  /** Per order: order-service checks and records both breakers (strongly consistent). */
  orderReadUnits: 4,
  orderWriteUnits: 2,
  /** Per order, order-service calls user-service and inventory-service: no new trace, no ALB request. */
  internalCallsPerOrder: 2,
  /** Each message: sent (by SNS), received, deleted. */
  sqsRequestsPerMessage: 3,
  /** Log bytes: per task-hour (start-up, fault changes, warnings; health checks log at debug)… */
  logBytesPerTaskHour: 100_000,
  /** …per business request (one JSON line)… */
  logBytesPerRequest: 400,
  /** …per Lambda invocation (START, END, REPORT and the handler's lines). */
  logBytesPerInvocation: 1_500,
  /** ALB: one new connection per request (25 a second make an LCU); ~2 KB each way is far below 1 GB/h. */
  albNewConnectionsPerLcuSecond: 25,
  /** Storage the inventory does not measure: Lambda bundles and templates, and one image per repository. */
  artifactsGb: 0.01,
  imageGbPerRepository: 0.1,
} as const;

/** Runs an hour of an EventBridge schedule: `rate(1 minute)` → 60, `rate(5 minutes)` → 12; cron → 60 (at most once a minute). */
export function ratePerHour(expression: string | undefined): number {
  const m = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(expression?.trim() ?? "");
  if (!m) return expression?.startsWith("cron(") ? 60 : 0;
  const n = Number(m[1]);
  const minutes = m[2].startsWith("minute") ? n : m[2].startsWith("hour") ? n * 60 : n * 1440;
  return minutes > 0 ? 60 / minutes : 0;
}

// ── Line items ──────────────────────────────────────────────────────────

export const LINE_GROUPS = ["Mesh", "Compute", "Network", "Serverless", "Messaging", "Observability", "Discovery and storage", "Console"] as const;
export type LineGroup = (typeof LINE_GROUPS)[number];

export interface CostLine {
  id: string;
  group: LineGroup;
  label: string;
  /** What it covers: "user-service, order-service, …". */
  resources: string[];
  quantity: number;
  /** "vCPU", "addresses", "requests so far". */
  quantityUnit: string;
  /** The unit price as listed, and where it is listed. */
  price: { key: PriceKey; value: number; per: number; unit: string; source: string };
  /** $/h now: capacity plus background activity. */
  hourly: number;
  /** $ since deploy: the hourly part × time deployed, plus usage × unit price. */
  accrued: number;
  basis: "time" | "usage" | "time+usage";
  note?: string;
}

const HOUR_MS = 3_600_000;
const hoursSince = (since: string, now: Date) => Math.max(0, (now.getTime() - Date.parse(since)) / HOUR_MS);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const values = (r: Record<string, number> | undefined) => Object.values(r ?? {});
const names = (xs: readonly Deployed[]) => xs.map((x) => x.name);

interface TimePart {
  name: string;
  since: string;
  /** Units billed per hour (vCPU, addresses, metric-months/730 …) or units of activity per hour. */
  perHour: number;
}

interface LineSpec {
  id: string;
  group: LineGroup;
  label: string;
  key: PriceKey;
  /** Time-based parts; hourly = Σ perHour × unit price. */
  time?: TimePart[];
  /** Units used by traffic so far (requests, GB-s, LCU-hours). */
  usage?: number;
  /** The quantity shown and its unit; defaults to Σ perHour of the time parts. */
  quantity?: number;
  quantityUnit: string;
  resources?: string[];
  note?: string;
  /** A one-off charge already incurred (a hosted zone kept more than 12 h). */
  oneOff?: number;
}

function line(spec: LineSpec, region: string, now: Date): CostLine {
  const p = unitPrice(spec.key, region);
  const listed = listedPrice(spec.key, region);
  const time = spec.time ?? [];
  const hourly = sum(time.map((t) => t.perHour)) * p;
  const accrued = sum(time.map((t) => t.perHour * hoursSince(t.since, now))) * p + (spec.usage ?? 0) * p + (spec.oneOff ?? 0);
  const basis = time.length && spec.usage !== undefined ? "time+usage" : spec.usage !== undefined ? "usage" : "time";
  return {
    id: spec.id,
    group: spec.group,
    label: spec.label,
    resources: spec.resources ?? [...new Set(time.map((t) => t.name))],
    quantity: spec.quantity ?? sum(time.map((t) => t.perHour)),
    quantityUnit: spec.quantityUnit,
    price: { key: spec.key, value: listed.value, per: listed.per, unit: listed.unit, source: listed.source },
    hourly,
    accrued,
    basis,
    note: spec.note,
  };
}

/** Invocations per function so far: measured when CloudWatch has them, else from schedules and event sources. */
export function invocationsSoFar(inv: LabInventory, usage: Usage | undefined, now: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const fn of inv.functions) {
    const measured = usage?.invocationsByFunction?.[fn.name];
    if (measured !== undefined) {
      out[fn.name] = measured;
      continue;
    }
    const scheduled = sum(inv.schedules.filter((s) => s.target === fn.name).map((s) => s.perHour * hoursSince(s.since, now)));
    const sent = messagesSent(usage).byQueue;
    const consumed = sum(inv.eventSources.filter((e) => e.target === fn.name).map((e) => sent[e.queue ?? ""] ?? 0));
    out[fn.name] = scheduled + consumed;
  }
  return out;
}

/** Requests that entered through the load balancer: each order's calls to its two peers stay inside. */
export function edgeRequests(usage: Usage | undefined): number {
  const byService = usage?.requestsByService ?? {};
  const total = sum(values(byService));
  const orders = byService[SERVICES.order] ?? 0;
  return Math.max(orders, total - ACTIVITY.internalCallsPerOrder * orders);
}

/** Queues an `order_created` event reaches (the event contract's subscriptions on order-events). */
const ORDER_CREATED_QUEUES = SUBSCRIPTIONS.filter((s) => {
  const types = s.filterPolicy?.eventType;
  return s.topic === TOPICS.orderEvents && (!Array.isArray(types) || types.includes("order_created"));
}).map((s) => s.queue);

/**
 * Messages sent per queue: CloudWatch's counts where the target publishes them (AWS does), or
 * else an estimate from the orders, each of which publishes one order_created.
 */
export function messagesSent(usage: Usage | undefined): { byQueue: Record<string, number>; estimated: boolean } {
  if (usage?.messagesSentByQueue) return { byQueue: usage.messagesSentByQueue, estimated: false };
  const orders = usage?.requestsByService?.[SERVICES.order] ?? 0;
  return { byQueue: Object.fromEntries(ORDER_CREATED_QUEUES.map((q) => [q, orders])), estimated: orders > 0 };
}

/**
 * The scheduled Lambda runs, as background activity. When CloudWatch measured the function,
 * its count already holds them: they start "now" so they add to the rate, not to the past.
 */
function scheduledRuns(inv: LabInventory, usage: Usage | undefined, now: Date): TimePart[] {
  return inv.schedules
    .filter((s): s is ScheduleInfo & { target: string } => !!s.target && inv.functions.some((f) => f.name === s.target))
    .map((s) => ({ name: s.target, since: usage?.invocationsByFunction?.[s.target] !== undefined ? now.toISOString() : s.since, perHour: s.perHour }));
}

const MESH_LABELS = {
  appmesh: { label: "App Mesh (Envoy sidecars)", key: "appmesh.mesh", note: "No charge of its own: Envoy runs inside each task's CPU and memory. App Mesh can no longer be created on AWS (discontinued 2026-09-30)." },
  "service-connect": { label: "ECS Service Connect (proxy sidecars)", key: "ecs.serviceConnect", note: "No charge of its own: the proxy runs inside each task's CPU and memory." },
} as const;

/** Every line item for what is deployed, priced in `region`, as of `now`. */
export function costLines(inv: LabInventory, usage: Usage | undefined, region: string, now: Date): CostLine[] {
  const priced = (spec: LineSpec) => line(spec, region, now);
  const tasks = inv.tasks.filter((t) => t.count > 0);
  const lines: CostLine[] = [];
  const monthly = 1 / PRICES.hoursPerMonth;
  const runs = scheduledRuns(inv, usage, now);

  // Mesh: free either way, shown because the seed's biggest line is here.
  for (const proxy of ["appmesh", "service-connect"] as const) {
    const withProxy = tasks.filter((t) => t.proxy === proxy);
    if (!withProxy.length) continue;
    const m = MESH_LABELS[proxy];
    lines.push(priced({ id: "mesh", group: "Mesh", label: m.label, key: m.key, quantityUnit: "proxies", time: withProxy.map((t) => ({ name: t.name, since: t.since, perHour: t.count })), note: m.note }));
  }

  if (tasks.length) {
    lines.push(
      priced({ id: "fargate-vcpu", group: "Compute", label: "Fargate vCPU", key: "fargate.vcpuHour", quantityUnit: "vCPU", time: tasks.map((t) => ({ name: t.name, since: t.since, perHour: (t.count * t.cpuUnits) / 1024 })) }),
      priced({ id: "fargate-memory", group: "Compute", label: "Fargate memory", key: "fargate.gbHour", quantityUnit: "GB", time: tasks.map((t) => ({ name: t.name, since: t.since, perHour: (t.count * t.memoryMiB) / 1024 })) }),
    );
  }

  const publicIps: TimePart[] = [
    ...tasks.filter((t) => t.publicIp).map((t) => ({ name: t.name, since: t.since, perHour: t.count })),
    ...inv.loadBalancers.filter((lb) => lb.internetFacing).map((lb) => ({ name: lb.name, since: lb.since, perHour: lb.zones })),
  ];
  if (publicIps.length) {
    lines.push(priced({ id: "public-ipv4", group: "Network", label: "Public IPv4 addresses", key: "vpc.publicIpv4Hour", quantityUnit: "addresses", time: publicIps, note: "One per task with a public IP and one per ALB Availability Zone; the lab uses these instead of a NAT gateway." }));
  }
  if (inv.loadBalancers.length) {
    const edge = edgeRequests(usage);
    lines.push(
      priced({ id: "alb", group: "Network", label: "Application Load Balancer", key: "alb.hour", quantityUnit: "load balancers", time: inv.loadBalancers.map((lb) => ({ name: lb.name, since: lb.since, perHour: 1 })) }),
      priced({
        id: "alb-lcu",
        group: "Network",
        label: "ALB capacity units",
        key: "alb.lcuHour",
        quantityUnit: "LCU-hours so far",
        usage: edge / (ACTIVITY.albNewConnectionsPerLcuSecond * 3600),
        quantity: edge / (ACTIVITY.albNewConnectionsPerLcuSecond * 3600),
        resources: names(inv.loadBalancers),
        note: `${Math.round(edge).toLocaleString("en-US")} requests through the load balancer, one new connection each.`,
      }),
    );
  }

  // Lambda: scheduled runs are background (time); the rest is usage. When CloudWatch measured
  // a function, its count already holds the scheduled runs, so they move to usage.
  if (inv.functions.length) {
    const invocations = invocationsSoFar(inv, usage, now);
    const memoryGb = (fn: string) => (inv.functions.find((f) => f.name === fn)?.memoryMb ?? 128) / 1024;
    const seconds = (fn: string) => {
      const ms = usage?.durationMsByFunction?.[fn];
      if (ms !== undefined && invocations[fn] > 0) return ms / 1000 / invocations[fn];
      return inv.schedules.some((s) => s.target === fn) ? ACTIVITY.scheduledRunSeconds : ACTIVITY.invocationSeconds;
    };
    const scheduledSoFar = (fn: string) => sum(runs.filter((r) => r.name === fn).map((r) => r.perHour * hoursSince(r.since, now)));
    const byUse = (fn: string) => Math.max(0, invocations[fn] - scheduledSoFar(fn));
    const fns = inv.functions.map((f) => f.name);
    lines.push(
      priced({
        id: "lambda-requests",
        group: "Serverless",
        label: "Lambda requests",
        key: "lambda.requests",
        quantityUnit: "invocations so far",
        time: runs,
        usage: sum(fns.map(byUse)),
        quantity: sum(fns.map((f) => invocations[f])),
        resources: fns,
      }),
      priced({
        id: "lambda-compute",
        group: "Serverless",
        label: "Lambda compute",
        key: "lambda.gbSecond",
        quantityUnit: "GB-s so far",
        time: runs.map((r) => ({ ...r, perHour: r.perHour * seconds(r.name) * memoryGb(r.name) })),
        usage: sum(fns.map((f) => byUse(f) * seconds(f) * memoryGb(f))),
        quantity: sum(fns.map((f) => invocations[f] * seconds(f) * memoryGb(f))),
        resources: fns,
      }),
    );
  }

  // DynamoDB: background fault polling and health checks; orders read and write the breakers.
  if (inv.tables.length) {
    const orders = usage?.requestsByService?.[SERVICES.order] ?? 0;
    const schedules = inv.schedules.filter((s) => s.target);
    const reads: TimePart[] = [
      ...tasks.map((t) => ({ name: t.name, since: t.since, perHour: t.count * ACTIVITY.faultPollsPerTaskHour * ACTIVITY.faultPollReadUnits })),
      ...schedules.map((s) => ({ name: s.name, since: s.since, perHour: s.perHour * ACTIVITY.scheduledRunReadUnits })),
    ];
    const writes: TimePart[] = schedules.map((s) => ({ name: s.name, since: s.since, perHour: s.perHour * ACTIVITY.scheduledRunWriteUnits }));
    const soFar = (parts: TimePart[], perOrder: number) => sum(parts.map((p) => p.perHour * hoursSince(p.since, now))) + orders * perOrder;
    lines.push(
      priced({ id: "dynamodb-reads", group: "Serverless", label: "DynamoDB reads", key: "dynamodb.readRequestUnit", quantityUnit: "read units so far", time: reads, usage: orders * ACTIVITY.orderReadUnits, quantity: soFar(reads, ACTIVITY.orderReadUnits), resources: names(inv.tables), note: "Every task reads its fault record once a second; every order checks and records both breakers." }),
      priced({ id: "dynamodb-writes", group: "Serverless", label: "DynamoDB writes", key: "dynamodb.writeRequestUnit", quantityUnit: "write units so far", time: writes, usage: orders * ACTIVITY.orderWriteUnits, quantity: soFar(writes, ACTIVITY.orderWriteUnits), resources: names(inv.tables) }),
    );
  }

  // Messaging
  const sent = messagesSent(usage);
  const messages = sum(values(sent.byQueue));
  const estimatedNote = sent.estimated ? " Messages are estimated from the orders: this target publishes no SQS counts." : "";
  if (inv.queues.length) {
    const polls: TimePart[] = [
      ...tasks.filter((t) => t.queuesPolled > 0).map((t) => ({ name: t.name, since: t.since, perHour: t.count * t.queuesPolled * ACTIVITY.receivesPerPollerHour })),
      ...inv.eventSources.map((e) => ({ name: e.name, since: e.since, perHour: ACTIVITY.eventSourcePollers * ACTIVITY.receivesPerPollerHour })),
    ];
    lines.push(
      priced({
        id: "sqs",
        group: "Messaging",
        label: "SQS requests",
        key: "sqs.requests",
        quantityUnit: "requests so far",
        time: polls,
        usage: messages * ACTIVITY.sqsRequestsPerMessage,
        quantity: sum(polls.map((p) => p.perHour * hoursSince(p.since, now))) + messages * ACTIVITY.sqsRequestsPerMessage,
        resources: names(inv.queues),
        note: `Long polls (consumers and Lambda's pollers) are billed even when the queue is empty; each message adds a send, a receive and a delete.${estimatedNote}`,
      }),
    );
  }
  if (inv.topics.length) {
    // The analytics queue subscribes to every event topic without a filter: one message per publish.
    const publishes = sent.byQueue[QUEUES.analytics] ?? 0;
    lines.push(priced({ id: "sns", group: "Messaging", label: "SNS publishes", key: "sns.requests", quantityUnit: "publishes so far", usage: publishes, quantity: publishes, resources: names(inv.topics), note: `Counted from the analytics queue, which receives every event.${estimatedNote}` }));
  }

  // Observability
  if (inv.customMetrics.count > 0) {
    lines.push(priced({ id: "cloudwatch-metrics", group: "Observability", label: "CloudWatch custom metrics", key: "cloudwatch.metricMonth", quantityUnit: "metrics", time: [{ name: "CrossServiceLab namespace", since: inv.customMetrics.since, perHour: inv.customMetrics.count * monthly }], quantity: inv.customMetrics.count, note: "Prorated by the hour; an hour without data for a metric is not billed, so this is an upper bound." }));
  }
  const highRes = inv.alarms.filter((a) => a.periodSeconds < 60);
  const standard = inv.alarms.filter((a) => a.periodSeconds >= 60);
  if (highRes.length) {
    lines.push(priced({ id: "cloudwatch-alarms-high-res", group: "Observability", label: "High-resolution alarms", key: "cloudwatch.alarmHighResolutionMonth", quantityUnit: "alarms", time: highRes.map((a) => ({ name: a.name, since: a.since, perHour: monthly })), quantity: highRes.length, note: "10 s periods: three times the price of a standard alarm." }));
  }
  if (standard.length) {
    lines.push(priced({ id: "cloudwatch-alarms", group: "Observability", label: "Standard alarms", key: "cloudwatch.alarmStandardMonth", quantityUnit: "alarms", time: standard.map((a) => ({ name: a.name, since: a.since, perHour: monthly })), quantity: standard.length }));
  }
  if (inv.dashboards.length) {
    lines.push(priced({ id: "cloudwatch-dashboard", group: "Observability", label: "CloudWatch dashboard", key: "cloudwatch.dashboardMonth", quantityUnit: "dashboards", time: inv.dashboards.map((d) => ({ name: d.name, since: d.since, perHour: monthly })), quantity: inv.dashboards.length }));
  }
  if (inv.customMetrics.count > 0 || inv.schedules.length) {
    const runs: TimePart[] = inv.schedules.filter((s) => s.target).map((s) => ({ name: s.name, since: s.since, perHour: s.perHour * ACTIVITY.scheduledRunPutMetricData }));
    const calls = usage?.putMetricDataCalls ?? 0;
    lines.push(priced({ id: "cloudwatch-put", group: "Observability", label: "CloudWatch PutMetricData", key: "cloudwatch.putMetricDataRequests", quantityUnit: "calls so far", time: runs, usage: calls, quantity: sum(runs.map((r) => r.perHour * hoursSince(r.since, now))) + calls, resources: ["services", ...names(inv.schedules)], note: "Each service sends its metrics every 5 s while it has traffic." }));
  }
  if (inv.logGroups.length) {
    const gb = 1e-9;
    const invocations = sum(values(invocationsSoFar(inv, usage, now)));
    const requests = sum(values(usage?.requestsByService));
    // Scheduled runs log in the background (time); the other invocations and the requests by use.
    const time: TimePart[] = [
      ...tasks.map((t) => ({ name: t.name, since: t.since, perHour: t.count * ACTIVITY.logBytesPerTaskHour * gb })),
      ...runs.map((r) => ({ ...r, perHour: r.perHour * ACTIVITY.logBytesPerInvocation * gb })),
    ];
    const scheduled = sum(runs.map((r) => r.perHour * hoursSince(r.since, now)));
    const usageGb = (Math.max(0, invocations - scheduled) * ACTIVITY.logBytesPerInvocation + requests * ACTIVITY.logBytesPerRequest) * gb;
    lines.push(priced({ id: "logs", group: "Observability", label: "CloudWatch Logs ingestion", key: "logs.ingestionGb", quantityUnit: "GB so far", time, usage: usageGb, quantity: sum(time.map((t) => t.perHour * hoursSince(t.since, now))) + usageGb, resources: names(inv.logGroups), note: "Estimated from the lab's log lines: about 400 bytes per request and 1.5 KB per invocation. Storage of a few MB is left out." }));
  }
  if (tasks.length) {
    const traces = edgeRequests(usage);
    lines.push(priced({ id: "xray", group: "Observability", label: "X-Ray traces", key: "xray.tracesRecorded", quantityUnit: "traces so far", usage: traces, quantity: traces, resources: names(tasks), note: "The services sample every request: one trace per request through the load balancer." }));
  }

  // Discovery and storage
  const registered = tasks.filter((t) => t.discovery);
  if (registered.length) {
    lines.push(priced({ id: "cloudmap", group: "Discovery and storage", label: "Cloud Map registered instances", key: "cloudmap.registeredResourceMonth", quantityUnit: "instances", time: registered.map((t) => ({ name: t.name, since: t.since, perHour: t.count * monthly })), quantity: sum(registered.map((t) => t.count)) }));
  }
  if (inv.hostedZones.length) {
    const charged = inv.hostedZones.filter((z) => hoursSince(z.since, now) > 12).length;
    lines.push(priced({ id: "route53", group: "Discovery and storage", label: "Route 53 private hosted zone", key: "route53.hostedZoneMonth", quantityUnit: "hosted zones", quantity: inv.hostedZones.length, resources: names(inv.hostedZones), oneOff: charged * unitPrice("route53.hostedZoneMonth", region), note: "$0.50 a month, but nothing if it is deleted within 12 hours of its creation: clean up the same day." }));
  }
  if (inv.buckets.length) {
    lines.push(priced({ id: "s3", group: "Discovery and storage", label: "S3 artifacts", key: "s3.storageGbMonth", quantityUnit: "GB (estimated)", time: inv.buckets.map((b) => ({ name: b.name, since: b.since, perHour: ACTIVITY.artifactsGb * monthly })), quantity: inv.buckets.length * ACTIVITY.artifactsGb }));
  }
  if (inv.repositories.length) {
    lines.push(priced({ id: "ecr", group: "Discovery and storage", label: "ECR images", key: "ecr.storageGbMonth", quantityUnit: "GB (estimated)", time: inv.repositories.map((r) => ({ name: r.name, since: r.since, perHour: ACTIVITY.imageGbPerRepository * monthly })), quantity: inv.repositories.length * ACTIVITY.imageGbPerRepository }));
  }
  if (inv.schedules.length) {
    lines.push(priced({ id: "eventbridge", group: "Serverless", label: "EventBridge schedule", key: "eventbridge.scheduledRules", quantityUnit: "rules", quantity: inv.schedules.length, resources: names(inv.schedules), time: inv.schedules.map((s) => ({ name: s.name, since: s.since, perHour: s.perHour })), note: "Scheduled rules on the default bus are free." }));
  }
  return lines.sort((a, b) => LINE_GROUPS.indexOf(a.group) - LINE_GROUPS.indexOf(b.group));
}

export interface CostTotals {
  hourly: number;
  accrued: number;
}

export function totals(lines: readonly CostLine[]): CostTotals {
  return { hourly: sum(lines.map((l) => l.hourly)), accrued: sum(lines.map((l) => l.accrued)) };
}

// ── The lab as its templates deploy it, for estimates before anything exists ──

/** Queues each service polls (the task definitions' *_QUEUE_URL variables). */
const QUEUES_POLLED: Record<string, number> = { [SERVICES.inventory]: 1, [SERVICES.inventoryV2]: 1, [SERVICES.notification]: 1 };

/**
 * The lab as cloudformation/*.yaml deploys it with default parameters (one task per service,
 * 0.25 vCPU and 0.5 GB each, public IPs, an internet-facing ALB in two AZs, …). The model's
 * tests check this against the templates, so it cannot drift from them silently.
 */
export function standardLab(variant: MeshVariant, since: string): LabInventory {
  const d = (name: string): Deployed => ({ name, since });
  return {
    variant,
    tasks: Object.values(SERVICES).map((name) => ({
      name,
      since,
      count: 1,
      cpuUnits: 256,
      memoryMiB: 512,
      publicIp: true,
      proxy: variant === "appmesh" ? "appmesh" : "service-connect",
      discovery: true,
      queuesPolled: QUEUES_POLLED[name] ?? 0,
    })),
    loadBalancers: [{ name: "cross-service-lab ALB", since, internetFacing: true, zones: 2 }],
    functions: Object.values(LAMBDAS).map((name) => ({ name, since, memoryMb: 256 })),
    schedules: [{ name: "health-check schedule", since, perHour: ratePerHour(HEALTH_CHECK_SCHEDULE), target: LAMBDAS.healthChecker }],
    eventSources: [{ name: `${QUEUES.analytics} → ${LAMBDAS.analyticsConsumer}`, since, target: LAMBDAS.analyticsConsumer, queue: QUEUES.analytics }],
    alarms: BREAKER_SERVICES.map((s) => ({ name: `${s} breaker open`, since, periodSeconds: 10 })),
    dashboards: [d("cross-service-lab")],
    // Requests, Errors, Latency per service; CircuitBreakerState per breaker; EventsProcessed per event type.
    customMetrics: { count: 3 * Object.values(SERVICES).length + BREAKER_SERVICES.length + EVENT_TYPES.length, since },
    tables: [d("circuit-breaker-state"), d("lab-faults")],
    queues: Object.values(QUEUES).flatMap((q) => [d(q), d(`${q}-dlq`)]),
    topics: ["order-events", "user-events", "inventory-events", "lab-alarms"].map(d),
    buckets: [d("artifacts bucket")],
    repositories: Object.values(SERVICES).map((s) => d(`cross-service-lab/${s}`)),
    logGroups: [...Object.values(SERVICES).map((s) => d(`/ecs/${s}`)), ...Object.values(LAMBDAS).map((f) => d(`/aws/lambda/${f}`))],
    hostedZones: variant === "appmesh" ? [d("cross-service.local")] : [],
  };
}

/**
 * A 2-hour session as we assume it: 3,000 orders (mostly the load generator) and 1,000 other
 * requests through the ALB, 200 events published by hand on top of one order_created per
 * order, 50 breaker-manager invocations, services busy for 30 minutes, and the console's
 * charts open for an hour on AWS (10 metrics every 10 s).
 */
export const SESSION = {
  hours: 2,
  usage: {
    requestsByService: {
      [SERVICES.order]: 3_000,
      [SERVICES.user]: 3_500,
      [SERVICES.inventory]: 3_000,
      [SERVICES.inventoryV2]: 300,
      [SERVICES.notification]: 200,
    },
    messagesSentByQueue: {
      [QUEUES.analytics]: 3_200,
      [QUEUES.orderProcessing]: 3_100,
      [QUEUES.notifications]: 3_150,
      [`${QUEUES.orderProcessing}-dlq`]: 10,
    },
    invocationsByFunction: { [LAMBDAS.circuitBreakerManager]: 50 },
    // 5 services × 30 minutes × 12 flushes a minute.
    putMetricDataCalls: 1_800,
  } satisfies Usage,
  /** GetMetricData: 10 metrics every 10 s for an hour. */
  chartMetricsRequested: 3_600,
} as const;

export interface LabEstimate {
  variant: MeshVariant;
  region: string;
  hours: number;
  lines: CostLine[];
  total: number;
  hourly: number;
}

/** What `hours` of the lab cost in `region`, deployed as the templates do, with the session's traffic. */
export function estimateLab(variant: MeshVariant, region: string, hours: number = SESSION.hours, usage: Usage = SESSION.usage): LabEstimate {
  const now = new Date(Date.UTC(2026, 0, 1));
  const since = new Date(now.getTime() - hours * HOUR_MS).toISOString();
  const scale = hours / SESSION.hours;
  const lines = costLines(standardLab(variant, since), usage, region, now);
  const charts = SESSION.chartMetricsRequested * scale;
  lines.push(
    line(
      { id: "console-charts", group: "Console", label: "Console live charts (GetMetricData)", key: "cloudwatch.getMetricDataMetrics", quantityUnit: "metrics requested", usage: charts, quantity: charts, resources: ["this console, on AWS"], note: "Charts open for half the session, 10 metrics every 10 s. Locally the emulator answers for free." },
      region,
      now,
    ),
  );
  const t = totals(lines);
  return { variant, region: priceRegion(region), hours, lines, total: t.accrued, hourly: t.hourly };
}

/**
 * About what the lab costs per hour on AWS in `region` once deployed, before any traffic:
 * for the deploy button ("Deploying costs about $0.14/h on AWS").
 */
export function projectedHourly(variant: MeshVariant, region: string): number {
  return totals(costLines(standardLab(variant, new Date(0).toISOString()), undefined, region, new Date(0))).hourly;
}

/**
 * The deploy warning in words: "Deploying costs about $0.14/h on AWS (us-east-1)." Where the
 * target is not billed it says what the same lab would cost there instead.
 */
export function projectedHourlyText(variant: MeshVariant, region: string, billed: boolean): string {
  const rate = formatRate(projectedHourly(variant, region));
  const where = `AWS (${priceRegion(region)})`;
  return billed
    ? `Deploying costs about ${rate} on ${where} until you clean up.`
    : `Free here on the local emulator; on ${where} the same lab costs about ${rate}.`;
}

// ── The seed's table, line by line ──────────────────────────────────────

export interface SeedLine {
  id: string;
  item: string;
  /** As the seed writes it. */
  text: string;
  /** The seed's arithmetic, where it gives one. */
  formula?: { unitPrice: number; quantity: number; hours: number };
  /** The amount the seed states. */
  stated: number;
}

/** seed/lab-readme.md, "Cost Estimation": "Estimated costs for a 2-hour lab session". */
export const SEED_TABLE: readonly SeedLine[] = [
  { id: "appmesh", item: "App Mesh", text: "$0.043 per proxy per hour × 6 proxies × 2 hours", formula: { unitPrice: 0.043, quantity: 6, hours: 2 }, stated: 0.52 },
  { id: "fargate-vcpu", item: "ECS Fargate", text: "$0.04048 per vCPU per hour × 3 vCPUs × 2 hours", formula: { unitPrice: 0.04048, quantity: 3, hours: 2 }, stated: 0.24 },
  { id: "fargate-memory", item: "ECS Fargate Memory", text: "$0.004445 per GB per hour × 6 GB × 2 hours", formula: { unitPrice: 0.004445, quantity: 6, hours: 2 }, stated: 0.05 },
  { id: "alb", item: "Application Load Balancer", text: "$0.0225 per hour × 2 hours", formula: { unitPrice: 0.0225, quantity: 1, hours: 2 }, stated: 0.05 },
  { id: "lambda", item: "Lambda", text: "$0.20 per 1M requests (minimal usage)", stated: 0.01 },
  { id: "dynamodb", item: "DynamoDB", text: "On-demand pricing (minimal usage)", stated: 0.01 },
  { id: "sqs", item: "SQS", text: "$0.40 per million requests (first 1M free)", stated: 0 },
  { id: "sns", item: "SNS", text: "$0.50 per million requests (first 1M free)", stated: 0 },
  { id: "cloudwatch", item: "CloudWatch", text: "Logs and metrics (minimal usage)", stated: 0.02 },
];
export const SEED_STATED_TOTAL = 0.9;
export const SEED_HOURS = 2;

export interface SeedEstimate {
  lines: (SeedLine & { computed: number; rounded: number })[];
  /** Σ of the unrounded amounts (0.89722). */
  total: number;
  /** Σ of the amounts as stated (0.90). */
  statedTotal: number;
}

/** The seed's table recomputed from its own figures; each line rounds to what the seed states. */
export function seedEstimate(): SeedEstimate {
  const lines = SEED_TABLE.map((l) => {
    const computed = l.formula ? l.formula.unitPrice * l.formula.quantity * l.formula.hours : l.stated;
    return { ...l, computed, rounded: roundMoney(computed, 2) };
  });
  return { lines, total: sum(lines.map((l) => l.computed)), statedTotal: sum(lines.map((l) => l.stated)) };
}

// ── Seed vs ours, row by row ────────────────────────────────────────────

export interface ComparisonRow {
  item: string;
  seed?: number;
  /** The seed's own words for the row. */
  seedText?: string;
  ours: Record<MeshVariant, number>;
  why: string;
}

/** Which of our lines each of the seed's rows covers; rows the seed lacks follow. */
const ROW_LINES: { item: string; seedId?: string; lines: string[] }[] = [
  { item: "App Mesh / Service Connect", seedId: "appmesh", lines: ["mesh"] },
  { item: "ECS Fargate vCPU", seedId: "fargate-vcpu", lines: ["fargate-vcpu"] },
  { item: "ECS Fargate memory", seedId: "fargate-memory", lines: ["fargate-memory"] },
  { item: "Application Load Balancer", seedId: "alb", lines: ["alb", "alb-lcu"] },
  { item: "Lambda", seedId: "lambda", lines: ["lambda-requests", "lambda-compute"] },
  { item: "DynamoDB", seedId: "dynamodb", lines: ["dynamodb-reads", "dynamodb-writes"] },
  { item: "SQS", seedId: "sqs", lines: ["sqs"] },
  { item: "SNS", seedId: "sns", lines: ["sns"] },
  { item: "CloudWatch", seedId: "cloudwatch", lines: ["cloudwatch-metrics", "cloudwatch-alarms-high-res", "cloudwatch-alarms", "cloudwatch-dashboard", "cloudwatch-put", "logs"] },
  { item: "Public IPv4 addresses", lines: ["public-ipv4"] },
  { item: "X-Ray", lines: ["xray"] },
  { item: "Cloud Map and Route 53", lines: ["cloudmap", "route53"] },
  { item: "S3 and ECR storage", lines: ["s3", "ecr"] },
  { item: "EventBridge", lines: ["eventbridge"] },
  { item: "Console live charts", lines: ["console-charts"] },
];

export interface SeedComparison {
  hours: number;
  region: string;
  seed: SeedEstimate;
  ours: Record<MeshVariant, LabEstimate>;
  rows: ComparisonRow[];
  session: string;
}

const fmt = (n: number, digits = 2) => n.toLocaleString("en-US", { maximumFractionDigits: digits });

/** The seed's table beside ours for the same 2 hours, per variant, with why each row differs. */
export function compareWithSeed(region: string): SeedComparison {
  const seed = seedEstimate();
  const ours = { appmesh: estimateLab("appmesh", region, SEED_HOURS), connect: estimateLab("connect", region, SEED_HOURS) };
  const lab = standardLab("connect", new Date(0).toISOString());
  const tasks = lab.tasks.length;
  const vcpu = sum(lab.tasks.map((t) => (t.count * t.cpuUnits) / 1024));
  const gb = sum(lab.tasks.map((t) => (t.count * t.memoryMiB) / 1024));
  const ips = sum(lab.tasks.map((t) => t.count)) + sum(lab.loadBalancers.map((l) => l.zones));
  const orders = SESSION.usage.requestsByService[SERVICES.order];
  const hours = SEED_HOURS;
  const price = (key: PriceKey) => listedPrice(key, region).value;
  const why: Record<string, string> = {
    "App Mesh / Service Connect": `The seed charges $0.043 per Envoy proxy-hour, a price AWS never published: App Mesh had no charge of its own, and the proxies run inside each task's CPU and memory. App Mesh ended on 2026-09-30; Service Connect, its successor, is free too.`,
    "ECS Fargate vCPU": `The seed assumes 3 vCPU. The lab runs ${tasks} tasks of ${fmt(vcpu / tasks)} vCPU (${fmt(vcpu)} vCPU), proxy sidecar included.`,
    "ECS Fargate memory": `The seed assumes 6 GB. The lab runs ${tasks} tasks of ${fmt(gb / tasks)} GB (${fmt(gb)} GB).`,
    "Application Load Balancer": `The same hourly price, plus capacity units for your traffic: ${fmt(edgeRequests(SESSION.usage), 0)} requests come to a fraction of a cent.`,
    Lambda: `The health checker runs every minute (${fmt(ratePerHour(HEALTH_CHECK_SCHEDULE) * hours, 0)} runs), the analytics consumer once per event: well under a cent. The seed rounds "minimal usage" up.`,
    DynamoDB: `Each task reads its fault record once a second (${fmt(tasks * ACTIVITY.faultPollsPerTaskHour * hours, 0)} reads in ${hours} h) and each of ${fmt(orders, 0)} orders reads and writes both breakers.`,
    SQS: `Idle long polls and Lambda's pollers are billed too, plus a send, a receive and a delete per message. The seed applies the free tier; we do not.`,
    SNS: "One publish per event. The seed applies the free tier; we do not.",
    CloudWatch: `${lab.customMetrics.count} custom metrics, ${lab.alarms.length} high-resolution alarms ($${price("cloudwatch.alarmHighResolutionMonth").toFixed(2)} a month each, three times a standard alarm), the dashboard ($${price("cloudwatch.dashboardMonth").toFixed(2)} a month), PutMetricData every 5 s while services are busy, and log ingestion.`,
    "Public IPv4 addresses": `Not in the seed: since February 2024 every public IPv4 address costs $${price("vpc.publicIpv4Hour")}/h. ${tasks} tasks and ${ips - tasks} ALB nodes hold ${ips}. The lab uses them instead of a NAT gateway ($${price("natgateway.hour")}/h).`,
    "X-Ray": `Not in the seed: the services trace every request, $${price("xray.tracesRecorded").toFixed(2)} per million traces.`,
    "Cloud Map and Route 53": "Not in the seed: a few Cloud Map registrations; the App Mesh variant's private hosted zone is free if deleted within 12 hours.",
    "S3 and ECR storage": "Not in the seed: Lambda bundles and container images, cents a month.",
    EventBridge: "The health checker's schedule is free on the default bus.",
    "Console live charts": "Not in the seed: on AWS every chart refresh calls GetMetricData. Assumes charts open for an hour, 10 metrics every 10 s.",
  };
  const lineSum = (e: LabEstimate, ids: string[]) => sum(e.lines.filter((l) => ids.includes(l.id)).map((l) => l.accrued));
  const rows = ROW_LINES.map((r) => ({
    item: r.item,
    seed: r.seedId ? seed.lines.find((l) => l.id === r.seedId)?.stated : undefined,
    seedText: r.seedId ? seed.lines.find((l) => l.id === r.seedId)?.text : undefined,
    ours: { appmesh: lineSum(ours.appmesh, r.lines), connect: lineSum(ours.connect, r.lines) },
    why: why[r.item],
  }));
  const session = `${fmt(orders, 0)} orders and ${fmt(edgeRequests(SESSION.usage) - orders, 0)} other requests, ${fmt(SESSION.usage.messagesSentByQueue[QUEUES.analytics], 0)} events, charts open an hour; free tiers not applied.`;
  return { hours, region: priceRegion(region), seed, ours, rows, session };
}
