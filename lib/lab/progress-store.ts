// The learner's exercise progress: per step, when it started (the checks' "since") and when
// its check last passed. Saved in `<LAB_DATA_DIR>/console/progress.json`, so it survives a
// restart of the console.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { consoleEnv } from "../validations/env.ts";

export const STEP_ID = /^[1-4]\.[1-9]$/;
export const stepIdSchema = z.string().regex(STEP_ID, { message: "a step id looks like 2.3" });

const stepProgressSchema = z.object({
  /** Epoch ms: the first action or check on this step; checks look for evidence from here on. */
  startedAt: z.number().int().nonnegative(),
  /** Epoch ms of the last check, and what it found. */
  checkedAt: z.number().int().nonnegative().optional(),
  ok: z.boolean().default(false),
  detail: z.string().max(2_000).optional(),
  /** Epoch ms of the first passing check: the step stays done after that. */
  doneAt: z.number().int().nonnegative().optional(),
});
export type StepProgress = z.infer<typeof stepProgressSchema>;

export const progressSchema = z.object({
  version: z.literal(1),
  steps: z.record(stepIdSchema, stepProgressSchema),
});
export type Progress = z.infer<typeof progressSchema>;

export const EMPTY_PROGRESS: Progress = { version: 1, steps: {} };

export const progressFile = (dataDir = consoleEnv().dataDir) => path.join(/*turbopackIgnore: true*/ dataDir, "console", "progress.json");

/** Parses a saved file; anything unreadable is a fresh start, never a crash. Pure. */
export function parseProgress(text: string | undefined): Progress {
  if (!text) return structuredClone(EMPTY_PROGRESS);
  try {
    const parsed = progressSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : structuredClone(EMPTY_PROGRESS);
  } catch {
    return structuredClone(EMPTY_PROGRESS);
  }
}

/** The step started now unless it had started already. Pure. */
export function withStarted(progress: Progress, step: string, now: number): Progress {
  if (progress.steps[step]) return progress;
  return { ...progress, steps: { ...progress.steps, [step]: { startedAt: now, ok: false } } };
}

/** Records a check's result; a step that passed once stays done. Pure. */
export function withCheck(progress: Progress, step: string, result: { ok: boolean; detail: string }, now: number): Progress {
  const previous = withStarted(progress, step, now).steps[step];
  const doneAt = previous.doneAt ?? (result.ok ? now : undefined);
  return { ...progress, steps: { ...progress.steps, [step]: { ...previous, checkedAt: now, ok: result.ok, detail: result.detail.slice(0, 2_000), doneAt } } };
}

/** Forgets a step, or every step of an exercise ("3"), so it can be done again. Pure. */
export function withReset(progress: Progress, prefix: string): Progress {
  const steps = Object.fromEntries(Object.entries(progress.steps).filter(([id]) => id !== prefix && !id.startsWith(`${prefix}.`)));
  return { ...progress, steps };
}

/** Percent of an exercise's steps done. Pure. */
export function exerciseFraction(progress: Progress, exercise: number, stepCount: number): number {
  if (!stepCount) return 0;
  let done = 0;
  for (let i = 1; i <= stepCount; i++) if (progress.steps[`${exercise}.${i}`]?.doneAt) done++;
  return Math.round((done / stepCount) * 100);
}

export async function readProgress(file = progressFile()): Promise<Progress> {
  return parseProgress(await readFile(file, "utf8").catch(() => undefined));
}

// One writer at a time inside this process, so two quick checks never lose each other's result.
let queue: Promise<unknown> = Promise.resolve();

/** Reads, changes and writes the file atomically (write to a temp file, then rename). */
export function updateProgress(change: (p: Progress) => Progress, file = progressFile()): Promise<Progress> {
  const run = queue.then(async () => {
    const next = progressSchema.parse(change(await readProgress(file)));
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(next, null, 2)}\n`);
    await rename(tmp, file);
    return next;
  });
  queue = run.catch(() => undefined);
  return run;
}
