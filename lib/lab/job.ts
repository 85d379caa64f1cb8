// The console's deploy/cleanup job: one at a time, in the console's server process. Its
// progress is kept in memory and written to <data dir>/console/lab-job.json, so a page
// reload, or a console restart, still shows what happened. Cancel stops waiting and
// starts nothing new; CloudFormation finishes or rolls back what is under way by itself.
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { publicTarget, type Target } from "../aws/target.ts";
import { consoleEnv } from "../validations/env.ts";
import type { MeshVariant } from "./contract.ts";
import { applyProgress, finishJob, type Job, type JobKind, type LabProgress, newJob } from "./progress.ts";
import { processSingleton } from "./singleton.ts";

export type JobRun = (emit: (p: LabProgress) => void, signal: AbortSignal) => Promise<void>;

interface Runner {
  job?: Job;
  controller?: AbortController;
  loaded: boolean;
  writeTimer?: NodeJS.Timeout;
}

const runner = processSingleton<Runner>("job-runner", () => ({ loaded: false }));

export const jobFile = (dataDir = consoleEnv().dataDir) => path.join(/*turbopackIgnore: true*/ dataDir, "console", "lab-job.json");

function persist(now = false) {
  const write = () => {
    runner.writeTimer = undefined;
    if (!runner.job) return;
    try {
      const file = jobFile();
      mkdirSync(/*turbopackIgnore: true*/ path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(/*turbopackIgnore: true*/ temporary, JSON.stringify(runner.job));
      renameSync(/*turbopackIgnore: true*/ temporary, file);
    } catch (error) {
      console.warn(`Could not save the lab job's progress: ${(error as Error).message}`);
    }
  };
  if (now) {
    clearTimeout(runner.writeTimer);
    write();
  } else runner.writeTimer ??= setTimeout(write, 250);
}

/** A job read back from disk: one that was running when the console stopped did not finish here. */
export function restoredJob(saved: Job | null | undefined): Job | undefined {
  if (!saved || typeof saved !== "object" || !saved.id) return undefined;
  return saved.state === "running" ? finishJob(saved, "interrupted") : saved;
}

function load() {
  if (runner.loaded) return;
  runner.loaded = true;
  try {
    runner.job = restoredJob(JSON.parse(readFileSync(/*turbopackIgnore: true*/ jobFile(), "utf8")));
  } catch {
    runner.job = undefined;
  }
}

/** The current or last job; undefined when there has never been one. */
export function currentJob(): Job | undefined {
  load();
  return runner.job;
}

export type StartResult = { ok: true; job: Job } | { ok: false; reason: string };

/** Starts `run` as the job unless one is running. Progress folds into the job as it arrives. */
export function startJob(kind: JobKind, target: Target, run: JobRun, variant?: MeshVariant, accountId?: string): StartResult {
  load();
  if (runner.job?.state === "running") return { ok: false, reason: `A ${runner.job.kind} is already running; wait for it or cancel it.` };
  const t = publicTarget(target, accountId);
  const where = [t.label, t.accountId, t.region].filter(Boolean).join(" · ");
  const controller = new AbortController();
  runner.controller = controller;
  runner.job = newJob(randomUUID(), kind, where, variant);
  persist(true);
  const id = runner.job.id;
  const emit = (p: LabProgress) => {
    if (runner.job?.id !== id) return;
    runner.job = applyProgress(runner.job, p);
    persist();
  };
  void run(emit, controller.signal).then(
    () => settle(id, "succeeded"),
    (error: Error) => {
      if (controller.signal.aborted) return settle(id, "cancelled");
      // Failures the run reported itself carry their detail already.
      if (!runner.job?.failure) emit({ kind: "failure", message: error.message || String(error) });
      settle(id, "failed");
    },
  );
  return { ok: true, job: runner.job };
}

function settle(id: string, state: "succeeded" | "failed" | "cancelled") {
  if (runner.job?.id !== id) return;
  runner.job = finishJob(runner.job, state);
  runner.controller = undefined;
  persist(true);
}

/** Stops the running job after its current call; returns whether there was one. */
export function cancelJob(): boolean {
  if (runner.job?.state !== "running" || !runner.controller) return false;
  runner.controller.abort();
  return true;
}

/** Forgets the job (tests, and "dismiss" after reading a result). */
export function clearJob(): void {
  if (runner.job?.state === "running") return;
  runner.job = undefined;
  runner.loaded = true;
  try {
    writeFileSync(/*turbopackIgnore: true*/ jobFile(), "null");
  } catch {}
}
