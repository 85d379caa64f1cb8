// Task processes and Lambda workers run from one esbuild bundle each, not from type-stripped
// sources. Type stripping loads Node's TypeScript stripper (SWC compiled to WebAssembly) into
// every process, and a service's imports resolve and compile hundreds of files of the AWS SDK.
// Measured on order-service: 119 MB RSS from sources, 96 MB as a bundle, 77 MB as a bundle
// with a small young generation (TASK_NODE_FLAGS); it also starts faster.
// A bundle is rebuilt when any of its input files changed since it was built, so an edited
// service runs its new code on the next task start, as before; otherwise it is reused, across
// emulator restarts too.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { stripTypeScriptTypes } from "node:module";
import { join, resolve } from "node:path";
import { build, stop } from "esbuild";
import { NODE_BUNDLE_OPTIONS } from "../../services/lambdas/bundle.ts";
import { REPO_ROOT } from "./ecs/image-map.ts";

/**
 * V8 heap settings for the lab's Node processes: a 2 MB semi-space keeps the young generation
 * (it grows to three 16 MB semi-spaces by default under load) from holding garbage between scavenges; the old
 * generation cap bounds a leak instead of letting it take the machine.
 * https://nodejs.org/api/cli.html#--max-semi-space-sizesize-in-mib
 */
export const TASK_NODE_FLAGS = ["--max-semi-space-size=2", "--max-old-space-size=128"];
export const WORKER_NODE_FLAGS = ["--max-semi-space-size=2"];


interface Built {
  file: string;
  inputs: [string, number][];
}

/**
 * Bundles are kept in the checkout's .cache/ (gitignored) with a manifest of their inputs, so a
 * deploy after the first, or after an emulator restart, starts its tasks without running
 * esbuild. File names carry a hash of the content, so data directories can share them.
 */
const CACHE_DIR = join(REPO_ROOT, ".cache", "task-bundles");
const MANIFEST = join(CACHE_DIR, "manifest.json");

let built: Map<string, Built> | undefined;
const building = new Map<string, Promise<string>>();

const mtime = (file: string) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
};

function manifest(): Map<string, Built> {
  if (!built) {
    try {
      built = new Map(Object.entries(JSON.parse(readFileSync(MANIFEST, "utf8")) as Record<string, Built>));
    } catch {
      built = new Map();
    }
  }
  return built;
}

function remember(key: string, entry: Built) {
  const m = manifest();
  m.set(key, entry);
  try {
    writeAtomically(MANIFEST, JSON.stringify(Object.fromEntries(m)));
  } catch {}
}

/** The file built for `key`, if it exists and none of its inputs changed since. */
function upToDate(key: string): string | undefined {
  const hit = manifest().get(key);
  return hit && mtime(hit.file) >= 0 && hit.inputs.every(([f, m]) => mtime(f) === m) ? hit.file : undefined;
}

function writeAtomically(file: string, data: Uint8Array | string) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/** Writes `code` as `<cache>/<name>-<hash>.mjs` (once) and returns the path. */
function writeOnce(name: string, code: Uint8Array | string): string {
  mkdirSync(CACHE_DIR, { recursive: true });
  const file = join(CACHE_DIR, `${name}-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`);
  if (mtime(file) < 0) writeAtomically(file, code);
  return file;
}

/**
 * One ESM file that imports `modules` in order (e.g. the orphan guard, then the service's
 * main.ts), with every dependency inlined. Concurrent calls for the same modules share a build.
 */
export function bundleModules(modules: string[], name: string): Promise<string> {
  const key = modules.join("|");
  const hit = upToDate(key);
  if (hit) return Promise.resolve(hit);
  let p = building.get(key);
  if (!p) {
    p = build({
      ...NODE_BUNDLE_OPTIONS,
      stdin: { contents: modules.map((m) => `import ${JSON.stringify(m)};`).join("\n"), resolveDir: REPO_ROOT, sourcefile: `${name}.entry.ts`, loader: "ts" },
      metafile: true,
    })
      .then((r) => {
        const file = writeOnce(name, r.outputFiles[0].contents);
        const inputs = Object.keys(r.metafile.inputs)
          .filter((f) => !f.startsWith("<"))
          .map((f): [string, number] => {
            const abs = resolve(REPO_ROOT, f);
            return [abs, mtime(abs)];
          });
        remember(key, { file, inputs });
        return file;
      })
      .finally(() => {
        building.delete(key);
        stopEsbuildWhenIdle();
      });
    building.set(key, p);
  }
  return p;
}

let idleTimer: NodeJS.Timeout | undefined;
/** esbuild's service process holds hundreds of MB once it has bundled the SDK: end it between deploys (it restarts on demand). */
function stopEsbuildWhenIdle() {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (building.size === 0) void stop();
  }, 1_000).unref();
}

/**
 * A TypeScript file that imports only Node built-ins, as plain JavaScript (synchronously). Node's
 * own type stripper does it (already loaded in the emulator); esbuild's synchronous API would
 * leave a service process running.
 */
export function compiledModule(source: string): string {
  const key = source;
  const hit = upToDate(key);
  if (hit) return hit;
  const code = stripTypeScriptTypes(readFileSync(source, "utf8"));
  const name = source.split("/").pop()?.replace(/\.ts$/, "") ?? "module";
  const file = writeOnce(name, code);
  remember(key, { file, inputs: [[source, mtime(source)]] });
  return file;
}
