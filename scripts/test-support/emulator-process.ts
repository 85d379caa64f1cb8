// One emulator as a child process, the way a learner runs it (`npm run emulator`), on a
// free port with its own data directory. Stopping it sends SIGTERM and waits for the exit,
// which stops every ECS task and Lambda worker it started.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const REPO_ROOT = resolve(import.meta.dirname, "..", "..");

export interface EmulatorProcess {
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  /** Everything the emulator printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

export async function startEmulatorProcess(opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<EmulatorProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), "lab-emulator-"));
  const child: ChildProcess = spawn(
    process.execPath,
    ["--disable-warning=ExperimentalWarning", join(REPO_ROOT, "emulator", "main.ts"), "--port", "0", "--data-dir", dataDir, "--quiet"],
    { cwd: REPO_ROOT, env: { ...process.env, ...opts.env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  const append = (chunk: Buffer) => {
    log += chunk.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = once(child, "exit");

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start within ${opts.timeoutMs ?? 20_000} ms:\n${log}`)), opts.timeoutMs ?? 20_000);
    const onData = () => {
      const m = log.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        resolveUrl(m[1]);
      }
    };
    child.stdout?.on("data", onData);
    exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited before listening:\n${log}`));
    });
  });

  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid as number,
    dataDir,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
