// circuit-breaker-manager: the breaker item's API for people and tools.
//   {"service_name": "user-service", "action": "check"}
// Actions: check (returns the whole item, turning OPEN into HALF_OPEN once retry_at has
// passed), record_success, record_failure, reset (optionally with new `config`), force_open
// (optionally `hold_seconds`, else held until force_close/reset), force_close.
// Every answer is the item plus `action`, `transition` (or null) and `state_value` (0/1/2).
import { z } from "zod";
import { BREAKER_ACTIONS, type BreakerAction } from "../../../lib/lab/contract.ts";
import { type BreakerItem, check, forceClose, forceOpen, type Outcome, recordFailure, recordSuccess, reset, stateValue } from "../../shared/breaker.ts";
import { type BreakerStore, breakerConfigFromEnv, DynamoBreakerStore } from "../../shared/breaker-store.ts";
import { announce } from "../../shared/guarded.ts";
import { Metrics } from "../../shared/metrics.ts";
import { lambdaLogger } from "../lambda-log.ts";

const log = lambdaLogger("circuit-breaker-manager");

const ConfigInput = z
  .object({
    failureThreshold: z.number().int().min(1),
    windowMs: z.number().int().min(1),
    openMs: z.number().int().min(1),
    successThreshold: z.number().int().min(1),
    volumeThreshold: z.number().int().min(0).optional(),
    errorPercentThreshold: z.number().min(0).max(100).optional(),
  })
  .partial();

export const ManagerInput = z.object({
  service_name: z.string().min(1).max(255),
  action: z.enum(BREAKER_ACTIONS),
  config: ConfigInput.optional(),
  hold_seconds: z.number().positive().max(86_400).optional(),
});
export type ManagerInput = z.infer<typeof ManagerInput>;

export function operation(input: ManagerInput): (item: BreakerItem, now: number) => Outcome {
  const ops: Record<BreakerAction, (item: BreakerItem, now: number) => Outcome> = {
    check,
    record_success: recordSuccess,
    record_failure: recordFailure,
    reset: (item, now) => reset(item, now, { ...item.config, ...input.config }),
    force_open: (item, now) => forceOpen(item, now, input.hold_seconds === undefined ? undefined : input.hold_seconds * 1000),
    force_close: forceClose,
  };
  return ops[input.action];
}

let store: BreakerStore | undefined;
let metrics: Metrics | undefined;

/** For tests: use this store and metrics sender instead of DynamoDB and CloudWatch. */
export function configure(deps: { store?: BreakerStore; metrics?: Metrics }) {
  store = deps.store;
  metrics = deps.metrics;
}

export async function handler(event: unknown) {
  const raw = typeof event === "string" ? JSON.parse(event) : event;
  const parsed = ManagerInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Invalid input: ${issue.path.join(".") || "event"}: ${issue.message}. Expected {"service_name": "user-service", "action": "${BREAKER_ACTIONS.join('" | "')}"}`,
    );
  }
  const input = parsed.data;
  store ??= new DynamoBreakerStore({ tableName: process.env.BREAKER_TABLE, defaultConfig: breakerConfigFromEnv() });
  metrics ??= new Metrics({ service: "circuit-breaker-manager", log });
  const out = await store.apply(input.service_name, operation(input));
  const transitions = "transitions" in out ? (out.transitions as Outcome["transition"][]) : [out.transition];
  for (const t of transitions) await announce({ store, metrics, log }, input.service_name, t);
  log.info("breaker action", { service_name: input.service_name, action: input.action, state: out.item.state, version: out.item.version, transition: out.transition });
  return { ...out.item, action: input.action, transition: out.transition ?? null, state_value: stateValue(out.item.state) };
}
