// What a deploy or cleanup reports while it runs, and the job state those reports fold
// into. The console's job runner keeps and persists the state; the CLI prints the reports.
import type { MeshVariant } from "./contract.ts";
import { countDone, foldLatest, type LabStackEvent, STACK_TYPE } from "./stack-events.ts";

/** A resource or stack the orphan check found after cleanup. */
export interface Leftover {
  arn: string;
  kind: "stack" | "resource";
  /** `sqs`, `s3`, `cloudformation:stack`, … from the ARN. */
  type: string;
  name: string;
  status?: string;
  /** Whether "remove leftovers" can delete it; otherwise it is deleted by hand. */
  removable?: boolean;
}

export type LabProgress =
  /** The stacks this job works on, in order, with how many resources each holds. */
  | { kind: "plan"; stacks: { name: string; total: number }[] }
  | { kind: "step"; message: string }
  | { kind: "stack"; stack: string; status: string; reason?: string; total?: number; unchanged?: boolean }
  | { kind: "resource"; event: LabStackEvent }
  | { kind: "failure"; stack?: string; message: string; rootCause?: LabStackEvent; failures?: LabStackEvent[] }
  | { kind: "targets"; healthy: number; total: number; unhealthy: string[] }
  | { kind: "timing"; label: string; ms: number }
  | { kind: "outputs"; outputs: Record<string, string> }
  | { kind: "leftovers"; leftovers: Leftover[] };

export type ProgressListener = (progress: LabProgress) => void;

export type JobKind = "deploy" | "cleanup" | "leftovers";
export type JobState = "running" | "succeeded" | "failed" | "cancelled" | "interrupted";

export interface StackProgress {
  name: string;
  status?: string;
  reason?: string;
  done: number;
  total: number;
  unchanged?: boolean;
  /** Latest status per logical id, from the events seen. */
  resources: Record<string, string>;
}

export interface Job {
  id: string;
  kind: JobKind;
  variant?: MeshVariant;
  /** Where it runs, as the target badge says it: "Local emulator · 000000000000 · us-east-1". */
  where: string;
  state: JobState;
  startedAt: string;
  finishedAt?: string;
  steps: { at: string; message: string }[];
  stacks: StackProgress[];
  events: LabStackEvent[];
  failure?: Extract<LabProgress, { kind: "failure" }>;
  targets?: Extract<LabProgress, { kind: "targets" }>;
  timings: { label: string; ms: number }[];
  outputs?: Record<string, string>;
  leftovers?: Leftover[];
  /** Bumped on every change, so readers can tell a new state from the one they have. */
  version: number;
}

/** Events kept per job; a full lab deploy makes a few hundred. */
export const MAX_EVENTS = 3_000;

export function newJob(id: string, kind: JobKind, where: string, variant?: MeshVariant, now = new Date()): Job {
  return { id, kind, variant, where, state: "running", startedAt: now.toISOString(), steps: [], stacks: [], events: [], timings: [], version: 0 };
}

const direction = (job: Job) => (job.kind === "deploy" ? "deploy" : "delete");

function stackOf(job: Job, name: string): StackProgress {
  let stack = job.stacks.find((s) => s.name === name);
  if (!stack) {
    stack = { name, done: 0, total: 0, resources: {} };
    job.stacks.push(stack);
  }
  return stack;
}

/** Folds one report into the job. Returns a new job; the old one is not changed. */
export function applyProgress(previous: Job, p: LabProgress, now = new Date()): Job {
  const job: Job = { ...previous, stacks: previous.stacks.map((s) => ({ ...s })), version: previous.version + 1 };
  switch (p.kind) {
    case "plan":
      job.stacks = p.stacks.map(({ name, total }) => ({ ...(previous.stacks.find((s) => s.name === name) ?? { name, done: 0, resources: {} }), total }));
      break;
    case "step":
      job.steps = [...job.steps, { at: now.toISOString(), message: p.message }];
      break;
    case "stack": {
      const stack = stackOf(job, p.stack);
      stack.status = p.status;
      stack.reason = p.reason;
      stack.unchanged = p.unchanged;
      if (p.total !== undefined) stack.total = p.total;
      // A stack that finished its part holds all its resources (created) or none (deleted).
      if (p.total !== undefined || p.unchanged) stack.done = stack.total;
      break;
    }
    case "resource": {
      job.events = [...job.events, p.event].slice(-MAX_EVENTS);
      if (p.event.type === STACK_TYPE) break;
      const stack = stackOf(job, p.event.stack);
      stack.resources = foldLatest(stack.resources, [p.event]);
      stack.done = Math.min(countDone(stack.resources, direction(job)), Math.max(stack.total, Object.keys(stack.resources).length));
      break;
    }
    case "failure":
      job.failure = p;
      break;
    case "targets":
      job.targets = p;
      break;
    case "timing":
      job.timings = [...job.timings, { label: p.label, ms: p.ms }];
      break;
    case "outputs":
      job.outputs = p.outputs;
      break;
    case "leftovers":
      job.leftovers = p.leftovers;
      break;
  }
  return job;
}

/** Resources done and in all, over every stack of the job: the "12/47" of "Deploying 12/47". */
export function jobCount(job: Pick<Job, "stacks">): { done: number; total: number } {
  let done = 0;
  let total = 0;
  for (const s of job.stacks) {
    done += s.done;
    total += Math.max(s.total, s.done);
  }
  return { done, total };
}

export function finishJob(job: Job, state: Exclude<JobState, "running">, now = new Date()): Job {
  return { ...job, state, finishedAt: now.toISOString(), version: job.version + 1 };
}
