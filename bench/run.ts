// `npm run bench`: every benchmark in one run, one table, JSON in bench/results/.
// Parts 1–2 run in this process against in-process servers; parts 3–7 share one
// `node scripts/start.ts` (console + emulator) and one deployed lab. LOAD_SECONDS (default 60)
// sets part 7's duration.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import * as breaker from "./breaker.ts";
import * as consoleWeight from "./console-weight.ts";
import { cleanupAndMeasure, deployAndMeasure } from "./deploy.ts";
import * as fanout from "./fanout.ts";
import * as footprint from "./footprint.ts";
import { type Lab, startStack } from "./lab-env.ts";
import * as latency from "./latency.ts";
import * as loadBench from "./load.ts";
import { tableLines } from "./table.ts";
import { load, type Result } from "./util.ts";

const t0 = performance.now();
const loadBefore = load();
const results: Result[] = [];
let fatal: Error | undefined;
const step = async (name: string, fn: () => Promise<Result>) => {
  const s = performance.now();
  console.log(`▸ ${name} (${((s - t0) / 1000).toFixed(0)} s, load ${load().join(" ")})`);
  try {
    const r = await fn();
    r.ms ??= performance.now() - s;
    results.push(r);
    return r;
  } catch (e) {
    console.error(`✗ ${name}: ${(e as Error).stack}`);
    results.push({ name, metrics: [], error: (e as Error).message, ms: performance.now() - s });
    if (name.startsWith("1.")) fatal = e as Error; // wrong per-queue counts: fail loudly
  }
};

await step("1. fan-out", () => fanout.run({ log: (s) => console.log(s) }));
await step("2. latency", () => latency.run());

const stack = await startStack();
let lab: Lab | undefined;
try {
  await step("6. console weight", () => consoleWeight.runOnConsole(stack.consoleUrl));
  await step("3. lab deploy", async () => {
    const d = await deployAndMeasure(stack);
    lab = d.lab;
    return d.result;
  });
  if (lab) {
    const l = lab;
    await step("5. footprint", () => footprint.runOnLab(l));
    await step("4. breaker", () => breaker.runOnLab(l));
    await step("7. load", () => loadBench.runOnLab(l));
    try {
      const m = await cleanupAndMeasure(l);
      results.find((r) => r.name.startsWith("3."))?.metrics.push(m);
    } catch (e) {
      results.find((r) => r.name.startsWith("3."))?.metrics.push({ label: "cleanup", value: null, unit: "s", note: (e as Error).message, met: false });
    }
  }
} finally {
  await stack.stop();
}

const order = (r: Result) => Number(r.name.slice(0, 1));
results.sort((a, b) => order(a) - order(b));
const totalS = (performance.now() - t0) / 1000;
const loadAfter = load();
const lines = tableLines(results);
console.log(`\n${lines.join("\n")}`);
for (const r of results) for (const n of r.notes ?? []) console.log(`  · ${r.name.split(" ")[0]} ${n}`);
const metrics = results.flatMap((r) => r.metrics);
const met = metrics.filter((m) => m.met === true).length;
const missed = metrics.filter((m) => m.met === false).length;
console.log(`\nTargets met: ${met} ✓, missed: ${missed} ✗. Total ${totalS.toFixed(0)} s (target < 300 s). Load average ${loadBefore.join(" ")} before, ${loadAfter.join(" ")} after, on ${cpus().length} cores.`);

const out = { at: new Date().toISOString(), totalSeconds: totalS, loadAverage: { before: loadBefore, after: loadAfter }, cores: cpus().length, node: process.version, results, table: lines };
const dir = join(import.meta.dirname, "results");
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "latest.json"), `${JSON.stringify(out, null, 2)}\n`);
writeFileSync(join(dir, `${out.at.replace(/[:.]/g, "-")}.json`), `${JSON.stringify(out, null, 2)}\n`);
if (fatal) {
  console.error(`\n✗ BENCH FAILED: ${fatal.message}`);
  process.exit(1);
}
process.exit(results.some((r) => r.error) ? 1 : 0);
