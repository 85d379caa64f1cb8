// Footprint: RSS summed over the process tree of `node scripts/start.ts` (launcher, console,
// emulator, and the lab's task processes and Lambda workers under it), with the lab idle and under
// load; and the cold start from spawning the launcher (prebuilt console) to its ready banner.
//   node bench/footprint.ts
import { deployAndMeasure } from "./deploy.ts";
import { type Lab, startLoad, startStack } from "./lab-env.ts";
import { metric, type Metric, type Result, runAlone, sleep, treeRss } from "./util.ts";

const MB = 2 ** 20;

export function rssMetric(pid: number, label: string): { metric: Metric; note: string } {
  const t = treeRss(pid);
  const groups: Record<string, number> = {};
  for (const p of t.processes) {
    const k = /next|start-server/.test(p.cmd) ? "console" : /emulator\/main/.test(p.cmd) ? "emulator" : /scripts\/start/.test(p.cmd) ? "launcher" : "lab tasks/Lambdas";
    groups[k] = (groups[k] ?? 0) + p.rss;
  }
  const parts = Object.entries(groups).map(([k, v]) => `${k} ${(v / MB).toFixed(0)} MB`).join(", ");
  return {
    metric: metric({ label: `RSS total, ${label}`, value: t.total / MB, unit: "MB", baseline: { label: "target", value: 1024 }, target: { op: "<=", value: 1024 } }),
    note: `${label}: ${t.processes.length} processes: ${parts}`,
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
