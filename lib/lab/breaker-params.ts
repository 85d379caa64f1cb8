// The circuit-breaker thresholds a learner chooses in Settings. They are deploy parameters of
// the resilience stack (FailureThreshold, WindowSeconds, OpenSeconds, SuccessThreshold), saved in
// <data dir>/console/breaker-params.json and passed at the next deploy or update:
//   deployLab({ ..., params: { breaker: await readBreakerParams() } })
// A running breaker keeps the `config` stored in its item until it is reset with a new one.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { consoleEnv } from "../validations/env.ts";
import { type BreakerConfig, LAB_BREAKER_CONFIG } from "./breaker-presets.ts";

export interface BreakerParams {
  failureThreshold: number;
  windowSeconds: number;
  openSeconds: number;
  successThreshold: number;
}

/** The template's own defaults: the lab preset. */
export const DEFAULT_BREAKER_PARAMS: BreakerParams = {
  failureThreshold: LAB_BREAKER_CONFIG.failureThreshold,
  windowSeconds: LAB_BREAKER_CONFIG.windowMs / 1000,
  openSeconds: LAB_BREAKER_CONFIG.openMs / 1000,
  successThreshold: LAB_BREAKER_CONFIG.successThreshold,
};

/** The stack parameter each field is passed as. */
export const BREAKER_PARAMETER_NAMES = {
  failureThreshold: "FailureThreshold",
  windowSeconds: "WindowSeconds",
  openSeconds: "OpenSeconds",
  successThreshold: "SuccessThreshold",
} as const satisfies Record<keyof BreakerParams, string>;

const whole = (what: string, max: number) =>
  z.coerce
    .number({ message: `${what} must be a number.` })
    .int(`${what} must be a whole number.`)
    .min(1, `${what} must be at least 1.`)
    .max(max, `${what} must be at most ${max}.`);

// The template says MinValue 1; the upper bounds keep a lab breaker observable within a session.
export const breakerParamsSchema = z.object({
  failureThreshold: whole("Failure threshold", 1_000),
  windowSeconds: whole("Window", 3_600),
  openSeconds: whole("Open time", 3_600),
  successThreshold: whole("Success threshold", 100),
});

export const breakerParamsFile = (dataDir = consoleEnv().dataDir) => path.join(dataDir, "console", "breaker-params.json");

/** The saved thresholds, or the template's defaults when none (or nothing valid) were saved. */
export async function readBreakerParams(file = breakerParamsFile()): Promise<BreakerParams> {
  try {
    const parsed = breakerParamsSchema.safeParse(JSON.parse(await readFile(/*turbopackIgnore: true*/ file, "utf8")));
    return parsed.success ? parsed.data : DEFAULT_BREAKER_PARAMS;
  } catch {
    return DEFAULT_BREAKER_PARAMS;
  }
}

export async function writeBreakerParams(params: BreakerParams, file = breakerParamsFile()): Promise<void> {
  const valid = breakerParamsSchema.parse(params);
  await mkdir(/*turbopackIgnore: true*/ path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(/*turbopackIgnore: true*/ temporary, `${JSON.stringify(valid, null, 2)}\n`);
  await rename(/*turbopackIgnore: true*/ temporary, file);
}

/** The breaker model's config for these parameters (count mode, like the lab preset). */
export function breakerConfigOf(p: BreakerParams): BreakerConfig {
  return { failureThreshold: p.failureThreshold, windowMs: p.windowSeconds * 1000, openMs: p.openSeconds * 1000, successThreshold: p.successThreshold };
}

/** The parameters from a stack's Parameters list; undefined when the stack does not declare them. */
export function breakerParamsFromStack(parameters: readonly { ParameterKey?: string; ParameterValue?: string }[] | undefined): BreakerParams | undefined {
  if (!parameters?.length) return undefined;
  const value = (name: string) => parameters.find((p) => p.ParameterKey === name)?.ParameterValue;
  const parsed = breakerParamsSchema.safeParse(
    Object.fromEntries(Object.entries(BREAKER_PARAMETER_NAMES).map(([field, name]) => [field, value(name)])),
  );
  return parsed.success ? parsed.data : undefined;
}
