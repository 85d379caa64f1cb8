import type { GetServiceRequest, GetServiceResponse } from "@aws-sdk/client-servicediscovery";
import type { RequestContext } from "../../../core/service.ts";
import { type CloudMapStore, serviceOutput } from "../store.ts";

export const getService = (store: CloudMapStore) => (input: GetServiceRequest, ctx: RequestContext) => {
  const s = store.service(ctx, input.Id ?? "");
  return { Service: serviceOutput(s, store.instancesOf(store.serviceKey(s)).length) } satisfies GetServiceResponse;
};
