import type { DeleteClusterRequest, DeleteClusterResponse } from "@aws-sdk/client-ecs";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import type { EcsDeps } from "../deps.ts";
import { clusterOutput } from "../output.ts";
import { isLive } from "../store.ts";

export const deleteCluster = ({ store }: EcsDeps) => (input: DeleteClusterRequest, ctx: RequestContext) => {
  const c = store.cluster(ctx, input.cluster);
  if (store.servicesInCluster(c).some((s) => s.status !== "INACTIVE")) {
    throw new AwsError("ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active.", 400);
  }
  if (store.tasksInCluster(c).some(isLive)) throw new AwsError("ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active.", 400);
  c.status = "INACTIVE";
  store.clusters.set(scopedKey(ctx, c.clusterName), c);
  return { cluster: clusterOutput(store, c) } satisfies DeleteClusterResponse;
};
