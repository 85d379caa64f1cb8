// Stack events → the Overview's timeline: per stack, the stack's own milestones and one row
// per resource with its latest status, how long it took and, if it failed, why.
import { isCancellation, type LabStackEvent, STACK_TYPE } from "../lab/stack-events.ts";

export type StatusTone = "ok" | "progress" | "failed" | "rollback" | "deleted";

/** How a status reads at a glance; the status word itself is always shown next to it. */
export function statusTone(status: string | undefined, direction: "deploy" | "delete" = "deploy"): StatusTone {
  if (!status) return "deleted";
  if (status.endsWith("_FAILED")) return "failed";
  if (status.includes("ROLLBACK")) return status.endsWith("_IN_PROGRESS") ? "rollback" : status.startsWith("UPDATE_ROLLBACK_COMPLETE") ? "ok" : "rollback";
  if (status.endsWith("_IN_PROGRESS")) return "progress";
  if (status === "DELETE_COMPLETE" || status === "DELETE_SKIPPED") return direction === "delete" ? "ok" : "deleted";
  return "ok";
}

export interface ResourceRow {
  logicalId: string;
  type: string;
  physicalId?: string;
  status: string;
  /** ISO time of the first and latest event. */
  firstAt: string;
  lastAt: string;
  /** The failure, kept even after a rollback deleted the resource; `cancelled` when another resource's failure stopped it. */
  failure?: { status: string; reason: string; timestamp: string; cancelled: boolean };
  /** Statuses in order, e.g. CREATE_IN_PROGRESS → CREATE_FAILED → DELETE_COMPLETE. */
  history: string[];
}

export interface StackGroup {
  stack: string;
  milestones: { status: string; reason?: string; timestamp: string }[];
  resources: ResourceRow[];
}

/** Groups events (oldest first) by stack, in the order the stacks first appear or as `order` says. */
export function buildTimeline(events: readonly LabStackEvent[], order: readonly string[] = []): StackGroup[] {
  const groups = new Map<string, StackGroup & { byId: Map<string, ResourceRow> }>();
  for (const name of order) groups.set(name, { stack: name, milestones: [], resources: [], byId: new Map() });
  for (const e of events) {
    let group = groups.get(e.stack);
    if (!group) {
      group = { stack: e.stack, milestones: [], resources: [], byId: new Map() };
      groups.set(e.stack, group);
    }
    if (e.type === STACK_TYPE) {
      group.milestones.push({ status: e.status, reason: e.reason, timestamp: e.timestamp });
      continue;
    }
    let row = group.byId.get(e.logicalId);
    if (!row) {
      row = { logicalId: e.logicalId, type: e.type, status: e.status, firstAt: e.timestamp, lastAt: e.timestamp, history: [] };
      group.byId.set(e.logicalId, row);
      group.resources.push(row);
    }
    row.status = e.status;
    row.lastAt = e.timestamp;
    row.physicalId = e.physicalId ?? row.physicalId;
    if (row.history.at(-1) !== e.status) row.history.push(e.status);
    if (e.status.endsWith("_FAILED") && e.reason) row.failure = { status: e.status, reason: e.reason, timestamp: e.timestamp, cancelled: isCancellation(e.reason) };
  }
  return [...groups.values()].filter((g) => g.milestones.length || g.resources.length).map(({ byId: _, ...g }) => g);
}

/** Failures of their own first, then resources cancelled because of them, then the rest in event order. */
export function failuresFirst(rows: readonly ResourceRow[]): ResourceRow[] {
  const rank = (r: ResourceRow) => (!r.failure ? 2 : r.failure.cancelled ? 1 : 0);
  return [...rows].sort((a, b) => rank(a) - rank(b));
}

/** "1.2 s", "2 min 5 s" */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** "12 s ago", "3 min ago", "2 h ago", for a time at or before `now`. */
export function formatAgo(iso: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 5) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}
