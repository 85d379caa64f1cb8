import path from "node:path";
import { defineConfig } from "@playwright/test";

// The browser tests run the real stack (`node scripts/start.ts`: emulator and
// console) on their own ports and data directory, so they never touch a
// running `npm start` or the learner's saved settings.
const CONSOLE_PORT = Number(process.env.CONSOLE_PORT || 3100);
const EMULATOR_PORT = Number(process.env.EMULATOR_PORT || 4666);
// The lab's load balancer when the browser tests deploy it: off 8080, so a running lab is left alone.
const LISTENER_PORT = Number(process.env.LISTENER_PORT || 8166);
const OUTPUT_DIR = path.resolve(import.meta.dirname, "test-results");
const NOWHERE = path.join(OUTPUT_DIR, "no-such-aws-dir");

export default defineConfig({
  testDir: "e2e",
  outputDir: OUTPUT_DIR,
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // One retry on CI only: a test that fails twice still fails, and a retried pass is reported as flaky.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${CONSOLE_PORT}`,
    viewport: { width: 1440, height: 900 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // --rebuild: always test the code in the tree, never a stale .next build.
    command: "node scripts/start.ts --rebuild",
    url: `http://127.0.0.1:${CONSOLE_PORT}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      CONSOLE_PORT: String(CONSOLE_PORT),
      EMULATOR_PORT: String(EMULATOR_PORT),
      LISTENER_PORT: String(LISTENER_PORT),
      // Under test-results/, which Playwright empties before it starts the server.
      LAB_DATA_DIR: path.join(OUTPUT_DIR, "lab-data"),
      NEXT_TELEMETRY_DISABLED: "1",
      // No AWS credentials can be found and nothing leaves the machine.
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_CONFIG_FILE: path.join(NOWHERE, "config"),
      AWS_SHARED_CREDENTIALS_FILE: path.join(NOWHERE, "credentials"),
      AWS_PROFILE: "",
      AWS_ACCESS_KEY_ID: "",
      AWS_SECRET_ACCESS_KEY: "",
      AWS_SESSION_TOKEN: "",
      AWS_CONTAINER_CREDENTIALS_FULL_URI: "",
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "",
      AWS_WEB_IDENTITY_TOKEN_FILE: "",
    },
  },
});
