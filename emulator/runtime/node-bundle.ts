// Task processes and Lambda workers run from one esbuild bundle each, not from type-stripped
// sources. Type stripping loads Node's TypeScript stripper (SWC compiled to WebAssembly) into
// every process, and a service's imports resolve and compile hundreds of files of the AWS SDK.
// Measured on order-service: 119 MB RSS from sources, 96 MB as a bundle, 77 MB as a bundle
// with a small young generation (TASK_NODE_FLAGS); it also starts faster.
// A bundle is rebuilt when any of its input files changed since it was built, so an edited
// service runs its new code on the next task start, as before.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { stripTypeScriptTypes } from "node:module";
import { tmpdir } from "node:os";
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

const built = new Map<string, Built>();
const building = new Map<string, Promise<string>>();

const mtime = (file: string) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
};

/** The file built for `key`, if none of its inputs changed since. */
function upToDate(key: string): string | undefined {
  const hit = built.get(key);
  return hit?.inputs.every(([f, m]) => mtime(f) === m) ? hit.file : undefined;
}

export function bundleDir(dataDir: string | undefined): string {
  return dataDir ? join(dataDir, "bundles") : join(tmpdir(), `cross-service-lab-bundles-${process.pid}`);
}

/** Writes `code` as `<dir>/<name>-<hash>.mjs` (atomically, once) and returns the path. */
function writeOnce(dir: string, name: string, code: Uint8Array | string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`);
  if (mtime(file) < 0) {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
  }
  return file;
}

/**
 * One ESM file that imports `modules` in order (e.g. the orphan guard, then the service's
 * main.ts), with every dependency inlined. Concurrent calls for the same modules share a build.
 */
export function bundleModules(modules: string[], name: string, outDir: string): Promise<string> {
  const key = `${outDir}|${modules.join("|")}`;
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
        const file = writeOnce(outDir, name, r.outputFiles[0].contents);
        const inputs = Object.keys(r.metafile.inputs)
          .filter((f) => !f.startsWith("<"))
          .map((f): [string, number] => {
            const abs = resolve(REPO_ROOT, f);
            return [abs, mtime(abs)];
          });
        built.set(key, { file, inputs });
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
export function compiledModule(source: string, outDir: string): string {
  const key = `${outDir}|${source}`;
  const hit = upToDate(key);
  if (hit) return hit;
  const code = stripTypeScriptTypes(readFileSync(source, "utf8"));
  const name = source.split("/").pop()?.replace(/\.ts$/, "") ?? "module";
  const file = writeOnce(outDir, name, code);
  built.set(key, { file, inputs: [[source, mtime(source)]] });
  return file;
}
