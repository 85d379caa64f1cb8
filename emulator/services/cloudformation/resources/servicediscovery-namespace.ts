// AWS::ServiceDiscovery::PrivateDnsNamespace and ::HttpNamespace. Ref is the namespace id.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-servicediscovery-privatednsnamespace.html
import * as schemas from "@aws-sdk/client-servicediscovery";
import { AwsError } from "../../../core/errors.ts";
import { toInput } from "./ecs-platform-props.ts";
import { allTags, ignoreNotFound } from "./helpers.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";

async function result(id: string, ctx: ResourceContext) {
  const ns = (await ctx.api.call("servicediscovery", "GetNamespace", { Id: id })).Namespace;
  return { physicalId: id, arn: ns.Arn as string, attributes: { Id: id, Arn: ns.Arn, HostedZoneId: ns.Properties?.DnsProperties?.HostedZoneId } };
}

function namespaceModule(type: string, operation: string, properties: string[]): ResourceModule {
  return {
    type,
    replaceOn: ["Name", "Vpc"],
    nameProperty: "Name",
    properties: [...properties, "Tags"],
    async create(props, ctx) {
      const { Tags: _t, ...rest } = props;
      const out = await ctx.api.call("servicediscovery", operation, { ...toInput(schemas, operation, rest), Tags: allTags(props, ctx) });
      const op = (await ctx.api.call("servicediscovery", "GetOperation", { OperationId: out.OperationId })).Operation;
      if (op.Status !== "SUCCESS") throw new AwsError("InvalidRequest", `Namespace ${props.Name} was not created: ${op.ErrorMessage ?? op.Status}`, 400);
      return result(op.Targets.NAMESPACE, ctx);
    },
    async update(id, _props, _old, ctx) {
      return result(id, ctx);
    },
    async delete(id, _props, ctx) {
      await ctx.api.call("servicediscovery", "DeleteNamespace", { Id: id }).catch(ignoreNotFound);
    },
  };
}

export const servicediscoveryPrivateDnsNamespace = namespaceModule("AWS::ServiceDiscovery::PrivateDnsNamespace", "CreatePrivateDnsNamespace", ["Name", "Vpc", "Description", "Properties"]);
export const servicediscoveryHttpNamespace = namespaceModule("AWS::ServiceDiscovery::HttpNamespace", "CreateHttpNamespace", ["Name", "Description"]);
