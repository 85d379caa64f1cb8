// A new task definition, load balancers, Service Connect settings or forceNewDeployment start
// a new PRIMARY deployment; the scheduler replaces the old tasks once the new ones run.
import type { UpdateServiceRequest, UpdateServiceResponse } from "@aws-sdk/client-ecs";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { checkLoadBalancers, checkRegistries, resolveServiceConnect } from "../config.ts";
import type { EcsDeps } from "../deps.ts";
import { serviceOutput } from "../output.ts";
import { clientException, invalidParameter, newDeploymentId } from "../store.ts";

export const updateService = ({ store, runtime }: EcsDeps) => async (input: UpdateServiceRequest, ctx: RequestContext) => {
  const cluster = store.cluster(ctx, input.cluster);
  const svc = store.service(ctx, cluster, input.service ?? "");
  if (svc.status !== "ACTIVE") throw new AwsError("ServiceNotActiveException", "Service was not ACTIVE.", 400);
  if (input.desiredCount !== undefined && input.desiredCount < 0) throw invalidParameter("desiredCount cannot be negative.");
  let td = store.taskDefinition(ctx, svc.deployments[0].taskDefinition);
  let redeploy = Boolean(input.forceNewDeployment);
  if (input.taskDefinition) {
    td = store.taskDefinition(ctx, input.taskDefinition);
    if (td?.status !== "ACTIVE") throw clientException(`TaskDefinition not found: ${input.taskDefinition}`);
    redeploy ||= td.taskDefinitionArn !== svc.deployments[0].taskDefinition;
  }
  if (!td) throw clientException("TaskDefinition not found.");
  if (input.loadBalancers) {
    svc.loadBalancers = await checkLoadBalancers(ctx, td, input.loadBalancers);
    redeploy = true;
  }
  if (input.serviceRegistries) {
    svc.serviceRegistries = await checkRegistries(ctx, input.serviceRegistries);
    redeploy = true;
  }
  let sc = svc.deployments[0].serviceConnectConfiguration
    ? { config: svc.deployments[0].serviceConnectConfiguration, resources: svc.deployments[0].serviceConnectResources, namespace: svc.scNamespace }
    : undefined;
  if (input.serviceConnectConfiguration) {
    sc = await resolveServiceConnect(ctx, cluster, td, input.serviceConnectConfiguration);
    svc.serviceConnectConfiguration = sc?.config;
    svc.scNamespace = sc?.namespace;
    redeploy = true;
  }
  if (input.desiredCount !== undefined) svc.desiredCount = input.desiredCount;
  if (input.healthCheckGracePeriodSeconds !== undefined) svc.healthCheckGracePeriodSeconds = input.healthCheckGracePeriodSeconds;
  if (input.deploymentConfiguration) svc.deploymentConfiguration = { ...svc.deploymentConfiguration, ...input.deploymentConfiguration };
  if (input.networkConfiguration) svc.networkConfiguration = input.networkConfiguration;
  if (input.enableExecuteCommand !== undefined) svc.enableExecuteCommand = input.enableExecuteCommand;
  if (input.propagateTags) svc.propagateTags = input.propagateTags;
  if (redeploy) {
    const now = Date.now();
    for (const d of svc.deployments) d.status = "ACTIVE";
    svc.taskDefinition = td.taskDefinitionArn;
    svc.deployments.unshift({
      id: newDeploymentId(),
      status: "PRIMARY",
      taskDefinition: td.taskDefinitionArn,
      createdAt: now,
      updatedAt: now,
      failedTasks: 0,
      rolloutState: "IN_PROGRESS",
      rolloutStateReason: "ECS deployment ecs-svc in progress.",
      serviceConnectConfiguration: sc?.config,
      serviceConnectResources: sc?.resources,
    });
  } else if (input.desiredCount !== undefined) {
    svc.deployments[0].rolloutState = "IN_PROGRESS";
    svc.deployments[0].updatedAt = Date.now();
  }
  store.saveService(svc);
  runtime.schedule(svc);
  return { service: serviceOutput(store, svc) } satisfies UpdateServiceResponse;
};
