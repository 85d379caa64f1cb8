// `scripts/simulate-service-failure.sh <service> fail|recover|latency <ms>|error-rate <pct>|crash [--for <seconds>]`
// Writes the service's lab-faults record on the current target through lib/lab/faults.ts, the
// same code as the console's Resilience page.
import { currentTarget } from "../lib/aws/clients.ts";
import { capabilities } from "../lib/aws/target.ts";
import { SERVICES } from "../lib/lab/contract.ts";
import { FAULT_COMMANDS, faultRequestSchema, writeFault } from "../lib/lab/faults.ts";

const USAGE = `Usage: simulate-service-failure.sh <service> <command> [--for <seconds>]

  <service>  ${Object.values(SERVICES).join(", ")}
  <command>  fail              business routes and /health/ready answer 503 (/health/live stays up)
             recover           back to normal
             latency <ms>      add this delay to every request
             error-rate <pct>  answer this share of requests with 503
             crash             the running task exits once; ECS starts a replacement
  --for <s>  the fault ends by itself after this many seconds`;

function fail(message: string): never {
  console.error(`✗ ${message}\n\n${USAGE}`);
  process.exit(2);
}

const args = process.argv.slice(2);
if (!args.length || args.includes("--help") || args.includes("-h")) {
  console.log(USAGE);
  process.exit(0);
}
const forAt = args.indexOf("--for");
const durationSeconds = forAt >= 0 ? args.splice(forAt, 2)[1] : undefined;
const [service, command, value] = args;
if (!FAULT_COMMANDS.includes(command as never)) fail(`Unknown command "${command ?? ""}".`);
const parsed = faultRequestSchema.safeParse({ service, command, durationSeconds, latencyMs: value, errorRate: value });
if (!parsed.success) {
  const issue = parsed.error.issues[0];
  const field = String(issue.path[0] ?? "");
  const what = field === "latencyMs" ? "latency needs a delay in ms (1–60000)" : field === "errorRate" ? "error-rate needs a percentage (0–100)" : field === "durationSeconds" ? "--for needs seconds (1–86400)" : issue.message;
  fail(what);
}

const target = await currentTarget();
try {
  const record = await writeFault(parsed.data, target);
  const until = "expires_at" in record && record.expires_at ? ` until ${new Date(record.expires_at * 1000).toLocaleTimeString()}` : "";
  const said: Record<string, string> = {
    fail: `${service} now fails: business routes and /health/ready answer 503${until}.`,
    recover: `${service} is back to normal.`,
    latency: `${service} now adds ${value} ms to every request${until}.`,
    "error-rate": `${service} now answers ${value}% of requests with 503${until}.`,
    crash: `${service}'s running task will exit within about a second; ECS starts a replacement.`,
  };
  console.log(`${said[parsed.data.command]} (${capabilities(target).label}, ${target.region})`);
} catch (error) {
  const e = error as { name?: string; message?: string };
  if (e.name === "ResourceNotFoundException") fail("The lab-faults table does not exist: deploy the lab first (npm run lab -- deploy).");
  console.error(`✗ Could not write the fault: ${e.name ? `${e.name}: ` : ""}${e.message}`);
  process.exit(1);
}
