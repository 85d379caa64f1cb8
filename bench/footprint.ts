// Footprint: RSS summed over the process tree of `node scripts/start.ts` (launcher, console,
// emulator, and the lab's task processes and Lambda workers under it), with the lab idle and under
// load; and the cold start from spawning the launcher (prebuilt console) to its ready banner.
//   node bench/footprint.ts
import { readFileSync } from "node:fs";
import { deployAndMeasure } from "./deploy.ts";
import { type Lab, startLoad, startStack } from "./lab-env.ts";
import { metric, type Metric, type Result, runAlone, sleep, treeRss } from "./util.ts";

const MB = 2 ** 20;

/** What a process of the tree is: launcher, console, emulator, an ECS task or a Lambda worker by name. */
function processName(p: { pid: number; cmd: string }): string {
  if (/next|start-server/.test(p.cmd)) return "console";
  if (/emulator\/main/.test(p.cmd)) return "emulator";
  if (/scripts\/start/.test(p.cmd)) return "launcher";
  if (/esbuild/.test(p.cmd)) return "esbuild";
  const task = /([a-z0-9-]+-service(?:-v\d+)?)(?:\/main\.ts|-main-)/.exec(p.cmd);
  if (task) return `task ${task[1]}`;
  try {
    const fn = /(?:^|\0)AWS_LAMBDA_FUNCTION_NAME=([^\0]+)/.exec(readFileSync(`/proc/${p.pid}/environ`, "utf8"));
    if (fn) return `Lambda ${fn[1]}`;
  } catch {}
  return "other";
}

export function rssMetric(pid: number, label: string): { metric: Metric; note: string } {
  const t = treeRss(pid);
  const parts = t.processes
    .map((p) => ({ name: processName(p), rss: p.rss }))
    .sort((a, b) => b.rss - a.rss)
    .map((p) => `${p.name} ${(p.rss / MB).toFixed(0)}`)
    .join(", ");
  return {
    metric: metric({ label: `RSS total, ${label}`, value: t.total / MB, unit: "MB", baseline: { label: "target", value: 1024 }, target: { op: "<=", value: 1024 } }),
    note: `${label}: ${t.processes.length} processes (MB): ${parts}`,
  };
}

export async function runOnLab(lab: Lab): Promise<Result> {
  const metrics: Metric[] = [];
  const notes: string[] = [];
  await sleep(2_000);
  const idle = rssMetric(lab.stack.pid, "lab deployed, idle");
  metrics.push(idle.metric);
  notes.push(idle.note);
  const load = startLoad(lab.albUrl, 20, 6);
  await sleep(5_000);
  const busy = rssMetric(lab.stack.pid, "20 rps");
  load.stop();
  await load.done;
  metrics.push(busy.metric);
  notes.push(busy.note);
  metrics.push(metric({ label: "cold start: scripts/start.ts → ready (prebuilt)", value: lab.stack.coldStartMs / 1000, unit: "s" }));
  return { name: "5. Footprint", metrics, notes };
}

export async function run(): Promise<Result> {
  const stack = await startStack();
  try {
    const { lab } = await deployAndMeasure(stack);
    return await runOnLab(lab);
  } finally {
    await stack.stop();
  }
}

await runAlone(import.meta.url, run);
