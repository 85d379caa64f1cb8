// Load: POST /orders at 100 requests/s through the lab's ALB for LOAD_SECONDS (default 60); the
// `fail` fault is on user-service for the middle third. Reports p50/p99 and the error rate, and
// the errors beyond order-service's fallback during the fault (202 fallbacks are not errors).
//   LOAD_SECONDS=60 node bench/load.ts
import { SERVICES } from "../lib/lab/contract.ts";
import { writeFault } from "../lib/lab/faults.ts";
import { deployAndMeasure } from "./deploy.ts";
import { rssMetric } from "./footprint.ts";
import { type Lab, startLoad, startStack } from "./lab-env.ts";
import { metric, type Result, runAlone, sleep, summary } from "./util.ts";

export const loadSeconds = () => Number(process.env.LOAD_SECONDS ?? 60);

export async function runOnLab(lab: Lab, seconds = loadSeconds()): Promise<Result> {
  const started = performance.now();
  const load = startLoad(lab.albUrl, 100, seconds);
  await sleep((seconds * 1000) / 3);
  const faultFrom = performance.now();
  await writeFault({ command: "fail", service: SERVICES.user }, lab.stack.target);
  await sleep((seconds * 1000) / 6);
  const rss = rssMetric(lab.stack.pid, "100 rps with a fault");
  await sleep((seconds * 1000) / 6);
  await writeFault({ command: "recover", service: SERVICES.user }, lab.stack.target);
  const faultTo = performance.now();
  await load.done;
  const s = load.samples;
  const bad = (x: (typeof s)[number]) => x.outcome !== "ok" && x.outcome !== "fallback";
  const lat = summary(s.map((x) => x.ms));
  const outside = s.filter((x) => x.at < faultFrom || x.at > faultTo);
  const inside = s.filter((x) => x.at >= faultFrom && x.at <= faultTo);
  const byStatus: Record<string, number> = {};
  for (const x of s) byStatus[x.status] = (byStatus[x.status] ?? 0) + 1;
  const achieved = s.length / seconds;
  return {
    name: `7. Load: 100 rps POST /orders for ${seconds} s (fault on user-service for the middle third)`,
    metrics: [
      metric({ label: "achieved rate", value: achieved, unit: "rps", baseline: { label: "asked", value: 100 }, target: { op: ">=", value: 0.99, on: "ratio" } }),
      metric({ label: "latency p50 (all)", value: lat.p50, unit: "ms" }),
      metric({ label: "latency p99 (all)", value: lat.p99, unit: "ms" }),
      metric({ label: "error rate without fault", value: (100 * outside.filter(bad).length) / Math.max(1, outside.length), unit: "%", target: { op: "<=", value: 0 } }),
      metric({ label: "errors beyond fallback during fault", value: inside.filter(bad).length, unit: "", target: { op: "<=", value: 0 } }),
      rss.metric,
    ],
    notes: [`statuses: ${JSON.stringify(byStatus)} (0 = no answer within 5 s), ${load.skipped()} skipped (256 in flight); fallback 202s during fault: ${inside.filter((x) => x.outcome === "fallback").length}`, rss.note],
    ms: performance.now() - started,
  };
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
