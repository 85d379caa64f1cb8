// The Lambda bundles and oversized templates, uploaded to the bootstrap stack's artifacts
// bucket. Keys carry the content hash, so a changed handler gets a new key and the next
// deploy updates the function; an unchanged one is not uploaded again.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { REPO_ROOT, type TemplateFile } from "./catalog.ts";
import { BUNDLED_LAMBDAS, lambdaBundleKey } from "./contract.ts";

export interface LambdaArtifact {
  name: string;
  zipPath: string;
  sha256: string;
  bytes: number;
  key: string;
}

const pexec = promisify(execFile);

/**
 * Bundles the Lambdas with services/lambdas/bundle.ts. It runs as its own process: esbuild
 * is a native binary that the console's server bundle must not swallow, and a build's
 * memory is given back when it exits.
 */
export async function bundleLambdaArtifacts(outDir: string, root = REPO_ROOT): Promise<LambdaArtifact[]> {
  try {
    await pexec(process.execPath, ["--disable-warning=ExperimentalWarning", path.join(/*turbopackIgnore: true*/ root, "services", "lambdas", "bundle.ts"), outDir], {
      cwd: root,
      timeout: 180_000,
      maxBuffer: 4 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`Bundling the Lambdas failed: ${(e.stderr || e.message).trim().split("\n").slice(-5).join("\n")}`);
  }
  return Promise.all(
    BUNDLED_LAMBDAS.map(async (name) => {
      const zipPath = path.join(/*turbopackIgnore: true*/ outDir, `${name}.zip`);
      const data = await readFile(/*turbopackIgnore: true*/ zipPath);
      const sha256 = createHash("sha256").update(data).digest("hex");
      return { name, zipPath, sha256, bytes: data.length, key: lambdaBundleKey(name, sha256) };
    }),
  );
}

async function exists(s3: S3Client, Bucket: string, Key: string, signal?: AbortSignal): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket, Key }), { abortSignal: signal });
    return true;
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === "NotFound" || e.name === "NoSuchKey" || e.$metadata?.httpStatusCode === 404) return false;
    throw error;
  }
}

/** Puts `body` at `key` unless an object is already there (keys are content-addressed). Returns whether it uploaded. */
export async function putOnce(s3: S3Client, Bucket: string, Key: string, body: Uint8Array | string, signal?: AbortSignal): Promise<boolean> {
  if (await exists(s3, Bucket, Key, signal)) return false;
  await s3.send(new PutObjectCommand({ Bucket, Key, Body: body }), { abortSignal: signal });
  return true;
}

export async function uploadLambdaArtifacts(
  s3: S3Client,
  bucket: string,
  artifacts: LambdaArtifact[],
  signal?: AbortSignal,
): Promise<{ artifact: LambdaArtifact; uploaded: boolean }[]> {
  const results = [];
  for (const artifact of artifacts) {
    const uploaded = await putOnce(s3, bucket, artifact.key, await readFile(/*turbopackIgnore: true*/ artifact.zipPath), signal);
    results.push({ artifact, uploaded });
  }
  return results;
}

export const templateKey = (stack: string, template: TemplateFile) => `templates/${stack}-${template.sha256.slice(0, 12)}.yaml`;

/**
 * A template too large for TemplateBody goes to the artifacts bucket; CloudFormation reads
 * it from the bucket's virtual-hosted URL (the emulator reads the same URL from its own S3).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html
 */
export async function uploadTemplate(s3: S3Client, bucket: string, region: string, stack: string, template: TemplateFile, signal?: AbortSignal): Promise<string> {
  const key = templateKey(stack, template);
  await putOnce(s3, bucket, key, template.body, signal);
  return `https://${bucket}.s3.${region}.amazonaws.com/${key}`;
}
