// Black-box test harness: a real gateway on port 0, real SDK clients, the real AWS CLIs.
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { EmulatorConfigSchema } from "../config.ts";
import { type Gateway, startGateway } from "../gateway/gateway.ts";

export const REGION = "us-east-1";
export const ACCOUNT = "000000000000";

export interface TestGateway extends Gateway {
  /** Spread into any SDK v3 client constructor. */
  clientConfig: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string }; forcePathStyle: true };
}

/** Starts a gateway on 127.0.0.1:0. Pass `dataDir` to test persistence; default is ephemeral. */
export async function startTestGateway(opts: { dataDir?: string } = {}): Promise<TestGateway> {
  const cfg = EmulatorConfigSchema.parse({ port: 0, ephemeral: !opts.dataDir, dataDir: opts.dataDir, quiet: true });
  const gw = (await startGateway(cfg)) as TestGateway;
  Object.defineProperty(gw, "clientConfig", {
    value: { endpoint: gw.url, region: REGION, credentials: { accessKeyId: "test", secretAccessKey: "test" }, forcePathStyle: true },
  });
  return gw;
}

export const tempDir = (prefix = "lab-test-") => mkdtempSync(join(tmpdir(), prefix));

const pexec = promisify(execFile);

/** The two CLIs on machines of this kind: `aws` v1 first on PATH (JSON SQS) and Debian's awscli 2.9 (query SQS). */
export const CLIS = { v1: "aws", v2: "/usr/bin/aws" } as const;
export type CliName = keyof typeof CLIS;

export async function aws(cli: CliName, endpoint: string, args: string[], opts: { cwd?: string } = {}) {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_DEFAULT_REGION: REGION,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_PAGER: "",
    AWS_CONFIG_FILE: "/nonexistent",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
  };
  try {
    const { stdout, stderr } = await pexec(CLIS[cli], ["--endpoint-url", endpoint, "--output", "json", ...args], { env, cwd: opts.cwd, maxBuffer: 32 * 1024 * 1024, timeout: 60_000 });
    return { code: 0, stdout, stderr, json: () => (stdout.trim() ? JSON.parse(stdout) : {}) };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, stdout: err.stdout ?? "", stderr: err.stderr ?? "", json: () => JSON.parse(err.stdout || "{}") };
  }
}
