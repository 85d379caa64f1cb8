// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html
import type { CreateServiceRequest, CreateServiceResponse } from "@aws-sdk/client-ecs";
import type { RequestContext } from "../../../core/service.ts";
import { checkLoadBalancers, checkRegistries, resolveServiceConnect } from "../config.ts";
import type { EcsDeps } from "../deps.ts";
import { serviceOutput } from "../output.ts";
import { clientException, invalidParameter, newDeploymentId } from "../store.ts";

export const createService = ({ store, runtime }: EcsDeps) => async (input: CreateServiceRequest, ctx: RequestContext) => {
  const cluster = store.cluster(ctx, input.cluster);
  const name = input.serviceName ?? "";
  if (!/^[a-zA-Z0-9_-]{1,255}$/.test(name)) throw invalidParameter("Service name can have up to 255 letters, numbers, hyphens and underscores.");
  const existing = store.services.get(store.serviceKey(ctx, cluster.clusterName, name));
  if (existing && existing.status !== "INACTIVE") throw invalidParameter("Creation of service was not idempotent.");
  if (input.schedulingStrategy === "DAEMON") throw invalidParameter("The DAEMON scheduling strategy is not supported locally (there are no container instances).");
  const desired = input.desiredCount;
  if (desired === undefined) throw invalidParameter("desiredCount is required for the REPLICA scheduling strategy.");
  if (desired < 0) throw invalidParameter("desiredCount cannot be negative.");
  const td = store.taskDefinition(ctx, input.taskDefinition);
  if (td?.status !== "ACTIVE") throw clientException(`TaskDefinition not found: ${input.taskDefinition ?? ""}`);
  const loadBalancers = await checkLoadBalancers(ctx, td, input.loadBalancers ?? []);
  const serviceRegistries = await checkRegistries(ctx, input.serviceRegistries ?? []);
  const sc = await resolveServiceConnect(ctx, cluster, td, input.serviceConnectConfiguration);
  const now = Date.now();
  const svc = {
    accountId: ctx.accountId,
    region: ctx.region,
    clusterName: cluster.clusterName,
    clusterArn: cluster.clusterArn,
    serviceName: name,
    serviceArn: `arn:aws:ecs:${ctx.region}:${ctx.accountId}:service/${cluster.clusterName}/${name}`,
    status: "ACTIVE" as const,
    desiredCount: desired,
    taskDefinition: td.taskDefinitionArn,
    launchType: input.launchType ?? "FARGATE",
    loadBalancers,
    serviceRegistries,
    serviceConnectConfiguration: sc?.config,
    scNamespace: sc?.namespace,
    networkConfiguration: input.networkConfiguration,
    deploymentConfiguration: {
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      deploymentCircuitBreaker: { enable: false, rollback: false },
      ...input.deploymentConfiguration,
    },
    healthCheckGracePeriodSeconds: input.healthCheckGracePeriodSeconds ?? (loadBalancers.length ? 0 : undefined),
    enableExecuteCommand: input.enableExecuteCommand ?? false,
    enableECSManagedTags: input.enableECSManagedTags ?? false,
    propagateTags: input.propagateTags,
    tags: input.tags ?? [],
    createdAt: now,
    deployments: [
      {
        id: newDeploymentId(),
        status: "PRIMARY" as const,
        taskDefinition: td.taskDefinitionArn,
        createdAt: now,
        updatedAt: now,
        failedTasks: 0,
        rolloutState: "IN_PROGRESS" as const,
        rolloutStateReason: "ECS deployment ecs-svc in progress.",
        serviceConnectConfiguration: sc?.config,
        serviceConnectResources: sc?.resources,
      },
    ],
    events: [],
  };
  store.saveService(svc);
  runtime.schedule(svc);
  return { service: serviceOutput(store, svc, true) } satisfies CreateServiceResponse;
};
