import type { CreatePrivateDnsNamespaceRequest, CreatePrivateDnsNamespaceResponse } from "@aws-sdk/client-servicediscovery";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudMapStore } from "../store.ts";
import { createNamespace } from "./createNamespace.ts";

export const createPrivateDnsNamespace = (store: CloudMapStore) => (input: CreatePrivateDnsNamespaceRequest, ctx: RequestContext) =>
  createNamespace(store, "DNS_PRIVATE", input, ctx) satisfies CreatePrivateDnsNamespaceResponse;
