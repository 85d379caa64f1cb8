import path from "node:path";
import { z } from "zod";
import { DEFAULT_PORTS } from "../lab/contract.ts";

const port = z.coerce.number().int().min(1).max(65535);

/** An AWS-compatible server on this machine (moto server, say): nothing else may stand in for AWS. */
const loopbackUrl = z
  .string()
  .trim()
  .regex(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}\/?$/, "must be http://127.0.0.1:<port> (a server on this machine)");

const consoleEnvSchema = z.object({
  EMULATOR_PORT: port.default(DEFAULT_PORTS.emulator),
  LAB_DATA_DIR: z.string().trim().min(1).optional(),
  LAB_AWS_ENDPOINT_OVERRIDE: loopbackUrl.optional(),
});

export interface ConsoleEnv {
  emulatorPort: number;
  /** `.lab-data/` at the repo root unless LAB_DATA_DIR says otherwise. */
  dataDir: string;
  /**
   * LAB_AWS_ENDPOINT_OVERRIDE: a dry run of the whole console on the AWS target's code path
   * against an AWS-compatible server on this machine (moto server, or the emulator itself).
   * Only the endpoint changes; capabilities, credentials and confirmations stay AWS's.
   */
  awsEndpointOverride?: string;
}

/**
 * The console's environment, read per request rather than baked in at build
 * time, so one build serves any EMULATOR_PORT. Next runs with the repo root as
 * its working directory (`import.meta.dirname` is not defined in its bundles).
 * A bad value throws an error that names it.
 */
export function consoleEnv(env: Record<string, string | undefined> = process.env): ConsoleEnv {
  const parsed = consoleEnvSchema.safeParse({
    EMULATOR_PORT: env.EMULATOR_PORT || undefined,
    LAB_DATA_DIR: env.LAB_DATA_DIR || undefined,
    LAB_AWS_ENDPOINT_OVERRIDE: env.LAB_AWS_ENDPOINT_OVERRIDE || undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue.path.join(".")}: ${issue.message} (got "${env[String(issue.path[0])]}")`);
  }
  const root = process.cwd();
  return {
    emulatorPort: parsed.data.EMULATOR_PORT,
    dataDir: path.resolve(/*turbopackIgnore: true*/ root, parsed.data.LAB_DATA_DIR ?? ".lab-data"),
    ...(parsed.data.LAB_AWS_ENDPOINT_OVERRIDE ? { awsEndpointOverride: parsed.data.LAB_AWS_ENDPOINT_OVERRIDE.replace(/\/$/, "") } : {}),
  };
}
