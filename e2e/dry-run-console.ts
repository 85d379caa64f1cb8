// A second console with its own emulator, data directory and AWS config, for specs that must not
// disturb the console the other specs use: the AWS target's code path pointed at that emulator
// with LAB_AWS_ENDPOINT_OVERRIDE (lib/validations/env.ts), so every call stays on this machine.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");

export interface DryRunConsole {
  url: string;
  emulatorPort: number;
  work: string;
  /** Everything the console and its emulator printed so far. */
  log(): string;
  writeSettings(settings: object): void;
  stop(): Promise<void>;
}

/**
 * Starts `node scripts/start.ts` (the build the suite already made) on the ports of the console
 * under test plus `offset`, with `awsConfig` as its AWS config file.
 */
export async function startDryRunConsole(name: string, offset: number, awsConfig: (work: string) => string, settings: object): Promise<DryRunConsole> {
  const work = path.join(ROOT, "test-results", name);
  const port = Number(process.env.CONSOLE_PORT || 3100) + offset;
  const emulatorPort = Number(process.env.EMULATOR_PORT || 4666) + offset;
  const listenerPort = Number(process.env.LISTENER_PORT || 8166) + offset;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(path.join(work, "config"), awsConfig(work));
  const writeSettings = (value: object) => {
    const file = path.join(work, "data", "console", "settings.json");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(value));
  };
  writeSettings(settings);
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["scripts/start.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      CONSOLE_PORT: String(port),
      EMULATOR_PORT: String(emulatorPort),
      LISTENER_PORT: String(listenerPort),
      LAB_DATA_DIR: path.join(work, "data"),
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_CONFIG_FILE: path.join(work, "config"),
      AWS_SHARED_CREDENTIALS_FILE: path.join(work, "no-credentials"),
      LAB_AWS_ENDPOINT_OVERRIDE: `http://127.0.0.1:${emulatorPort}`,
      AWS_PROFILE: "",
      AWS_ACCESS_KEY_ID: "",
      AWS_SECRET_ACCESS_KEY: "",
      AWS_SESSION_TOKEN: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`${url}/api/target`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${name}: the second console did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    emulatorPort,
    work,
    log: () => output,
    writeSettings,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}
