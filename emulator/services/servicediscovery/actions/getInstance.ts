import type { GetInstanceRequest, GetInstanceResponse } from "@aws-sdk/client-servicediscovery";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudMapStore } from "../store.ts";

export const getInstance = (store: CloudMapStore) => (input: GetInstanceRequest, ctx: RequestContext) => {
  const s = store.service(ctx, input.ServiceId ?? "");
  const i = store.instances.get(store.instanceKey(store.serviceKey(s), input.InstanceId ?? ""));
  if (!i) throw new AwsError("InstanceNotFound", `Instance ${input.InstanceId} not found in ${s.Id}.`, 400);
  return { ResourceOwner: ctx.accountId, Instance: { Id: i.Id, Attributes: i.Attributes, CreatorRequestId: i.CreatorRequestId } } satisfies GetInstanceResponse;
};
