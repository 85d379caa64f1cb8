// Processes an earlier run of this emulator left behind: ECS task processes and Lambda workers
// that still point at this emulator's URL but that no running service owns. Normally none exist
// (the orphan guard ends a task when its emulator's IPC channel closes), but a task that ignores
// SIGTERM, a guard that never loaded, or a runtime killed mid-spawn can leave one holding a port.
//
// They are found the way an operator would: /proc/<pid>/environ carries the marker variables the
// runtime sets, /proc/<pid>/fd links to socket inodes, /proc/net/tcp{,6} maps listening inodes to
// ports. Linux only; elsewhere the list is empty and says why.
import { readdir, readFile, readlink } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";

export interface Orphan {
  pid: number;
  kind: "ecs-task" | "lambda-worker";
  /** The task ARN or the function name the process was started for. */
  name: string;
  /** TCP ports it listens on. */
  ports: number[];
}

export interface OrphanScan {
  orphans: Orphan[];
  /** Why nothing could be scanned, when that is the case. */
  unsupported?: string;
}

function parseEnviron(raw: Buffer): Map<string, string> {
  const env = new Map<string, string>();
  for (const entry of raw.toString("utf8").split("\0")) {
    const eq = entry.indexOf("=");
    if (eq > 0) env.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return env;
}

/** What the runtime would have started this process as, if it points at `selfUrl`. */
function classify(env: Map<string, string>, selfUrl: string): Pick<Orphan, "kind" | "name"> | undefined {
  const metadata = env.get("ECS_CONTAINER_METADATA_URI_V4");
  if (metadata?.startsWith(`${selfUrl}/_lab/ecs/`)) return { kind: "ecs-task", name: env.get("ECS_TASK_ARN") ?? "unknown task" };
  const fn = env.get("AWS_LAMBDA_FUNCTION_NAME");
  if (fn && env.get("AWS_ENDPOINT_URL") === selfUrl) return { kind: "lambda-worker", name: fn };
  return undefined;
}

/** inode → port for every listening TCP socket on the machine. */
async function listeningInodes(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const text = await readFile(file, "utf8").catch(() => "");
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // sl local_address rem_address st … inode; st 0A is LISTEN.
      if (cols.length < 10 || cols[3] !== "0A") continue;
      out.set(cols[9], Number.parseInt(cols[1].split(":")[1], 16));
    }
  }
  return out;
}

async function portsOf(pid: number, listening: Map<string, number>): Promise<number[]> {
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  const ports = new Set<number>();
  for (const fd of fds) {
    const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "");
    const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
    const port = inode ? listening.get(inode) : undefined;
    if (port !== undefined) ports.add(port);
  }
  return [...ports].sort((a, b) => a - b);
}

/** Processes pointing at `selfUrl` that are not in `owned` (the runtime's own tasks and workers). */
export async function findOrphans(selfUrl: string, owned: ReadonlySet<number>): Promise<OrphanScan> {
  if (process.platform !== "linux") return { orphans: [], unsupported: `orphan scan reads /proc, which ${process.platform} does not have` };
  const entries = await readdir("/proc").catch(() => [] as string[]);
  const listening = await listeningInodes();
  const orphans: Orphan[] = [];
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid || owned.has(pid)) continue;
    // Other users' processes (and ones that just exited) are unreadable: not ours either way.
    const raw = await readFile(`/proc/${pid}/environ`).catch(() => undefined);
    if (!raw) continue;
    const what = classify(parseEnviron(raw), selfUrl);
    if (what) orphans.push({ pid, ...what, ports: await portsOf(pid, listening) });
  }
  return { orphans };
}

/** True while some process has this PID. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops every orphan: SIGTERM, then SIGKILL after `graceMs`. Returns what was stopped. */
export async function sweepOrphans(selfUrl: string, owned: ReadonlySet<number>, graceMs = 2_000): Promise<OrphanScan & { stopped: Orphan[] }> {
  const scan = await findOrphans(selfUrl, owned);
  for (const o of scan.orphans) {
    try {
      process.kill(o.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
  const deadline = Date.now() + graceMs;
  while (scan.orphans.some((o) => alive(o.pid)) && Date.now() < deadline) await sleep(50);
  for (const o of scan.orphans) if (alive(o.pid)) process.kill(o.pid, "SIGKILL");
  while (scan.orphans.some((o) => alive(o.pid)) && Date.now() < deadline + 2_000) await sleep(20);
  return { ...scan, stopped: scan.orphans.filter((o) => !alive(o.pid)) };
}
