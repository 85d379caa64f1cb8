import type { ListClustersRequest, ListClustersResponse } from "@aws-sdk/client-ecs";
import type { RequestContext } from "../../../core/service.ts";
import type { EcsDeps } from "../deps.ts";
import { page } from "./page.ts";

export const listClusters = ({ store }: EcsDeps) => (input: ListClustersRequest, ctx: RequestContext) => {
  const arns = [...store.clusters.values()].filter((c) => c.accountId === ctx.accountId && c.region === ctx.region && c.status === "ACTIVE").map((c) => c.clusterArn);
  const { items, nextToken } = page(arns, input.maxResults, input.nextToken);
  return { clusterArns: items, nextToken } satisfies ListClustersResponse;
};
