// `npm run lab -- env`: shell exports that make the seed's commands hit the current target,
// and the two places where the seed's commands do not run as written. Pure.
import { LAMBDAS, outputVar, SEED_VARIABLES } from "./contract.ts";

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;
export const shellQuote = (value: string) => (SAFE.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`);

/** Every variable `env` exports: the target's (region, endpoint, keys), then each stack output and the seed's names for two of them. */
export function envVariables(targetEnv: Record<string, string>, outputs: Record<string, string>): [string, string][] {
  const vars: [string, string][] = Object.entries(targetEnv);
  for (const key of Object.keys(outputs).sort()) vars.push([outputVar(key), outputs[key]]);
  for (const [name, key] of Object.entries(SEED_VARIABLES)) if (outputs[key] !== undefined) vars.push([name, outputs[key]]);
  return vars;
}

/** The lines to `eval`; comments say what cannot be set through the environment. */
export function envScript(where: string, targetEnv: Record<string, string>, outputs: Record<string, string>): string {
  const lines = [`# The seed's commands against ${where}.`, `# Load with: eval "$(npm run --silent lab -- env)"`];
  for (const [name, value] of envVariables(targetEnv, outputs)) lines.push(`export ${name}=${shellQuote(value)}`);
  const endpoint = targetEnv.AWS_ENDPOINT_URL;
  if (endpoint) {
    // Measured: aws-cli 1.45 reads AWS_ENDPOINT_URL; Debian's aws-cli 2.9 ignores it (v2 reads it from 2.13).
    // https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
    lines.push(
      "# AWS CLI v2 before 2.13 (Debian's aws 2.9) ignores AWS_ENDPOINT_URL and would call real AWS:",
      "# add --endpoint-url to each command, or define this alias in your shell:",
      `alias aws='aws --endpoint-url ${endpoint}'`,
    );
  } else {
    lines.push("# No endpoint: commands go to AWS itself.", "unset AWS_ENDPOINT_URL", "unalias aws 2>/dev/null || true");
  }
  if (!Object.keys(outputs).length) lines.push("# The lab is not deployed: no stack outputs yet. Run: npm run lab -- deploy");
  return `${lines.join("\n")}\n`;
}

export interface SeedCorrection {
  what: string;
  seed: string;
  working: string[];
  why: string;
}

/** The seed's commands that fail as written, with forms that run (checked with aws-cli 1.45 and 2.9). */
export const SEED_CORRECTIONS: readonly SeedCorrection[] = [
  {
    what: "Publishing with a message attribute",
    seed: `--message-attributes eventType='{"DataType":"String","StringValue":"order_created"}'`,
    working: [
      `--message-attributes 'eventType={DataType=String,StringValue=order_created}'`,
      `--message-attributes '{"eventType":{"DataType":"String","StringValue":"order_created"}}'`,
    ],
    why: `Both CLIs reject the seed's mix of shorthand and JSON ("Expected: '=', received: '\\"'"): use shorthand throughout, or one JSON map.`,
  },
  {
    what: `Invoking ${LAMBDAS.circuitBreakerManager} with a JSON payload`,
    seed: `aws lambda invoke --function-name ${LAMBDAS.circuitBreakerManager} --payload '{...}' /tmp/response.json`,
    working: [`aws lambda invoke --function-name ${LAMBDAS.circuitBreakerManager} --cli-binary-format raw-in-base64-out --payload '{...}' /tmp/response.json`],
    why: "CLI v2 reads --payload as base64 unless told it is raw JSON (Invalid base64). CLI v1 takes the seed's form as written and rejects --cli-binary-format; to make one form work in both, run once: aws configure set cli_binary_format raw-in-base64-out",
  },
];
