// The image pipeline: the source zip the CodeBuild build reads, the Dockerfiles and the images
// stack agreeing on the services, the image URIs Deploy passes resolving through the
// emulator's image map (the local target runs the same task definitions), and the build
// reporting each phase of the build.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import type { Build, CodeBuildClient } from "@aws-sdk/client-codebuild";
import { loadTemplate } from "../../cloudformation/template.ts";
import { resolveImage } from "../../emulator/runtime/ecs/image-map.ts";
import { catalog, DEFAULT_PARAMETERS, REPO_ROOT, readTemplate, stackParameters } from "./catalog.ts";
import { SERVICES, STACKS } from "./contract.ts";
import { type BuildReport, IMAGES_PROJECT, imageUris, phaseChanges, runImagesBuild, sourceZip } from "./images.ts";

const SERVICE_NAMES: string[] = Object.values(SERVICES);
const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), "utf8");

describe("source zip", () => {
  const source = sourceZip();

  it("holds what the Dockerfiles build from, and no tests or node_modules", () => {
    for (const f of ["package.json", "package-lock.json", "services/Dockerfile", "lib/lab/contract.ts", ...SERVICE_NAMES.flatMap((s) => [`services/${s}/Dockerfile`, `services/${s}/main.ts`])]) {
      assert.ok(source.files.includes(f), f);
    }
    assert.deepEqual(source.files.filter((f) => f.endsWith(".test.ts") || f.includes("node_modules")), []);
  });

  it("is content-addressed: the same tree gives the same key", () => {
    assert.equal(sourceZip().key, source.key);
    assert.match(source.key, /^images\/source-[0-9a-f]{12}\.zip$/);
    const param = loadTemplate("images.yaml").Parameters?.SourceKey as { AllowedPattern?: string } | undefined;
    assert.match(source.key, new RegExp(param?.AllowedPattern ?? "^$"));
  });
});

describe("Dockerfiles and the images stack", () => {
  it("build every service: one thin Dockerfile each on the shared bundles and runtime", () => {
    const loop = /for service in ([a-z0-9 -]+); do/.exec(read("services/Dockerfile"))?.[1].trim().split(/\s+/);
    assert.deepEqual(loop, SERVICE_NAMES);
    for (const s of SERVICE_NAMES) {
      const file = read(`services/${s}/Dockerfile`);
      assert.match(file, /^FROM cross-service-lab-bundles AS bundles$/m, s);
      assert.match(file, /^FROM cross-service-lab-runtime$/m, s);
      assert.match(file, new RegExp(`^COPY --from=bundles /out/${s}/main\\.mjs \\./main\\.mjs$`, "m"), s);
    }
  });

  it("the CodeBuild project builds and pushes the same services", () => {
    const project = loadTemplate("images.yaml").Resources.ImagesProject.Properties as { Environment: { EnvironmentVariables: { Name: string; Value: unknown }[] } };
    const services = project.Environment.EnvironmentVariables.find((v) => v.Name === "SERVICES")?.Value;
    assert.deepEqual(String(services).split(" "), SERVICE_NAMES);
  });
});

describe("image URIs", () => {
  it("Deploy passes <RepositoryUriPrefix>/<service>:latest, which the local image map runs from source", async () => {
    const services = await readTemplate(catalog("connect").find((s) => s.name === STACKS.servicesConnect) ?? catalog("connect")[0]);
    const prefix = "000000000000.dkr.ecr.us-east-1.amazonaws.com/cross-service-lab";
    const params = stackParameters(services.parameters, DEFAULT_PARAMETERS, { lambdaKeys: {}, repositoryUriPrefix: prefix });
    const images = params.filter((p) => p.ParameterKey?.endsWith("Image"));
    assert.equal(images.length, 5);
    for (const p of images) {
      assert.ok(Object.values(imageUris(prefix)).includes(p.ParameterValue as string), `${p.ParameterKey}=${p.ParameterValue} is one of the pushed URIs`);
      const local = resolveImage(p.ParameterValue as string);
      assert.equal(local.kind, "process", `${p.ParameterValue} runs locally`);
      if (local.kind === "process") assert.match(local.entry, /\/services\/[a-z0-9-]+\/main\.ts$/);
    }
  });
});

describe("phaseChanges", () => {
  it("reports a phase when it starts and again when it ends", () => {
    const first: Build = { phases: [{ phaseType: "SUBMITTED", phaseStatus: "SUCCEEDED" }, { phaseType: "PROVISIONING" }] };
    assert.deepEqual(phaseChanges(undefined, first).map((r) => r.kind === "phase" && `${r.phase}:${r.status}`), ["SUBMITTED:SUCCEEDED", "PROVISIONING:undefined"]);
    const second: Build = { phases: [...(first.phases ?? []).slice(0, 1), { phaseType: "PROVISIONING", phaseStatus: "FAILED", contexts: [{ message: "no capacity" }] }] };
    assert.deepEqual(phaseChanges(first, second), [{ kind: "phase", phase: "PROVISIONING", status: "FAILED", seconds: undefined, message: "no capacity" }]);
  });
});

// moto's CodeBuild cannot serve this: its timestamps are ISO strings where the JSON protocol
// has epoch seconds, which the JS SDK refuses (docs/moto-deviations.md, 7). A scripted client
// answers as the API reference documents instead.
// https://docs.aws.amazon.com/codebuild/latest/APIReference/API_BatchGetBuilds.html
describe("runImagesBuild", () => {
  it("starts the build with the image tag and reports each phase to the end", async () => {
    const id = `${IMAGES_PROJECT}:0b1c`;
    const polls: Build[] = [
      { id, buildStatus: "IN_PROGRESS", buildComplete: false, phases: [{ phaseType: "SUBMITTED", phaseStatus: "SUCCEEDED" }, { phaseType: "PROVISIONING" }] },
      {
        id,
        buildStatus: "IN_PROGRESS",
        buildComplete: false,
        phases: [{ phaseType: "SUBMITTED", phaseStatus: "SUCCEEDED" }, { phaseType: "PROVISIONING", phaseStatus: "SUCCEEDED", durationInSeconds: 12 }, { phaseType: "BUILD" }],
      },
      {
        id,
        buildStatus: "FAILED",
        buildComplete: true,
        logs: { deepLink: "https://console.aws.amazon.com/cloudwatch/home#logEvent:group=/aws/codebuild/cross-service-lab-images" },
        phases: [
          { phaseType: "SUBMITTED", phaseStatus: "SUCCEEDED" },
          { phaseType: "PROVISIONING", phaseStatus: "SUCCEEDED", durationInSeconds: 12 },
          { phaseType: "BUILD", phaseStatus: "FAILED", durationInSeconds: 40, contexts: [{ message: "COMMAND_EXECUTION_ERROR: docker build exit status 1" }] },
          { phaseType: "COMPLETED" },
        ],
      },
    ];
    const sent: { name: string; input: unknown }[] = [];
    const codebuild = {
      send: async (command: { constructor: { name: string }; input: unknown }) => {
        sent.push({ name: command.constructor.name, input: command.input });
        return command.constructor.name === "StartBuildCommand" ? { build: { id } } : { builds: [polls.shift()] };
      },
    } as unknown as CodeBuildClient;
    const reports: BuildReport[] = [];
    const build = await runImagesBuild(codebuild, { imageTag: "abc123def456", pollMs: 1, onReport: (r) => reports.push(r) });
    assert.deepEqual(sent[0], {
      name: "StartBuildCommand",
      input: { projectName: IMAGES_PROJECT, environmentVariablesOverride: [{ name: "IMAGE_TAG", value: "abc123def456", type: "PLAINTEXT" }] },
    });
    assert.equal(build.buildStatus, "FAILED");
    assert.deepEqual(
      reports.map((r) => (r.kind === "phase" ? `${r.phase}:${r.status ?? "…"}` : r.kind)),
      ["started", "SUBMITTED:SUCCEEDED", "PROVISIONING:…", "PROVISIONING:SUCCEEDED", "BUILD:…", "BUILD:FAILED", "done"],
    );
    assert.ok(reports.some((r) => r.kind === "phase" && r.message?.includes("docker build exit status 1")));
    assert.equal(sent.filter((s) => s.name === "BatchGetBuildsCommand").length, 3);
  });

  it("ends when the status leaves IN_PROGRESS even if buildComplete is unset", async () => {
    const codebuild = {
      send: async (command: { constructor: { name: string } }) =>
        command.constructor.name === "StartBuildCommand" ? { build: { id: "b" } } : { builds: [{ id: "b", buildStatus: "SUCCEEDED", buildComplete: false }] },
    } as unknown as CodeBuildClient;
    const build = await runImagesBuild(codebuild, { imageTag: "t", pollMs: 1, onReport: () => {} });
    assert.equal(build.buildStatus, "SUCCEEDED");
  });
});
