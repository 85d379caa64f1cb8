// `npm run aws:images [-- --docker]`: builds the lab services' container images and pushes
// them to the bootstrap stack's ECR repositories, for a target whose images come from a
// registry (AWS). Without --docker (no Docker needed): zips the source, uploads it to the
// artifacts bucket, creates or updates the images stack (cloudformation/images.yaml) and runs
// its CodeBuild build, reporting each phase. With --docker: builds and pushes with the local
// Docker. Either way it ends with the image URIs the services stack's *Image parameters take.
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { CodeBuildClient } from "@aws-sdk/client-codebuild";
import { ECRClient, GetAuthorizationTokenCommand } from "@aws-sdk/client-ecr";
import { S3Client } from "@aws-sdk/client-s3";
import { clientFor, currentTarget } from "../lib/aws/clients.ts";
import { capabilities, type Target } from "../lib/aws/target.ts";
import { probeTarget } from "../lib/data/target-status.ts";
import { putOnce } from "../lib/lab/artifacts.ts";
import { SERVICES, STACKS } from "../lib/lab/contract.ts";
import { deployLab, outputOf } from "../lib/lab/deploy.ts";
import { type BuildReport, imageUris, runImagesBuild, sourceZip } from "../lib/lab/images.ts";
import type { LabProgress } from "../lib/lab/progress.ts";
import { describeStack } from "../lib/lab/stacks.ts";

const USAGE = `Usage: npm run aws:images [-- --docker]

Builds the five service images and pushes them to the lab's ECR repositories on the target
chosen in Settings (an AWS account). Creates the bootstrap stack first if it is missing.
  (default)  in AWS CodeBuild (cloudformation/images.yaml): no Docker needed here
  --docker   with the Docker on this machine`;

function fail(message: string): never {
  console.error(`✗ ${message}`);
  process.exit(1);
}

const { values } = (() => {
  try {
    return parseArgs({ options: { docker: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  } catch (e) {
    fail(`${(e as Error).message}\n\n${USAGE}`);
  }
})();

const stackProgress = (p: LabProgress) => {
  if (p.kind === "stack") console.log(`  ${p.stack}: ${p.unchanged ? "unchanged" : p.status}${p.reason ? ` (${p.reason})` : ""}`);
  if (p.kind === "failure") console.log(`  ✗ ${p.message}`);
};

function report(r: BuildReport) {
  if (r.kind === "started") console.log(`  build ${r.id}${r.logsUrl ? `\n  logs: ${r.logsUrl}` : ""}`);
  if (r.kind === "phase") console.log(`  ${r.phase.padEnd(16)} ${r.status ?? "IN_PROGRESS"}${r.seconds !== undefined ? ` ${r.seconds} s` : ""}${r.message ? `: ${r.message}` : ""}`);
  if (r.kind === "done") console.log(`  build ${r.status}`);
}

/** The bootstrap stack's bucket and registry, creating the stack if it is missing. */
async function bootstrap(target: Target): Promise<{ bucket: string; prefix: string }> {
  console.log(`Bootstrap stack (artifacts bucket, ECR repositories):`);
  await deployLab({ variant: "connect", target, only: [STACKS.bootstrap], onProgress: stackProgress });
  const stack = await describeStack({ cfn: clientFor(CloudFormationClient, target), pollMs: 0, emit: () => {} }, STACKS.bootstrap);
  const bucket = outputOf(stack, "ArtifactsBucketName");
  const prefix = outputOf(stack, "RepositoryUriPrefix");
  if (!bucket || !prefix) fail(`${STACKS.bootstrap} has no ArtifactsBucketName/RepositoryUriPrefix output.`);
  return { bucket, prefix };
}

async function withCodeBuild(target: Target, bucket: string, tag: string, source: ReturnType<typeof sourceZip>) {
  const uploaded = await putOnce(clientFor(S3Client, target), bucket, source.key, source.data);
  console.log(`Source: ${source.files.length} files, ${(source.data.length / 1024).toFixed(0)} KiB → s3://${bucket}/${source.key}${uploaded ? "" : " (already there)"}`);
  console.log(`Images stack (CodeBuild project):`);
  await deployLab({ variant: "connect", target, only: [STACKS.images], context: { imageSourceKey: source.key }, onProgress: stackProgress });
  console.log(`Building in CodeBuild (about 5 minutes):`);
  const build = await runImagesBuild(clientFor(CodeBuildClient, target), { imageTag: tag, pollMs: capabilities(target).stackPollMs, onReport: report });
  if (build.buildStatus !== "SUCCEEDED") fail(`The build ended ${build.buildStatus}. Its log: ${build.logs?.deepLink ?? `CloudWatch Logs, ${build.logs?.groupName ?? "/aws/codebuild/cross-service-lab-images"}`}`);
}

function docker(args: string[], input?: string) {
  console.log(`  $ docker ${args.join(" ")}`);
  const run = spawnSync("docker", args, { stdio: [input === undefined ? "inherit" : "pipe", "inherit", "inherit"], input });
  if (run.status !== 0) fail(`docker ${args[0]} failed${run.error ? `: ${run.error.message}` : ""}.`);
}

async function withDocker(target: Target, prefix: string, tag: string) {
  const daemon = spawnSync("docker", ["version", "--format", "{{.Server.Version}}"], { encoding: "utf8" });
  if (daemon.status !== 0) fail(`Docker is not available here (${(daemon.stderr || daemon.error?.message || "").trim().split("\n")[0]}). Run without --docker to build in CodeBuild.`);
  const auth = (await clientFor(ECRClient, target).send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
  if (!auth?.authorizationToken || !auth.proxyEndpoint) fail("ECR returned no authorization token.");
  const [user, password] = Buffer.from(auth.authorizationToken, "base64").toString("utf8").split(":");
  docker(["login", "--username", user, "--password-stdin", auth.proxyEndpoint], password);
  docker(["build", "-f", "services/Dockerfile", "--target", "bundles", "-t", "cross-service-lab-bundles", "."]);
  docker(["build", "-f", "services/Dockerfile", "--target", "runtime", "-t", "cross-service-lab-runtime", "."]);
  for (const service of Object.values(SERVICES)) {
    docker(["build", "-f", `services/${service}/Dockerfile`, "-t", `${prefix}/${service}:${tag}`, "-t", `${prefix}/${service}:latest`, "."]);
    docker(["push", `${prefix}/${service}:${tag}`]);
    docker(["push", `${prefix}/${service}:latest`]);
  }
}

async function main() {
  if (values.help) return console.log(USAGE);
  const target = await currentTarget();
  const caps = capabilities(target);
  if (caps.containerImages === "image-map") {
    console.log(`${caps.label}: nothing to build. The emulator runs each service's task definition from source through its image map (emulator/runtime/ecs/image-map.ts). Choose an AWS account in Settings to build images for it.`);
    return;
  }
  const probe = await probeTarget(target);
  if (!probe.reachable) fail(`The target does not answer: ${probe.reason}. Check the profile and region in the console's Settings.`);
  console.log(`Building the service images for ${[probe.label, probe.accountId, probe.region].filter(Boolean).join(" · ")}`);
  const { bucket, prefix } = await bootstrap(target);
  const source = sourceZip();
  const tag = source.sha256.slice(0, 12);
  if (values.docker) await withDocker(target, prefix, tag);
  else await withCodeBuild(target, bucket, tag, source);
  console.log(`\n✓ Images pushed (tag ${tag}, also :latest, which Deploy uses):`);
  for (const [service, uri] of Object.entries(imageUris(prefix, tag))) console.log(`  ${service.padEnd(22)} ${uri}`);
  console.log("\nNext: Deploy from the console's Overview (or npm run lab -- deploy).");
}

await main().catch((error: Error) => fail(error.message));
