import type { StopTaskRequest, StopTaskResponse } from "@aws-sdk/client-ecs";
import type { RequestContext } from "../../../core/service.ts";
import type { EcsDeps } from "../deps.ts";
import { taskOutput } from "../output.ts";
import { invalidParameter } from "../store.ts";

// A stopped service task is replaced by the scheduler; its stoppedReason is the given reason.
export const stopTask = ({ store, runtime }: EcsDeps) => (input: StopTaskRequest, ctx: RequestContext) => {
  const cluster = store.cluster(ctx, input.cluster);
  const t = store.task(ctx, input.task ?? "");
  if (!t || t.clusterName !== cluster.clusterName) throw invalidParameter("The referenced task was not found.");
  const done = runtime.terminate(t, input.reason ?? "Task stopped by user", "UserInitiated");
  if (t.serviceName) {
    const svc = store.services.get(store.serviceKey(t, t.clusterName, t.serviceName));
    void done.then(() => svc && runtime.schedule(svc));
    if (svc) runtime.schedule(svc);
  }
  return { task: taskOutput(t) } satisfies StopTaskResponse;
};
