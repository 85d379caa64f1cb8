// `npm start`: builds the console if needed, starts the emulator and the console on
// loopback, prints the URLs, and stops both on Ctrl-C. `--dev` runs `next dev` instead.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { loadRuntimeConfig, REPO_ROOT } from "../lib/config/ports.ts";

const dev = process.argv.includes("--dev");
const rebuild = process.argv.includes("--rebuild");
const HOST = "127.0.0.1";
const NEXT_BIN = join(REPO_ROOT, "node_modules", "next", "dist", "bin", "next");

function fail(message: string): never {
  console.error(`\n✗ ${message}\n`);
  process.exit(1);
}

let cfg: ReturnType<typeof loadRuntimeConfig>;
try {
  cfg = loadRuntimeConfig();
} catch (e) {
  fail(`Invalid setting ${(e as Error).message}`);
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, HOST, () => srv.close(() => resolve(true)));
  });
}

async function waitFor(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`no answer from ${url} after ${timeoutMs / 1000} s`);
}

function run(name: string, args: string[], env: Record<string, string>, quiet = false): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = (line: string) => `${name.padEnd(8)}│ ${line}`;
  for (const stream of [child.stdout!, child.stderr!]) {
    let buf = "";
    stream.on("data", (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split("\n");
      buf = lines.pop() ?? "";
      if (!quiet) for (const l of lines) if (l.trim()) console.log(prefix(l));
    });
  }
  return child;
}

for (const [name, port, envName] of [
  ["console", cfg.consolePort, "CONSOLE_PORT"],
  ["emulator", cfg.emulatorPort, "EMULATOR_PORT"],
] as const) {
  if (!(await portFree(port))) {
    const hint = name === "emulator" ? " (LocalStack often holds 4566)" : "";
    fail(`Port ${port} on ${HOST} is already in use${hint}, so the ${name} cannot start.\n  Stop whatever holds it, or choose another port: ${envName}=${port + 1} npm start`);
  }
}

if (!dev && (rebuild || !existsSync(join(REPO_ROOT, ".next", "BUILD_ID")))) {
  console.log("Building the console (first run only)…");
  const t0 = Date.now();
  const build = spawn(process.execPath, [NEXT_BIN, "build"], { cwd: REPO_ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  const code: number = await new Promise((r) => build.on("exit", (c) => r(c ?? 1)));
  if (code !== 0) fail("The console build failed; see the output above.");
  console.log(`Built in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
}

const sharedEnv: Record<string, string> = {
  EMULATOR_PORT: String(cfg.emulatorPort),
  CONSOLE_PORT: String(cfg.consolePort),
  LAB_DATA_DIR: cfg.dataDir,
  NEXT_TELEMETRY_DISABLED: "1",
  AWS_EC2_METADATA_DISABLED: process.env.AWS_EC2_METADATA_DISABLED ?? "true",
};
const children: ChildProcess[] = [];
let stopping = false;

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  const deadline = Date.now() + 5000;
  while (children.some((c) => c.exitCode === null && c.signalCode === null) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  process.exit(code);
}
process.on("SIGINT", () => {
  console.log("\nStopping the console and the emulator…");
  void stopAll(0);
});
process.on("SIGTERM", () => void stopAll(0));

const emulatorUrl = `http://${HOST}:${cfg.emulatorPort}`;
const consoleUrl = `http://${HOST}:${cfg.consolePort}`;
const emulator = run("emulator", ["--disable-warning=ExperimentalWarning", "emulator/main.ts", "--port", String(cfg.emulatorPort), "--host", HOST, "--data-dir", cfg.dataDir], sharedEnv);
children.push(emulator);
const consoleProc = run(
  "console",
  [NEXT_BIN, dev ? "dev" : "start", "-p", String(cfg.consolePort), "-H", HOST],
  { ...sharedEnv, NODE_OPTIONS: "--disable-warning=ExperimentalWarning" },
);
children.push(consoleProc);
for (const c of children) {
  c.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`\n✗ The ${c === emulator ? "emulator" : "console"} stopped unexpectedly (${signal ?? `exit code ${code}`}). Stopping everything.`);
    void stopAll(1);
  });
}

try {
  await waitFor(`${emulatorUrl}/_lab/health`, 30_000, emulator);
  await waitFor(consoleUrl, dev ? 120_000 : 60_000, consoleProc);
} catch (e) {
  console.error(`\n✗ Start-up failed: ${(e as Error).message}`);
  await stopAll(1);
}

console.log(`
  Cross-Service Communication Lab

  Console   ${consoleUrl}
  Emulator  ${emulatorUrl}   (AWS-compatible endpoint; account 000000000000, us-east-1)
  Data      ${cfg.dataDir}

  Press Ctrl-C to stop both.
`);
