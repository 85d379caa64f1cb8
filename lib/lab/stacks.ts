// Talking to CloudFormation about one stack: describe it, stream its new events, wait for
// an operation to finish. Shared by deploy, cleanup and the leftover removal.
import {
  type CloudFormationClient,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ListStackResourcesCommand,
  ListStacksCommand,
  type Stack,
  type StackResourceSummary,
  type StackStatus,
  type StackSummary,
} from "@aws-sdk/client-cloudformation";
import { setTimeout as sleep } from "node:timers/promises";
import type { ProgressListener } from "./progress.ts";
import { isInProgress, type LabStackEvent, toLabEvent } from "./stack-events.ts";

/** What every lab operation carries: the CloudFormation client, the poll interval, cancel and report. */
export interface StackContext {
  cfn: CloudFormationClient;
  pollMs: number;
  signal?: AbortSignal;
  emit: ProgressListener;
}

const notFound = (error: unknown) => {
  const e = error as { name?: string; Code?: string; message?: string };
  return (e.name === "ValidationError" || e.Code === "ValidationError") && /does not exist/i.test(e.message ?? "");
};

/** The stack by name or id; undefined when there is none (deleted stacks by name are gone). */
export async function describeStack(ctx: StackContext, nameOrId: string): Promise<Stack | undefined> {
  try {
    const out = await ctx.cfn.send(new DescribeStacksCommand({ StackName: nameOrId }), { abortSignal: ctx.signal });
    return out.Stacks?.[0];
  } catch (error) {
    if (notFound(error)) return undefined;
    throw error;
  }
}

export async function listStackResources(ctx: StackContext, stack: string): Promise<StackResourceSummary[]> {
  const all: StackResourceSummary[] = [];
  let NextToken: string | undefined;
  do {
    const out = await ctx.cfn.send(new ListStackResourcesCommand({ StackName: stack, NextToken }), { abortSignal: ctx.signal });
    all.push(...(out.StackResourceSummaries ?? []));
    NextToken = out.NextToken;
  } while (NextToken);
  return all;
}

const LIVE_STATUSES = [
  "CREATE_IN_PROGRESS", "CREATE_FAILED", "CREATE_COMPLETE", "ROLLBACK_IN_PROGRESS", "ROLLBACK_FAILED", "ROLLBACK_COMPLETE",
  "DELETE_IN_PROGRESS", "DELETE_FAILED", "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_COMPLETE",
  "UPDATE_FAILED", "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_FAILED", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS",
  "UPDATE_ROLLBACK_COMPLETE", "REVIEW_IN_PROGRESS", "IMPORT_IN_PROGRESS", "IMPORT_COMPLETE", "IMPORT_ROLLBACK_IN_PROGRESS",
  "IMPORT_ROLLBACK_FAILED", "IMPORT_ROLLBACK_COMPLETE",
] as StackStatus[];

/** Every stack that is not deleted, optionally only those whose name starts with `prefix`. */
export async function listLiveStacks(ctx: Pick<StackContext, "cfn" | "signal">, prefix = ""): Promise<StackSummary[]> {
  const all: StackSummary[] = [];
  let NextToken: string | undefined;
  do {
    const out = await ctx.cfn.send(new ListStacksCommand({ StackStatusFilter: LIVE_STATUSES, NextToken }), { abortSignal: ctx.signal });
    all.push(...(out.StackSummaries ?? []).filter((s) => s.StackName?.startsWith(prefix)));
    NextToken = out.NextToken;
  } while (NextToken);
  return all;
}

/**
 * New events of one stack, oldest first. DescribeStackEvents pages newest first, so a poll
 * reads pages until it reaches the newest event it has already seen.
 */
export class EventCursor {
  private lastId: string | undefined;
  private readonly ctx: StackContext;
  stack: string;

  constructor(ctx: StackContext, stack: string) {
    this.ctx = ctx;
    this.stack = stack;
  }

  /** Skips everything that happened before now: an update or delete reports only its own events. */
  async skipHistory(): Promise<void> {
    try {
      const out = await this.ctx.cfn.send(new DescribeStackEventsCommand({ StackName: this.stack }), { abortSignal: this.ctx.signal });
      this.lastId = out.StackEvents?.[0]?.EventId;
    } catch (error) {
      if (!notFound(error)) throw error;
    }
  }

  async poll(): Promise<LabStackEvent[]> {
    const fresh: LabStackEvent[] = [];
    let NextToken: string | undefined;
    let reachedSeen = false;
    do {
      const out = await this.ctx.cfn.send(new DescribeStackEventsCommand({ StackName: this.stack, NextToken }), { abortSignal: this.ctx.signal });
      for (const e of out.StackEvents ?? []) {
        if (e.EventId === this.lastId) {
          reachedSeen = true;
          break;
        }
        fresh.push(toLabEvent(e));
      }
      NextToken = out.NextToken;
    } while (NextToken && !reachedSeen);
    if (fresh.length) this.lastId = fresh[0].id;
    return fresh.reverse();
  }
}

/**
 * Polls until the stack leaves its *_IN_PROGRESS status, reporting each status change and
 * every new event. Returns the final stack, or undefined when it is gone.
 * `stackRef` should be the stack id: after a delete the name no longer finds it.
 */
export async function waitForStack(ctx: StackContext, stackRef: string, cursor: EventCursor, onEvents?: (events: LabStackEvent[]) => void): Promise<Stack | undefined> {
  let lastStatus: string | undefined;
  for (;;) {
    const stack = await describeStack(ctx, stackRef);
    const status = stack?.StackStatus;
    if (stack && status !== lastStatus) {
      lastStatus = status;
      if (isInProgress(status)) ctx.emit({ kind: "stack", stack: stack.StackName ?? stackRef, status: status ?? "", reason: stack.StackStatusReason });
    }
    const events = await cursor.poll();
    for (const event of events) ctx.emit({ kind: "resource", event });
    onEvents?.(events);
    if (!stack || !isInProgress(status)) return stack;
    await sleep(ctx.pollMs, undefined, { signal: ctx.signal });
  }
}

/** Deletes a stack and waits; returns the final stack (DELETE_COMPLETE or DELETE_FAILED), or undefined if there was none. */
export async function deleteStackAndWait(
  ctx: StackContext,
  name: string,
  options: { retain?: string[]; onEvents?: (events: LabStackEvent[]) => void } = {},
): Promise<Stack | undefined> {
  const existing = await describeStack(ctx, name);
  if (!existing?.StackId) return undefined;
  const cursor = new EventCursor(ctx, existing.StackId);
  await cursor.skipHistory();
  if (existing.StackStatus !== "DELETE_IN_PROGRESS") {
    await ctx.cfn.send(new DeleteStackCommand({ StackName: existing.StackId, RetainResources: options.retain?.length ? options.retain : undefined }), { abortSignal: ctx.signal });
  }
  return waitForStack(ctx, existing.StackId, cursor, options.onEvents);
}

/** All events of a stack, oldest first (for explaining a failure that happened before this run). */
export async function allEvents(ctx: StackContext, stackRef: string): Promise<LabStackEvent[]> {
  return new EventCursor(ctx, stackRef).poll();
}
