import type { ListNamespacesRequest, ListNamespacesResponse } from "@aws-sdk/client-servicediscovery";
import type { RequestContext } from "../../../core/service.ts";
import { type CloudMapStore, type NamespaceRecord, namespaceOutput } from "../store.ts";

function matches(ns: NamespaceRecord, f: { Name?: string; Values?: string[]; Condition?: string }): boolean {
  const value = f.Name === "TYPE" ? ns.Type : f.Name === "HTTP_NAME" ? ns.HttpName : f.Name === "RESOURCE_OWNER" ? ns.accountId : ns.Name;
  const values = f.Values ?? [];
  if (f.Condition === "BEGINS_WITH") return values.some((v) => value.startsWith(v));
  return values.includes(value);
}

export const listNamespaces = (store: CloudMapStore) => (input: ListNamespacesRequest, ctx: RequestContext) => {
  const all = [...store.namespaces.values()].filter(
    (ns) => ns.accountId === ctx.accountId && ns.region === ctx.region && (input.Filters ?? []).every((f) => matches(ns, f)),
  );
  return { Namespaces: all.map((ns) => namespaceOutput(ns, store.servicesIn(ns.Id, ctx).length)) } satisfies ListNamespacesResponse;
};
