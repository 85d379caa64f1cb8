// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-cluster.html
// CapacityProviders and DefaultCapacityProviderStrategy are accepted: every task runs as a
// local process, whatever capacity it asked for.
import * as schemas from "@aws-sdk/client-ecs";
import { toInput, lowerTags } from "./ecs-platform-props.ts";
import { allTags, ignoreNotFound } from "./helpers.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";

async function put(name: string, props: Record<string, any>, ctx: ResourceContext) {
  const input = toInput(schemas, "CreateCluster", { ClusterSettings: props.ClusterSettings, ServiceConnectDefaults: props.ServiceConnectDefaults, Configuration: props.Configuration });
  const out = await ctx.api.call("ecs", "CreateCluster", { ...input, clusterName: name, tags: lowerTags(allTags(props, ctx)) });
  const arn = out.cluster.clusterArn as string;
  return { physicalId: name, arn, attributes: { Arn: arn } };
}

export const ecsCluster: ResourceModule = {
  type: "AWS::ECS::Cluster",
  replaceOn: ["ClusterName"],
  nameProperty: "ClusterName",
  properties: ["ClusterName", "ClusterSettings", "ServiceConnectDefaults", "Configuration", "CapacityProviders", "DefaultCapacityProviderStrategy", "Tags"],
  create: (props, ctx) => put(props.ClusterName ?? ctx.physicalName({ maxLength: 255 }), props, ctx),
  update: (name, props, _old, ctx) => put(name, props, ctx),
  async delete(name, _props, ctx) {
    await ctx.api.call("ecs", "DeleteCluster", { cluster: name }).catch(ignoreNotFound);
  },
};
