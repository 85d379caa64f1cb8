// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-servicediscovery-service.html
// Ref is the service id; GetAtt Id, Arn, Name.
import * as schemas from "@aws-sdk/client-servicediscovery";
import { toInput } from "./ecs-platform-props.ts";
import { allTags, ignoreNotFound } from "./helpers.ts";
import type { ResourceModule } from "./types.ts";

export const servicediscoveryService: ResourceModule = {
  type: "AWS::ServiceDiscovery::Service",
  replaceOn: ["Name", "NamespaceId", "HealthCheckCustomConfig", "HealthCheckConfig", "Type"],
  nameProperty: "Name",
  properties: ["Name", "NamespaceId", "Description", "DnsConfig", "HealthCheckConfig", "HealthCheckCustomConfig", "Type", "Tags"],
  async create(props, ctx) {
    const { Tags: _t, ...rest } = props;
    const input = toInput(schemas, "CreateService", rest);
    input.Name ??= ctx.physicalName({ maxLength: 63 }).toLowerCase();
    const s = (await ctx.api.call("servicediscovery", "CreateService", { ...input, Tags: allTags(props, ctx) })).Service;
    return { physicalId: s.Id, arn: s.Arn, attributes: { Id: s.Id, Arn: s.Arn, Name: s.Name } };
  },
  async delete(id, _props, ctx) {
    await ctx.api.call("servicediscovery", "DeleteService", { Id: id }).catch(ignoreNotFound);
  },
};
