// The lab TTL: when a deploy arms it, the time the lab removes itself, the one-time
// EventBridge schedule that fires then (cloudformation/ttl.yaml), the order the TTL Lambda
// deletes the stacks in, and the countdown the Overview and `npm run lab -- status` show.
// Pure functions; the contract's names only.
import { z } from "zod";
import { ALL_STACK_NAMES, DEFAULT_TTL_HOURS, MAX_TTL_HOURS, STACKS } from "./contract.ts";

export const ttlHoursSchema = z.coerce
  .number({ error: "Give the TTL in hours." })
  .int("Give the TTL in whole hours.")
  .min(1, "The TTL is at least 1 hour.")
  .max(MAX_TTL_HOURS, `The TTL is at most ${MAX_TTL_HOURS} hours.`);

export interface TtlExpiry {
  /** ISO 8601, UTC, whole minutes: the TTL stack's `ExpiresAt` parameter and output. */
  expiresAt: string;
  /**
   * `cron(M H D Mon ? YYYY)` in UTC for that minute: fires once, since the year is fixed.
   * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html#eb-cron-expressions
   */
  schedule: string;
}

/** When a lab deployed at `now` expires after `hours`, rounded up to the next whole minute (cron's resolution). */
export function ttlExpiry(now: Date, hours: number = DEFAULT_TTL_HOURS): TtlExpiry {
  const minute = 60_000;
  const at = new Date(Math.ceil((now.getTime() + hours * 3_600_000) / minute) * minute);
  return {
    expiresAt: at.toISOString().replace(/\.\d{3}Z$/, "Z"),
    schedule: `cron(${at.getUTCMinutes()} ${at.getUTCHours()} ${at.getUTCDate()} ${at.getUTCMonth() + 1} ? ${at.getUTCFullYear()})`,
  };
}

export interface TtlCountdown {
  expiresAt: string;
  /** Milliseconds left; 0 or less once the time is up. */
  remainingMs: number;
  /** "3 h 12 min", "45 min", "under a minute", or "due now" once the time is up. */
  label: string;
}

/** The countdown to `expiresAt` (the TTL stack's output) at `now`; undefined without a valid time. */
export function ttlCountdown(expiresAt: string | undefined, now: number = Date.now()): TtlCountdown | undefined {
  const at = expiresAt ? Date.parse(expiresAt) : Number.NaN;
  if (!Number.isFinite(at)) return undefined;
  const remainingMs = at - now;
  return { expiresAt: expiresAt as string, remainingMs, label: remainingLabel(remainingMs) };
}

function remainingLabel(ms: number): string {
  if (ms <= 0) return "due now";
  if (ms < 60_000) return "under a minute";
  // Whole minutes left, rounded down: the expiry is rounded up to the minute, so a fresh
  // 4-hour lab reads "4 h 0 min", never more than it was given.
  const minutes = Math.floor(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${h} h ${m} min` : `${m} min`;
}

/**
 * The order the TTL Lambda deletes the lab in: newest stack first, as cleanup does, except its
 * own stack, which goes last (it holds the function doing the work). The TTL stack takes
 * its code bucket as a parameter, not an import, so the bootstrap stack can go before it.
 */
export const TTL_DELETION_ORDER: readonly string[] = [...ALL_STACK_NAMES.filter((s) => s !== STACKS.ttl).reverse(), STACKS.ttl];
