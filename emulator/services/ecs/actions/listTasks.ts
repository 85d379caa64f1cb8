import type { ListTasksRequest, ListTasksResponse } from "@aws-sdk/client-ecs";
import type { RequestContext } from "../../../core/service.ts";
import type { EcsDeps } from "../deps.ts";
import { page } from "./page.ts";

// desiredStatus defaults to RUNNING, as in ECS; STOPPED lists recently stopped tasks.
export const listTasks = ({ store }: EcsDeps) => (input: ListTasksRequest, ctx: RequestContext) => {
  const cluster = store.cluster(ctx, input.cluster);
  const svc = input.serviceName ? store.service(ctx, cluster, input.serviceName) : undefined;
  const want = input.desiredStatus ?? "RUNNING";
  const family = input.family;
  const arns = store
    .tasksInCluster(cluster)
    .filter(
      (t) =>
        t.desiredStatus === want &&
        (!svc || t.serviceName === svc.serviceName) &&
        (!family || t.taskDefinitionArn.split("/").pop()!.split(":")[0] === family) &&
        (!input.startedBy || t.startedBy === input.startedBy) &&
        (!input.launchType || t.launchType === input.launchType),
    )
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((t) => t.taskArn);
  const { items, nextToken } = page(arns, input.maxResults, input.nextToken);
  return { taskArns: items, nextToken } satisfies ListTasksResponse;
};
