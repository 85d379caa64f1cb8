import type { RegisterInstanceRequest, RegisterInstanceResponse } from "@aws-sdk/client-servicediscovery";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudMapStore } from "../store.ts";

export const registerInstance = (store: CloudMapStore) => (input: RegisterInstanceRequest, ctx: RequestContext) => {
  const s = store.service(ctx, input.ServiceId ?? "");
  const id = input.InstanceId ?? "";
  if (!id || id.length > 64) throw new AwsError("InvalidInput", "InstanceId must be 1-64 characters.", 400);
  const attrs = input.Attributes ?? {};
  const ns = store.namespace(ctx, s.NamespaceId);
  if (ns.Type !== "HTTP" && !attrs.AWS_INSTANCE_IPV4 && !attrs.AWS_INSTANCE_IPV6 && !attrs.AWS_ALIAS_DNS_NAME) {
    throw new AwsError("InvalidInput", "A DNS namespace instance needs AWS_INSTANCE_IPV4, AWS_INSTANCE_IPV6 or AWS_ALIAS_DNS_NAME.", 400);
  }
  const key = store.serviceKey(s);
  // Registering an existing InstanceId updates it (the documented upsert behaviour).
  store.instances.set(store.instanceKey(key, id), { serviceKey: key, Id: id, Attributes: attrs, CreatorRequestId: input.CreatorRequestId, HealthStatus: "HEALTHY" });
  return { OperationId: store.operation(ctx, "REGISTER_INSTANCE", { INSTANCE: id, SERVICE: s.Id }) } satisfies RegisterInstanceResponse;
};
