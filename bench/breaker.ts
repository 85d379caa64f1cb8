// Breaker reaction with the lab deployed: 20 rps of POST /orders through the ALB, then the `fail`
// fault on user-service (lib/lab/faults.ts). Time from the fault write to the DynamoDB breaker item
// reading OPEN (polled every 20 ms), and to the console's Resilience route (/api/resilience/state,
// polled every 100 ms) reporting OPEN. Then `recover` and the health-checker fired through the
// emulator's /_lab/events/rules/<rule>/fire (what its rate(1 minute) schedule does) once a second
// until the item reads CLOSED.
//   node bench/breaker.ts
import { SERVICES } from "../lib/lab/contract.ts";
import { writeFault } from "../lib/lab/faults.ts";
import { deployAndMeasure } from "./deploy.ts";
import { breakerReader, type Lab, startLoad, startStack } from "./lab-env.ts";
import { metric, type Result, runAlone, sleep, treeRss, waitUntil } from "./util.ts";

const RULE = "cross-service-lab-health-check";
const SERVICE = SERVICES.user;

async function consoleState(consoleUrl: string): Promise<string | undefined> {
  const res = await fetch(`${consoleUrl}/api/resilience/state`, { signal: AbortSignal.timeout(5_000) });
  const body = (await res.json()) as { circuits?: { service: string; breaker: { state: string } }[] };
  return body.circuits?.find((c) => c.service === SERVICE)?.breaker.state;
}

/** Polls `read` every `everyMs` and records the first time each state is seen. */
function watcher(read: () => Promise<string | undefined>, everyMs: number) {
  const first = new Map<string, number>();
  let last: string | undefined;
  let on = true;
  const loop = (async () => {
    while (on) {
      try {
        const s = await read();
        const now = performance.now();
        if (s && s !== last) first.set(s, now);
        last = s;
      } catch {}
      await sleep(everyMs);
    }
  })();
  return {
    seen: (s: string, since: number) => {
      const t = first.get(s);
      return t !== undefined && t >= since ? t : undefined;
    },
    reset: () => first.clear(),
    stop: async () => {
      on = false;
      await loop;
    },
    last: () => last,
  };
}

export async function runOnLab(lab: Lab, footprint?: (label: string) => void): Promise<Result> {
  const started = performance.now();
  const { target, consoleUrl, emulatorUrl } = lab.stack;
  const load = startLoad(lab.albUrl, 20, 120);
  const db = watcher(breakerReader(target, SERVICE), 20);
  const con = watcher(() => consoleState(consoleUrl), 100);
  const notes: string[] = [];
  try {
    await waitUntil("breaker CLOSED before the fault", () => db.last() === "CLOSED" && con.last() === "CLOSED", 15_000);
    await sleep(2_000);
    footprint?.("under 20 rps");
    const tFault = performance.now();
    await writeFault({ command: "fail", service: SERVICE }, target);
    const tOpenDb = await waitUntil("breaker OPEN in DynamoDB", () => db.seen("OPEN", tFault), 20_000, 5);
    const tOpenCon = await waitUntil("console shows OPEN", () => con.seen("OPEN", tFault), 20_000, 5).catch(() => Number.NaN);
    const tRecover = performance.now();
    await writeFault({ command: "recover", service: SERVICE }, target);
    let fires = 0;
    const tClosed = await waitUntil(
      "breaker CLOSED after recover",
      async () => {
        const t = db.seen("CLOSED", tRecover);
        if (t) return t;
        if (fires * 1000 <= performance.now() - tRecover) {
          fires++;
          await fetch(`${emulatorUrl}/_lab/events/rules/${RULE}/fire`, { method: "POST" }).then((r) => r.arrayBuffer());
        }
        return undefined;
      },
      60_000,
      20,
    );
    const tClosedCon = await waitUntil("console shows CLOSED", () => con.seen("CLOSED", tRecover), 20_000, 5).catch(() => Number.NaN);
    load.stop();
    await load.done;
    const errors = load.samples.filter((s) => s.outcome !== "ok" && s.outcome !== "fallback").length;
    notes.push(`health-checker fired ${fires}× via /_lab/events/rules/${RULE}/fire (the rule's own schedule is rate(1 minute)); HALF_OPEN comes only after the breaker's openMs (15 s in the lab preset), so CLOSED ≥ 15 s after OPEN by design`);
    const byStatus: Record<string, number> = {};
    for (const s of load.samples) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
    notes.push(`statuses: ${JSON.stringify(byStatus)} (0 = no answer within 5 s)`);
    notes.push(`20 rps POST /orders: ${load.samples.length} requests, ${load.samples.filter((s) => s.outcome === "fallback").length} fallback 202s, ${errors} errors; the Resilience page polls the route every 1 s (pollMs), so the browser adds up to 1 s`);
    return {
      name: "4. Breaker reaction (user-service, 20 rps POST /orders)",
      metrics: [
        metric({ label: "fault write → breaker OPEN (DynamoDB)", value: (tOpenDb - tFault) / 1000, unit: "s", baseline: { label: "target", value: 1 }, target: { op: "<=", value: 1 } }),
        metric({ label: "console route shows OPEN, after DynamoDB", value: (tOpenCon - tOpenDb) / 1000, unit: "s", baseline: { label: "target", value: 1 }, target: { op: "<=", value: 1 } }),
        metric({ label: "recover → breaker CLOSED (DynamoDB)", value: (tClosed - tRecover) / 1000, unit: "s", note: "openMs 15 s" }),
        metric({ label: "console route shows CLOSED, after DynamoDB", value: (tClosedCon - tClosed) / 1000, unit: "s" }),
        metric({ label: "errors beyond fallback at 20 rps", value: errors, unit: "", target: { op: "<=", value: 0 } }),
      ],
      notes,
      ms: performance.now() - started,
    };
  } finally {
    load.stop();
    await db.stop();
    await con.stop();
    await writeFault({ command: "recover", service: SERVICE }, target).catch(() => {});
  }
}

export async function run(): Promise<Result> {
  const stack = await startStack();
  try {
    const { lab } = await deployAndMeasure(stack);
    return await runOnLab(lab, (l) => console.log(`RSS ${l}: ${(treeRss(stack.pid).total / 2 ** 20).toFixed(0)} MB`));
  } finally {
    await stack.stop();
  }
}

await runAlone(import.meta.url, run);
