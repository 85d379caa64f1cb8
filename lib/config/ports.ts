// Ports and the data directory, validated once at start. Shared by the launcher, the
// console's server side and the lab CLI.
import { resolve } from "node:path";
import { z } from "zod";
import { DEFAULT_PORTS } from "../lab/contract.ts";

const port = (name: string, def: number) =>
  z.coerce
    .number({ message: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(1, `${name} must be between 1 and 65535`)
    .max(65535, `${name} must be between 1 and 65535`)
    .default(def);

export const RuntimeConfigSchema = z.object({
  CONSOLE_PORT: port("CONSOLE_PORT", DEFAULT_PORTS.console),
  EMULATOR_PORT: port("EMULATOR_PORT", DEFAULT_PORTS.emulator),
  LAB_DATA_DIR: z.string().min(1).optional(),
});
export type RuntimeConfig = { consolePort: number; emulatorPort: number; dataDir: string };

// import.meta.dirname is undefined inside Next bundles; there the launcher sets cwd to the repo root.
export const REPO_ROOT = import.meta.dirname ? resolve(import.meta.dirname, "..", "..") : process.cwd();

/** Throws an Error whose message names the bad variable. */
export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const parsed = RuntimeConfigSchema.safeParse({
    CONSOLE_PORT: env.CONSOLE_PORT || undefined,
    EMULATOR_PORT: env.EMULATOR_PORT || undefined,
    LAB_DATA_DIR: env.LAB_DATA_DIR || undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${String(issue.path[0])}: ${issue.message} (got "${env[String(issue.path[0])]}")`);
  }
  const c = parsed.data;
  return { consolePort: c.CONSOLE_PORT, emulatorPort: c.EMULATOR_PORT, dataDir: resolve(c.LAB_DATA_DIR ?? resolve(REPO_ROOT, ".lab-data")) };
}
