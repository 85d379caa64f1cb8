// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeleteService.html
import type { DeleteServiceRequest, DeleteServiceResponse } from "@aws-sdk/client-ecs";
import type { RequestContext } from "../../../core/service.ts";
import type { EcsDeps } from "../deps.ts";
import { serviceOutput } from "../output.ts";
import { invalidParameter, isLive } from "../store.ts";

// The service goes DRAINING while its tasks stop, then INACTIVE (still describable).
export const deleteService = ({ store, runtime, releaseMesh }: EcsDeps) => async (input: DeleteServiceRequest, ctx: RequestContext) => {
  const cluster = store.cluster(ctx, input.cluster);
  const svc = store.service(ctx, cluster, input.service ?? "");
  if (svc.status === "INACTIVE") throw invalidParameter("The service cannot be deleted because it is INACTIVE.");
  if (svc.desiredCount > 0 && !input.force) throw invalidParameter("The service cannot be stopped while it is scaled above 0.");
  svc.status = "DRAINING";
  svc.desiredCount = 0;
  store.saveService(svc);
  const out = serviceOutput(store, svc);
  const stopping = store.tasksOf(svc).filter(isLive).map((t) => runtime.terminate(t, "Service deleted", "ServiceSchedulerInitiated"));
  void Promise.all(stopping).then(async () => {
    const cur = store.services.get(store.serviceKey(svc, svc.clusterName, svc.serviceName));
    if (cur && cur.status === "DRAINING") {
      cur.status = "INACTIVE";
      store.saveService(cur);
    }
    await releaseMesh(svc);
    // ECS removes the Cloud Map services it created for Service Connect with the service.
    const created = new Set(svc.deployments.flatMap((d) => d.serviceConnectResources ?? []).map((r) => r.discoveryArn));
    for (const arn of created) {
      const inUse = [...store.services.values()].some((o) => o.status === "ACTIVE" && o.deployments.some((d) => d.serviceConnectResources?.some((r) => r.discoveryArn === arn)));
      if (!inUse) await ctx.emulator.call("servicediscovery", "DeleteService", { Id: arn.split("/").pop() }).catch(() => undefined);
    }
  });
  return { service: out } satisfies DeleteServiceResponse;
};
