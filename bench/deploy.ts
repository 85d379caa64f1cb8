// Lab deploy time on the emulator: deployLab (the console's and `npm run lab`'s code) to all
// stacks complete, to every ALB target healthy, then cleanupLab. The same stacks take minutes on
// AWS, so the ratio is against the target, with the messaging stack's own time as a breakdown.
//   node bench/deploy.ts
import { existsSync } from "node:fs";
import { join } from "node:path";
import { cleanupLab } from "../lib/lab/cleanup.ts";
import { STACKS } from "../lib/lab/contract.ts";
import { deploy, type Lab, type Stack, startStack } from "./lab-env.ts";
import { metric, type Result, runAlone } from "./util.ts";

const AWS_NOTE = "on AWS the same stacks take minutes (typically 5–10 min; the ECS services + ALB stack alone several minutes)";

export async function deployAndMeasure(stack: Stack): Promise<{ lab: Lab; result: Result }> {
  const started = performance.now();
  const cached = existsSync(join(import.meta.dirname, "..", ".cache", "task-bundles", "manifest.json"));
  const lab = await deploy(stack);
  const t = Object.fromEntries(lab.deploy.timings.map((x) => [x.label, x.ms]));
  if (lab.deploy.unhealthy.length) throw new Error(`targets not healthy: ${lab.deploy.unhealthy.join("; ")}`);
  const short = (s: string) => s.replace("cross-service-lab-", "");
  const metrics = [
    metric({ label: "deploy: all stacks complete", value: t["stacks complete"] / 1000, unit: "s", baseline: { label: "target", value: 5 }, target: { op: "<=", value: 5 } }),
    metric({ label: "deploy: all ALB targets healthy", value: (t["targets healthy"] ?? Number.NaN) / 1000, unit: "s", baseline: { label: "target", value: 10 }, target: { op: "<=", value: 10 } }),
    metric({ label: "deploy: messaging stack alone", value: (lab.stackMs[STACKS.messaging] ?? Number.NaN) / 1000, unit: "s" }),
  ];
  const breakdown = Object.entries(lab.stackMs).map(([k, ms]) => `${short(k)} ${(ms / 1000).toFixed(1)} s`).join(", ");
  return { lab, result: { name: "3. Lab deploy time (emulator, App Mesh variant)", metrics, notes: [`per stack: ${breakdown}`, cached ? "task bundles came from .cache/task-bundles (an earlier deploy built them; a first deploy on a fresh checkout also runs esbuild)" : "task bundles were built by esbuild during this deploy (first deploy on this checkout)", AWS_NOTE], ms: performance.now() - started } };
}

export async function cleanupAndMeasure(lab: Lab): Promise<Result["metrics"][number]> {
  const r = await cleanupLab({ target: lab.stack.target });
  if (r.leftovers.length) throw new Error(`cleanup left ${r.leftovers.length} things: ${r.leftovers.map((l) => l.name).join(", ")}`);
  return metric({ label: "cleanup: all stacks deleted, nothing left", value: r.ms / 1000, unit: "s", note: `${r.deleted.length} stacks` });
}

export async function run(): Promise<Result> {
  const stack = await startStack();
  try {
    const { lab, result } = await deployAndMeasure(stack);
    result.metrics.push(await cleanupAndMeasure(lab));
    return result;
  } finally {
    await stack.stop();
  }
}

await runAlone(import.meta.url, run);
