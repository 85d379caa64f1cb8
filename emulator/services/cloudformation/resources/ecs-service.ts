// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-service.html
// Like CloudFormation, create and update wait until the service is stable (every task of
// the new deployment running and healthy), and delete waits until its tasks have stopped.
import * as schemas from "@aws-sdk/client-ecs";
import { AwsError } from "../../../core/errors.ts";
import { lowerTags, toInput, until } from "./ecs-platform-props.ts";
import { allTags, ignoreNotFound } from "./helpers.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";

const STABILIZE_MS = 90_000;
const CREATE_PROPS = [
  "Cluster",
  "ServiceName",
  "TaskDefinition",
  "DesiredCount",
  "LaunchType",
  "LoadBalancers",
  "NetworkConfiguration",
  "ServiceRegistries",
  "ServiceConnectConfiguration",
  "DeploymentConfiguration",
  "HealthCheckGracePeriodSeconds",
  "EnableExecuteCommand",
  "EnableECSManagedTags",
  "PropagateTags",
  "PlatformVersion",
  "SchedulingStrategy",
  "DeploymentController",
];
const UPDATE_PROPS = ["TaskDefinition", "DesiredCount", "LoadBalancers", "NetworkConfiguration", "ServiceRegistries", "ServiceConnectConfiguration", "DeploymentConfiguration", "HealthCheckGracePeriodSeconds", "EnableExecuteCommand", "PropagateTags"];

const pick = (props: Record<string, any>, keys: string[]) => Object.fromEntries(keys.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]));
const clusterOf = (arn: string) => arn.split("/").slice(-2)[0];

async function stable(ctx: ResourceContext, cluster: string, name: string) {
  const read = async () => (await ctx.api.call("ecs", "DescribeServices", { cluster, services: [name] })).services?.[0];
  return until(
    async () => {
      const s = await read();
      return s && s.deployments?.length === 1 && s.runningCount === s.desiredCount && s.deployments[0].rolloutState === "COMPLETED" ? s : undefined;
    },
    STABILIZE_MS,
    async () => {
      const s = await read();
      return new AwsError("NotStabilized", `ECS service ${name} did not stabilize within ${STABILIZE_MS / 1000} s (running ${s?.runningCount}/${s?.desiredCount}). Latest event: ${s?.events?.[0]?.message ?? "none"}`, 400);
    },
  );
}

const result = (s: { serviceArn: string; serviceName: string }) => ({ physicalId: s.serviceArn, arn: s.serviceArn, attributes: { ServiceArn: s.serviceArn, Name: s.serviceName } });

export const ecsService: ResourceModule = {
  type: "AWS::ECS::Service",
  replaceOn: ["Cluster", "ServiceName", "LaunchType", "SchedulingStrategy", "DeploymentController", "Role"],
  nameProperty: "ServiceName",
  properties: [...CREATE_PROPS, "Tags", "Role", "CapacityProviderStrategy", "PlacementConstraints", "PlacementStrategies"],
  async create(props, ctx) {
    const input = toInput(schemas, "CreateService", pick(props, CREATE_PROPS));
    input.serviceName ??= ctx.physicalName({ maxLength: 255 });
    input.desiredCount ??= 1;
    const tags = allTags(props, ctx);
    const out = await ctx.api.call("ecs", "CreateService", { ...input, tags: tags.length ? lowerTags(tags) : undefined });
    const cluster = clusterOf(out.service.serviceArn);
    return result(await stable(ctx, cluster, input.serviceName));
  },
  async update(arn, props, _old, ctx) {
    const input = toInput(schemas, "UpdateService", pick(props, UPDATE_PROPS));
    await ctx.api.call("ecs", "UpdateService", { ...input, desiredCount: input.desiredCount ?? 1, cluster: clusterOf(arn), service: arn });
    return result(await stable(ctx, clusterOf(arn), arn.split("/").pop()!));
  },
  async delete(arn, _props, ctx) {
    const cluster = clusterOf(arn);
    try {
      await ctx.api.call("ecs", "DeleteService", { cluster, service: arn, force: true });
    } catch (e) {
      if ((e as AwsError).code === "InvalidParameterException") return; // already INACTIVE
      return ignoreNotFound(e);
    }
    await until(
      async () => ((await ctx.api.call("ecs", "DescribeServices", { cluster, services: [arn] })).services?.[0]?.status === "INACTIVE" ? true : undefined),
      60_000,
      () => new AwsError("NotStabilized", `ECS service ${arn} did not drain within 60 s`, 400),
    );
  },
};
