// A call behind the shared circuit breaker: check (which may turn OPEN into HALF_OPEN), call,
// record the result with a conditional write, and publish the state on every transition.
import { type CheckOutcome, check, onFailure, onSuccess, type Transition } from "./breaker.ts";
import type { BreakerStore } from "./breaker-store.ts";
import { errorFields, type Logger } from "./log.ts";
import { breakerStateDatum, type Metrics } from "./metrics.ts";

export type GuardedResult<T> =
  | { outcome: "success"; value: T; state: string; transitions: Transition[] }
  | { outcome: "failure"; value: T; state: string; transitions: Transition[] }
  | { outcome: "short-circuited"; state: string; transitions: Transition[] };

export interface Guard {
  store: BreakerStore;
  metrics: Metrics;
  log: Logger;
}

export async function announce(guard: Guard, service: string, t: Transition | undefined, traceId?: string) {
  if (!t) return;
  guard.log.info("circuit breaker transition", { breaker: service, from: t.from, to: t.to, reason: t.reason, trace_id: traceId });
  await guard.metrics.putNow(breakerStateDatum(service, t.to, new Date(t.at)));
}

/**
 * `call` resolves to a value and whether it counts as a success; it must not throw. If the
 * breaker store itself fails (a hot item that keeps conflicting), the call goes ahead
 * unguarded rather than failing the request.
 */
export async function guardedCall<T>(guard: Guard, service: string, call: () => Promise<{ ok: boolean; value: T }>, traceId?: string): Promise<GuardedResult<T>> {
  const transitions: Transition[] = [];
  let checked: CheckOutcome | undefined;
  try {
    checked = await guard.store.apply(service, check);
  } catch (e) {
    guard.log.warnEvery(`breaker-${service}`, 10_000, "breaker check failed; calling unguarded", { breaker: service, ...errorFields(e) });
  }
  if (checked?.transition) transitions.push(checked.transition);
  await announce(guard, service, checked?.transition, traceId);
  if (checked && !checked.allowed) return { outcome: "short-circuited", state: checked.item.state, transitions };
  const { ok, value } = await call();
  let state = checked?.item.state ?? "CLOSED";
  try {
    const recorded = await guard.store.apply(service, ok ? onSuccess : onFailure, checked?.item);
    state = recorded.item.state;
    if (recorded.transition) transitions.push(recorded.transition);
    await announce(guard, service, recorded.transition, traceId);
  } catch (e) {
    guard.log.warnEvery(`breaker-${service}`, 10_000, "breaker update failed; result not counted", { breaker: service, ...errorFields(e) });
  }
  return { outcome: ok ? "success" : "failure", value, state, transitions };
}
