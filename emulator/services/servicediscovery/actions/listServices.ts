import type { ListServicesRequest, ListServicesResponse } from "@aws-sdk/client-servicediscovery";
import type { RequestContext } from "../../../core/service.ts";
import { type CloudMapStore, serviceOutput } from "../store.ts";

export const listServices = (store: CloudMapStore) => (input: ListServicesRequest, ctx: RequestContext) => {
  const nsFilter = input.Filters?.find((f) => f.Name === "NAMESPACE_ID");
  const all = [...store.services.values()].filter(
    (s) => s.accountId === ctx.accountId && s.region === ctx.region && (!nsFilter || (nsFilter.Values ?? []).includes(s.NamespaceId)),
  );
  return {
    Services: all.map((s) => {
      const { NamespaceId: _ns, ...summary } = serviceOutput(s, store.instancesOf(store.serviceKey(s)).length);
      return summary;
    }),
  } satisfies ListServicesResponse;
};
