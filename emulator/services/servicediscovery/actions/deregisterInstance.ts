import type { DeregisterInstanceRequest, DeregisterInstanceResponse } from "@aws-sdk/client-servicediscovery";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudMapStore } from "../store.ts";

export const deregisterInstance = (store: CloudMapStore) => (input: DeregisterInstanceRequest, ctx: RequestContext) => {
  const s = store.service(ctx, input.ServiceId ?? "");
  if (!store.instances.delete(store.instanceKey(store.serviceKey(s), input.InstanceId ?? ""))) {
    throw new AwsError("InstanceNotFound", `Instance ${input.InstanceId} not found in ${s.Id}.`, 400);
  }
  return { OperationId: store.operation(ctx, "DEREGISTER_INSTANCE", { INSTANCE: input.InstanceId ?? "", SERVICE: s.Id }) } satisfies DeregisterInstanceResponse;
};
