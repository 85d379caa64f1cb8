// CloudFormation stack and resource statuses, reduced to what the lab's deploy and cleanup
// need: is it still working, did it succeed, and if not, which resource failed first and why.
// Pure functions: no SDK calls here.
import type { StackEvent } from "@aws-sdk/client-cloudformation";

/** One stack event as the console and the CLI show it. */
export interface LabStackEvent {
  id: string;
  stack: string;
  logicalId: string;
  physicalId?: string;
  type: string;
  status: string;
  reason?: string;
  /** ISO 8601. */
  timestamp: string;
}

export const STACK_TYPE = "AWS::CloudFormation::Stack";

export function toLabEvent(e: StackEvent): LabStackEvent {
  return {
    id: e.EventId ?? `${e.StackName}/${e.LogicalResourceId}/${e.ResourceStatus}/${e.Timestamp?.valueOf()}`,
    stack: e.StackName ?? "",
    logicalId: e.LogicalResourceId ?? "",
    physicalId: e.PhysicalResourceId || undefined,
    type: e.ResourceType ?? "",
    status: e.ResourceStatus ?? "",
    reason: e.ResourceStatusReason || undefined,
    timestamp: (e.Timestamp ?? new Date()).toISOString(),
  };
}

export const isInProgress = (status: string | undefined) => Boolean(status?.endsWith("_IN_PROGRESS"));

/** A stack that was deployed and is usable (created, or updated, or an update rolled back to a good state). */
export const DEPLOYED_STATUSES = ["CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE", "IMPORT_ROLLBACK_COMPLETE"];
/** A create that failed: the stack exists but holds nothing usable and can only be deleted. */
export const DEAD_STATUSES = ["CREATE_FAILED", "ROLLBACK_COMPLETE", "ROLLBACK_FAILED"];

/** Where a create or update ends: `ok`, or `failed` (rolled back, or could not roll back). */
export function deployOutcome(status: string, operation: "create" | "update"): "ok" | "failed" | "running" {
  if (isInProgress(status)) return "running";
  if (operation === "create") return status === "CREATE_COMPLETE" ? "ok" : "failed";
  return status === "UPDATE_COMPLETE" ? "ok" : "failed";
}

/** Resource statuses that count as "done" for the operation under way. */
const DONE: Record<"deploy" | "delete", ReadonlySet<string>> = {
  deploy: new Set(["CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE"]),
  delete: new Set(["DELETE_COMPLETE", "DELETE_SKIPPED"]),
};

/**
 * Folds resource events (oldest first) into the latest status per logical id, and counts
 * how many are done: created/updated for a deploy, deleted for a cleanup. The stack's own
 * events are not resources and are left out.
 */
export function countDone(latest: Record<string, string>, direction: "deploy" | "delete"): number {
  let done = 0;
  for (const status of Object.values(latest)) if (DONE[direction].has(status)) done++;
  return done;
}

export function foldLatest(latest: Record<string, string>, events: readonly LabStackEvent[]): Record<string, string> {
  const next = { ...latest };
  for (const e of events) if (e.type !== STACK_TYPE) next[e.logicalId] = e.status;
  return next;
}

// CloudFormation marks every resource it stops because another one failed with these words;
// they are consequences, never the cause.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html
const CONSEQUENCE = /^Resource (creation|update) cancelled\.?$/i;
export const isCancellation = (reason: string | undefined) => CONSEQUENCE.test(reason?.trim() ?? "");

/**
 * The root cause of a failed create or update: the first resource that failed (oldest
 * event first) for a reason of its own, not a resource cancelled because another one failed.
 * Falls back to the stack's own failure reason when no resource event says more.
 */
export function rootCause(events: readonly LabStackEvent[]): LabStackEvent | undefined {
  const failed = events.filter((e) => e.status.endsWith("_FAILED"));
  return (
    failed.find((e) => e.type !== STACK_TYPE && e.reason && !isCancellation(e.reason)) ??
    failed.find((e) => e.type !== STACK_TYPE) ??
    events.find((e) => e.type === STACK_TYPE && e.status.startsWith("ROLLBACK_IN_PROGRESS") && e.reason) ??
    failed[0]
  );
}

/** Resources a stack deletion could not remove, with CloudFormation's reason for each. */
export function deleteFailures(events: readonly LabStackEvent[]): LabStackEvent[] {
  const latest = new Map<string, LabStackEvent>();
  for (const e of events) if (e.type !== STACK_TYPE) latest.set(e.logicalId, e);
  return [...latest.values()].filter((e) => e.status === "DELETE_FAILED");
}

/** Why deletions of the lab's resources usually fail, and what to do: first match wins. */
const DELETE_FAILURE_ADVICE: { pattern: RegExp; advice: string }[] = [
  {
    pattern: /Export .* cannot be deleted as it is in use by|is imported by/i,
    advice: "Another stack imports one of its outputs. Delete that stack first; cleanup does it in this order, newest first.",
  },
  {
    pattern: /DependencyViolation|has a dependent object|has dependencies|resource .* in use|is in use/i,
    advice:
      "Something still uses it, most often a network interface of an ECS task, the load balancer or a Lambda, which AWS releases a few minutes after its owner is gone. Retry in a few minutes.",
  },
  {
    pattern: /BucketNotEmpty|bucket you tried to delete is not empty/i,
    advice: "Objects were written after cleanup emptied the bucket. Retry: cleanup empties it again first.",
  },
  {
    pattern: /RepositoryNotEmpty|contains images/i,
    advice: "Images were pushed after cleanup emptied the repository (an images build still running?). Retry: cleanup empties it again first.",
  },
  {
    pattern: /AccessDenied|not authorized|UnauthorizedOperation|Access Denied/i,
    advice: "The credentials in use may not delete this resource. Give them the permission the message names, or delete the resource yourself, then retry.",
  },
  {
    pattern: /Rate exceeded|Throttling|TooManyRequests/i,
    advice: "AWS throttled the calls. Retry in a minute.",
  },
];

/**
 * What a DELETE_FAILED reason means for a learner, and what to do next; undefined when the
 * reason is not one the lab knows. Retrying is always possible, and retrying while keeping
 * what failed always ends the stack.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html#troubleshooting-errors-delete-stack-fails
 */
export function explainDeleteFailure(reason: string | undefined): string | undefined {
  return reason ? DELETE_FAILURE_ADVICE.find((a) => a.pattern.test(reason))?.advice : undefined;
}

/** "12/47 resources" */
export const formatCount = (done: number, total: number) => `${done}/${total} resources`;
