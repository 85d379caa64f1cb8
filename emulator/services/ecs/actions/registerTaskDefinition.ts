import type { RegisterTaskDefinitionRequest, RegisterTaskDefinitionResponse } from "@aws-sdk/client-ecs";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import type { EcsDeps } from "../deps.ts";
import { taskDefinitionOutput } from "../output.ts";
import { clientException } from "../store.ts";

// Fargate rules: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html
export const registerTaskDefinition = ({ store, runtime }: EcsDeps) => (input: RegisterTaskDefinitionRequest, ctx: RequestContext) => {
  const family = input.family ?? "";
  if (!/^[a-zA-Z0-9_-]{1,255}$/.test(family)) throw clientException("Family contains invalid characters or is longer than 255 characters.");
  const containers = input.containerDefinitions ?? [];
  if (!containers.length) throw clientException("Container list cannot be empty.");
  const names = new Set<string>();
  for (const cd of containers) {
    if (!cd.name || !/^[a-zA-Z0-9_-]{1,255}$/.test(cd.name)) throw clientException("Container name is required and may contain only letters, numbers, hyphens and underscores.");
    if (names.has(cd.name)) throw clientException(`Duplicate container name: ${cd.name}.`);
    names.add(cd.name);
    if (!cd.image) throw clientException(`Container.image should not be null or empty. (container ${cd.name})`);
  }
  if (!containers.some((cd) => cd.essential !== false)) throw clientException("A task definition must have at least one essential container.");
  if (input.requiresCompatibilities?.includes("FARGATE")) {
    if ((input.networkMode ?? "bridge") !== "awsvpc") throw clientException("Fargate only supports network mode 'awsvpc'.");
    if (!input.cpu) throw clientException("Fargate requires that 'cpu' be defined at the task level.");
    if (!input.memory) throw clientException("Fargate requires that 'memory' be defined at the task level.");
  }
  let revision = 0;
  for (const td of store.taskDefinitions.values()) {
    if (td.accountId === ctx.accountId && td.region === ctx.region && td.family === family) revision = Math.max(revision, td.revision);
  }
  revision += 1;
  const td = store.taskDefinitions.set(scopedKey(ctx, `${family}:${revision}`), {
    accountId: ctx.accountId,
    region: ctx.region,
    family,
    revision,
    taskDefinitionArn: `arn:aws:ecs:${ctx.region}:${ctx.accountId}:task-definition/${family}:${revision}`,
    status: "ACTIVE",
    containerDefinitions: containers.map((cd) => ({ ...cd, essential: cd.essential ?? true, portMappings: (cd.portMappings ?? []).map((pm) => ({ ...pm, hostPort: pm.hostPort ?? (input.networkMode === "awsvpc" ? pm.containerPort : undefined), protocol: pm.protocol ?? "tcp" })) })),
    cpu: input.cpu,
    memory: input.memory,
    networkMode: input.networkMode,
    requiresCompatibilities: input.requiresCompatibilities,
    executionRoleArn: input.executionRoleArn,
    taskRoleArn: input.taskRoleArn,
    volumes: input.volumes,
    proxyConfiguration: input.proxyConfiguration,
    runtimePlatform: input.runtimePlatform,
    registeredAt: Date.now(),
    tags: input.tags ?? [],
  });
  runtime.prepare(td);
  return { taskDefinition: taskDefinitionOutput(td), tags: td.tags } satisfies RegisterTaskDefinitionResponse;
};
