import type { DescribeServicesRequest, DescribeServicesResponse } from "@aws-sdk/client-ecs";
import type { RequestContext } from "../../../core/service.ts";
import type { EcsDeps } from "../deps.ts";
import { serviceOutput } from "../output.ts";
import { invalidParameter, serviceNameOf } from "../store.ts";

export const describeServices = ({ store }: EcsDeps) => (input: DescribeServicesRequest, ctx: RequestContext) => {
  const cluster = store.cluster(ctx, input.cluster);
  const refs = input.services ?? [];
  if (!refs.length || refs.length > 10) throw invalidParameter("services must list between 1 and 10 services.");
  const out: DescribeServicesResponse = { services: [], failures: [] };
  for (const ref of refs) {
    const svc = store.services.get(store.serviceKey(ctx, cluster.clusterName, serviceNameOf(ref)));
    if (svc) out.services!.push(serviceOutput(store, svc, input.include?.includes("TAGS")));
    else out.failures!.push({ arn: ref.includes(":") ? ref : `arn:aws:ecs:${ctx.region}:${ctx.accountId}:service/${cluster.clusterName}/${ref}`, reason: "MISSING" });
  }
  return out;
};
