// The seed's commands (seed README), verbatim, and the few substitutions that point them at a
// local deployment. scripts/seed-commands.test.ts runs them through bash with both AWS CLIs.
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";

/** Each snippet is copied character for character from the seed README (section in the key). */
export const SEED = {
  /** "1. Deploy the Lab" (run from scripts/) */
  provision: "./provision-cross-service-lab.sh",
  /** "2. Test the Services" */
  albDns: `# Get the load balancer DNS from the output
ALB_DNS="your-alb-dns-here"`,
  getUser: "curl -X GET http://$ALB_DNS:8080/users/123",
  postOrder: `curl -X POST http://$ALB_DNS:8080/orders \\
  -H 'Content-Type: application/json' \\
  -d '{"user_id": 123, "items": [{"product_id": "prod-123", "quantity": 2}]}'`,
  /** "3. Test Messaging" */
  publish: `# Get topic ARN from deployment output
ORDER_TOPIC_ARN="your-topic-arn-here"

aws sns publish \\
  --topic-arn $ORDER_TOPIC_ARN \\
  --message '{"orderId": "12345", "userId": "123", "status": "created"}' \\
  --message-attributes eventType='{"DataType":"String","StringValue":"order_created"}'`,
  /** "4. Test Circuit Breaker" */
  fail: "./simulate-service-failure.sh user-service fail",
  check: `aws lambda invoke \\
  --function-name circuit-breaker-manager \\
  --payload '{"service_name": "user-service", "action": "check"}' \\
  /tmp/response.json && cat /tmp/response.json`,
  recover: "./simulate-service-failure.sh user-service recover",
  /** "Troubleshooting / Useful Commands" */
  describeServices: "aws ecs describe-services --cluster cross-service-cluster --services user-service",
  logsTail: "aws logs tail /ecs/user-service --follow",
  queueAttributes: `aws sqs get-queue-attributes --queue-url YOUR_QUEUE_URL \\
  --attribute-names ApproximateNumberOfMessages`,
  /** "Cleanup" (run from scripts/) */
  cleanup: "./cleanup-cross-service-lab.sh",
} as const;

/** The seed's attribute argument, which both CLIs reject, and the shorthand that works (lib/lab/shell-env.ts SEED_CORRECTIONS). */
export const SEED_ATTRIBUTE = `--message-attributes eventType='{"DataType":"String","StringValue":"order_created"}'`;
export const CORRECTED_ATTRIBUTE = `--message-attributes 'eventType={DataType=String,StringValue=order_created}'`;

/** Environment variables (Next's types make NodeJS.ProcessEnv demand NODE_ENV). */
export type Env = Record<string, string | undefined>;

export const CLIS = { v1: "aws", v2: "/usr/bin/aws" } as const;
export type Cli = keyof typeof CLIS;

export interface Localize {
  cli: Cli;
  listenerPort: number;
  /** Where `/tmp/response.json` goes instead, so parallel runs never share the file. */
  scratchDir: string;
  /** Placeholder → value: `your-alb-dns-here` → `localhost`, … */
  placeholders?: Record<string, string>;
}

/**
 * The documented local differences and nothing else: `--endpoint-url` on every `aws` command
 * (Debian's aws 2.9 ignores AWS_ENDPOINT_URL), CLI v2's `--cli-binary-format raw-in-base64-out`
 * for `lambda invoke --payload`, the listener port, the placeholders, the scratch file.
 */
export function localize(snippet: string, o: Localize): string {
  let s = snippet.replace(/^aws /gm, `${CLIS[o.cli]} --endpoint-url "$AWS_ENDPOINT_URL" `);
  if (o.cli === "v2") s = s.replace(/ lambda invoke /g, " lambda invoke --cli-binary-format raw-in-base64-out ");
  s = s.replaceAll(":8080/", `:${o.listenerPort}/`).replaceAll("/tmp/response.json", `${o.scratchDir}/response.json`);
  for (const [from, to] of Object.entries(o.placeholders ?? {})) s = s.replaceAll(from, to);
  return s;
}

export interface ShellResult {
  code: number;
  stdout: string;
  stderr: string;
}

const pexec = promisify(execFile);

/** The environment of a learner's shell after `eval "$(npm run --silent lab -- env)"`, with no AWS config of their own. */
export function cliEnv(exports: Record<string, string>): Env {
  return {
    ...process.env,
    ...exports,
    AWS_DEFAULT_REGION: exports.AWS_REGION ?? exports.AWS_DEFAULT_REGION ?? "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_PAGER: "",
    AWS_CONFIG_FILE: "/nonexistent",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
  };
}

export async function bash(script: string, env: Env, cwd?: string, timeoutMs = 60_000): Promise<ShellResult> {
  try {
    const { stdout, stderr } = await pexec("bash", ["-c", `set -o pipefail\n${script}`], { env: env as NodeJS.ProcessEnv, cwd, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: typeof err.code === "number" ? err.code : 1, stdout: err.stdout ?? "", stderr: err.stderr ?? err.message };
  }
}

/** Runs a never-ending command (`logs tail --follow`) until its output matches, then stops it. */
export function bashUntil(script: string, env: Env, until: RegExp, timeoutMs: number): Promise<ShellResult & { matched: boolean }> {
  return new Promise((resolve) => {
    // Its own process group, so the stop reaches the CLI that bash started.
    const child = spawn("bash", ["-c", script], { env: env as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let matched = false;
    const stop = () => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGTERM");
      } catch {}
    };
    const timer = setTimeout(stop, timeoutMs);
    child.stdout.on("data", (d) => {
      stdout += d;
      if (!matched && until.test(stdout)) {
        matched = true;
        stop();
      }
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr, matched });
    });
  });
}

/** `export NAME=value` lines (values as shellQuote wrote them) → a map. */
export function parseExports(script: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of script.matchAll(/^export ([A-Z0-9_]+)=(.*)$/gm)) {
    const v = m[2];
    out[m[1]] = v.startsWith("'") && v.endsWith("'") ? v.slice(1, -1).replaceAll(`'\\''`, "'") : v;
  }
  return out;
}
