// The lab's state on the current target, for the top bar, the Overview and the CLI:
// each stack's status, one overall word, the merged outputs and when it was deployed.
import { CloudFormationClient, DescribeStacksCommand, type Stack } from "@aws-sdk/client-cloudformation";
import { clientFor, currentTarget } from "../aws/clients.ts";
import type { Target } from "../aws/target.ts";
import { unreachableReason } from "../data/target-status.ts";
import { ALL_STACKS } from "./catalog.ts";
import { LAB_NAME, type MeshVariant, STACKS } from "./contract.ts";
import { type Job, jobCount } from "./progress.ts";
import { DEAD_STATUSES, DEPLOYED_STATUSES, isInProgress } from "./stack-events.ts";

export type LabState = "not-deployed" | "deploying" | "running" | "cleaning-up" | "failed" | "partial" | "unknown";

export interface StackStatusRow {
  name: string;
  status?: string;
  reason?: string;
  updatedAt?: string;
}

export interface LabStatus {
  state: LabState;
  /** The words for the top bar: "Not deployed", "Deploying 12/47", "Running", … */
  label: string;
  variant?: MeshVariant;
  stacks: StackStatusRow[];
  outputs: Record<string, string>;
  deployedAt?: string;
  /** When the lab removes itself (the TTL stack's output), while that stack exists. */
  expiresAt?: string;
  /** Why the state is unknown: the target did not answer. */
  reason?: string;
}

const SERVICES_STACKS: Record<MeshVariant, string> = { appmesh: STACKS.servicesAppMesh, connect: STACKS.servicesConnect };
/** Stacks the lab runs without: the TTL (older deploys have none) and the AWS-only images stack. */
const OPTIONAL_STACKS: readonly string[] = [STACKS.ttl, STACKS.images];

/** The overall state from the stacks that exist and the job under way, if any. Pure. */
export function overallState(rows: readonly StackStatusRow[], job?: Pick<Job, "kind" | "state" | "stacks">): { state: LabState; label: string } {
  if (job?.state === "running") {
    if (job.kind === "deploy") {
      const { done, total } = jobCount(job);
      return { state: "deploying", label: total ? `Deploying ${done}/${total}` : "Deploying…" };
    }
    return { state: "cleaning-up", label: "Cleaning up" };
  }
  const present = rows.filter((r) => r.status && r.status !== "DELETE_COMPLETE");
  if (!present.length) return { state: "not-deployed", label: "Not deployed" };
  if (present.some((r) => r.status === "DELETE_IN_PROGRESS")) return { state: "cleaning-up", label: "Cleaning up" };
  if (present.some((r) => isInProgress(r.status))) return { state: "deploying", label: "Deploying" };
  if (present.some((r) => DEAD_STATUSES.includes(r.status ?? "") || r.status?.endsWith("_FAILED"))) return { state: "failed", label: "Failed" };
  const complete = (name: string) => DEPLOYED_STATUSES.includes(rows.find((r) => r.name === name)?.status ?? "");
  const base = ALL_STACKS.filter((n) => !Object.values(SERVICES_STACKS).includes(n) && !OPTIONAL_STACKS.includes(n));
  if (base.every(complete) && Object.values(SERVICES_STACKS).some(complete)) return { state: "running", label: "Running" };
  return { state: "partial", label: `Partly deployed ${present.filter((r) => !OPTIONAL_STACKS.includes(r.name)).length}/${base.length + 1}` };
}

const rowOf = (name: string, s?: Stack): StackStatusRow => ({
  name,
  status: s?.StackStatus,
  reason: s?.StackStatusReason,
  updatedAt: (s?.LastUpdatedTime ?? s?.CreationTime)?.toISOString(),
});

/** The lab's stacks on `target`. Never throws: an unreachable target gives state `unknown` and the reason. */
export async function labStatus(options: { target?: Target; job?: Job } = {}): Promise<LabStatus> {
  const target = options.target ?? (await currentTarget());
  let stacks: Stack[];
  try {
    stacks = await describeLabStacks(target);
  } catch (error) {
    const running = options.job?.state === "running" ? overallState([], options.job) : undefined;
    return { state: running?.state ?? "unknown", label: running?.label ?? "Status unknown", stacks: ALL_STACKS.map((n) => rowOf(n)), outputs: {}, reason: unreachableReason(error, target) };
  }
  const byName = new Map(stacks.map((s) => [s.StackName, s]));
  const variant = (Object.keys(SERVICES_STACKS) as MeshVariant[]).find((v) => byName.has(SERVICES_STACKS[v]));
  // A services stack is listed while it exists; with neither deployed, both are (one slot, two variants).
  const names = ALL_STACKS.filter((n) => (n !== STACKS.images && !Object.values(SERVICES_STACKS).includes(n)) || byName.has(n) || (!variant && n !== STACKS.images));
  const rows = names.map((n) => rowOf(n, byName.get(n)));
  const outputs: Record<string, string> = {};
  for (const s of stacks) for (const o of s.Outputs ?? []) if (o.OutputKey && o.OutputValue !== undefined) outputs[o.OutputKey] = o.OutputValue;
  const overall = overallState(rows, options.job);
  const deployedAt = overall.state === "running" ? rows.map((r) => r.updatedAt ?? "").sort().at(-1) : undefined;
  const ttl = byName.get(STACKS.ttl);
  const expiresAt = ttl && ttl.StackStatus !== "DELETE_IN_PROGRESS" ? ttl.Outputs?.find((o) => o.OutputKey === "ExpiresAt")?.OutputValue : undefined;
  return { ...overall, variant, stacks: rows, outputs, deployedAt, expiresAt };
}

/** One paged DescribeStacks call for every stack, keeping the lab's (deleted stacks are not listed). */
async function describeLabStacks(target: Target): Promise<Stack[]> {
  const cfn = clientFor(CloudFormationClient, target, { fast: true });
  const all: Stack[] = [];
  let NextToken: string | undefined;
  do {
    const out = await cfn.send(new DescribeStacksCommand({ NextToken }), { abortSignal: AbortSignal.timeout(8_000) });
    all.push(...(out.Stacks ?? []).filter((s) => s.StackName?.startsWith(LAB_NAME) && ALL_STACKS.includes(s.StackName)));
    NextToken = out.NextToken;
  } while (NextToken);
  return all;
}
