import type { ListServicesRequest, ListServicesResponse } from "@aws-sdk/client-ecs";
import type { RequestContext } from "../../../core/service.ts";
import type { EcsDeps } from "../deps.ts";
import { page } from "./page.ts";

export const listServices = ({ store }: EcsDeps) => (input: ListServicesRequest, ctx: RequestContext) => {
  const cluster = store.cluster(ctx, input.cluster);
  const arns = store
    .servicesInCluster(cluster)
    .filter((s) => s.status !== "INACTIVE" && (!input.launchType || s.launchType === input.launchType))
    .map((s) => s.serviceArn);
  const { items, nextToken } = page(arns, input.maxResults, input.nextToken);
  return { serviceArns: items, nextToken } satisfies ListServicesResponse;
};
