// Bundles each Lambda handler into one ESM file, index.mjs (handler `index.handler`), and
// zips it as <outDir>/<function>.zip, ready for the artifacts bucket.
// The AWS SDK is bundled too: nodejs22.x ships SDK v3, but bundling pins the version we
// test with and needs nothing from the runtime, here or in the emulator.
// Usage: node services/lambdas/bundle.ts [outDir]
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type BuildOptions, build } from "esbuild";
import { BUNDLED_LAMBDAS, lambdaBundleKey } from "../../lib/lab/contract.ts";
import { zip } from "./zip.ts";

/** One minified ESM file for Node 22 with every dependency inlined (also used for ECS tasks, emulator/runtime/node-bundle.ts). */
export const NODE_BUNDLE_OPTIONS = {
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  minify: true,
  keepNames: true,
  write: false,
  legalComments: "none",
  logLevel: "silent",
  // Some bundled CommonJS dependencies call require() for Node built-ins; ESM has none.
  banner: { js: "import { createRequire as __labCreateRequire } from 'node:module'; const require = __labCreateRequire(import.meta.url);" },
} satisfies BuildOptions;

export const LAMBDA_NAMES: string[] = [...BUNDLED_LAMBDAS];

export interface LambdaBundle {
  name: string;
  zipPath: string;
  /** Hex SHA-256 of the zip. */
  sha256: string;
  /** Base64 SHA-256, as Lambda reports CodeSha256. */
  codeSha256: string;
  bytes: number;
  /** Where it goes in the artifacts bucket: lambdas/<function>-<sha>.zip. */
  s3Key: string;
}

export async function bundleLambdas(outDir: string, names: string[] = LAMBDA_NAMES): Promise<LambdaBundle[]> {
  const out = resolve(outDir);
  mkdirSync(out, { recursive: true });
  const bundles: LambdaBundle[] = [];
  for (const name of names) {
    const result = await build({ ...NODE_BUNDLE_OPTIONS, entryPoints: [join(import.meta.dirname, name, "index.ts")] });
    const code = result.outputFiles[0].contents;
    const archive = zip([{ name: "index.mjs", data: Buffer.from(code) }]);
    const zipPath = join(out, `${name}.zip`);
    writeFileSync(zipPath, archive);
    const sha256 = createHash("sha256").update(archive).digest("hex");
    bundles.push({
      name,
      zipPath,
      sha256,
      codeSha256: Buffer.from(sha256, "hex").toString("base64"),
      bytes: archive.length,
      s3Key: lambdaBundleKey(name, sha256),
    });
  }
  return bundles;
}

if (import.meta.main) {
  const outDir = process.argv[2] ?? join(import.meta.dirname, "..", "..", ".lab-data", "lambdas");
  for (const b of await bundleLambdas(outDir)) console.log(`${b.name}: ${b.zipPath} (${(b.bytes / 1024).toFixed(0)} KiB) -> s3 key ${b.s3Key}`);
}
