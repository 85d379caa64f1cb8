import type { ListInstancesRequest, ListInstancesResponse } from "@aws-sdk/client-servicediscovery";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudMapStore } from "../store.ts";

export const listInstances = (store: CloudMapStore) => (input: ListInstancesRequest, ctx: RequestContext) => {
  const s = store.service(ctx, input.ServiceId ?? "");
  return {
    ResourceOwner: ctx.accountId,
    Instances: store.instancesOf(store.serviceKey(s)).map((i) => ({ Id: i.Id, Attributes: i.Attributes })),
  } satisfies ListInstancesResponse;
};
