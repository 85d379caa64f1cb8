import type { DeleteNamespaceRequest, DeleteNamespaceResponse } from "@aws-sdk/client-servicediscovery";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import type { CloudMapStore } from "../store.ts";

export const deleteNamespace = (store: CloudMapStore) => (input: DeleteNamespaceRequest, ctx: RequestContext) => {
  const ns = store.namespace(ctx, input.Id ?? "");
  if (store.servicesIn(ns.Id, ctx).length) throw new AwsError("ResourceInUse", `Namespace ${ns.Id} still contains services.`, 400);
  store.namespaces.delete(scopedKey(ctx, ns.Id));
  return { OperationId: store.operation(ctx, "DELETE_NAMESPACE", { NAMESPACE: ns.Id }) } satisfies DeleteNamespaceResponse;
};
