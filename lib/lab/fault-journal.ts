// When each fault was in force, for the timeline's shaded bands. `lab-faults` holds only the
// current fault per service, so the console keeps a journal in
// <data dir>/console/resilience/fault-journal.json: the console's own writes are entered at
// once, and whatever else changed the table (scripts/simulate-service-failure.sh, another
// console) is entered when a poll sees it.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { activeFault } from "../../services/shared/faults.ts";
import { bandEnd, type FaultBand } from "../data/resilience.ts";
import { consoleEnv } from "../validations/env.ts";
import type { FaultRecord } from "./contract.ts";
import { processSingleton } from "./singleton.ts";

export type { FaultBand };

const KEEP_MS = 60 * 60_000;
const MAX_BANDS = 500;


const sameFault = (b: FaultBand, f: { mode: string; latencyMs?: number; errorRate?: number }) =>
  b.mode === f.mode && (b.latencyMs ?? 0) === (f.latencyMs ?? 0) && (b.errorRate ?? 0) === (f.errorRate ?? 0);

/** Pure: the journal after `record` was written for a service at `now` by `source`. */
export function journalWrite(bands: readonly FaultBand[], record: Partial<FaultRecord> & { service_name: string }, now: number, source: FaultBand["source"]): FaultBand[] {
  const service = record.service_name;
  if (record.crash_requested_at !== undefined && record.mode === undefined) {
    return prune([...bands, { service, mode: "crash", from: now, endedAt: now, source }], now);
  }
  const closed = bands.map((b) => (b.service === service && b.mode !== "crash" && bandEnd(b, now) === undefined ? { ...b, endedAt: now } : b));
  const fault = activeFault(record, now);
  if (fault.mode === "none") return prune(closed, now);
  return prune(
    [
      ...closed,
      {
        service,
        mode: fault.mode as FaultBand["mode"],
        ...(fault.mode === "latency" ? { latencyMs: fault.latencyMs } : {}),
        ...(fault.mode === "error-rate" ? { errorRate: fault.errorRate } : {}),
        from: now,
        ...(fault.expiresAt !== undefined ? { until: fault.expiresAt * 1000 } : {}),
        source,
      },
    ],
    now,
  );
}

/** Pure: the journal after a poll saw `records` (the whole table) at `now`. */
export function journalObserve(bands: readonly FaultBand[], records: readonly Partial<FaultRecord>[], services: readonly string[], now: number): FaultBand[] {
  let out = [...bands];
  for (const service of services) {
    const record = records.find((r) => r.service_name === service);
    // A crash is a timestamp in the record: enter it once, at the time it was requested.
    const crashAt = Number(record?.crash_requested_at);
    if (Number.isFinite(crashAt) && crashAt > now - KEEP_MS && !out.some((b) => b.service === service && b.mode === "crash" && Math.abs(b.from - crashAt) < 1_000)) {
      out.push({ service, mode: "crash", from: crashAt, endedAt: crashAt, source: "observed" });
    }
    const fault = activeFault(record, now);
    const open = out.find((b) => b.service === service && b.mode !== "crash" && bandEnd(b, now) === undefined);
    if (fault.mode === "none") {
      if (open) out = out.map((b) => (b === open ? { ...b, endedAt: now } : b));
      continue;
    }
    const latest = { mode: fault.mode, latencyMs: fault.mode === "latency" ? fault.latencyMs : undefined, errorRate: fault.mode === "error-rate" ? fault.errorRate : undefined };
    if (open && sameFault(open, latest)) {
      const until = fault.expiresAt !== undefined ? fault.expiresAt * 1000 : undefined;
      if (open.until !== until) out = out.map((b) => (b === open ? { ...b, until } : b));
      continue;
    }
    out = journalWrite(out, { service_name: service, mode: record?.mode, latency_ms: record?.latency_ms, error_rate: record?.error_rate, expires_at: record?.expires_at }, now, "observed");
  }
  return prune(out, now);
}

function prune(bands: FaultBand[], now: number): FaultBand[] {
  const kept = bands.filter((b) => (bandEnd(b, now) ?? now) >= now - KEEP_MS);
  return kept.slice(-MAX_BANDS);
}

// ── persistence ─────────────────────────────────────────────────────────

interface JournalState {
  bands: FaultBand[];
  loadedFrom?: string;
}
const state: JournalState = processSingleton<JournalState>("fault-journal", () => ({ bands: [] }));

export const journalFile = (dataDir = consoleEnv().dataDir) => path.join(dataDir, "console", "resilience", "fault-journal.json");

function load(): FaultBand[] {
  const file = journalFile();
  if (state.loadedFrom === file) return state.bands;
  try {
    state.bands = JSON.parse(readFileSync(/*turbopackIgnore: true*/ file, "utf8")) as FaultBand[];
  } catch {
    state.bands = [];
  }
  state.loadedFrom = file;
  return state.bands;
}

function save(bands: FaultBand[]) {
  const changed = JSON.stringify(bands) !== JSON.stringify(state.bands);
  state.bands = bands;
  if (!changed) return;
  try {
    const file = journalFile();
    mkdirSync(/*turbopackIgnore: true*/ path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(/*turbopackIgnore: true*/ temporary, JSON.stringify(bands));
    renameSync(/*turbopackIgnore: true*/ temporary, file);
  } catch (error) {
    console.warn(`Could not save the fault journal: ${(error as Error).message}`);
  }
}

export function recordFaultWrite(record: Partial<FaultRecord> & { service_name: string }, source: FaultBand["source"], now = Date.now()) {
  save(journalWrite(load(), record, now, source));
}

export function observeFaults(records: readonly Partial<FaultRecord>[], services: readonly string[], now = Date.now()) {
  save(journalObserve(load(), records, services, now));
}

export function faultBands(): FaultBand[] {
  return load();
}

export function clearFaultJournal() {
  save([]);
}
