// One-click deploy: each stack in order, created or updated, with every stack event
// reported as it happens; on a failure, the resource that caused it. Then the load
// balancer's targets until they are healthy.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import {
  CloudFormationClient,
  CreateStackCommand,
  type Parameter,
  type Stack,
  UpdateStackCommand,
} from "@aws-sdk/client-cloudformation";
import { DescribeTargetHealthCommand, ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { S3Client } from "@aws-sdk/client-s3";
import { clientFor, currentTarget } from "../aws/clients.ts";
import { capabilities, type Target } from "../aws/target.ts";
import { consoleEnv } from "../validations/env.ts";
import { bundleLambdaArtifacts, type LambdaArtifact, uploadLambdaArtifacts, uploadTemplate } from "./artifacts.ts";
import {
  catalog,
  DEFAULT_PARAMETERS,
  type DeployContext,
  type LabParameters,
  otherServicesStack,
  readTemplate,
  type StackSpec,
  stackParameters,
  stacksNamed,
  TEMPLATE_BODY_LIMIT,
  type TemplateFile,
  templateNeeds,
} from "./catalog.ts";
import { BUNDLED_LAMBDAS, type MeshVariant, STACKS } from "./contract.ts";
import type { ProgressListener } from "./progress.ts";
import { ttlExpiry } from "./ttl.ts";
import { DEAD_STATUSES, DEPLOYED_STATUSES, deployOutcome, isInProgress, type LabStackEvent, rootCause } from "./stack-events.ts";
import { deleteStackAndWait, describeStack, EventCursor, listStackResources, type StackContext, waitForStack } from "./stacks.ts";

/** Why the App Mesh variant is not offered where the `appMesh` capability is false. */
export const APP_MESH_UNAVAILABLE = "AWS App Mesh was discontinued on 2026-09-30";

export interface DeployOptions {
  variant: MeshVariant;
  params?: Partial<LabParameters>;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /** Defaults to the target saved in Settings. */
  target?: Target;
  /** Deploy only these stacks (in catalog order); the rest must already be there if these need them. */
  only?: string[];
  /** Where the Lambda bundles are built; defaults to <data dir>/lambdas. */
  workDir?: string;
  /** How long to wait for the load balancer's targets after the stacks are complete. */
  targetsTimeoutMs?: number;
  /** What an earlier step prepared, e.g. the image source key from `npm run aws:images`. */
  context?: Pick<DeployContext, "imageSourceKey">;
}

export interface DeployResult {
  outputs: Record<string, string>;
  timings: { label: string; ms: number }[];
  /** Targets that were not healthy when the wait ended; empty when all are. */
  unhealthy: string[];
}

/** A deploy that stopped on a failed stack; `rootCause` is the resource that failed first. */
export class LabDeployError extends Error {
  stackName?: string;
  /** The stack's status when the deploy stopped: ROLLBACK_COMPLETE, UPDATE_ROLLBACK_COMPLETE, … */
  stackStatus?: string;
  rootCause?: LabStackEvent;
  constructor(message: string, stackName?: string, details: { status?: string; rootCause?: LabStackEvent } = {}) {
    super(message);
    this.name = "LabDeployError";
    this.stackName = stackName;
    this.stackStatus = details.status;
    this.rootCause = details.rootCause;
  }
}

const noop: ProgressListener = () => {};

export async function deployLab(options: DeployOptions): Promise<DeployResult> {
  const target = options.target ?? (await currentTarget());
  const caps = capabilities(target);
  if (options.variant === "appmesh" && !caps.appMesh) {
    throw new LabDeployError(`${APP_MESH_UNAVAILABLE}: deploy the Service Connect variant on ${caps.label}.`);
  }
  const emit = options.onProgress ?? noop;
  const ctx: StackContext = { cfn: clientFor(CloudFormationClient, target), pollMs: caps.stackPollMs, signal: options.signal, emit };
  const s3 = clientFor(S3Client, target);
  const params: LabParameters = { ...DEFAULT_PARAMETERS, ...options.params };
  const started = Date.now();
  const timings: DeployResult["timings"] = [];
  const time = (label: string, since: number) => {
    const ms = Date.now() - since;
    timings.push({ label, ms });
    emit({ kind: "timing", label, ms });
  };

  const plan = options.only ? stacksNamed(options.only) : catalog(options.variant);
  const templates = new Map<string, TemplateFile>();
  for (const stack of plan) templates.set(stack.name, await readTemplate(stack));
  emit({ kind: "plan", stacks: plan.map((s) => ({ name: s.name, total: templates.get(s.name)?.resourceCount ?? 0 })) });

  // Both services stacks bind the same listener; switching variants removes the other first.
  const other = otherServicesStack(options.variant);
  if (!options.only && (await describeStack(ctx, other))) {
    emit({ kind: "step", message: `Deleting ${other} first: only one mesh variant runs at a time.` });
    const gone = await deleteStackAndWait(ctx, other);
    if (gone?.StackStatus === "DELETE_FAILED") throw new LabDeployError(`${other} could not be deleted; run cleanup first.`, other);
  }

  // Bundling takes seconds; it runs while the first stacks are created.
  let bundling: Promise<LambdaArtifact[]> | undefined;
  if (plan.some((s) => templateNeeds(templates.get(s.name) as TemplateFile).lambdaBundles)) {
    const workDir = options.workDir ?? path.join(/*turbopackIgnore: true*/ consoleEnv().dataDir, "lambdas");
    emit({ kind: "step", message: `Bundling the Lambdas (${BUNDLED_LAMBDAS.join(", ")})` });
    bundling = mkdir(/*turbopackIgnore: true*/ workDir, { recursive: true }).then(() => bundleLambdaArtifacts(workDir));
    bundling.catch(() => {}); // awaited below; a failure surfaces there
  }

  const deployContext: DeployContext = { ...options.context, lambdaKeys: {}, expiry: ttlExpiry(new Date(started), params.ttlHours), stackPollMs: caps.stackPollMs };
  let bucket: string | undefined;
  const artifactsBucket = async () => {
    if (bucket) return bucket;
    const bootstrap = await describeStack(ctx, STACKS.bootstrap);
    bucket = outputOf(bootstrap, "ArtifactsBucketName");
    if (!bucket) throw new LabDeployError(`The artifacts bucket is unknown: deploy ${STACKS.bootstrap} first.`, STACKS.bootstrap);
    return bucket;
  };

  for (const stack of plan) {
    const template = templates.get(stack.name) as TemplateFile;
    const needs = templateNeeds(template);
    if (needs.lambdaBundles && bundling && !Object.keys(deployContext.lambdaKeys).length) {
      deployContext.artifactsBucket = await artifactsBucket();
      deployContext.lambdaKeys = await publishLambdas(s3, deployContext.artifactsBucket, await bundling, emit, options.signal);
    }
    if (stack.name === STACKS.ttl && deployContext.expiry) {
      emit({ kind: "step", message: `The lab removes itself at ${deployContext.expiry.expiresAt} (in ${params.ttlHours} h) unless it is deployed again or cleaned up first.` });
    }
    if (needs.images && !deployContext.repositoryUriPrefix) {
      deployContext.repositoryUriPrefix = outputOf(await describeStack(ctx, STACKS.bootstrap), "RepositoryUriPrefix");
    }
    const templateSource =
      template.bytes > TEMPLATE_BODY_LIMIT
        ? { TemplateURL: await uploadTemplate(s3, await artifactsBucket(), target.region, stack.name, template, options.signal) }
        : { TemplateBody: template.body };
    await deployStack(ctx, stack, templateSource, stackParameters(template.parameters, params, deployContext));
  }
  time("stacks complete", started);

  const services = plan.find((s) => s.name === STACKS.servicesAppMesh || s.name === STACKS.servicesConnect);
  let unhealthy: string[] = [];
  if (services && params.desiredCount !== 0) {
    const waitedFrom = Date.now();
    unhealthy = await waitForHealthyTargets(ctx, clientFor(ElasticLoadBalancingV2Client, target), services.name, options.targetsTimeoutMs ?? 5 * 60_000);
    if (!unhealthy.length) time("targets healthy", started);
    else time("targets not healthy after", waitedFrom);
  }

  const outputs: Record<string, string> = {};
  for (const stack of catalog(options.variant)) {
    for (const o of (await describeStack(ctx, stack.name))?.Outputs ?? []) if (o.OutputKey && o.OutputValue !== undefined) outputs[o.OutputKey] = o.OutputValue;
  }
  emit({ kind: "outputs", outputs });
  return { outputs, timings, unhealthy };
}

export function outputOf(stack: Stack | undefined, key: string): string | undefined {
  return stack?.Outputs?.find((o) => o.OutputKey === key)?.OutputValue;
}

async function publishLambdas(s3: S3Client, bucket: string, artifacts: LambdaArtifact[], emit: ProgressListener, signal?: AbortSignal): Promise<Record<string, string>> {
  const uploads = await uploadLambdaArtifacts(s3, bucket, artifacts, signal);
  const fresh = uploads.filter((u) => u.uploaded).length;
  emit({ kind: "step", message: `Uploaded ${fresh} of ${uploads.length} Lambda bundles to s3://${bucket} (${uploads.length - fresh} unchanged)` });
  return Object.fromEntries(artifacts.map((a) => [a.name, a.key]));
}

const NO_UPDATES = /No updates are to be performed/i;

/** Creates or updates one stack and waits for it; throws LabDeployError with the root cause when it fails. */
async function deployStack(ctx: StackContext, spec: StackSpec, source: { TemplateBody: string } | { TemplateURL: string }, Parameters: Parameter[]) {
  let existing = await describeStack(ctx, spec.name);
  if (existing && isInProgress(existing.StackStatus)) {
    ctx.emit({ kind: "step", message: `${spec.name} is ${existing.StackStatus}; waiting for it to settle first.` });
    const cursor = new EventCursor(ctx, existing.StackId ?? spec.name);
    await cursor.skipHistory();
    existing = await waitForStack(ctx, existing.StackId ?? spec.name, cursor);
    if (existing?.StackStatus === "DELETE_COMPLETE") existing = undefined;
  }
  if (existing && DEAD_STATUSES.includes(existing.StackStatus ?? "")) {
    // A create that failed leaves a stack that can only be deleted.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html#troubleshooting-errors-update-rollback-failed
    ctx.emit({ kind: "step", message: `Deleting ${spec.name} (${existing.StackStatus} from an earlier attempt) before creating it again.` });
    const gone = await deleteStackAndWait(ctx, spec.name);
    if (gone?.StackStatus === "DELETE_FAILED") throw new LabDeployError(`${spec.name} is DELETE_FAILED; run cleanup, then deploy again.`, spec.name);
    existing = undefined;
  }
  if (existing && !DEPLOYED_STATUSES.includes(existing.StackStatus ?? "")) {
    throw new LabDeployError(`${spec.name} is ${existing.StackStatus}${existing.StackStatusReason ? ` (${existing.StackStatusReason})` : ""}; run cleanup, then deploy again.`, spec.name);
  }

  const common = { StackName: spec.name, Parameters, Capabilities: spec.capabilities, Tags: spec.tags, ...source };
  const operation = existing ? "update" : "create";
  let stackId: string;
  const cursor = new EventCursor(ctx, existing?.StackId ?? spec.name);
  if (existing?.StackId) {
    await cursor.skipHistory();
    try {
      await ctx.cfn.send(new UpdateStackCommand(common), { abortSignal: ctx.signal });
    } catch (error) {
      if (!NO_UPDATES.test((error as Error).message ?? "")) throw error;
      const total = (await listStackResources(ctx, existing.StackId)).length;
      ctx.emit({ kind: "stack", stack: spec.name, status: existing.StackStatus ?? "UPDATE_COMPLETE", total, unchanged: true });
      return;
    }
    stackId = existing.StackId;
  } else {
    const created = await ctx.cfn.send(new CreateStackCommand(common), { abortSignal: ctx.signal });
    stackId = created.StackId ?? spec.name;
  }
  cursor.stack = stackId;

  const seen: LabStackEvent[] = [];
  const final = await waitForStack(ctx, stackId, cursor, (events) => seen.push(...events));
  const status = final?.StackStatus ?? "DELETE_COMPLETE";
  if (deployOutcome(status, operation) === "ok") {
    const total = (await listStackResources(ctx, stackId)).length;
    ctx.emit({ kind: "stack", stack: spec.name, status, total });
    return;
  }
  const cause = rootCause(seen);
  ctx.emit({ kind: "stack", stack: spec.name, status, reason: final?.StackStatusReason });
  const message = cause
    ? `${spec.name} failed: ${cause.logicalId} (${cause.type}) ${cause.status}: ${cause.reason ?? "no reason given"}`
    : `${spec.name} ended ${status}${final?.StackStatusReason ? `: ${final.StackStatusReason}` : ""}`;
  ctx.emit({ kind: "failure", stack: spec.name, message, rootCause: cause });
  throw new LabDeployError(message, spec.name, { status, rootCause: cause });
}

/**
 * Waits until every target group of the services stack has targets and all are healthy.
 * Returns what is still not healthy when the time is up ("user-service: 127.0.0.1:41234 unhealthy (Target.ResponseCodeMismatch)").
 */
async function waitForHealthyTargets(ctx: StackContext, elb: ElasticLoadBalancingV2Client, servicesStack: string, timeoutMs: number): Promise<string[]> {
  const groups = (await listStackResources(ctx, servicesStack)).filter((r) => r.ResourceType === "AWS::ElasticLoadBalancingV2::TargetGroup" && r.PhysicalResourceId);
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    const problems: string[] = [];
    let healthy = 0;
    for (const group of groups) {
      const out = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: group.PhysicalResourceId }), { abortSignal: ctx.signal });
      const targets = out.TargetHealthDescriptions ?? [];
      const bad = targets.filter((t) => t.TargetHealth?.State !== "healthy");
      if (targets.length && !bad.length) healthy++;
      else if (!targets.length) problems.push(`${group.LogicalResourceId}: no targets registered yet`);
      for (const t of bad) {
        const h = t.TargetHealth;
        problems.push(`${group.LogicalResourceId}: ${t.Target?.Id}:${t.Target?.Port} ${h?.State}${h?.Reason ? ` (${h.Reason}${h.Description ? `: ${h.Description}` : ""})` : ""}`);
      }
    }
    const summary = `${healthy}/${groups.length}`;
    if (summary !== last || !problems.length) {
      last = summary;
      ctx.emit({ kind: "targets", healthy, total: groups.length, unhealthy: problems });
    }
    if (!problems.length || Date.now() > deadline) return problems;
    await sleep(ctx.pollMs, undefined, { signal: ctx.signal });
  }
}
