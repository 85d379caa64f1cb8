import type { DeleteServiceRequest, DeleteServiceResponse } from "@aws-sdk/client-servicediscovery";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudMapStore } from "../store.ts";

export const deleteService = (store: CloudMapStore) => (input: DeleteServiceRequest, ctx: RequestContext) => {
  const s = store.service(ctx, input.Id ?? "");
  if (store.instancesOf(store.serviceKey(s)).length) throw new AwsError("ResourceInUse", `Service ${s.Id} still has registered instances.`, 400);
  store.services.delete(store.serviceKey(s));
  return {} satisfies DeleteServiceResponse;
};
