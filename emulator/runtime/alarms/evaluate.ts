// Pure alarm evaluation: which state the most recent datapoints put an alarm in.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-evaluating-missing-data
//
// CloudWatch retrieves more periods than EvaluationPeriods (the "evaluation range"; here N + 2).
//   - If at least N datapoints exist, the most recent N existing ones are evaluated and the
//     missing-data setting is not used.
//   - Otherwise `breaching` / `notBreaching` fill the gap up to N; `missing` and `ignore`
//     evaluate what exists: ALARM with at least M breaching, OK with any non-breaching one,
//     and otherwise INSUFFICIENT_DATA (`missing`) or the current state (`ignore`).
// This reproduces the documented tables except one row ("X - - - -" under `missing`, which AWS
// answers ALARM and this answers INSUFFICIENT_DATA).

export type AlarmState = "OK" | "ALARM" | "INSUFFICIENT_DATA";
export const ALARM_STATES: readonly AlarmState[] = ["OK", "ALARM", "INSUFFICIENT_DATA"];
export type MissingData = "missing" | "ignore" | "breaching" | "notBreaching";
export const MISSING_DATA: readonly MissingData[] = ["missing", "ignore", "breaching", "notBreaching"];
export const COMPARISONS = ["GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold"] as const;
export type Comparison = (typeof COMPARISONS)[number];

const COMPARISON_TEXT: Record<Comparison, string> = {
  GreaterThanOrEqualToThreshold: "greater than or equal to",
  GreaterThanThreshold: "greater than",
  LessThanThreshold: "less than",
  LessThanOrEqualToThreshold: "less than or equal to",
};

export interface Datapoint {
  /** Period start, epoch seconds. */
  ts: number;
  value: number | undefined;
}

export interface AlarmRule {
  evaluationPeriods: number;
  datapointsToAlarm: number;
  comparison: Comparison;
  threshold: number;
  missing: MissingData;
}

export interface Verdict {
  /** "RETAIN": `ignore` with nothing to go on keeps the current state. */
  state: AlarmState | "RETAIN";
  reason: string;
  /** The real datapoints that were evaluated, newest first (as AWS lists recentDatapoints). */
  evaluated: Datapoint[];
}

export function isBreaching(rule: Pick<AlarmRule, "comparison" | "threshold">, value: number): boolean {
  switch (rule.comparison) {
    case "GreaterThanOrEqualToThreshold":
      return value >= rule.threshold;
    case "GreaterThanThreshold":
      return value > rule.threshold;
    case "LessThanThreshold":
      return value < rule.threshold;
    case "LessThanOrEqualToThreshold":
      return value <= rule.threshold;
  }
}

/** `range` holds the evaluation range oldest first; `value` undefined marks a missing datapoint. */
export function evaluateAlarm(rule: AlarmRule, range: Datapoint[]): Verdict {
  const N = rule.evaluationPeriods;
  const M = rule.datapointsToAlarm;
  const existing = range.filter((d) => d.value !== undefined);
  const evaluated = existing.slice(-N);
  const filled = existing.length >= N || (rule.missing !== "breaching" && rule.missing !== "notBreaching") ? 0 : N - existing.length;
  const breachingReal = evaluated.filter((d) => isBreaching(rule, d.value!)).length;
  const breaching = breachingReal + (rule.missing === "breaching" ? filled : 0);
  const newestFirst = [...evaluated].reverse();
  const total = evaluated.length + filled;
  const explain = (verb: string, state: "OK" | "ALARM") => {
    const shown = newestFirst.map((d) => `${fmtNumber(d.value!)} (${fmtReasonDate(d.ts)})`).join(", ");
    const count = state === "ALARM" ? breaching : total - breaching;
    const transition = state === "ALARM" ? `minimum ${M} datapoint${M === 1 ? "" : "s"} for OK -> ALARM transition` : `minimum ${N - M + 1} datapoint${N - M + 1 === 1 ? "" : "s"} for ALARM -> OK transition`;
    return `Threshold Crossed: ${count} out of the last ${total} datapoints [${shown}] ${count === 1 ? "was" : "were"} ${verb}${COMPARISON_TEXT[rule.comparison]} the threshold (${fmtNumber(rule.threshold)}) (${transition}).`;
  };

  if (filled === N) {
    // Nothing was received: AWS words this case differently.
    const s = N === 1 ? "" : "s";
    const as = rule.missing === "breaching" ? "Breaching" : "NonBreaching";
    const reason = `Threshold Crossed: no datapoints were received for ${N} period${s} and ${N} missing datapoint${s} ${N === 1 ? "was" : "were"} treated as [${as}].`;
    return { state: breaching >= M ? "ALARM" : "OK", reason, evaluated: newestFirst };
  }
  if (breaching >= M) return { state: "ALARM", reason: explain("", "ALARM"), evaluated: newestFirst };
  if (filled > 0 || existing.length >= N || breachingReal < evaluated.length) {
    return { state: "OK", reason: explain("not ", "OK"), evaluated: newestFirst };
  }
  const unknown = range.length - existing.length;
  const reason = `Insufficient Data: ${unknown} datapoint${unknown === 1 ? " was" : "s were"} unknown.`;
  return { state: rule.missing === "ignore" ? "RETAIN" : "INSUFFICIENT_DATA", reason, evaluated: newestFirst };
}

const fmtNumber = (v: number) => (Number.isInteger(v) ? v.toFixed(1) : String(v));

/** AWS writes reason dates as dd/MM/yy HH:mm:ss (UTC). */
function fmtReasonDate(ts: number) {
  const d = new Date(ts * 1000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCFullYear() % 100)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** AWS's timestamp style in alarm JSON: 2024-05-21T10:00:11.123+0000. */
export const awsTimestamp = (d: Date) => d.toISOString().replace("Z", "+0000");
