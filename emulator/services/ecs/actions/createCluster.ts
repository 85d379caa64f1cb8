import type { CreateClusterRequest, CreateClusterResponse } from "@aws-sdk/client-ecs";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import type { EcsDeps } from "../deps.ts";
import { clusterOutput } from "../output.ts";
import { invalidParameter } from "../store.ts";

// CreateCluster is idempotent: an existing cluster of that name is returned (and reactivated).
export const createCluster = ({ store }: EcsDeps) => (input: CreateClusterRequest, ctx: RequestContext) => {
  const name = input.clusterName ?? "default";
  if (!/^[a-zA-Z0-9_-]{1,255}$/.test(name)) throw invalidParameter("Cluster name can have up to 255 letters, numbers, hyphens and underscores.");
  const key = scopedKey(ctx, name);
  const existing = store.clusters.get(key);
  const c = store.clusters.set(key, {
    accountId: ctx.accountId,
    region: ctx.region,
    clusterName: name,
    clusterArn: `arn:aws:ecs:${ctx.region}:${ctx.accountId}:cluster/${name}`,
    status: "ACTIVE",
    tags: input.tags ?? existing?.tags ?? [],
    settings: input.settings ?? existing?.settings ?? [{ name: "containerInsights", value: "disabled" }],
    serviceConnectDefaults: input.serviceConnectDefaults ?? existing?.serviceConnectDefaults,
    createdAt: existing?.createdAt ?? Date.now(),
  });
  return { cluster: clusterOutput(store, c, ["TAGS", "SETTINGS"]) } satisfies CreateClusterResponse;
};
