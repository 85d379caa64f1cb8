// `npm test`: type check, lint, unit and emulator tests (node:test), then the browser
// tests (Playwright in Debian's chromium). Prints one closing line with the totals.
import { spawn } from "node:child_process";
import { globSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../lib/config/ports.ts";

const BIN = join(REPO_ROOT, "node_modules", ".bin");
const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0 };
const failures: string[] = [];

function step(name: string, cmd: string, args: string[], parse?: (out: string) => { passed: number; failed: number }) {
  return new Promise<void>((resolve) => {
    console.log(`\n━━ ${name} ━━`);
    const t0 = Date.now();
    const child = spawn(cmd, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true", NEXT_TELEMETRY_DISABLED: "1", PATH: `${BIN}:${process.env.PATH}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on("data", (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on("exit", (code) => {
      const counts = parse?.(out);
      if (counts) {
        totals.passed += counts.passed;
        totals.failed += counts.failed;
      }
      if (code !== 0) {
        failures.push(name);
        if (!counts || counts.failed === 0) totals.failed += 1;
      } else if (!counts) totals.passed += 1;
      console.log(`━━ ${name}: ${code === 0 ? "ok" : `FAILED (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      resolve();
    });
  });
}

const nodeCounts = (out: string) => ({
  passed: Number(/^[#ℹ] pass (\d+)/m.exec(out)?.[1] ?? 0),
  failed: Number(/^[#ℹ] fail (\d+)/m.exec(out)?.[1] ?? 0) + Number(/^[#ℹ] cancelled (\d+)/m.exec(out)?.[1] ?? 0),
});
const playwrightCounts = (out: string) => ({
  passed: Number(/(\d+) passed/.exec(out)?.[1] ?? 0),
  failed: Number(/(\d+) failed/.exec(out)?.[1] ?? 0),
});

const want = (name: string) => only.length === 0 || only.includes(name);

if (want("typecheck")) await step("typecheck", `${BIN}/tsc`, ["--noEmit", "-p", "."]);
if (want("lint")) await step("lint", `${BIN}/biome`, ["check", "."]);
if (want("unit")) {
  const files = ["lib", "emulator", "services", "scripts", "cloudformation"].flatMap((d) =>
    globSync(`${d}/**/*.test.ts`, { cwd: REPO_ROOT }).filter((f) => !f.includes("node_modules")),
  );
  await step("unit and emulator tests", process.execPath, ["--disable-warning=ExperimentalWarning", "--test", "--test-reporter=spec", "--test-concurrency=1", "--test-timeout=300000", ...files.sort()], nodeCounts);
}
if (want("e2e")) await step("browser tests (Playwright, Debian chromium)", `${BIN}/playwright`, ["test"], playwrightCounts);

console.log(`\n${failures.length ? `Failed steps: ${failures.join(", ")}` : "All steps passed."}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(failures.length ? 1 : 0);
