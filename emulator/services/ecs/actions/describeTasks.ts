import type { DescribeTasksRequest, DescribeTasksResponse } from "@aws-sdk/client-ecs";
import type { RequestContext } from "../../../core/service.ts";
import type { EcsDeps } from "../deps.ts";
import { taskOutput } from "../output.ts";
import { invalidParameter } from "../store.ts";

export const describeTasks = ({ store }: EcsDeps) => (input: DescribeTasksRequest, ctx: RequestContext) => {
  const cluster = store.cluster(ctx, input.cluster);
  const refs = input.tasks ?? [];
  if (!refs.length || refs.length > 100) throw invalidParameter("tasks must list between 1 and 100 tasks.");
  const out: DescribeTasksResponse = { tasks: [], failures: [] };
  for (const ref of refs) {
    const t = store.task(ctx, ref);
    if (t && t.clusterName === cluster.clusterName) out.tasks!.push(taskOutput(t, input.include?.includes("TAGS")));
    else out.failures!.push({ arn: ref, reason: "MISSING" });
  }
  return out;
};
