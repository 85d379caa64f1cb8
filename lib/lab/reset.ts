// Reset between exercises, without redeploying: stop the console's load and experiment, clear
// every fault, reset both breakers, purge the lab's queues and DLQs, and top the seed's products
// back up to their starting stock (orders reserve it: after a load run every order is
// "backordered"). Each step runs even if an earlier one failed, and each reports what it did.
import { BREAKER_SERVICES, dlqName, QUEUES, SERVICES } from "./contract.ts";

export type ResetStepId = "load" | "experiment" | "faults" | "breakers" | "queues" | "stock";

export interface ResetStep {
  id: ResetStepId;
  label: string;
  ok: boolean;
  detail: string;
}

export interface ResetDeps {
  stopLoad(): boolean;
  cancelExperiment(): Promise<boolean>;
  recover(service: string): Promise<void>;
  resetBreaker(service: string): Promise<void>;
  purge(queue: string): Promise<void>;
  /** Brings a product back to its starting stock. */
  restock(productId: string): Promise<void>;
}

/** What a reset touches, for the confirmation: named, so the learner knows before clicking. */
export const RESET_PLAN = {
  services: Object.values(SERVICES) as string[],
  breakers: [...BREAKER_SERVICES] as string[],
  queues: Object.values(QUEUES).flatMap((q) => [q, dlqName(q)]) as string[],
  /** The seed's products (`prod-123` in its POST /orders body). */
  products: ["prod-123", "prod-456"],
};

const message = (e: unknown) => (e as Error)?.message ?? String(e);

/** SQS allows one purge per queue every 60 s; a purge already under way has the same effect. */
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_PurgeQueue.html
const purgeInProgress = (e: unknown) => (e as { name?: string })?.name?.includes("PurgeQueueInProgress") ?? false;

async function each(items: readonly string[], run: (item: string) => Promise<void>, tolerated?: (e: unknown) => boolean) {
  const results = await Promise.all(
    items.map((item) =>
      run(item).then(
        () => ({ item, ok: true, note: undefined as string | undefined }),
        (e) => (tolerated?.(e) ? { item, ok: true, note: "already being purged" } : { item, ok: false, note: message(e) }),
      ),
    ),
  );
  const failed = results.filter((r) => !r.ok);
  const noted = results.filter((r) => r.ok && r.note);
  return {
    ok: failed.length === 0,
    detail: failed.length
      ? `${items.length - failed.length} of ${items.length} done; ${failed.map((f) => `${f.item}: ${f.note}`).join("; ")}`
      : `${items.join(", ")}${noted.length ? ` (${noted.map((n) => `${n.item} ${n.note}`).join(", ")})` : ""}`,
  };
}

export async function resetLab(deps: ResetDeps, plan = RESET_PLAN): Promise<ResetStep[]> {
  const steps: ResetStep[] = [];
  const loadStopped = deps.stopLoad();
  steps.push({ id: "load", label: "Load generator", ok: true, detail: loadStopped ? "stopped" : "was not running" });
  try {
    const cancelled = await deps.cancelExperiment();
    steps.push({ id: "experiment", label: "Experiment", ok: true, detail: cancelled ? "stopped and reverted" : "none was running" });
  } catch (e) {
    steps.push({ id: "experiment", label: "Experiment", ok: false, detail: message(e) });
  }
  // Faults first: a breaker reset while a fault is in force would open again at once.
  const faults = await each(plan.services, deps.recover);
  steps.push({ id: "faults", label: "Faults cleared", ...faults });
  const breakers = await each(plan.breakers, deps.resetBreaker);
  steps.push({ id: "breakers", label: "Breakers reset to CLOSED", ...breakers });
  const queues = await each(plan.queues, deps.purge, purgeInProgress);
  steps.push({ id: "queues", label: "Queues purged", ...queues });
  const stock = await each(plan.products, deps.restock);
  steps.push({ id: "stock", label: "Stock restored", ...stock });
  return steps;
}
