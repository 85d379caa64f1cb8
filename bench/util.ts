// Shared by the benchmarks: the result shape, percentiles, free ports, process-tree RSS.
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";

process.env.AWS_EC2_METADATA_DISABLED = "true";

export interface Metric {
  label: string;
  value: number | null;
  unit: string;
  /** A baseline measured in the same run, and value / baseline. */
  baseline?: { label: string; value: number };
  ratio?: number;
  /** The goal; `on: "ratio"` compares `ratio` instead of `value`. */
  target?: { op: "<=" | ">="; value: number; on?: "value" | "ratio" };
  met?: boolean;
  note?: string;
}

export interface Result {
  name: string;
  metrics: Metric[];
  notes?: string[];
  ms?: number;
  error?: string;
}

/** Fills `ratio` and `met` from baseline and target. */
export function metric(m: Metric): Metric {
  const out = { ...m };
  if (out.baseline && out.value !== null && out.baseline.value) out.ratio = out.value / out.baseline.value;
  if (out.target) {
    const x = out.target.on === "ratio" ? out.ratio : out.value;
    out.met = x === undefined || x === null ? false : out.target.op === "<=" ? x <= out.target.value : x >= out.target.value;
  }
  return out;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summary(xs: readonly number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99), max: s.at(-1) ?? Number.NaN };
}

export { freePort } from "../scripts/test-support/free-port.ts";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitUntil<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v as T;
    } catch (e) {
      last = e;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ""}`);
}

/** pid → { ppid, rss bytes, command } for every process we can read. */
function processTable() {
  const table = new Map<number, { ppid: number; rss: number; cmd: string }>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, "utf8");
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const rss = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
      const cmd = readFileSync(`/proc/${name}/cmdline`, "utf8").replaceAll("\0", " ").trim().slice(0, 400);
      table.set(Number(name), { ppid, rss, cmd });
    } catch {}
  }
  return table;
}

/** RSS of `pid` and all its descendants, with each process listed. */
export function treeRss(pid: number): { total: number; processes: { pid: number; rss: number; cmd: string }[] } {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const [p, info] of table) children.set(info.ppid, [...(children.get(info.ppid) ?? []), p]);
  const processes: { pid: number; rss: number; cmd: string }[] = [];
  const walk = (p: number) => {
    const info = table.get(p);
    if (info) processes.push({ pid: p, rss: info.rss, cmd: info.cmd });
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return { total: processes.reduce((a, p) => a + p.rss, 0), processes };
}

export const load = () => loadavg().map((x) => Number(x.toFixed(2)));

/** Runs `run` when the module is the entry point, printing its result. */
export async function runAlone(url: string, run: () => Promise<Result>) {
  if (process.argv[1] && new URL(url).pathname === process.argv[1]) {
    const { printTable } = await import("./table.ts");
    const r = await run();
    printTable([r]);
    process.exit(0);
  }
}
