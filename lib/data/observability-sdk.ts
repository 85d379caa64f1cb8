// Reads the lab's observability signals on the current target: CloudWatch (metrics, dashboard,
// alarms), X-Ray (service graph, traces), CloudWatch Logs, and the emulator's mesh, route and task
// views where the target has the inspection API. Server only; the browser gets the shapes in
// lib/data/observability.ts through app/api/observability/* and app/observability/actions.ts.
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetDashboardCommand,
  GetMetricDataCommand,
  type MetricAlarm,
  type MetricDataQuery,
  type MetricDataResult,
  PutMetricAlarmCommand,
} from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, type FilteredLogEvent, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { ListTopicsCommand, SNSClient } from "@aws-sdk/client-sns";
import { BatchGetTracesCommand, GetServiceGraphCommand, GetTraceSummariesCommand, type Service, type TraceSummary, XRayClient } from "@aws-sdk/client-xray";
import { clientFor } from "../aws/clients.ts";
import { capabilities, endpointOf, type Target, targetKey } from "../aws/target.ts";
import { DASHBOARD, LAB_TAG, TOPICS } from "../lab/contract.ts";
import { type AlarmMetricOption, alarmMetricOf, type CustomAlarm } from "../validations/observability.ts";
import {
  type AlarmView,
  alarmChanges,
  alarmInbox,
  alarmStrip,
  buildServiceMap,
  buildWaterfall,
  type ChartView,
  type DashboardWidget,
  formatLogLine,
  type HistoryItemLike,
  type InboxItem,
  isLabAlarm,
  isTemplateAlarm,
  type LogLine,
  labCharts,
  type MeshEdge,
  type MeshRoute,
  type MetricService,
  metricBatch,
  parseDashboard,
  routeWeights,
  type ServiceMapView,
  type StripSegment,
  shapeAlarms,
  shapeCharts,
  shapeTraceSummaries,
  statsFromMesh,
  statsFromServiceGraph,
  type TimeWindow,
  type TraceRow,
  type TraceView,
  WINDOW_PERIOD,
  WINDOW_SECONDS,
} from "./observability.ts";

const INSPECTION_TIMEOUT_MS = 3_000;
const DASHBOARD_MAX_AGE_MS = 60_000;
/** DescribeAlarmHistory reaches back this far for the inbox. */
const INBOX_MS = 60 * 60_000;

const errorName = (e: unknown) => (e as { name?: string })?.name ?? "";

async function inspect<T>(target: Target, path: string): Promise<T> {
  const endpoint = endpointOf(target);
  if (!capabilities(target).inspectionApi || !endpoint) throw new Error("This target has no inspection API.");
  const res = await fetch(`${endpoint}/_lab${path}`, { cache: "no-store", signal: AbortSignal.timeout(INSPECTION_TIMEOUT_MS) });
  const json = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error((json as { message?: string })?.message ?? `The emulator answered ${res.status} for /_lab${path}`);
  return json as T;
}

// ───────────────────────── metrics and the dashboard ─────────────────────────

export type MetricsView = "lab" | "dashboard";

export interface DashboardPanel {
  name: string;
  found: boolean;
  widgets: (DashboardWidget & { view?: ChartView })[];
  error?: string;
}

export interface MetricsSnapshot {
  window: TimeWindow;
  period: number;
  start: number;
  end: number;
  charts: ChartView[];
  dashboard?: DashboardPanel;
}

const dashboards = new Map<string, { at: number; value: Promise<{ found: boolean; widgets: DashboardWidget[] }> }>();

/** The lab dashboard's widgets; the body is re-read once a minute, not on every poll. */
async function labDashboard(target: Target): Promise<{ found: boolean; widgets: DashboardWidget[] }> {
  const key = targetKey(target);
  const cached = dashboards.get(key);
  if (cached && Date.now() - cached.at < DASHBOARD_MAX_AGE_MS) return cached.value;
  const value = (async () => {
    try {
      const out = await clientFor(CloudWatchClient, target).send(new GetDashboardCommand({ DashboardName: DASHBOARD }));
      return { found: true, widgets: parseDashboard(out.DashboardBody ?? "{}", target.region) };
    } catch (error) {
      if (/ResourceNotFound|DashboardNotFound/.test(errorName(error))) return { found: false, widgets: [] };
      throw error;
    }
  })();
  dashboards.set(key, { at: Date.now(), value });
  value.catch(() => dashboards.delete(key));
  return value;
}

async function getMetricData(target: Target, queries: MetricDataQuery[], start: Date, end: Date): Promise<MetricDataResult[]> {
  if (!queries.length) return [];
  const cw = clientFor(CloudWatchClient, target);
  const byId = new Map<string, MetricDataResult>();
  let NextToken: string | undefined;
  // One request per refresh; AWS pages only when a response passes 100,800 points.
  do {
    const out = await cw.send(new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: start, EndTime: end, ScanBy: "TimestampAscending", NextToken }));
    for (const r of out.MetricDataResults ?? []) {
      const seen = byId.get(r.Id ?? "");
      if (seen) {
        seen.Timestamps = [...(seen.Timestamps ?? []), ...(r.Timestamps ?? [])];
        seen.Values = [...(seen.Values ?? []), ...(r.Values ?? [])];
      } else byId.set(r.Id ?? "", { ...r });
    }
    NextToken = out.NextToken;
  } while (NextToken);
  return [...byId.values()];
}

/** The page's charts, or the lab dashboard's widgets, from one GetMetricData call. */
export async function readMetrics(target: Target, options: { window: TimeWindow; view: MetricsView; latency: MetricService }): Promise<MetricsSnapshot> {
  const end = new Date();
  const start = new Date(end.getTime() - WINDOW_SECONDS[options.window] * 1000);
  const base = { window: options.window, period: WINDOW_PERIOD[options.window], start: start.getTime(), end: end.getTime() };
  if (options.view === "dashboard") {
    const dash = await labDashboard(target);
    const specs = dash.widgets.flatMap((w) => (w.chart ? [w.chart] : []));
    const batch = metricBatch(specs);
    const views = shapeCharts(specs, batch, await getMetricData(target, batch.queries, start, end));
    const byId = new Map(views.map((v) => [v.id, v]));
    return {
      ...base,
      charts: [],
      dashboard: { name: DASHBOARD, found: dash.found, widgets: dash.widgets.map((w) => (w.chart ? { ...w, view: byId.get(w.chart.id) } : w)) },
    };
  }
  const specs = labCharts(options.window, options.latency);
  const batch = metricBatch(specs);
  return { ...base, charts: shapeCharts(specs, batch, await getMetricData(target, batch.queries, start, end)) };
}

// ───────────────────────── alarms ─────────────────────────

export interface AlarmsSnapshot {
  window: TimeWindow;
  start: number;
  end: number;
  region: string;
  alarms: AlarmView[];
  /** Alarm name → its states across the window. */
  strips: Record<string, StripSegment[]>;
  inbox: InboxItem[];
}

async function describeAllAlarms(cw: CloudWatchClient): Promise<MetricAlarm[]> {
  const all: MetricAlarm[] = [];
  let NextToken: string | undefined;
  let pages = 0;
  do {
    const out = await cw.send(new DescribeAlarmsCommand({ AlarmTypes: ["MetricAlarm"], MaxRecords: 100, NextToken }));
    all.push(...(out.MetricAlarms ?? []));
    NextToken = out.NextToken;
  } while (NextToken && ++pages < 5);
  return all;
}

export async function readAlarms(target: Target, window: TimeWindow): Promise<AlarmsSnapshot> {
  const cw = clientFor(CloudWatchClient, target);
  const end = Date.now();
  const start = end - WINDOW_SECONDS[window] * 1000;
  const [alarms, history] = await Promise.all([
    describeAllAlarms(cw),
    cw.send(
      new DescribeAlarmHistoryCommand({
        HistoryItemType: "StateUpdate",
        AlarmTypes: ["MetricAlarm"],
        StartDate: new Date(end - Math.max(INBOX_MS, WINDOW_SECONDS[window] * 1000)),
        EndDate: new Date(end),
        ScanBy: "TimestampDescending",
        MaxRecords: 100,
      }),
    ),
  ]);
  const lab = alarms.filter(isLabAlarm);
  const names = new Set(lab.map((a) => a.AlarmName));
  const changes = alarmChanges((history.AlarmHistoryItems ?? []) as HistoryItemLike[]).filter((c) => names.has(c.alarm));
  const views = shapeAlarms(lab);
  const strips: Record<string, StripSegment[]> = {};
  for (const a of views) strips[a.name] = alarmStrip(changes.filter((c) => c.alarm === a.name), a.state, start, end);
  return { window, start, end, region: target.region, alarms: views, strips, inbox: alarmInbox(changes, lab, target.region) };
}

/** The lab-alarms topic's ARN, found by name; undefined when the lab is not deployed. */
export async function alarmTopicArn(target: Target): Promise<string | undefined> {
  const sns = clientFor(SNSClient, target);
  let NextToken: string | undefined;
  do {
    const out = await sns.send(new ListTopicsCommand({ NextToken }));
    const hit = out.Topics?.find((t) => t.TopicArn?.endsWith(`:${TOPICS.labAlarms}`));
    if (hit?.TopicArn) return hit.TopicArn;
    NextToken = out.NextToken;
  } while (NextToken);
  return undefined;
}

export async function alarmExists(target: Target, name: string): Promise<boolean> {
  const out = await clientFor(CloudWatchClient, target).send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
  return Boolean(out.MetricAlarms?.length || out.CompositeAlarms?.length);
}

const isPercentile = (stat: string) => /^p\d/.test(stat);

/** PutMetricAlarm for the form's alarm; notifications go to lab-alarms on ALARM and on OK. */
export async function putCustomAlarm(target: Target, alarm: CustomAlarm, topicArn: string | undefined): Promise<void> {
  const metric = alarmMetricOf(alarm.metric) as AlarmMetricOption;
  const actions = alarm.notify && topicArn ? [topicArn] : [];
  await clientFor(CloudWatchClient, target).send(
    new PutMetricAlarmCommand({
      AlarmName: alarm.name,
      AlarmDescription: "Created in the lab console (exercise 4: custom alarms and notifications).",
      Namespace: metric.metric.namespace,
      MetricName: metric.metric.metricName,
      Dimensions: metric.metric.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
      ...(isPercentile(alarm.statistic) ? { ExtendedStatistic: alarm.statistic } : { Statistic: alarm.statistic as "Sum" }),
      Period: alarm.period,
      EvaluationPeriods: alarm.evaluationPeriods,
      Threshold: alarm.threshold,
      ComparisonOperator: alarm.comparison as "GreaterThanThreshold",
      // Quiet periods (no requests) keep the alarm where it is instead of INSUFFICIENT_DATA.
      TreatMissingData: "ignore",
      ActionsEnabled: true,
      AlarmActions: actions,
      OKActions: actions,
      Tags: [{ Key: LAB_TAG.Key, Value: LAB_TAG.Value }],
    }),
  );
}

export async function deleteCustomAlarm(target: Target, name: string): Promise<void> {
  if (isTemplateAlarm(name)) throw new Error(`${name} belongs to the lab's templates; it goes when you clean up the lab.`);
  await clientFor(CloudWatchClient, target).send(new DeleteAlarmsCommand({ AlarmNames: [name] }));
}

// ───────────────────────── logs ─────────────────────────

export interface LogsSnapshot {
  group: string;
  lines: LogLine[];
  /** The newest timestamp read: the next poll starts there. */
  until?: number;
  /** The group does not exist (yet). */
  missing?: boolean;
  /** The filter pattern was rejected, with CloudWatch Logs' reason. */
  patternError?: string;
  /** More events matched than one poll reads. */
  truncated?: boolean;
}

const LOG_PAGE = 500;
const LOG_PAGES = 3;

export async function readLogs(target: Target, options: { group: string; pattern?: string; since: number }): Promise<LogsSnapshot> {
  const logs = clientFor(CloudWatchLogsClient, target);
  const events: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  try {
    do {
      const out = await logs.send(
        new FilterLogEventsCommand({
          logGroupName: options.group,
          startTime: options.since,
          ...(options.pattern ? { filterPattern: options.pattern } : {}),
          limit: LOG_PAGE,
          nextToken,
        }),
      );
      events.push(...(out.events ?? []));
      nextToken = out.nextToken;
    } while (nextToken && ++pages < LOG_PAGES);
  } catch (error) {
    const name = errorName(error);
    if (name === "ResourceNotFoundException") return { group: options.group, lines: [], missing: true };
    if (name === "InvalidParameterException" && options.pattern) {
      return { group: options.group, lines: [], patternError: (error as Error).message };
    }
    throw error;
  }
  const lines = events.map(formatLogLine).sort((a, b) => a.at - b.at);
  return { group: options.group, lines, until: lines.at(-1)?.at, ...(nextToken ? { truncated: true } : {}) };
}

// ───────────────────────── service map and traces ─────────────────────────

interface TaskEntry {
  service?: string;
  lastStatus?: string;
}

async function serviceGraph(target: Target, start: Date, end: Date): Promise<Service[]> {
  const xray = clientFor(XRayClient, target);
  const services: Service[] = [];
  let NextToken: string | undefined;
  let pages = 0;
  do {
    const out = await xray.send(new GetServiceGraphCommand({ StartTime: start, EndTime: end, NextToken }));
    services.push(...(out.Services ?? []));
    NextToken = out.NextToken;
  } while (NextToken && ++pages < 5);
  return services;
}

/** Soft: the inspection API enriches the map; without it (or when it fails) the map still draws. */
const soft = <T>(p: Promise<T>): Promise<T | undefined> => p.catch(() => undefined);

export async function readServiceMap(target: Target, window: TimeWindow): Promise<ServiceMapView & { window: TimeWindow }> {
  const end = new Date();
  const seconds = WINDOW_SECONDS[window];
  const start = new Date(end.getTime() - seconds * 1000);
  const inspection = capabilities(target).inspectionApi;
  const [graph, mesh, routes, tasks] = await Promise.all([
    serviceGraph(target, start, end),
    inspection ? soft(inspect<MeshEdge[]>(target, "/mesh/edges")) : undefined,
    inspection ? soft(inspect<MeshRoute[]>(target, "/mesh/routes")) : undefined,
    inspection ? soft(inspect<TaskEntry[]>(target, "/ecs/tasks")) : undefined,
  ]);
  const running = new Map<string, number>();
  for (const t of tasks ?? []) if (t.service && t.lastStatus === "RUNNING") running.set(t.service, (running.get(t.service) ?? 0) + 1);
  const view = buildServiceMap({
    mesh: mesh ? statsFromMesh(mesh) : undefined,
    xray: statsFromServiceGraph(graph, seconds),
    weights: routes ? routeWeights(routes) : undefined,
    tasks: tasks ? running : undefined,
  });
  return { ...view, window };
}

export interface TracesSnapshot {
  window: TimeWindow;
  filter?: string;
  traces: TraceRow[];
  /** How many traces matched in the window (the list shows the newest). */
  matched: number;
}

export async function readTraces(target: Target, options: { window: TimeWindow; filter?: string }): Promise<TracesSnapshot> {
  const end = new Date();
  const start = new Date(end.getTime() - WINDOW_SECONDS[options.window] * 1000);
  const out = await clientFor(XRayClient, target).send(
    new GetTraceSummariesCommand({ StartTime: start, EndTime: end, Sampling: false, ...(options.filter ? { FilterExpression: options.filter } : {}) }),
  );
  const summaries: TraceSummary[] = out.TraceSummaries ?? [];
  return { window: options.window, ...(options.filter ? { filter: options.filter } : {}), traces: shapeTraceSummaries(summaries), matched: summaries.length };
}

export async function readTrace(target: Target, id: string): Promise<TraceView | undefined> {
  const out = await clientFor(XRayClient, target).send(new BatchGetTracesCommand({ TraceIds: [id] }));
  const trace = out.Traces?.[0];
  if (!trace) return undefined;
  return buildWaterfall(id, (trace.Segments ?? []).map((s) => s.Document ?? ""));
}
