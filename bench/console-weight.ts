// Console weight: first-load JS per route, gzipped here (node:zlib, level 9) from the chunks the
// build lists per route in .next/diagnostics/route-bundle-stats.json; and time to interactive of
// the Overview in Debian's chromium: navigation start until the Deploy button exists, is enabled
// and React has hydrated it (it carries a React fiber).
//   node bench/console-weight.ts            (starts its own console + emulator)
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { startStack } from "./lab-env.ts";
import { metric, type Metric, type Result, runAlone } from "./util.ts";

const ROOT = join(import.meta.dirname, "..");
const KB = 1024;

export function firstLoad(): { metrics: Metric[]; note: string } {
  const stats = JSON.parse(readFileSync(join(ROOT, ".next/diagnostics/route-bundle-stats.json"), "utf8")) as { route: string; firstLoadChunkPaths: string[] }[];
  const gz = new Map<string, number>();
  const size = (p: string) => {
    if (!gz.has(p)) gz.set(p, gzipSync(readFileSync(join(ROOT, p)), { level: 9 }).length);
    return gz.get(p) as number;
  };
  const metrics = stats
    .filter((s) => !s.route.startsWith("/_"))
    .map((s) => metric({ label: `first-load JS gzip ${s.route}`, value: s.firstLoadChunkPaths.reduce((a, p) => a + size(p), 0) / KB, unit: "KB", baseline: { label: "target", value: 250 }, target: { op: "<=", value: 250 } }));
  const built = statSync(join(ROOT, ".next/BUILD_ID")).mtime.toISOString();
  return { metrics, note: `build ${readFileSync(join(ROOT, ".next/BUILD_ID"), "utf8").trim()} from ${built} (the prebuilt .next, not rebuilt by the bench)` };
}

export async function tti(consoleUrl: string): Promise<{ first: number; second: number }> {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const once = async () => {
      const page = await browser.newPage();
      const t0 = performance.now();
      await page.goto(consoleUrl, { waitUntil: "commit" });
      await page.waitForFunction(() => {
        const b = [...document.querySelectorAll("button")].find((x) => /deploy/i.test(x.textContent ?? ""));
        return b && !b.disabled && Object.keys(b).some((k) => k.startsWith("__reactFiber"));
      }, undefined, { timeout: 60_000, polling: 10 });
      const ms = performance.now() - t0;
      await page.close();
      return ms;
    };
    return { first: await once(), second: await once() };
  } finally {
    await browser.close();
  }
}

export async function runOnConsole(consoleUrl: string): Promise<Result> {
  const started = performance.now();
  const { metrics, note } = firstLoad();
  const t = await tti(consoleUrl);
  metrics.push(metric({ label: "Overview TTI, first visit (Deploy button hydrated)", value: t.first / 1000, unit: "s" }));
  metrics.push(metric({ label: "Overview TTI, second visit (cached chunks)", value: t.second / 1000, unit: "s" }));
  return { name: "6. Console weight", metrics, notes: [note], ms: performance.now() - started };
}

export async function run(): Promise<Result> {
  const stack = await startStack();
  try {
    return await runOnConsole(stack.consoleUrl);
  } finally {
    await stack.stop();
  }
}

await runAlone(import.meta.url, run);
