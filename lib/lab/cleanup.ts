// One-click cleanup: empty what CloudFormation cannot delete while it holds data (buckets,
// image repositories), delete the stacks newest first, explain a DELETE_FAILED, then check
// that nothing tagged lab=cross-service-lab and no cross-service-lab-* stack remains.
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { BatchDeleteImageCommand, ECRClient, ListImagesCommand } from "@aws-sdk/client-ecr";
import { S3Client } from "@aws-sdk/client-s3";
import { clientFor, currentTarget } from "../aws/clients.ts";
import { capabilities, endpointOf, type Target } from "../aws/target.ts";
import { ALL_STACKS } from "./catalog.ts";
import { LAB_NAME } from "./contract.ts";
import { emptyBucket } from "./empty-bucket.ts";
import { findLeftovers } from "./leftovers.ts";
import type { Leftover, ProgressListener } from "./progress.ts";
import { deleteFailures, explainDeleteFailure, type LabStackEvent } from "./stack-events.ts";
import { allEvents, deleteStackAndWait, listLiveStacks, listStackResources, type StackContext } from "./stacks.ts";

export interface CleanupOptions {
  onProgress?: ProgressListener;
  signal?: AbortSignal;
  target?: Target;
  /**
   * For a stack that is already DELETE_FAILED: delete it while keeping the resources that
   * failed (RetainResources). They stay tagged, so the leftover check lists them.
   * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStack.html
   */
  retainFailed?: boolean;
  /** Delete only these stacks (still newest first). */
  only?: string[];
}

export interface CleanupResult {
  deleted: string[];
  leftovers: Leftover[];
  ms: number;
}

export class LabCleanupError extends Error {
  stackName: string;
  failures: LabStackEvent[];
  constructor(message: string, stackName: string, failures: LabStackEvent[]) {
    super(message);
    this.name = "LabCleanupError";
    this.stackName = stackName;
    this.failures = failures;
  }
}

export async function cleanupLab(options: CleanupOptions = {}): Promise<CleanupResult> {
  const target = options.target ?? (await currentTarget());
  const emit = options.onProgress ?? (() => {});
  const ctx: StackContext = { cfn: clientFor(CloudFormationClient, target), pollMs: capabilities(target).stackPollMs, signal: options.signal, emit };
  const started = Date.now();

  const live = new Map((await listLiveStacks(ctx, LAB_NAME)).map((s) => [s.StackName, s]));
  const stacks = [...ALL_STACKS].reverse().filter((name) => live.has(name) && (!options.only || options.only.includes(name)));
  const resources = new Map(await Promise.all(stacks.map(async (name) => [name, await listStackResources(ctx, name)] as const)));
  emit({ kind: "plan", stacks: stacks.map((name) => ({ name, total: resources.get(name)?.length ?? 0 })) });
  if (!stacks.length) emit({ kind: "step", message: "No lab stacks to delete." });

  // CloudFormation cannot delete a bucket that holds objects; ECR repositories have
  // EmptyOnDelete, but emptying them here also covers a template that lost it.
  const s3 = clientFor(S3Client, target);
  const ecr = clientFor(ECRClient, target);
  for (const [stack, list] of resources) {
    for (const r of list) {
      if (!r.PhysicalResourceId || r.ResourceStatus === "DELETE_COMPLETE") continue;
      if (r.ResourceType === "AWS::S3::Bucket") {
        const n = await emptyBucket(s3, r.PhysicalResourceId, options.signal);
        emit({ kind: "step", message: `Emptied bucket ${r.PhysicalResourceId} (${stack}): ${n} object${n === 1 ? "" : "s"} deleted` });
      } else if (r.ResourceType === "AWS::ECR::Repository") {
        const n = await emptyRepository(ecr, r.PhysicalResourceId, options.signal);
        if (n) emit({ kind: "step", message: `Emptied repository ${r.PhysicalResourceId}: ${n} image${n === 1 ? "" : "s"} deleted` });
      }
    }
  }

  const deleted: string[] = [];
  for (const name of stacks) {
    const before = live.get(name);
    let retain: string[] | undefined;
    if (options.retainFailed && before?.StackStatus === "DELETE_FAILED" && before.StackId) {
      retain = deleteFailures(await allEvents(ctx, before.StackId)).map((e) => e.logicalId);
      if (retain.length) emit({ kind: "step", message: `Deleting ${name} and keeping what failed before: ${retain.join(", ")}` });
    }
    const seen: LabStackEvent[] = [];
    const final = await deleteStackAndWait(ctx, name, { retain, onEvents: (events) => seen.push(...events) });
    if (final?.StackStatus === "DELETE_FAILED") {
      const failures = deleteFailures(seen);
      const advice = [...new Set(failures.map((f) => explainDeleteFailure(f.reason)).filter(Boolean))];
      const message = `${name} is DELETE_FAILED: ${failures.map((f) => `${f.logicalId} (${f.type}): ${f.reason ?? "no reason given"}`).join("; ") || final.StackStatusReason || "no reason given"}${advice.length ? `\n${advice.join("\n")}` : ""}`;
      emit({ kind: "stack", stack: name, status: "DELETE_FAILED", reason: final.StackStatusReason });
      emit({ kind: "failure", stack: name, message, failures });
      throw new LabCleanupError(message, name, failures);
    }
    emit({ kind: "stack", stack: name, status: "DELETE_COMPLETE", total: resources.get(name)?.length ?? 0 });
    deleted.push(name);
  }

  if (capabilities(target).inspectionApi) await sweepOrphans(target, emit, options.signal);

  emit({ kind: "step", message: "Checking what remains: resources tagged lab=cross-service-lab, stacks named cross-service-lab-*" });
  const leftovers = await findLeftovers(target, options.signal);
  emit({ kind: "leftovers", leftovers });
  const ms = Date.now() - started;
  emit({ kind: "timing", label: "cleanup", ms });
  return { deleted, leftovers, ms };
}

async function emptyRepository(ecr: ECRClient, repositoryName: string, signal?: AbortSignal): Promise<number> {
  let deleted = 0;
  for (;;) {
    const listed = await ecr.send(new ListImagesCommand({ repositoryName, maxResults: 100 }), { abortSignal: signal });
    const imageIds = listed.imageIds ?? [];
    if (!imageIds.length) return deleted;
    await ecr.send(new BatchDeleteImageCommand({ repositoryName, imageIds }), { abortSignal: signal });
    deleted += imageIds.length;
  }
}

interface Orphan {
  pid: number;
  kind: "ecs-task" | "lambda-worker";
  name: string;
  ports: number[];
}

/**
 * The emulator's runtime can outlive a crash in one way CloudFormation cannot see: a task process
 * or Lambda worker of an earlier run, still holding its port. The emulator finds and stops them
 * (emulator/runtime/orphans.ts); here we say what was removed. Only where the inspection API is.
 */
async function sweepOrphans(target: Target, emit: ProgressListener, signal?: AbortSignal) {
  const endpoint = endpointOf(target);
  if (!endpoint) return;
  try {
    const res = await fetch(`${endpoint}/_lab/orphans/sweep`, { method: "POST", signal });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const out = (await res.json()) as { stopped: Orphan[]; orphans: Orphan[]; unsupported?: string };
    if (out.unsupported) return emit({ kind: "step", message: `Orphaned processes not checked: ${out.unsupported}` });
    for (const o of out.stopped) {
      const what = o.kind === "ecs-task" ? `ECS task process ${o.name}` : `Lambda worker of ${o.name}`;
      const ports = o.ports.length ? `, freed port${o.ports.length === 1 ? "" : "s"} ${o.ports.join(", ")}` : "";
      emit({ kind: "step", message: `Stopped an orphaned ${what} left by an earlier run (pid ${o.pid}${ports})` });
    }
    const stuck = out.orphans.filter((o) => !out.stopped.some((s) => s.pid === o.pid));
    for (const o of stuck) emit({ kind: "step", message: `Could not stop orphaned process pid ${o.pid} (${o.name}); stop it by hand` });
    if (!out.orphans.length) emit({ kind: "step", message: "No orphaned task processes or Lambda workers." });
  } catch (error) {
    emit({ kind: "step", message: `Orphaned processes not checked: ${(error as Error).message}` });
  }
}
