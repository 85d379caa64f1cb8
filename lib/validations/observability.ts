// The "create a custom alarm" form (exercise 4, step 4), validated as PutMetricAlarm would
// validate it, so the learner reads the problem next to the field instead of an AWS error.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
import { z } from "zod";
import { ALL_QUEUES, isTemplateAlarm, METRIC_SERVICES, type MetricRef, SQS_DEPTH_METRIC, TEMPLATE_ALARM_PREFIX } from "../data/observability.ts";
import { BREAKER_SERVICES, EVENT_TYPES, METRICS } from "../lab/contract.ts";

export interface AlarmMetricOption {
  /** The form value: `CrossServiceLab/Errors/Service=order-service`. */
  key: string;
  label: string;
  group: string;
  metric: MetricRef;
  /** The statistic that usually makes sense for it. */
  suggested: string;
}

const option = (group: string, namespace: string, metricName: string, dimension: string, value: string, suggested: string): AlarmMetricOption => ({
  key: `${namespace}/${metricName}/${dimension}=${value}`,
  label: `${metricName} · ${value}`,
  group,
  metric: { namespace, metricName, dimensions: [{ name: dimension, value }] },
  suggested,
});

/** Every metric the lab publishes, as the form offers them. */
export const ALARM_METRICS: readonly AlarmMetricOption[] = [
  ...METRIC_SERVICES.flatMap((s) => [
    option("Requests, errors and latency", METRICS.namespace, METRICS.errors, "Service", s, "Sum"),
    option("Requests, errors and latency", METRICS.namespace, METRICS.requests, "Service", s, "Sum"),
    option("Requests, errors and latency", METRICS.namespace, METRICS.latency, "Service", s, "Average"),
  ]),
  ...BREAKER_SERVICES.map((s) => option("Circuit breakers", METRICS.namespace, METRICS.circuitBreakerState, "ServiceName", s, "Maximum")),
  ...EVENT_TYPES.map((t) => option("Events", METRICS.namespace, METRICS.eventsProcessed, "EventType", t, "Sum")),
  ...ALL_QUEUES.map((q) => option("Queues (AWS/SQS)", "AWS/SQS", SQS_DEPTH_METRIC, "QueueName", q, "Maximum")),
];

export const ALARM_STATISTICS = ["Sum", "Average", "Maximum", "Minimum", "SampleCount", "p50", "p90", "p99"] as const;
export const ALARM_COMPARISONS = [
  { value: "GreaterThanOrEqualToThreshold", label: "≥ at least" },
  { value: "GreaterThanThreshold", label: "> above" },
  { value: "LessThanThreshold", label: "< below" },
  { value: "LessThanOrEqualToThreshold", label: "≤ at most" },
] as const;
/** High-resolution alarms take 10 or 30 s; 60 s is a standard one. */
export const ALARM_PERIODS = [10, 30, 60] as const;
export const MAX_EVALUATION_PERIODS = 10;

export const ALARM_FIELDS = ["name", "metric", "statistic", "threshold", "comparison", "period", "evaluationPeriods", "notify"] as const;
export type AlarmField = (typeof ALARM_FIELDS)[number];

const ALARM_NAME = /^[A-Za-z0-9._-]+$/;

export const customAlarmSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the alarm a name, such as order-service-errors.")
    .max(100, "Keep the name under 100 characters.")
    .regex(ALARM_NAME, "Use letters, digits and . _ - only.")
    .refine((n) => !isTemplateAlarm(n), `Names starting with ${TEMPLATE_ALARM_PREFIX} belong to the lab's templates; choose another.`),
  metric: z.string().refine((k) => ALARM_METRICS.some((m) => m.key === k), "Choose one of the lab's metrics."),
  statistic: z.enum(ALARM_STATISTICS, { error: "Choose a statistic." }),
  threshold: z
    .string()
    .trim()
    .min(1, "Enter a threshold, such as 5.")
    .refine((v) => /^-?\d+(\.\d+)?$/.test(v), "Enter a number, such as 5 or 0.5.")
    .transform(Number)
    .refine((n) => Number.isFinite(n) && Math.abs(n) < 1e12, "Enter a smaller number."),
  comparison: z.enum(ALARM_COMPARISONS.map((c) => c.value) as [string, ...string[]], { error: "Choose a comparison." }),
  period: z.coerce
    .number({ error: "Choose a period." })
    .refine((p) => (ALARM_PERIODS as readonly number[]).includes(p), "Choose 10 s, 30 s or 60 s."),
  evaluationPeriods: z.coerce
    .number({ error: "Enter how many periods to evaluate." })
    .int("Enter a whole number of periods.")
    .min(1, "Evaluate at least 1 period.")
    .max(MAX_EVALUATION_PERIODS, `Evaluate at most ${MAX_EVALUATION_PERIODS} periods here.`),
  notify: z.boolean(),
});

export type CustomAlarm = z.output<typeof customAlarmSchema>;
export type AlarmFormValues = Record<Exclude<AlarmField, "notify">, string> & { notify: boolean };

export function alarmFormValues(form: FormData): AlarmFormValues {
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  return {
    name: text("name"),
    metric: text("metric"),
    statistic: text("statistic"),
    threshold: text("threshold"),
    comparison: text("comparison"),
    period: text("period"),
    evaluationPeriods: text("evaluationPeriods"),
    notify: form.get("notify") === "on",
  };
}

/** Field → first message, for the form. */
export function alarmFieldErrors(values: AlarmFormValues): { data?: CustomAlarm; errors: Partial<Record<AlarmField, string>> } {
  const parsed = customAlarmSchema.safeParse(values);
  if (parsed.success) return { data: parsed.data, errors: {} };
  const errors: Partial<Record<AlarmField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as AlarmField;
    errors[field] ??= issue.message;
  }
  return { errors };
}

export const alarmMetricOf = (key: string) => ALARM_METRICS.find((m) => m.key === key);
