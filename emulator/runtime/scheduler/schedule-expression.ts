// EventBridge schedule expressions: rate(N unit) and AWS's six-field cron, evaluated in UTC.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
//
// AWS cron is `cron(minutes hours day-of-month month day-of-week year)` where day-of-week runs
// 1-7 = SUN-SAT and one of day-of-month / day-of-week must be `?`. croner speaks Vixie cron
// (seconds first, day-of-week 0-6 = SUN-SAT, no year, no W), so the expression is translated,
// and the year and the `W` (nearest weekday) rules are applied as filters over croner's runs.
import { Cron } from "croner";

export type Schedule =
  | { kind: "rate"; expression: string; intervalMs: number }
  | { kind: "cron"; expression: string; cron: Cron; year: (y: number) => boolean; weekday?: "L" | number };

export class ScheduleExpressionError extends Error {}

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const MIN_YEAR = 1970;
const MAX_YEAR = 2199;

export function parseScheduleExpression(expression: string): Schedule {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2].replace(/s$/, "");
    // AWS: "If the value is equal to 1, then the unit must be singular ... greater than 1, plural."
    if (value < 1 || (value === 1) !== (rate[2] === unit)) throw new ScheduleExpressionError("rate value and unit do not agree");
    return { kind: "rate", expression, intervalMs: value * UNIT_MS[unit] };
  }
  const cron = /^cron\((.*)\)$/.exec(expression.trim());
  if (!cron) throw new ScheduleExpressionError("expected rate(...) or cron(...)");
  return parseCron(expression, cron[1].trim().split(/\s+/));
}

function parseCron(expression: string, fields: string[]): Schedule {
  if (fields.length !== 6) throw new ScheduleExpressionError("cron needs six fields: minutes hours day-of-month month day-of-week year");
  const [min, hour, dom, month, dow, year] = fields;
  if ((dom === "?") === (dow === "?")) throw new ScheduleExpressionError("exactly one of day-of-month and day-of-week must be ?");
  let weekday: "L" | number | undefined;
  let cronDom = dom === "?" ? "*" : dom;
  const w = /^(L|\d{1,2})W$/.exec(dom);
  if (w) {
    weekday = w[1] === "L" ? "L" : Number(w[1]);
    if (weekday !== "L" && (weekday < 1 || weekday > 31)) throw new ScheduleExpressionError("bad day-of-month");
    cronDom = "*";
  }
  const pattern = ["0", min, hour, cronDom, month, dow === "?" ? "*" : translateDayOfWeek(dow)].join(" ");
  let job: Cron;
  try {
    job = new Cron(pattern, { timezone: "Etc/UTC", legacyMode: false, paused: true });
  } catch (e) {
    throw new ScheduleExpressionError((e as Error).message);
  }
  return { kind: "cron", expression, cron: job, year: parseYear(year), weekday };
}

/** AWS 1-7 (SUN-SAT) to croner 0-6; `6L` (last Friday) to `5#L`; a bare `L` is Saturday. */
function translateDayOfWeek(field: string): string {
  const shift = (s: string) => s.replace(/\d+/g, (n) => {
    const v = Number(n);
    if (v < 1 || v > 7) throw new ScheduleExpressionError(`day-of-week ${n} is outside 1-7`);
    return String(v - 1);
  });
  return field
    .split(",")
    .map((part) => {
      if (part === "L") return "6";
      const last = /^(\w+)L$/.exec(part);
      if (last) return `${/^\d+$/.test(last[1]) ? shift(last[1]) : last[1]}#L`;
      const nth = /^(\w+)#(\d)$/.exec(part);
      if (nth) return `${/^\d+$/.test(nth[1]) ? shift(nth[1]) : nth[1]}#${nth[2]}`;
      const [range, step] = part.split("/");
      return step === undefined ? shift(range) : `${range === "*" ? "*" : shift(range)}/${step}`;
    })
    .join(",");
}

function parseYear(field: string): (y: number) => boolean {
  const allowed = new Set<number>();
  for (const part of field.split(",")) {
    const m = /^(\*|\d{4})(?:-(\d{4}))?(?:\/(\d+))?$/.exec(part);
    if (!m) throw new ScheduleExpressionError(`bad year field ${field}`);
    const from = m[1] === "*" ? MIN_YEAR : Number(m[1]);
    const to = m[2] ? Number(m[2]) : m[1] === "*" || m[3] ? MAX_YEAR : from;
    const step = m[3] ? Number(m[3]) : 1;
    if (from < MIN_YEAR || to > MAX_YEAR || from > to || step < 1) throw new ScheduleExpressionError(`year out of range in ${field}`);
    for (let y = from; y <= to; y += step) allowed.add(y);
  }
  return (y) => allowed.has(y);
}

/** The first fire strictly after `from`. Rate schedules count from `anchor` (when the rule was armed), scaled by `rateScale`. */
export function nextFireTime(schedule: Schedule, from: Date, anchor: Date, rateScale = 1): Date | undefined {
  if (schedule.kind === "rate") {
    const interval = Math.max(1, Math.round(schedule.intervalMs * rateScale));
    const elapsed = from.getTime() - anchor.getTime();
    const k = elapsed < 0 ? 1 : Math.floor(elapsed / interval) + 1;
    return new Date(anchor.getTime() + k * interval);
  }
  let cursor = from;
  // Each skip moves at least a day (W) or to a later year; 2000 bounds the search.
  for (let i = 0; i < 2000; i++) {
    const next = schedule.cron.nextRun(cursor);
    if (!next) return undefined;
    const y = next.getUTCFullYear();
    if (!schedule.year(y)) {
      let ny = y + 1;
      while (ny <= MAX_YEAR && !schedule.year(ny)) ny++;
      if (ny > MAX_YEAR) return undefined;
      cursor = new Date(Date.UTC(ny, 0, 1) - 1000);
      continue;
    }
    if (schedule.weekday !== undefined && next.getUTCDate() !== nearestWeekday(y, next.getUTCMonth(), schedule.weekday)) {
      cursor = new Date(Date.UTC(y, next.getUTCMonth(), next.getUTCDate() + 1) - 1000);
      continue;
    }
    return next;
  }
  return undefined;
}

/** `15W`: the weekday nearest the 15th, never crossing into another month; `LW`: the last weekday. */
function nearestWeekday(year: number, month: number, day: "L" | number): number {
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const d = day === "L" ? last : Math.min(day, last);
  const dow = new Date(Date.UTC(year, month, d)).getUTCDay();
  if (dow === 6) return d === 1 ? 3 : d - 1;
  if (dow === 0) return d === last ? d - 2 : d + 1;
  return d;
}
