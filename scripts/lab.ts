// `npm run lab -- deploy [--variant appmesh|connect] | cleanup [--yes] [--retain-failed] | status | outputs | env`
// The same lib/lab code as the console's Deploy and Cleanup buttons, printed for a terminal.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { currentTarget } from "../lib/aws/clients.ts";
import { capabilities, cliEnvOf, endpointOf, type Target } from "../lib/aws/target.ts";
import { probeTarget } from "../lib/data/target-status.ts";
import { readBreakerParams } from "../lib/lab/breaker-params.ts";
import { parametersFromEnv } from "../lib/lab/catalog.ts";
import { cleanupLab, LabCleanupError } from "../lib/lab/cleanup.ts";
import { DEFAULT_PORTS, DEFAULT_TTL_HOURS, LAB_NAME, MAX_TTL_HOURS, MESH_VARIANTS, type MeshVariant, OUTPUT_KEYS, outputVar } from "../lib/lab/contract.ts";
import { APP_MESH_UNAVAILABLE, deployLab, LabDeployError } from "../lib/lab/deploy.ts";
import { removeLeftoversAndCheck } from "../lib/lab/leftovers.ts";
import { applyProgress, jobCount, type LabProgress, type Leftover, newJob } from "../lib/lab/progress.ts";
import { envScript, SEED_CORRECTIONS } from "../lib/lab/shell-env.ts";
import { formatCount, STACK_TYPE } from "../lib/lab/stack-events.ts";
import { projectedHourlyText } from "../lib/cost/model.ts";
import { labStatus } from "../lib/lab/status.ts";
import { ttlCountdown, ttlHoursSchema } from "../lib/lab/ttl.ts";

const USAGE = `Usage: npm run lab -- <command>

  deploy [--variant appmesh|connect] [--listener-port N] [--ttl-hours N] [--verbose]
                      create or update the lab's stacks, in order, on the current target;
                      the lab removes itself after --ttl-hours (default ${DEFAULT_TTL_HOURS}, at most ${MAX_TTL_HOURS})
  cleanup [--yes] [--retain-failed]
                      empty the lab's buckets, delete its stacks, check that nothing remains
  status              each stack's status, the lab's overall state and when it removes itself
  outputs             the stack outputs (ALB DNS name, topic ARNs, queue URLs)
  env                 shell exports for the seed's commands: eval "$(npm run --silent lab -- env)"

The target (local emulator or AWS account) is the one chosen in the console's Settings.`;

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number) => (s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
const dim = paint(2);
const bold = paint(1);
const red = paint(31);
const green = paint(32);
const yellow = paint(33);

function fail(message: string): never {
  console.error(red(`✗ ${message}`));
  process.exit(1);
}

const { positionals, values } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        variant: { type: "string" },
        "listener-port": { type: "string" },
        "ttl-hours": { type: "string" },
        yes: { type: "boolean", short: "y" },
        "retain-failed": { type: "boolean" },
        verbose: { type: "boolean", short: "v" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    fail(`${(e as Error).message}\n\n${USAGE}`);
  }
})();

async function where(target: Target): Promise<{ text: string; accountId?: string }> {
  const probe = await probeTarget(target);
  if (!probe.reachable) fail(`The target does not answer: ${probe.reason}.${endpointOf(target) ? " Start the emulator with: npm run emulator" : " Check the profile and region in the console's Settings."}`);
  return { text: [probe.label, probe.accountId, probe.region].filter(Boolean).join(" · "), accountId: probe.accountId };
}

/** Prints progress as it comes, keeping the running count. */
function printer(kind: "deploy" | "cleanup", verbose: boolean) {
  let job = newJob("cli", kind === "deploy" ? "deploy" : "cleanup", "");
  const t0 = Date.now();
  const clock = () => dim(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s]`);
  const short = (stack: string) => stack.replace(`${LAB_NAME}-`, "");
  return (p: LabProgress) => {
    job = applyProgress(job, p);
    const { done, total } = jobCount(job);
    switch (p.kind) {
      case "plan":
        console.log(bold(`${p.stacks.length} stack${p.stacks.length === 1 ? "" : "s"}, ${total} resources: ${p.stacks.map((s) => short(s.name)).join(" → ")}`));
        break;
      case "step":
        console.log(`${clock()} ${p.message}`);
        break;
      case "stack": {
        const ok = p.status.endsWith("_COMPLETE") && !p.status.includes("ROLLBACK");
        const mark = p.status.endsWith("_IN_PROGRESS") ? "▸" : ok ? green("✓") : red("✗");
        const extra = p.unchanged ? " (no changes)" : p.total !== undefined ? ` (${p.total} resources)` : "";
        const why = p.reason && /FAILED|ROLLBACK/.test(p.status) ? ` — ${p.reason}` : "";
        console.log(`${clock()} ${mark} ${bold(p.stack)} ${p.status}${extra}${why}  ${dim(formatCount(done, total))}`);
        break;
      }
      case "resource": {
        const e = p.event;
        if (e.type === STACK_TYPE) break;
        const failed = e.status.endsWith("_FAILED");
        if (!verbose && e.status.endsWith("_IN_PROGRESS") && !failed) break;
        const status = failed ? red(e.status) : e.status.includes("ROLLBACK") ? yellow(e.status) : e.status;
        console.log(`${clock()}   ${dim(`${String(done).padStart(3)}/${total}`)} ${short(e.stack)}  ${e.logicalId} ${dim(e.type)} ${status}${e.reason && (failed || verbose) ? `\n              ${failed ? red(e.reason) : dim(e.reason)}` : ""}`);
        break;
      }
      case "failure":
        console.log(`\n${red(bold("Root cause"))}${p.stack ? ` in ${p.stack}` : ""}:`);
        if (p.rootCause) console.log(`  ${p.rootCause.logicalId} (${p.rootCause.type}) ${p.rootCause.status}\n  ${p.rootCause.reason ?? ""}`);
        for (const f of p.failures ?? []) console.log(`  ${f.logicalId} (${f.type}) ${f.status}\n  ${f.reason ?? ""}`);
        if (!p.rootCause && !p.failures?.length) console.log(`  ${p.message}`);
        break;
      case "targets":
        console.log(`${clock()} Load balancer targets healthy: ${p.healthy}/${p.total}${p.unhealthy.length ? dim(`  waiting for: ${p.unhealthy.slice(0, 3).join("; ")}`) : ""}`);
        break;
      case "timing":
        console.log(`${clock()} ${bold(p.label)}: ${(p.ms / 1000).toFixed(1)} s`);
        break;
      case "outputs":
      case "leftovers":
        break;
    }
  };
}

function interruptible(): AbortController {
  const controller = new AbortController();
  process.once("SIGINT", () => {
    console.log(yellow("\nStopping: nothing new is started. CloudFormation finishes (or rolls back) the stack under way by itself; `npm run lab -- status` shows where it is."));
    controller.abort();
  });
  return controller;
}

function printOutputs(outputs: Record<string, string>) {
  const keys = OUTPUT_KEYS.filter((k) => outputs[k] !== undefined);
  if (!keys.length) return console.log("No lab outputs yet: the lab is not deployed.");
  const width = Math.max(...keys.map((k) => outputVar(k).length));
  for (const k of keys) console.log(`${outputVar(k).padEnd(width)}  ${outputs[k]}`);
}

async function deploy(target: Target) {
  const variant = (values.variant ?? (capabilities(target).appMesh ? "appmesh" : "connect")) as MeshVariant;
  if (!MESH_VARIANTS.includes(variant)) fail(`--variant must be one of ${MESH_VARIANTS.join(", ")} (got "${values.variant}")`);
  if (variant === "appmesh" && !capabilities(target).appMesh) fail(`${APP_MESH_UNAVAILABLE}: use --variant connect on ${capabilities(target).label}.`);
  let listenerPort: number;
  try {
    listenerPort = parametersFromEnv({ LISTENER_PORT: values["listener-port"] ?? process.env.LISTENER_PORT }).listenerPort ?? DEFAULT_PORTS.listener;
  } catch (e) {
    fail((e as Error).message.replace("LISTENER_PORT", "--listener-port (or LISTENER_PORT)"));
  }
  const ttl = ttlHoursSchema.safeParse(values["ttl-hours"] ?? DEFAULT_TTL_HOURS);
  if (!ttl.success) fail(`--ttl-hours: ${ttl.error.issues[0].message} (got "${values["ttl-hours"]}")`);
  const ttlHours = ttl.data;
  const { text } = await where(target);
  console.log(`Deploying the lab (${variant === "appmesh" ? "App Mesh" : "ECS Service Connect"}) to ${bold(text)}`);
  const caps = capabilities(target);
  console.log(`${caps.billed ? yellow(projectedHourlyText(variant, target.region, true)) : dim(projectedHourlyText(variant, target.region, false))} It removes itself after ${ttlHours} h.`);
  const controller = interruptible();
  try {
    const result = await deployLab({ variant, target, params: { listenerPort, ttlHours, breaker: await readBreakerParams() }, signal: controller.signal, onProgress: printer("deploy", Boolean(values.verbose)) });
    console.log(green(bold("\n✓ The lab is deployed.\n")));
    printOutputs(result.outputs);
    if (result.unhealthy.length) console.log(yellow(`\nSome load balancer targets are not healthy yet:\n  ${result.unhealthy.join("\n  ")}`));
    console.log(`\nPoint the seed's commands at this target:\n  ${bold('eval "$(npm run --silent lab -- env)"')}`);
    const alb = result.outputs.AlbDnsName;
    if (alb) console.log(`  then: curl http://$ALB_DNS:${listenerPort}/users/123`);
    console.log(`\n${bold("Two of the seed's commands need a correction:")}`);
    for (const c of SEED_CORRECTIONS) {
      console.log(`\n• ${c.what}. ${c.why}\n  seed:    ${dim(c.seed)}\n  working: ${c.working.join("\n       or: ")}`);
    }
  } catch (error) {
    if (controller.signal.aborted) process.exit(130);
    if (error instanceof LabDeployError && error.rootCause) {
      fail(`The deploy stopped at ${error.stackName}: CloudFormation rolled it back (${error.stackStatus}). Fix the root cause above, then deploy again.`);
    }
    fail((error as Error).message);
  }
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

async function confirmed(target: Target, what: string, accountId?: string): Promise<boolean> {
  if (values.yes) return true;
  if (!process.stdin.isTTY) fail("Refusing to delete without a terminal to confirm in; pass --yes.");
  if (capabilities(target).confirmation === "type-account-id") {
    return (await ask(`${what}\nType the account id (${accountId}) to confirm: `)) === accountId;
  }
  return /^y(es)?$/i.test(await ask(`${what}\nDelete? [y/N] `));
}

function printLeftovers(leftovers: Leftover[]) {
  if (!leftovers.length) return console.log(green(bold("✓ Nothing remains: no lab stack and no resource tagged lab=cross-service-lab.")));
  console.log(yellow(bold(`${leftovers.length} thing${leftovers.length === 1 ? "" : "s"} remain:`)));
  for (const l of leftovers) console.log(`  ${l.type.padEnd(22)} ${l.name}${l.status ? ` (${l.status})` : ""}\n  ${dim(l.arn)}`);
}

async function cleanup(target: Target) {
  const { text, accountId } = await where(target);
  const before = await labStatus({ target });
  const present = before.stacks.filter((s) => s.status);
  const what = present.length
    ? `This deletes ${present.length} stack${present.length === 1 ? "" : "s"} (${present.map((s) => s.name).join(", ")}) and everything in them on ${bold(text)}.`
    : `No lab stacks on ${text}; only the leftover check runs.`;
  if (present.length && !(await confirmed(target, what, accountId))) fail("Not confirmed; nothing was deleted.");
  const controller = interruptible();
  try {
    const result = await cleanupLab({ target, signal: controller.signal, retainFailed: values["retain-failed"], onProgress: printer("cleanup", Boolean(values.verbose)) });
    printLeftovers(result.leftovers);
    if (result.leftovers.length && (await confirmed(target, "Remove what remains?", accountId))) {
      let remaining: Leftover[] = [];
      await removeLeftoversAndCheck(target, (p) => {
        if (p.kind === "step") console.log(`  ${p.message}`);
        if (p.kind === "failure") console.log(red(p.message));
        if (p.kind === "leftovers") remaining = p.leftovers;
      }, controller.signal).catch((e: Error) => console.log(red(e.message)));
      printLeftovers(remaining);
    }
  } catch (error) {
    if (controller.signal.aborted) process.exit(130);
    if (error instanceof LabCleanupError) {
      fail(`${error.message}\nFix the cause if one is named above, then run cleanup again. If the resource cannot be deleted, \`npm run lab -- cleanup --retain-failed\` deletes the stack and keeps it (it is then listed as a leftover).`);
    }
    fail((error as Error).message);
  }
}

async function status(target: Target) {
  const { text } = await where(target);
  const s = await labStatus({ target });
  console.log(`${bold(s.label)} on ${text}${s.variant ? ` (${s.variant === "appmesh" ? "App Mesh" : "ECS Service Connect"})` : ""}${s.deployedAt ? dim(`, deployed ${s.deployedAt}`) : ""}`);
  for (const row of s.stacks) console.log(`  ${row.name.padEnd(34)} ${row.status ?? dim("not deployed")}${row.reason ? dim(`  ${row.reason}`) : ""}`);
  const ttl = ttlCountdown(s.expiresAt);
  if (ttl) {
    const when = ttl.remainingMs > 0 ? `in ${ttl.label}` : "now (the TTL function is deleting it)";
    console.log(`${yellow("⏲")} The lab removes itself ${bold(when)} ${dim(`(at ${ttl.expiresAt}; deploy again to restart the clock, or clean up now)`)}`);
  }
}

async function main() {
  const [command] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  const target = await currentTarget();
  switch (command) {
    case "deploy":
      return deploy(target);
    case "cleanup":
      return cleanup(target);
    case "status":
      return status(target);
    case "outputs":
      return printOutputs((await labStatus({ target })).outputs);
    case "env": {
      const s = await labStatus({ target });
      if (s.state === "unknown") console.error(`# The target does not answer (${s.reason}); printing the target's variables only.`);
      const label = [capabilities(target).label, target.region].join(" · ");
      process.stdout.write(envScript(label, cliEnvOf(target), s.outputs));
      return;
    }
    case "endpoint":
      // For the seed's scripts: the endpoint to start the emulator on, empty on AWS.
      console.log(endpointOf(target) ?? "");
      return;
    default:
      fail(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

await main();
