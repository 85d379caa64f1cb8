// One check per exercise step. Each reads the lab's real state through the SDK (the same
// calls on the emulator and on AWS) and says what is missing when it fails. Where a step
// is about something that happens ("publish an event"), the check only counts evidence from
// after the step started, so it fails until the learner has done it.
import { AppMeshClient, DescribeRouteCommand, ListMeshesCommand, ListRoutesCommand, ListVirtualRoutersCommand, ListVirtualServicesCommand } from "@aws-sdk/client-app-mesh";
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand, GetMetricStatisticsCommand, ListMetricsCommand, type MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ListNamespacesCommand, ListServicesCommand, ServiceDiscoveryClient } from "@aws-sdk/client-servicediscovery";
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from "@aws-sdk/client-sqs";
import { GetServiceGraphCommand, GetTraceSummariesCommand, XRayClient } from "@aws-sdk/client-xray";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { clientFor } from "../aws/clients.ts";
import { capabilities, endpointOf, type Target } from "../aws/target.ts";
import { DEFAULT_PARAMETERS } from "./catalog.ts";
import { dlqName, HEALTH_PATHS, LAMBDAS, LAB_NAME, MESH, METRICS, QUEUES, SERVICES, STACKS, TABLE_KEY, TABLES, TOPICS } from "./contract.ts";
import type { LabStatus } from "./status.ts";

export interface CheckResult {
  ok: boolean;
  /** What was found, in one or two sentences. */
  detail: string;
  /** What is still missing when the check fails. */
  missing?: string[];
}

export interface CheckContext {
  target: Target;
  status: LabStatus;
  /** Epoch ms: when the step started; evidence older than this does not count. */
  since: number;
  now: number;
  /** The lab's load balancer, e.g. `http://127.0.0.1:8080`, when deployed. */
  albUrl?: string;
}

export type StepCheck = (ctx: CheckContext) => Promise<CheckResult>;

const pass = (detail: string): CheckResult => ({ ok: true, detail });
const fail = (detail: string, missing: string[]): CheckResult => ({ ok: false, detail, missing });
const ago = (ms: number) => `${Math.max(0, Math.round(ms / 1000))} s ago`;
/** X-Ray and metric queries need a window; at least the last minute, at most the last hour. */
const windowStart = (ctx: CheckContext) => new Date(Math.max(ctx.since, ctx.now - 3_600_000) - 1_000);

// ── pure parts ─────────────────────────────────────────────────────────────

const DONE = ["CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE"];

/** Which of the lab's stacks are not deployed yet, for the variant that is (App Mesh by default). Pure. */
export function missingStacks(status: Pick<LabStatus, "stacks" | "variant">): string[] {
  const services = status.variant === "connect" ? STACKS.servicesConnect : STACKS.servicesAppMesh;
  const wanted = [STACKS.bootstrap, STACKS.network, STACKS.messaging, STACKS.resilience, services];
  return wanted.filter((name) => !DONE.includes(status.stacks.find((s) => s.name === name)?.status ?? ""));
}

export interface WeightedTarget {
  virtualNode: string;
  weight: number;
}

/** The inspection of a weighted route: whether it still has the template's 90/10 split. Pure. */
export function weightVerdict(targets: readonly WeightedTarget[], defaults = DEFAULT_PARAMETERS.canary): CheckResult {
  if (targets.length < 2) return fail("The inventory route has a single target, so there is nothing to split.", ["a route with weighted targets for inventory v1 and v2"]);
  const v2 = targets.find((t) => /v2/.test(t.virtualNode));
  const v1 = targets.find((t) => t !== v2);
  const total = targets.reduce((n, t) => n + t.weight, 0) || 1;
  const split = `${v1?.virtualNode ?? "v1"} ${v1?.weight ?? 0}, ${v2?.virtualNode ?? "v2"} ${v2?.weight ?? 0}`;
  const pct = Math.round(((v2?.weight ?? 0) / total) * 100);
  if (v1?.weight === defaults.v1 && v2?.weight === defaults.v2) {
    return fail(`The inventory route still sends ${defaults.v2}% to the canary (${split}).`, [`weights other than ${defaults.v1}/${defaults.v2} on the inventory route`]);
  }
  return pass(`The inventory route now sends ${pct}% of calls to the canary (${split}).`);
}

/** Edges between services in an X-Ray service graph, as `from → to`. Pure. */
export function graphEdges(services: readonly { ReferenceId?: number; Name?: string; Edges?: { ReferenceId?: number }[] }[]): string[] {
  const byRef = new Map(services.map((s) => [s.ReferenceId, s.Name ?? "?"]));
  return services.flatMap((s) => (s.Edges ?? []).map((e) => `${s.Name} → ${byRef.get(e.ReferenceId) ?? "?"}`));
}

/** Which wanted `from → to` edges are not in the list (a `-v2` suffix counts for its service). Pure. */
export function missingEdges(edges: readonly string[], wanted: readonly [string, string][]): string[] {
  return wanted
    .filter(([from, to]) => !edges.some((e) => {
      const [a, b] = e.split(" → ");
      return a?.includes(from) && (b === to || b?.startsWith(`${to}`));
    }))
    .map(([from, to]) => `${from} → ${to}`);
}

/** A flow-log entry as far as the checks read it. */
export interface FlowEntryLike {
  time: string;
  messageAttributes?: Record<string, { Value?: string; StringValue?: string; Type?: string; DataType?: string }>;
  subscriptions: { queueName?: string; matched: boolean; delivered: boolean; consumption?: { state: string } }[];
}

export const eventTypeOf = (e: FlowEntryLike) => e.messageAttributes?.eventType?.Value ?? e.messageAttributes?.eventType?.StringValue;

/** The queues an event type reached since `since`, from the emulator's flow log. Pure. */
export function queuesReached(entries: readonly FlowEntryLike[], eventType: string, since: number): { count: number; reached: Set<string>; consumed: Set<string>; deadLettered: Set<string> } {
  const reached = new Set<string>();
  const consumed = new Set<string>();
  const deadLettered = new Set<string>();
  let count = 0;
  for (const e of entries) {
    if (Date.parse(e.time) < since || eventTypeOf(e) !== eventType) continue;
    count++;
    for (const s of e.subscriptions) {
      if (!s.queueName || !s.matched || !s.delivered) continue;
      reached.add(s.queueName);
      if (s.consumption?.state === "deleted") consumed.add(s.queueName);
      if (s.consumption?.state === "moved-to-dlq") deadLettered.add(s.queueName);
    }
  }
  return { count, reached, consumed, deadLettered };
}

/** The learner's own alarms: not one of the templates'. Pure. */
export function learnerAlarms(alarms: readonly Pick<MetricAlarm, "AlarmName" | "AlarmActions" | "StateValue">[]): typeof alarms {
  return alarms.filter((a) => a.AlarmName && !a.AlarmName.startsWith(`${LAB_NAME}-`));
}

export const notifiesLabAlarms = (a: Pick<MetricAlarm, "AlarmActions">) => (a.AlarmActions ?? []).some((arn) => arn.endsWith(`:${TOPICS.labAlarms}`));

/** A load balancer health check or a health-checker probe: `/health/live`, `/health/ready`, `/<prefix>/health`. Pure. */
export function isHealthProbe(url: string | undefined): boolean {
  if (!url) return false;
  let path: string;
  try {
    path = new URL(url, "http://lab.invalid").pathname.replace(/\/+$/, "");
  } catch {
    return false;
  }
  return path === HEALTH_PATHS.live || path === HEALTH_PATHS.ready || /^\/[^/]+\/health$/.test(path);
}

/**
 * Traces of HTTP requests that started at `since` or later. Left out: health probes (every
 * service is traced on every request, and the load balancer checks each target every 5 s);
 * traces a queue consumer starts on its own, seconds after an earlier request (no HTTP root);
 * and an older request's trace that comes back in the query window because its consumers added
 * segments to it later, so the trace's own start decides. Any of them would pass a step that
 * asks the learner to send a request before they did. Pure.
 */
export function requestTraces<T extends { Http?: { HttpURL?: string }; StartTime?: Date }>(traces: readonly T[], since = 0): T[] {
  return traces.filter((t) => t.Http?.HttpURL !== undefined && !isHealthProbe(t.Http.HttpURL) && (t.StartTime === undefined || t.StartTime.getTime() >= since));
}

/** Recent orders from order-service that fell back to deferred verification since `since`. Pure. */
export function deferredOrders(orders: readonly { verification?: string; created_at?: string }[], since: number) {
  return orders.filter((o) => o.verification === "deferred" && Date.parse(o.created_at ?? "") >= since);
}

// ── reads ──────────────────────────────────────────────────────────────────

async function queueUrl(target: Target, name: string): Promise<string | undefined> {
  try {
    return (await clientFor(SQSClient, target).send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl;
  } catch {
    return undefined;
  }
}

/** Sum of an AWS/SQS counter for one queue since the step started. */
async function sqsCounter(ctx: CheckContext, queue: string, metric: string): Promise<number> {
  const out = await clientFor(CloudWatchClient, ctx.target).send(
    new GetMetricStatisticsCommand({
      Namespace: "AWS/SQS",
      MetricName: metric,
      Dimensions: [{ Name: "QueueName", Value: queue }],
      StartTime: windowStart(ctx),
      EndTime: new Date(ctx.now + 60_000),
      Period: 60,
      Statistics: ["Sum"],
    }),
  );
  return (out.Datapoints ?? []).reduce((n, d) => n + (d.Sum ?? 0), 0);
}

/** The emulator's flow log, where the target has one (a capability, not a kind of target). */
async function flowLog(ctx: CheckContext): Promise<FlowEntryLike[] | undefined> {
  const endpoint = endpointOf(ctx.target);
  if (!capabilities(ctx.target).inspectionApi || !endpoint) return undefined;
  try {
    const res = await fetch(`${endpoint}/_lab/flow?limit=200`, { cache: "no-store", signal: AbortSignal.timeout(3_000) });
    if (!res.ok) return undefined;
    return ((await res.json()) as { entries?: FlowEntryLike[] }).entries ?? [];
  } catch {
    return undefined;
  }
}

async function logEventsSince(ctx: CheckContext, group: string, filterPattern?: string): Promise<{ count: number; last?: number; missingGroup?: boolean }> {
  try {
    const out = await clientFor(CloudWatchLogsClient, ctx.target).send(new FilterLogEventsCommand({ logGroupName: group, startTime: ctx.since, filterPattern, limit: 50 }));
    const events = out.events ?? [];
    return { count: events.length, last: events.at(-1)?.timestamp };
  } catch (error) {
    if ((error as { name?: string }).name === "ResourceNotFoundException") return { count: 0, missingGroup: true };
    throw error;
  }
}

async function tableItem(ctx: CheckContext, table: string, key: string): Promise<Record<string, unknown> | undefined> {
  const db = DynamoDBDocumentClient.from(clientFor(DynamoDBClient, ctx.target));
  return (await db.send(new GetCommand({ TableName: table, Key: { [TABLE_KEY]: key }, ConsistentRead: true }))).Item;
}

/** Traces of requests (not health probes) that started since the step did. */
async function traceSummaries(ctx: CheckContext) {
  const out = await clientFor(XRayClient, ctx.target).send(new GetTraceSummariesCommand({ StartTime: windowStart(ctx), EndTime: new Date(ctx.now + 5_000) }));
  return requestTraces(out.TraceSummaries ?? [], windowStart(ctx).getTime());
}

async function inventoryRouteTargets(ctx: CheckContext): Promise<WeightedTarget[] | undefined> {
  const mesh = clientFor(AppMeshClient, ctx.target);
  const routers = (await mesh.send(new ListVirtualRoutersCommand({ meshName: MESH.name }))).virtualRouters ?? [];
  for (const router of routers.filter((r) => r.virtualRouterName?.includes("inventory"))) {
    const routes = (await mesh.send(new ListRoutesCommand({ meshName: MESH.name, virtualRouterName: router.virtualRouterName }))).routes ?? [];
    for (const r of routes) {
      const route = (await mesh.send(new DescribeRouteCommand({ meshName: MESH.name, virtualRouterName: router.virtualRouterName, routeName: r.routeName }))).route;
      const spec = route?.spec;
      const targets = spec?.httpRoute?.action?.weightedTargets ?? spec?.http2Route?.action?.weightedTargets ?? spec?.tcpRoute?.action?.weightedTargets;
      if (targets?.length) return targets.map((t) => ({ virtualNode: t.virtualNode ?? "?", weight: t.weight ?? 0 }));
    }
  }
  return undefined;
}

const needsLab = (ctx: CheckContext): CheckResult | undefined => {
  const missing = missingStacks(ctx.status);
  return missing.length ? fail(`The lab is not fully deployed (${ctx.status.label}).`, missing.map((s) => `stack ${s}`)) : undefined;
};

// ── the checks ─────────────────────────────────────────────────────────────

const ex1: Record<string, StepCheck> = {
  "1.1": async (ctx) => {
    const missing = missingStacks(ctx.status);
    if (missing.length) return fail(`${5 - missing.length} of 5 stacks are deployed (${ctx.status.label}).`, missing.map((s) => `stack ${s} (CREATE_COMPLETE)`));
    return pass(`All five stacks are deployed, the services with ${ctx.status.variant === "connect" ? "Service Connect" : "App Mesh"}.`);
  },
  "1.2": async (ctx) => {
    const blocked = needsLab(ctx);
    if (blocked) return blocked;
    if (ctx.status.variant === "connect") {
      const sd = clientFor(ServiceDiscoveryClient, ctx.target);
      const ns = (await sd.send(new ListNamespacesCommand({}))).Namespaces?.find((n) => n.Name === MESH.namespace);
      if (!ns) return fail(`No Cloud Map namespace ${MESH.namespace}.`, [`namespace ${MESH.namespace}`]);
      const services = (await sd.send(new ListServicesCommand({ Filters: [{ Name: "NAMESPACE_ID", Values: [ns.Id ?? ""], Condition: "EQ" }] }))).Services ?? [];
      const names = services.map((s) => s.Name ?? "");
      const missing = [SERVICES.user, SERVICES.order, SERVICES.inventory].filter((s) => !names.some((n) => n.includes(s)));
      if (missing.length) return fail(`Namespace ${MESH.namespace} has ${names.length} services.`, missing.map((s) => `Cloud Map service ${s}`));
      return pass(`Service Connect: namespace ${MESH.namespace} with ${names.length} services (${names.join(", ")}).`);
    }
    const mesh = clientFor(AppMeshClient, ctx.target);
    const meshes = (await mesh.send(new ListMeshesCommand({}))).meshes ?? [];
    if (!meshes.some((m) => m.meshName === MESH.name)) return fail("The mesh does not exist.", [`mesh ${MESH.name}`]);
    const vs = (await mesh.send(new ListVirtualServicesCommand({ meshName: MESH.name }))).virtualServices ?? [];
    const names = vs.map((v) => v.virtualServiceName ?? "");
    const missing = [SERVICES.user, SERVICES.order, SERVICES.inventory].filter((s) => !names.some((n) => n.startsWith(s)));
    if (missing.length) return fail(`Mesh ${MESH.name} has ${names.length} virtual services.`, missing.map((s) => `virtual service ${s}`));
    return pass(`Mesh ${MESH.name} has ${names.length} virtual services: ${names.join(", ")}.`);
  },
  "1.3": async (ctx) => {
    const blocked = needsLab(ctx);
    if (blocked) return blocked;
    const out = await clientFor(XRayClient, ctx.target).send(new GetServiceGraphCommand({ StartTime: windowStart(ctx), EndTime: new Date(ctx.now + 5_000) }));
    const edges = graphEdges(out.Services ?? []);
    const missing = missingEdges(edges, [[SERVICES.order, SERVICES.user], [SERVICES.order, SERVICES.inventory]]);
    if (missing.length) return fail(`Since the step started, the service graph has ${edges.length ? edges.join(", ") : "no edges"}.`, missing.map((e) => `a traced call ${e} (place an order)`));
    return pass(`A request reached order-service and it called on: ${edges.filter((e) => e.startsWith(SERVICES.order)).join(", ")}.`);
  },
  "1.4": async (ctx) => {
    const blocked = needsLab(ctx);
    if (blocked) return blocked;
    const traces = (await traceSummaries(ctx)).filter((t) => (t.ServiceIds ?? []).some((s) => s.Name?.includes(SERVICES.order)));
    if (!traces.length) return fail("No trace through order-service since the step started.", ["an X-Ray trace of an order"]);
    const slowest = Math.max(...traces.map((t) => t.Duration ?? 0));
    return pass(`${traces.length} trace${traces.length === 1 ? "" : "s"} through order-service; the slowest took ${Math.round(slowest * 1000)} ms.`);
  },
  "1.5": async (ctx) => {
    const blocked = needsLab(ctx);
    if (blocked) return blocked;
    if (ctx.status.variant === "connect") {
      return fail("Service Connect has no weighted routing: every inventory task gets an equal share, so there is no route to change. Deploy the App Mesh variant to do this step.", ["the App Mesh variant (weighted routes)"]);
    }
    const targets = await inventoryRouteTargets(ctx);
    if (!targets) return fail("No weighted route for inventory-service in the mesh.", ["the inventory route with v1 and v2 targets"]);
    return weightVerdict(targets);
  },
};

const ex2: Record<string, StepCheck> = {
  "2.1": async (ctx) => {
    const blocked = needsLab(ctx);
    if (blocked) return blocked;
    const wanted = [QUEUES.orderProcessing, QUEUES.notifications, QUEUES.analytics];
    const log = await flowLog(ctx);
    if (log) {
      const { count, reached } = queuesReached(log, "order_created", ctx.since);
      if (!count) return fail("No order_created event was published since the step started.", ["an order_created event on order-events"]);
      const missing = wanted.filter((q) => !reached.has(q));
      if (missing.length) return fail(`${count} order_created event(s) reached ${[...reached].join(", ") || "no queue"}.`, missing.map((q) => `delivery to ${q}`));
      return pass(`${count} order_created event(s) reached ${wanted.join(", ")}.`);
    }
    const sent = await Promise.all(wanted.map((q) => sqsCounter(ctx, q, "NumberOfMessagesSent")));
    const missing = wanted.filter((_, i) => !sent[i]);
    if (missing.length) return fail(`Messages sent since the step started: ${wanted.map((q, i) => `${q} ${sent[i]}`).join(", ")} (CloudWatch lags a few minutes on AWS).`, missing.map((q) => `a message in ${q}`));
    return pass(`Messages arrived in every queue: ${wanted.map((q, i) => `${q} ${sent[i]}`).join(", ")}.`);
  },
  "2.2": async (ctx) => {
    const blocked = needsLab(ctx);
    if (blocked) return blocked;
    const log = await flowLog(ctx);
    if (log) {
      const consumed = new Set<string>();
      for (const t of ["order_created", "order_cancelled"]) for (const q of queuesReached(log, t, ctx.since).consumed) consumed.add(q);
      if (consumed.has(QUEUES.orderProcessing)) return pass(`A consumer received and deleted messages from ${[...consumed].join(", ")}.`);
      return fail("No message was consumed from order-processing since the step started.", ["a message received and deleted from order-processing (publish one and wait a few seconds)"]);
    }
    const deleted = await sqsCounter(ctx, QUEUES.orderProcessing, "NumberOfMessagesDeleted");
    if (deleted) return pass(`${deleted} message(s) deleted from order-processing by its consumer.`);
    return fail("No message was deleted from order-processing since the step started.", ["NumberOfMessagesDeleted > 0 on order-processing"]);
  },
  "2.3": async (ctx) => {
    const blocked = needsLab(ctx);
    if (blocked) return blocked;
    const log = await flowLog(ctx);
    if (log) {
      const { count, reached } = queuesReached(log, "order_shipped", ctx.since);
      if (!count) return fail("No order_shipped event was published since the step started.", ["an order_shipped event on order-events"]);
      const missing = [...(reached.has(QUEUES.notifications) ? [] : [`delivery to ${QUEUES.notifications}`]), ...(reached.has(QUEUES.orderProcessing) ? [`no delivery to ${QUEUES.orderProcessing} (its filter should drop it)`] : [])];
      if (missing.length) return fail(`order_shipped reached ${[...reached].join(", ") || "no queue"}.`, missing);
      return pass(`order_shipped reached ${[...reached].join(", ")}, and the order-processing filter dropped it.`);
    }
    const [notified, processing] = await Promise.all([sqsCounter(ctx, QUEUES.notifications, "NumberOfMessagesSent"), sqsCounter(ctx, QUEUES.orderProcessing, "NumberOfMessagesSent")]);
    if (notified && !processing) return pass(`notifications received ${notified} message(s); order-processing none.`);
    return fail(`Since the step started: notifications ${notified}, order-processing ${processing} message(s).`, ["a message in notifications and none in order-processing"]);
  },
  "2.4": async (ctx) => {
    const blocked = needsLab(ctx);
    if (blocked) return blocked;
    const log = await flowLog(ctx);
    if (log) {
      const { deadLettered } = queuesReached(log, "order_created", ctx.since);
      if (deadLettered.size) return pass(`The poison message failed ${3} receives and moved to ${[...deadLettered].map((q) => dlqName(q as never)).join(", ")}.`);
    }
    const url = await queueUrl(ctx.target, dlqName(QUEUES.orderProcessing));
    const depth = url ? Number((await clientFor(SQSClient, ctx.target).send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages"] }))).Attributes?.ApproximateNumberOfMessages ?? 0) : 0;
    const sent = log ? 0 : await sqsCounter(ctx, dlqName(QUEUES.orderProcessing), "NumberOfMessagesSent");
    if (!log && sent) return pass(`${sent} message(s) moved to ${dlqName(QUEUES.orderProcessing)}; it holds ${depth}.`);
    return fail(`Nothing reached a dead-letter queue since the step started (${dlqName(QUEUES.orderProcessing)} holds ${depth}). A poison message needs 3 failed receives, about 30 s.`, ["a poison message in order-processing-dlq"]);
  },
};

const ex3: Record<string, StepCheck> = {
  "3.1": async (ctx) => {
    const blocked = needsLab(ctx);
    if (blocked) return blocked;
    const logs = await logEventsSince(ctx, `/aws/lambda/${LAMBDAS.healthChecker}`);
    if (logs.count) return pass(`The health checker ran ${ago(ctx.now - (logs.last ?? ctx.now))} (its log has ${logs.count} line${logs.count === 1 ? "" : "s"} since the step started).`);
    const item = await tableItem(ctx, TABLES.circuitBreakerState, SERVICES.user);
    const checked = Date.parse(String(item?.last_health_check ?? item?.updated_at ?? ""));
    if (checked >= ctx.since) return pass(`The health checker updated the user-service breaker ${ago(ctx.now - checked)}.`);
    return fail("The health checker has not run since the step started.", [`a run of ${LAMBDAS.healthChecker} (it also runs every minute)`]);
  },
  "3.2": async (ctx) => {
    const blocked = needsLab(ctx);
    if (blocked) return blocked;
    const item = await tableItem(ctx, TABLES.labFaults, SERVICES.user);
    const mode = String(item?.mode ?? "none");
    const expires = Number(item?.expires_at ?? 0);
    if (mode !== "none" && (!expires || expires * 1000 > ctx.now)) return pass(`user-service has a fault in force: ${mode}${expires ? `, until ${new Date(expires * 1000).toLocaleTimeString()}` : ""}.`);
    return fail(`user-service has no fault in force (mode ${mode}${expires && expires * 1000 <= ctx.now ? ", expired" : ""}).`, ["a fault on user-service (fail, latency or error-rate)"]);
  },
  "3.3": async (ctx) => {
    const blocked = needsLab(ctx);
    if (blocked) return blocked;
    const item = await tableItem(ctx, TABLES.circuitBreakerState, SERVICES.user);
    const state = String(item?.state ?? "CLOSED");
    if (state === "OPEN") return pass("The user-service breaker is OPEN: order-service stops calling it and falls back.");
    return fail(`The user-service breaker is ${state}.`, ["the user-service breaker OPEN (fail the service, then send orders until 5 calls fail)"]);
  },
  "3.4": async (ctx) => {
    const blocked = needsLab(ctx);
    if (blocked) return blocked;
    if (!ctx.albUrl) return fail("The load balancer's address is unknown.", ["the AlbDnsName output"]);
    const res = await fetch(`${ctx.albUrl}/orders`, { cache: "no-store", signal: AbortSignal.timeout(5_000) });
    const body = (await res.json().catch(() => ({}))) as { orders?: { verification?: string; created_at?: string }[] };
    const deferred = deferredOrders(body.orders ?? [], ctx.since);
    if (deferred.length) return pass(`${deferred.length} order(s) were accepted with verification deferred: the fallback answered instead of an error.`);
    return fail("No order fell back to deferred verification since the step started.", ["an order placed while user-service fails (answered 202, verification deferred)"]);
  },
};

const ex4: Record<string, StepCheck> = {
  "4.1": async (ctx) => {
    const blocked = needsLab(ctx);
    if (blocked) return blocked;
    const cw = clientFor(CloudWatchClient, ctx.target);
    const metrics = (await cw.send(new ListMetricsCommand({ Namespace: METRICS.namespace, MetricName: METRICS.requests }))).Metrics ?? [];
    if (!metrics.length) return fail(`No ${METRICS.namespace}/${METRICS.requests} metric yet.`, [`the ${METRICS.requests} metric (send a few requests)`]);
    // One-second periods (the services publish at 1 s resolution, stamped with the second each
    // request ended in), counting only seconds from the step's start: a 60 s period would take in
    // the minute's requests from before it. GetMetricData, unlike GetMetricStatistics, returns up
    // to 100,800 points, so a step started hours ago still fits one call.
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
    const stepSecond = Math.floor(ctx.since / 1000) * 1000;
    const out = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(stepSecond),
        EndTime: new Date(ctx.now + 60_000),
        MetricDataQueries: metrics.slice(0, 500).map((m, i) => ({
          Id: `r${i}`,
          MetricStat: { Metric: { Namespace: METRICS.namespace, MetricName: METRICS.requests, Dimensions: m.Dimensions }, Period: 1, Stat: "Sum" },
        })),
      }),
    );
    const total = (out.MetricDataResults ?? [])
      .flatMap((r) => (r.Timestamps ?? []).map((t, i) => (t.getTime() >= stepSecond ? (r.Values?.[i] ?? 0) : 0)))
      .reduce((a, b) => a + b, 0);
    if (!total) return fail(`${metrics.length} ${METRICS.requests} series exist, but none counted a request since the step started.`, ["requests counted since the step started"]);
    return pass(`${METRICS.namespace}/${METRICS.requests} counted ${total} request${total === 1 ? "" : "s"} across ${metrics.length} series since the step started.`);
  },
  "4.2": async (ctx) => {
    const blocked = needsLab(ctx);
    if (blocked) return blocked;
    const traces = await traceSummaries(ctx);
    if (!traces.length) return fail("No request was traced since the step started.", ["an X-Ray trace (send a request)"]);
    const services = new Set(traces.flatMap((t) => (t.ServiceIds ?? []).map((s) => s.Name ?? "")));
    return pass(`${traces.length} trace${traces.length === 1 ? "" : "s"} across ${[...services].filter(Boolean).join(", ")}.`);
  },
  "4.3": async (ctx) => {
    const blocked = needsLab(ctx);
    if (blocked) return blocked;
    const out = await clientFor(CloudWatchClient, ctx.target).send(
      new GetMetricStatisticsCommand({
        Namespace: METRICS.namespace,
        MetricName: METRICS.circuitBreakerState,
        Dimensions: [{ Name: "ServiceName", Value: SERVICES.user }],
        StartTime: new Date(ctx.since - 1_000),
        EndTime: new Date(ctx.now + 60_000),
        Period: 10,
        Statistics: ["Maximum"],
      }),
    );
    const max = Math.max(-1, ...(out.Datapoints ?? []).map((d) => d.Maximum ?? 0));
    if (max >= 1) return pass(`CircuitBreakerState for user-service reached ${max === 2 ? "2 (OPEN)" : "1 (HALF_OPEN)"} since the step started.`);
    return fail(max < 0 ? "No CircuitBreakerState datapoint since the step started." : "CircuitBreakerState stayed 0 (CLOSED) since the step started.", ["a breaker transition recorded in CircuitBreakerState"]);
  },
  "4.4": async (ctx) => {
    const blocked = needsLab(ctx);
    if (blocked) return blocked;
    const alarms = (await clientFor(CloudWatchClient, ctx.target).send(new DescribeAlarmsCommand({ AlarmTypes: ["MetricAlarm"], MaxRecords: 100 }))).MetricAlarms ?? [];
    const mine = learnerAlarms(alarms);
    if (!mine.length) return fail("Only the lab's template alarms exist.", ["an alarm you created yourself"]);
    const good = mine.filter((a) => notifiesLabAlarms(a) || a.StateValue === "ALARM");
    if (!good.length) return fail(`Your alarm${mine.length > 1 ? "s" : ""} ${mine.map((a) => a.AlarmName).join(", ")} neither notif${mine.length > 1 ? "y" : "ies"} lab-alarms nor fired.`, ["an alarm action to the lab-alarms topic"]);
    return pass(`${good.map((a) => `${a.AlarmName} (${a.StateValue}${notifiesLabAlarms(a) ? ", notifies lab-alarms" : ""})`).join(", ")}.`);
  },
};

export const STEP_CHECKS: Record<string, StepCheck> = { ...ex1, ...ex2, ...ex3, ...ex4 };

/** Runs one check; a failing SDK call is a failed check that says what failed, never a throw. */
export async function runCheck(step: string, ctx: CheckContext): Promise<CheckResult> {
  const check = STEP_CHECKS[step];
  if (!check) return fail(`There is no check for step ${step}.`, []);
  try {
    return await check(ctx);
  } catch (error) {
    const e = error as { name?: string; message?: string };
    return fail(`The check could not read the lab: ${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message ?? String(error)}`, ["a target that answers"]);
  }
}
