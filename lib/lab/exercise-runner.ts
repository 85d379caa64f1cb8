// Runs a step's check against the current target with the step's saved start, and records it.
import { currentTarget } from "../aws/clients.ts";
import { labAlbUrl } from "../data/resilience-sdk.ts";
import { type CheckResult, runCheck } from "./checks.ts";
import { labStatus } from "./status.ts";
import { readProgress, type StepProgress, updateProgress, withCheck, withStarted } from "./progress-store.ts";

/** Marks the step started (if it was not) before an action, so the action's effects count. */
export async function startStep(step: string): Promise<StepProgress> {
  const p = await updateProgress((p) => withStarted(p, step, Date.now()));
  return p.steps[step];
}

export async function checkStep(step: string): Promise<{ result: CheckResult; progress: StepProgress }> {
  const now = Date.now();
  const started = (await readProgress()).steps[step]?.startedAt ?? (await startStep(step)).startedAt;
  const target = await currentTarget();
  const status = await labStatus({ target });
  const albUrl = await labAlbUrl(target).catch(() => undefined);
  const result = await runCheck(step, { target, status, since: started, now, albUrl });
  const p = await updateProgress((p) => withCheck(p, step, result, Date.now()));
  return { result, progress: p.steps[step] };
}
