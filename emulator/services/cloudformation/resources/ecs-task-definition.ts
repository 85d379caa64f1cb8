// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-taskdefinition.html
// Every change registers a new revision (replacement); the old one is deregistered.
import * as schemas from "@aws-sdk/client-ecs";
import { lowerTags, toInput } from "./ecs-platform-props.ts";
import { allTags, ignoreNotFound } from "./helpers.ts";
import type { ResourceModule } from "./types.ts";

const PROPS = ["Family", "ContainerDefinitions", "Cpu", "Memory", "NetworkMode", "RequiresCompatibilities", "ExecutionRoleArn", "TaskRoleArn", "Volumes", "ProxyConfiguration", "RuntimePlatform", "PidMode", "IpcMode", "EphemeralStorage"];

export const ecsTaskDefinition: ResourceModule = {
  type: "AWS::ECS::TaskDefinition",
  properties: [...PROPS, "Tags"],
  async create(props, ctx) {
    const own = Object.fromEntries(PROPS.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]));
    const input = toInput(schemas, "RegisterTaskDefinition", own);
    input.family ??= ctx.physicalName({ maxLength: 255 });
    const tags = allTags(props, ctx);
    const out = await ctx.api.call("ecs", "RegisterTaskDefinition", { ...input, tags: tags.length ? lowerTags(tags) : undefined });
    const arn = out.taskDefinition.taskDefinitionArn as string;
    return { physicalId: arn, arn, attributes: { TaskDefinitionArn: arn } };
  },
  async delete(arn, _props, ctx) {
    await ctx.api.call("ecs", "DeregisterTaskDefinition", { taskDefinition: arn }).catch(ignoreNotFound);
  },
};
