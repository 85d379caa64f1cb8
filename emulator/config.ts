// Emulator configuration, validated once at start. A bad value stops the program with a
// message that names it.
import { resolve } from "node:path";
import { z } from "zod";
import { DEFAULT_PORTS, DEFAULT_REGION, LOCAL_ACCOUNT_ID } from "../lib/lab/contract.ts";

const port = z.coerce.number().int().min(0).max(65535);

export const EmulatorConfigSchema = z.object({
  port: port.default(DEFAULT_PORTS.emulator),
  host: z.string().min(1).default("127.0.0.1"),
  /** Binding anywhere but loopback takes this explicit flag. */
  allowRemote: z.boolean().default(false),
  dataDir: z.string().min(1).optional(),
  ephemeral: z.boolean().default(false),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must look like us-east-1").default(DEFAULT_REGION),
  accountId: z.string().regex(/^\d{12}$/, "must be 12 digits").default(LOCAL_ACCOUNT_ID),
  quiet: z.boolean().default(false),
});
export type EmulatorConfig = z.infer<typeof EmulatorConfigSchema>;

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

export function isLoopback(host: string) {
  return LOOPBACK.has(host) || host.startsWith("127.");
}

export function defaultDataDir() {
  return resolve(process.env.LAB_DATA_DIR ?? resolve(import.meta.dirname, "..", ".lab-data"));
}

/** Reads argv and env (EMULATOR_PORT, LAB_DATA_DIR); throws a readable message on bad input. */
export function loadConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): EmulatorConfig {
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new Error(`Unexpected argument "${a}". Try --port, --host, --data-dir, --ephemeral.`);
    const [k, inline] = a.slice(2).split("=", 2);
    if (inline !== undefined) flags[k] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith("--")) flags[k] = argv[++i];
    else flags[k] = true;
  }
  const parsed = EmulatorConfigSchema.safeParse({
    port: flags.port ?? env.EMULATOR_PORT,
    host: flags.host ?? env.EMULATOR_HOST,
    allowRemote: flags["allow-remote"] === true,
    dataDir: flags["data-dir"] ?? (env.LAB_DATA_DIR ? resolve(env.LAB_DATA_DIR) : undefined),
    ephemeral: flags.ephemeral === true,
    region: flags.region ?? env.AWS_DEFAULT_REGION_EMULATOR,
    quiet: flags.quiet === true,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid emulator setting "${issue.path.join(".")}": ${issue.message}`);
  }
  const cfg = parsed.data;
  if (!isLoopback(cfg.host) && !cfg.allowRemote) {
    throw new Error(`Refusing to bind to ${cfg.host}: the emulator accepts any credentials. Pass --allow-remote to bind beyond loopback.`);
  }
  return cfg;
}
