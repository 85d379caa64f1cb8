import { spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

/** The test emulator's gateway, as playwright.config.ts starts it. */
export const EMULATOR = `http://127.0.0.1:${Number(process.env.EMULATOR_PORT || 4666)}`;

/**
 * `npm run lab -- deploy` against the test emulator, with the console's data directory (so the
 * same settings: local). For specs about what comes after a deploy; learner.spec.ts deploys from
 * the Overview instead. `listenerPort` is not 8080, so the learner's own lab is left alone.
 */
export function deployLab(listenerPort: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", "scripts/lab.ts", "deploy", "--variant", "appmesh", "--listener-port", listenerPort], {
      cwd: ROOT,
      env: {
        ...process.env,
        EMULATOR_PORT: process.env.EMULATOR_PORT || "4666",
        LAB_DATA_DIR: process.env.E2E_LAB_DATA_DIR ?? path.join(ROOT, "test-results", "lab-data"),
        AWS_EC2_METADATA_DISABLED: "true",
        NO_COLOR: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`lab deploy exited with ${code}:\n${out.slice(-3000)}`))));
  });
}
