// The Observability page's data layer: CloudWatch metrics, dashboards and alarms, X-Ray service
// graphs and traces, the emulator's mesh edges and CloudWatch Logs events, reshaped into the
// page's own types. Pure functions only; lib/data/observability-sdk.ts makes the calls.
import type { MetricAlarm, MetricDataQuery, MetricDataResult } from "@aws-sdk/client-cloudwatch";
import type { Service as XRayService, TraceSummary } from "@aws-sdk/client-xray";
import {
  BREAKER_SERVICES,
  type BreakerState,
  dlqName,
  EVENT_TYPES,
  LAB_NAME,
  LAMBDAS,
  logGroupFor,
  METRICS,
  QUEUES,
  SERVICES,
  SUBSCRIPTIONS,
  TOPICS,
} from "../lab/contract.ts";

// ───────────────────────── time windows ─────────────────────────

export const TIME_WINDOWS = ["1m", "5m", "15m"] as const;
export type TimeWindow = (typeof TIME_WINDOWS)[number];
export const DEFAULT_WINDOW: TimeWindow = "5m";
export const WINDOW_SECONDS: Record<TimeWindow, number> = { "1m": 60, "5m": 300, "15m": 900 };
/**
 * The period each window asks CloudWatch for: a few dozen points per series. High-resolution
 * metrics take 1, 5, 10 or 30 s; standard ones (AWS/SQS on AWS) come back once a minute whatever
 * is asked. https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricStat.html
 */
export const WINDOW_PERIOD: Record<TimeWindow, number> = { "1m": 5, "5m": 10, "15m": 30 };

export const isTimeWindow = (value: unknown): value is TimeWindow => (TIME_WINDOWS as readonly unknown[]).includes(value);
export const windowOf = (value: string | null | undefined): TimeWindow => (isTimeWindow(value) ? value : DEFAULT_WINDOW);

// ───────────────────────── formatting ─────────────────────────

const trim = (n: number, digits: number) => String(Number(n.toFixed(digits)));

/** `2.4`, `0.02`, `130`: enough digits to tell small rates apart, no trailing zeros. */
export function formatNumber(n: number): string {
  const abs = Math.abs(n);
  if (abs === 0) return "0";
  if (abs >= 100) return String(Math.round(n));
  if (abs >= 10) return trim(n, 1);
  if (abs >= 0.1) return trim(n, 2);
  return trim(n, 3);
}

export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${trim(ms / 1000, 1)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  return `${trim(ms, 1)} ms`;
}

export const formatRate = (perSecond: number) => `${formatNumber(perSecond)} req/s`;
export const formatPercent = (pct: number) => `${pct > 0 && pct < 0.1 ? "<0.1" : trim(pct, pct >= 10 ? 0 : 1)}%`;

// ───────────────────────── metrics ─────────────────────────

export interface Dimension {
  name: string;
  value: string;
}

export interface MetricRef {
  namespace: string;
  metricName: string;
  dimensions: Dimension[];
}

/** One line of a chart: a metric, the statistic and period to read it with, and how to show it. */
export interface SeriesSpec {
  label: string;
  metric: MetricRef;
  stat: string;
  period: number;
  /** Sum per period → per second. */
  perSecond?: boolean;
  /** Drawn dashed in the danger colour: dead-letter queues. */
  emphasis?: "danger";
}

export type ChartUnit = "req/s" | "errors/s" | "events/s" | "ms" | "messages" | "state" | "count" | "none";

export interface ChartSpec {
  id: string;
  title: string;
  unit: ChartUnit;
  /** `step` for values that hold until they change (breaker state). */
  shape: "line" | "step";
  series: SeriesSpec[];
  /** Shown under the chart. */
  note?: string;
  /** Shown beside the title: how the values are read ("Sum per 10 s"). */
  meta?: string;
}

export interface ChartSeries {
  label: string;
  emphasis?: "danger";
  /** Ascending by time: [epoch ms, value]. */
  points: [number, number][];
  latest?: number;
  latestAt?: number;
}

export interface ChartView {
  id: string;
  title: string;
  unit: ChartUnit;
  shape: "line" | "step";
  note?: string;
  series: ChartSeries[];
  /** One sentence with the latest values: the chart's text alternative. */
  summary: string;
  hasData: boolean;
}

const ref = (metricName: string, name: string, value: string, namespace: string = METRICS.namespace): MetricRef => ({
  namespace,
  metricName,
  dimensions: [{ name, value }],
});

/** The services that publish Requests, Errors and Latency (dimension Service). */
export const METRIC_SERVICES = [SERVICES.order, SERVICES.user, SERVICES.inventory, SERVICES.inventoryV2, SERVICES.notification] as const;
export type MetricService = (typeof METRIC_SERVICES)[number];
export const isMetricService = (v: unknown): v is MetricService => (METRIC_SERVICES as readonly unknown[]).includes(v);

const LAB_QUEUE_NAMES = Object.values(QUEUES);
/** Every queue the lab has, main queues first. */
export const ALL_QUEUES: string[] = [...LAB_QUEUE_NAMES, ...LAB_QUEUE_NAMES.map(dlqName)];
export const SQS_DEPTH_METRIC = "ApproximateNumberOfMessagesVisible";

export const BREAKER_WORDS: Record<number, BreakerState> = { 0: "CLOSED", 1: "HALF_OPEN", 2: "OPEN" };
export const breakerWord = (value: number | undefined): BreakerState | undefined =>
  value === undefined ? undefined : BREAKER_WORDS[Math.round(Math.min(2, Math.max(0, value)))];

/** The page's own charts for a window; latency percentiles for one service at a time. */
export function labCharts(window: TimeWindow, latencyService: MetricService = SERVICES.order): ChartSpec[] {
  const period = WINDOW_PERIOD[window];
  const perService = (metric: string, stat: string, perSecond: boolean) =>
    METRIC_SERVICES.map((s): SeriesSpec => ({ label: s, metric: ref(metric, "Service", s), stat, period, perSecond }));
  const latency = ref(METRICS.latency, "Service", latencyService);
  return [
    { id: "requests", title: "Requests", unit: "req/s", shape: "line", series: perService(METRICS.requests, "Sum", true) },
    { id: "errors", title: "Errors", unit: "errors/s", shape: "line", series: perService(METRICS.errors, "Sum", true) },
    {
      id: "latency",
      title: `Latency of ${latencyService}`,
      unit: "ms",
      shape: "line",
      series: [
        ...(["p50", "p90", "p99"] as const).map((stat): SeriesSpec => ({ label: stat, metric: latency, stat, period })),
        { label: "average", metric: latency, stat: "Average", period },
      ],
    },
    {
      id: "breakers",
      title: "Circuit breaker state",
      unit: "state",
      shape: "step",
      note: "0 CLOSED · 1 HALF_OPEN · 2 OPEN, the highest state in each period.",
      series: BREAKER_SERVICES.map((s) => ({ label: s, metric: ref(METRICS.circuitBreakerState, "ServiceName", s), stat: "Maximum", period })),
    },
    {
      id: "events",
      title: "Events processed",
      unit: "events/s",
      shape: "line",
      series: EVENT_TYPES.map((t) => ({ label: t, metric: ref(METRICS.eventsProcessed, "EventType", t), stat: "Sum", period, perSecond: true })),
    },
    {
      id: "queues",
      title: "Queue depth",
      unit: "messages",
      shape: "line",
      note: "Visible messages; dead-letter queues dashed.",
      series: ALL_QUEUES.map((q) => ({
        label: q,
        metric: ref(SQS_DEPTH_METRIC, "QueueName", q, "AWS/SQS"),
        stat: "Maximum",
        period,
        ...(q.endsWith("-dlq") ? { emphasis: "danger" as const } : {}),
      })),
    },
  ];
}

const metricKey = (m: MetricRef) =>
  [m.namespace, m.metricName, ...[...m.dimensions].sort((a, b) => a.name.localeCompare(b.name)).map((d) => `${d.name}=${d.value}`)].join("|");
const seriesKey = (s: SeriesSpec) => `${metricKey(s.metric)}|${s.stat}|${s.period}`;

/** Every chart's series as one GetMetricData request: one query per distinct metric, stat and period. */
export interface MetricBatch {
  queries: MetricDataQuery[];
  /** Series key → query id. */
  ids: Map<string, string>;
}

export function metricBatch(charts: readonly ChartSpec[]): MetricBatch {
  const ids = new Map<string, string>();
  const queries: MetricDataQuery[] = [];
  for (const chart of charts) {
    for (const s of chart.series) {
      const key = seriesKey(s);
      if (ids.has(key)) continue;
      const Id = `m${queries.length}`;
      ids.set(key, Id);
      queries.push({
        Id,
        MetricStat: {
          Metric: {
            Namespace: s.metric.namespace,
            MetricName: s.metric.metricName,
            Dimensions: s.metric.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
          },
          Stat: s.stat,
          Period: s.period,
        },
        ReturnData: true,
      });
    }
  }
  return { queries, ids };
}

const UNIT_WORDS: Record<ChartUnit, string> = {
  "req/s": "req/s",
  "errors/s": "errors/s",
  "events/s": "events/s",
  ms: "",
  messages: "messages",
  state: "",
  count: "",
  none: "",
};

/** A value with its unit, as the charts and their summaries print it. */
export function formatValue(value: number, unit: ChartUnit): string {
  if (unit === "ms") return formatMs(value);
  if (unit === "state") return breakerWord(value) ?? String(value);
  const word = UNIT_WORDS[unit];
  return word ? `${formatNumber(value)} ${word}` : formatNumber(value);
}

function chartSummary(title: string, unit: ChartUnit, series: ChartSeries[]): string {
  const withData = series.filter((s) => s.latest !== undefined);
  if (!withData.length) return `${title}: no data in this window.`;
  const parts = withData.map((s) => `${s.label} ${formatValue(s.latest!, unit)}`);
  const silent = series.length - withData.length;
  return `${title}, latest: ${parts.join(", ")}${silent ? `; ${silent} more with no data` : ""}.`;
}

/** GetMetricData's results → the charts, each with points, latest values and a text summary. */
export function shapeCharts(charts: readonly ChartSpec[], batch: MetricBatch, results: readonly MetricDataResult[]): ChartView[] {
  const byId = new Map(results.map((r) => [r.Id, r]));
  return charts.map((chart) => {
    const series = chart.series.map((s): ChartSeries => {
      const r = byId.get(batch.ids.get(seriesKey(s)) ?? "");
      const ts = r?.Timestamps ?? [];
      const vs = r?.Values ?? [];
      const points = ts
        .map((t, i): [number, number] => [new Date(t).getTime(), s.perSecond ? vs[i] / s.period : vs[i]])
        .filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v))
        .sort((a, b) => a[0] - b[0]);
      const last = points.at(-1);
      return { label: s.label, ...(s.emphasis ? { emphasis: s.emphasis } : {}), points, latest: last?.[1], latestAt: last?.[0] };
    });
    let note = chart.note;
    if (chart.id === "latency" && series.slice(0, 3).every((s) => !s.points.length) && series[3]?.points.length) {
      note = "No percentiles: the service publishes statistic sets (count, sum, min, max), from which CloudWatch cannot compute percentiles. The average is shown.";
    }
    return {
      id: chart.id,
      title: chart.title,
      unit: chart.unit,
      shape: chart.shape,
      ...(note ? { note } : {}),
      series,
      summary: chartSummary(chart.title, chart.unit, series),
      hasData: series.some((s) => s.points.length > 0),
    };
  });
}

// ───────────────────────── dashboards ─────────────────────────

export interface DashboardWidget {
  kind: "metric" | "alarm" | "text" | "other";
  title: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Metric widgets: the chart it draws. */
  chart?: ChartSpec;
  /** Alarm widgets: alarm names. */
  alarms?: string[];
  /** Text widgets: their markdown, as text. */
  text?: string;
  /** Why part of the widget is not drawn (metric math, another region, …). */
  skipped?: string[];
}

type MetricRow = (string | Record<string, unknown>)[];

/**
 * Expands CloudWatch's metric array shorthand: `"..."` repeats the previous metric's leading
 * entries and `"."` the entry in the same position.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html#CloudWatch-Dashboard-Properties-Metrics-Array-Format
 */
export function expandMetricRows(rows: readonly MetricRow[]): { values: string[]; options: Record<string, unknown> }[] {
  const out: { values: string[]; options: Record<string, unknown> }[] = [];
  let previous: string[] = [];
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    const last = row.at(-1);
    const options = last && typeof last === "object" ? (last as Record<string, unknown>) : {};
    let values = row.filter((v): v is string => typeof v === "string");
    if (values[0] === "...") {
      const rest = values.slice(1);
      values = [...previous.slice(0, Math.max(0, previous.length - rest.length)), ...rest];
    } else {
      values = values.map((v, i) => (v === "." ? (previous[i] ?? v) : v));
    }
    out.push({ values, options });
    if (values.length) previous = values;
  }
  return out;
}

const PERIOD_MIN = 1;

/** A dashboard body (JSON) → widgets in reading order, metric widgets as our chart specs. */
export function parseDashboard(body: string, region: string): DashboardWidget[] {
  let parsed: { widgets?: unknown[] };
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error("The dashboard body is not valid JSON.");
  }
  const widgets = Array.isArray(parsed?.widgets) ? parsed.widgets : [];
  return widgets
    .map((raw, index): DashboardWidget => {
      const w = (raw ?? {}) as Record<string, any>;
      const p = (w.properties ?? {}) as Record<string, any>;
      const base = {
        title: typeof p.title === "string" ? p.title : `Widget ${index + 1}`,
        x: Number(w.x ?? 0),
        y: Number(w.y ?? index * 6),
        width: Number(w.width ?? 6),
        height: Number(w.height ?? 6),
      };
      if (w.type === "alarm") {
        const alarms = (Array.isArray(p.alarms) ? p.alarms : []).map((a: string) => String(a).split(":alarm:").pop() ?? String(a));
        return { kind: "alarm", ...base, alarms };
      }
      if (w.type === "text") return { kind: "text", ...base, title: typeof p.title === "string" ? p.title : "Note", text: String(p.markdown ?? "") };
      if (w.type !== "metric") return { kind: "other", ...base, skipped: [`a ${String(w.type)} widget`] };
      const skipped: string[] = [];
      const series: SeriesSpec[] = [];
      const widgetStat = typeof p.stat === "string" ? p.stat : "Average";
      const widgetPeriod = Math.max(PERIOD_MIN, Number(p.period ?? 300));
      for (const { values, options } of expandMetricRows(Array.isArray(p.metrics) ? p.metrics : [])) {
        if (typeof options.expression === "string") {
          skipped.push(`the expression ${options.expression}`);
          continue;
        }
        if (options.visible === false) continue;
        const [namespace, metricName, ...dims] = values;
        if (!namespace || !metricName) continue;
        const metricRegion = typeof options.region === "string" ? options.region : typeof p.region === "string" ? p.region : region;
        if (metricRegion !== region) {
          skipped.push(`${metricName} in ${metricRegion}`);
          continue;
        }
        const dimensions: Dimension[] = [];
        for (let i = 0; i + 1 < dims.length; i += 2) dimensions.push({ name: dims[i], value: dims[i + 1] });
        const label = typeof options.label === "string" ? options.label : dimensions.map((d) => d.value).join(" ") || metricName;
        series.push({
          label,
          metric: { namespace, metricName, dimensions },
          stat: typeof options.stat === "string" ? options.stat : widgetStat,
          period: Math.max(PERIOD_MIN, Number(options.period ?? widgetPeriod)),
        });
      }
      const periods = [...new Set(series.map((s) => s.period))];
      const stats = [...new Set(series.map((s) => s.stat))];
      const chart: ChartSpec = {
        id: `widget-${index}`,
        title: base.title,
        unit: /latency/i.test(base.title) || series.some((s) => s.metric.metricName === METRICS.latency) ? "ms" : "none",
        shape: series.length && series.every((s) => s.metric.metricName === METRICS.circuitBreakerState) ? "step" : "line",
        series,
        meta: `${stats.join(", ")} per ${periods.map((s) => `${s} s`).join(", ")}`,
      };
      if (chart.shape === "step") chart.unit = "state";
      return { kind: "metric", ...base, chart, ...(skipped.length ? { skipped } : {}) };
    })
    .sort((a, b) => a.y - b.y || a.x - b.x);
}

// ───────────────────────── alarms ─────────────────────────

export const ALARM_STATES = ["OK", "ALARM", "INSUFFICIENT_DATA"] as const;
export type AlarmState = (typeof ALARM_STATES)[number];
export const alarmStateOf = (v: unknown): AlarmState => ((ALARM_STATES as readonly unknown[]).includes(v) ? (v as AlarmState) : "INSUFFICIENT_DATA");

export const COMPARISON_SYMBOLS: Record<string, string> = {
  GreaterThanOrEqualToThreshold: "≥",
  GreaterThanThreshold: ">",
  LessThanThreshold: "<",
  LessThanOrEqualToThreshold: "≤",
};

/** Alarms named like this come from the lab's templates and go with the lab. */
export const TEMPLATE_ALARM_PREFIX = `${LAB_NAME}-`;
export const isTemplateAlarm = (name: string) => name.startsWith(TEMPLATE_ALARM_PREFIX);
export const isLabAlarmTopic = (arn: string) => arn.endsWith(`:${TOPICS.labAlarms}`);

export interface AlarmView {
  name: string;
  arn?: string;
  state: AlarmState;
  reason: string;
  /** Epoch ms of the last state change. */
  changedAt?: number;
  /** "CrossServiceLab Errors (Service order-service) Sum ≥ 5 for 1 × 10 s". */
  condition: string;
  description?: string;
  /** Its state changes are published to lab-alarms. */
  notifies: boolean;
  /** Created by the learner, so the page may delete it. */
  deletable: boolean;
}

/** Whether an alarm belongs to the lab: its metrics, its name, or its notification topic. */
export function isLabAlarm(a: MetricAlarm): boolean {
  const dims = a.Dimensions ?? [];
  if (a.Namespace === METRICS.namespace) return true;
  if (a.Namespace === "AWS/SQS" && dims.some((d) => d.Name === "QueueName" && ALL_QUEUES.includes(d.Value ?? ""))) return true;
  if (a.AlarmName && isTemplateAlarm(a.AlarmName)) return true;
  return [...(a.AlarmActions ?? []), ...(a.OKActions ?? [])].some(isLabAlarmTopic);
}

export function alarmCondition(a: MetricAlarm): string {
  const dims = (a.Dimensions ?? []).map((d) => `${d.Name} ${d.Value}`).join(", ");
  const stat = a.ExtendedStatistic ?? a.Statistic ?? "";
  const op = COMPARISON_SYMBOLS[a.ComparisonOperator ?? ""] ?? a.ComparisonOperator ?? "";
  const metric = a.Metrics?.length ? "a metric math expression" : `${a.Namespace} ${a.MetricName}${dims ? ` (${dims})` : ""}`;
  return `${metric} ${stat} ${op} ${formatNumber(a.Threshold ?? 0)} for ${a.EvaluationPeriods ?? 1} × ${a.Period ?? 60} s`;
}

export function shapeAlarms(alarms: readonly MetricAlarm[]): AlarmView[] {
  return alarms
    .filter(isLabAlarm)
    .map((a) => ({
      name: a.AlarmName ?? "",
      arn: a.AlarmArn,
      state: alarmStateOf(a.StateValue),
      reason: a.StateReason ?? "",
      changedAt: (a.StateTransitionedTimestamp ?? a.StateUpdatedTimestamp)?.getTime?.(),
      condition: alarmCondition(a),
      description: a.AlarmDescription,
      notifies: a.ActionsEnabled !== false && [...(a.AlarmActions ?? []), ...(a.OKActions ?? [])].some(isLabAlarmTopic),
      deletable: !isTemplateAlarm(a.AlarmName ?? ""),
    }))
    .sort((a, b) => stateRank(a.state) - stateRank(b.state) || a.name.localeCompare(b.name));
}

const stateRank = (s: AlarmState) => (s === "ALARM" ? 0 : s === "INSUFFICIENT_DATA" ? 1 : 2);

/** A state change read from DescribeAlarmHistory (HistoryItemType StateUpdate). */
export interface AlarmChange {
  alarm: string;
  at: number;
  from: AlarmState;
  to: AlarmState;
  reason: string;
}

export interface HistoryItemLike {
  AlarmName?: string;
  Timestamp?: Date;
  HistoryItemType?: string;
  HistoryData?: string;
  HistorySummary?: string;
}

/** StateUpdate history items → state changes, oldest first. Other items and unreadable data are skipped. */
export function alarmChanges(items: readonly HistoryItemLike[]): AlarmChange[] {
  const out: AlarmChange[] = [];
  for (const item of items) {
    if (item.HistoryItemType !== "StateUpdate" || !item.AlarmName || !item.Timestamp) continue;
    let data: { oldState?: { stateValue?: string }; newState?: { stateValue?: string; stateReason?: string } } | undefined;
    try {
      data = JSON.parse(item.HistoryData ?? "");
    } catch {
      const m = /from (\w+) to (\w+)/.exec(item.HistorySummary ?? "");
      data = m ? { oldState: { stateValue: m[1] }, newState: { stateValue: m[2] } } : undefined;
    }
    if (!data?.newState?.stateValue) continue;
    out.push({
      alarm: item.AlarmName,
      at: new Date(item.Timestamp).getTime(),
      from: alarmStateOf(data.oldState?.stateValue),
      to: alarmStateOf(data.newState.stateValue),
      reason: data.newState.stateReason ?? "",
    });
  }
  return out.sort((a, b) => a.at - b.at);
}

export interface StripSegment {
  state: AlarmState;
  from: number;
  to: number;
}

/**
 * One alarm's states across [start, end] for the history strip: the state before the first
 * change in the window is that change's old state; with no change in the window, the alarm's
 * current state held throughout.
 */
export function alarmStrip(changes: readonly AlarmChange[], current: AlarmState, start: number, end: number): StripSegment[] {
  const inWindow = changes.filter((c) => c.at > start && c.at <= end).sort((a, b) => a.at - b.at);
  const before = changes.filter((c) => c.at <= start).at(-1);
  let state: AlarmState = before?.to ?? inWindow[0]?.from ?? current;
  let from = start;
  const out: StripSegment[] = [];
  for (const c of inWindow) {
    if (c.at > from) out.push({ state, from, to: c.at });
    state = c.to;
    from = c.at;
  }
  out.push({ state, from, to: end });
  return out;
}

export interface InboxItem {
  id: string;
  alarm: string;
  at: number;
  from: AlarmState;
  to: AlarmState;
  reason: string;
  /** As CloudWatch titles the SNS message: `ALARM: "name" in us-east-1`. */
  subject: string;
}

/**
 * What lab-alarms received: each state change of an alarm whose actions for the new state
 * include the lab-alarms topic, newest first. Read from history, so no queue is consumed.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarm-sns-notification
 */
export function alarmInbox(changes: readonly AlarmChange[], alarms: readonly MetricAlarm[], region: string, limit = 20): InboxItem[] {
  const byName = new Map(alarms.map((a) => [a.AlarmName, a]));
  const notifies = (a: MetricAlarm | undefined, state: AlarmState) => {
    if (!a || a.ActionsEnabled === false) return false;
    const actions = state === "ALARM" ? a.AlarmActions : state === "OK" ? a.OKActions : a.InsufficientDataActions;
    return (actions ?? []).some(isLabAlarmTopic);
  };
  return changes
    .filter((c) => notifies(byName.get(c.alarm), c.to))
    .sort((a, b) => b.at - a.at)
    .slice(0, limit)
    .map((c) => ({ id: `${c.alarm}@${c.at}`, ...c, subject: `${c.to}: "${c.alarm}" in ${region}` }));
}

// ───────────────────────── service map ─────────────────────────

export type NodeKind = "alb" | "service" | "topic" | "queue" | "lambda";

export interface MapNode {
  id: string;
  label: string;
  kind: NodeKind;
  /** Centre, in the map's viewBox (MAP_SIZE). */
  x: number;
  y: number;
  /** Box width: wide enough for the label. */
  w: number;
  /** A second line: "consumer", "2 tasks", … */
  detail?: string;
}

export type EdgeKind = "http" | "publish" | "subscription" | "consume" | "traced";

export interface MapEdgeSpec {
  id: string;
  from: string;
  to: string;
  kind: EdgeKind;
  /** Subscriptions: the filter policy, as JSON. */
  filter?: string;
}

export const MAP_SIZE = { width: 1160, height: 440 } as const;
export const NODE_HEIGHT = 42;
/** Columns, left to right. order-service has its own: it is the only service that calls others. */
const COLUMN_X = { alb: 48, entry: 195, services: 440, topics: 650, queues: 850, consumers: 1052 } as const;
/** Bold 12.5 px labels in the system sans: about 7.2 px a character, plus icon and padding. */
const nodeWidth = (label: string, kind: NodeKind) => Math.max(kind === "alb" ? 84 : 124, Math.ceil(label.length * 7.2 + 36));

/** Node id of a service's consumer role (the same ECS service, drawn again where it reads its queue). */
export const consumerId = (service: string) => `${service}#consumer`;
const topicId = (t: string) => `topic:${t}`;
const queueId = (q: string) => `queue:${q}`;
const lambdaId = (fn: string) => `lambda:${fn}`;
export const ALB_ID = "alb";

/** Who reads each queue (ARCHITECTURE.md, "Who calls and consumes what"). */
export const QUEUE_CONSUMERS: Record<string, string> = {
  [QUEUES.orderProcessing]: consumerId(SERVICES.inventory),
  [QUEUES.notifications]: consumerId(SERVICES.notification),
  [QUEUES.analytics]: lambdaId(LAMBDAS.analyticsConsumer),
};

/** Which service publishes to which topic. */
export const PUBLISHERS: Record<string, string> = {
  [TOPICS.orderEvents]: SERVICES.order,
  [TOPICS.userEvents]: SERVICES.user,
  [TOPICS.inventoryEvents]: SERVICES.inventory,
};

/**
 * The lab's topology before any traffic: a hand-tuned layered layout that reads left to right,
 * ALB → order-service → the services it calls → topics → queues → consumers, with the Lambdas
 * that run on a schedule along the bottom.
 */
export function mapTopology(): { nodes: MapNode[]; edges: MapEdgeSpec[] } {
  const node = (id: string, label: string, kind: NodeKind, x: number, y: number, detail?: string): MapNode => ({
    id,
    label,
    kind,
    x,
    y,
    w: nodeWidth(label, kind),
    ...(detail ? { detail } : {}),
  });
  const called = [SERVICES.user, SERVICES.inventory, SERVICES.inventoryV2, SERVICES.notification];
  const nodes: MapNode[] = [
    node(ALB_ID, "ALB", "alb", COLUMN_X.alb, 210, "listener :8080"),
    node(SERVICES.order, SERVICES.order, "service", COLUMN_X.entry, 50),
    ...called.map((s, i) => node(s, s, "service", COLUMN_X.services, 130 + i * 80, s === SERVICES.inventoryV2 ? "canary" : undefined)),
    ...[TOPICS.orderEvents, TOPICS.userEvents, TOPICS.inventoryEvents].map((t, i) => node(topicId(t), t, "topic", COLUMN_X.topics, 50 + i * 80, "SNS topic")),
    ...[QUEUES.orderProcessing, QUEUES.notifications, QUEUES.analytics].map((q, i) => node(queueId(q), q, "queue", COLUMN_X.queues, 50 + i * 120, "SQS queue")),
    node(consumerId(SERVICES.inventory), SERVICES.inventory, "service", COLUMN_X.consumers, 50, "consumer"),
    node(consumerId(SERVICES.notification), SERVICES.notification, "service", COLUMN_X.consumers, 170, "consumer"),
    node(lambdaId(LAMBDAS.analyticsConsumer), LAMBDAS.analyticsConsumer, "lambda", COLUMN_X.consumers, 290, "Lambda"),
    node(lambdaId(LAMBDAS.healthChecker), LAMBDAS.healthChecker, "lambda", COLUMN_X.queues, 395, "Lambda · every minute"),
    node(lambdaId(LAMBDAS.circuitBreakerManager), LAMBDAS.circuitBreakerManager, "lambda", COLUMN_X.consumers, 395, "Lambda"),
  ];
  const edge = (from: string, to: string, kind: EdgeKind, filter?: string): MapEdgeSpec => ({ id: `${from}->${to}`, from, to, kind, ...(filter ? { filter } : {}) });
  const edges: MapEdgeSpec[] = [
    ...[SERVICES.order, SERVICES.user, SERVICES.inventory, SERVICES.notification].map((s) => edge(ALB_ID, s, "http")),
    edge(SERVICES.order, SERVICES.user, "http"),
    edge(SERVICES.order, SERVICES.inventory, "http"),
    edge(SERVICES.order, SERVICES.inventoryV2, "http"),
    ...Object.entries(PUBLISHERS).map(([t, s]) => edge(s, topicId(t), "publish")),
    ...SUBSCRIPTIONS.map((sub) => edge(topicId(sub.topic), queueId(sub.queue), "subscription", sub.filterPolicy ? JSON.stringify(sub.filterPolicy) : undefined)),
    ...Object.entries(QUEUE_CONSUMERS).map(([q, c]) => edge(queueId(q), c, "consume")),
  ];
  return { nodes, edges };
}

/** Traffic on one edge in the window. */
export interface EdgeStats {
  /** Requests per second. */
  rps: number;
  /** Requests counted. */
  requests: number;
  errorPercent: number;
  p50?: number;
  p90?: number;
  p99?: number;
  /** Where the numbers come from. */
  source: "mesh" | "xray";
  /** App Mesh weighted route share, percent. */
  weight?: number;
}

/** One entry of the emulator's `GET /_lab/mesh/edges` (emulator/runtime/mesh/stats.ts). */
export interface MeshEdge {
  source: string;
  destination: string;
  kind?: string;
  requests?: number;
  errors?: number;
  rps10s: number;
  rps60s: number;
  errorPercent: number;
  latencyMs: { p50: number; p90: number; p99: number };
}

/** A mesh or X-Ray node name → the map's node: virtual node `inventory-service-v1` is inventory-service. */
export function mapNodeOf(name: string): string | undefined {
  if (name === `${SERVICES.inventory}-v1`) return SERVICES.inventory;
  const bare = name.split(".")[0];
  if ((Object.values(SERVICES) as string[]).includes(bare)) return bare;
  if ((Object.values(LAMBDAS) as string[]).includes(name)) return lambdaId(name);
  return undefined;
}

export function statsFromMesh(edges: readonly MeshEdge[]): Map<string, EdgeStats> {
  const out = new Map<string, EdgeStats>();
  for (const e of edges) {
    const from = mapNodeOf(e.source);
    const to = mapNodeOf(e.destination);
    if (!from || !to) continue;
    const recent = e.rps60s * 60;
    if (recent <= 0) continue;
    out.set(`${from}->${to}`, {
      rps: e.rps10s,
      requests: Math.round(recent),
      errorPercent: e.errorPercent,
      p50: e.latencyMs.p50,
      p90: e.latencyMs.p90,
      p99: e.latencyMs.p99,
      source: "mesh",
    });
  }
  return out;
}

/** Nearest-rank percentile (ms) of an X-Ray histogram of seconds. */
export function histogramPercentile(histogram: readonly { Value?: number; Count?: number }[], p: number): number | undefined {
  const entries = histogram.filter((h) => (h.Count ?? 0) > 0 && h.Value !== undefined).sort((a, b) => a.Value! - b.Value!);
  const total = entries.reduce((n, h) => n + h.Count!, 0);
  if (!total) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const h of entries) {
    seen += h.Count!;
    if (seen >= rank) return h.Value! * 1000;
  }
  return entries.at(-1)!.Value! * 1000;
}

interface XRayStatsLike {
  TotalCount?: number;
  ErrorStatistics?: { TotalCount?: number };
  FaultStatistics?: { TotalCount?: number };
}

function xrayStats(s: XRayStatsLike | undefined, histogram: readonly { Value?: number; Count?: number }[] | undefined, seconds: number): EdgeStats | undefined {
  const total = s?.TotalCount ?? 0;
  if (!total) return undefined;
  const bad = (s?.ErrorStatistics?.TotalCount ?? 0) + (s?.FaultStatistics?.TotalCount ?? 0);
  const h = histogram ?? [];
  return {
    rps: total / seconds,
    requests: total,
    errorPercent: (100 * bad) / total,
    p50: histogramPercentile(h, 50),
    p90: histogramPercentile(h, 90),
    p99: histogramPercentile(h, 99),
    source: "xray",
  };
}

/**
 * X-Ray's service graph → edge stats keyed like the map's edges. Calls between services the map
 * knows become their edge; a root service's own statistics stand for ALB → service. Calls to
 * nodes the map does not draw are returned apart.
 */
export function statsFromServiceGraph(services: readonly XRayService[], seconds: number): { stats: Map<string, EdgeStats>; other: { from: string; to: string; stats: EdgeStats }[] } {
  const stats = new Map<string, EdgeStats>();
  const other: { from: string; to: string; stats: EdgeStats }[] = [];
  const byRef = new Map(services.map((s) => [s.ReferenceId, s]));
  for (const s of services) {
    const from = mapNodeOf(s.Name ?? "");
    if (s.Root && from && !from.startsWith("lambda:")) {
      const st = xrayStats(s.SummaryStatistics, s.ResponseTimeHistogram, seconds);
      if (st) stats.set(`${ALB_ID}->${from}`, st);
    }
    for (const e of s.Edges ?? []) {
      const target = byRef.get(e.ReferenceId);
      const st = xrayStats(e.SummaryStatistics, e.ResponseTimeHistogram, seconds);
      if (!target || !st) continue;
      const to = mapNodeOf(target.Name ?? "");
      if (from && to) stats.set(`${from}->${to}`, st);
      else other.push({ from: s.Name ?? "?", to: target.Name ?? "?", stats: st });
    }
  }
  return { stats, other };
}

/** One entry of the emulator's `GET /_lab/mesh/routes` (App Mesh entries carry weighted targets). */
export interface MeshRoute {
  kind: string;
  virtualService?: string;
  routes?: { weightedTargets?: { virtualNode?: string; percent?: number }[] }[];
}

/** App Mesh weighted targets → percent per destination node, when a route splits traffic. */
export function routeWeights(routes: readonly MeshRoute[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of routes) {
    for (const route of r.routes ?? []) {
      const targets = route.weightedTargets ?? [];
      if (targets.length < 2) continue;
      for (const t of targets) {
        const node = t.virtualNode ? mapNodeOf(t.virtualNode) : undefined;
        if (node && t.percent !== undefined) out.set(node, t.percent);
      }
    }
  }
  return out;
}

export type EdgeTone = "idle" | "ok" | "warn" | "danger";

/** Stroke width (px in the viewBox) by requests per second. */
export function edgeWidth(rps: number | undefined): number {
  if (!rps || rps <= 0) return 1.5;
  if (rps < 1) return 2.5;
  if (rps < 5) return 4;
  if (rps < 20) return 6;
  return 8;
}

/** Colour bucket by error %: under 1 % healthy, under 5 % some errors, else failing. */
export function edgeTone(stats: Pick<EdgeStats, "errorPercent"> | undefined): EdgeTone {
  if (!stats) return "idle";
  if (stats.errorPercent < 1) return "ok";
  if (stats.errorPercent < 5) return "warn";
  return "danger";
}

export const TONE_WORDS: Record<EdgeTone, string> = { idle: "no traffic", ok: "healthy", warn: "some errors", danger: "failing" };

export interface MapEdge extends MapEdgeSpec {
  stats?: EdgeStats;
  width: number;
  tone: EdgeTone;
  /** The words on the edge: "2.4/s · 0% err". */
  label?: string;
  /** The whole story, for screen readers and the edge table. */
  description: string;
}

export interface ServiceMapView {
  nodes: MapNode[];
  edges: MapEdge[];
  /** Calls seen in traces between nodes the map does not draw (DynamoDB, SNS, …). */
  other: { from: string; to: string; stats: EdgeStats }[];
  sources: ("mesh" | "xray")[];
  hasTraffic: boolean;
}

const nodeLabel = (nodes: readonly MapNode[], id: string) => {
  const n = nodes.find((x) => x.id === id);
  return n ? (n.detail === "consumer" ? `${n.label} (consumer)` : n.label) : id;
};

/** The words on an edge: short, since they sit between two boxes ("2.4/s · 0% err"); the description says it in full. */
export function edgeLabel(stats: EdgeStats): string {
  return `${formatNumber(stats.rps)}/s · ${formatPercent(stats.errorPercent)} err`;
}

/** Static topology + measured traffic (mesh first, X-Ray where the mesh saw nothing) + task counts. */
export function buildServiceMap(input: {
  mesh?: Map<string, EdgeStats>;
  xray?: { stats: Map<string, EdgeStats>; other: { from: string; to: string; stats: EdgeStats }[] };
  weights?: Map<string, number>;
  tasks?: Map<string, number>;
}): ServiceMapView {
  const { nodes: baseNodes, edges: specs } = mapTopology();
  const nodes = baseNodes.map((n) => {
    const service = n.id.split("#")[0];
    const count = n.kind === "service" ? input.tasks?.get(service) : undefined;
    if (count === undefined) return n;
    const tasks = `${count} task${count === 1 ? "" : "s"}`;
    return { ...n, detail: n.detail ? `${n.detail} · ${tasks}` : tasks };
  });
  const known = new Set(specs.map((e) => e.id));
  // Calls X-Ray saw between drawn nodes that the contract does not list (say, to a Lambda).
  const extra: MapEdgeSpec[] = [];
  for (const key of input.xray?.stats.keys() ?? []) {
    if (known.has(key)) continue;
    const [from, to] = key.split("->");
    if (nodes.some((n) => n.id === from) && nodes.some((n) => n.id === to)) extra.push({ id: key, from, to, kind: "traced" });
  }
  const sources = new Set<"mesh" | "xray">();
  const edges = [...specs, ...extra].map((spec): MapEdge => {
    const measured = input.mesh?.get(spec.id) ?? input.xray?.stats.get(spec.id);
    const weight = spec.kind === "http" && spec.from !== ALB_ID ? input.weights?.get(spec.to) : undefined;
    const stats = measured ? { ...measured, ...(weight !== undefined ? { weight } : {}) } : undefined;
    if (stats) sources.add(stats.source);
    const tone = edgeTone(stats);
    const path = `${nodeLabel(nodes, spec.from)} to ${nodeLabel(nodes, spec.to)}`;
    const what = spec.kind === "subscription" ? "SNS subscription" : spec.kind === "publish" ? "publishes" : spec.kind === "consume" ? "consumes" : "HTTP";
    const traffic = stats
      ? `${formatRate(stats.rps)}, ${formatPercent(stats.errorPercent)} errors (${TONE_WORDS[tone]})${stats.p99 !== undefined ? `, p99 ${formatMs(stats.p99)}` : ""}`
      : spec.kind === "http" || spec.kind === "traced"
        ? "no traffic in this window"
        : "not measured per edge";
    return {
      ...spec,
      stats,
      width: edgeWidth(stats?.rps),
      tone,
      ...(stats ? { label: edgeLabel(stats) } : {}),
      description: `${path}, ${what}${weight !== undefined ? `, route weight ${weight}%` : ""}: ${traffic}`,
    };
  });
  return {
    nodes,
    edges,
    other: input.xray?.other ?? [],
    sources: [...sources],
    hasTraffic: edges.some((e) => e.stats),
  };
}

/** The X-Ray filter expression for the traces that cross one edge of the map, if it can be expressed. */
export function edgeFilter(edge: Pick<MapEdgeSpec, "from" | "to">): string | undefined {
  const name = (id: string) => (id.startsWith("lambda:") ? id.slice("lambda:".length) : id.includes(":") || id === ALB_ID ? undefined : id.split("#")[0]);
  const to = name(edge.to);
  if (!to) return undefined;
  if (edge.from === ALB_ID) return `service("${to}")`;
  const from = name(edge.from);
  return from ? `edge("${from}", "${to}")` : undefined;
}

// ───────────────────────── traces ─────────────────────────

export type TraceStatus = "ok" | "error" | "fault" | "throttle";
export const TRACE_STATUS_WORDS: Record<TraceStatus, string> = { ok: "OK", error: "Error", fault: "Fault", throttle: "Throttled" };

export interface TraceRow {
  id: string;
  startedAt: number;
  durationMs: number;
  status: TraceStatus;
  /** The entry point: service name. */
  root: string;
  /** "POST /orders". */
  request?: string;
  httpStatus?: number;
  services: string[];
}

const pathOf = (url: string | undefined) => {
  if (!url) return undefined;
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
};

export function shapeTraceSummaries(summaries: readonly TraceSummary[], limit = 50): TraceRow[] {
  return summaries
    .filter((s) => s.Id)
    .map((s): TraceRow => {
      const status: TraceStatus = s.HasFault ? "fault" : s.HasThrottle ? "throttle" : s.HasError ? "error" : "ok";
      const method = s.Http?.HttpMethod;
      const path = pathOf(s.Http?.HttpURL);
      return {
        id: s.Id!,
        startedAt: s.StartTime ? new Date(s.StartTime).getTime() : 0,
        durationMs: Math.round((s.Duration ?? s.ResponseTime ?? 0) * 1000 * 10) / 10,
        status,
        root: s.EntryPoint?.Name ?? s.ServiceIds?.[0]?.Name ?? "unknown",
        ...(method || path ? { request: [method, path].filter(Boolean).join(" ") } : {}),
        ...(s.Http?.HttpStatus !== undefined ? { httpStatus: s.Http.HttpStatus } : {}),
        services: [...new Set((s.ServiceIds ?? []).map((x) => x.Name ?? "").filter(Boolean))],
      };
    })
    .sort((a, b) => b.startedAt - a.startedAt)
    .slice(0, limit);
}

/** A segment document as X-Ray stores it (the fields the waterfall reads). */
export interface SegmentDoc {
  id: string;
  name: string;
  trace_id?: string;
  parent_id?: string;
  type?: string;
  start_time: number;
  end_time?: number;
  in_progress?: boolean;
  origin?: string;
  namespace?: string;
  http?: { request?: { method?: string; url?: string }; response?: { status?: number } };
  aws?: { operation?: string; topic_arn?: string; queue_url?: string; [k: string]: unknown };
  error?: boolean;
  fault?: boolean;
  throttle?: boolean;
  cause?: { exceptions?: { message?: string; type?: string }[] };
  subsegments?: SegmentDoc[];
}

export type SpanKind = "service" | "http" | "sns" | "sqs" | "aws" | "local";
export type HopKind = "entry" | "http" | "message" | "invoke";

export interface WaterfallRow {
  id: string;
  name: string;
  depth: number;
  /** ms from the trace's start. */
  offsetMs: number;
  durationMs?: number;
  kind: SpanKind;
  /** Service segments: how the request reached this service. */
  hop?: HopKind;
  /** "GET /users/123", "Publish order-events". */
  detail?: string;
  status: TraceStatus;
  httpStatus?: number;
  /** An exception message, when recorded. */
  cause?: string;
  inProgress: boolean;
}

export interface TraceView {
  id: string;
  startedAt: number;
  durationMs: number;
  status: TraceStatus;
  rows: WaterfallRow[];
  /** The service-to-service hops, in order: "order-service → user-service (HTTP)". */
  hops: { from?: string; to: string; via: HopKind }[];
}

const docStatus = (d: SegmentDoc): TraceStatus => {
  const s = d.http?.response?.status;
  if (d.fault || (s !== undefined && s >= 500)) return "fault";
  if (d.throttle || s === 429) return "throttle";
  if (d.error || (s !== undefined && s >= 400)) return "error";
  return "ok";
};

const topicOf = (arn: string | undefined) => arn?.split(":").pop();

function spanKind(d: SegmentDoc, isSegment: boolean): { kind: SpanKind; detail?: string } {
  if (isSegment) {
    const req = d.http?.request;
    return { kind: "service", ...(req ? { detail: [req.method, pathOf(req.url)].filter(Boolean).join(" ") } : {}) };
  }
  if (d.namespace === "aws") {
    const op = d.aws?.operation;
    if (d.name === "SNS") return { kind: "sns", detail: [op ?? "Publish", topicOf(d.aws?.topic_arn)].filter(Boolean).join(" ") };
    if (d.name === "SQS") return { kind: "sqs", detail: [op, d.aws?.queue_url?.split("/").pop()].filter(Boolean).join(" ") };
    return { kind: "aws", detail: [d.name, op].filter(Boolean).join(" ") };
  }
  if (d.namespace === "remote" || d.http?.request) {
    const req = d.http?.request;
    return { kind: "http", ...(req ? { detail: [req.method, pathOf(req.url)].filter(Boolean).join(" ") } : {}) };
  }
  return { kind: "local" };
}

const hopOf = (parent: SpanKind | undefined): HopKind =>
  parent === undefined ? "entry" : parent === "sns" || parent === "sqs" ? "message" : parent === "aws" ? "invoke" : "http";

export const HOP_WORDS: Record<HopKind, string> = { entry: "entry", http: "HTTP", message: "SNS → SQS", invoke: "AWS call" };

/**
 * BatchGetTraces' segment documents → a waterfall: each service's segment under the subsegment
 * that called it (across HTTP and SNS/SQS hops), subsegments under their segment, siblings by
 * start time.
 */
export function buildWaterfall(id: string, documents: readonly string[]): TraceView {
  const docs: SegmentDoc[] = [];
  for (const text of documents) {
    try {
      const d = JSON.parse(text) as SegmentDoc;
      if (d && typeof d.id === "string" && typeof d.start_time === "number") docs.push(d);
    } catch {
      // A document X-Ray could not parse is not drawn.
    }
  }
  type Node = { doc: SegmentDoc; isSegment: boolean; children: Node[]; parent?: Node };
  const byId = new Map<string, Node>();
  const register = (doc: SegmentDoc, isSegment: boolean): Node => {
    const node: Node = { doc, isSegment, children: [] };
    byId.set(doc.id, node);
    for (const sub of doc.subsegments ?? []) {
      const child = register(sub, false);
      child.parent = node;
      node.children.push(child);
    }
    return node;
  };
  const tops = docs.map((d) => register(d, d.type !== "subsegment"));
  const roots: Node[] = [];
  for (const node of tops) {
    const parent = node.doc.parent_id ? byId.get(node.doc.parent_id) : undefined;
    if (parent && parent !== node) {
      node.parent = parent;
      parent.children.push(node);
    } else roots.push(node);
  }
  const all = [...byId.values()];
  const start = Math.min(...all.map((n) => n.doc.start_time));
  const end = Math.max(...all.map((n) => n.doc.end_time ?? n.doc.start_time));
  const rows: WaterfallRow[] = [];
  const hops: TraceView["hops"] = [];
  const owner = (n: Node | undefined): Node | undefined => (n && !n.isSegment ? owner(n.parent) : n);
  const walk = (node: Node, depth: number) => {
    const d = node.doc;
    const { kind, detail } = spanKind(d, node.isSegment);
    const parentKind = node.parent ? spanKind(node.parent.doc, node.parent.isSegment).kind : undefined;
    const hop = node.isSegment ? hopOf(parentKind) : undefined;
    if (node.isSegment) hops.push({ ...(node.parent ? { from: owner(node.parent)?.doc.name } : {}), to: d.name, via: hop! });
    const cause = d.cause?.exceptions?.[0]?.message;
    rows.push({
      id: d.id,
      name: d.name,
      depth,
      offsetMs: Math.round((d.start_time - start) * 1e6) / 1e3,
      ...(d.end_time !== undefined ? { durationMs: Math.round((d.end_time - d.start_time) * 1e6) / 1e3 } : {}),
      kind,
      ...(hop ? { hop } : {}),
      ...(detail ? { detail } : {}),
      status: docStatus(d),
      ...(d.http?.response?.status !== undefined ? { httpStatus: d.http.response.status } : {}),
      ...(cause ? { cause } : {}),
      inProgress: d.in_progress === true,
    });
    for (const child of [...node.children].sort((a, b) => a.doc.start_time - b.doc.start_time)) walk(child, depth + 1);
  };
  for (const r of roots.sort((a, b) => a.doc.start_time - b.doc.start_time)) walk(r, 0);
  const statuses = rows.filter((r) => r.kind === "service").map((r) => r.status);
  const status: TraceStatus = statuses.includes("fault") ? "fault" : statuses.includes("throttle") ? "throttle" : statuses.includes("error") ? "error" : "ok";
  return {
    id,
    startedAt: Number.isFinite(start) ? start * 1000 : 0,
    durationMs: Number.isFinite(start) ? Math.round((end - start) * 1e6) / 1e3 : 0,
    status,
    rows,
    hops,
  };
}

// ───────────────────────── logs ─────────────────────────

/** The log groups the page tails: the services' and the Lambdas'. */
export const LOG_GROUPS = [
  ...METRIC_SERVICES.map((s) => ({ group: logGroupFor(s), label: s })),
  ...Object.values(LAMBDAS).map((fn) => ({ group: `/aws/lambda/${fn}`, label: `${fn} (Lambda)` })),
];
export const isLogGroup = (g: unknown): g is string => LOG_GROUPS.some((x) => x.group === g);

export interface LogLine {
  id: string;
  at: number;
  stream?: string;
  level?: string;
  /** The message itself. */
  text: string;
  /** The remaining JSON fields, compact: [key, value as text]. */
  fields: [string, string][];
  /** The raw line, for copying and hover. */
  raw: string;
}

const LEVEL_KEYS = ["level", "severity", "lvl"];
const MESSAGE_KEYS = ["msg", "message"];
const QUIET_KEYS = new Set(["time", "timestamp", "service", "function", "function_version"]);

const compactValue = (v: unknown): string => {
  if (typeof v === "string") return v;
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
};

// Lambda's Node runtime prefixes console output: `<ISO time>\t<request id>\t<LEVEL>\t<message>`.
const LAMBDA_LINE = /^(\d{4}-\d\d-\d\dT[^\t]+)\t([0-9a-f-]{8,})\t(INFO|WARN|ERROR|DEBUG|TRACE|FATAL)\t([\s\S]*)$/;

/** One log event → a compact line: level, message and `key=value` fields for JSON; text as it is otherwise. */
export function formatLogLine(event: { eventId?: string; timestamp?: number; logStreamName?: string; message?: string }): LogLine {
  const raw = (event.message ?? "").replace(/\n+$/, "");
  let body = raw;
  let level: string | undefined;
  const lambda = LAMBDA_LINE.exec(raw);
  if (lambda) {
    level = lambda[3].toLowerCase();
    body = lambda[4];
  }
  const base = { id: event.eventId ?? `${event.timestamp}-${raw.length}`, at: event.timestamp ?? 0, ...(event.logStreamName ? { stream: event.logStreamName } : {}), raw };
  const trimmed = body.trim();
  if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
    try {
      const json = JSON.parse(trimmed) as Record<string, unknown>;
      if (json && typeof json === "object" && !Array.isArray(json)) {
        const levelKey = LEVEL_KEYS.find((k) => typeof json[k] === "string");
        const messageKey = MESSAGE_KEYS.find((k) => typeof json[k] === "string");
        const fields = Object.entries(json)
          .filter(([k]) => k !== levelKey && k !== messageKey && !QUIET_KEYS.has(k))
          .map(([k, v]): [string, string] => [k, compactValue(v)]);
        return {
          ...base,
          ...(levelKey ? { level: String(json[levelKey]).toLowerCase() } : level ? { level } : {}),
          text: messageKey ? String(json[messageKey]) : "",
          fields,
        };
      }
    } catch {
      // Not JSON after all: shown as text.
    }
  }
  const guessed = level ?? /\b(ERROR|WARN|INFO|DEBUG)\b/.exec(body.slice(0, 40))?.[1]?.toLowerCase();
  return { ...base, ...(guessed ? { level: guessed } : {}), text: body, fields: [] };
}

/** New events since the last poll, without the ones already shown (the poll starts at the last timestamp, inclusive). */
export function mergeLogLines(previous: readonly LogLine[], incoming: readonly LogLine[], max = 500): LogLine[] {
  const seen = new Set(previous.map((l) => l.id));
  const fresh = incoming.filter((l) => !seen.has(l.id));
  if (!fresh.length) return previous as LogLine[];
  const merged = [...previous, ...fresh].sort((a, b) => a.at - b.at);
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}
