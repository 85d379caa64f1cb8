// Reads what the lab has deployed on a target into the plain data lib/cost/model.ts prices:
// ListStackResources over the lab's stacks, then the few Describe calls that say how big
// each billed thing is (task sizes and desired counts, ALB zones, Lambda memory, alarm
// periods, schedules). And, separately, what it has done: CloudWatch counts since deploy.
// The same code reads the emulator and AWS; only the client factory knows the difference.
import {
  CloudFormationClient,
  ListStackResourcesCommand,
  type StackResourceSummary,
} from "@aws-sdk/client-cloudformation";
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  ListMetricsCommand,
  type MetricDataQuery,
} from "@aws-sdk/client-cloudwatch";
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient, type TaskDefinition } from "@aws-sdk/client-ecs";
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { DescribeRuleCommand, EventBridgeClient, ListTargetsByRuleCommand } from "@aws-sdk/client-eventbridge";
import { GetEventSourceMappingCommand, GetFunctionConfigurationCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { clientFor } from "../aws/clients.ts";
import type { Target } from "../aws/target.ts";
import { METRICS, type MeshVariant } from "../lab/contract.ts";
import { type Deployed, emptyInventory, type LabInventory, ratePerHour, type TaskGroup, type Usage, type UsageBucket } from "./model.ts";

const DEADLINE_MS = 8_000;
const opts = () => ({ abortSignal: AbortSignal.timeout(DEADLINE_MS) });

/** Resources that are gone or never came to be cost nothing. */
const NOT_BILLED = new Set(["DELETE_COMPLETE", "CREATE_FAILED", "DELETE_SKIPPED"]);

export interface InventoryRead {
  inventory: LabInventory;
  /** What could not be read, in words; the lines it affects are missing or estimated. */
  warnings: string[];
}

/** The last path segment of an ARN or URL: `…:function:health-checker` → `health-checker`. */
const lastSegment = (id: string) => id.split(/[:/]/).filter(Boolean).at(-1) ?? id;

async function listResources(cfn: CloudFormationClient, stack: string): Promise<StackResourceSummary[]> {
  const all: StackResourceSummary[] = [];
  let NextToken: string | undefined;
  do {
    const out = await cfn.send(new ListStackResourcesCommand({ StackName: stack, NextToken }), opts());
    all.push(...(out.StackResourceSummaries ?? []));
    NextToken = out.NextToken;
  } while (NextToken);
  return all;
}

/** Runs `read`, turning a failure into a warning and `fallback`. */
async function soft<T>(warnings: string[], what: string, read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    warnings.push(`${what}: ${(error as Error).message || (error as Error).name}`);
    return fallback;
  }
}

export async function readInventory(target: Target, stacks: readonly string[], variant?: MeshVariant): Promise<InventoryRead> {
  const warnings: string[] = [];
  const inv: LabInventory = { ...emptyInventory(), variant };
  const cfn = clientFor(CloudFormationClient, target);
  const resources = (
    await Promise.all(stacks.map((s) => soft(warnings, `ListStackResources ${s}`, () => listResources(cfn, s), [])))
  )
    .flat()
    .filter((r) => r.PhysicalResourceId && !NOT_BILLED.has(r.ResourceStatus ?? ""));
  if (!resources.length) return { inventory: inv, warnings };

  const since = (r: StackResourceSummary) => (r.LastUpdatedTimestamp ?? new Date()).toISOString();
  const ofType = (type: string) => resources.filter((r) => r.ResourceType === type);
  const deployed = (type: string, name: (id: string) => string = (id) => id): Deployed[] =>
    ofType(type).map((r) => ({ name: name(r.PhysicalResourceId as string), since: since(r) }));

  inv.tables = deployed("AWS::DynamoDB::Table");
  inv.queues = deployed("AWS::SQS::Queue", lastSegment);
  inv.topics = deployed("AWS::SNS::Topic", lastSegment);
  inv.buckets = deployed("AWS::S3::Bucket");
  inv.repositories = deployed("AWS::ECR::Repository");
  inv.logGroups = deployed("AWS::Logs::LogGroup");
  inv.dashboards = deployed("AWS::CloudWatch::Dashboard");
  inv.hostedZones = deployed("AWS::ServiceDiscovery::PrivateDnsNamespace", () => "private DNS namespace");
  const earliest = resources.map(since).sort()[0];

  await Promise.all([
    readTasks(target, ofType("AWS::ECS::Service"), since, variant, warnings).then((t) => {
      inv.tasks = t;
    }),
    readLoadBalancers(target, ofType("AWS::ElasticLoadBalancingV2::LoadBalancer"), since, warnings).then((l) => {
      inv.loadBalancers = l;
    }),
    readLambda(target, ofType("AWS::Lambda::Function"), ofType("AWS::Lambda::EventSourceMapping"), since, warnings).then((l) => {
      inv.functions = l.functions;
      inv.eventSources = l.eventSources;
    }),
    readSchedules(target, ofType("AWS::Events::Rule"), since, warnings).then((s) => {
      inv.schedules = s;
    }),
    readAlarms(target, ofType("AWS::CloudWatch::Alarm"), since, warnings).then((a) => {
      inv.alarms = a;
    }),
    soft(warnings, "ListMetrics", () => countMetrics(target), 0).then((count) => {
      inv.customMetrics = { count, since: earliest };
    }),
  ]);
  return { inventory: inv, warnings };
}

async function readTasks(
  target: Target,
  services: StackResourceSummary[],
  since: (r: StackResourceSummary) => string,
  variant: MeshVariant | undefined,
  warnings: string[],
): Promise<TaskGroup[]> {
  if (!services.length) return [];
  const ecs = clientFor(ECSClient, target);
  // Service ARNs name their cluster: arn:aws:ecs:<region>:<account>:service/<cluster>/<name>.
  const byCluster = new Map<string, StackResourceSummary[]>();
  for (const s of services) {
    const cluster = (s.PhysicalResourceId as string).split("/").at(-2) ?? "default";
    byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), s]);
  }
  const described = (
    await Promise.all(
      [...byCluster].map(([cluster, list]) =>
        soft(warnings, `DescribeServices in ${cluster}`, async () => {
          const out = [];
          for (let i = 0; i < list.length; i += 10) {
            const page = list.slice(i, i + 10);
            const r = await ecs.send(new DescribeServicesCommand({ cluster, services: page.map((s) => s.PhysicalResourceId as string) }), opts());
            out.push(...(r.services ?? []).map((svc) => ({ svc, resource: page.find((p) => lastSegment(p.PhysicalResourceId as string) === svc.serviceName) ?? page[0] })));
          }
          return out;
        }, []),
      ),
    )
  ).flat();
  const definitions = new Map<string, TaskDefinition | undefined>();
  await Promise.all(
    [...new Set(described.map((d) => d.svc.taskDefinition).filter((t): t is string => !!t))].map(async (arn) => {
      definitions.set(arn, await soft(warnings, `DescribeTaskDefinition ${lastSegment(arn)}`, async () => (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }), opts())).taskDefinition, undefined));
    }),
  );
  return described
    .filter(({ svc }) => svc.status !== "INACTIVE")
    .map(({ svc, resource }) => {
      const td = definitions.get(svc.taskDefinition ?? "");
      const containers = td?.containerDefinitions ?? [];
      const serviceConnect = svc.deployments?.some((d) => d.serviceConnectConfiguration?.enabled) || (variant === "connect" && !td?.proxyConfiguration);
      const proxy: TaskGroup["proxy"] = td?.proxyConfiguration?.type === "APPMESH" ? "appmesh" : serviceConnect ? "service-connect" : undefined;
      return {
        name: svc.serviceName ?? lastSegment(resource.PhysicalResourceId as string),
        since: since(resource),
        count: svc.desiredCount ?? 0,
        cpuUnits: Number(td?.cpu ?? 256),
        memoryMiB: Number(td?.memory ?? 512),
        publicIp: svc.networkConfiguration?.awsvpcConfiguration?.assignPublicIp === "ENABLED",
        proxy,
        discovery: (svc.serviceRegistries?.length ?? 0) > 0 || proxy === "service-connect",
        queuesPolled: containers.flatMap((c) => c.environment ?? []).filter((e) => e.name?.endsWith("_QUEUE_URL")).length,
      };
    });
}

async function readLoadBalancers(target: Target, lbs: StackResourceSummary[], since: (r: StackResourceSummary) => string, warnings: string[]) {
  if (!lbs.length) return [];
  const elb = clientFor(ElasticLoadBalancingV2Client, target);
  const out = await soft(warnings, "DescribeLoadBalancers", async () => (await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: lbs.map((l) => l.PhysicalResourceId as string) }), opts())).LoadBalancers ?? [], []);
  return lbs.map((r) => {
    const lb = out.find((l) => l.LoadBalancerArn === r.PhysicalResourceId);
    return {
      name: lb?.LoadBalancerName ?? r.LogicalResourceId ?? "load balancer",
      since: since(r),
      // Unknown shape: assume the templates' internet-facing ALB in two zones.
      internetFacing: (lb?.Scheme ?? "internet-facing") === "internet-facing",
      zones: lb?.AvailabilityZones?.length || 2,
    };
  });
}

async function readLambda(target: Target, fns: StackResourceSummary[], mappings: StackResourceSummary[], since: (r: StackResourceSummary) => string, warnings: string[]) {
  const lambda = clientFor(LambdaClient, target);
  const functions = await Promise.all(
    fns.map(async (r) => {
      const name = r.PhysicalResourceId as string;
      const config = await soft(warnings, `GetFunctionConfiguration ${name}`, () => lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }), opts()), undefined);
      return { name, since: since(r), memoryMb: config?.MemorySize ?? 128 };
    }),
  );
  const eventSources = await Promise.all(
    mappings.map(async (r) => {
      const m = await soft(warnings, "GetEventSourceMapping", () => lambda.send(new GetEventSourceMappingCommand({ UUID: r.PhysicalResourceId }), opts()), undefined);
      const fn = m?.FunctionArn ? lastSegment(m.FunctionArn) : undefined;
      const queue = m?.EventSourceArn ? lastSegment(m.EventSourceArn) : undefined;
      return { name: queue && fn ? `${queue} → ${fn}` : (r.LogicalResourceId ?? "event source"), since: since(r), target: fn, queue };
    }),
  );
  return { functions, eventSources };
}

async function readSchedules(target: Target, rules: StackResourceSummary[], since: (r: StackResourceSummary) => string, warnings: string[]) {
  const events = clientFor(EventBridgeClient, target);
  const out = await Promise.all(
    rules.map(async (r) => {
      // A rule on the default bus has its name as physical id; on another bus, `<bus>|<name>`.
      const Name = (r.PhysicalResourceId as string).split("|").at(-1) as string;
      const rule = await soft(warnings, `DescribeRule ${Name}`, () => events.send(new DescribeRuleCommand({ Name }), opts()), undefined);
      if (!rule?.ScheduleExpression || rule.State === "DISABLED") return undefined;
      const targets = await soft(warnings, `ListTargetsByRule ${Name}`, async () => (await events.send(new ListTargetsByRuleCommand({ Rule: Name }), opts())).Targets ?? [], []);
      const fn = targets.find((t) => t.Arn?.includes(":function:"))?.Arn;
      return { name: Name, since: since(r), perHour: ratePerHour(rule.ScheduleExpression), target: fn ? lastSegment(fn) : undefined };
    }),
  );
  return out.filter((s) => s !== undefined);
}

async function readAlarms(target: Target, alarms: StackResourceSummary[], since: (r: StackResourceSummary) => string, warnings: string[]) {
  if (!alarms.length) return [];
  const cw = clientFor(CloudWatchClient, target);
  const names = alarms.map((a) => a.PhysicalResourceId as string);
  const found = await soft(warnings, "DescribeAlarms", async () => (await cw.send(new DescribeAlarmsCommand({ AlarmNames: names.slice(0, 100) }), opts())).MetricAlarms ?? [], []);
  return alarms.map((r) => {
    const alarm = found.find((a) => a.AlarmName === r.PhysicalResourceId);
    // Unknown period: the templates' 10 s, the dearer kind.
    return { name: r.PhysicalResourceId as string, since: since(r), periodSeconds: alarm?.Period ?? alarm?.Metrics?.find((m) => m.MetricStat)?.MetricStat?.Period ?? 10 };
  });
}

async function countMetrics(target: Target): Promise<number> {
  const cw = clientFor(CloudWatchClient, target);
  let count = 0;
  let NextToken: string | undefined;
  do {
    const out = await cw.send(new ListMetricsCommand({ Namespace: METRICS.namespace, NextToken }), opts());
    count += out.Metrics?.length ?? 0;
    NextToken = out.NextToken;
  } while (NextToken);
  return count;
}

// ── Usage: CloudWatch counts since deploy ───────────────────────────────

export interface UsageRead {
  buckets: UsageBucket[];
  periodSeconds: number;
  /** Metrics asked for: GetMetricData is billed per metric on AWS. */
  metricsRequested: number;
}

/** A period that keeps the window under ~1,440 points, in whole minutes (high-resolution data older than 3 h is kept per minute). */
export function periodFor(windowMs: number): number {
  return Math.max(60, Math.ceil(windowMs / 1_440 / 60_000) * 60);
}

const FLUSHES_PER_MINUTE = 12;

/**
 * Per-period counts since `from`: requests per service, messages sent per queue, Lambda
 * invocations and duration per function. One GetMetricData call (paged).
 */
export async function readUsage(target: Target, inv: LabInventory, from: Date, to: Date): Promise<UsageRead> {
  const periodSeconds = periodFor(to.getTime() - from.getTime());
  type Q = { query: MetricDataQuery; add(u: Usage, value: number): void };
  const queries: Q[] = [];
  const q = (namespace: string, metric: string, dimension: string, value: string, add: Q["add"]) =>
    queries.push({
      query: {
        Id: `m${queries.length}`,
        MetricStat: { Metric: { Namespace: namespace, MetricName: metric, Dimensions: [{ Name: dimension, Value: value }] }, Period: periodSeconds, Stat: "Sum" },
        ReturnData: true,
      },
      add,
    });
  const bump = (r: Record<string, number> | undefined, key: string, v: number) => ({ ...r, [key]: (r?.[key] ?? 0) + v });
  for (const t of inv.tasks) {
    q(METRICS.namespace, METRICS.requests, "Service", t.name, (u, v) => {
      u.requestsByService = bump(u.requestsByService, t.name, v);
      // A service flushes its metrics every 5 s while it has traffic: at most 12 calls a minute.
      u.putMetricDataCalls = (u.putMetricDataCalls ?? 0) + Math.min(v, (FLUSHES_PER_MINUTE * periodSeconds) / 60);
    });
  }
  for (const queue of inv.queues) {
    q("AWS/SQS", "NumberOfMessagesSent", "QueueName", queue.name, (u, v) => {
      u.messagesSentByQueue = bump(u.messagesSentByQueue, queue.name, v);
    });
  }
  for (const fn of inv.functions) {
    q("AWS/Lambda", "Invocations", "FunctionName", fn.name, (u, v) => {
      u.invocationsByFunction = bump(u.invocationsByFunction, fn.name, v);
    });
    q("AWS/Lambda", "Duration", "FunctionName", fn.name, (u, v) => {
      u.durationMsByFunction = bump(u.durationMsByFunction, fn.name, v);
    });
  }
  const buckets = new Map<string, Usage>();
  if (queries.length) {
    const cw = clientFor(CloudWatchClient, target);
    const start = new Date(Math.floor(from.getTime() / (periodSeconds * 1000)) * periodSeconds * 1000);
    for (let i = 0; i < queries.length; i += 500) {
      const batch = queries.slice(i, i + 500);
      let NextToken: string | undefined;
      do {
        const out = await cw.send(new GetMetricDataCommand({ MetricDataQueries: batch.map((b) => b.query), StartTime: start, EndTime: to, NextToken }), opts());
        for (const result of out.MetricDataResults ?? []) {
          const query = batch.find((b) => b.query.Id === result.Id);
          (result.Timestamps ?? []).forEach((ts, k) => {
            const key = new Date(ts).toISOString();
            const usage = buckets.get(key) ?? {};
            query?.add(usage, result.Values?.[k] ?? 0);
            buckets.set(key, usage);
          });
        }
        NextToken = out.NextToken;
      } while (NextToken);
    }
  }
  return {
    buckets: [...buckets].map(([t, usage]) => ({ t, usage })).sort((a, b) => a.t.localeCompare(b.t)),
    periodSeconds,
    metricsRequested: queries.length,
  };
}
