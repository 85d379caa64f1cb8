// The cost meter's data: what is deployed on the current target, priced, with what it has
// cost so far and the seed's table beside ours. `/api/cost` serves it; the top bar and the
// Overview's Cost panel poll it.
import { capabilities, type Target, targetKey } from "../aws/target.ts";
import type { MeshVariant } from "../lab/contract.ts";
import { labStatus } from "../lab/status.ts";
import { readInventory, readUsage, type UsageRead } from "./inventory.ts";
import { type CostLine, compareWithSeed, costLines, type LabInventory, type SeedComparison, sumUsage, totals } from "./model.ts";
import { PRICES, priceRegion } from "./prices.ts";

export interface CostPoint {
  t: string;
  accrued: number;
}

export interface CostReport {
  /** `deployed` also covers a lab that is deploying, partly deployed, failed or being cleaned up: whatever exists is billed. */
  state: "not-deployed" | "deployed" | "unknown";
  /** False on the local emulator: the figures are what the same lab would cost on AWS. */
  billed: boolean;
  /** The target's region, and the region whose prices apply (the default one when we have none for it). */
  region: string;
  priceRegion: string;
  variant?: MeshVariant;
  /** When the first of the lab's resources was created. */
  deployedAt?: string;
  now: string;
  /** $/h of what is deployed, on AWS list prices. */
  hourly: number;
  /** $ since deploy on AWS list prices (what it would have cost, where not billed). */
  accrued: number;
  /** $ actually charged: `accrued` on AWS, 0 on the emulator. */
  charged: number;
  perResource: CostLine[];
  /** Accrued $ over time since deploy. */
  series: CostPoint[];
  /** Whether request counts came from CloudWatch, and when they were read. */
  usage: { measured: boolean; readAt?: string; periodSeconds?: number };
  seedComparison: SeedComparison;
  /** How current the unit prices are: "list prices as of 2025-01, not read online: verify". */
  pricesReadOn: string;
  prices: { asOf: string; provenance: string };
  /** How often to ask again. */
  pollMs: number;
  warnings: string[];
  /** Why the state is unknown. */
  reason?: string;
}

const SERIES_POINTS = 48;

interface Cache {
  signature: string;
  inventoryAt: number;
  inventory?: Promise<{ inventory: LabInventory; warnings: string[] }>;
  usageAt: number;
  usage?: Promise<UsageRead | undefined>;
  usageError?: string;
}

// One cache per target, kept across bundler chunks like the lab's job runner.
const KEY = Symbol.for("cross-service-lab.cost-cache");
const slots = globalThis as Record<symbol, Map<string, Cache> | undefined>;
slots[KEY] ??= new Map();
const caches = slots[KEY];

/**
 * How long a read stays fresh. The inventory changes on deploy and cleanup, which also change
 * the stacks' signature and so refresh it at once. Request counts come from GetMetricData,
 * which AWS bills per metric: there, every 5 minutes is enough for a cost meter.
 */
function freshness(target: Target) {
  const caps = capabilities(target);
  return { inventoryMs: caps.pollMs * 10, usageMs: caps.billed ? 5 * 60_000 : caps.pollMs * 5 };
}

const comparisons = new Map<string, SeedComparison>();
function comparison(region: string): SeedComparison {
  const key = priceRegion(region);
  let c = comparisons.get(key);
  if (!c) {
    c = compareWithSeed(key);
    comparisons.set(key, c);
  }
  return c;
}

function base(target: Target, now: Date): Omit<CostReport, "state"> {
  const caps = capabilities(target);
  return {
    billed: caps.billed,
    region: target.region,
    priceRegion: priceRegion(target.region),
    now: now.toISOString(),
    hourly: 0,
    accrued: 0,
    charged: 0,
    perResource: [],
    series: [],
    usage: { measured: false },
    seedComparison: comparison(target.region),
    pricesReadOn: `list prices as of ${PRICES.asOf}, not read online: verify`,
    prices: { asOf: PRICES.asOf, provenance: PRICES.provenance },
    pollMs: caps.pollMs,
    warnings: [],
  };
}

/** The lab's cost on `target` now. Never throws: an unreachable target gives state `unknown`. */
export async function costReport(target: Target, now = new Date()): Promise<CostReport> {
  const report = base(target, now);
  const status = await labStatus({ target });
  if (status.state === "unknown") return { ...report, state: "unknown", reason: status.reason };
  const present = status.stacks.filter((s) => s.status && s.status !== "DELETE_COMPLETE");
  if (!present.length) return { ...report, state: "not-deployed" };

  const key = targetKey(target);
  const signature = JSON.stringify(present.map((s) => [s.name, s.status, s.updatedAt]));
  const fresh = freshness(target);
  let cache = caches.get(key);
  if (!cache || cache.signature !== signature) {
    cache = { signature, inventoryAt: 0, usageAt: 0 };
    caches.set(key, cache);
  }
  const c = cache;
  if (!c.inventory || now.getTime() - c.inventoryAt > fresh.inventoryMs) {
    c.inventoryAt = now.getTime();
    c.inventory = readInventory(target, present.map((s) => s.name), status.variant).catch((error) => {
      c.inventory = undefined;
      throw error;
    });
  }
  let read: { inventory: LabInventory; warnings: string[] };
  try {
    read = await c.inventory;
  } catch (error) {
    return { ...report, state: "unknown", reason: `could not read the lab's resources: ${(error as Error).message}` };
  }
  const { inventory } = read;
  const deployedAt = earliest(inventory);
  if (deployedAt && (!c.usage || now.getTime() - c.usageAt > fresh.usageMs)) {
    c.usageAt = now.getTime();
    c.usage = readUsage(target, inventory, new Date(deployedAt), now).then(
      (u) => {
        c.usageError = undefined;
        return u;
      },
      (error) => {
        c.usageError = `request counts unavailable (${(error as Error).message}); request-based costs are left out`;
        return undefined;
      },
    );
  }
  const usage = await c.usage;
  const totalUsage = usage ? sumUsage(usage.buckets) : undefined;
  const lines = costLines(inventory, totalUsage, target.region, now);
  const t = totals(lines);
  return {
    ...report,
    state: "deployed",
    variant: status.variant,
    deployedAt,
    hourly: t.hourly,
    accrued: t.accrued,
    charged: report.billed ? t.accrued : 0,
    perResource: lines,
    series: deployedAt ? series(inventory, usage, target.region, new Date(deployedAt), now) : [],
    usage: { measured: !!usage, readAt: usage ? new Date(c.usageAt).toISOString() : undefined, periodSeconds: usage?.periodSeconds },
    warnings: [...read.warnings, ...(c.usageError ? [c.usageError] : [])],
  };
}

/** When the first billed resource was created. */
function earliest(inv: LabInventory): string | undefined {
  const all = [
    ...inv.tasks,
    ...inv.loadBalancers,
    ...inv.functions,
    ...inv.alarms,
    ...inv.dashboards,
    ...inv.tables,
    ...inv.queues,
    ...inv.topics,
    ...inv.buckets,
    ...inv.repositories,
    ...inv.logGroups,
  ].map((d) => d.since);
  return all.sort()[0];
}

/** Accrued cost at evenly spaced instants from deploy to now. */
function series(inv: LabInventory, usage: UsageRead | undefined, region: string, from: Date, now: Date): CostPoint[] {
  const span = Math.max(0, now.getTime() - from.getTime());
  const points: CostPoint[] = [];
  for (let i = 0; i <= SERIES_POINTS; i++) {
    const t = new Date(from.getTime() + (span * i) / SERIES_POINTS);
    const u = usage ? sumUsage(usage.buckets, t) : undefined;
    points.push({ t: t.toISOString(), accrued: totals(costLines(inv, u, region, t)).accrued });
  }
  return points;
}
