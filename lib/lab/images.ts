// The services' container images for a target whose capability `containerImages` is
// "registry" (AWS): the source zip `npm run aws:images` uploads to the artifacts bucket, the
// CodeBuild build of the images stack that turns it into images in the bootstrap stack's ECR
// repositories, and the URIs the services stack's `*Image` parameters then take. Locally the
// emulator's image map runs the same task definitions from source, with the same URIs.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { BatchGetBuildsCommand, type Build, type CodeBuildClient, StartBuildCommand } from "@aws-sdk/client-codebuild";
import { zip } from "../../services/lambdas/zip.ts";
import { REPO_ROOT } from "./catalog.ts";
import { SERVICES } from "./contract.ts";

export const IMAGES_PROJECT = "cross-service-lab-images";

/** What the image builds read: the Dockerfiles, the services, the contract they import, and the lockfile. */
const SOURCE_ROOTS = ["package.json", "package-lock.json", "lib/lab", "services"];
const EXCLUDED = /(^|\/)(node_modules|\.[^/]+)(\/|$)|\.test\.ts$/;

export interface SourceZip {
  data: Buffer;
  sha256: string;
  /** images/source-<sha12>.zip: content-addressed, like the Lambda bundles. */
  key: string;
  files: string[];
}

function listFiles(root: string, rel: string): string[] {
  const full = path.join(root, rel);
  const entries = readdirSync(full, { withFileTypes: true });
  return entries.flatMap((e) => {
    const child = path.posix.join(rel, e.name);
    if (EXCLUDED.test(child)) return [];
    return e.isDirectory() ? listFiles(root, child) : [child];
  });
}

/** The build's source as one deterministic zip: the same tree gives the same bytes and key. */
export function sourceZip(root = REPO_ROOT): SourceZip {
  const files = SOURCE_ROOTS.flatMap((r) => (r.includes(".") ? [r] : listFiles(root, r))).sort();
  const data = zip(files.map((name) => ({ name, data: readFileSync(path.join(root, name)) })));
  const sha256 = createHash("sha256").update(data).digest("hex");
  return { data, sha256, key: `images/source-${sha256.slice(0, 12)}.zip`, files };
}

/** The URI of each service's image: `<RepositoryUriPrefix>/<service>:<tag>`. */
export function imageUris(repositoryUriPrefix: string, tag = "latest"): Record<string, string> {
  return Object.fromEntries(Object.values(SERVICES).map((s) => [s, `${repositoryUriPrefix}/${s}:${tag}`]));
}

export type BuildReport =
  | { kind: "started"; id: string; logsUrl?: string }
  | { kind: "phase"; phase: string; status?: string; seconds?: number; message?: string }
  | { kind: "done"; status: string; logsUrl?: string };

/** One line per phase that started or ended since the last poll, oldest first. */
export function phaseChanges(before: Build | undefined, now: Build): BuildReport[] {
  const seen = new Map((before?.phases ?? []).map((p) => [p.phaseType, p.phaseStatus]));
  const out: BuildReport[] = [];
  for (const p of now.phases ?? []) {
    if (!p.phaseType || p.phaseType === "COMPLETED") continue;
    if (seen.has(p.phaseType) && seen.get(p.phaseType) === p.phaseStatus) continue;
    const message = p.contexts?.map((c) => c.message).filter(Boolean).join("; ") || undefined;
    out.push({ kind: "phase", phase: p.phaseType, status: p.phaseStatus, seconds: p.durationInSeconds, message });
  }
  return out;
}

/**
 * Starts the images project's build and reports each phase until it ends. Returns the final
 * build; its `buildStatus` is SUCCEEDED, FAILED, FAULT, TIMED_OUT or STOPPED.
 * https://docs.aws.amazon.com/codebuild/latest/userguide/view-build-details.html#view-build-details-phases
 */
export async function runImagesBuild(
  codebuild: CodeBuildClient,
  options: { imageTag: string; pollMs: number; onReport: (r: BuildReport) => void; signal?: AbortSignal },
): Promise<Build> {
  const started = await codebuild.send(
    new StartBuildCommand({ projectName: IMAGES_PROJECT, environmentVariablesOverride: [{ name: "IMAGE_TAG", value: options.imageTag, type: "PLAINTEXT" }] }),
    { abortSignal: options.signal },
  );
  const id = started.build?.id;
  if (!id) throw new Error("CodeBuild did not return a build id.");
  options.onReport({ kind: "started", id, logsUrl: started.build?.logs?.deepLink });
  let last: Build | undefined;
  for (;;) {
    const build = (await codebuild.send(new BatchGetBuildsCommand({ ids: [id] }), { abortSignal: options.signal })).builds?.[0];
    if (!build) throw new Error(`CodeBuild no longer knows build ${id}.`);
    for (const r of phaseChanges(last, build)) options.onReport(r);
    last = build;
    // A build that left IN_PROGRESS is over, whatever buildComplete says (moto never sets it:
    // docs/moto-deviations.md). https://docs.aws.amazon.com/codebuild/latest/APIReference/API_Build.html
    if (build.buildComplete || (build.buildStatus !== undefined && build.buildStatus !== "IN_PROGRESS")) {
      options.onReport({ kind: "done", status: build.buildStatus ?? "UNKNOWN", logsUrl: build.logs?.deepLink });
      return build;
    }
    await sleep(options.pollMs, undefined, { signal: options.signal });
  }
}
