// https://docs.aws.amazon.com/cloud-map/latest/api/API_DiscoverInstances.html
// The SDK sends this to the `data-` host prefix; local clients set disableHostPrefix.
import type { DiscoverInstancesRequest, DiscoverInstancesResponse } from "@aws-sdk/client-servicediscovery";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudMapStore } from "../store.ts";

export const discoverInstances = (store: CloudMapStore) => (input: DiscoverInstancesRequest, ctx: RequestContext) => {
  const ns = store.namespaceByName(ctx, input.NamespaceName ?? "");
  if (!ns) throw new AwsError("NamespaceNotFound", `Namespace ${input.NamespaceName} not found.`, 400);
  const svc = store.servicesIn(ns.Id, ctx).find((s) => s.Name === input.ServiceName);
  if (!svc) throw new AwsError("ServiceNotFound", `Service ${input.ServiceName} not found in ${ns.Name}.`, 400);
  const want = input.HealthStatus ?? "ALL";
  let found = store.instancesOf(store.serviceKey(svc)).filter((i) => want === "ALL" || want === "HEALTHY_OR_ELSE_ALL" || i.HealthStatus === want);
  if (want === "HEALTHY_OR_ELSE_ALL" && found.some((i) => i.HealthStatus === "HEALTHY")) found = found.filter((i) => i.HealthStatus === "HEALTHY");
  const q = input.QueryParameters ?? {};
  found = found.filter((i) => Object.entries(q).every(([k, v]) => i.Attributes[k] === v));
  return {
    Instances: found.slice(0, input.MaxResults ?? 100).map((i) => ({
      InstanceId: i.Id,
      NamespaceName: ns.Name,
      ServiceName: svc.Name,
      HealthStatus: i.HealthStatus,
      Attributes: i.Attributes,
    })),
    InstancesRevision: found.length,
  } satisfies DiscoverInstancesResponse;
};
