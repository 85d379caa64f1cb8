import type { GetNamespaceRequest, GetNamespaceResponse } from "@aws-sdk/client-servicediscovery";
import type { RequestContext } from "../../../core/service.ts";
import { type CloudMapStore, namespaceOutput } from "../store.ts";

export const getNamespace = (store: CloudMapStore) => (input: GetNamespaceRequest, ctx: RequestContext) => {
  const ns = store.namespace(ctx, input.Id ?? "");
  return { Namespace: namespaceOutput(ns, store.servicesIn(ns.Id, ctx).length) } satisfies GetNamespaceResponse;
};
